"""The Room: the one writer of a meeting. It serialises intents, persists them, acks and
broadcasts."""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import msgspec

from server import domain
from server.domain import Rejected, State, visibility
from server.domain.visibility import OpView, Viewer
from server.live.recent import RecentOps
from server.store import OpRow, ParticipantToken, QuietIntent, RoomStore
from shared_schema import (
    Ack,
    Change,
    ChangesEvent,
    CloseMeeting,
    ErrorCode,
    Intent,
    Sync,
    SystemIntent,
)

log = logging.getLogger("kreds.rooms")

SNAPSHOT_EVERY = 500
"""Ops between snapshots: loading a meeting replays at most this many."""
LOAD_PAGE = 1000

Publisher = Callable[[str, ChangesEvent, OpView], Awaitable[None]]
"""Broadcast one durable op; the OpView says what of it each viewer may see."""

_changes_encoder = msgspec.msgpack.Encoder()
_changes_decoder = msgspec.msgpack.Decoder(list[Change])
_state_decoder = msgspec.msgpack.Decoder(State)


def encode_changes(changes: list[Change]) -> bytes:
    return _changes_encoder.encode(changes)


def decode_changes(blob: bytes) -> list[Change]:
    return _changes_decoder.decode(blob)


@dataclass
class _Entry:
    client_id: str
    seq: int
    """The op's seq, or for an intent that changed nothing the seq it was applied at."""
    op: OpRow | None
    """None when the intent changed nothing: only its id is kept, so that a resend of it is
    answered with this ack instead of being applied again over someone else's later edit."""
    changes: list[Change]
    seen: OpView | None
    """What each viewer may see of the op; None with the op."""
    token: ParticipantToken | None
    done: asyncio.Future[Ack]


