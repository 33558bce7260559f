"""python-socketio, closed to garbage: a packet it cannot handle ends that connection with one
log line, instead of a traceback per packet (a client could flood the log with those)."""

import logging
from typing import Any

import socketio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("kreds.sockets")

ENGINE_TYPES = "0123456"
"""Engine.IO v4 packet types; over a websocket a text frame starts with one of them."""
MALFORMED = (ValueError, TypeError, KeyError, IndexError, RecursionError)
"""What python-socketio's packet decoding raises on bad input."""


class SocketServer(socketio.AsyncServer):  # type: ignore[misc]
    """AsyncServer that drops the connection of a client sending a packet it cannot decode."""

    async def _handle_eio_message(self, eio_sid: str, data: Any) -> None:
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


class EngineFrames:
    """ASGI middleware: a websocket text frame that is no Engine.IO packet closes the socket
    before engine.io sees it (it would fail outside its own error handling)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return

        async def checked() -> Message:
            message = await receive()
            text = message.get("text") if message["type"] == "websocket.receive" else None
            if text is not None and (not text or text[0] not in ENGINE_TYPES):
                log.warning("closed a socket that sent a frame that is no Engine.IO packet")
                return {"type": "websocket.disconnect", "code": 1002}
            return message

        await self.app(scope, checked, send)
