"""SQLite storage (WAL, synchronous=FULL) with one writer task that group-commits."""

import asyncio
import itertools
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiosqlite

from server.ops.metrics import COMMIT_SECONDS
from server.store.migrations import MIGRATIONS
from server.store.protocol import (
    AuditRow,
    CaseRow,
    InvitationRow,
    LinkColumn,
    MeetingRow,
    OpRow,
    ParticipantToken,
    PasskeyRow,
    PendingSession,
    QuietIntent,
    Role,
    Stage,
    TeamRow,
    TotpRow,
    UserRow,
)

Statement = tuple[str, Sequence[Any]]

_INSERT_OP = (
    "INSERT INTO ops (meeting, seq, at, actor, client_id, type, changes)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_MEETING_COLUMNS = (
    "id, owner, title, template, created_at, link_nonce, join_hash, screen_hash, code_hash,"
    " facilitator_id, case_id, closed_at, next_meeting, keep_until, join_nonce"
)
_CASE_COLUMNS = "id, owner, title, created_at, team_id"
_USER_COLUMNS = "id, email, name, password_hash, created_at, role, team_id, active, oidc_subject"
_USER_VALUES = ", ".join("?" * len(_USER_COLUMNS.split(", ")))
_PASSKEY_COLUMNS = "id, user_id, public_key, sign_count, created_at, last_used_at"
_INVITATION_COLUMNS = (
    "token_hash, email, team_id, role, invited_by, created_at, expires_at, used_at"
)
_MEETING_TABLES = ("ops", "quiet_intents", "snapshots", "participants", "audit")
"""Every table with rows of a meeting: deleting a meeting empties them all of it."""


def _op_params(op: OpRow) -> tuple[Any, ...]:
    return (op.meeting, op.seq, op.at, op.actor, op.client_id, op.type, op.changes)


def _user(row: sqlite3.Row | None) -> UserRow | None:
    return None if row is None else UserRow(**{**dict(row), "active": bool(row["active"])})


def _user_params(user: UserRow) -> tuple[Any, ...]:
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


def _meeting(row: sqlite3.Row | None) -> MeetingRow | None:
    return None if row is None else MeetingRow(**dict(row))


@dataclass
class _Job:
    statements: list[Statement]
    done: asyncio.Future[None]
    # A bulk job is trusted not to violate a constraint (ops with room-assigned seqs, snapshots):
    # it joins one executemany per run of equal statements instead of a savepoint of its own.
    bulk: bool = False
    erases: bool = False
    """Deletes a meeting's content: the WAL, which still holds the pages as they were before
    (secure_delete overwrites only the database file), is checkpointed and emptied after it."""
    error: BaseException | None = field(default=None)


def _write_jobs(conn: sqlite3.Connection, jobs: list[_Job]) -> None:
    """Commit every job in one transaction, on the connection's own thread. A job that is not
    bulk runs in a savepoint of its own, so that its failure fails it alone. When a bulk job
    fails (a broken constraint: ops of a meeting deleted meanwhile, a writer that lost it),
    the batch is written again with every job in a savepoint of its own, in the order they
    came: the one that fails fails alone, and the other meetings' writes are committed."""
    _write(conn, jobs)
    if any(job.erases and job.error is None for job in jobs):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def _write(conn: sqlite3.Connection, jobs: list[_Job]) -> None:
    try:
        _transaction(conn, jobs, together=True)
    except (sqlite3.Error, ValueError):
        # Which job failed is not known; when it was not the disk (it fails them all again),
        # the others are written now.
        for job in jobs:
            job.error = None
        try:
            _transaction(conn, jobs, together=False)
        except (sqlite3.Error, ValueError) as error:
            for job in jobs:
                job.error = job.error or error


def _transaction(conn: sqlite3.Connection, jobs: list[_Job], *, together: bool) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for job in jobs:
            if not (together and job.bulk):
                _run_alone(conn, job)
        if together:
            bulk = [s for job in jobs if job.bulk for s in job.statements]
            for sql, run in itertools.groupby(bulk, key=lambda statement: statement[0]):
                conn.executemany(sql, [params for _, params in run])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _run_alone(conn: sqlite3.Connection, job: _Job) -> None:
    conn.execute("SAVEPOINT job")
    try:
        for sql, params in job.statements:
            conn.execute(sql, params)
    except (sqlite3.Error, ValueError) as error:
        conn.execute("ROLLBACK TO job")
        job.error = error
    conn.execute("RELEASE job")


