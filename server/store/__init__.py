"""Persistence behind one small protocol; SQLite (aiosqlite, WAL) is the default."""

from server.store.protocol import (
    CaseRow,
    InvitationRow,
    LinkColumn,
    MeetingRow,
    OpRow,
    ParticipantToken,
    PasskeyRow,
    PendingSession,
    Role,
    Stage,
    Store,
    TeamRow,
    TotpRow,
    UserRow,
)

__all__ = [
    "CaseRow",
    "InvitationRow",
    "LinkColumn",
    "MeetingRow",
    "OpRow",
    "ParticipantToken",
    "PasskeyRow",
    "PendingSession",
    "Role",
    "Stage",
    "Store",
    "TeamRow",
    "TotpRow",
    "UserRow",
]
