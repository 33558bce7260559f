"""Persistence behind one small protocol; SQLite (aiosqlite, WAL) is the default."""

from server.store.protocol import (
    CaseRow,
    LinkColumn,
    MeetingRow,
    OpRow,
    ParticipantToken,
    QuietIntent,
    Store,
    UserRow,
)

__all__ = [
    "CaseRow",
    "LinkColumn",
    "MeetingRow",
    "OpRow",
    "ParticipantToken",
    "QuietIntent",
    "Store",
    "UserRow",
]
