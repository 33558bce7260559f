"""PostgreSQL storage (asyncpg) with one writer task that group-commits, like SqliteStore."""

import asyncio
import functools
import itertools
from collections.abc import Sequence
from typing import Any

import asyncpg

from server.ops.metrics import COMMIT_SECONDS
from server.store.migrations import POSTGRES_MIGRATIONS
from server.store.postgres_leases import PostgresLeases
from server.store.protocol import Fenced, Unavailable
from server.store.sql_store import SqlStore
from server.store.writer import Job

MIGRATION_LOCK = 0x6B726564  # "kred": nodes starting together migrate one at a time
CONNECT_TIMEOUT = 5.0
"""Seconds to wait for PostgreSQL when (re)connecting; a write fails after that."""
_LOST = (
    OSError,
    asyncio.TimeoutError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError,
)
"""What a lost, restarting or unreachable server raises."""


@functools.lru_cache(maxsize=1024)
def numbered(sql: str) -> str:
    """The shared SQL's `?` placeholders as PostgreSQL's $1, $2, …"""
    first, *rest = sql.split("?")
    return first + "".join(f"${n}{part}" for n, part in enumerate(rest, start=1))


async def _check_fences(conn: asyncpg.Connection, jobs: list[Job]) -> None:
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


async def _write_jobs(conn: asyncpg.Connection, jobs: list[Job]) -> None:
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


async def _transaction(conn: asyncpg.Connection, jobs: list[Job], *, together: bool) -> None:
    async with conn.transaction():
        await _check_fences(conn, jobs)
        for job in jobs:
            if not (together and job.bulk) and job.error is None:
                await _run_alone(conn, job)
        if together:
            bulk = [s for job in jobs if job.bulk and job.error is None for s in job.statements]
            for sql, run in itertools.groupby(bulk, key=lambda statement: statement[0]):
                await conn.executemany(sql, [params for _, params in run])


async def _run_alone(conn: asyncpg.Connection, job: Job) -> None:
    try:
        async with conn.transaction():
            for sql, params in job.statements:
                await conn.execute(sql, *params)
    except asyncpg.PostgresError as error:
        job.error = error


class PostgresStore(SqlStore, PostgresLeases):
    """The Store in one PostgreSQL database (`KREDS_DATABASE_URL`). Writes go through one
    connection and one writer task (group commit); reads use a small pool."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
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
        self._start_writer()

    async def close(self) -> None:
        """Drain every queued write, then close."""
        await self._stop_writer()
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
            for number, script in enumerate(POSTGRES_MIGRATIONS[version:], start=version + 1):
                await conn.execute(script)
                await conn.execute("INSERT INTO kreds_schema (version) VALUES ($1)", number)

    async def _commit(self, jobs: list[Job]) -> None:
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

    def _native(self, sql: str) -> str:
        return numbered(sql)

    async def _one(self, sql: str, params: Sequence[Any]) -> asyncpg.Record | None:
        rows = await self._all(sql, params)
        return rows[0] if rows else None

    async def _all(self, sql: str, params: Sequence[Any]) -> list[asyncpg.Record]:
        if self._pool is None:
            raise RuntimeError("the store is closed")
        try:
            rows = await self._pool.fetch(numbered(sql), *params, timeout=CONNECT_TIMEOUT)
        except _LOST as error:
            raise Unavailable(type(error).__name__) from error
        return list(rows)