class Room:
    """The one writer of a meeting. Intents are applied in arrival order, one at a time;
    ops that arrive while a write is in flight go to the store together in the next one."""

    def __init__(self, meeting_id: str, store: RoomStore, publish: Publisher) -> None:
        self.id = meeting_id
        self.state = State()
        self.seq = 0
        """The last applied seq; ops up to `durable_seq` are committed."""
        self.durable_seq = 0
        self.broken = False
        self._store = store
        self._publish = publish
        self._acks: dict[str, int] = {}
        self._queued: list[_Entry] = []
        self._in_flight: dict[str, asyncio.Future[Ack]] = {}
        self._flusher: asyncio.Task[None] | None = None
        self._durable = asyncio.Condition()
        self._snapshot_seq = 0
        self._recent = RecentOps(decode_changes)
        self.last_used = time.monotonic()

    @classmethod
    async def load(cls, meeting_id: str, store: RoomStore, publish: Publisher) -> "Room":
        """The latest snapshot plus the ops after it."""
        room = cls(meeting_id, store, publish)
        snapshot = await store.latest_snapshot(meeting_id)
        if snapshot is not None:
            room.seq, blob = snapshot
            room.state = _state_decoder.decode(blob)
            room._snapshot_seq = room.seq
        while True:
            ops = await store.ops_after(meeting_id, room.seq, LOAD_PAGE)
            for op in ops:
                room._evolve(op.seq, decode_changes(op.changes), op.changes)
                room.seq = op.seq
            if len(ops) < LOAD_PAGE:
                break
        room.durable_seq = room.seq
        room._acks = await store.client_ids(meeting_id)
        await room._settle_closing()
        return room

    async def _settle_closing(self) -> None:
        """A crash between closing and recording it: the store learns it now, so retention
        still counts from the close."""
        meeting = self.state.meeting
        if meeting is None or meeting.closed_at is None:
            return
        row = await self._store.meeting(self.id)
        if row is not None and row.closed_at is None:
            await self._store.mark_closed(self.id, meeting.closed_at, meeting.next_meeting)

    # -- writing -------------------------------------------------------------------------------

    def submit(self, intent: Intent, actor_id: str) -> Awaitable[Ack]:
        """Apply one intent from a person now, so that intents are applied in the order this is
        called; the returned ack comes once its op is durable. Raises Rejected("unavailable")
        when the room has stopped."""
        self.last_used = time.monotonic()
        repeated = self._repeat(intent.id)
        if repeated is not None:
            return repeated
        try:
            changes = domain.apply(self.state, intent, actor_id, time.time())
        except Rejected as rejected:
            return _ready(rejected.ack(intent.id))
        pending = self._commit(intent.id, _tag(intent), actor_id, changes, None)
        if changes and isinstance(intent, CloseMeeting):
            return self._close_after(pending)
        return pending

    async def _close_after(self, pending: Awaitable[Ack]) -> Ack:
        ack = await pending
        if ack.ok:
            await self._closed()
        return ack

    async def _closed(self) -> None:
        """A closed meeting is frozen: its final state becomes the snapshot, and the store
        learns when it closed (retention counts from then)."""
        meeting = self.state.meeting
        assert meeting is not None and meeting.closed_at is not None
        await self.snapshot()
        await self._store.mark_closed(self.id, meeting.closed_at, meeting.next_meeting)

    async def submit_system(
        self, intent: SystemIntent, token: ParticipantToken | None = None
    ) -> Ack:
        """Apply an intent the server made (a join); raises Rejected when refused."""
        repeated = self._repeat(intent.id)
        if repeated is not None:
            return await repeated
        changes = domain.apply_system(self.state, intent, time.time())
        return await self._commit(intent.id, _tag(intent), "system", changes, token)

    def _repeat(self, client_id: str) -> Awaitable[Ack] | None:
        """The original ack of an intent seen before, or None when it is new."""
        if self.broken:
            raise Rejected("unavailable")
        if client_id in self._acks:
            return _ready(Ack(id=client_id, ok=True, seq=self._acks[client_id]))
        pending = self._in_flight.get(client_id)
        return None if pending is None else asyncio.shield(pending)

    def _commit(
        self,
        client_id: str,
        kind: str,
        actor: str,
        changes: list[Change],
        token: ParticipantToken | None,
    ) -> Awaitable[Ack]:
        """Queue the op (or, when nothing changed, the intent's id) for the next write."""
        op = None
        seen = None
        if changes:
            blob = encode_changes(changes)
            seen = self._evolve(self.seq + 1, changes, blob)
            self.seq += 1
            op = OpRow(
                meeting=self.id,
                seq=self.seq,
                at=time.time(),
                actor=actor,
                client_id=client_id,
                type=kind,
                changes=blob,
            )
        done: asyncio.Future[Ack] = asyncio.get_running_loop().create_future()
        self._queued.append(_Entry(client_id, self.seq, op, changes, seen, token, done))
        self._in_flight[client_id] = done
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush(), name=f"room-{self.id}")
        return asyncio.shield(done)

    def _evolve(self, seq: int, changes: list[Change], blob: bytes) -> OpView:
        """Move the state on by one op (`blob`: its changes encoded), and keep what each viewer
        may see of it."""
        witness = visibility.witness(self.state, changes)
        domain.evolve(self.state, changes)
        seen = witness.seen_after(self.state)
        self._recent.keep(seq, blob, seen)
        return seen

    async def _flush(self) -> None:
        """Write queued ops, then ack and broadcast them in seq order; repeat while more came."""
        while self._queued and not self.broken:
            batch, self._queued = self._queued, []
            try:
                await self._store.append(
                    [entry.op for entry in batch if entry.op is not None],
                    [entry.token for entry in batch if entry.token is not None],
                    [
                        QuietIntent(meeting=self.id, client_id=entry.client_id, seq=entry.seq)
                        for entry in batch
                        if entry.op is None
                    ],
                )
            except Exception as error:
                deleted = self.broken  # ended meanwhile: its writes are refused, as expected
                if deleted:
                    log.info("meeting %s: a write after it was deleted was refused", self.id)
                else:
                    log.error(
                        "meeting %s: write failed (%s); the room stops until reloaded",
                        self.id,
                        error,
                    )
                self._break([*batch, *self._queued], "deleted" if deleted else "unavailable")
                async with self._durable:
                    self._durable.notify_all()  # a sync waiting for these ops gives up
                return
            for entry in batch:
                self._acks[entry.client_id] = entry.seq
                del self._in_flight[entry.client_id]
                if entry.seen is not None:
                    await self._broadcast(entry.seq, entry.changes, entry.seen)
                entry.done.set_result(Ack(id=entry.client_id, ok=True, seq=entry.seq))
            async with self._durable:
                self.durable_seq = batch[-1].seq
                self._durable.notify_all()
            if self.durable_seq - self._snapshot_seq >= SNAPSHOT_EVERY:
                await self._write_snapshot()

    async def _broadcast(self, seq: int, changes: list[Change], seen: OpView) -> None:
        """Send a durable op to the meeting's sockets. A send that fails stops nothing: the op
        is written, its sender still gets the ack, and a peer that missed it sees the gap in
        seq and resyncs."""
        try:
            await self._publish(self.id, ChangesEvent(seq=seq, changes=changes), seen)
        except Exception:
            log.exception("meeting %s: broadcasting seq %d failed", self.id, seq)

    def _break(self, lost: list[_Entry], code: ErrorCode = "unavailable") -> None:
        self.broken = True
        self._queued = []
        for entry in lost:
            self._in_flight.pop(entry.client_id, None)
            if entry.done.done():
                continue
            entry.done.set_result(Ack(id=entry.client_id, ok=False, code=code, message=code))

    def end(self, code: ErrorCode = "deleted") -> None:
        """Take no more intents, and refuse those still waiting for a write (one already handed
        to the store is written first): the meeting is being deleted, or (`unavailable`, tried
        again by the client) this node lost it to another."""
        self._break(self._queued, code)

    def retire(self) -> bool:
        """Stop taking intents, if nothing is waiting to be written. Anyone still holding this
        Room gets `unavailable` and comes back through Rooms.get(): a meeting never has two
        writers."""
        if self._queued or (self._flusher is not None and not self._flusher.done()):
            return False
        self.broken = True
        return True

    async def drain(self) -> None:
        """Wait until every op applied so far is durable (or the room broke)."""
        while self._flusher is not None and not self._flusher.done():
            await asyncio.shield(self._flusher)

    async def snapshot(self) -> None:
        """Write the durable state as the meeting's snapshot."""
        await self.drain()
        await self._write_snapshot()

    async def _write_snapshot(self) -> None:
        if self.broken or self._snapshot_seq == self.durable_seq or self._queued:
            return
        seq = self.durable_seq
        await self._store.save_snapshot(self.id, seq, msgspec.msgpack.encode(self.state))
        self._snapshot_seq = seq

    # -- reading -------------------------------------------------------------------------------

    async def sync(self, last_seq: int, viewer: Viewer) -> Sync:
        """What a client that has applied up to last_seq needs, as this viewer may see it: the
        ops since (those this room applied itself, kept as each viewer may see them), or a
        snapshot. Never anything that is not yet durable."""
        self.last_used = time.monotonic()
        entities = visibility.entities(self.state, viewer)
        seq = self.seq
        async with self._durable:
            await self._durable.wait_for(lambda: self.durable_seq >= seq or self.broken)
        if self.broken:
            raise Rejected("unavailable")
        if last_seq == seq:
            return Sync(seq=last_seq, ops=[])
        return self._recent.catch_up(last_seq, seq, viewer, entities)


async def _ready(ack: Ack) -> Ack:
    return ack


def _tag(intent: Intent | SystemIntent) -> str:
    return str(type(intent).__struct_config__.tag)
