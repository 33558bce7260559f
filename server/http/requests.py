"""What a request brings: its JSON body (decoded once, at the edge), its address, its origin."""

from typing import TypeVar

import msgspec
from starlette.requests import Request

from server.domain import Rejected
from server.http.security import cross_site, same_origin
from server.settings import Settings

BODY_MAX = 16 * 1024

T = TypeVar("T")


def base_url(settings: Settings, request: Request) -> str:
    return settings.public_base(request.url.scheme, request.headers.get("host", ""))


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def body(settings: Settings, request: Request, kind: type[T]) -> T:
    """Decode a POST body once, at the edge; refuse cross-site and oversized requests."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        # A cross-site form can only send form or plain-text bodies: this is CSRF protection.
        raise Rejected("not_allowed", "Forespørgslen skal være JSON.")
    if not same_origin(request.headers, base_url(settings, request)) or cross_site(request.headers):
        raise Rejected("not_allowed")
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > BODY_MAX):
        raise Rejected("too_large")
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > BODY_MAX:
            raise Rejected("too_large")
    try:
        return msgspec.json.decode(raw, type=kind)
    except msgspec.ValidationError as error:
        raise Rejected("invalid", f"Ugyldige oplysninger: {error}") from None
    except msgspec.DecodeError:
        raise Rejected("invalid", "Forespørgslen kunne ikke læses.") from None
