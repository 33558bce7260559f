"""A Room over a real SQLite store: acks only after commit, a failed write loses nothing and
stops no other meeting, and an intent that changed nothing is answered once, durably."""

import asyncio
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import msgspec
import pytest

from server.domain import Rejected
from server.domain.visibility import OpView, Viewer
from server.live.rooms import Room, Rooms
from server.services import meetings
from server.services.auth import Keys, create_user
from server.store import OpRow
from server.store.sqlite import SqliteStore
from shared_schema import AddCard, ChangesEvent, EditCard

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


async def test_a_failed_broadcast_still_acks_and_the_next_op_is_broadcast(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store, meeting_id, louise, published = await open_meeting(tmp_path / "kreds.sqlite3")

    async def publish(_: str, event: ChangesEvent, seen: OpView) -> None:
        if not published:
            published.append(event)
            raise ConnectionError("the fan-out is down")
        published.append(event)

    room = await Rooms(store, publish).get(meeting_id)
    first = await asyncio.wait_for(room.submit(note(0), louise), 5)
    second = await asyncio.wait_for(room.submit(note(1), louise), 5)
    assert (first.ok, second.ok) == (True, True)
    assert [event.seq for event in published] == [first.seq, second.seq]
    assert f"broadcasting seq {first.seq} failed" in caplog.text
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


async def test_an_intent_that_changed_nothing_is_answered_again_after_a_later_edit_and_a_restart(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kreds.sqlite3"
    store, meeting_id, louise, published = await open_meeting(path)

    async def publish(_: str, event: ChangesEvent, view: OpView) -> None:
        published.append(event)

    room = await Rooms(store, publish).get(meeting_id)
    card = card_id()
    written = await room.submit(
        AddCard(id=op_id(), card_id=card, column="works", text="Mormor henter Emil om tirsdagen"),
        louise,
    )
    unchanged = EditCard(id=op_id(), card_id=card, text="Mormor henter Emil om tirsdagen")
    first = await room.submit(unchanged, louise)
    assert (first.ok, first.seq) == (True, written.seq)
    later = await room.submit(
        EditCard(id=op_id(), card_id=card, text="Mormor henter Emil tirsdag og torsdag"), louise
    )
    assert later.ok

    again = await room.submit(unchanged, louise)
    assert (again.ok, again.seq) == (True, first.seq)
    assert room.state.cards[card].text == "Mormor henter Emil tirsdag og torsdag"
    assert room.seq == later.seq
    await store.close()

    reopened = SqliteStore(path)
    await reopened.open()
    fresh = await Rooms(reopened, publish).get(meeting_id)
    after_restart = await fresh.submit(unchanged, louise)
    assert (after_restart.ok, after_restart.seq) == (True, first.seq)
    assert fresh.state.cards[card].text == "Mormor henter Emil tirsdag og torsdag"
    # No seq was spent on it: the op log runs on without a gap.
    ops = await reopened.ops_after(meeting_id, 0, 100)
    assert [op.seq for op in ops] == list(range(1, fresh.seq + 1))
    assert [event.seq for event in published] == [written.seq, later.seq]
    await reopened.close()


async def test_one_meeting_failing_its_write_leaves_the_other_meetings_in_the_batch_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kreds.sqlite3"
    store = SqliteStore(path)
    await store.open()
    louise = await create_user(store, "louise@kommune.example", "Louise", "Emil-i-skole-2025")
    keys = Keys(b"k" * 32)
    emil = await meetings.create_meeting(store, keys, louise, "Emil, 9 år", "loeft")
    sofie = await meetings.create_meeting(store, keys, louise, "Sofie, 6 år", "loeft")
    published: list[tuple[str, int]] = []

    async def publish(meeting_id: str, event: ChangesEvent, view: OpView) -> None:
        published.append((meeting_id, event.seq))

    rooms = Rooms(store, publish)
    room_emil, room_sofie = await rooms.get(emil.id), await rooms.get(sofie.id)
    # Sofie's meeting is deleted under its live room (as by another process): its next write
    # fails, in the same writer pass as Emil's.
    await store.delete_meetings([sofie.id])
    acks = await asyncio.gather(
        *(room_emil.submit(note(i), emil.facilitator_id) for i in range(5)),
        *(room_sofie.submit(note(i), sofie.facilitator_id) for i in range(5)),
    )
    assert all(ack.ok for ack in acks[:5])
    assert [(ack.ok, ack.code) for ack in acks[5:]] == [(False, "unavailable")] * 5
    assert room_sofie.broken and not room_emil.broken
    assert published == [(emil.id, seq) for seq in range(2, 7)]
    assert [op.seq for op in await store.ops_after(emil.id, 0, 100)] == list(range(1, 7))
    assert await store.ops_after(sofie.id, 0, 100) == []
    # Emil's meeting writes on.
    assert (await room_emil.submit(note(6), emil.facilitator_id)).seq == 7
    await store.close()


async def test_a_batch_with_a_deleted_meetings_ops_commits_the_rest_of_the_batch(
    tmp_path: Path,
) -> None:
    store, meeting_id, louise, _ = await open_meeting(tmp_path / "kreds.sqlite3")
    other = await store.meeting(meeting_id)
    assert other is not None
    stray = OpRow(
        meeting="deleted-meeting",
        seq=1,
        at=0.0,
        actor="system",
        client_id=op_id(),
        type="card.add",
        changes=b"\x90",
    )
    kept = OpRow(
        meeting=meeting_id,
        seq=2,
        at=0.0,
        actor=louise,
        client_id=op_id(),
        type="card.add",
        changes=b"\x90",
    )
    results = await asyncio.gather(
        store.append([stray]), store.append([kept]), return_exceptions=True
    )
    assert isinstance(results[0], sqlite3.IntegrityError)
    assert results[1] is None
    assert [op.seq for op in await store.ops_after(meeting_id, 0, 10)] == [1, 2]
    assert await store.ops_after("deleted-meeting", 0, 10) == []
    await store.close()


async def test_intents_waiting_for_their_write_when_the_meeting_is_deleted_are_refused(
    tmp_path: Path,
) -> None:
    store, meeting_id, louise, published = await open_meeting(tmp_path / "kreds.sqlite3")
    ended: list[str] = []

    async def publish(_: str, event: ChangesEvent, view: OpView) -> None:
        published.append(event)

    async def end(meeting_ids: Sequence[str]) -> None:
        ended.extend(meeting_ids)

    rooms = Rooms(store, publish, ended=end)
    room = await rooms.get(meeting_id)
    first = room.submit(note(0), louise)  # handed to the store at once
    await asyncio.sleep(0)
    waiting = [room.submit(note(i), louise) for i in range(1, 6)]  # queued behind it
    await meetings.delete(rooms, store, [meeting_id])
    acks = [await first, *[await pending for pending in waiting]]
    assert [(ack.ok, ack.code) for ack in acks[1:]] == [(False, "deleted")] * 5
    assert ended == [meeting_id]
    assert await store.ops_after(meeting_id, 0, 100) == []
    assert await store.meeting(meeting_id) is None
    with pytest.raises(Rejected) as refused:
        room.submit(note(7), louise)
    assert refused.value.code == "unavailable"
    fresh = await rooms.get(meeting_id)
    late = await fresh.submit(note(8), louise)
    assert (late.ok, late.code) == (False, "not_found")
    await store.close()
