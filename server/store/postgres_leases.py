"""Leases in PostgreSQL: which node owns each meeting, so that a meeting has one writer
across nodes; timed by the database's clock, never by a node's."""

from abc import abstractmethod
from collections.abc import Sequence

import asyncpg

from server.store.op_log import append_statements
from server.store.protocol import HandoverListener, Ops, Quiet, Tokens
from server.store.writer import GroupCommit

_NOW = "extract(epoch FROM clock_timestamp())"
"""The database's clock, in seconds: every lease is timed by it, never by a node's."""
HANDOVER_CHANNEL = "kreds_handover"


class PostgresLeases(GroupCommit):
    """The LeaseStore half of PostgresStore, on its pool and a listening connection."""

    _pool: asyncpg.Pool | None
    _listening: asyncpg.Connection | None

    @abstractmethod
    async def _connect(self) -> asyncpg.Connection: ...

    async def append_fenced(
        self, ops: Ops, tokens: Tokens, node: str, epoch: int, quiet: Quiet = ()
    ) -> None:
        """append(), refused with Fenced unless `node` still holds the lease at `epoch`. The ops
        are of one meeting (one Room's batch)."""
        meetings = {op.meeting for op in ops} | {intent.meeting for intent in quiet}
        if not meetings:
            return
        assert len(meetings) == 1
        fence = (meetings.pop(), node, epoch)
        await self._submit(append_statements(ops, tokens, quiet), bulk=True, fence=fence)

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
