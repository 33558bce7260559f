"""A load worker: simulates its share of the devices at a fixed arrival rate and measures.

bench.run starts several of these (`python -m bench.load`). Each reads a Job and then Commands,
one JSON line each on stdin, and answers every Command with one JSON line on stdout. All devices
of a meeting live in the same worker, so a sender and its peers share one clock.
"""

import asyncio
import random
import sys
import time
from collections import Counter, defaultdict
from typing import Any

import aiohttp
import msgspec
import uvloop

from bench.messages import Command, Connected, Device, Job, MeetingPlan, Phase, PhaseStats
from bench.mix import OFFLINE_SECONDS, Hand, next_intent, track
from bench.wire import Refused, Wire

CONNECTING_AT_ONCE = 32


class Window:
    """The measured part of a phase, and what was seen in it."""

    def __init__(self, start: float, end: float) -> None:
        self.start = start
        self.end = end
        self.stats = PhaseStats()
        self.rejected: Counter[str] = Counter()
        self.answered = 0

    def holds(self, at: float) -> bool:
        return self.start <= at < self.end


class Meeting:
    """One meeting's devices and, per seq, who sent it when and who received it when."""

    def __init__(self, plan: MeetingPlan) -> None:
        self.id = plan.id
        self.phones: list[Phone] = []
        self.sent: dict[int, tuple[int, float, bool]] = {}
        self.arrivals: defaultdict[int, list[tuple[int, float]]] = defaultdict(list)

    def forget(self) -> None:
        self.sent.clear()
        self.arrivals.clear()

    def peer_latencies(self, window: Window) -> None:
        """Edit -> peer: from the sender's send to each other connected device's receipt."""
        peers = len(self.phones) - 1
        for seq, (sender, sent_at, measured) in self.sent.items():
            if not measured:
                continue
            arrivals = self.arrivals.get(seq, [])
            got = 0
            for receiver, at in arrivals:
                if receiver != sender:
                    window.stats.peer_ms.append(round((at - sent_at) * 1000, 3))
                    got += 1
            window.stats.deliveries_missed += peers - got


class Phone:
    """One simulated device: a connection, what it knows, and its share of the load."""

    def __init__(self, worker: "Worker", meeting: Meeting, index: int, device: Device) -> None:
        self.worker = worker
        self.meeting = meeting
        self.index = index
        self.device = device
        self.hand = Hand(facilitator=device.facilitator, rng=random.Random(worker.rng.random()))
        self.seq = 0
        self.wire: Wire | None = None

    async def connect(self) -> float:
        """Connect, say hello with the last seq, apply the answer; the seconds it took."""
        started = time.monotonic()
        self.wire = Wire(self.worker.session, self.worker.job.url, self.on_event, self.meeting.id)
        await self.wire.connect(self.device.auth, self.device.headers, self.worker.job.deflate)
        self.load(await self.wire.call("hello", {"last_seq": self.seq}))
        return time.monotonic() - started

    def load(self, sync: dict[str, Any]) -> None:
        if "seq" not in sync:
            raise Refused(f"hello was refused: {sync}")
        if sync.get("snapshot") is not None:
            self.hand.board = {
                entity["id"]: entity["column"]
                for entity in sync["snapshot"]
                if entity.get("type") == "card"
            }
        for op in sync.get("ops") or []:
            for change in op["changes"]:
                track(self.hand.board, change)
        self.seq = max(self.seq, sync["seq"])

    def on_event(self, name: str, data: Any, at: float) -> None:
        if name != "changes":
            return
        seq = data["seq"]
        self.meeting.arrivals[seq].append((self.index, at))
        self.seq = max(self.seq, seq)
        if self.hand.facilitator:
            for change in data["changes"]:
                track(self.hand.board, change)

    async def drive(self, phase: Phase, window: Window) -> None:
        """Send on a fixed schedule (open loop: never waits for an ack) until the window ends."""
        period = 1.0 / phase.rate
        churn = 0.0 if self.hand.facilitator else phase.churn_per_minute / 60.0 / phase.rate
        next_at = phase.start + self.hand.rng.random() * period
        while next_at < window.end:
            delay = next_at - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            now = time.monotonic()
            if window.holds(now):
                window.stats.late_ms.append(round((now - next_at) * 1000, 3))
            dropped = self.wire is None or not self.wire.open
            if dropped or (churn and self.hand.rng.random() < churn):
                await self.come_back(window, away=not dropped)
                # The ticks missed while away are lost; this one is sent late, once back.
                while next_at + period <= time.monotonic():
                    next_at += period
                if self.wire is None or not self.wire.open:
                    next_at += period
                    continue
            next_at += period
            intent = next_intent(self.hand)
            if intent is not None:
                await self.send(intent, window)

    async def send(self, intent: dict[str, Any], window: Window) -> None:
        assert self.wire is not None
        sent_at = time.monotonic()
        measured = window.holds(sent_at)
        if measured:
            window.stats.sent += 1

        def answered(ack: Any, at: float) -> None:
            self.worker.answered(self, ack, sent_at, at, measured, window)

        try:
            await self.wire.emit("intent", intent, answered)
        except aiohttp.ClientError:
            window.rejected["connection_lost"] += 1

    async def come_back(self, window: Window, *, away: bool) -> None:
        """Reconnect and resync: after a moment away (presence churn), or at once when the
        server dropped the connection."""
        if self.wire is not None:
            await self.wire.close()
        if away:
            await asyncio.sleep(self.hand.rng.uniform(*OFFLINE_SECONDS))
        started = time.monotonic()
        try:
            await self.connect()
        except (Refused, aiohttp.ClientError, TimeoutError) as error:
            # Counted at the time it took to fail: a lower bound of the real resync time.
            print(f"{self.meeting.id}/{self.index}: reconnect failed: {error!r}", file=sys.stderr)
            window.rejected["reconnect_failed"] += 1
        if window.holds(started):
            window.stats.resync_ms.append(round((time.monotonic() - started) * 1000, 3))


