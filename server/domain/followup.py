"""What a follow-up meeting carries of its case: the last meeting's open agreements and safety
plan, and the genogram and network map of the latest earlier drawing, copied under new ids, so
the family edits last time's drawing instead of drawing it again.

Participants belong to one meeting: a person tied to a participant of the earlier meeting is
copied tied to nobody. When that relative joins the follow-up and says "Jeg er barnets …", the
drawing by their name becomes theirs again (see kinship.join_genogram), by their own act."""

from collections.abc import Callable

import msgspec
from msgspec.structs import replace

from server.domain import visibility
from server.domain.errors import Rejected, require
from server.domain.genogram import (
    PERSONS_MAX,
    RELATIONS_MAX,
    check_tree,
    person_fields,
)
from server.domain.state import State
from server.domain.visibility import RECORD
from shared_schema import (
    Agreement,
    Carried,
    CarriedDrawing,
    Change,
    DrawingCopy,
    Relation,
    SignStep,
    Upsert,
)
from shared_schema.safety import SafetyItem


def copy_drawing(
    earlier: State, from_meeting: str, held_at: float, make_id: Callable[[], str]
) -> DrawingCopy | None:
    """A copy of an earlier meeting's drawing, or None when it has none. Persons and lines keep
    their order (the layout reads it), content, places and nudges."""
    if not earlier.persons:
        return None
    new_ids = {old: make_id() for old in earlier.persons}
    persons = [
        replace(person, id=new_ids[person.id], participant=None)
        for person in earlier.persons.values()
    ]
    relations = [
        replace(relation, id=make_id(), a=new_ids[relation.a], b=new_ids[relation.b])
        for relation in earlier.relations.values()
        if relation.a in new_ids and relation.b in new_ids
    ]
    return DrawingCopy(
        from_meeting=from_meeting,
        held_at=held_at,
        persons=persons,
        relations=relations,
    )


class Earlier(msgspec.Struct, kw_only=True):
    """An earlier, closed meeting of the case, as its Room holds it."""

    id: str
    held_at: float
    state: State


def has_drawing(earlier: State) -> bool:
    """Whether a meeting's drawing, as its record shows it, has anyone in it to carry."""
    return bool(visibility.state_for(earlier, RECORD).persons)


def carry_forward(
    last: Earlier | None, drawn: Earlier | None, make_id: Callable[[], str]
) -> Carried:
    """What a follow-up carries of its case: `last` is the case's most recently closed
    meeting, `drawn` the most recently closed one with a drawing (often the same). Everything
    carried gets new ids; people are named, since the new meeting has new participants."""
    drawing = None
    if drawn is not None:
        drawing = copy_drawing(
            visibility.state_for(drawn.state, RECORD), drawn.id, drawn.held_at, make_id
        )
    if last is None:
        return Carried(drawing=drawing)
    return Carried(
        agreements=open_agreements(last, make_id),
        safety=open_plan(last, make_id),
        drawing=drawing,
    )


def open_agreements(last: Earlier, make_id: Callable[[], str]) -> list[Agreement]:
    """The agreements of the meeting that are still open: all it made, and those it carried
    that were not done."""
    state = visibility.state_for(last.state, RECORD)
    carried: list[Agreement] = []
    for agreement in sorted(state.agreements.values(), key=lambda a: (a.order, a.id)):
        if agreement.status != "agreed" or agreement.review == "done":
            continue
        names = [
            state.participants[pid].name
            for pid in agreement.who_participants
            if pid in state.participants
        ]
        carried.append(
            replace(
                agreement,
                id=make_id()[:32],
                who_participants=[],
                who_names=names + [n for n in agreement.who_names if n not in names],
                serves=None,
                carried_from=last.id,
                review=None,
                review_comment="",
            )
        )
    return carried


def open_plan(last: Earlier, make_id: Callable[[], str]) -> list[SafetyItem]:
    """The meeting's safety plan as it was agreed and shared: every rule, to review (kept /
    broken / changed), and the warning signs and whom to call, to go on with."""
    state = last.state

    def name(participant: str | None, person: str | None) -> str:
        if participant is not None and participant in state.participants:
            return state.participants[participant].name
        if person is not None and person in state.persons:
            return state.persons[person].name
        return ""

    def step(given: SignStep) -> SignStep:
        return SignStep(name=name(given.participant, given.person) or given.name, does=given.does)

    carried: list[SafetyItem] = []
    for rule in sorted(state.safety_rules.values(), key=lambda r: (r.order, r.id)):
        if rule.status != "agreed" or rule.family:
            continue
        keepers = [name(p, None) for p in rule.keeper_participants] + [
            name(None, p) for p in rule.keeper_persons
        ]
        carried.append(
            replace(
                rule,
                id=make_id()[:32],
                keeper_participants=[],
                keeper_persons=[],
                keeper_names=[k for k in dict.fromkeys([*keepers, *rule.keeper_names]) if k],
                confirmed_by=[],
                carried_from=last.id,
                review=None,
                review_comment="",
            )
        )
    for sign in sorted(state.safety_signs.values(), key=lambda s: (s.order, s.id)):
        if sign.status == "agreed" and not sign.family:
            carried.append(replace(sign, id=make_id()[:32], steps=[step(s) for s in sign.steps]))
    for contact in sorted(state.safety_contacts.values(), key=lambda c: (c.order, c.id)):
        if contact.status == "agreed" and not contact.family:
            carried.append(replace(contact, id=make_id()[:32]))
    return carried


class CopyRefused(Rejected):
    """A copied drawing refused by the drawing's rules, with the rule's own code and id: the
    follow-up still opens, without the copy (services/followup.py)."""


def carry(meeting_id: str, drawing: DrawingCopy) -> list[Change]:
    """What the copied drawing puts into a new meeting, held to the same rules as a drawing
    made by hand: its persons, its lines, and the notice of where it came from. Refused, it
    raises CopyRefused."""
    try:
        return _drawing(meeting_id, drawing)
    except Rejected as refused:
        raise CopyRefused(refused.code, say=refused.say, params=refused.params) from refused


def _drawing(meeting_id: str, drawing: DrawingCopy) -> list[Change]:
    require(bool(drawing.persons), "invalid", say="carry.no_persons")
    require(
        len(drawing.persons) <= PERSONS_MAX and len(drawing.relations) <= RELATIONS_MAX,
        "too_large",
        say="carry.too_large",
    )
    persons = {person.id: replace(person, **person_fields(person)) for person in drawing.persons}
    require(len(persons) == len(drawing.persons), "conflict", say="person.exists")
    # Participants are per meeting: whoever a copied person was tied to is not in this one.
    require(
        all(person.participant is None for person in persons.values()),
        "invalid",
        say="carry.tied",
    )
    require(
        all(
            (person.ring is None) == (person.sector is None)
            and not (person.focus and person.ring is not None)
            for person in persons.values()
        ),
        "invalid",
        say="carry.ring_and_sector",
    )
    relations: dict[str, Relation] = {}
    for relation in drawing.relations:
        require(relation.id not in relations, "conflict", say="relation.exists")
        require(
            relation.a in persons and relation.b in persons and relation.a != relation.b,
            "invalid",
            say="carry.same_person",
        )
        relations[relation.id] = relation
    check_tree(persons, relations.values())
    origin = CarriedDrawing(
        id=meeting_id,
        from_meeting=drawing.from_meeting,
        held_at=drawing.held_at,
        persons=len(persons),
        relations=len(relations),
    )
    return [
        *(Upsert(entity=person) for person in persons.values()),
        *(Upsert(entity=relation) for relation in relations.values()),
        Upsert(entity=origin),
    ]
