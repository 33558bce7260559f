"""A phone's outbox over the test kit's Peer: every intent keeps its id until it is acked, and
goes again with the same id after a reconnect, as web/src/net/outbox does."""

import asyncio
import hashlib
import json
import time
from typing import Any

import socketio

from tests.integration.kit import WAIT, Peer, Replica, Server

LOST = (ConnectionError, TimeoutError, AssertionError, socketio.exceptions.SocketIOError)
"""What a client sees when the server or the network goes away under it."""


def state_hash(replica: Replica) -> str:
    """The synced entities as canonical JSON, hashed: equal hashes mean equal boards."""
    entities = [replica.entities[key] for key in sorted(replica.entities)]
    text = json.dumps(entities, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


class Outbox:
    """One device: its capability, its queue of intents and the replica it keeps."""

    def __init__(
        self,
        label: str,
        server: Server,
        auth: dict[str, Any],
        headers: dict[str, str] | None = None,
        intents: list[dict[str, Any]] | None = None,
    ) -> None:
        self.label = label
        self.server = server
        self.auth = auth
        self.headers = headers or {}
        self.plan: list[dict[str, Any]] = list(intents or [])
        """Everything this person means to do, in order (the test's record of it)."""
        self.pending: list[dict[str, Any]] = []
        self.progress: asyncio.Event | None = None
        """Set on every ack, for whoever waits for the clients to get on."""
        self.acked: dict[str, dict[str, Any]] = {}
        self.refused: list[dict[str, Any]] = []
        self.replica = Replica()
        self.peer: Peer | None = None
        self.offline_until = 0.0
        self.reconnects = 0
        self.writing = False
        """True while the person is still making intents (see `write`)."""

    async def online(self, deadline: float) -> Peer:
        """Connected and synced, trying again until `deadline` while the server is away."""
        while True:
            if self.peer is not None and self.peer.sio.connected and not self.peer.disconnected:
                return self.peer
            await self.close()
            wait = self.offline_until - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            peer = Peer(self.label)
            peer.replica = self.replica
            self.peer = peer
            try:
                # A copy: the engine.io client takes the cookie out of the dict it is given.
                await peer.connect(self.server, dict(self.auth), dict(self.headers))
                await peer.wait_for(lambda p=peer: p.welcome is not None, "welcome")
                answer = await peer.call("hello", {"last_seq": self.replica.seq or 0})
            except LOST:
                answer = None
            if answer is not None and "ok" not in answer:
                self.replica.load(answer)
                self.reconnects += 1
                return peer
            await self.close()  # refused, or gone again: start over with a new connection
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.label}: could not get back online")
            await asyncio.sleep(0.1)

    async def write(self, plan: list[dict[str, Any]], pace: float) -> None:
        """The person makes one intent every `pace` seconds, online or not."""
        self.writing = True
        try:
            for made in plan:
                self.pending.append(made)
                await asyncio.sleep(pace)
        finally:
            self.writing = False

    async def run(self, within: float) -> None:
        """Send everything in the outbox, one at a time, until each has its answer."""
        deadline = time.monotonic() + within
        while self.pending or self.writing:
            assert time.monotonic() < deadline, f"{self.label}: {len(self.pending)} never acked"
            if not self.pending:
                await asyncio.sleep(0.05)
                continue
            peer = await self.online(deadline)
            made = self.pending[0]
            try:
                ack = await peer.send(made)
            except LOST:
                continue  # unknown whether it landed: it goes again with the same id
            if ack.get("code") in ("rate_limited", "unavailable"):
                await asyncio.sleep(0.1)
                continue
            if ack["ok"]:
                self.acked[made["id"]] = ack
            else:
                self.refused.append(ack)
            self.pending.pop(0)
            if self.progress is not None:
                self.progress.set()

    async def drop(self, seconds: float) -> None:
        """The network goes for `seconds`: the socket dies without a goodbye."""
        self.offline_until = time.monotonic() + seconds
        peer = self.peer
        if peer is not None and peer.sio.eio.ws is not None:
            await peer.sio.eio.ws.close()

    async def settle(self, seq: int) -> None:
        """Online, and caught up to `seq`."""
        peer = await self.online(time.monotonic() + WAIT)
        await peer.wait_for(lambda: self.replica.seq is not None and self.replica.seq >= seq, "seq")

    async def close(self) -> None:
        if self.peer is not None:
            try:
                await self.peer.close()
            except LOST:
                pass
