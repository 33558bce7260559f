"""The socket directory several nodes share in Redis: each node's sockets seen from the other,
the serving node's word on a socket of another node, no entry brought back for a socket that
went, and a node's keys that lapse unless it renews them."""

import asyncio
import os
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import redis.asyncio as redis

from server.cluster.directory import EXPIRE_SECONDS, RedisDirectory
from server.cluster.local import REDIS, Child, free_port
from server.live.directory import Entry

LOBBY = Entry(role="familie", participant_id="p-sara", admitted=False)
SCREEN = Entry(role="screen", participant_id=None, admitted=True)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    directory: Path = tmp_path_factory.mktemp("redis")
    port, where = free_port(), str(directory)
    server = Child(
        "redis",
        [str(REDIS), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", where],
        directory / "redis.log",
        dict(os.environ),
    )
    server.start()
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while b"Ready to accept" not in Path(server.log_path).read_bytes():
        assert time.monotonic() < deadline and server.running(), server.log()
        time.sleep(0.05)
    try:
        yield url
    finally:
        server.stop()


@pytest.fixture
async def nodes(redis_url: str) -> AsyncIterator[tuple[RedisDirectory, RedisDirectory]]:
    a, b = RedisDirectory(redis_url, "node-a"), RedisDirectory(redis_url, "node-b")
    yield a, b
    await a.close()
    await b.close()


async def test_each_nodes_sockets_are_seen_from_the_other_and_the_serving_node_updates_them(
    nodes: tuple[RedisDirectory, RedisDirectory],
) -> None:
    a, b = nodes
    await a.add("m1", "sid-screen", SCREEN)
    await b.add("m1", "sid-sara", LOBBY)
    await b.add("m2", "sid-other", SCREEN)
    seen = await a.sockets("m1")
    assert set(seen) == {"sid-screen", "sid-sara"} == set(await b.sockets("m1"))
    assert seen["sid-sara"].node == b.node and seen["sid-screen"].node == a.node
    assert a.here("m1") == ["sid-screen"] and b.meetings_here() == {"m1", "m2"}

    # Node a serves m1 and lets Sara in: node b reads it of its own socket.
    let_in = Entry(role="familie", participant_id="p-sara", admitted=True, node=b.node)
    await a.update("m1", "sid-sara", let_in)
    assert await b.entry("m1", "sid-sara") == let_in

    # Gone meanwhile: the update brings nothing back.
    await b.remove("m1", "sid-sara")
    await a.update("m1", "sid-sara", let_in)
    assert set(await a.sockets("m1")) == {"sid-screen"}
    assert await b.entry("m1", "sid-sara") is None
    await b.remove("m1", "sid-sara")  # twice: nothing happens


async def test_a_node_that_stops_renewing_is_forgotten_and_a_closing_one_at_once(
    nodes: tuple[RedisDirectory, RedisDirectory], redis_url: str
) -> None:
    a, b = nodes
    await a.add("m3", "sid-a", SCREEN)
    await b.add("m3", "sid-b", LOBBY)
    check = redis.Redis.from_url(redis_url)
    try:
        ttl = await check.ttl(f"kreds:sockets:m3:{b.node}")
        assert 0 < ttl <= EXPIRE_SECONDS
        await check.expire(f"kreds:sockets:m3:{b.node}", 1)  # b, killed, renews no more
        await a.renew()
        deadline = time.monotonic() + 5
        while "sid-b" in await a.sockets("m3"):
            assert time.monotonic() < deadline, "node b's socket never lapsed"
            await asyncio.sleep(0.1)
        assert set(await a.sockets("m3")) == {"sid-a"}
        await a.close()  # shutting down: its sockets go at once
        observer = RedisDirectory(redis_url, "node-c")
        try:
            assert await observer.sockets("m3") == {}
        finally:
            await observer.close()
    finally:
        await check.aclose()
