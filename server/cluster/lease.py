"""One writer per meeting across nodes: a node serves a meeting while it holds the meeting's
lease (PostgreSQL), and its Room appends only under the lease's fencing epoch."""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Protocol

from server.domain import Rejected
from server.ops.metrics import LEASE_CHANGES
from server.store.protocol import Fenced, LeaseStore, Ops, Quiet, RoomStore, Tokens
from server.store.read_through import ReadThrough

log = logging.getLogger("kreds.lease")

RETRY_SECONDS = 0.1
HOLD_BEFORE_HANDOVER = 2.0
"""A meeting taken this recently is not handed over yet: two nodes that both get requests for
it (a client that does not name its meeting) pass it back and forth at most this often."""


class ClusterStore(RoomStore, LeaseStore, Protocol):
    """A store several nodes share (PostgreSQL)."""


LetGo = Callable[[str], Awaitable[None]]
"""Stop serving a meeting here: forget its Room, close its sockets (they come back through the
proxy to the node that owns it now)."""


class Ownership:
    """The leases this node holds, renewed every third of their length."""

    def __init__(self, store: ClusterStore, node: str, seconds: float) -> None:
        self.store = store
        self.node = node
        self.seconds = seconds
        self.held: dict[str, int] = {}
        self._taken_at: dict[str, float] = {}
        self._let_go: LetGo | None = None
        self._hand_over: LetGo | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    def when_lost(self, let_go: LetGo, hand_over: LetGo) -> None:
        """`let_go` for a lease found taken by another node; `hand_over` when another node asks
        for a meeting held here (drain, then release)."""
        self._let_go = let_go
        self._hand_over = hand_over

    async def start(self) -> None:
        await self.store.on_handover(self._asked)

    async def take(self, meeting_id: str) -> int:
        """This node's epoch for the meeting: taken now, or after asking the holder to hand it
        over and waiting (a node that died cannot answer: its lease lapses within `seconds`)."""
        epoch = await self.store.take_lease(meeting_id, self.node, self.seconds)
        if epoch is None:
            await self.store.request_handover(meeting_id)
            deadline = time.monotonic() + self.seconds + 1.0
            while epoch is None and time.monotonic() < deadline:
                await asyncio.sleep(RETRY_SECONDS)
                epoch = await self.store.take_lease(meeting_id, self.node, self.seconds)
        if epoch is None:
            LEASE_CHANGES.labels(change="refused").inc()
            raise Rejected("unavailable")
        self.held[meeting_id] = epoch
        self._taken_at[meeting_id] = time.monotonic()
        LEASE_CHANGES.labels(change="taken").inc()
        return epoch

    def log(self, meeting_id: str, epoch: int) -> RoomStore:
        return FencedLog(self, meeting_id, epoch)

    async def release(self, meeting_id: str) -> None:
        """Let the meeting go now; if the database cannot be told, the lease lapses."""
        epoch = self.held.pop(meeting_id, None)
        self._taken_at.pop(meeting_id, None)
        if epoch is None:
            return
        try:
            await self.store.release_lease(meeting_id, self.node, epoch)
        except Exception as error:  # the database is away: the lease lapses by itself
            log.warning("meeting %s: lease not released (%s)", meeting_id, type(error).__name__)
            return
        LEASE_CHANGES.labels(change="released").inc()

    async def release_all(self) -> None:
        for meeting_id in list(self.held):
            await self.release(meeting_id)

    async def keep(self) -> None:
        """Renew every held lease, forever; a lease another node took is let go here."""
        while True:
            await asyncio.sleep(self.seconds / 3)
            try:
                await self.store.on_handover(self._asked)
                await self.renew()
            except Exception as error:  # the database is away: try again next time
                log.warning("could not renew leases: %s", type(error).__name__)

    async def renew(self) -> None:
        held = list(self.held.items())
        kept = await self.store.renew_leases(self.node, held, self.seconds)
        for meeting_id, epoch in held:
            if meeting_id not in kept:
                await self.lost(meeting_id, epoch)

    async def lost(self, meeting_id: str, epoch: int) -> None:
        """Another node owns the meeting now (if this node still thought it held `epoch`)."""
        if self.held.get(meeting_id) != epoch:
            return
        del self.held[meeting_id]
        self._taken_at.pop(meeting_id, None)
        LEASE_CHANGES.labels(change="lost").inc()
        log.warning("meeting %s: its lease went to another node; letting it go", meeting_id)
        if self._let_go is not None:
            await self._let_go(meeting_id)

    def _asked(self, meeting_id: str) -> None:
        if meeting_id not in self.held or self._hand_over is None:
            return
        task = asyncio.get_running_loop().create_task(self._handing_over(meeting_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handing_over(self, meeting_id: str) -> None:
        held_for = time.monotonic() - self._taken_at.get(meeting_id, 0.0)
        if held_for < HOLD_BEFORE_HANDOVER:
            await asyncio.sleep(HOLD_BEFORE_HANDOVER - held_for)
        if meeting_id in self.held and self._hand_over is not None:
            LEASE_CHANGES.labels(change="handed_over").inc()
            await self._hand_over(meeting_id)


class FencedLog(ReadThrough):
    """A Room's op log on a node of several: every append carries the lease's epoch."""

    def __init__(self, ownership: Ownership, meeting_id: str, epoch: int) -> None:
        super().__init__(ownership.store)
        self._ownership = ownership
        self.meeting_id = meeting_id
        self.epoch = epoch

    async def append(self, ops: Ops, tokens: Tokens = (), quiet: Quiet = ()) -> None:
        node = self._ownership.node
        try:
            await self._ownership.store.append_fenced(ops, tokens, node, self.epoch, quiet)
        except Fenced:
            await self._ownership.lost(self.meeting_id, self.epoch)
            raise
