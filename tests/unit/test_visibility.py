"""Who sees what: names in the lobby reach only the facilitator (and the person themselves)."""

import pytest

from server.domain.visibility import Viewer, everyone_sees, view, visible
from shared_schema import Change, Participant, RejectParticipant, Remove, Upsert
from tests.fixtures import LOUISE, act, holm, op_id

FACILITATOR = Viewer(role="facilitator", participant_id=LOUISE)
SCREEN = Viewer(role="screen")
SARA = Viewer(role="familie", participant_id="sara")
HANNE = Viewer(role="privat", participant_id="hanne")

OTHERS = [SCREEN, SARA]
"""Viewers who are neither the facilitator nor Hanne herself."""


def hanne_waiting() -> Participant:
    state = holm(waiting=("hanne",))
    return state.participants["hanne"]


def test_a_name_in_the_lobby_reaches_the_facilitator_as_it_is() -> None:
    change = Upsert(entity=hanne_waiting())
    assert view(change, FACILITATOR) == change


def test_a_person_in_the_lobby_sees_themselves() -> None:
    change = Upsert(entity=hanne_waiting())
    assert view(change, HANNE) == change


@pytest.mark.parametrize("viewer", OTHERS, ids=["screen", "other-participant"])
def test_a_name_in_the_lobby_reaches_others_only_as_a_removal(viewer: Viewer) -> None:
    change = Upsert(entity=hanne_waiting())
    assert view(change, viewer) == Remove(kind="participant", id="hanne")
    assert not everyone_sees(change)


@pytest.mark.parametrize("viewer", OTHERS, ids=["screen", "other-participant"])
def test_someone_sent_away_keeps_their_name_on_the_notes_they_wrote(viewer: Viewer) -> None:
    state = holm()
    [change] = act(state, RejectParticipant(id=op_id(), participant_id="mette"), LOUISE)
    assert isinstance(change, Upsert)  # Mette wrote notes, so she is kept as removed
    assert view(change, FACILITATOR) == change
    assert view(change, viewer) == change
    assert everyone_sees(change)


def test_the_meeting_admitted_people_notes_and_removals_reach_everyone_as_they_are() -> None:
    state = holm()
    assert state.meeting is not None
    changes: list[Change] = [
        Upsert(entity=state.meeting),
        Upsert(entity=state.participants["jonas"]),
        Upsert(entity=next(iter(state.cards.values()))),
        Remove(kind="card", id="note-001"),
        Remove(kind="participant", id="hanne"),
    ]
    for change in changes:
        assert everyone_sees(change)
        for viewer in [FACILITATOR, SCREEN, SARA, HANNE]:
            assert view(change, viewer) == change


def test_a_resync_leaves_out_the_lobby_for_all_but_the_facilitator() -> None:
    state = holm(waiting=("hanne", "anders"))
    everyone = state.entities()
    assert visible(everyone, FACILITATOR) == everyone
    for viewer in OTHERS:
        shown = visible(everyone, viewer)
        assert {entity.id for entity in shown}.isdisjoint({"hanne", "anders"})
        assert len(shown) == len(everyone) - 2
    assert "hanne" in {entity.id for entity in visible(everyone, HANNE)}
