"""A meeting's state: how changes move it, and that the op log and snapshots carry it whole."""

from typing import get_args, get_type_hints

import msgspec

from server.domain import State, evolve, from_entities
from server.domain.state import HELD_BY_ID
from server.live.rooms import decode_changes, encode_changes
from shared_schema import Card, ColumnKey, Entity, Participant, Remove, Upsert
from tests.fixtures import LOUISE, NOW, PEOPLE, holm, new_meeting


def note(card_id: str, order: str, column: ColumnKey = "works") -> Card:
    return Card(
        id=card_id,
        column=column,
        text="Birthe henter Emil hver onsdag.",
        author="birthe",
        order=order,
        created_at=NOW,
    )


def test_an_upsert_adds_an_entity_and_a_second_one_replaces_it() -> None:
    state = new_meeting()
    evolve(state, [Upsert(entity=note("note-1", "a0"))])
    evolve(state, [Upsert(entity=msgspec.structs.replace(note("note-1", "a0"), text="Ny tekst"))])
    assert list(state.cards) == ["note-1"]
    assert state.cards["note-1"].text == "Ny tekst"


def test_a_remove_drops_a_card_or_a_participant() -> None:
    state = holm()
    card_id = next(iter(state.cards))
    evolve(state, [Remove(kind="card", id=card_id), Remove(kind="participant", id="hanne")])
    assert card_id not in state.cards and "hanne" not in state.participants


def test_removing_what_is_already_gone_changes_nothing() -> None:
    state = holm()
    before = msgspec.msgpack.encode(state)
    evolve(state, [Remove(kind="card", id="note-ukendt"), Remove(kind="participant", id="ukendt")])
    assert msgspec.msgpack.encode(state) == before


def test_removing_the_meeting_leaves_no_meeting() -> None:
    state = new_meeting()
    evolve(state, [Remove(kind="meeting", id="holm-emil-9")])
    assert state.meeting is None


def test_a_column_lists_its_cards_by_key_and_then_by_id() -> None:
    state = new_meeting()
    evolve(
        state,
        [
            Upsert(entity=note("note-c", "a1")),
            Upsert(entity=note("note-b", "a0")),
            Upsert(entity=note("note-a", "a1")),
            Upsert(entity=note("note-x", "a0", column="next")),
        ],
    )
    assert [c.id for c in state.column_cards("works")] == ["note-b", "note-a", "note-c"]


def test_entities_are_the_meeting_then_people_then_notes() -> None:
    state = holm()
    kinds = [type(entity).__name__ for entity in state.entities()]
    people = ["Participant"] * (1 + len(PEOPLE))
    assert kinds == ["Meeting", *people, *["Card"] * len(state.cards), "Agenda"]


def test_a_state_rebuilt_from_its_entities_is_the_same() -> None:
    state = holm()
    assert from_entities(state.entities()) == state


def test_an_empty_state_has_no_entities() -> None:
    assert State().entities() == []


def test_a_snapshot_decodes_to_the_same_state() -> None:
    state = holm("loeft")
    decoded = msgspec.msgpack.Decoder(State).decode(msgspec.msgpack.encode(state))
    assert decoded == state
    assert isinstance(decoded.participants[LOUISE], Participant)


def test_changes_survive_the_op_log_encoding() -> None:
    state = holm()
    assert state.meeting is not None
    changes = [
        Upsert(entity=state.meeting),
        Upsert(entity=state.participants["maria"]),
        Upsert(entity=next(iter(state.cards.values()))),
        Remove(kind="participant", id="hanne"),
        Remove(kind="card", id="note-001"),
    ]
    assert decode_changes(encode_changes(changes)) == changes


def test_every_kind_of_entity_has_its_place_in_the_state() -> None:
    """A new entity type needs a State field named as its tag, or a row in HELD_BY_ID."""
    fields = set(State.__struct_fields__)
    for kind in get_args(Entity):
        tag = kind.__struct_config__.tag
        assert HELD_BY_ID.get(tag, tag) in fields, kind
    assert set(HELD_BY_ID) <= set(get_args(get_type_hints(Remove)["kind"]))


def test_the_holm_meeting_goes_out_and_back_in_by_upserts_and_removes() -> None:
    state = holm()
    entities = state.entities()
    rebuilt = from_entities(entities)
    assert rebuilt == state
    evolve(rebuilt, [Remove(kind=e.__struct_config__.tag, id=e.id) for e in entities])  # type: ignore[arg-type]
    assert rebuilt.entities() == []
