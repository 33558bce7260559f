"""LeanWebSocket (server/transport/lean.py) as a client meets it over ASGI: it opens and
answers like engine.io's own handler, keeps a client that answers the pings, ends one that falls
silent, and hands a polling connection's upgrade to engine.io."""

import asyncio
import inspect
import re
import time
from typing import Any

import engineio.async_socket
import msgspec
import socketio
from engineio.async_drivers import asgi as engine_asgi

from server.transport.lean import LeanWebSocket, Outgoing
from server.transport.sockets import FanOut, MsgspecJson, SocketServer

PING = 0.2
"""Seconds: engine.io's ping interval and timeout here, so a silent client ends in 0.4 s."""


class Client:
    """A websocket client speaking Engine.IO frames to the ASGI app, as a phone's browser."""

    def __init__(self, app: Any) -> None:
        self.incoming: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.outgoing: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        scope = {
            "type": "websocket",
            "path": "/socket.io/",
            "query_string": b"EIO=4&transport=websocket",
            "headers": [
                (b"host", b"kreds.test"),
                (b"connection", b"Upgrade"),
                (b"upgrade", b"websocket"),
            ],
            "scheme": "ws",
            "server": ("127.0.0.1", 8000),
            "client": ("127.0.0.1", 50000),
        }
        self.incoming.put_nowait({"type": "websocket.connect"})
        self.served = asyncio.ensure_future(app(scope, self.incoming.get, self.outgoing.put))

    async def frame(self) -> str:
        while True:
            message = await asyncio.wait_for(self.outgoing.get(), 2)
            if message["type"] == "websocket.send":
                return str(message["text"])
            assert message["type"] == "websocket.accept", message

    def say(self, text: str) -> None:
        self.incoming.put_nowait({"type": "websocket.receive", "text": text})


def server() -> SocketServer:
    sio = SocketServer(
        async_mode="asgi",
        client_manager=FanOut(),
        json=MsgspecJson,
        ping_interval=PING,
        ping_timeout=PING,
    )
    sio.on("echo", lambda sid, data: data)
    return sio


async def opened() -> tuple[SocketServer, Client]:
    """A server and a client it has sent its Engine.IO open to."""
    sio = server()
    client = Client(socketio.ASGIApp(sio))
    assert (await client.frame()).startswith("0{")
    return sio, client


async def test_a_websocket_opens_answers_and_ends_when_the_client_says_goodbye() -> None:
    sio, client = await opened()
    client.say("40")
    assert (await client.frame()).startswith("40{")  # Socket.IO connect
    client.say('420["echo","Emil cykler"]')
    assert await client.frame() == '430["Emil cykler"]'
    client.say("1")  # Engine.IO close
    await asyncio.wait_for(client.served, 2)
    assert not sio.eio.sockets


async def test_a_client_that_answers_the_pings_stays_and_a_silent_one_is_ended() -> None:
    sio, client = await opened()
    client.say("40")
    await client.frame()
    began = time.monotonic()
    while time.monotonic() - began < 4 * PING:
        if await client.frame() == "2":
            client.say("3")
    assert not client.served.done()
    silent_from = time.monotonic()
    await asyncio.wait_for(client.served, 10 * PING)
    assert 2 * PING * 0.9 <= time.monotonic() - silent_from <= 2 * PING + 1
    assert not sio.eio.sockets


async def test_a_frame_over_the_size_limit_ends_the_connection() -> None:
    sio, client = await opened()
    client.say("4" + "x" * (sio.eio.max_http_buffer_size + 1))
    await asyncio.wait_for(client.served, 2)
    assert not sio.eio.sockets


async def test_an_unknown_packet_is_passed_over_and_an_empty_message_ends_the_connection() -> None:
    sio, client = await opened()
    client.say("9nonsense")  # no Engine.IO type: engine.io passes it over
    client.say("40")
    assert (await client.frame()).startswith("40{")
    client.say("4")  # a message with no Socket.IO packet in it: malformed, the socket closes
    assert await client.frame() == "1"
    await asyncio.wait_for(client.served, 2)
    assert not sio.eio.sockets


