"""The meeting itself: created by the server, and whether the lobby lets people in by itself."""

import msgspec
import pytest

from server.domain import Rejected, State, apply, apply_system
from shared_schema import (
    COLUMNS,
    AddCard,
    Meeting,
    Participant,
    SetAutoAdmit,
    Template,
    Upsert,
)
from tests.fixtures import (
    LOUISE,
    NOW,
    ONE_OF_EACH_ROLE,
    TITLE,
    act,
    creating,
    holm,
    join,
    new_meeting,
    op_id,
    refused,
    refused_system,
)


def auto_admit(on: bool) -> SetAutoAdmit:
    return SetAutoAdmit(id=op_id(), on=on)


# -- creating ----------------------------------------------------------------------------------


@pytest.mark.parametrize("template", ["three_columns", "loeft", "three_houses"])
def test_created_meeting_has_its_template_columns_and_an_admitted_facilitator(
    template: Template,
) -> None:
    changes = apply_system(State(), creating(template), NOW)

    [meeting, louise, _agenda] = [c.entity for c in changes if isinstance(c, Upsert)]
    assert isinstance(meeting, Meeting) and isinstance(louise, Participant)
    assert (meeting.title, meeting.columns) == (TITLE, COLUMNS[template])
    assert not meeting.auto_admit
    assert (louise.id, louise.role, louise.admitted) == (LOUISE, "facilitator", True)


def test_creating_a_meeting_twice_is_refused_as_a_conflict() -> None:
    state = new_meeting()
    assert refused_system(state, creating("loeft")) == "conflict"
    assert state.meeting is not None and state.meeting.template == "three_columns"


def test_a_meeting_led_by_anyone_but_a_facilitator_is_refused() -> None:
    assert refused_system(State(), creating(role="raadgiver")) == "invalid"


def test_intents_to_a_meeting_that_does_not_exist_are_refused_as_not_found() -> None:
    intent = AddCard(id=op_id(), card_id="note-1", column="works", text="Emil er glad i skolen.")
    with pytest.raises(Rejected) as refusal:
        apply(State(), intent, LOUISE, NOW)
    assert refusal.value.code == "not_found"


def test_meeting_snapshot_survives_msgpack() -> None:
    state = holm("loeft")
    decoded = msgspec.msgpack.Decoder(State).decode(msgspec.msgpack.encode(state))
    assert decoded == state


# -- letting people in automatically -----------------------------------------------------------


def test_facilitator_turns_on_automatic_admission_and_later_joiners_go_straight_in() -> None:
    state = new_meeting()
    changes = act(state, auto_admit(True), LOUISE)
    assert len(changes) == 1
    assert state.meeting is not None and state.meeting.auto_admit
    assert join(state, "maria", admit=False).admitted


def test_turning_on_automatic_admission_lets_in_those_already_waiting() -> None:
    state = new_meeting()
    for name in ("birthe", "maria", "jonas"):
        join(state, name, admit=False)
    assert all(not p.admitted for p in state.participants.values() if p.role != "facilitator")
    changes = act(state, auto_admit(True), LOUISE)
    assert len(changes) == 4
    waiting = [p for p in state.participants.values() if p.role != "facilitator"]
    assert len(waiting) == 3 and all(p.admitted for p in waiting)


def test_facilitator_turns_automatic_admission_off_and_joiners_wait_again() -> None:
    state = new_meeting(auto_admit=True)
    act(state, auto_admit(False), LOUISE)
    assert state.meeting is not None and not state.meeting.auto_admit
    assert not join(state, "maria", admit=False).admitted


def test_turning_automatic_admission_to_what_it_already_is_changes_nothing() -> None:
    state = new_meeting()
    assert act(state, auto_admit(False), LOUISE) == []


@pytest.mark.parametrize("person_id", ONE_OF_EACH_ROLE.values())
def test_participant_cannot_change_automatic_admission(person_id: str) -> None:
    state = holm(notes=False)
    assert refused(state, auto_admit(True), person_id) == "not_allowed"
    assert state.meeting is not None and not state.meeting.auto_admit
