"""Persistence behind two small protocols (a Room's op log, the HTTP side's records); SQLite
(aiosqlite, WAL) is the default."""

from server.store.protocol import (
    AuditRow,
    CaseRow,
    Closings,
    LinkColumn,
    MeetingRow,
    OpLog,
    OpRow,
    ParticipantToken,
    QuietIntent,
    Records,
    RoomStore,
    Store,
    UserRow,
)

__all__ = [
    "AuditRow",
    "CaseRow",
    "Closings",
    "LinkColumn",
    "MeetingRow",
    "OpLog",
    "OpRow",
    "ParticipantToken",
    "QuietIntent",
    "Records",
    "RoomStore",
    "Store",
    "UserRow",
]
