"""The live rooms of this process: one Room per meeting (server/live/room.py), loaded on first
use and dropped when idle."""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence

from server.cluster.lease import Ownership
from server.domain import Rejected
from server.live.room import Publisher, Room, decode_changes, encode_changes
from server.store import RoomStore
from shared_schema import ErrorCode

__all__ = ["Room", "Rooms", "decode_changes", "encode_changes"]
"""The Room and its op codec are imported from here across the server and its tests."""

log = logging.getLogger("kreds.rooms")

Ender = Callable[[Sequence[str]], Awaitable[None]]
"""Tells the open pages of deleted meetings that they are gone."""


class Rooms:
    """The live rooms of this process, loaded on first use and dropped when idle. With
    `ownership` (several nodes) a meeting is loaded only under its lease."""

    def __init__(
        self,
        store: RoomStore,
        publish: Publisher,
        ownership: Ownership | None = None,
        *,
        ended: Ender | None = None,
    ) -> None:
        self._store = store
        self._publish = publish
        self._ownership = ownership
        self._ended = ended
        self._rooms: dict[str, Room] = {}
        self._loading: dict[str, asyncio.Task[Room]] = {}

    async def _load(self, meeting_id: str) -> Room:
        try:
            if self._ownership is None:
                return await Room.load(meeting_id, self._store, self._publish)
            epoch = await self._ownership.take(meeting_id)
            fenced = self._ownership.log(meeting_id, epoch)
            return await Room.load(meeting_id, fenced, self._publish)
        except Rejected:
            raise
        except Exception as error:  # the database is away: the client tries again later
            log.warning("meeting %s: could not load (%s)", meeting_id, type(error).__name__)
            raise Rejected("unavailable") from error

    async def hand_over(
        self, meeting_id: str, close_sockets: Callable[[str], Awaitable[None]] | None = None
    ) -> None:
        """Another node is routed this meeting now: write what is queued, stop, close the
        meeting's sockets here, then let the lease go (so none of them takes it back)."""
        room = self._rooms.get(meeting_id)
        if room is not None:
            await room.snapshot()
            while not room.retire():
                await room.drain()
            self._rooms.pop(meeting_id, None)
        if close_sockets is not None:
            await close_sockets(meeting_id)
        if self._ownership is not None:
            await self._ownership.release(meeting_id)

    async def get(self, meeting_id: str) -> Room:
        room = self._rooms.get(meeting_id)
        if room is not None and not room.broken:
            return room
        task = self._loading.get(meeting_id)
        if task is None:
            task = asyncio.create_task(self._load(meeting_id))
            self._loading[meeting_id] = task
            try:
                loaded = await task
            finally:
                del self._loading[meeting_id]
            if loaded.state.meeting is not None:  # none: deleted, or never was; not kept
                self._rooms[meeting_id] = loaded
        return await task

    def forget(self, meeting_id: str, code: ErrorCode = "unavailable") -> None:
        """A deleted meeting (`deleted`), or one another node owns now: its room stops, and
        nothing of it stays in memory."""
        room = self._rooms.pop(meeting_id, None)
        if room is not None:
            room.end(code)

    async def deleted(self, meeting_ids: Sequence[str]) -> None:
        """After the store deleted them: every open page of these meetings ends now."""
        if self._ended is not None and meeting_ids:
            await self._ended(meeting_ids)

    def live(self) -> list[Room]:
        return list(self._rooms.values())

    async def drop_idle(self, idle_seconds: float, in_use: set[str]) -> None:
        """Snapshot and forget rooms nobody has used for a while."""
        now = time.monotonic()
        for room in list(self._rooms.values()):
            if room.id not in in_use and now - room.last_used > idle_seconds:
                await room.snapshot()
                if now - room.last_used > idle_seconds and room.retire():
                    self._rooms.pop(room.id, None)
                    if self._ownership is not None:
                        await self._ownership.release(room.id)

    async def close(self) -> None:
        """Drain every room's writes and snapshot it (SIGTERM, shutdown)."""
        for room in list(self._rooms.values()):
            if not room.broken:
                await room.snapshot()
        self._rooms.clear()
        if self._ownership is not None:
            await self._ownership.release_all()
