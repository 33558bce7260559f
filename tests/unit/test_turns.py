"""Turn-taking: the talerække, the runde in seat order, passing, absence, talk time."""

from typing import Any

import pytest

from server.domain import State
from shared_schema.facilitation import Turns
from tests.fixtures import LOUISE, NOW, PEOPLE, act, holm, refused

from .meetings import intent


def do(state: State, actor: str, kind: str, now: float = NOW, **fields: Any) -> list[Any]:
    return act(state, intent(kind, **fields), actor, now)


def no(state: State, actor: str, kind: str, **fields: Any) -> str:
    return refused(state, intent(kind, **fields), actor)


def turns(state: State) -> Turns:
    assert state.turns is not None
    return state.turns


def test_hands_go_up_in_order_and_the_word_goes_to_the_first() -> None:
    state = holm(notes=False)
    do(state, "mette", "hand.raise")
    do(state, "sara", "hand.raise")
    assert turns(state).queue == ["mette", "sara"]
    assert turns(state).next == "mette"
    do(state, LOUISE, "turn.next")
    assert turns(state).speaker == "mette"
    assert turns(state).queue == ["sara"] and turns(state).next == "sara"
    do(state, LOUISE, "turn.next", now=NOW + 90)
    assert turns(state).speaker == "sara"
    assert turns(state).talk == {"mette": 90.0}


def test_raising_a_raised_hand_again_changes_nothing() -> None:
    state = holm(notes=False)
    do(state, "mette", "hand.raise")
    assert do(state, "mette", "hand.raise") == []


def test_a_hand_is_lowered_by_its_owner_or_the_facilitator_only() -> None:
    state = holm(notes=False)
    do(state, "mette", "hand.raise")
    do(state, "sara", "hand.raise")
    assert no(state, "birthe", "hand.lower", participant_id="mette") == "not_allowed"
    do(state, "mette", "hand.lower")
    do(state, LOUISE, "hand.lower", participant_id="sara")
    assert turns(state).queue == [] and turns(state).next is None


def test_those_who_have_not_spoken_can_go_first() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "turn.give", participant_id="mette")
    do(state, LOUISE, "turn.stop")
    do(state, "mette", "hand.raise")
    do(state, "sara", "hand.raise")
    assert turns(state).queue == ["mette", "sara"]
    do(state, LOUISE, "queue.order", unspoken_first=True)
    assert turns(state).queue == ["sara", "mette"]
    do(state, LOUISE, "queue.order", unspoken_first=False)
    assert turns(state).queue == ["mette", "sara"]


def test_giving_the_word_counts_turns_and_time_for_the_facilitator() -> None:
    state = holm(notes=False)
    do(state, "birthe", "hand.raise")
    do(state, LOUISE, "turn.give", participant_id="birthe")
    assert turns(state).speaker == "birthe" and turns(state).hands == []
    do(state, LOUISE, "turn.give", participant_id="jonas", now=NOW + 30)
    do(state, LOUISE, "turn.give", participant_id="birthe", now=NOW + 40)
    do(state, LOUISE, "turn.stop", now=NOW + 100)
    assert turns(state).talk == {"birthe": 90.0, "jonas": 10.0}
    assert turns(state).turns == {"birthe": 2, "jonas": 1}
    assert turns(state).speaker is None


def test_the_word_goes_only_to_someone_in_the_meeting() -> None:
    state = holm(notes=False, waiting=("hanne",))
    assert no(state, LOUISE, "turn.give", participant_id="hanne") == "not_found"
    assert no(state, LOUISE, "turn.give", participant_id="ingen") == "not_found"


def seat(state: State, order: list[str]) -> None:
    do(state, LOUISE, "seats.set", order=order)


