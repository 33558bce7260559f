"""A Room's store that reads what another store holds and writes its own way: a new meeting's
first op (with the meeting's row), a node's appends under its lease (cluster/lease.py)."""

from abc import ABC, abstractmethod

from server.store.protocol import MeetingRow, OpRow, Ops, Quiet, RoomStore, Tokens


class ReadThrough(ABC):
    def __init__(self, store: RoomStore) -> None:
        self._store = store

    @abstractmethod
    async def append(self, ops: Ops, tokens: Tokens = (), quiet: Quiet = ()) -> None: ...

    async def ops_after(self, meeting_id: str, seq: int, limit: int) -> list[OpRow]:
        return await self._store.ops_after(meeting_id, seq, limit)

    async def client_ids(self, meeting_id: str) -> dict[str, int]:
        return await self._store.client_ids(meeting_id)

    async def latest_snapshot(self, meeting_id: str) -> tuple[int, bytes] | None:
        return await self._store.latest_snapshot(meeting_id)

    async def save_snapshot(self, meeting_id: str, seq: int, state: bytes) -> None:
        await self._store.save_snapshot(meeting_id, seq, state)

    async def meeting(self, meeting_id: str) -> MeetingRow | None:
        return await self._store.meeting(meeting_id)

    async def mark_closed(self, meeting_id: str, at: float, next_meeting: str | None) -> None:
        await self._store.mark_closed(meeting_id, at, next_meeting)
