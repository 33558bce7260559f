"""A follow-up meeting's drawing: the genogram and network map of the case's earlier meeting,
copied under new ids, so the family edits last time's drawing instead of drawing it again.

Participants belong to one meeting: a person tied to a participant of the earlier meeting is
copied tied to nobody. When that relative joins the follow-up and says "Jeg er barnets …", the
drawing by their name becomes theirs again (see kinship.join_genogram), by their own act."""

from collections.abc import Callable

from msgspec.structs import replace

from server.domain.errors import require
from server.domain.genogram import (
    PERSONS_MAX,
    RELATIONS_MAX,
    check_tree,
    person_fields,
)
from server.domain.state import State
from shared_schema import CarriedDrawing, CarryDrawing, Change, Relation, Upsert


def copy_drawing(
    earlier: State, from_meeting: str, held_at: float, make_id: Callable[[], str]
) -> CarryDrawing | None:
    """The intent that copies an earlier meeting's drawing, or None when it has none. Persons
    and lines keep their order (the layout reads it), content, places and nudges."""
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
    return CarryDrawing(
        id=make_id(),
        from_meeting=from_meeting,
        held_at=held_at,
        persons=persons,
        relations=relations,
    )


def carry(state: State, intent: CarryDrawing, now: float) -> list[Change]:
    """Put the copied drawing into a meeting that has none yet, held to the same rules as a
    drawing made by hand; a copy refused changes nothing."""
    assert state.meeting is not None
    require(
        not state.persons and not state.relations and state.carried_drawing is None,
        "conflict",
        say="carry.has_genogram",
    )
    require(bool(intent.persons), "invalid", say="carry.no_persons")
    require(
        len(intent.persons) <= PERSONS_MAX and len(intent.relations) <= RELATIONS_MAX,
        "too_large",
        say="carry.too_large",
    )
    persons = {person.id: replace(person, **person_fields(person)) for person in intent.persons}
    require(len(persons) == len(intent.persons), "conflict", say="person.exists")
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
    for relation in intent.relations:
        require(relation.id not in relations, "conflict", say="relation.exists")
        require(
            relation.a in persons and relation.b in persons and relation.a != relation.b,
            "invalid",
            say="carry.same_person",
        )
        relations[relation.id] = relation
    check_tree(persons, relations.values())
    origin = CarriedDrawing(
        id=state.meeting.id,
        from_meeting=intent.from_meeting,
        held_at=intent.held_at,
        persons=len(persons),
        relations=len(relations),
    )
    return [
        *(Upsert(entity=person) for person in persons.values()),
        *(Upsert(entity=relation) for relation in relations.values()),
        Upsert(entity=origin),
    ]
