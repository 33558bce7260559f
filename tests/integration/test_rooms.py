"""A Room over a real SQLite store: acks only after commit, and a failed write loses nothing."""

import asyncio
from pathlib import Path

import msgspec
import pytest

from server import meetings
from server.auth import Keys, create_user
from server.domain import Rejected
from server.domain.visibility import OpView, Viewer
from server.rooms import Room, Rooms
from server.store.sqlite import SqliteStore
from shared_schema import AddCard, ChangesEvent

from .kit import NOTES, card_id, op_id

FACILITATOR = Viewer(role="facilitator")


async def open_meeting(path: Path) -> tuple[SqliteStore, str, str, list[ChangesEvent]]:
    store = SqliteStore(path)
    await store.open()
    louise = await create_user(store, "louise@kommune.example", "Louise", "Emil-i-skole-2025")
    row = await meetings.create_meeting(store, Keys(b"k" * 32), louise, "Emil, 9 år", "loeft")
    return store, row.id, row.facilitator_id, []


def note(index: int) -> AddCard:
    written = NOTES[index % len(NOTES)]
    return AddCard(id=op_id(), card_id=card_id(), column=written.column, text=written.text)


async def test_ops_are_broadcast_in_seq_order_and_a_reloaded_room_is_identical(
    tmp_path: Path,
) -> None:
    store, meeting_id, louise, published = await open_meeting(tmp_path / "kreds.sqlite3")

    async def publish(_: str, event: ChangesEvent, seen: OpView) -> None:
        published.append(event)

    room = await Rooms(store, publish).get(meeting_id)
    acks = await asyncio.gather(*(room.submit(note(i), louise) for i in range(60)))
    assert all(ack.ok for ack in acks)
    assert sorted(ack.seq or 0 for ack in acks) == list(range(2, 62))
    assert [event.seq for event in published] == list(range(2, 62))

    again = await Room.load(meeting_id, store, publish)
    assert msgspec.msgpack.encode(again.state) == msgspec.msgpack.encode(room.state)
    assert again.seq == room.seq == 61
    await store.close()


async def test_a_failed_write_is_refused_as_unavailable_and_nothing_unwritten_is_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kreds.sqlite3"
    store, meeting_id, louise, published = await open_meeting(path)

    async def publish(_: str, event: ChangesEvent, seen: OpView) -> None:
        published.append(event)

    room = await Rooms(store, publish).get(meeting_id)
    kept = await room.submit(note(0), louise)
    assert kept.ok
    await store.close()  # the disk is gone: every write from now on fails

    lost = await room.submit(note(1), louise)
    assert (lost.ok, lost.code) == (False, "unavailable")
    assert room.broken
    with pytest.raises(Rejected) as refused:
        await room.sync(0, FACILITATOR)
    assert refused.value.code == "unavailable"
    assert [event.seq for event in published] == [kept.seq]

    reopened = SqliteStore(path)
    await reopened.open()
    fresh = await Rooms(reopened, publish).get(meeting_id)
    assert fresh.seq == kept.seq
    assert [card.text for card in fresh.state.cards.values()] == [NOTES[0].text]
    await reopened.close()
