"""A lean Socket.IO 5 client over one WebSocket (Engine.IO 4), cheap enough for many phones.

python-socketio's AsyncClient starts a task per received message; with 1,200 phones on a
two-core machine that overhead would be measured as server latency. This speaks the same wire
protocol (text packets only, default namespace) with a single reader task per connection.
"""

import asyncio
import time
from collections.abc import Callable
from typing import Any

import aiohttp
import msgspec

EventHandler = Callable[[str, Any, float], None]
AckHandler = Callable[[Any, float], None]

_encode = msgspec.json.encode
_decode = msgspec.json.decode
CONNECT_TIMEOUT = 10.0


class Refused(Exception):
    """The server answered the Socket.IO CONNECT with an error."""


class Wire:
    """One Socket.IO connection: emit with an ack callback, events to one handler."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: str,
        on_event: EventHandler,
        meeting: str | None = None,
    ):
        self._session = session
        self._url = base_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        if meeting is not None:  # as the web client: a proxy routes the socket by its meeting
            self._url += f"&meeting={meeting}"
        self._on_event = on_event
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._acks: dict[int, AckHandler] = {}
        self._next_id = 0
        self._connected: asyncio.Future[None] | None = None

    @property
    def open(self) -> bool:
        return self._ws is not None and not self._ws.closed

    async def connect(
        self, auth: dict[str, Any], headers: dict[str, str] | None = None, deflate: bool = True
    ) -> None:
        """Open the WebSocket and join the default namespace; raises Refused when turned away."""
        self._connected = asyncio.get_running_loop().create_future()
        self._ws = await self._session.ws_connect(
            self._url, headers=headers, compress=15 if deflate else 0, autoping=True
        )
        try:
            opening = await self._ws.receive(timeout=CONNECT_TIMEOUT)
            if opening.type != aiohttp.WSMsgType.TEXT or not opening.data.startswith("0"):
                raise Refused(f"no Engine.IO open packet: {opening.data!r}")
            self._reader = asyncio.create_task(self._read(self._ws))
            await self._ws.send_str("40" + _encode(auth).decode())
            await asyncio.wait_for(self._connected, CONNECT_TIMEOUT)
        except BaseException:
            await self.close()
            raise

    async def emit(self, event: str, data: Any, on_ack: AckHandler | None = None) -> None:
        """Send an event; `on_ack` gets the server's answer and the time it arrived."""
        assert self._ws is not None
        body = _encode([event, data]).decode()
        if on_ack is None:
            await self._ws.send_str("42" + body)
            return
        self._next_id += 1
        self._acks[self._next_id] = on_ack
        await self._ws.send_str(f"42{self._next_id}{body}")

    async def call(self, event: str, data: Any) -> Any:
        """Send an event and wait for its ack."""
        answer: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

        def answered(value: Any, _at: float) -> None:
            if not answer.done():
                answer.set_result(value)

        await self.emit(event, data, answered)
        return await asyncio.wait_for(answer, CONNECT_TIMEOUT)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await self._reader
        self._acks.clear()

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for message in ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            at = time.monotonic()
            text: str = message.data
            kind = text[:2]
            if kind == "42":
                name, *args = _decode(text[2:])
                self._on_event(name, args[0] if args else None, at)
            elif kind == "43":
                self._ack(text[2:], at)
            elif text == "2":
                await ws.send_str("3")
            elif kind == "40":
                self._settle(None)
            elif kind == "44":
                self._settle(Refused(text[2:]))
        self._settle(Refused("closed before connecting"))

    def _ack(self, text: str, at: float) -> None:
        split = text.index("[")
        handler = self._acks.pop(int(text[:split]), None)
        if handler is not None:
            value = _decode(text[split:])
            handler(value[0] if value else None, at)

    def _settle(self, error: Exception | None) -> None:
        if self._connected is None or self._connected.done():
            return
        if error is None:
            self._connected.set_result(None)
        else:
            self._connected.set_exception(error)