def test_a_round_goes_in_seat_order_skips_the_absent_and_lets_people_pass() -> None:
    state = holm(notes=False)
    seat(state, ["birthe", "maria", "sara", "mette"])
    do(state, LOUISE, "participant.absent", participant_id="sara")
    do(state, LOUISE, "round.start", topic="Hvad fungerer godt?")
    assert turns(state).round[:4] == ["birthe", "maria", "sara", "mette"]
    assert sorted(turns(state).round) == sorted(PEOPLE)
    assert turns(state).speaker == "birthe" and turns(state).next == "maria"
    do(state, LOUISE, "turn.next")
    assert turns(state).speaker == "maria"  # remote, and in the round
    assert turns(state).next == "mette"  # Sara is away
    do(state, "maria", "turn.pass")
    assert turns(state).passed == ["maria"]
    assert turns(state).speaker == "mette"
    assert turns(state).done == ["birthe", "maria"]


def test_a_round_ends_after_the_last_person() -> None:
    state = holm(notes=False)
    for person in PEOPLE:
        if person not in ("sara", "mette"):
            do(state, LOUISE, "participant.absent", participant_id=person)
    seat(state, ["sara", "mette"])
    do(state, LOUISE, "round.start")
    assert turns(state).speaker == "sara"
    do(state, LOUISE, "turn.next")
    assert turns(state).speaker == "mette" and turns(state).next is None
    do(state, LOUISE, "turn.next")
    assert turns(state).speaker is None and turns(state).round == []


def test_the_facilitator_is_not_in_the_round() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "round.start")
    assert LOUISE not in turns(state).round


def test_someone_who_comes_back_gets_their_turn() -> None:
    state = holm(notes=False)
    seat(state, ["sara", "mette"])
    do(state, LOUISE, "participant.absent", participant_id="mette")
    do(state, LOUISE, "round.start")
    assert turns(state).next != "mette"
    do(state, LOUISE, "participant.absent", participant_id="mette", absent=False)
    assert turns(state).next == "mette"


def test_a_round_with_everyone_away_cannot_start() -> None:
    state = holm(notes=False)
    for person in PEOPLE:
        do(state, LOUISE, "participant.absent", participant_id=person)
    assert no(state, LOUISE, "round.start") == "conflict"


def test_only_the_speaker_or_the_facilitator_passes_and_only_in_a_round() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "turn.give", participant_id="sara")
    assert no(state, "sara", "turn.pass") == "conflict"
    seat(state, ["sara", "mette"])
    do(state, LOUISE, "round.start")
    assert no(state, "mette", "turn.pass") == "not_allowed"
    do(state, LOUISE, "turn.pass")
    assert turns(state).speaker == "mette" and turns(state).passed == ["sara"]


def test_seats_are_set_once_each_and_only_for_people_in_the_meeting() -> None:
    state = holm(notes=False, waiting=("hanne",))
    assert no(state, LOUISE, "seats.set", order=["sara", "sara"]) == "invalid"
    assert no(state, LOUISE, "seats.set", order=["sara", "hanne"]) == "not_found"


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("turn.give", {"participant_id": "sara"}),
        ("turn.next", {}),
        ("turn.stop", {}),
        ("round.start", {}),
        ("seats.set", {"order": ["sara"]}),
        ("participant.absent", {"participant_id": "sara"}),
        ("queue.order", {"unspoken_first": True}),
    ],
)
def test_only_the_facilitator_runs_the_turns(kind: str, fields: dict[str, Any]) -> None:
    assert no(holm(notes=False), "katrine", kind, **fields) == "not_allowed"


def test_the_facilitator_does_not_raise_a_hand() -> None:
    assert no(holm(notes=False), LOUISE, "hand.raise") == "not_allowed"


def test_a_round_topic_has_a_limit() -> None:
    assert no(holm(notes=False), LOUISE, "round.start", topic="x" * 121) == "too_large"


def test_someone_sent_away_leaves_hands_seats_and_round() -> None:
    state = holm(notes=False)
    seat(state, ["hanne", "sara"])
    do(state, "hanne", "hand.raise")
    do(state, LOUISE, "round.start")
    assert turns(state).speaker == "hanne"
    do(state, LOUISE, "participant.reject", participant_id="hanne", now=NOW + 5)
    assert "hanne" not in turns(state).round + turns(state).seats + turns(state).hands
    assert turns(state).speaker is None and turns(state).talk == {"hanne": 5.0}
