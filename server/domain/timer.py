"""The timer for a turn or a phase, kept as an absolute end time on the server's clock so every
client counts down to the same moment, whatever its own clock says."""

from msgspec.structs import replace

from server.domain.errors import require
from server.domain.state import State, upsert_if_changed
from server.domain.text import clean
from shared_schema import Change, Participant
from shared_schema.facilitation import (
    ExtendTimer,
    PauseTimer,
    ResumeTimer,
    StartTimer,
    StopTimer,
    Timer,
)

LABEL_MAX = 80
SECONDS_MAX = 7200


def _timer(state: State, actor: Participant) -> Timer:
    assert state.meeting is not None
    return state.timer or Timer(id=state.meeting.id)


def start(state: State, intent: StartTimer, actor: Participant, now: float) -> list[Change]:
    timer = _timer(state, actor)
    label = clean(intent.label, limit=LABEL_MAX, required=False)
    started = Timer(id=timer.id, seconds=intent.seconds, ends_at=now + intent.seconds, label=label)
    return upsert_if_changed(timer, started)


def extend(state: State, intent: ExtendTimer, actor: Participant, now: float) -> list[Change]:
    """More time: a running timer ends later (one that has run out starts again from now), a
    paused one has more left."""
    timer = _timer(state, actor)
    if timer.remaining is not None:
        left = min(SECONDS_MAX, timer.remaining + intent.seconds)
        return upsert_if_changed(
            timer, replace(timer, remaining=left, seconds=timer.seconds + intent.seconds)
        )
    require(timer.ends_at is not None, "conflict", say="timer.not_running")
    assert timer.ends_at is not None
    ends_at = min(now + SECONDS_MAX, max(timer.ends_at, now) + intent.seconds)
    return upsert_if_changed(
        timer, replace(timer, ends_at=ends_at, seconds=timer.seconds + intent.seconds)
    )


def pause(state: State, intent: PauseTimer, actor: Participant, now: float) -> list[Change]:
    timer = _timer(state, actor)
    if timer.ends_at is None:
        return []
    return upsert_if_changed(
        timer, replace(timer, ends_at=None, remaining=max(0.0, timer.ends_at - now))
    )


def resume(state: State, intent: ResumeTimer, actor: Participant, now: float) -> list[Change]:
    timer = _timer(state, actor)
    if timer.remaining is None:
        return []
    return upsert_if_changed(timer, replace(timer, ends_at=now + timer.remaining, remaining=None))


def stop(state: State, intent: StopTimer, actor: Participant, now: float) -> list[Change]:
    timer = _timer(state, actor)
    return upsert_if_changed(timer, Timer(id=timer.id))
