"""What server/transport/sockets.py relies on in python-socketio and engine.io, checked: an upgrade
that renames, re-signs or stops calling one of the private parts it overrides fails here, not in
a meeting."""

import inspect

import engineio.async_server
import engineio.async_socket
import engineio.base_socket
import socketio
from engineio import packet as eio_packet
from socketio import async_pubsub_manager
from socketio import packet as sio_packet

from server.cluster.pubsub import RedisFanOut
from server.transport.sockets import (
    BINARY_TYPES,
    ENGINE_CLOSE,
    ENGINE_POST_ERROR,
    ENGINE_TYPES,
    PRIVATE_PARTS,
    FanOut,
    MsgspecJson,
    SocketServer,
)


def test_every_private_method_relied_on_keeps_its_signature() -> None:
    for part in PRIVATE_PARTS:
        method = getattr(part.owner, part.name, None)
        assert method is not None, f"{part.owner.__name__}.{part.name} is gone ({part.why})"
        assert str(inspect.signature(method)) == part.signature, (
            f"{part.owner.__name__}.{part.name} changed ({part.why})"
        )


def test_the_overrides_take_what_they_override() -> None:
    overrides = {
        (SocketServer, "_handle_eio_message"),
        (SocketServer, "_handle_event"),
        (FanOut, "emit"),
    }
    for cls, name in overrides:
        ours = inspect.signature(vars(cls)[name])
        base = inspect.signature(getattr(cls.__mro__[1], name))
        assert [(p.name, p.kind, p.default) for p in ours.parameters.values()] == [
            (p.name, p.kind, p.default) for p in base.parameters.values()
        ], f"{cls.__name__}.{name} no longer matches python-socketio's"
        assert inspect.iscoroutinefunction(vars(cls)[name])
        assert inspect.iscoroutinefunction(getattr(cls.__mro__[1], name))


def test_engine_io_hands_every_message_to_our_override() -> None:
    sio = SocketServer(async_mode="asgi", client_manager=FanOut(), json=MsgspecJson)
    handler = sio.eio.handlers["message"]
    assert handler.__func__ is SocketServer._handle_eio_message
    assert handler.__self__ is sio
    # Events reach the checked _handle_event through the message handler.
    source = inspect.getsource(socketio.AsyncServer._handle_eio_message)
    assert "self._handle_event(" in source
    assert "self._binary_packet" in source
    assert set(sio.reserved_events) >= {"connect", "disconnect"}


def test_the_attributes_fan_out_reads_are_there() -> None:
    manager = FanOut()
    sio = SocketServer(async_mode="asgi", client_manager=manager, json=MsgspecJson)
    assert manager.server is sio
    assert isinstance(manager.rooms, dict)
    assert isinstance(sio.eio.sockets, dict)
    # FanOut queues a frame as engine.io's send does once its ping check passed; the service
    # task makes that check for every socket, sent to or not.
    send = inspect.getsource(engineio.async_socket.AsyncSocket.send)
    assert "await self.check_ping_timeout()" in send
    assert "await self.queue.put(pkt)" in send
    assert "await s.check_ping_timeout()" in inspect.getsource(
        engineio.async_server.AsyncServer._service_task
    )
    assert "self.queue = self.server.create_queue()" in inspect.getsource(
        engineio.base_socket.BaseSocket.__init__
    )
    encoded = sio.packet_class(sio_packet.EVENT, namespace="/", data=["changes", {"seq": 1}])
    assert encoded.encode() == '2["changes",{"seq":1}]'
    frame = eio_packet.Packet(eio_packet.MESSAGE, '2["changes"]')
    assert frame.encode() == '42["changes"]'


async def _rooms_after_comings_and_goings(manager: socketio.AsyncManager) -> list[object]:
    """What a manager holds after phones connect, join meetings and leave in every way."""
    sio = SocketServer(async_mode="asgi", client_manager=manager, json=MsgspecJson)
    sio.eio.generate_id = iter(["a", "b", "c", "d"]).__next__
    for eio_sid in ("ea", "eb", "ec", "ed"):
        await manager.pre_connect(eio_sid, "/")
    for sid in ("a", "b", "d"):
        await manager.connect(sid, "/")
    for sid, room in (("a", "m1"), ("b", "m1"), ("a", "m2"), ("d", "m2")):
        await manager.enter_room(sid, "/", room)
    manager._generate_ack_id("a", print)
    manager.pre_disconnect("b", "/")
    await manager.leave_room("b", "/", "m1")
    held = []
    for sid in ("a", "b", "c"):  # in two rooms with a callback; saying goodbye; never connected
        await manager.disconnect(sid, "/")
        held.append(
            (
                {ns: {r: dict(p) for r, p in rooms.items()} for ns, rooms in manager.rooms.items()},
                dict(manager.callbacks),
                {ns: list(sids) for ns, sids in manager.pending_connect.items()},
                {ns: list(sids) for ns, sids in manager.pending_disconnect.items()},
            )
        )
    return held


async def test_fan_out_leaves_a_disconnecting_socket_s_rooms_as_python_socketio_does() -> None:
    fan_out = FanOut()
    assert await _rooms_after_comings_and_goings(fan_out) == await _rooms_after_comings_and_goings(
        socketio.AsyncManager()
    )
    assert fan_out.joined == {("/", "d"): {None, "d", "m2"}}


def test_redis_fan_out_delivers_through_fan_out() -> None:
    assert RedisFanOut.__mro__.index(FanOut) > RedisFanOut.__mro__.index(socketio.AsyncRedisManager)
    # The pub/sub manager delivers on this node by calling the next manager's emit.
    source = inspect.getsource(async_pubsub_manager.AsyncPubSubManager._handle_emit)
    assert "await super().emit(" in source


def test_the_packet_numbers_and_the_log_line_are_engine_io_s() -> None:
    assert ENGINE_TYPES == "".join(str(n) for n in range(len(eio_packet.packet_names)))
    assert ENGINE_CLOSE == str(eio_packet.packet_names.index("CLOSE"))
    assert BINARY_TYPES == (
        str(sio_packet.packet_names.index("BINARY_EVENT")),
        str(sio_packet.packet_names.index("BINARY_ACK")),
    )
    assert f"self.logger.exception('{ENGINE_POST_ERROR}')" in inspect.getsource(
        engineio.async_server.AsyncServer
    )


def test_msgspec_json_speaks_as_python_socketio_asks() -> None:
    text = MsgspecJson.dumps({"navn": "Søs"}, separators=(",", ":"))
    assert isinstance(text, str)
    assert MsgspecJson.loads(text) == {"navn": "Søs"}
    try:
        MsgspecJson.loads("[" * 100_000 + "]" * 100_000)
    except ValueError:
        pass
    else:
        raise AssertionError("too deep nesting must be a malformed packet")
