"""One writer per meeting across nodes: leases with a fencing epoch in PostgreSQL."""

import asyncio
from collections.abc import AsyncIterator

import msgspec
import pytest

from server.cluster.lease import Ownership
from server.domain import Rejected
from server.domain.visibility import OpView
from server.live.rooms import Rooms
from server.services import meetings
from server.services.auth import Keys, create_user
from server.store.postgres import PostgresStore
from server.store.protocol import Fenced
from shared_schema import AddCard, ChangesEvent
from tests.integration.kit import NOTES, card_id, op_id
from tests.services import PostgresServer

from .test_contract import op, with_meeting

_numbers = iter(range(10_000))


@pytest.fixture
async def shared(postgres: PostgresServer) -> AsyncIterator[tuple[PostgresStore, PostgresStore]]:
    """Two nodes' stores on one database."""
    url = postgres.create_database(f"leases_{next(_numbers)}")
    first, second = PostgresStore(url), PostgresStore(url)
    await first.open()
    await second.open()
    yield first, second
    await first.close()
    await second.close()


async def test_a_lease_is_refused_to_another_node_until_it_lapses_then_its_epoch_grows(
    shared: tuple[PostgresStore, PostgresStore],
) -> None:
    a, b = shared
    row = await with_meeting(a)
    assert await a.take_lease(row.id, "node-a", 0.5) == 1
    assert await b.take_lease(row.id, "node-b", 0.5) is None
    assert await a.renew_leases("node-a", [(row.id, 1)], 0.5) == {row.id}
    await asyncio.sleep(0.6)
    assert await b.take_lease(row.id, "node-b", 5) == 2
    assert await a.renew_leases("node-a", [(row.id, 1)], 5) == set()
    await b.release_lease(row.id, "node-b", 2)
    assert await a.take_lease(row.id, "node-a", 5) == 3


async def test_a_stale_owner_is_fenced_and_other_meetings_in_its_commit_are_not(
    shared: tuple[PostgresStore, PostgresStore],
) -> None:
    a, b = shared
    row, other = await with_meeting(a, 1), await with_meeting(a, 2)
    assert await a.take_lease(row.id, "node-a", 0.2) == 1
    assert await a.take_lease(other.id, "node-a", 60) == 1
    await asyncio.sleep(0.3)
    assert await b.take_lease(row.id, "node-b", 60) == 2
    results = await asyncio.gather(
        a.append_fenced([op(row.id, 2, "stale")], [], "node-a", 1),
        a.append_fenced([op(other.id, 2)], [], "node-a", 1),
        return_exceptions=True,
    )
    assert isinstance(results[0], Fenced) and results[1] is None
    await b.append_fenced([op(row.id, 2, "from-b")], [], "node-b", 2)
    assert [o.client_id for o in await b.ops_after(row.id, 1, 10)] == ["from-b"]
    assert [o.seq for o in await a.ops_after(other.id, 0, 10)] == [1, 2]


async def test_a_paused_node_that_lost_its_meeting_cannot_append_and_says_unavailable(
    shared: tuple[PostgresStore, PostgresStore],
) -> None:
    a, b = shared
    owner = await create_user(a, "louise@aarhus.example", "Louise", "Emil-i-skole-2025")
    row = await meetings.create_meeting(a, Keys(b"k" * 32), owner, "Emil, 9 år", "three_columns")
    seen: list[int] = []

    async def publish(_: str, event: ChangesEvent, view: OpView) -> None:
        seen.append(event.seq)

    node_a, node_b = Ownership(a, "node-a", 0.5), Ownership(b, "node-b", 5)
    rooms_a, rooms_b = Rooms(a, publish, node_a), Rooms(b, publish, node_b)
    lost: list[str] = []

    async def let_go(meeting_id: str) -> None:
        lost.append(meeting_id)

    node_a.when_lost(let_go, let_go)
    stale = await rooms_a.get(row.id)

    def note(index: int) -> AddCard:
        written = NOTES[index]
        return AddCard(id=op_id(), card_id=card_id(), column=written.column, text=written.text)

    assert (await stale.submit(note(0), row.facilitator_id)).ok
    # Node A is paused past its lease (no renewal); node B is routed the meeting and takes it.
    await asyncio.sleep(0.6)
    fresh = await rooms_b.get(row.id)
    assert node_b.held == {row.id: 2}
    assert (await fresh.submit(note(1), row.facilitator_id)).seq == 3
    refused = await stale.submit(note(2), row.facilitator_id)
    assert (refused.ok, refused.code) == (False, "unavailable")
    assert lost == [row.id]
    log = await b.ops_after(row.id, 0, 10)
    assert [o.seq for o in log] == [1, 2, 3]
    assert seen == [2, 3]  # the refused op was never broadcast
    again = await rooms_b.get(row.id)
    assert msgspec.msgpack.encode(again.state) == msgspec.msgpack.encode(fresh.state)
    await rooms_b.close()
    assert await a.take_lease(row.id, "node-a", 5) == 3  # released on close: no wait


async def test_a_node_asked_for_a_meeting_it_holds_hands_it_over_with_every_op_written(
    shared: tuple[PostgresStore, PostgresStore],
) -> None:
    a, b = shared
    owner = await create_user(a, "louise@aarhus.example", "Louise", "Emil-i-skole-2025")
    row = await meetings.create_meeting(a, Keys(b"k" * 32), owner, "Emil, 9 år", "three_columns")

    async def publish(_: str, event: ChangesEvent, view: OpView) -> None:
        return None

    node_a, node_b = Ownership(a, "node-a", 30), Ownership(b, "node-b", 30)
    rooms_a, rooms_b = Rooms(a, publish, node_a), Rooms(b, publish, node_b)
    node_a.when_lost(rooms_a.hand_over, rooms_a.hand_over)
    await node_a.start()
    first = await rooms_a.get(row.id)
    notes = [AddCard(id=op_id(), card_id=card_id(), column=n.column, text=n.text) for n in NOTES]
    acks = await asyncio.gather(*(first.submit(n, row.facilitator_id) for n in notes))
    # B is routed the meeting: it asks, A writes what it has, lets go, and B takes it at once
    # (well before A's 30-second lease would lapse).
    moved = await asyncio.wait_for(rooms_b.get(row.id), 10)
    assert node_a.held == {} and node_b.held == {row.id: 2}
    assert moved.seq == max(ack.seq or 0 for ack in acks)
    with pytest.raises(Rejected, match="unavailable"):
        await first.submit(notes[0], row.facilitator_id)
    assert (await moved.submit(notes[0], row.facilitator_id)).seq == acks[0].seq
    await rooms_a.close()
    await rooms_b.close()
