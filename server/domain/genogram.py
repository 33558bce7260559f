"""The genogram and the network map: persons, the lines between them, and the rules a family
tree must keep (no one their own ancestor, two biological parents at most, parents born first).

Every change is checked against the whole tree as it would be afterwards, so an edit of a birth
year is held to the same rules as a new line."""

import re
from collections.abc import Iterable

from msgspec.structs import replace

from server.domain import safety
from server.domain.errors import Rejected, require
from server.domain.permissions import can
from server.domain.state import State
from server.domain.text import NAME_MAX, clean
from shared_schema import (
    AddPerson,
    AddRelation,
    Change,
    DeletePerson,
    DeleteRelation,
    EditPerson,
    EditRelation,
    JoinGenogram,
    Kinship,
    NudgePerson,
    Participant,
    Person,
    PlacePerson,
    Relation,
    RelationKind,
    Remove,
    ScreenView,
    Sex,
    ShowOnScreen,
    Upsert,
)
from shared_schema.genogram import COUPLE_KINDS, EMOTIONAL_KINDS, PARENT_KINDS, PersonFields

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
                    f"{child.name} har allerede to biologiske forældre. "
                    "Et barn kan højst have to biologiske forældre.",
                )
        if parent.born is not None and child.born is not None and parent.born >= child.born:
            raise Rejected(
                "born_after_child",
                f"{parent.name} (født {parent.born}) kan ikke være forælder til "
                f"{child.name} (født {child.born}). En forælder skal være født før sit barn.",
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
                        f"{persons[up].name} kan ikke være sin egen forfader. "
                        "Forbindelsen ville lave en løkke i slægten.",
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
    found = state.persons.get(person_id)
    if found is None:
        raise Rejected("not_found", "Personen findes ikke (længere) i genogrammet.")
    return found


def person_fields(given: PersonFields | Person) -> dict[str, object]:
    """The person's details, cleaned; raises Rejected when one cannot be kept. From an intent,
    or from a person drawn in another meeting (a follow-up's copy)."""
    died = given.died if given.deceased else None
    if died is not None and given.born is not None:
        require(died >= given.born, "invalid", "Dødsåret kan ikke ligge før fødselsåret.")
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


def _room_for(state: State, persons: int) -> None:
    require(
        len(state.persons) + persons <= PERSONS_MAX,
        "too_large",
        f"Genogrammet har nået grænsen på {PERSONS_MAX} personer.",
    )


def add_person(state: State, intent: AddPerson, actor: Participant, now: float) -> list[Change]:
    require(can(actor.role, "genogram.edit"))
    require(intent.person_id not in state.persons, "conflict", "Personen findes allerede.")
    _room_for(state, 1)
    person = Person(id=intent.person_id, **person_fields(intent))  # type: ignore[arg-type]
    return [Upsert(entity=person)]


def edit_person(state: State, intent: EditPerson, actor: Participant, now: float) -> list[Change]:
    """The facilitator edits anyone; a participant edits the person they added as themselves,
    but only the facilitator decides who is the child in focus and who is in the genogram."""
    person = _person(state, intent.person_id)
    everything = can(actor.role, "genogram.edit")
    # Whoever may add themselves may edit the person they added.
    require(everything or (can(actor.role, "genogram.join") and person.participant == actor.id))
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
    require(can(actor.role, "genogram.edit"))
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
    require(can(actor.role, "genogram.edit"))
    person = _person(state, intent.person_id)
    if (person.dx, person.dy) == (intent.dx, intent.dy):
        return []
    return [Upsert(entity=replace(person, dx=intent.dx, dy=intent.dy))]


def place_person(state: State, intent: PlacePerson, actor: Participant, now: float) -> list[Change]:
    require(can(actor.role, "network.place"))
    person = _person(state, intent.person_id)
    require(
        not person.focus,
        "invalid",
        "Barnet i fokus står altid i midten af netværkskortet.",
    )
    if intent.ring is None:
        placed = replace(person, ring=None, sector=None, angle=0.5)
    else:
        require(intent.sector is not None, "invalid", "Vælg et område på netværkskortet.")
        placed = replace(person, ring=intent.ring, sector=intent.sector, angle=intent.angle)
    return [] if placed == person else [Upsert(entity=placed)]


# -- "Jeg er barnets …" from the phone ----------------------------------------------------------

_SEX: dict[Kinship, Sex] = {
    "mor": "female",
    "plejemor": "female",
    "mormor": "female",
    "farmor": "female",
    "moster": "female",
    "faster": "female",
    "soester": "female",
    "far": "male",
    "plejefar": "male",
    "morfar": "male",
    "farfar": "male",
    "morbror": "male",
    "farbror": "male",
    "bror": "male",
}


class _Draft:
    """Persons and lines a kinship adds, with ids made from the new person's id."""

    def __init__(self, state: State, base: str) -> None:
        self.state = state
        self.base = base[:34]
        self.persons: dict[str, Person] = {}
        self.relations: list[Relation] = []

    def all_persons(self) -> dict[str, Person]:
        return {**self.state.persons, **self.persons}

    def placeholder(self, name: str, sex: Sex) -> Person:
        person_id = f"{self.base}-p{len(self.persons)}"
        require(person_id not in self.state.persons, "conflict", "Personen findes allerede.")
        person = Person(id=person_id, name=name, sex=sex)
        self.persons[person_id] = person
        return person

    def line(self, kind: RelationKind, parent: str, child: str) -> None:
        relation_id = f"{self.base}-r{len(self.relations)}"
        require(
            relation_id not in self.state.relations, "conflict", "Forbindelsen findes allerede."
        )
        self.relations.append(Relation(id=relation_id, kind=kind, a=parent, b=child))

    def parents(
        self, child: str, sex: Sex | None = None, kinds: tuple[str, ...] = ("biological", "adopted")
    ) -> list[Person]:
        everyone = self.all_persons()
        lines = [*self.state.relations.values(), *self.relations]
        found = [everyone[r.a] for r in lines if r.b == child and r.kind in kinds]
        return [p for p in found if sex is None or p.sex == sex]

    def children(self, parents: list[Person], besides: str) -> list[Person]:
        """The children of any of these parents but one: the siblings of `besides`."""
        everyone = self.all_persons()
        ids = {parent.id for parent in parents}
        lines = [*self.state.relations.values(), *self.relations]
        found = {
            r.b
            for r in lines
            if r.a in ids and r.b != besides and r.kind in ("biological", "adopted")
        }
        return [everyone[person_id] for person_id in sorted(found)]

    def parent(self, child: str, sex: Sex, name: str) -> Person:
        """The child's mother or father, or a placeholder the facilitator can name later."""
        known = self.parents(child, sex)
        if known:
            return known[0]
        made = self.placeholder(name, sex)
        self.line("biological", made.id, child)
        return made

    def grandparents(self, parent: Person, name: str) -> list[Person]:
        known = self.parents(parent.id)
        if known:
            return known
        made = self.placeholder(name, "unknown")
        self.line("biological", made.id, parent.id)
        return [made]


PLACEHOLDERS = frozenset({"Mor", "Far", "Mors forælder", "Fars forælder", "Forælder"})


def _already_drawn(candidates: list[Person], me: Person) -> Person | None:
    """Someone in the drawing who must be the person joining: a placeholder made for them, or
    the facilitator's drawing of them by the same name. Nobody's yet, and of their sex (a
    placeholder may be of unknown sex)."""
    for person in candidates:
        if person.participant is not None:
            continue
        if person.name in PLACEHOLDERS and person.sex in (me.sex, "unknown"):
            return person
        if person.name.casefold() == me.name.casefold() and person.sex == me.sex:
            return person
    return None


CHILD_PLACEHOLDER = "Barnet"


def child_name(title: str) -> str:
    """The child's name as the meeting's title gives it ("Emil, 9 år – opfølgning" is Emil's):
    the words before the first comma, dash or bracket, when they look like a first name; else
    "Barnet", for the facilitator to name."""
    head = re.split(r"[,(–—:/]| - ", title, maxsplit=1)[0].strip()
    words = head.split()
    if 1 <= len(words) <= 2 and len(head) <= 40 and not any(c.isdigit() for c in head):
        return head
    return CHILD_PLACEHOLDER


def _focus_child(state: State, draft: _Draft) -> Person:
    """The child in focus; before the facilitator has drawn one, the child the meeting is
    about, drawn now from the meeting's title, so nobody waits to say who they are to it."""
    for person in state.persons.values():
        if person.focus:
            return person
    assert state.meeting is not None
    child = draft.placeholder(child_name(state.meeting.title), "unknown")
    child = replace(child, focus=True)
    draft.persons[child.id] = child
    return child


def join_genogram(
    state: State, intent: JoinGenogram, actor: Participant, now: float
) -> list[Change]:
    """A participant adds themselves with their kinship to the child in focus."""
    require(can(actor.role, "genogram.join"))
    require(
        all(person.participant != actor.id for person in state.persons.values()),
        "conflict",
        "Du er allerede med i genogrammet.",
    )
    require(intent.person_id not in state.persons, "conflict", "Personen findes allerede.")
    draft = _Draft(state, intent.person_id)
    child = _focus_child(state, draft)
    kin = intent.kinship
    me = Person(
        id=intent.person_id,
        name=actor.name,
        sex=_SEX.get(kin, intent.sex or "unknown"),
        born=intent.born,
        participant=actor.id,
        can_help=clean(intent.can_help, limit=CAN_HELP_MAX, required=False),
    )
    drawn: Person | None = None
    if kin in ("mor", "far"):
        drawn = _already_drawn(draft.parents(child.id), me)
        if drawn is None:
            draft.line("biological", me.id, child.id)
    elif kin in ("plejemor", "plejefar"):
        drawn = _already_drawn(draft.parents(child.id, kinds=("foster",)), me)
        if drawn is None:
            draft.line("foster", me.id, child.id)
    elif kin in ("mormor", "morfar", "farmor", "farfar"):
        mother_side = kin.startswith("mor")
        parent = draft.parent(
            child.id, "female" if mother_side else "male", "Mor" if mother_side else "Far"
        )
        drawn = _already_drawn(draft.parents(parent.id), me)
        if drawn is None:
            draft.line("biological", me.id, parent.id)
    elif kin in ("moster", "morbror", "faster", "farbror"):
        mother_side = kin in ("moster", "morbror")
        parent = draft.parent(
            child.id, "female" if mother_side else "male", "Mor" if mother_side else "Far"
        )
        grandparents = draft.grandparents(
            parent, "Mors forælder" if mother_side else "Fars forælder"
        )
        drawn = _already_drawn(draft.children(grandparents, besides=parent.id), me)
        if drawn is None:
            for grandparent in grandparents:
                draft.line("biological", grandparent.id, me.id)
    elif kin in ("soester", "bror"):
        parents = draft.parents(child.id) or [draft.parent(child.id, "unknown", "Forælder")]
        drawn = _already_drawn(draft.children(parents, besides=child.id), me)
        if drawn is None:
            for parent in parents:
                draft.line("biological", parent.id, me.id)
    else:
        # `anden`: in the genogram without a line, for the facilitator to draw; or the person
        # by their name drawn already (a follow-up's copied drawing holds everyone).
        drawn = _already_drawn(
            [p for p in state.persons.values() if p.name not in PLACEHOLDERS and not p.focus], me
        )
    if drawn is None:
        draft.persons[me.id] = me
    else:
        # The person is drawn already (by the facilitator, or as a placeholder): it becomes
        # theirs, keeping its lines; a placeholder takes their name.
        draft.persons[drawn.id] = replace(
            drawn,
            name=me.name if drawn.name in PLACEHOLDERS else drawn.name,
            sex=me.sex,
            born=drawn.born if me.born is None else me.born,
            participant=actor.id,
            can_help=me.can_help or drawn.can_help,
        )
    _room_for(state, len(set(draft.persons) - set(state.persons)))
    require(
        len(state.relations) + len(draft.relations) <= RELATIONS_MAX,
        "too_large",
        f"Genogrammet har nået grænsen på {RELATIONS_MAX} forbindelser.",
    )
    check_tree(draft.all_persons(), [*state.relations.values(), *draft.relations])
    return [
        *(Upsert(entity=person) for person in draft.persons.values()),
        *(Upsert(entity=relation) for relation in draft.relations),
    ]


# -- relations ---------------------------------------------------------------------------------


def _relation(state: State, relation_id: str) -> Relation:
    found = state.relations.get(relation_id)
    if found is None:
        raise Rejected("not_found", "Forbindelsen findes ikke (længere).")
    return found


def add_relation(state: State, intent: AddRelation, actor: Participant, now: float) -> list[Change]:
    require(can(actor.role, "genogram.edit"))
    require(intent.relation_id not in state.relations, "conflict", "Forbindelsen findes allerede.")
    require(
        len(state.relations) < RELATIONS_MAX,
        "too_large",
        f"Genogrammet har nået grænsen på {RELATIONS_MAX} forbindelser.",
    )
    _person(state, intent.a)
    _person(state, intent.b)
    require(intent.a != intent.b, "invalid", "En forbindelse går mellem to forskellige personer.")
    relation = Relation(id=intent.relation_id, kind=intent.relation_kind, a=intent.a, b=intent.b)
    require(
        not _pair_taken(state, relation),
        "conflict",
        "De to personer har allerede en forbindelse af den slags. Ret den i stedet.",
    )
    check_tree(state.persons, [*state.relations.values(), relation])
    return [Upsert(entity=relation)]


def edit_relation(
    state: State, intent: EditRelation, actor: Participant, now: float
) -> list[Change]:
    require(can(actor.role, "genogram.edit"))
    relation = _relation(state, intent.relation_id)
    require(
        intent.relation_kind in group(relation.kind),
        "invalid",
        "En forbindelse kan kun skifte til en anden af samme slags.",
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
    require(can(actor.role, "genogram.edit"))
    relation = _relation(state, intent.relation_id)
    return [Remove(kind="relation", id=relation.id)]


def show_on_screen(
    state: State, intent: ShowOnScreen, actor: Participant, now: float
) -> list[Change]:
    """Always a change, even to the same view: choosing again puts it back in front of a
    scaling question shown since. The scale is the newest question's, so there must be one."""
    require(can(actor.role, "screen.show"))
    assert state.meeting is not None
    if intent.shows == "scale" and not state.scales:
        raise Rejected("not_found", "Der er ikke stillet et skaleringsspørgsmål endnu.")
    return [Upsert(entity=ScreenView(id=state.meeting.id, shows=intent.shows, at=now))]


def forget_participant(state: State, participant_id: str) -> list[Change]:
    """Someone sent away stays in the genogram as a person, no longer tied to a participant."""
    return [
        Upsert(entity=replace(person, participant=None))
        for person in state.persons.values()
        if person.participant == participant_id
    ]
