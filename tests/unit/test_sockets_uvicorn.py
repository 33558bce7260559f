"""What server/transport/websocket.py relies on in uvicorn and websockets, checked: its protocol
subclass replaces uvicorn's websocket connection object and wraps the transport, both private."""

import asyncio
import inspect

from uvicorn.config import Config
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from uvicorn.server import ServerState
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory

from server.transport.websocket import MEM_LEVEL, WINDOW_BITS, WebSocketProtocol, _Coalesced


def test_uvicorn_s_protocol_takes_what_ours_passes_on() -> None:
    ours = inspect.signature(WebSocketProtocol.__init__)
    base = inspect.signature(WebSocketsSansIOProtocol.__init__)
    assert list(ours.parameters) == list(base.parameters)
    assert list(inspect.signature(WebSocketsSansIOProtocol.connection_made).parameters) == [
        "self",
        "transport",
    ]


def test_uvicorn_reads_and_writes_through_the_attributes_we_replace() -> None:
    source = inspect.getsource(WebSocketsSansIOProtocol)
    # The connection object made in __init__ is the one every frame goes through.
    assert "self.conn = ServerProtocol(" in inspect.getsource(WebSocketsSansIOProtocol.__init__)
    assert "self.conn.receive_data(" in source
    assert "self.conn.data_to_send()" in source
    # The transport given to connection_made is the one it writes to.
    assert "self.transport = transport" in inspect.getsource(
        WebSocketsSansIOProtocol.connection_made
    )
    assert "self.transport.write(" in source


class Transport(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.written: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.written.append(bytes(data))

    def is_closing(self) -> bool:
        return False

    def get_extra_info(self, name: str, default: object = None) -> object:
        return {"peername": ("127.0.0.1", 50000), "sockname": ("127.0.0.1", 8080)}.get(
            name, default
        )


async def test_a_connection_gets_the_smaller_deflate_and_the_coalescing_transport() -> None:
    config = Config(app="server.app:build", ws_per_message_deflate=True)
    protocol = WebSocketProtocol(config, ServerState(), {}, asyncio.get_running_loop())
    offered = protocol.conn.available_extensions
    assert offered is not None and len(offered) == 1
    deflate = offered[0]
    assert isinstance(deflate, ServerPerMessageDeflateFactory)
    assert deflate.server_max_window_bits == WINDOW_BITS
    assert deflate.client_max_window_bits == WINDOW_BITS
    assert deflate.compress_settings == {"memLevel": MEM_LEVEL}
    raw = Transport()
    protocol.connection_made(raw)
    assert isinstance(protocol.transport, _Coalesced)
    protocol.transport.write(b"frame")
    await asyncio.sleep(0)
    assert raw.written == [b"frame"]