async def test_a_broadcast_reaches_every_socket_of_the_room_in_order_but_the_one_skipped() -> None:
    sio, first = await opened()
    second = Client(socketio.ASGIApp(sio))
    assert (await second.frame()).startswith("0{")
    sids = []
    for client in (first, second):
        client.say("40")
        sids.append(sid_of(await client.frame()))
    for sid in sids:
        await sio.enter_room(sid, "m")
    await sio.emit("changes", {"seq": 1}, room="m")
    await sio.emit("changes", {"seq": 2}, room="m", skip_sid=sids[1])
    await sio.emit("changes", {"seq": 3}, room="m")
    assert [await first.frame() for _ in range(3)] == [
        f'42["changes",{{"seq":{seq}}}]' for seq in (1, 2, 3)
    ]
    assert [await second.frame() for _ in range(2)] == [
        '42["changes",{"seq":1}]',
        '42["changes",{"seq":3}]',
    ]


async def test_the_server_closing_a_socket_sends_what_was_queued_and_its_close() -> None:
    sio, client = await opened()
    client.say("40")
    sid = sid_of(await client.frame())
    await sio.emit("changes", {"seq": 1}, to=sid)
    # engine.io closes a socket by queueing its close, and waits until the queue is taken.
    await asyncio.wait_for(sio.eio.disconnect(sio.manager.eio_sid_from_sid(sid, "/")), 2)
    assert [await client.frame() for _ in range(2)] == ['42["changes",{"seq":1}]', "1"]
    await asyncio.wait_for(client.served, 2)
    assert not sio.eio.sockets


async def test_a_close_does_not_wait_for_a_writer_that_has_stopped() -> None:
    outgoing = Outgoing(asyncio.Queue())
    outgoing.put_nowait("42[]")
    waiting = asyncio.ensure_future(outgoing.join())
    await asyncio.sleep(0)
    assert not waiting.done()
    outgoing.end()  # the connection broke under the writer
    await asyncio.wait_for(waiting, 1)
    outgoing.put_nowait("42[]")
    assert not outgoing.frames


def sid_of(connected: str) -> str:
    """The Socket.IO sid from a connect answer, `40{"sid":"…"}`."""
    assert connected.startswith("40{")
    return str(msgspec.json.decode(connected[2:])["sid"])


def test_engine_io_makes_its_websocket_from_the_class_we_give_it() -> None:
    sio = server()
    assert sio.eio._async["websocket"] is LeanWebSocket
    assert engine_asgi._async["websocket"] is engine_asgi.WebSocket  # engine.io's own, untouched
    upgrade = inspect.getsource(engineio.async_socket.AsyncSocket._upgrade_websocket)
    assert "self.server._async['websocket'](" in upgrade
    assert "self._websocket_handler, self.server)" in upgrade
    assert list(inspect.signature(engine_asgi.WebSocket.__init__).parameters) == [
        "self",
        "handler",
        "server",
    ]
    # What engine.io does with a socket's queue, outside the polling transport and its
    # upgrade: put and join, which the Outgoing queue in its place does.
    used = set()
    for name, method in vars(engineio.async_socket.AsyncSocket).items():
        if name not in ("poll", "handle_get_request", "_upgrade_websocket", "_websocket_handler"):
            if inspect.isfunction(method):
                used |= set(re.findall(r"self\.queue\.(\w+)", inspect.getsource(method)))
    assert used == {"put", "join"}, used
    # What the lean loop uses of engine.io's socket: its queue and these two.
    close = inspect.signature(engineio.async_socket.AsyncSocket.close)
    assert list(close.parameters) == ["self", "wait", "abort", "reason"]
    assert inspect.iscoroutinefunction(engineio.async_socket.AsyncSocket.receive)
