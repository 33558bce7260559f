"""Opening a meeting, in a case a follow-up: what it carries of the case's earlier meetings
goes into the meeting's first op, durable before this returns.

Only meetings the store still holds are read: a meeting deleted (with its case) or purged by
retention has no row, so nothing of it can be carried."""

import logging

from msgspec.structs import replace

from server.domain import followup
from server.domain.followup import Earlier
from server.live.rooms import Rooms
from server.services import meetings
from server.services.auth import Keys, new_id
from server.store import CaseRow, MeetingRow, Store, UserRow
from shared_schema import Template

log = logging.getLogger("kreds.followup")


async def open_meeting(
    rooms: Rooms,
    store: Store,
    keys: Keys,
    owner: UserRow,
    title: str,
    template: Template,
    case: CaseRow | None,
) -> MeetingRow:
    """A new meeting; in a case, its first op holds what the case's earlier meetings carry: the
    open agreements, the safety plan and the latest drawing. A copied drawing its rules refuse
    leaves the meeting's drawing empty: the meeting must still open."""
    if case is None:
        return await meetings.create_meeting(store, keys, owner, title, template)
    last, drawn = await _earlier(rooms, await store.meetings_in_case(case.id))
    carried = followup.carry_forward(last, drawn, new_id)
    try:
        return await meetings.create_meeting(store, keys, owner, title, template, case.id, carried)
    except followup.CopyRefused as refused:
        row = await meetings.create_meeting(
            store, keys, owner, title, template, case.id, replace(carried, drawing=None)
        )
        log.warning(
            "meeting %s: the earlier drawing was not copied (%s, %s)",
            row.id,
            refused.code,
            refused.say,
        )
        return row


async def _earlier(
    rooms: Rooms, in_case: list[MeetingRow]
) -> tuple[Earlier | None, Earlier | None]:
    """The case's most recently closed meeting, and the most recently closed one with a
    drawing. A meeting never closed is skipped: what it holds may still change."""
    closed = [m for m in in_case if m.closed_at is not None]
    last: Earlier | None = None
    for row in sorted(closed, key=lambda m: m.closed_at or 0.0, reverse=True):
        state = (await rooms.get(row.id)).state
        earlier = Earlier(id=row.id, held_at=row.closed_at or row.created_at, state=state)
        last = last or earlier
        if followup.has_drawing(earlier.state):
            return last, earlier
    return last, None
