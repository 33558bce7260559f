"""Closing a meeting: the next meeting's time is set and the state is frozen for good."""

import datetime

from msgspec.structs import replace

from server.domain import safety
from server.domain.errors import Rejected, require
from server.domain.state import State
from shared_schema import Change, CloseMeeting, Participant, Remove, Upsert


def close(state: State, intent: CloseMeeting, actor: Participant, now: float) -> list[Change]:
    """Proposals nobody accepted are not agreements: they do not outlive the meeting."""
    assert state.meeting is not None
    next_meeting = None
    if intent.next_meeting is not None:
        try:
            when = datetime.datetime.fromisoformat(intent.next_meeting)
        except ValueError:
            raise Rejected("invalid", say="next_meeting.invalid") from None
        next_meeting = when.strftime("%Y-%m-%dT%H:%M")
    dropped: list[Change] = [
        Remove(kind="agreement", id=a.id) for a in state.agreements.values() if a.status != "agreed"
    ]
    closed = replace(state.meeting, status="closed", closed_at=now, next_meeting=next_meeting)
    return [*dropped, *safety.drop_proposals(state), Upsert(entity=closed)]


def refuse_when_closed(state: State) -> None:
    """Every intent after closing is refused, with the one stable code `closed`."""
    assert state.meeting is not None
    require(state.meeting.status != "closed", "closed")
