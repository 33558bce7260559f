"""PostgreSQL storage (asyncpg) with one writer task that group-commits, like SqliteStore."""

import asyncio
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import asyncpg

from server.ops.metrics import COMMIT_SECONDS
from server.store.postgres_migrations import MIGRATIONS
from server.store.protocol import (
    AuditRow,
    CaseRow,
    Fenced,
    HandoverListener,
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
    Unavailable,
    UserRow,
)

Statement = tuple[str, Sequence[Any]]

MIGRATION_LOCK = 0x6B726564  # "kred": nodes starting together migrate one at a time
CONNECT_TIMEOUT = 5.0
"""Seconds to wait for PostgreSQL when (re)connecting; a write fails after that."""

_INSERT_OP = (
    "INSERT INTO ops (meeting, seq, at, actor, client_id, type, changes)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)"
)
_MEETING_COLUMNS = (
    "id, owner, title, template, created_at, link_nonce, join_hash, screen_hash, code_hash,"
    " facilitator_id, case_id, closed_at, next_meeting, keep_until, join_nonce"
)
_CASE_COLUMNS = "id, owner, title, created_at, team_id"
_USER_COLUMNS = "id, email, name, password_hash, created_at, role, team_id, active, oidc_subject"
_USER_VALUES = ", ".join(f"${n}" for n in range(1, len(_USER_COLUMNS.split(", ")) + 1))
_U = ", ".join("u." + column for column in _USER_COLUMNS.split(", "))
_PASSKEY_COLUMNS = "id, user_id, public_key, sign_count, created_at, last_used_at"
_INVITATION_COLUMNS = (
    "token_hash, email, team_id, role, invited_by, created_at, expires_at, used_at"
)
_MEETING_TABLES = ("ops", "quiet_intents", "snapshots", "participants", "audit")
"""Every table with rows of a meeting: deleting a meeting empties them all of it."""
_NOW = "extract(epoch FROM clock_timestamp())"
"""The database's clock, in seconds: every lease is timed by it, never by a node's."""
HANDOVER_CHANNEL = "kreds_handover"
_LOST = (
    OSError,
    asyncio.TimeoutError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError,
)
"""What a lost, restarting or unreachable server raises."""


def _op_params(op: OpRow) -> tuple[Any, ...]:
    return (op.meeting, op.seq, op.at, op.actor, op.client_id, op.type, op.changes)


def _user(row: asyncpg.Record | None) -> UserRow | None:
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


def _meeting(row: asyncpg.Record | None) -> MeetingRow | None:
    return None if row is None else MeetingRow(**dict(row))


@dataclass
class _Job:
    statements: list[Statement]
    done: asyncio.Future[None]
    # As in SqliteStore: a bulk job joins one executemany per run of equal statements; any
    # other job runs in a savepoint of its own, so that its failure fails it alone.
    bulk: bool = False
    fence: tuple[str, str, int] | None = None
    """(meeting, node, epoch): written only while that node holds the meeting's lease with that
    epoch, checked in the same transaction."""
    error: BaseException | None = field(default=None)


async def _check_fences(conn: asyncpg.Connection, jobs: list[_Job]) -> None:
    """Fail every fenced job whose lease has moved on. FOR SHARE holds the leases until this
    transaction ends: a node taking one over waits for it, then loads what it committed."""
    fenced = [job for job in jobs if job.fence is not None and job.error is None]
    if not fenced:
        return
    rows = await conn.fetch(
        "SELECT meeting, node, epoch FROM leases WHERE meeting = ANY($1::text[]) FOR SHARE",
        sorted({job.fence[0] for job in fenced if job.fence is not None}),
    )
    holders = {row["meeting"]: (row["node"], row["epoch"]) for row in rows}
    for job in fenced:
        assert job.fence is not None
        meeting, node, epoch = job.fence
        if holders.get(meeting) != (node, epoch):
            job.error = Fenced(f"meeting {meeting}: the lease of epoch {epoch} is no longer held")


async def _write_jobs(conn: asyncpg.Connection, jobs: list[_Job]) -> None:
    """Commit every job in one transaction. When a bulk job fails (ops of a meeting deleted
    meanwhile), the batch is written again with every job in a savepoint of its own, in the
    order they came: the one that fails fails alone, and the other meetings' writes are
    committed (as in SqliteStore)."""
    try:
        await _transaction(conn, jobs, together=True)
    except asyncpg.PostgresError:
        for job in jobs:
            job.error = None
        try:
            await _transaction(conn, jobs, together=False)
        except asyncpg.PostgresError as error:
            for job in jobs:
                job.error = job.error or error


