"""The one writer task both stores share: every write is a job on its queue, and each pass
commits all the jobs waiting (group commit: one fsync per batch, not per edit)."""

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from server.store.rows import Row, Statement


@dataclass
class Job:
    statements: list[Statement]
    done: asyncio.Future[None]
    # A bulk job is trusted not to violate a constraint (ops with room-assigned seqs, snapshots):
    # it joins one executemany per run of equal statements instead of a savepoint of its own.
    bulk: bool = False
    erases: bool = False
    """Deletes a meeting's content: SQLite empties its WAL after it (see SqliteStore)."""
    fence: tuple[str, str, int] | None = None
    """(meeting, node, epoch): written only while that node holds the meeting's lease with that
    epoch, checked in the same transaction (PostgreSQL, where nodes share the database)."""
    error: BaseException | None = field(default=None)


class GroupCommit(ABC):
    """A store's writer queue and its reads; `_commit` writes one batch in one transaction."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[Job | None] = asyncio.Queue()
        self._writer_task: asyncio.Task[None] | None = None

    def _start_writer(self) -> None:
        self._writer_task = asyncio.create_task(self._write_loop(), name="kreds-writer")

    async def _stop_writer(self) -> None:
        """Drain every queued write."""
        if self._writer_task is not None:
            self._queue.put_nowait(None)
            await self._writer_task
            self._writer_task = None

    async def _submit(
        self,
        statements: list[Statement],
        *,
        bulk: bool = False,
        erases: bool = False,
        fence: tuple[str, str, int] | None = None,
    ) -> None:
        if self._writer_task is None or self._writer_task.done():
            raise RuntimeError("the store is closed")
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        native = [(self._native(sql), params) for sql, params in statements]
        self._queue.put_nowait(Job(native, done, bulk, erases, fence))
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
            for job in jobs:
                if job.done.cancelled():
                    continue
                if job.error is None:
                    job.done.set_result(None)
                else:
                    job.done.set_exception(job.error)

    def _native(self, sql: str) -> str:
        """The shared SQL as this database takes it (PostgreSQL numbers its placeholders)."""
        return sql

    @abstractmethod
    async def _commit(self, jobs: list[Job]) -> None:
        """Write the jobs in one transaction; a job that failed gets its `error`."""

    @abstractmethod
    async def _one(self, sql: str, params: Sequence[Any]) -> Row | None: ...

    @abstractmethod
    async def _all(self, sql: str, params: Sequence[Any]) -> Sequence[Row]: ...
