"""Bringing the family's drawing into a new meeting of a case, through the new meeting's Room.

Only meetings the store still holds are read: a meeting deleted (with its case) or purged by
retention has no row, so nothing of it can be copied."""

import logging

from server.domain import Rejected, visibility
from server.domain.followup import copy_drawing
from server.domain.state import State
from server.domain.visibility import RECORD
from server.live.rooms import Rooms
from server.services.auth import new_id
from server.store import MeetingRow

log = logging.getLogger("kreds.followup")


async def latest_drawing(
    rooms: Rooms, meetings: list[MeetingRow], new_meeting: str
) -> tuple[MeetingRow, State] | None:
    """The case's most recently closed meeting that has a genogram or network map, with its
    state. A meeting never closed is skipped: its drawing may still change."""
    closed = [m for m in meetings if m.closed_at is not None and m.id != new_meeting]
    for row in sorted(closed, key=lambda m: m.closed_at or 0.0, reverse=True):
        state = visibility.state_for((await rooms.get(row.id)).state, RECORD)
        if state.persons:
            return row, state
    return None


async def carry_drawing(rooms: Rooms, meetings: list[MeetingRow], new_meeting: str) -> bool:
    """Copy the latest earlier drawing into the new meeting as one system op in its log, durable
    before this returns; True when something was copied. A copy refused leaves the meeting as
    it is, with an empty drawing: the meeting exists already and must still open."""
    found = await latest_drawing(rooms, meetings, new_meeting)
    if found is None:
        return False
    row, state = found
    intent = copy_drawing(state, row.id, row.closed_at or row.created_at, new_id)
    if intent is None:
        return False
    try:
        ack = await (await rooms.get(new_meeting)).submit_system(intent)
    except Rejected as rejected:
        log.warning("meeting %s: the earlier drawing was not copied (%s)", new_meeting, rejected)
        return False
    if not ack.ok:
        log.warning("meeting %s: the earlier drawing was not copied (%s)", new_meeting, ack.code)
    return ack.ok
