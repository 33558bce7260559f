"""The SQL both stores share: column lists, statements, and each row as its Struct.

Statements are written once, with `?` placeholders (SQLite's); the PostgreSQL store numbers
them ($1, $2, …) before it runs them. Only portable SQL is written here."""

from collections.abc import Sequence
from typing import Any, Protocol

from server.store.protocol import MeetingRow, OpRow, UserRow

Statement = tuple[str, Sequence[Any]]


class Row(Protocol):
    """A result row of either driver (sqlite3.Row, asyncpg.Record): read by position or name."""

    def __getitem__(self, key: int | str, /) -> Any: ...
    def keys(self) -> Any: ...


def placeholders(count: int) -> str:
    return ", ".join("?" * count)


def prefixed(columns: str, alias: str) -> str:
    """`id, email` as `u.id, u.email`."""
    return ", ".join(f"{alias}.{column}" for column in columns.split(", "))


MEETING_COLUMNS = (
    "id, owner, title, template, created_at, link_nonce, join_hash, screen_hash, code_hash,"
    " facilitator_id, case_id, closed_at, next_meeting, keep_until, join_nonce"
)
CASE_COLUMNS = "id, owner, title, created_at, team_id"
USER_COLUMNS = "id, email, name, password_hash, created_at, role, team_id, active, oidc_subject"
USER_VALUES = placeholders(len(USER_COLUMNS.split(", ")))
PASSKEY_COLUMNS = "id, user_id, public_key, sign_count, created_at, last_used_at"
INVITATION_COLUMNS = "token_hash, email, team_id, role, invited_by, created_at, expires_at, used_at"
OP_COLUMNS = "meeting, seq, at, actor, client_id, type, changes"
INSERT_OP = f"INSERT INTO ops ({OP_COLUMNS}) VALUES ({placeholders(7)})"
INSERT_MEETING = (
    f"INSERT INTO meetings ({MEETING_COLUMNS})"
    f" VALUES ({placeholders(len(MEETING_COLUMNS.split(', ')))})"
)
INSERT_USER = f"INSERT INTO users ({USER_COLUMNS}) VALUES ({USER_VALUES})"
MEETING_TABLES = ("ops", "quiet_intents", "snapshots", "participants", "audit")
"""Every table with rows of a meeting: deleting a meeting empties them all of it."""
AUDIT_ROWS = (
    "SELECT a.at, a.action, COALESCE(NULLIF(a.actor_name, ''), u.name, '') AS actor_name,"
    " a.meeting AS meeting_id, m.title AS meeting_title, a.detail FROM audit a"
    " LEFT JOIN meetings m ON m.id = a.meeting LEFT JOIN users u ON u.id = a.actor"
)
"""The audit log's rows, each with the names of its actor and meeting; a WHERE may follow."""


def op_params(op: OpRow) -> tuple[Any, ...]:
    return (op.meeting, op.seq, op.at, op.actor, op.client_id, op.type, op.changes)


def user_from(row: Row | None) -> UserRow | None:
    return None if row is None else UserRow(**{**dict(row), "active": bool(row["active"])})


def user_params(user: UserRow) -> tuple[Any, ...]:
    return (
        user.id,
        user.email,
        user.name,
        user.password_hash,
        user.created_at,
        user.role,
        user.team_id,
        int(user.active),
        user.oidc_subject,
    )


def meeting_from(row: Row | None) -> MeetingRow | None:
    return None if row is None else MeetingRow(**dict(row))


def meeting_params(meeting: MeetingRow) -> tuple[Any, ...]:
    return (
        meeting.id,
        meeting.owner,
        meeting.title,
        meeting.template,
        meeting.created_at,
        meeting.link_nonce,
        meeting.join_hash,
        meeting.screen_hash,
        meeting.code_hash,
        meeting.facilitator_id,
        meeting.case_id,
        meeting.closed_at,
        meeting.next_meeting,
        meeting.keep_until,
        meeting.join_nonce,
    )
