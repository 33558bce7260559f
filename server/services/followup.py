"""Opening a meeting, in a case a follow-up: what it carries of the case's earlier meetings
goes into its own op log through its Room, durable before this returns.

Only meetings the store still holds are read: a meeting deleted (with its case) or purged by
retention has no row, so nothing of it can be carried."""

import logging

from server.domain import Rejected, followup
from server.domain.followup import Earlier
from server.live.rooms import Rooms
from server.services import meetings
from server.services.auth import Keys, new_id
from server.store import CaseRow, MeetingRow, Store, UserRow
from shared_schema import CarryDrawing, Template

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
    """A new meeting; in a case, it starts with what the case's earlier meetings carry: the
    open agreements and safety plan in its first op, the latest drawing in the op after."""
    if case is None:
        return await meetings.create_meeting(store, keys, owner, title, template)
    last, drawn = await _earlier(rooms, await store.meetings_in_case(case.id))
    carried = followup.carry_forward(last, drawn, new_id)
    row = await meetings.create_meeting(
        store, keys, owner, title, template, case.id, carried.agreements, carried.safety
    )
    if carried.drawing is not None:
        await _carry_drawing(rooms, row.id, carried.drawing)
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


async def _carry_drawing(rooms: Rooms, meeting_id: str, drawing: CarryDrawing) -> None:
    """A copy refused leaves the meeting as it is, with an empty drawing: the meeting exists
    already and must still open."""
    try:
        ack = await (await rooms.get(meeting_id)).submit_system(drawing)
    except Rejected as rejected:
        log.warning("meeting %s: the earlier drawing was not copied (%s)", meeting_id, rejected)
        return
    if not ack.ok:
        log.warning("meeting %s: the earlier drawing was not copied (%s)", meeting_id, ack.code)
