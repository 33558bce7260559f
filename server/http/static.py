"""The web build's files, sent pre-compressed (brotli or gzip, made at build time) as the
browser's Accept-Encoding allows; hashed assets are cached for a year."""

import mimetypes
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

IMMUTABLE = "public, max-age=31536000, immutable"
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
"""Ours in order of preference, with the suffix `web/scripts/compress.mjs` gives the file."""


def accepted(headers: Headers) -> set[str]:
    """The content codings this request accepts (q > 0), lower-case."""
    codings: set[str] = set()
    for part in headers.get("accept-encoding", "").split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name and quality > 0:
            codings.add(name.strip().lower())
    return codings


def compressed_file(path: Path, request: Request, cache_control: str) -> Response:
    """`path` itself or its pre-compressed twin, as the request accepts."""
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    headers = {"Cache-Control": cache_control, "Vary": "Accept-Encoding"}
    codings = accepted(request.headers)
    for coding, suffix in ENCODINGS:
        twin = path.with_name(path.name + suffix)
        if (coding in codings or "*" in codings) and twin.is_file():
            headers["Content-Encoding"] = coding
            return FileResponse(twin, media_type=media_type, headers=headers)
    return FileResponse(path, media_type=media_type, headers=headers)


def asset_endpoint(assets: Path) -> Callable[[Request], Awaitable[Response]]:
    """A file under `assets`, never one outside it, nor a compressed twin by its own name."""
    root = assets.resolve()

    async def asset(request: Request) -> Response:
        wanted = request.path_params["path"]
        path = (root / wanted).resolve()
        if not path.is_relative_to(root) or path.suffix in (".br", ".gz") or not path.is_file():
            return PlainTextResponse("not_found", status_code=404)
        return compressed_file(path, request, IMMUTABLE)

    return asset
