"""The genogram and the network map: persons, the lines between them, and the rules a family
tree must keep (no one their own ancestor, two biological parents at most, parents born first).

Every change is checked against the whole tree as it would be afterwards, so an edit of a birth
year is held to the same rules as a new line. How a participant draws themselves in from the
phone is in kinship.py."""

from collections.abc import Iterable

from msgspec.structs import replace

from server.domain import permissions, safety
from server.domain.errors import Rejected, at_most, existing, require
from server.domain.state import State, upsert_if_changed
from server.domain.text import NAME_MAX, clean
from shared_schema import (
    AddPerson,
    AddRelation,
    Change,
    DeletePerson,
    DeleteRelation,
    EditPerson,
    EditRelation,
    NudgePerson,
    Participant,
    Person,
    PlacePerson,
    Relation,
    RelationKind,
    Remove,
    ScreenView,
    ShowOnScreen,
    Upsert,
)
from shared_schema.genogram import COUPLE_KINDS, EMOTIONAL_KINDS, PARENT_KINDS, PersonDetails

PERSONS_MAX = 80
RELATIONS_MAX = 240
HOUSEHOLD_MAX = 40
PERSON_NOTE_MAX = 300
CAN_HELP_MAX = 200

COUPLE: frozenset[RelationKind] = frozenset(COUPLE_KINDS)
PARENT: frozenset[RelationKind] = frozenset(PARENT_KINDS)
EMOTIONAL: frozenset[RelationKind] = frozenset(EMOTIONAL_KINDS)


def group(kind: RelationKind) -> frozenset[RelationKind]:
    """The kinds a line may change between: couple, parent–child or emotional."""
    return next(kinds for kinds in (COUPLE, PARENT, EMOTIONAL) if kind in kinds)


# -- the rules of a family tree ----------------------------------------------------------------


def check_tree(persons: dict[str, Person], relations: Iterable[Relation]) -> None:
    """Raise Rejected when the tree breaks a rule; each rule has its own stable code."""
    parents: dict[str, list[str]] = {}
    biological: dict[str, int] = {}
    for relation in relations:
        if relation.kind not in PARENT:
            continue
        parent, child = persons[relation.a], persons[relation.b]
        parents.setdefault(child.id, []).append(parent.id)
        if relation.kind == "biological":
            biological[child.id] = biological.get(child.id, 0) + 1
            if biological[child.id] > 2:
                raise Rejected(
                    "too_many_parents",
                    say="genogram.too_many_parents",
                    params={"child": child.name},
                )
        if parent.born is not None and child.born is not None and parent.born >= child.born:
            raise Rejected(
                "born_after_child",
                say="genogram.born_after_child",
                params={
                    "parent": parent.name,
                    "parent_born": parent.born,
                    "child": child.name,
                    "child_born": child.born,
                },
            )
    _refuse_loops(persons, parents)


def _refuse_loops(persons: dict[str, Person], parents: dict[str, list[str]]) -> None:
    done: set[str] = set()
    for start in parents:
        if start in done:
            continue
        # Depth-first up through the ancestors, without recursion (a tree may be deep).
        on_path: set[str] = set()
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            person_id, index = stack.pop()
            ups = parents.get(person_id, [])
            if index == 0:
                if person_id in done:
                    continue
                on_path.add(person_id)
            if index < len(ups):
                stack.append((person_id, index + 1))
                up = ups[index]
                if up in on_path:
                    raise Rejected(
                        "ancestry_loop",
                        say="genogram.ancestry_loop",
                        params={"person": persons[up].name},
                    )
                if up not in done:
                    stack.append((up, 0))
            else:
                on_path.discard(person_id)
                done.add(person_id)


def _pair_taken(state: State, relation: Relation) -> bool:
    """Two people share at most one couple line, one parent line and one emotional line."""
    pair = {relation.a, relation.b}
    kinds = group(relation.kind)
    return any(
        other.id != relation.id and other.kind in kinds and {other.a, other.b} == pair
        for other in state.relations.values()
    )


# -- persons -----------------------------------------------------------------------------------


def _person(state: State, person_id: str) -> Person:
    return existing(state.persons, person_id, "person.gone")


def person_fields(given: PersonDetails) -> dict[str, object]:
    """The person's details, cleaned; raises Rejected when one cannot be kept. From an intent,
    or from a person drawn in another meeting (a follow-up's copy)."""
    died = given.died if given.deceased else None
    if died is not None and given.born is not None:
        require(died >= given.born, "invalid", say="person.died_before_born")
    return {
        "name": clean(given.name, limit=NAME_MAX),
        "sex": given.sex,
        "born": given.born,
        "deceased": given.deceased,
        "died": died,
        "focus": given.focus,
        "household": clean(given.household, limit=HOUSEHOLD_MAX, required=False),
        "note": clean(given.note, limit=PERSON_NOTE_MAX, required=False, multiline=True),
        "in_genogram": given.in_genogram,
        "can_help": clean(given.can_help, limit=CAN_HELP_MAX, required=False),
    }


