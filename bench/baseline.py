"""The ceiling of our stack: python-socketio under uvicorn relaying each edit to its meeting.

No validation, no state, no storage. It is served like `kreds serve` (same uvicorn options,
same Socket.IO ping settings and msgspec JSON), so the difference to Kreds is what Kreds does.
Run as `python -m bench.baseline` with HOST and PORT set (loopback only).
"""

import os
from collections import defaultdict
from typing import Any

import socketio
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from server.app import MsgspecJson
from server.transport import collector
from server.transport.websocket import WebSocketProtocol

sio = socketio.AsyncServer(
    async_mode="asgi",
    json=MsgspecJson,
    max_http_buffer_size=64 * 1024,
    ping_interval=10,
    ping_timeout=10,
)
meeting_of: dict[str, str] = {}
seqs: defaultdict[str, int] = defaultdict(int)


async def connect(sid: str, environ: dict[str, Any], auth: Any) -> None:
    meeting_of[sid] = str(auth["meeting"])
    await sio.enter_room(sid, meeting_of[sid])


async def disconnect(sid: str, reason: Any = None) -> None:
    meeting_of.pop(sid, None)


async def hello(sid: str, data: Any) -> dict[str, Any]:
    return {"seq": seqs[meeting_of[sid]], "ops": []}


async def intent(sid: str, data: Any) -> dict[str, Any]:
    meeting = meeting_of[sid]
    seqs[meeting] += 1
    seq = seqs[meeting]
    await sio.emit("changes", {"seq": seq, "changes": [data]}, room=meeting)
    return {"id": data["id"], "ok": True, "seq": seq}


sio.on("connect", connect)
sio.on("disconnect", disconnect)
sio.on("hello", hello)
sio.on("intent", intent)


async def healthz(request: Request) -> Response:
    return PlainTextResponse("ok")


app = socketio.ASGIApp(sio, other_asgi_app=Starlette(routes=[Route("/healthz", healthz)]))


def main() -> None:
    collector.settle()  # as Kreds does once it has started
    uvicorn.run(
        app,
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8001")),
        log_level="info",
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        timeout_graceful_shutdown=10,
        ws=WebSocketProtocol,
    )


if __name__ == "__main__":
    main()
