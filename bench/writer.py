"""The durable path alone: Room.submit through SqliteStore.append, with no sockets or fan-out.

A secondary figure for "durable ops/s": M meetings × N devices submit the same mix closed-loop
(each sends its next intent when the last is acked) against the real Room and SQLite store.
Run as `python -m bench.writer DATA_DIR MEETINGS PHONES SECONDS`; prints one JSON line.
"""

import asyncio
import random
import sys
import time
from pathlib import Path

import msgspec
import uvloop

from bench.mix import PEOPLE, SCALE_ID, Hand, next_intent
from bench.stats import Percentiles, percentiles
from server.domain.visibility import OpView
from server.live.rooms import Room, Rooms
from server.services import auth, meetings
from server.store.sqlite import SqliteStore
from shared_schema import AskScale, Card, ChangesEvent, Intent, Remove, SetAutoAdmit, Upsert

WARMUP = 1.0


class WriterResult(msgspec.Struct, kw_only=True):
    ops_per_s: float
    submit_ms: Percentiles
    devices: int
    seconds: float


class Boards:
    """Stands in for the broadcast: keeps each facilitator's view of the board current."""

    def __init__(self) -> None:
        self.of: dict[str, dict[str, str]] = {}

    async def publish(self, meeting_id: str, event: ChangesEvent, seen: OpView) -> None:
        board = self.of.get(meeting_id)
        if board is None:
            return
        for change in event.changes:
            if isinstance(change, Upsert) and isinstance(change.entity, Card):
                board[change.entity.id] = change.entity.column
            elif isinstance(change, Remove) and change.kind == "card":
                board.pop(change.id, None)


async def _seat(
    store: SqliteStore, rooms: Rooms, boards: Boards, count: int, phones: int
) -> list[tuple[Room, str, Hand]]:
    keys = auth.Keys(b"bench-writer-secret")
    owner = await auth.create_user(store, "louise@kommune.example", "Louise", "Emil-i-skole-2025")
    rng = random.Random(7)
    devices: list[tuple[Room, str, Hand]] = []
    for number in range(count):
        row = await meetings.create_meeting(store, keys, owner, f"Møde {number}", "three_columns")
        room = await rooms.get(row.id)
        await room.submit(SetAutoAdmit(id=f"auto-admit-{row.id}", on=True), row.facilitator_id)
        ask = AskScale(id=f"ask-{row.id}", scale_id=SCALE_ID, preset="safety")
        await room.submit(ask, row.facilitator_id)
        facilitator = Hand(facilitator=True, rng=random.Random(rng.random()))
        boards.of[row.id] = facilitator.board
        devices.append((room, row.facilitator_id, facilitator))
        for index in range(phones - 1):
            person = PEOPLE[index % len(PEOPLE)]
            joined = await meetings.join(
                rooms, keys, row, person["name"], person["role"], person["relation"], False
            )
            hand = Hand(facilitator=False, rng=random.Random(rng.random()))
            devices.append((room, joined.participant_id, hand))
    return devices


async def _device(
    room: Room, actor: str, hand: Hand, start: float, end: float, took: list[float]
) -> None:
    while (now := time.monotonic()) < end:
        intent = next_intent(hand)
        if intent is None:
            await asyncio.sleep(0.01)
            continue
        await room.submit(msgspec.convert(intent, Intent), actor)
        if now >= start:
            took.append((time.monotonic() - now) * 1000)


async def measure(data_dir: Path, count: int, phones: int, seconds: float) -> WriterResult:
    store = SqliteStore(data_dir / "kreds.sqlite3")
    await store.open()
    boards = Boards()
    rooms = Rooms(store, boards.publish)
    try:
        devices = await _seat(store, rooms, boards, count, phones)
        start = time.monotonic() + WARMUP
        end = start + seconds
        took: list[float] = []
        await asyncio.gather(*(_device(r, a, h, start, end, took) for r, a, h in devices))
    finally:
        await rooms.close()
        await store.close()
    return WriterResult(
        ops_per_s=round(len(took) / seconds, 1),
        submit_ms=percentiles(took),
        devices=len(devices),
        seconds=seconds,
    )


def main() -> None:
    data_dir, count, phones, seconds = sys.argv[1:5]
    result = uvloop.run(measure(Path(data_dir), int(count), int(phones), float(seconds)))
    sys.stdout.write(msgspec.json.encode(result).decode() + "\n")


if __name__ == "__main__":
    main()
