"""Handing the facilitator role on: only explicitly, to someone in the meeting."""

from shared_schema.facilitation import HandOver, StartTimer
from tests.fixtures import LOUISE, act, holm, op_id, refused


def test_the_facilitator_hands_the_role_to_a_co_facilitator_and_can_get_it_back() -> None:
    state = holm(notes=False)
    act(state, HandOver(id=op_id(), participant_id="mette"), LOUISE)
    assert state.participants["mette"].role == "facilitator"
    assert state.participants[LOUISE].role == "fagperson"
    assert refused(state, StartTimer(id=op_id(), seconds=60), LOUISE) == "not_allowed"
    act(state, StartTimer(id=op_id(), seconds=60), "mette")
    act(state, HandOver(id=op_id(), participant_id=LOUISE), "mette")
    assert state.participants[LOUISE].role == "facilitator"
    roles = [p.role for p in state.participants.values()]
    assert roles.count("facilitator") == 1


def test_nobody_takes_the_role_without_it_being_handed() -> None:
    state = holm(notes=False)
    assert refused(state, HandOver(id=op_id(), participant_id="mette"), "mette") == "not_allowed"
    assert refused(state, HandOver(id=op_id(), participant_id="sara"), "katrine") == "not_allowed"


def test_the_role_goes_only_to_someone_in_the_meeting() -> None:
    state = holm(notes=False, waiting=("hanne",))
    assert refused(state, HandOver(id=op_id(), participant_id="hanne"), LOUISE) == "not_found"
    assert refused(state, HandOver(id=op_id(), participant_id="ingen"), LOUISE) == "not_found"
    assert refused(state, HandOver(id=op_id(), participant_id=LOUISE), LOUISE) == "invalid"