def room_for(state: State, persons: int) -> None:
    at_most(len(state.persons) + persons, PERSONS_MAX, "person.too_many")


def add_person(state: State, intent: AddPerson, actor: Participant, now: float) -> list[Change]:
    require(intent.person_id not in state.persons, "conflict", say="person.exists")
    room_for(state, 1)
    person = Person(id=intent.person_id, **person_fields(intent))  # type: ignore[arg-type]
    return [Upsert(entity=person)]


def edit_person(state: State, intent: EditPerson, actor: Participant, now: float) -> list[Change]:
    """The facilitator edits anyone; a participant edits the person they added as themselves,
    but only the facilitator decides who is the child in focus and who is in the genogram."""
    person = _person(state, intent.person_id)
    permissions.require_own(EditPerson, actor, person.participant == actor.id)
    everything = permissions.may(EditPerson, actor.role)
    fields = person_fields(intent)
    if not everything:
        fields["focus"] = person.focus
        fields["in_genogram"] = person.in_genogram
    edited = replace(person, **fields)
    if edited == person:
        return []
    check_tree({**state.persons, person.id: edited}, state.relations.values())
    return [Upsert(entity=edited)]


def delete_person(
    state: State, intent: DeletePerson, actor: Participant, now: float
) -> list[Change]:
    """Lines to a person do not outlive them."""
    person = _person(state, intent.person_id)
    lines: list[Change] = [
        Remove(kind="relation", id=relation.id)
        for relation in state.relations.values()
        if person.id in (relation.a, relation.b)
    ]
    return [
        *lines,
        *safety.forget_genogram_person(state, person.id),
        Remove(kind="person", id=person.id),
    ]


def nudge_person(state: State, intent: NudgePerson, actor: Participant, now: float) -> list[Change]:
    person = _person(state, intent.person_id)
    if (person.dx, person.dy) == (intent.dx, intent.dy):
        return []
    return [Upsert(entity=replace(person, dx=intent.dx, dy=intent.dy))]


def place_person(state: State, intent: PlacePerson, actor: Participant, now: float) -> list[Change]:
    person = _person(state, intent.person_id)
    require(
        not person.focus,
        "invalid",
        say="network.focus_in_middle",
    )
    if intent.ring is None:
        placed = replace(person, ring=None, sector=None, angle=0.5)
    else:
        require(intent.sector is not None, "invalid", say="network.sector_missing")
        placed = replace(person, ring=intent.ring, sector=intent.sector, angle=intent.angle)
    return upsert_if_changed(person, placed)


# -- relations ---------------------------------------------------------------------------------


def _relation(state: State, relation_id: str) -> Relation:
    return existing(state.relations, relation_id, "relation.gone")


def add_relation(state: State, intent: AddRelation, actor: Participant, now: float) -> list[Change]:
    require(intent.relation_id not in state.relations, "conflict", say="relation.exists")
    at_most(len(state.relations) + 1, RELATIONS_MAX, "relation.too_many")
    _person(state, intent.a)
    _person(state, intent.b)
    require(intent.a != intent.b, "invalid", say="relation.same_person")
    relation = Relation(id=intent.relation_id, kind=intent.relation_kind, a=intent.a, b=intent.b)
    require(
        not _pair_taken(state, relation),
        "conflict",
        say="relation.twice",
    )
    check_tree(state.persons, [*state.relations.values(), relation])
    return [Upsert(entity=relation)]


def edit_relation(
    state: State, intent: EditRelation, actor: Participant, now: float
) -> list[Change]:
    relation = _relation(state, intent.relation_id)
    require(
        intent.relation_kind in group(relation.kind),
        "invalid",
        say="relation.other_group",
    )
    if intent.relation_kind == relation.kind:
        return []
    edited = replace(relation, kind=intent.relation_kind)
    others = [r for r in state.relations.values() if r.id != relation.id]
    check_tree(state.persons, [*others, edited])
    return [Upsert(entity=edited)]


def delete_relation(
    state: State, intent: DeleteRelation, actor: Participant, now: float
) -> list[Change]:
    relation = _relation(state, intent.relation_id)
    return [Remove(kind="relation", id=relation.id)]


def show_on_screen(
    state: State, intent: ShowOnScreen, actor: Participant, now: float
) -> list[Change]:
    """Always a change, even to the same view: choosing again puts it back in front of a
    scaling question shown since. The scale is the newest question's, so there must be one."""
    assert state.meeting is not None
    if intent.shows == "scale" and not state.scales:
        raise Rejected("not_found", say="screen.no_scale")
    return [Upsert(entity=ScreenView(id=state.meeting.id, shows=intent.shows, at=now))]


def forget_participant(state: State, participant_id: str) -> list[Change]:
    """Someone sent away stays in the genogram as a person, no longer tied to a participant."""
    return [
        Upsert(entity=replace(person, participant=None))
        for person in state.persons.values()
        if person.participant == participant_id
    ]
