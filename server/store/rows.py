"""The SQL both stores share: column lists, statements, and each row as its Struct.

Statements are written once, with `?` placeholders (SQLite's); the PostgreSQL store numbers
them ($1, $2, …) before it runs them. Only portable SQL is written here."""

from collections.abc import Sequence
from typing import Any, Protocol

import msgspec
from msgspec.structs import astuple

from server.store.protocol import CaseRow, InvitationRow, MeetingRow, OpRow, PasskeyRow, UserRow

Statement = tuple[str, Sequence[Any]]


class Row(Protocol):
    """A result row of either driver (sqlite3.Row, asyncpg.Record): read by position or name."""

    def __getitem__(self, key: int | str, /) -> Any: ...
    def keys(self) -> Any: ...


IDS_PER_QUERY = 500
"""Ids asked about in one query: older SQLite builds take 999 parameters at most."""


def placeholders(count: int) -> str:
    return ", ".join("?" * count)


def prefixed(columns: str, alias: str) -> str:
    """`id, email` as `u.id, u.email`."""
    return ", ".join(f"{alias}.{column}" for column in columns.split(", "))


def columns(row_type: type[msgspec.Struct]) -> str:
    """A table's columns are its row's fields, in their order."""
    return ", ".join(row_type.__struct_fields__)


def insert(table: str, row_type: type[msgspec.Struct]) -> str:
    """The statement that writes one row of `row_type`, with `params(row)`."""
    count = len(row_type.__struct_fields__)
    return f"INSERT INTO {table} ({columns(row_type)}) VALUES ({placeholders(count)})"


def params(row: msgspec.Struct) -> tuple[Any, ...]:
    """A row's values in its columns' order; a flag as the integer both schemas keep it as."""
    return tuple(int(value) if isinstance(value, bool) else value for value in astuple(row))


MEETING_COLUMNS = columns(MeetingRow)
CASE_COLUMNS = columns(CaseRow)
USER_COLUMNS = columns(UserRow)
PASSKEY_COLUMNS = columns(PasskeyRow)
INVITATION_COLUMNS = columns(InvitationRow)
OP_COLUMNS = columns(OpRow)
INSERT_OP = insert("ops", OpRow)
MEETING_TABLES = ("ops", "quiet_intents", "snapshots", "participants", "audit")
"""Every table with rows of a meeting: deleting a meeting empties them all of it."""
AUDIT_ROWS = (
    "SELECT a.at, a.action, COALESCE(NULLIF(a.actor_name, ''), u.name, '') AS who,"
    " a.meeting AS meeting_id, m.title AS meeting_title, a.detail FROM audit a"
    " LEFT JOIN meetings m ON m.id = a.meeting LEFT JOIN users u ON u.id = a.actor"
)
"""The audit log's rows, each with the names of its actor and meeting; a WHERE may follow."""


def user_from(row: Row | None) -> UserRow | None:
    return None if row is None else UserRow(**{**dict(row), "active": bool(row["active"])})


def meeting_from(row: Row | None) -> MeetingRow | None:
    return None if row is None else MeetingRow(**dict(row))
