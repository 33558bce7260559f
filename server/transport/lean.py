"""engine.io's websocket, served with fewer objects per frame (`LeanWebSocket`): the part of
server/transport/sockets.py's tuning that reads and writes a connection. What it relies on of
engine.io is named in `sockets.PRIVATE_PARTS` with the rest."""

import asyncio
from collections import deque
from typing import Any

import engineio.exceptions
from engineio import packet as eio_packet
from engineio.async_drivers.asgi import WebSocket as AsyncioWebSocket

MALFORMED = (ValueError, TypeError, KeyError, IndexError, RecursionError)
"""What python-socketio's packet decoding raises on bad input."""


class LeanWebSocket(AsyncioWebSocket):  # type: ignore[misc]
    """engine.io's websocket, served with fewer objects per frame.

    engine.io reads each frame through a new task under `asyncio.wait_for` (its timeout the
    client's silence), and writes through `poll`, another `wait_for` with a task of its own, for
    every wake of a connection's writer: under load that is a task, two futures and a timer per
    frame per phone, and all of them that wait at a given moment are what the youngest
    generation of the garbage collector holds when it is collected (docs/performance.md). Here a
    connection reads and writes in one loop each, and one timer per connection, renewed by
    itself, ends a socket whose client has been silent for longer than a ping cycle: the same
    behaviour as engine.io's; the frames to send wait in `Outgoing`. A polling connection that
    upgrades keeps engine.io's own handler and queue."""

    async def __call__(self, environ: dict[str, Any]) -> str:
        socket = self.handler.__self__
        if socket.connected:  # an upgrade from long-polling: engine.io's handshake
            return str(await super().__call__(environ))
        self.asgi_receive = environ["asgi.receive"]
        self.asgi_send = environ["asgi.send"]
        await self.asgi_send({"type": "websocket.accept"})
        socket.connected = socket.upgraded = True
        socket.queue = Outgoing(socket.queue)
        await _serve(socket, self)
        return ""


class Outgoing:
    """A websocket's frames to send, in place of engine.io's asyncio.Queue on its socket: the
    socket and FanOut put frames, the writer takes all there are at once. Of the queue's ways
    engine.io uses `put` (sending) and `join` (closing: until what was queued is taken); the
    queue's futures, counters and events per frame were a twentieth of the server's CPU."""

    def __init__(self, queued: asyncio.Queue[Any]) -> None:
        self.frames: deque[Any] = deque()
        while not queued.empty():  # the open packet, queued before the websocket was served
            self.frames.append(queued.get_nowait())
        self.waiting: asyncio.Future[None] | None = None
        self.taken: asyncio.Future[None] | None = None
        self.ended = False

    def put_nowait(self, frame: Any) -> None:
        if not self.ended:
            self.frames.append(frame)
            _wake(self.waiting)

    async def put(self, frame: Any) -> None:
        self.put_nowait(frame)

    async def take(self) -> list[Any]:
        """Every frame queued, once there is one."""
        while not self.frames:
            self.waiting = asyncio.get_running_loop().create_future()
            await self.waiting
        frames = list(self.frames)
        self.frames.clear()
        _wake(self.taken)
        return frames

    def end(self) -> None:
        """The writer has stopped (the connection broke, or ended): what is queued, and what
        comes, is dropped, and a close waiting for it to be taken goes on."""
        self.ended = True
        self.frames.clear()
        _wake(self.taken)

    async def join(self) -> None:
        while self.frames:
            if self.taken is None or self.taken.done():
                self.taken = asyncio.get_running_loop().create_future()
            await asyncio.shield(self.taken)


def _wake(waiter: asyncio.Future[None] | None) -> None:
    if waiter is not None and not waiter.done():
        waiter.set_result(None)


class _Silence:
    """One timer per connection: it ends the read of a client silent for longer than `limit`
    (engine.io's ping interval and timeout), renewing itself until then."""

    def __init__(self, limit: float) -> None:
        self.loop = asyncio.get_running_loop()
        reading = asyncio.current_task()
        assert reading is not None
        self.reading = reading
        self.limit = limit
        self.heard = self.loop.time()
        self.waiting = False
        self.ended = False
        self.timer = self.loop.call_later(limit, self._check)

    def _check(self) -> None:
        quiet = self.loop.time() - self.heard
        if self.waiting and quiet >= self.limit:
            self.ended = True
            self.reading.cancel()
        else:  # heard since, or busy with the last frame: look again when it could be silent
            delay = self.limit - quiet if self.waiting else self.limit
            self.timer = self.loop.call_later(delay, self._check)


async def _serve(socket: Any, ws: LeanWebSocket) -> None:
    """Read the client's frames until it goes, or falls silent."""
    server = socket.server
    silence = _Silence(server.ping_interval + server.ping_timeout)
    writing = asyncio.ensure_future(_write(socket.queue, ws))
    try:
        while True:
            silence.waiting = True
            try:
                data = await ws.wait()
            except (OSError, asyncio.CancelledError):
                if silence.ended:
                    silence.reading.uncancel()
                break
            finally:
                silence.waiting = False
            silence.heard = silence.loop.time()
            if not data or len(data) > server.max_http_buffer_size:
                break
            try:
                pkt = eio_packet.Packet(encoded_packet=data)
            except MALFORMED:
                break
            try:
                await socket.receive(pkt)
            except engineio.exceptions.UnknownPacketError:
                pass
            except engineio.exceptions.SocketIsClosedError:
                break
            except Exception:
                server.logger.exception("Unknown receive error")
    finally:
        silence.timer.cancel()
        # The writer ends after what was queued before this, even when the read was cancelled
        # from outside.
        socket.queue.put_nowait(None)
    await writing
    await socket.close(wait=False, abort=True, reason=server.reason.TRANSPORT_CLOSE)


async def _write(outgoing: Outgoing, ws: LeanWebSocket) -> None:
    """Send what is queued, in order, until the None that ends the connection."""
    while True:
        packets = await outgoing.take()
        end = None in packets
        try:
            for pkt in packets[: packets.index(None)] if end else packets:
                await ws.send(pkt.encode())
        except Exception:
            break
        if end:
            break
    outgoing.end()
    await ws.close()
