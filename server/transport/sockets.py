"""python-socketio, closed to garbage and tuned for speed: a packet it cannot handle ends that
connection with one log line, instead of a traceback per packet (a client could flood the log
with those); a room's broadcast is sent in the calling task; a websocket is read and written
without a task and a timer per frame (server/transport/lean.py); msgspec is its JSON.

Every reliance of Kreds on a private part of python-socketio or engine.io is in these two
modules, and named in `PRIVATE_PARTS`: tests/unit/test_sockets_private.py fails when an upgrade
changes one."""

import logging
from typing import Any, NamedTuple

import engineio.async_socket
import msgspec
import socketio
from engineio import packet as eio_packet
from socketio import packet
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.transport.lean import MALFORMED, LeanWebSocket

log = logging.getLogger("kreds.sockets")

ENGINE_TYPES = "0123456"
"""Engine.IO v4 packet types; over a websocket a text frame starts with one of them."""
ENGINE_CLOSE = str(eio_packet.CLOSE)
BINARY_TYPES = (str(packet.BINARY_EVENT), str(packet.BINARY_ACK))
"""Socket.IO packets with attachments. Kreds sends none; after one, python-socketio takes the
next messages as its attachments, so a client could make the server swallow its frames."""

ENGINE_POST_ERROR = "post request handler error"
"""What engine.io logs, with a traceback, for a long-polling POST it cannot read."""


class Private(NamedTuple):
    """A private method of python-socketio that this module overrides or calls."""

    owner: type
    name: str
    signature: str
    why: str


PRIVATE_PARTS: tuple[Private, ...] = (
    Private(
        socketio.AsyncServer,
        "_handle_eio_message",
        "(self, eio_sid, data)",
        "SocketServer overrides it: binary and malformed packets close the connection",
    ),
    Private(
        socketio.AsyncServer,
        "_handle_event",
        "(self, eio_sid, namespace, id, data)",
        "SocketServer overrides it: an event needs a name a client may send",
    ),
    Private(
        socketio.AsyncManager,
        "emit",
        "(self, event, data, namespace, room=None, skip_sid=None, callback=None, to=None, "
        "**kwargs)",
        "FanOut overrides it; AsyncRedisManager hands every emit on to it by super().emit",
    ),
    Private(
        engineio.async_socket.AsyncSocket,
        "_upgrade_websocket",
        "(self, environ)",
        "it makes the websocket from the server's `_async['websocket']`, LeanWebSocket here",
    ),
    Private(
        engineio.async_socket.AsyncSocket,
        "_websocket_handler",
        "(self, ws)",
        "LeanWebSocket leaves it the upgrade of a long-polling connection",
    ),
    Private(
        socketio.AsyncManager,
        "basic_disconnect",
        "(self, sid, namespace, **kwargs)",
        "FanOut does what it does, with the rooms it keeps by socket",
    ),
    Private(
        socketio.AsyncManager,
        "get_participants",
        "(self, namespace, room)",
        "FanOut reads a room's (sid, eio_sid) pairs with it",
    ),
)


class MsgspecJson:
    """python-socketio's JSON module: msgspec, which also encodes our Structs directly."""

    @staticmethod
    def dumps(obj: Any, **_: Any) -> str:
        return msgspec.json.encode(obj).decode()

    @staticmethod
    def loads(text: str | bytes, **_: Any) -> Any:
        try:
            return msgspec.json.decode(text)
        except (msgspec.DecodeError, RecursionError) as error:
            # engine.io and socket.io treat a ValueError as a malformed packet; too deep nesting
            # is one too.
            raise ValueError(str(error)) from None


class PollingErrorsInOneLine(logging.Filter):
    """engine.io logs a long-polling POST it cannot decode with a whole traceback: a client that
    dropped mid-request (its body cut short) or sent garbage. One line says as much."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.msg == ENGINE_POST_ERROR:
            error = record.exc_info[1]
            record.msg = "a polling request could not be read (cut short or malformed): %.100r"
            record.args = (error,)
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class SocketServer(socketio.AsyncServer):  # type: ignore[misc]
    """AsyncServer that drops the connection of a client sending a packet it cannot decode, and
    serves its websockets with LeanWebSocket."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.eio._async = {**self.eio._async, "websocket": LeanWebSocket}
        engine_log = self.eio.logger
        if not any(isinstance(f, PollingErrorsInOneLine) for f in engine_log.filters):
            engine_log.addFilter(PollingErrorsInOneLine())
        # engine.io gives its logger a bare handler of its own, and the record then reaches the
        # server's log twice (once without a time); the server's logging configuration is enough.
        for handler in list(engine_log.handlers):
            if type(handler) is logging.StreamHandler:
                engine_log.removeHandler(handler)

    async def _handle_eio_message(self, eio_sid: str, data: Any) -> None:
        if not isinstance(data, str) or data.startswith(BINARY_TYPES):
            log.warning("closed a socket that sent binary data, which Kreds does not use")
            await self.eio.disconnect(eio_sid)
            return
        try:
            await super()._handle_eio_message(eio_sid, data)
        except MALFORMED as error:
            log.warning("closed a socket that sent a malformed packet: %.100r", error)
            await self.eio.disconnect(eio_sid)

    async def _handle_event(self, eio_sid: str, namespace: Any, id: Any, data: Any) -> None:
        # The event name is checked here: later it is a dict key, in a task of its own. A client
        # may not call the connect and disconnect handlers as events either.
        if not (isinstance(data, list) and data and isinstance(data[0], str)):
            raise ValueError("an event needs a name")
        if data[0] in (*self.reserved_events, "connect_error"):
            raise ValueError(f"{data[0]} is not an event a client may send")
        await super()._handle_event(eio_sid, namespace, id, data)