async def _transaction(conn: asyncpg.Connection, jobs: list[_Job], *, together: bool) -> None:
    async with conn.transaction():
        await _check_fences(conn, jobs)
        for job in jobs:
            if not (together and job.bulk) and job.error is None:
                await _run_alone(conn, job)
        if together:
            bulk = [s for job in jobs if job.bulk and job.error is None for s in job.statements]
            for sql, run in itertools.groupby(bulk, key=lambda statement: statement[0]):
                await conn.executemany(sql, [params for _, params in run])


async def _run_alone(conn: asyncpg.Connection, job: _Job) -> None:
    try:
        async with conn.transaction():
            for sql, params in job.statements:
                await conn.execute(sql, *params)
    except asyncpg.PostgresError as error:
        job.error = error


def _append_statements(
    ops: Sequence[OpRow], tokens: Sequence[ParticipantToken], quiet: Sequence[QuietIntent] = ()
) -> list[Statement]:
    statements: list[Statement] = [(_INSERT_OP, _op_params(op)) for op in ops]
    statements += [
        ("INSERT INTO participants (token_hash, meeting, id) VALUES ($1, $2, $3)", token)
        for token in tokens
    ]
    statements += [
        (
            "INSERT INTO quiet_intents (meeting, client_id, seq) VALUES ($1, $2, $3)",
            (intent.meeting, intent.client_id, intent.seq),
        )
        for intent in quiet
    ]
    return statements


