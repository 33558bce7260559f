"""The timer: an absolute end time on the server's clock; +1 minute, pause, resume, stop."""

from typing import Any

import pytest

from server.domain import State
from shared_schema.facilitation import Timer
from tests.fixtures import LOUISE, NOW, act, holm, refused

from .meetings import intent


def do(state: State, kind: str, now: float = NOW, **fields: Any) -> list[Any]:
    return act(state, intent(kind, **fields), LOUISE, now)


def timer(state: State) -> Timer:
    assert state.timer is not None
    return state.timer


def test_a_timer_ends_at_an_absolute_time() -> None:
    state = holm(notes=False)
    do(state, "timer.start", seconds=120, label="Runden")
    assert timer(state).ends_at == NOW + 120 and timer(state).label == "Runden"


def test_one_more_minute_while_running_and_after_it_ran_out() -> None:
    state = holm(notes=False)
    do(state, "timer.start", seconds=120)
    do(state, "timer.add", now=NOW + 10)
    assert timer(state).ends_at == NOW + 180
    do(state, "timer.add", now=NOW + 500)
    assert timer(state).ends_at == NOW + 560


def test_pause_keeps_the_time_left_and_resume_counts_from_now() -> None:
    state = holm(notes=False)
    do(state, "timer.start", seconds=120)
    do(state, "timer.pause", now=NOW + 20)
    assert timer(state).ends_at is None and timer(state).remaining == 100
    do(state, "timer.add", now=NOW + 50)
    assert timer(state).remaining == 160
    do(state, "timer.resume", now=NOW + 300)
    assert timer(state).ends_at == NOW + 460 and timer(state).remaining is None


def test_pausing_twice_or_resuming_a_running_timer_changes_nothing() -> None:
    state = holm(notes=False)
    do(state, "timer.start", seconds=120)
    assert do(state, "timer.resume") == []
    do(state, "timer.pause")
    assert do(state, "timer.pause") == []


def test_stop_clears_the_timer_and_more_time_needs_a_timer() -> None:
    state = holm(notes=False)
    do(state, "timer.start", seconds=120)
    do(state, "timer.stop")
    assert timer(state).ends_at is None and timer(state).remaining is None
    assert refused(state, intent("timer.add"), LOUISE) == "conflict"


@pytest.mark.parametrize("actor", ["sara", "mette", "katrine"])
def test_only_the_facilitator_runs_the_timer(actor: str) -> None:
    assert refused(holm(notes=False), intent("timer.start", seconds=60), actor) == "not_allowed"


def test_a_timer_label_has_a_limit() -> None:
    state = holm(notes=False)
    assert refused(state, intent("timer.start", seconds=60, label="x" * 81), LOUISE) == (
        "too_large"
    )