class Worker:
    def __init__(self, job: Job, session: aiohttp.ClientSession) -> None:
        self.job = job
        self.session = session
        self.rng = random.Random(job.seed)
        self.meetings = [Meeting(plan) for plan in job.meetings]
        self.phones: list[Phone] = []
        for meeting, plan in zip(self.meetings, job.meetings, strict=True):
            for index, device in enumerate(plan.devices):
                phone = Phone(self, meeting, index, device)
                meeting.phones.append(phone)
                self.phones.append(phone)

    async def connect_all(self) -> Connected:
        gate = asyncio.Semaphore(CONNECTING_AT_ONCE)

        async def one(phone: Phone) -> float:
            async with gate:
                return await phone.connect()

        took = await asyncio.gather(*(one(phone) for phone in self.phones))
        return Connected(devices=len(took), connect_ms=[round(t * 1000, 3) for t in took])

    def answered(
        self, phone: Phone, ack: Any, sent_at: float, at: float, measured: bool, window: Window
    ) -> None:
        ok = isinstance(ack, dict) and ack.get("ok") is True
        if ok and ack.get("seq") is not None:
            phone.meeting.sent[ack["seq"]] = (phone.index, sent_at, measured)
        if not measured:
            return
        window.answered += 1
        if ok:
            window.stats.acked += 1
            window.stats.ack_ms.append(round((at - sent_at) * 1000, 3))
        else:
            window.rejected[str(ack.get("code") if isinstance(ack, dict) else ack)] += 1

    async def run(self, phase: Phase) -> PhaseStats:
        window = Window(phase.start + phase.warmup, phase.start + phase.warmup + phase.seconds)
        for meeting in self.meetings:
            meeting.forget()
        cpu = asyncio.create_task(_cpu_seconds(window))
        await asyncio.gather(*(phone.drive(phase, window) for phone in self.phones))
        await asyncio.sleep(max(0.0, window.end + phase.drain - time.monotonic()))
        for meeting in self.meetings:
            meeting.peer_latencies(window)
        window.stats.cpu_seconds = await cpu
        window.stats.rejected = dict(window.rejected)
        window.stats.unanswered = window.stats.sent - window.answered
        return window.stats

    async def close_all(self) -> None:
        for phone in self.phones:
            if phone.wire is not None:
                await phone.wire.close()


async def _cpu_seconds(window: Window) -> float:
    """CPU time this worker spent inside the measured window."""
    await asyncio.sleep(max(0.0, window.start - time.monotonic()))
    before = time.process_time()
    await asyncio.sleep(max(0.0, window.end - time.monotonic()))
    return time.process_time() - before


async def _read_line() -> bytes:
    return await asyncio.to_thread(sys.stdin.buffer.readline)


def _answer(message: msgspec.Struct) -> None:
    sys.stdout.buffer.write(msgspec.json.encode(message) + b"\n")
    sys.stdout.buffer.flush()


async def main() -> None:
    job = msgspec.json.decode(await _read_line(), type=Job)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        worker = Worker(job, session)
        while line := await _read_line():
            command = msgspec.json.decode(line, type=Command)
            if command.do == "connect":
                _answer(await worker.connect_all())
            elif command.do == "run" and command.phase is not None:
                _answer(await worker.run(command.phase))
            else:
                break
        await worker.close_all()


if __name__ == "__main__":
    uvloop.run(main())
