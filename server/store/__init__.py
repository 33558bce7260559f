"""Persistence behind one small protocol; SQLite (aiosqlite, WAL) is the default."""

from server.store.protocol import LinkColumn, MeetingRow, OpRow, ParticipantToken, Store, UserRow

__all__ = ["LinkColumn", "MeetingRow", "OpRow", "ParticipantToken", "Store", "UserRow"]
