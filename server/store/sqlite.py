"""SQLite storage (WAL, synchronous=FULL) with one writer task that group-commits."""

import itertools
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiosqlite

from server.ops.metrics import COMMIT_SECONDS
from server.store.migrations import SQLITE_MIGRATIONS
from server.store.sql_store import SqlStore
from server.store.writer import Job


def _write_jobs(conn: sqlite3.Connection, jobs: list[Job]) -> None:
    """Commit every job in one transaction, on the connection's own thread. A job that is not
    bulk runs in a savepoint of its own, so that its failure fails it alone. When a bulk job
    fails (a broken constraint: ops of a meeting deleted meanwhile, a writer that lost it),
    the batch is written again with every job in a savepoint of its own, in the order they
    came: the one that fails fails alone, and the other meetings' writes are committed."""
    _write(conn, jobs)
    if any(job.erases and job.error is None for job in jobs):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def _write(conn: sqlite3.Connection, jobs: list[Job]) -> None:
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


def _transaction(conn: sqlite3.Connection, jobs: list[Job], *, together: bool) -> None:
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


def _run_alone(conn: sqlite3.Connection, job: Job) -> None:
    conn.execute("SAVEPOINT job")
    try:
        for sql, params in job.statements:
            conn.execute(sql, params)
    except (sqlite3.Error, ValueError) as error:
        conn.execute("ROLLBACK TO job")
        job.error = error
    conn.execute("RELEASE job")


class SqliteStore(SqlStore):
    """The Store for one SQLite file. All writes go through one writer task (group commit)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
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
        self._start_writer()

    async def close(self) -> None:
        """Drain every queued write, then close."""
        await self._stop_writer()
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
        for number, script in enumerate(SQLITE_MIGRATIONS[version:], start=version + 1):
            await conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")

    async def _commit(self, jobs: list[Job]) -> None:
        conn = self._write
        assert conn is not None
        # One hop to the connection's thread for the whole transaction: awaiting each statement
        # would cost a trip through the event loop per statement, and on a busy loop every trip
        # is long. aiosqlite has no public call for running a function on its thread.
        with COMMIT_SECONDS.time():
            await conn._execute(_write_jobs, conn._conn, jobs)  # type: ignore[no-untyped-call]

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
