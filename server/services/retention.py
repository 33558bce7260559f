"""Retention: closed meetings are deleted a number of days after closing, unless extended."""

import time
from collections import Counter

from server.live.rooms import Rooms
from server.services import audit, meetings
from server.store import AuditEvent, Store

DAY = 86400


async def purge(store: Store, retention_days: int, rooms: Rooms | None = None) -> int:
    """Delete every expired meeting with all of its data; returns how many went."""
    now = time.time()
    await store.forget_audit(now - audit.KEEP_DAYS * DAY)
    expired = await store.expired_meetings(now - retention_days * DAY, now)
    if not expired:
        return 0
    owners: Counter[str] = Counter()
    for meeting_id in expired:
        row = await store.meeting(meeting_id)
        if row is not None:
            owners[row.owner] += 1
    if rooms is None:  # `kreds purge`: no server in this process
        await store.delete_meetings(expired)
    else:
        await meetings.delete(rooms, store, expired)
    # The audit row says that meetings were deleted, never which: it must not name them. Each
    # facilitator's log shows how many of theirs went.
    for owner, count in owners.items():
        await store.audit(
            AuditEvent(
                at=now,
                actor="system",
                action="retention.purge",
                detail=f"{count} møder slettet",
                owner=owner,
            )
        )
    return len(expired)


def extended_until(deadline: float, retention_days: int, now: float) -> float:
    """One more retention period from the current deadline, or from today if it has passed."""
    return max(now, deadline) + retention_days * DAY