class SqliteStore:
    """The Store for one SQLite file. All writes go through one writer task (group commit)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._queue: asyncio.Queue[_Job | None] = asyncio.Queue()
        self._writer_task: asyncio.Task[None] | None = None
        self._write: aiosqlite.Connection | None = None
        self._read: aiosqlite.Connection | None = None

    async def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._write = await aiosqlite.connect(self.path, isolation_level=None)
        await self._write.execute("PRAGMA journal_mode=WAL")
        await self._write.execute("PRAGMA synchronous=FULL")
        await self._write.execute("PRAGMA foreign_keys=ON")
        # Deleted meetings are overwritten on disk, not only unlinked (retention, case erasure).
        await self._write.execute("PRAGMA secure_delete=ON")
        await self._write.execute("PRAGMA busy_timeout=5000")
        await self._migrate(self._write)
        self._read = await aiosqlite.connect(self.path, isolation_level=None)
        self._read.row_factory = sqlite3.Row
        await self._read.execute("PRAGMA busy_timeout=5000")
        await self._read.execute("PRAGMA query_only=ON")
        self._writer_task = asyncio.create_task(self._write_loop(), name="kreds-writer")

    async def close(self) -> None:
        """Drain every queued write, then close."""
        if self._writer_task is not None:
            self._queue.put_nowait(None)
            await self._writer_task
            self._writer_task = None
        for conn in (self._read, self._write):
            if conn is not None:
                await conn.close()
        self._read = self._write = None

    async def ping(self) -> None:
        """Raise unless the database file answers now."""
        await self._one("SELECT 1", ())

    @staticmethod
    async def _migrate(conn: aiosqlite.Connection) -> None:
        async with conn.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        version = int(row[0]) if row else 0
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            await conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")

    # -- the writer ----------------------------------------------------------------------------

    async def _submit(
        self, statements: list[Statement], *, bulk: bool = False, erases: bool = False
    ) -> None:
        if self._writer_task is None or self._writer_task.done():
            raise RuntimeError("the store is closed")
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Job(statements, done, bulk, erases))
        await done

    async def _write_loop(self) -> None:
        closing = False
        while not closing:
            first = await self._queue.get()
            if first is None:
                break
            jobs = [first]
            while not self._queue.empty():
                job = self._queue.get_nowait()
                if job is None:
                    closing = True
                    break
                jobs.append(job)
            await self._commit(jobs)

    async def _commit(self, jobs: list[_Job]) -> None:
        conn = self._write
        assert conn is not None
        # One hop to the connection's thread for the whole transaction: awaiting each statement
        # would cost a trip through the event loop per statement, and on a busy loop every trip
        # is long. aiosqlite has no public call for running a function on its thread.
        with COMMIT_SECONDS.time():
            await conn._execute(_write_jobs, conn._conn, jobs)  # type: ignore[no-untyped-call]
        for job in jobs:
            if job.done.cancelled():
                continue
            if job.error is None:
                job.done.set_result(None)
            else:
                job.done.set_exception(job.error)

    # -- reads ---------------------------------------------------------------------------------

    async def _one(self, sql: str, params: Sequence[Any]) -> sqlite3.Row | None:
        assert self._read is not None
        async with self._read.execute(sql, params) as cursor:
            row: sqlite3.Row | None = await cursor.fetchone()
        return row

    async def _all(self, sql: str, params: Sequence[Any]) -> list[sqlite3.Row]:
        assert self._read is not None
        async with self._read.execute(sql, params) as cursor:
            rows = await cursor.fetchall()
        return list(rows)

    # -- users and sessions --------------------------------------------------------------------

    async def count_users(self) -> int:
        row = await self._one("SELECT count(*) FROM users", ())
        return int(row[0]) if row else 0

    async def create_user(self, user: UserRow) -> None:
        await self._submit(
            [
                (
                    f"INSERT INTO users ({_USER_COLUMNS}) VALUES ({_USER_VALUES})",
                    _user_params(user),
                )
            ]
        )

    async def user_by_email(self, email: str) -> UserRow | None:
        return _user(
            await self._one(f"SELECT {_USER_COLUMNS} FROM users WHERE email = ?", (email,))
        )

    async def user_by_id(self, user_id: str) -> UserRow | None:
        return _user(await self._one(f"SELECT {_USER_COLUMNS} FROM users WHERE id = ?", (user_id,)))

    async def create_session(
        self, token_hash: bytes, user_id: str, expires_at: float, stage: Stage = "full"
    ) -> None:
        await self._submit(
            [
                ("DELETE FROM sessions WHERE expires_at < ?", (expires_at - 86400 * 2,)),
                (
                    "INSERT INTO sessions (token_hash, user_id, expires_at, stage)"
                    " VALUES (?, ?, ?, ?)",
                    (token_hash, user_id, expires_at, stage),
                ),
            ]
        )

    async def pending_session(self, token_hash: bytes, now: float) -> PendingSession | None:
        """A session that is not expired, of an active user, whatever its stage."""
        row = await self._one(
            f"SELECT {', '.join('u.' + c for c in _USER_COLUMNS.split(', '))},"
            " s.stage AS stage, s.challenge AS challenge FROM sessions s"
            " JOIN users u ON u.id = s.user_id"
            " WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1",
            (token_hash, now),
        )
        if row is None:
            return None
        fields = dict(row)
        stage, challenge = fields.pop("stage"), fields.pop("challenge")
        user = UserRow(**{**fields, "active": True})
        return PendingSession(user=user, stage=stage, challenge=challenge)

    async def set_challenge(self, token_hash: bytes, challenge: bytes | None) -> None:
        await self._submit(
            [("UPDATE sessions SET challenge = ? WHERE token_hash = ?", (challenge, token_hash))]
        )

    async def replace_session(
        self, old_hash: bytes, token_hash: bytes, user_id: str, expires_at: float, now: float
    ) -> None:
        """A signed-in session under a new token, for the half-signed-in one it ends."""
        await self._submit(
            [
                ("DELETE FROM sessions WHERE token_hash = ?", (old_hash,)),
                (
                    "INSERT INTO sessions (token_hash, user_id, expires_at, stage, seen_at)"
                    " VALUES (?, ?, ?, 'full', ?)",
                    (token_hash, user_id, expires_at, now),
                ),
            ]
        )

    async def totp_of(self, user_id: str) -> TotpRow | None:
        row = await self._one(
            "SELECT user_id, secret, confirmed, last_step FROM totp WHERE user_id = ?", (user_id,)
        )
        return None if row is None else TotpRow(**{**dict(row), "confirmed": bool(row[2])})

    async def save_totp(self, user_id: str, secret: bytes, now: float) -> None:
        """A new, unconfirmed secret in place of an unconfirmed one; a confirmed one stays."""
        await self._submit(
            [
                ("DELETE FROM totp WHERE user_id = ? AND confirmed = 0", (user_id,)),
                (
                    "INSERT INTO totp (user_id, secret, created_at) VALUES (?, ?, ?)",
                    (user_id, secret, now),
                ),
            ]
        )

    async def confirm_totp(self, user_id: str, step: int) -> None:
        await self._submit(
            [
                (
                    "UPDATE totp SET confirmed = 1, last_step = ? WHERE user_id = ?",
                    (step, user_id),
                )
            ]
        )

    async def totp_used(self, user_id: str, step: int) -> None:
        await self._submit(
            [
                (
                    "UPDATE totp SET last_step = ? WHERE user_id = ? AND last_step < ?",
                    (step, user_id, step),
                )
            ]
        )

    async def passkeys_of(self, user_id: str) -> list[PasskeyRow]:
        rows = await self._all(
            f"SELECT {_PASSKEY_COLUMNS} FROM passkeys WHERE user_id = ? ORDER BY created_at",
            (user_id,),
        )
        return [PasskeyRow(**dict(row)) for row in rows]

    async def passkey(self, credential_id: bytes) -> PasskeyRow | None:
        row = await self._one(
            f"SELECT {_PASSKEY_COLUMNS} FROM passkeys WHERE id = ?", (credential_id,)
        )
        return None if row is None else PasskeyRow(**dict(row))

    async def add_passkey(self, passkey: PasskeyRow) -> None:
        await self._submit(
            [
                (
                    f"INSERT INTO passkeys ({_PASSKEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        passkey.id,
                        passkey.user_id,
                        passkey.public_key,
                        passkey.sign_count,
                        passkey.created_at,
                        passkey.last_used_at,
                    ),
                )
            ]
        )

    async def passkey_used(self, credential_id: bytes, sign_count: int, now: float) -> None:
        await self._submit(
            [
                (
                    "UPDATE passkeys SET sign_count = ?, last_used_at = ? WHERE id = ?",
                    (sign_count, now, credential_id),
                )
            ]
        )

    async def set_recovery_codes(self, user_id: str, code_hashes: Sequence[bytes]) -> None:
        """New recovery codes in place of every earlier one."""
        await self._submit(
            [
                ("DELETE FROM recovery_codes WHERE user_id = ?", (user_id,)),
                *(
                    (
                        "INSERT INTO recovery_codes (code_hash, user_id) VALUES (?, ?)",
                        (code_hash, user_id),
                    )
                    for code_hash in code_hashes
                ),
            ]
        )

    async def recovery_code(self, user_id: str, code_hash: bytes) -> bool:
        """Whether this is an unused recovery code of this user."""
        row = await self._one(
            "SELECT 1 FROM recovery_codes WHERE code_hash = ? AND user_id = ? AND used_at IS NULL",
            (code_hash, user_id),
        )
        return row is not None

    async def recovery_code_count(self, user_id: str) -> int:
        """How many unused recovery codes the account has left."""
        row = await self._one(
            "SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
            (user_id,),
        )
        return int(row[0]) if row else 0

    async def use_recovery_code(self, code_hash: bytes, now: float) -> None:
        await self._submit(
            [("UPDATE recovery_codes SET used_at = ? WHERE code_hash = ?", (now, code_hash))]
        )

    async def reset_second_factor(self, user_id: str) -> None:
        """The operator's reset: no passkey, code or recovery code, and no session; the next
        sign-in enrols a second factor again."""
        await self._submit(
            [
                (f"DELETE FROM {table} WHERE user_id = ?", (user_id,))
                for table in ("totp", "passkeys", "recovery_codes", "sessions")
            ]
        )

    async def session_user(
        self, token_hash: bytes, now: float, seen_after: float = 0.0
    ) -> UserRow | None:
        """The session's user while it is neither expired nor idle since `seen_after`."""
        row = await self._one(
            f"SELECT {', '.join('u.' + c for c in _USER_COLUMNS.split(', '))} FROM sessions s"
            " JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?"
            " AND COALESCE(s.seen_at, ?) > ? AND u.active = 1 AND s.stage = 'full'",
            (token_hash, now, now, seen_after),
        )
        return _user(row)

    async def touch_session(self, token_hash: bytes, now: float) -> None:
        await self._submit(
            [("UPDATE sessions SET seen_at = ? WHERE token_hash = ?", (now, token_hash))],
            bulk=True,
        )

    async def delete_session(self, token_hash: bytes) -> None:
        await self._submit([("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))])

    async def session_expires(self, token_hash: bytes) -> float:
        """When the session ends at the latest; 0 when there is none."""
        row = await self._one("SELECT expires_at FROM sessions WHERE token_hash = ?", (token_hash,))
        return float(row[0]) if row else 0.0

    async def live_sessions(
        self, token_hashes: Sequence[bytes], now: float, seen_after: float
    ) -> set[bytes]:
        """Those of these sessions that are neither expired, idle, nor of an inactive user."""
        found: set[bytes] = set()
        unique = list(dict.fromkeys(token_hashes))
        for start in range(0, len(unique), 500):
            part = unique[start : start + 500]
            rows = await self._all(
                "SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id"
                f" WHERE s.token_hash IN ({', '.join('?' * len(part))}) AND s.expires_at > ?"
                " AND COALESCE(s.seen_at, ?) > ? AND u.active = 1 AND s.stage = 'full'",
                (*part, now, now, seen_after),
            )
            found.update(bytes(row[0]) for row in rows)
        return found

    async def set_password(self, user_id: str, password_hash: str, keep: bytes) -> None:
        """A new password; every other session of the user ends with the old one."""
        await self._submit(
            [
                ("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id)),
                (
                    "DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?",
                    (user_id, keep),
                ),
            ]
        )

    async def owns_cases(self, user_id: str) -> bool:
        """Whether the account owns a case, or a meeting in a case: the team's records."""
        row = await self._one(
            "SELECT EXISTS (SELECT 1 FROM cases WHERE owner = ?)"
            " OR EXISTS (SELECT 1 FROM meetings WHERE owner = ? AND case_id IS NOT NULL)",
            (user_id, user_id),
        )
        return bool(row and row[0])

    async def delete_user(self, user_id: str) -> list[str]:
        """The account, its sessions and its meetings outside cases (op log, snapshots,
        participants, audit rows) in one transaction; the ids of the meetings erased."""
        rows = await self._all("SELECT id FROM meetings WHERE owner = ?", (user_id,))
        own = "(SELECT id FROM meetings WHERE owner = ? AND case_id IS NULL)"
        statements: list[Statement] = [
            (f"DELETE FROM {table} WHERE meeting IN {own}", (user_id,))
            for table in ("ops", "snapshots", "participants", "audit")
        ]
        statements += [
            ("DELETE FROM meetings WHERE owner = ? AND case_id IS NULL", (user_id,)),
            ("DELETE FROM sessions WHERE user_id = ?", (user_id,)),
            # A meeting in a case, made after the check, makes this fail as a whole.
            ("DELETE FROM users WHERE id = ?", (user_id,)),
        ]
        await self._submit(statements)
        return [str(row[0]) for row in rows]

    # -- accounts from the OpenID Connect provider ---------------------------------------------

    async def user_by_subject(self, subject: str) -> UserRow | None:
        return _user(
            await self._one(f"SELECT {_USER_COLUMNS} FROM users WHERE oidc_subject = ?", (subject,))
        )

    async def update_from_provider(self, user_id: str, subject: str, name: str, role: Role) -> None:
        """The provider decides: its subject, the name and the role it gives, at each sign-in."""
        await self._submit(
            [
                (
                    "UPDATE users SET oidc_subject = ?, name = ?, role = ? WHERE id = ?",
                    (subject, name, role, user_id),
                )
            ]
        )

    async def save_oidc_login(
        self, state_hash: bytes, nonce: str, verifier: str, now: float
    ) -> None:
        await self._submit(
            [
                ("DELETE FROM oidc_logins WHERE created_at < ?", (now - 3600,)),
                (
                    "INSERT INTO oidc_logins (state_hash, nonce, verifier, created_at)"
                    " VALUES (?, ?, ?, ?)",
                    (state_hash, nonce, verifier, now),
                ),
            ]
        )

    async def take_oidc_login(
        self, state_hash: bytes, created_after: float
    ) -> tuple[str, str] | None:
        """The nonce and verifier of a sign-in under way, used up by this call."""
        row = await self._one(
            "SELECT nonce, verifier FROM oidc_logins WHERE state_hash = ? AND created_at > ?",
            (state_hash, created_after),
        )
        await self._submit([("DELETE FROM oidc_logins WHERE state_hash = ?", (state_hash,))])
        return None if row is None else (str(row[0]), str(row[1]))

    async def set_id_token(self, token_hash: bytes, id_token: str) -> None:
        await self._submit(
            [("UPDATE sessions SET id_token = ? WHERE token_hash = ?", (id_token, token_hash))]
        )

    async def id_token(self, token_hash: bytes) -> str | None:
        row = await self._one("SELECT id_token FROM sessions WHERE token_hash = ?", (token_hash,))
        return None if row is None or row[0] is None else str(row[0])

    # -- teams, roles and invitations ----------------------------------------------------------

    async def create_team(self, team: TeamRow) -> None:
        await self._submit(
            [
                (
                    "INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)",
                    (team.id, team.name, team.created_at),
                )
            ]
        )

    async def team(self, team_id: str) -> TeamRow | None:
        row = await self._one("SELECT id, name, created_at FROM teams WHERE id = ?", (team_id,))
        return None if row is None else TeamRow(**dict(row))

    async def team_by_name(self, name: str) -> TeamRow | None:
        row = await self._one("SELECT id, name, created_at FROM teams WHERE name = ?", (name,))
        return None if row is None else TeamRow(**dict(row))

    async def teams(self) -> list[TeamRow]:
        rows = await self._all("SELECT id, name, created_at FROM teams ORDER BY name", ())
        return [TeamRow(**dict(row)) for row in rows]

    async def users(self) -> list[UserRow]:
        rows = await self._all(f"SELECT {_USER_COLUMNS} FROM users ORDER BY name, email", ())
        return [user for row in rows if (user := _user(row)) is not None]

    async def set_active(self, user_id: str, active: bool) -> None:
        """Deactivating ends every session of the account in the same transaction."""
        statements: list[Statement] = [
            ("UPDATE users SET active = ? WHERE id = ?", (int(active), user_id))
        ]
        if not active:
            statements.append(("DELETE FROM sessions WHERE user_id = ?", (user_id,)))
        await self._submit(statements)

    async def create_invitation(self, invitation: InvitationRow) -> None:
        """A new invitation replaces the unused ones to the same address."""
        await self._submit(
            [
                (
                    "DELETE FROM invitations WHERE email = ? AND used_at IS NULL",
                    (invitation.email,),
                ),
                (
                    f"INSERT INTO invitations ({_INVITATION_COLUMNS})"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        invitation.token_hash,
                        invitation.email,
                        invitation.team_id,
                        invitation.role,
                        invitation.invited_by,
                        invitation.created_at,
                        invitation.expires_at,
                        invitation.used_at,
                    ),
                ),
            ]
        )

    async def invitation(self, token_hash: bytes) -> InvitationRow | None:
        row = await self._one(
            f"SELECT {_INVITATION_COLUMNS} FROM invitations WHERE token_hash = ?", (token_hash,)
        )
        return None if row is None else InvitationRow(**dict(row))

    async def accept_invitation(self, token_hash: bytes, user: UserRow, now: float) -> bool:
        """Make the account and use the invitation up, as one: only while it is unused and
        unexpired, and while no account has the address. Whether this call made it."""
        usable = (
            "SELECT 1 FROM invitations WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?"
        )
        await self._submit(
            [
                (
                    f"INSERT INTO users ({_USER_COLUMNS}) SELECT {_USER_VALUES}"
                    f" WHERE EXISTS ({usable})"
                    " AND NOT EXISTS (SELECT 1 FROM users WHERE email = ?)",
                    (*_user_params(user), token_hash, now, user.email),
                ),
                (
                    "UPDATE invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                    " AND EXISTS (SELECT 1 FROM users WHERE id = ?)",
                    (now, token_hash, user.id),
                ),
            ]
        )
        return await self.user_by_id(user.id) is not None

    async def installation_audit_log(self, limit: int) -> list[AuditRow]:
        """Everything the audit log holds, of every account and meeting; newest first."""
        rows = await self._all(
            "SELECT a.at, a.action, COALESCE(NULLIF(a.actor_name, ''), u.name, '') AS actor_name,"
            " a.meeting AS meeting_id, m.title AS meeting_title, a.detail FROM audit a"
            " LEFT JOIN meetings m ON m.id = a.meeting LEFT JOIN users u ON u.id = a.actor"
            " ORDER BY a.at DESC, a.id DESC LIMIT ?",
            (limit,),
        )
        return [AuditRow(**dict(row)) for row in rows]

    # -- meetings and participants -------------------------------------------------------------

    async def create_meeting(self, meeting: MeetingRow, first_op: OpRow) -> None:
        await self._submit(
            [
                (
                    f"INSERT INTO meetings ({_MEETING_COLUMNS})"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
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
                    ),
                ),
                (_INSERT_OP, _op_params(first_op)),
            ]
        )

    async def meeting(self, meeting_id: str) -> MeetingRow | None:
        return _meeting(
            await self._one(f"SELECT {_MEETING_COLUMNS} FROM meetings WHERE id = ?", (meeting_id,))
        )

    async def meetings_of(self, owner: str) -> list[MeetingRow]:
        rows = await self._all(
            f"SELECT {_MEETING_COLUMNS} FROM meetings WHERE owner = ? ORDER BY created_at DESC",
            (owner,),
        )
        return [MeetingRow(**dict(row)) for row in rows]

    async def meeting_by_hash(self, column: LinkColumn, digest: bytes) -> MeetingRow | None:
        assert column in ("join_hash", "screen_hash", "code_hash")
        return _meeting(
            await self._one(
                f"SELECT {_MEETING_COLUMNS} FROM meetings WHERE {column} = ?", (digest,)
            )
        )

    async def renew_join(
        self, meeting_id: str, nonce: bytes, join_hash: bytes, code_hash: bytes
    ) -> None:
        """A new join link and code; the old ones match no meeting from now on."""
        await self._submit(
            [
                (
                    "UPDATE meetings SET join_nonce = ?, join_hash = ?, code_hash = ? WHERE id = ?",
                    (nonce, join_hash, code_hash, meeting_id),
                )
            ]
        )

    async def participant_by_token(self, token_hash: bytes) -> tuple[str, str] | None:
        row = await self._one(
            "SELECT meeting, id FROM participants WHERE token_hash = ?", (token_hash,)
        )
        return None if row is None else (str(row[0]), str(row[1]))

    # -- the op log and snapshots --------------------------------------------------------------

    async def append(
        self,
        ops: Sequence[OpRow],
        tokens: Sequence[ParticipantToken] = (),
        quiet: Sequence[QuietIntent] = (),
    ) -> None:
        """Ops (with the tokens of people who joined in them, and the ids of intents that
        changed nothing), durable together; refused when the meeting is gone."""
        statements: list[Statement] = [(_INSERT_OP, _op_params(op)) for op in ops]
        statements += [
            ("INSERT INTO participants (token_hash, meeting, id) VALUES (?, ?, ?)", token)
            for token in tokens
        ]
        statements += [
            (
                "INSERT INTO quiet_intents (meeting, client_id, seq) VALUES (?, ?, ?)",
                (intent.meeting, intent.client_id, intent.seq),
            )
            for intent in quiet
        ]
        await self._submit(statements, bulk=True)

    async def ops_after(self, meeting_id: str, seq: int, limit: int) -> list[OpRow]:
        rows = await self._all(
            "SELECT meeting, seq, at, actor, client_id, type, changes FROM ops"
            " WHERE meeting = ? AND seq > ? ORDER BY seq LIMIT ?",
            (meeting_id, seq, limit),
        )
        return [OpRow(**dict(row)) for row in rows]

    async def client_ids(self, meeting_id: str) -> dict[str, int]:
        rows = await self._all(
            "SELECT client_id, seq FROM ops WHERE meeting = ?"
            " UNION ALL SELECT client_id, seq FROM quiet_intents WHERE meeting = ?",
            (meeting_id, meeting_id),
        )
        return {str(row[0]): int(row[1]) for row in rows}

    async def latest_snapshot(self, meeting_id: str) -> tuple[int, bytes] | None:
        row = await self._one(
            "SELECT seq, state FROM snapshots WHERE meeting = ? ORDER BY seq DESC LIMIT 1",
            (meeting_id,),
        )
        return None if row is None else (int(row[0]), bytes(row[1]))

    async def save_snapshot(self, meeting_id: str, seq: int, state: bytes) -> None:
        await self._submit(
            [
                (
                    "INSERT OR REPLACE INTO snapshots (meeting, seq, state) VALUES (?, ?, ?)",
                    (meeting_id, seq, state),
                ),
                ("DELETE FROM snapshots WHERE meeting = ? AND seq < ?", (meeting_id, seq)),
            ],
            bulk=True,
        )

    async def audit(
        self,
        at: float,
        meeting: str | None,
        actor: str,
        action: str,
        detail: str,
        *,
        owner: str | None = None,
        actor_name: str = "",
    ) -> None:
        await self._submit(
            [
                (
                    "INSERT INTO audit (at, meeting, actor, action, detail, owner, actor_name)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (at, meeting, actor, action, detail, owner, actor_name),
                )
            ],
            bulk=True,
        )

    async def audit_log(self, owner: str, limit: int) -> list[AuditRow]:
        """What this facilitator did, what happened in their meetings, and what was done to
        their account or data; newest first."""
        rows = await self._all(
            "SELECT a.at, a.action, COALESCE(NULLIF(a.actor_name, ''), u.name, '') AS actor_name,"
            " a.meeting AS meeting_id, m.title AS meeting_title, a.detail FROM audit a"
            " LEFT JOIN meetings m ON m.id = a.meeting LEFT JOIN users u ON u.id = a.actor"
            " WHERE a.owner = ? OR a.actor = ? OR m.owner = ?"
            " ORDER BY a.at DESC, a.id DESC LIMIT ?",
            (owner, owner, owner, limit),
        )
        return [AuditRow(**dict(row)) for row in rows]

    async def forget_audit(self, before: float) -> None:
        """Rows older than the audit log is kept; rows of a meeting go with the meeting."""
        await self._submit([("DELETE FROM audit WHERE at < ?", (before,))])

    # -- cases, closing and retention ----------------------------------------------------------

    async def create_case(self, case: CaseRow) -> None:
        await self._submit(
            [
                (
                    f"INSERT INTO cases ({_CASE_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                    (case.id, case.owner, case.title, case.created_at, case.team_id),
                )
            ]
        )

    async def case(self, case_id: str) -> CaseRow | None:
        row = await self._one(f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = ?", (case_id,))
        return None if row is None else CaseRow(**dict(row))

    async def cases_of_team(self, team_id: str) -> list[CaseRow]:
        rows = await self._all(
            f"SELECT {_CASE_COLUMNS} FROM cases WHERE team_id = ? ORDER BY created_at DESC",
            (team_id,),
        )
        return [CaseRow(**dict(row)) for row in rows]

    async def meetings_in_case(self, case_id: str) -> list[MeetingRow]:
        rows = await self._all(
            f"SELECT {_MEETING_COLUMNS} FROM meetings WHERE case_id = ? ORDER BY created_at",
            (case_id,),
        )
        return [MeetingRow(**dict(row)) for row in rows]

    async def mark_closed(self, meeting_id: str, at: float, next_meeting: str | None) -> None:
        await self._submit(
            [
                (
                    "UPDATE meetings SET closed_at = ?, next_meeting = ? WHERE id = ?",
                    (at, next_meeting, meeting_id),
                )
            ]
        )

    async def keep_until(self, meeting_id: str, until: float) -> None:
        await self._submit(
            [("UPDATE meetings SET keep_until = ? WHERE id = ?", (until, meeting_id))]
        )

    async def expired_meetings(self, closed_before: float, now: float) -> list[str]:
        rows = await self._all(
            "SELECT id FROM meetings WHERE closed_at IS NOT NULL AND closed_at < ?"
            " AND (keep_until IS NULL OR keep_until < ?)",
            (closed_before, now),
        )
        return [str(row[0]) for row in rows]

    async def delete_meetings(self, meeting_ids: Sequence[str]) -> None:
        """Everything of these meetings: op log, snapshots, participants, audit rows, the row."""
        statements: list[Statement] = []
        for meeting_id in meeting_ids:
            statements += [
                (f"DELETE FROM {table} WHERE meeting = ?", (meeting_id,))
                for table in _MEETING_TABLES
            ]
            statements.append(("DELETE FROM meetings WHERE id = ?", (meeting_id,)))
        if statements:
            await self._submit(statements, erases=True)

    async def delete_case(self, case_id: str) -> None:
        """The case, every meeting in it, and the audit rows that name it: one transaction."""
        in_case = "(SELECT id FROM meetings WHERE case_id = ?)"
        statements: list[Statement] = [
            (f"DELETE FROM {table} WHERE meeting IN {in_case}", (case_id,))
            for table in _MEETING_TABLES
        ]
        statements += [
            ("DELETE FROM meetings WHERE case_id = ?", (case_id,)),
            ("DELETE FROM audit WHERE detail = ?", (case_id,)),
            ("DELETE FROM cases WHERE id = ?", (case_id,)),
        ]
        await self._submit(statements, erases=True)
