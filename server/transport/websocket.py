"""uvicorn's websocket protocol with a smaller permessage-deflate context and fewer writes.

Each connection keeps a zlib compressor and decompressor for its whole life; with uvicorn's
settings (a 4 KB window, memLevel 5) they are about half of a phone's memory on the server.
A 2 KB window and memLevel 4 halve the compressor's arrays. What it costs, measured on the Holm
meeting's frames: a snapshot 1.4 % larger, an op's frame some 20 bytes more (both after
compression).

uvicorn writes every frame to the socket at once: a system call per frame per phone, a quarter
of the server's CPU under load. Frames a connection is sent in one turn of the event loop now go
out in one write (docs/performance.md).

Both replace private parts of uvicorn's protocol (its `conn` and its transport):
tests/unit/test_sockets_uvicorn.py fails when an upgrade changes them."""

import asyncio
import logging
from typing import Any, cast

from uvicorn.config import Config
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from uvicorn.server import ServerState
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory
from websockets.server import ServerProtocol

WINDOW_BITS = 11
MEM_LEVEL = 4


class _Coalesced:
    """A connection's transport that writes what one turn of the event loop sends it as one
    write: under load a phone's frames queue up, and each write is a system call."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not self._pending:
            self._loop.call_soon(self._flush)
        self._pending.append(data)

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        if pending and not self._transport.is_closing():
            self._transport.write(b"".join(pending))

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class WebSocketProtocol(WebSocketsSansIOProtocol):
    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        if config.ws_per_message_deflate:
            deflate = ServerPerMessageDeflateFactory(
                server_max_window_bits=WINDOW_BITS,
                client_max_window_bits=WINDOW_BITS,
                compress_settings={"memLevel": MEM_LEVEL},
            )
            self.conn = ServerProtocol(
                extensions=[deflate],
                max_size=config.ws_max_size,
                logger=logging.getLogger("uvicorn.error"),
            )

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        coalesced = _Coalesced(cast(asyncio.Transport, transport), self.loop)
        super().connection_made(cast(asyncio.Transport, coalesced))
