"""uvicorn's websocket protocol with a smaller permessage-deflate context.

Each connection keeps a zlib compressor and decompressor for its whole life; with uvicorn's
settings (a 4 KB window, memLevel 5) they are about half of a phone's memory on the server.
A 2 KB window and memLevel 4 halve the compressor's arrays. What it costs, measured on the Holm
meeting's frames: a snapshot 1.4 % larger, an op's frame some 20 bytes more (both after
compression; docs/performance.md)."""

import asyncio
import logging
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from uvicorn.server import ServerState
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory
from websockets.server import ServerProtocol

WINDOW_BITS = 11
MEM_LEVEL = 4


class SmallDeflateProtocol(WebSocketsSansIOProtocol):
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