class PostgresStore:
    """The Store in one PostgreSQL database (`KREDS_DATABASE_URL`). Writes go through one
    connection and one writer task (group commit); reads use a small pool."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._queue: asyncio.Queue[_Job | None] = asyncio.Queue()
        self._writer_task: asyncio.Task[None] | None = None
        self._write: asyncpg.Connection | None = None
        self._pool: asyncpg.Pool | None = None
        self._listening: asyncpg.Connection | None = None

    async def open(self) -> None:
        conn = await self._connect()
        try:
            await self._migrate(conn)
        except BaseException:
            await conn.close()
            raise
        self._write = conn
        self._pool = await asyncpg.create_pool(
            self.url, min_size=1, max_size=4, timeout=CONNECT_TIMEOUT
        )
        self._writer_task = asyncio.create_task(self._write_loop(), name="kreds-writer")

    async def close(self) -> None:
        """Drain every queued write, then close."""
        if self._writer_task is not None:
            self._queue.put_nowait(None)
            await self._writer_task
            self._writer_task = None
        for conn in (self._write, self._listening):
            if conn is not None and not conn.is_closed():
                await conn.close(timeout=CONNECT_TIMEOUT)
        self._write = self._listening = None
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    async def ping(self) -> None:
        """Raise unless the database answers now."""
        assert self._pool is not None
        await self._pool.fetchval("SELECT 1", timeout=CONNECT_TIMEOUT)

    async def _connect(self) -> asyncpg.Connection:
        return await asyncpg.connect(self.url, timeout=CONNECT_TIMEOUT)

    @staticmethod
    async def _migrate(conn: asyncpg.Connection) -> None:
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
            await conn.execute("CREATE TABLE IF NOT EXISTS kreds_schema (version INTEGER NOT NULL)")
            version = await conn.fetchval("SELECT max(version) FROM kreds_schema") or 0
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                await conn.execute(script)
                await conn.execute("INSERT INTO kreds_schema (version) VALUES ($1)", number)

    # -- the writer ----------------------------------------------------------------------------

    async def _submit(
        self,
        statements: list[Statement],
        *,
        bulk: bool = False,
        fence: tuple[str, str, int] | None = None,
    ) -> None:
        if self._writer_task is None or self._writer_task.done():
            raise RuntimeError("the store is closed")
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Job(statements, done, bulk, fence))
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
        try:
            if self._write is None or self._write.is_closed():
                self._write = await self._connect()
            with COMMIT_SECONDS.time():
                await _write_jobs(self._write, jobs)
        except Exception as error:  # the writer must outlive any one batch
            # Whether the server committed before the connection went is unknown: the jobs
            # fail, and a Room that fails reloads from what is durable. The next batch starts
            # on a new connection.
            failure = Unavailable(type(error).__name__) if isinstance(error, _LOST) else error
            for job in jobs:
                job.error = job.error or failure
            if self._write is not None:
                self._write.terminate()
                self._write = None
        for job in jobs:
            if job.done.cancelled():
                continue
            if job.error is None:
                job.done.set_result(None)
            else:
                job.done.set_exception(job.error)

    # -- reads ---------------------------------------------------------------------------------

    async def _one(self, sql: str, params: Sequence[Any]) -> asyncpg.Record | None:
        rows = await self._all(sql, params)
        return rows[0] if rows else None

    async def _all(self, sql: str, params: Sequence[Any]) -> list[asyncpg.Record]:
        if self._pool is None:
            raise RuntimeError("the store is closed")
        try:
            return list(await self._pool.fetch(sql, *params, timeout=CONNECT_TIMEOUT))
        except _LOST as error:
            raise Unavailable(type(error).__name__) from error

    # -- users and sessions --------------------------------------------------------------------

    async def count_users(self) -> int:
        row = await self._one("SELECT count(*) FROM users", ())
        return int(row[0]) if row else 0

    async def create_user(self, user: UserRow) -> None:
        await self._submit(
            [(f"INSERT INTO users ({_USER_COLUMNS}) VALUES ({_USER_VALUES})", _user_params(user))]
        )

    async def user_by_email(self, email: str) -> UserRow | None:
        return _user(
            await self._one(f"SELECT {_USER_COLUMNS} FROM users WHERE email = $1", (email,))
        )

    async def user_by_id(self, user_id: str) -> UserRow | None:
        return _user(
            await self._one(f"SELECT {_USER_COLUMNS} FROM users WHERE id = $1", (user_id,))
        )

    async def create_session(
        self, token_hash: bytes, user_id: str, expires_at: float, stage: Stage = "full"
    ) -> None:
        await self._submit(
            [
                ("DELETE FROM sessions WHERE expires_at < $1", (expires_at - 86400 * 2,)),
                (
                    "INSERT INTO sessions (token_hash, user_id, expires_at, stage)"
                    " VALUES ($1, $2, $3, $4)",
                    (token_hash, user_id, expires_at, stage),
                ),
            ]
        )

    async def session_user(
        self, token_hash: bytes, now: float, seen_after: float = 0.0
    ) -> UserRow | None:
        """The session's user while it is signed in (both factors), neither expired nor idle
        since `seen_after`, and the account active."""
        row = await self._one(
            f"SELECT {_U} FROM sessions s"
            " JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2"
            " AND COALESCE(s.seen_at, $2) > $3 AND u.active = 1 AND s.stage = 'full'",
            (token_hash, now, seen_after),
        )
        return _user(row)

    async def pending_session(self, token_hash: bytes, now: float) -> PendingSession | None:
        """A session that is not expired, of an active user, whatever its stage."""
        row = await self._one(
            f"SELECT {_U}, s.stage AS stage, s.challenge AS challenge FROM sessions s"
            " JOIN users u ON u.id = s.user_id"
            " WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1",
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
            [("UPDATE sessions SET challenge = $1 WHERE token_hash = $2", (challenge, token_hash))]
        )

    async def replace_session(
        self, old_hash: bytes, token_hash: bytes, user_id: str, expires_at: float, now: float
    ) -> None:
        """A signed-in session under a new token, for the half-signed-in one it ends."""
        await self._submit(
            [
                ("DELETE FROM sessions WHERE token_hash = $1", (old_hash,)),
                (
                    "INSERT INTO sessions (token_hash, user_id, expires_at, stage, seen_at)"
                    " VALUES ($1, $2, $3, 'full', $4)",
                    (token_hash, user_id, expires_at, now),
                ),
            ]
        )

    async def touch_session(self, token_hash: bytes, now: float) -> None:
        await self._submit(
            [("UPDATE sessions SET seen_at = $1 WHERE token_hash = $2", (now, token_hash))],
            bulk=True,
        )

    async def delete_session(self, token_hash: bytes) -> None:
        await self._submit([("DELETE FROM sessions WHERE token_hash = $1", (token_hash,))])

    async def session_expires(self, token_hash: bytes) -> float:
        """When the session ends at the latest; 0 when there is none."""
        row = await self._one(
            "SELECT expires_at FROM sessions WHERE token_hash = $1", (token_hash,)
        )
        return float(row[0]) if row else 0.0

    async def live_sessions(
        self, token_hashes: Sequence[bytes], now: float, seen_after: float
    ) -> set[bytes]:
        """Those of these sessions that are neither expired, idle, nor of an inactive user."""
        rows = await self._all(
            "SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id"
            " WHERE s.token_hash = ANY($1::bytea[]) AND s.expires_at > $2"
            " AND COALESCE(s.seen_at, $2) > $3 AND u.active = 1 AND s.stage = 'full'",
            (list(dict.fromkeys(token_hashes)), now, seen_after),
        )
        return {bytes(row[0]) for row in rows}

    async def set_password(self, user_id: str, password_hash: str, keep: bytes) -> None:
        """A new password; every other session of the user ends with the old one."""
        await self._submit(
            [
                ("UPDATE users SET password_hash = $1 WHERE id = $2", (password_hash, user_id)),
                (
                    "DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2",
                    (user_id, keep),
                ),
            ]
        )

    async def owns_cases(self, user_id: str) -> bool:
        """Whether the account owns a case, or a meeting in a case: the team's records."""
        row = await self._one(
            "SELECT EXISTS (SELECT 1 FROM cases WHERE owner = $1)"
            " OR EXISTS (SELECT 1 FROM meetings WHERE owner = $1 AND case_id IS NOT NULL)",
            (user_id,),
        )
        return bool(row and row[0])

    async def delete_user(self, user_id: str) -> list[str]:
        """The account, its sessions and its meetings outside cases (op log, snapshots,
        participants, audit rows) in one transaction; the ids of the meetings erased."""
        rows = await self._all("SELECT id FROM meetings WHERE owner = $1", (user_id,))
        own = "(SELECT id FROM meetings WHERE owner = $1 AND case_id IS NULL)"
        statements: list[Statement] = [
            (f"DELETE FROM {table} WHERE meeting IN {own}", (user_id,))
            for table in ("ops", "snapshots", "participants", "audit")
        ]
        statements += [
            ("DELETE FROM meetings WHERE owner = $1 AND case_id IS NULL", (user_id,)),
            ("DELETE FROM sessions WHERE user_id = $1", (user_id,)),
            # A meeting in a case, made after the check, makes this fail as a whole.
            ("DELETE FROM users WHERE id = $1", (user_id,)),
        ]
        await self._submit(statements)
        return [str(row[0]) for row in rows]

    # -- the second factor ---------------------------------------------------------------------

    async def totp_of(self, user_id: str) -> TotpRow | None:
        row = await self._one(
            "SELECT user_id, secret, confirmed, last_step FROM totp WHERE user_id = $1",
            (user_id,),
        )
        return None if row is None else TotpRow(**{**dict(row), "confirmed": bool(row[2])})

    async def save_totp(self, user_id: str, secret: bytes, now: float) -> None:
        """A new, unconfirmed secret in place of an unconfirmed one; a confirmed one stays."""
        await self._submit(
            [
                ("DELETE FROM totp WHERE user_id = $1 AND confirmed = 0", (user_id,)),
                (
                    "INSERT INTO totp (user_id, secret, created_at) VALUES ($1, $2, $3)",
                    (user_id, secret, now),
                ),
            ]
        )

    async def confirm_totp(self, user_id: str, step: int) -> None:
        await self._submit(
            [
                (
                    "UPDATE totp SET confirmed = 1, last_step = $1 WHERE user_id = $2",
                    (step, user_id),
                )
            ]
        )

    async def totp_used(self, user_id: str, step: int) -> None:
        await self._submit(
            [
                (
                    "UPDATE totp SET last_step = $1 WHERE user_id = $2 AND last_step < $1",
                    (step, user_id),
                )
            ]
        )

    async def passkeys_of(self, user_id: str) -> list[PasskeyRow]:
        rows = await self._all(
            f"SELECT {_PASSKEY_COLUMNS} FROM passkeys WHERE user_id = $1 ORDER BY created_at",
            (user_id,),
        )
        return [PasskeyRow(**dict(row)) for row in rows]

    async def passkey(self, credential_id: bytes) -> PasskeyRow | None:
        row = await self._one(
            f"SELECT {_PASSKEY_COLUMNS} FROM passkeys WHERE id = $1", (credential_id,)
        )
        return None if row is None else PasskeyRow(**dict(row))

    async def add_passkey(self, passkey: PasskeyRow) -> None:
        await self._submit(
            [
                (
                    f"INSERT INTO passkeys ({_PASSKEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)",
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
                    "UPDATE passkeys SET sign_count = $1, last_used_at = $2 WHERE id = $3",
                    (sign_count, now, credential_id),
                )
            ]
        )

    async def set_recovery_codes(self, user_id: str, code_hashes: Sequence[bytes]) -> None:
        """New recovery codes in place of every earlier one."""
        await self._submit(
            [
                ("DELETE FROM recovery_codes WHERE user_id = $1", (user_id,)),
                *(
                    (
                        "INSERT INTO recovery_codes (code_hash, user_id) VALUES ($1, $2)",
                        (code_hash, user_id),
                    )
                    for code_hash in code_hashes
                ),
            ]
        )

    async def recovery_code(self, user_id: str, code_hash: bytes) -> bool:
        """Whether this is an unused recovery code of this user."""
        row = await self._one(
            "SELECT 1 FROM recovery_codes"
            " WHERE code_hash = $1 AND user_id = $2 AND used_at IS NULL",
            (code_hash, user_id),
        )
        return row is not None

    async def recovery_code_count(self, user_id: str) -> int:
        """How many unused recovery codes the account has left."""
        row = await self._one(
            "SELECT count(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
            (user_id,),
        )
        return int(row[0]) if row else 0

    async def use_recovery_code(self, code_hash: bytes, now: float) -> None:
        await self._submit(
            [("UPDATE recovery_codes SET used_at = $1 WHERE code_hash = $2", (now, code_hash))]
        )

    async def reset_second_factor(self, user_id: str) -> None:
        """The operator's reset: no passkey, code or recovery code, and no session; the next
        sign-in enrols a second factor again."""
        await self._submit(
            [
                (f"DELETE FROM {table} WHERE user_id = $1", (user_id,))
                for table in ("totp", "passkeys", "recovery_codes", "sessions")
            ]
        )

    # -- accounts from the OpenID Connect provider ---------------------------------------------

    async def user_by_subject(self, subject: str) -> UserRow | None:
        return _user(
            await self._one(
                f"SELECT {_USER_COLUMNS} FROM users WHERE oidc_subject = $1", (subject,)
            )
        )

    async def update_from_provider(self, user_id: str, subject: str, name: str, role: Role) -> None:
        """The provider decides: its subject, the name and the role it gives, at each sign-in."""
        await self._submit(
            [
                (
                    "UPDATE users SET oidc_subject = $1, name = $2, role = $3 WHERE id = $4",
                    (subject, name, role, user_id),
                )
            ]
        )

    async def save_oidc_login(
        self, state_hash: bytes, nonce: str, verifier: str, now: float
    ) -> None:
        await self._submit(
            [
                ("DELETE FROM oidc_logins WHERE created_at < $1", (now - 3600,)),
                (
                    "INSERT INTO oidc_logins (state_hash, nonce, verifier, created_at)"
                    " VALUES ($1, $2, $3, $4)",
                    (state_hash, nonce, verifier, now),
                ),
            ]
        )

    async def take_oidc_login(
        self, state_hash: bytes, created_after: float
    ) -> tuple[str, str] | None:
        """The nonce and verifier of a sign-in under way, used up by this call."""
        row = await self._one(
            "SELECT nonce, verifier FROM oidc_logins WHERE state_hash = $1 AND created_at > $2",
            (state_hash, created_after),
        )
        await self._submit([("DELETE FROM oidc_logins WHERE state_hash = $1", (state_hash,))])
        return None if row is None else (str(row[0]), str(row[1]))

    async def set_id_token(self, token_hash: bytes, id_token: str) -> None:
        await self._submit(
            [("UPDATE sessions SET id_token = $1 WHERE token_hash = $2", (id_token, token_hash))]
        )

    async def id_token(self, token_hash: bytes) -> str | None:
        row = await self._one("SELECT id_token FROM sessions WHERE token_hash = $1", (token_hash,))
        return None if row is None or row[0] is None else str(row[0])

    # -- teams, roles and invitations ----------------------------------------------------------

    async def create_team(self, team: TeamRow) -> None:
        await self._submit(
            [
                (
                    "INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3)",
                    (team.id, team.name, team.created_at),
                )
            ]
        )

    async def team(self, team_id: str) -> TeamRow | None:
        row = await self._one("SELECT id, name, created_at FROM teams WHERE id = $1", (team_id,))
        return None if row is None else TeamRow(**dict(row))

    async def team_by_name(self, name: str) -> TeamRow | None:
        row = await self._one("SELECT id, name, created_at FROM teams WHERE name = $1", (name,))
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
            ("UPDATE users SET active = $1 WHERE id = $2", (int(active), user_id))
        ]
        if not active:
            statements.append(("DELETE FROM sessions WHERE user_id = $1", (user_id,)))
        await self._submit(statements)

    async def create_invitation(self, invitation: InvitationRow) -> None:
        """A new invitation replaces the unused ones to the same address."""
        await self._submit(
            [
                (
                    "DELETE FROM invitations WHERE email = $1 AND used_at IS NULL",
                    (invitation.email,),
                ),
                (
                    f"INSERT INTO invitations ({_INVITATION_COLUMNS})"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
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
            f"SELECT {_INVITATION_COLUMNS} FROM invitations WHERE token_hash = $1", (token_hash,)
        )
        return None if row is None else InvitationRow(**dict(row))

    async def accept_invitation(self, token_hash: bytes, user: UserRow, now: float) -> bool:
        """Make the account and use the invitation up, as one: only while it is unused and
        unexpired, and while no account has the address. Whether this call made it."""
        n = len(_USER_COLUMNS.split(", "))
        await self._submit(
            [
                (
                    f"INSERT INTO users ({_USER_COLUMNS}) SELECT {_USER_VALUES}"
                    f" WHERE EXISTS (SELECT 1 FROM invitations WHERE token_hash = ${n + 1}"
                    f" AND used_at IS NULL AND expires_at > ${n + 2})"
                    f" AND NOT EXISTS (SELECT 1 FROM users WHERE email = $2)",
                    (*_user_params(user), token_hash, now),
                ),
                (
                    "UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL"
                    " AND EXISTS (SELECT 1 FROM users WHERE id = $3)",
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
            " ORDER BY a.at DESC, a.id DESC LIMIT $1",
            (limit,),
        )
        return [AuditRow(**dict(row)) for row in rows]

    # -- meetings and participants -------------------------------------------------------------

    async def create_meeting(self, meeting: MeetingRow, first_op: OpRow) -> None:
        await self._submit(
            [
                (
                    f"INSERT INTO meetings ({_MEETING_COLUMNS}) VALUES"
                    " ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
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
            await self._one(f"SELECT {_MEETING_COLUMNS} FROM meetings WHERE id = $1", (meeting_id,))
        )

    async def meetings_of(self, owner: str) -> list[MeetingRow]:
        rows = await self._all(
            f"SELECT {_MEETING_COLUMNS} FROM meetings WHERE owner = $1 ORDER BY created_at DESC",
            (owner,),
        )
        return [MeetingRow(**dict(row)) for row in rows]

    async def meeting_by_hash(self, column: LinkColumn, digest: bytes) -> MeetingRow | None:
        assert column in ("join_hash", "screen_hash", "code_hash")
        return _meeting(
            await self._one(
                f"SELECT {_MEETING_COLUMNS} FROM meetings WHERE {column} = $1", (digest,)
            )
        )

    async def renew_join(
        self, meeting_id: str, nonce: bytes, join_hash: bytes, code_hash: bytes
    ) -> None:
        """A new join link and code; the old ones match no meeting from now on."""
        await self._submit(
            [
                (
                    "UPDATE meetings SET join_nonce = $1, join_hash = $2, code_hash = $3"
                    " WHERE id = $4",
                    (nonce, join_hash, code_hash, meeting_id),
                )
            ]
        )

    async def participant_by_token(self, token_hash: bytes) -> tuple[str, str] | None:
        row = await self._one(
            "SELECT meeting, id FROM participants WHERE token_hash = $1", (token_hash,)
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
        await self._submit(_append_statements(ops, tokens, quiet), bulk=True)

    # -- leases: one writer per meeting across nodes ---------------------------------------------

    async def append_fenced(
        self,
        ops: Sequence[OpRow],
        tokens: Sequence[ParticipantToken],
        node: str,
        epoch: int,
        quiet: Sequence[QuietIntent] = (),
    ) -> None:
        """append(), refused with Fenced unless `node` still holds the lease at `epoch`. The ops
        are of one meeting (one Room's batch)."""
        meetings = {op.meeting for op in ops} | {intent.meeting for intent in quiet}
        if not meetings:
            return
        assert len(meetings) == 1
        fence = (meetings.pop(), node, epoch)
        await self._submit(_append_statements(ops, tokens, quiet), bulk=True, fence=fence)

    async def take_lease(self, meeting_id: str, node: str, seconds: float) -> int | None:
        """The meeting's lease for `node` under a new epoch, unless another node holds it and
        has not let it lapse: then None."""
        assert self._pool is not None
        epoch: int | None = await self._pool.fetchval(
            "INSERT INTO leases AS l (meeting, node, epoch, expires_at)"
            f" VALUES ($1, $2, 1, {_NOW} + $3)"
            " ON CONFLICT (meeting) DO UPDATE SET node = EXCLUDED.node, epoch = l.epoch + 1,"
            " expires_at = EXCLUDED.expires_at"
            f" WHERE l.node = EXCLUDED.node OR l.expires_at < {_NOW}"
            " RETURNING epoch",
            meeting_id,
            node,
            seconds,
        )
        return epoch

    async def renew_leases(
        self, node: str, held: Sequence[tuple[str, int]], seconds: float
    ) -> set[str]:
        """Extend the leases `node` still holds (meeting, epoch); the meetings it kept."""
        if not held:
            return set()
        assert self._pool is not None
        rows = await self._pool.fetch(
            f"UPDATE leases l SET expires_at = {_NOW} + $2"
            " FROM unnest($3::text[], $4::bigint[]) AS h(meeting, epoch)"
            " WHERE l.meeting = h.meeting AND l.epoch = h.epoch AND l.node = $1"
            " RETURNING l.meeting",
            node,
            seconds,
            [meeting for meeting, _ in held],
            [epoch for _, epoch in held],
        )
        return {str(row[0]) for row in rows}

    async def release_lease(self, meeting_id: str, node: str, epoch: int) -> None:
        """Let the lease lapse now, so another node may take it without waiting."""
        assert self._pool is not None
        await self._pool.execute(
            "UPDATE leases SET expires_at = 0 WHERE meeting = $1 AND node = $2 AND epoch = $3",
            meeting_id,
            node,
            epoch,
        )

    async def request_handover(self, meeting_id: str) -> None:
        """Ask whichever node holds the meeting to let it go (it is routed elsewhere now)."""
        assert self._pool is not None
        await self._pool.execute("SELECT pg_notify($1, $2)", HANDOVER_CHANNEL, meeting_id)

    async def on_handover(self, listener: HandoverListener) -> None:
        """Call `listener` with each meeting another node asks for, on a connection of its own
        (made again after it was lost)."""
        if self._listening is not None and not self._listening.is_closed():
            return
        conn = await self._connect()
        await conn.add_listener(HANDOVER_CHANNEL, lambda *args: listener(str(args[3])))
        self._listening = conn

    async def ops_after(self, meeting_id: str, seq: int, limit: int) -> list[OpRow]:
        rows = await self._all(
            "SELECT meeting, seq, at, actor, client_id, type, changes FROM ops"
            " WHERE meeting = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            (meeting_id, seq, limit),
        )
        return [OpRow(**dict(row)) for row in rows]

    async def client_ids(self, meeting_id: str) -> dict[str, int]:
        rows = await self._all(
            "SELECT client_id, seq FROM ops WHERE meeting = $1"
            " UNION ALL SELECT client_id, seq FROM quiet_intents WHERE meeting = $1",
            (meeting_id,),
        )
        return {str(row[0]): int(row[1]) for row in rows}

    async def latest_snapshot(self, meeting_id: str) -> tuple[int, bytes] | None:
        row = await self._one(
            "SELECT seq, state FROM snapshots WHERE meeting = $1 ORDER BY seq DESC LIMIT 1",
            (meeting_id,),
        )
        return None if row is None else (int(row[0]), bytes(row[1]))

    async def save_snapshot(self, meeting_id: str, seq: int, state: bytes) -> None:
        await self._submit(
            [
                (
                    "INSERT INTO snapshots (meeting, seq, state) VALUES ($1, $2, $3)"
                    " ON CONFLICT (meeting, seq) DO UPDATE SET state = EXCLUDED.state",
                    (meeting_id, seq, state),
                ),
                ("DELETE FROM snapshots WHERE meeting = $1 AND seq < $2", (meeting_id, seq)),
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
                    " VALUES ($1, $2, $3, $4, $5, $6, $7)",
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
            " WHERE a.owner = $1 OR a.actor = $1 OR m.owner = $1"
            " ORDER BY a.at DESC, a.id DESC LIMIT $2",
            (owner, limit),
        )
        return [AuditRow(**dict(row)) for row in rows]

    async def forget_audit(self, before: float) -> None:
        """Rows older than the audit log is kept; rows of a meeting go with the meeting."""
        await self._submit([("DELETE FROM audit WHERE at < $1", (before,))])

    # -- cases, closing and retention ----------------------------------------------------------

    async def create_case(self, case: CaseRow) -> None:
        await self._submit(
            [
                (
                    f"INSERT INTO cases ({_CASE_COLUMNS}) VALUES ($1, $2, $3, $4, $5)",
                    (case.id, case.owner, case.title, case.created_at, case.team_id),
                )
            ]
        )

    async def case(self, case_id: str) -> CaseRow | None:
        row = await self._one(f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = $1", (case_id,))
        return None if row is None else CaseRow(**dict(row))

    async def cases_of_team(self, team_id: str) -> list[CaseRow]:
        rows = await self._all(
            f"SELECT {_CASE_COLUMNS} FROM cases WHERE team_id = $1 ORDER BY created_at DESC",
            (team_id,),
        )
        return [CaseRow(**dict(row)) for row in rows]

    async def meetings_in_case(self, case_id: str) -> list[MeetingRow]:
        rows = await self._all(
            f"SELECT {_MEETING_COLUMNS} FROM meetings WHERE case_id = $1 ORDER BY created_at",
            (case_id,),
        )
        return [MeetingRow(**dict(row)) for row in rows]

    async def mark_closed(self, meeting_id: str, at: float, next_meeting: str | None) -> None:
        await self._submit(
            [
                (
                    "UPDATE meetings SET closed_at = $1, next_meeting = $2 WHERE id = $3",
                    (at, next_meeting, meeting_id),
                )
            ]
        )

    async def keep_until(self, meeting_id: str, until: float) -> None:
        await self._submit(
            [("UPDATE meetings SET keep_until = $1 WHERE id = $2", (until, meeting_id))]
        )

    async def expired_meetings(self, closed_before: float, now: float) -> list[str]:
        rows = await self._all(
            "SELECT id FROM meetings WHERE closed_at IS NOT NULL AND closed_at < $1"
            " AND (keep_until IS NULL OR keep_until < $2)",
            (closed_before, now),
        )
        return [str(row[0]) for row in rows]

    async def delete_meetings(self, meeting_ids: Sequence[str]) -> None:
        """Everything of these meetings: op log, snapshots, participants, audit rows, the row."""
        statements: list[Statement] = []
        for meeting_id in meeting_ids:
            statements += [
                (f"DELETE FROM {table} WHERE meeting = $1", (meeting_id,))
                for table in _MEETING_TABLES
            ]
            statements.append(("DELETE FROM meetings WHERE id = $1", (meeting_id,)))
        if statements:
            await self._submit(statements)

    async def delete_case(self, case_id: str) -> None:
        """The case, every meeting in it, and the audit rows that name it: one transaction."""
        in_case = "(SELECT id FROM meetings WHERE case_id = $1)"
        statements: list[Statement] = [
            (f"DELETE FROM {table} WHERE meeting IN {in_case}", (case_id,))
            for table in _MEETING_TABLES
        ]
        statements += [
            ("DELETE FROM meetings WHERE case_id = $1", (case_id,)),
            ("DELETE FROM audit WHERE detail = $1", (case_id,)),
            ("DELETE FROM cases WHERE id = $1", (case_id,)),
        ]
        await self._submit(statements)
