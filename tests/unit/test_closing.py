"""Closing: the meeting is frozen, and every intent after it is refused with `closed`."""

import pytest

from server import domain
from server.domain import Rejected
from shared_schema import JoinMeeting, Participant

from .meetings import FACILITATOR, NOW, holm, run

EVERY_INTENT = [
    ("card.add", {"card_id": "c9", "column": "works", "text": "Mormor henter"}),
    ("card.edit", {"card_id": "next-1", "text": "Ny"}),
    ("card.move", {"card_id": "next-1", "column": "works"}),
    ("card.delete", {"card_id": "next-1"}),
    ("participant.admit", {"participant_id": "mette"}),
    ("participant.reject", {"participant_id": "mette"}),
    ("participant.reject_waiting", {}),
    ("meeting.auto_admit", {"on": True}),
    (
        "agreement.add",
        {"agreement_id": "a9", "what": "Ring", "who_municipality": True, "when_text": "snart"},
    ),
    (
        "agreement.propose",
        {"agreement_id": "a9", "what": "Ring", "who_municipality": True, "when_text": "snart"},
    ),
    (
        "agreement.edit",
        {"agreement_id": "a1", "what": "Ring", "who_municipality": True, "when_text": "snart"},
    ),
    ("agreement.accept", {"agreement_id": "a1"}),
    ("agreement.delete", {"agreement_id": "a1"}),
    ("agreement.review", {"agreement_id": "a1", "review": "done"}),
    ("readback.start", {}),
    ("readback.stop", {}),
    ("agreements.confirm", {"agrees": True}),
    ("meeting.close", {}),
    ("person.add", {"person_id": "emil", "name": "Emil"}),
    ("person.edit", {"person_id": "emil", "name": "Emil"}),
    ("person.delete", {"person_id": "emil"}),
    ("person.nudge", {"person_id": "emil", "dx": 10, "dy": 0}),
    ("person.place", {"person_id": "emil", "ring": 1, "sector": "family"}),
    ("genogram.join", {"person_id": "mette", "kinship": "mor"}),
    ("relation.add", {"relation_id": "r1", "relation_kind": "close", "a": "emil", "b": "mette"}),
    ("relation.edit", {"relation_id": "r1", "relation_kind": "conflict"}),
    ("relation.delete", {"relation_id": "r1"}),
    ("screen.show", {"shows": "genogram"}),
    ("scale.ask", {"scale_id": "s1", "preset": "safety"}),
    ("scale.vote", {"scale_id": "s1", "vote_id": "v1", "value": 5}),
    ("scale.close", {"scale_id": "s1"}),
    ("scale.reveal", {"scale_id": "s1"}),
    ("scale.delete", {"scale_id": "s1"}),
    ("scale.show", {"scale_id": "s1", "on": False}),
    ("scale.note", {"note_id": "n1", "scale_id": "s1", "follow_up": "one_step_up", "text": "Ja"}),
    ("agenda.use", {"template": "pre"}),
    ("phase.add", {"phase_id": "pause", "title": "Pause"}),
    ("phase.rename", {"phase_id": "works", "title": "Det gode"}),
    ("phase.move", {"phase_id": "works"}),
    ("phase.skip", {"phase_id": "works"}),
    ("phase.go", {"phase_id": "works"}),
    ("phase.next", {"from_phase": "welcome"}),
    ("phase.back", {"from_phase": "welcome"}),
    ("concern.edit", {"who": "Skolen"}),
    ("hand.raise", {}),
    ("hand.lower", {}),
    ("queue.order", {"unspoken_first": True}),
    ("turn.give", {"participant_id": "mette"}),
    ("turn.next", {}),
    ("turn.pass", {}),
    ("turn.stop", {}),
    ("seats.set", {"order": ["mette"]}),
    ("participant.absent", {"participant_id": "mette"}),
    ("round.start", {}),
    ("timer.start", {"seconds": 60}),
    ("timer.add", {}),
    ("timer.pause", {}),
    ("timer.resume", {}),
    ("timer.stop", {}),
    ("writing.private", {}),
    ("writing.reveal", {}),
    ("writing.anonymous", {"on": True}),
    ("family.start", {}),
    ("family.release", {}),
    ("facilitator.handoff", {"participant_id": "mette"}),
]


def closed_meeting() -> domain.State:
    state = holm()
    run(
        state,
        FACILITATOR,
        "agreement.add",
        agreement_id="a1",
        what="Følge Emil i skole",
        who_participants=["jens"],
        when_text="hver tirsdag",
    )
    run(
        state,
        "mette",
        "agreement.propose",
        agreement_id="p1",
        what="Hente Emil fredag",
        who_participants=["mette"],
        when_text="hver fredag",
    )
    run(state, FACILITATOR, "meeting.close", next_meeting="2027-01-12T09:00")
    return state


def test_closing_sets_status_time_and_next_meeting() -> None:
    state = closed_meeting()
    assert state.meeting is not None
    assert state.meeting.status == "closed"
    assert state.meeting.closed_at == NOW
    assert state.meeting.next_meeting == "2027-01-12T09:00"


def test_proposals_nobody_accepted_do_not_outlive_the_meeting() -> None:
    state = closed_meeting()
    assert list(state.agreements) == ["a1"]


@pytest.mark.parametrize(("kind", "fields"), EVERY_INTENT, ids=[k for k, _ in EVERY_INTENT])
@pytest.mark.parametrize("actor", [FACILITATOR, "mette"])
def test_every_intent_after_closing_is_refused_with_closed(
    kind: str, fields: dict[str, object], actor: str
) -> None:
    state = closed_meeting()
    before = state.entities()
    with pytest.raises(Rejected) as refused:
        run(state, actor, kind, **fields)
    assert refused.value.code == "closed"
    assert state.entities() == before


def test_every_intent_kind_is_in_the_closing_test() -> None:
    assert {kind for kind, _ in EVERY_INTENT} == {cls.__struct_config__.tag for cls in domain.APPLY}


def test_nobody_can_join_a_closed_meeting() -> None:
    state = closed_meeting()
    late = JoinMeeting(
        id="join-late-01",
        participant=Participant(id="late", name="Ole", role="privat", joined_at=NOW),
    )
    with pytest.raises(Rejected) as refused:
        domain.apply_system(state, late, NOW)
    assert refused.value.code == "closed"


def test_only_the_facilitator_closes_and_the_time_must_exist() -> None:
    state = holm()
    with pytest.raises(Rejected) as refused:
        run(state, "mette", "meeting.close")
    assert refused.value.code == "not_allowed"
    with pytest.raises(Rejected) as refused:
        run(state, FACILITATOR, "meeting.close", next_meeting="2027-02-30T09:00")
    assert refused.value.code == "invalid"
    assert state.meeting is not None and state.meeting.status == "open"
