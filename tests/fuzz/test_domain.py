"""The pure core under arbitrary input: whatever a client sends either fails to decode or is
applied, or refused with a known code and nothing changed. Nothing else ever happens."""

from typing import Any, get_args

import msgspec
from hypothesis import given
from hypothesis import strategies as st

from server.domain import Rejected, State, apply, evolve
from shared_schema import ColumnKey, ErrorCode, Intent
from tests.fixtures import LOUISE, NOW, PEOPLE, SCREEN, encoded, holm

from .budget import examples, json_values

CODES = set(get_args(ErrorCode))
ACTORS = [LOUISE, *PEOPLE, SCREEN, "ukendt-telefon", ""]
STATE = holm("loeft", waiting=("hanne",))
"""The Holm meeting with its notes, Hanne still in the lobby; copied for every example."""
TYPES = [
    "card.add",
    "card.edit",
    "card.move",
    "card.delete",
    "participant.admit",
    "participant.reject",
    "meeting.auto_admit",
    "meeting.create",
    "participant.join",
    "card.burn",
    "person.add",
    "person.edit",
    "person.delete",
    "person.nudge",
    "person.place",
    "genogram.join",
    "relation.add",
    "relation.edit",
    "relation.delete",
    "screen.show",
    "scale.ask",
    "scale.vote",
    "scale.close",
    "scale.reveal",
    "scale.show",
    "scale.delete",
    "scale.note",
]
ids = st.sampled_from([*STATE.cards, *STATE.participants, "note-404", "x" * 41, "../kort"])
fields: dict[str, st.SearchStrategy[Any]] = {
    "id": st.text(alphabet="abcdef0123456789-_", min_size=6, max_size=66),
    "card_id": ids,
    "participant_id": ids,
    "after": st.none() | ids,
    "column": st.sampled_from([*get_args(ColumnKey), "kaffe"]),
    "text": st.text(max_size=600) | st.sampled_from(["Emils CPR er 120317-4321", " \n "]),
    "on": st.booleans(),
    "person_id": st.sampled_from(["emil", "sara", "mig", "x" * 41]),
    "relation_id": st.sampled_from(["streg-1", "streg-2", "../streg"]),
    "relation_kind": st.sampled_from(["married", "biological", "cut_off", "fjende"]),
    "kinship": st.sampled_from(["mormor", "bror", "anden", "oldemor"]),
    "a": st.sampled_from(["emil", "sara", "mig"]),
    "b": st.sampled_from(["emil", "sara", "mig"]),
    "name": st.text(max_size=50),
    "born": st.integers(min_value=1800, max_value=2200),
    "focus": st.booleans(),
    "ring": st.integers(min_value=-1, max_value=6),
    "sector": st.sampled_from(["family", "school", "kælder"]),
    "dx": st.floats(allow_nan=True),
    "shows": st.sampled_from(["board", "genogram", "bio"]),
    "scale_id": st.sampled_from(["sikkerhed", "x" * 41, ""]),
    "vote_id": ids,
    "note_id": ids,
    "value": st.none() | st.integers(min_value=-3, max_value=14),
    "preset": st.sampled_from(["safety", "worry", "plan", "mood", "custom", "glæde"]),
    "question": st.text(max_size=260),
    "tied_to": st.text(max_size=260),
    "anonymous": st.booleans(),
    "follow_up": st.sampled_from(["why_not_lower", "one_step_up", "hvorfor"]),
}
intent_shaped = st.builds(
    lambda kind, chosen, extra: {"type": kind, **chosen, **extra},
    st.sampled_from(TYPES),
    st.fixed_dictionaries({}, optional={k: s | json_values for k, s in fields.items()}),
    st.dictionaries(st.sampled_from(["meeting", "participant", "x"]), json_values, max_size=1),
)


def _copy(state: State) -> State:
    return msgspec.msgpack.decode(encoded(state), type=State)


@examples(short=300, long=20_000)
@given(data=intent_shaped | json_values, actor=st.sampled_from(ACTORS))
def test_any_input_decodes_into_an_intent_or_fails_validation_and_apply_answers_it(
    data: Any, actor: str
) -> None:
    state = _copy(STATE)
    before = encoded(state)
    try:
        made = msgspec.convert(data, Intent)
    except msgspec.ValidationError:
        return
    try:
        changes = apply(state, made, actor, NOW)
    except Rejected as refusal:
        assert refusal.code in CODES
        assert encoded(state) == before
        return
    assert encoded(state) == before, "apply() only says what changes"
    evolve(state, changes)
    assert msgspec.msgpack.decode(encoded(state), type=State) == state