class FanOut(socketio.AsyncManager):  # type: ignore[misc]
    """Sends a broadcast to its recipients one after the other in the calling task, and knows
    the rooms each socket is in.

    python-socketio's manager starts a task per recipient and waits for all of them; a send only
    puts the frame on the connection's unbounded queue, so those tasks cost more than the sends.
    Without them a room's broadcast does not yield, and ops reach every phone in seq order.

    It also finds a leaving socket's rooms by looking through every room on the server (each
    socket has one of its own): with a thousand phones connected, a millisecond per disconnect,
    and a phone on bad Wi-Fi disconnects often. Here `joined` keeps them by socket."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.joined: dict[tuple[str, str], set[str | None]] = {}

    def basic_enter_room(
        self, sid: str, namespace: str, room: str | None, eio_sid: str | None = None
    ) -> None:
        super().basic_enter_room(sid, namespace, room, eio_sid=eio_sid)
        self.joined.setdefault((namespace, sid), set()).add(room)

    def basic_leave_room(self, sid: str, namespace: str, room: str | None) -> None:
        super().basic_leave_room(sid, namespace, room)
        rooms = self.joined.get((namespace, sid))
        if rooms is not None:
            rooms.discard(room)
            if not rooms:
                del self.joined[(namespace, sid)]

    def basic_disconnect(self, sid: str, namespace: str, **_: Any) -> None:
        """What python-socketio's does (tests/unit/test_sockets_private.py compares the two),
        with the socket's rooms known instead of searched for."""
        for room in self.joined.pop((namespace, sid), set()):
            super().basic_leave_room(sid, namespace, room)
        self.callbacks.pop(sid, None)
        for pending in (self.pending_connect, self.pending_disconnect):
            waiting = pending.get(namespace)
            if waiting is not None and sid in waiting:
                waiting.remove(sid)
                if not waiting:
                    del pending[namespace]

    async def emit(
        self,
        event: str,
        data: Any,
        namespace: str,
        room: str | None = None,
        skip_sid: str | None = None,
        callback: Any = None,
        to: str | None = None,
        **kwargs: Any,
    ) -> None:
        if callback is not None:
            await super().emit(event, data, namespace, room, skip_sid, callback, to, **kwargs)
            return
        if namespace not in self.rooms:
            return
        args = list(data) if isinstance(data, tuple) else [] if data is None else [data]
        encoded = self.server.packet_class(
            packet.EVENT, namespace=namespace, data=[event, *args]
        ).encode()
        frames = [
            eio_packet.Packet(eio_packet.MESSAGE, part)
            for part in (encoded if isinstance(encoded, list) else [encoded])
        ]
        # Straight onto each connection's queue, as engine.io's send does after its ping check
        # (its service task makes that check for every socket in turn).
        sockets = self.server.eio.sockets
        for sid, eio_sid in list(self.get_participants(namespace, to or room)):
            socket = sockets.get(eio_sid)
            if sid == skip_sid or socket is None or socket.closed:
                continue  # a socket closing under us resyncs when it is back
            for frame in frames:
                socket.queue.put_nowait(frame)


class EngineFrames:
    """ASGI middleware: a websocket text frame that is no Engine.IO packet closes the socket
    before engine.io sees it (it would fail outside its own error handling). After a client's
    Engine.IO close packet the socket closes too: engine.io ends the session but would keep
    reading the websocket, answering nothing, until its read timeout."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return
        said_goodbye = False

        async def checked() -> Message:
            nonlocal said_goodbye
            if said_goodbye:
                return {"type": "websocket.disconnect", "code": 1000}
            message = await receive()
            text = message.get("text") if message["type"] == "websocket.receive" else None
            if text is not None and (not text or text[0] not in ENGINE_TYPES):
                log.warning("closed a socket that sent a frame that is no Engine.IO packet")
                return {"type": "websocket.disconnect", "code": 1002}
            said_goodbye = text is not None and text.startswith(ENGINE_CLOSE)
            return message

        await self.app(scope, checked, send)
