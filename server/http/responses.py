"""What the API answers: JSON, a refusal with its status, a download, the session cookie."""

from typing import Any

import msgspec
from starlette.responses import Response

from server.domain import Rejected
from shared_schema import ErrorCode
from shared_schema.http import Refusal

SESSION_COOKIE = "kreds_session"
NO_STORE = {"Cache-Control": "no-store"}
STATUS: dict[ErrorCode, int] = {
    "invalid": 400,
    "not_allowed": 403,
    "not_found": 404,
    "conflict": 409,
    "too_large": 413,
    "cpr_detected": 422,
    "rate_limited": 429,
    "unavailable": 503,
    "closed": 409,
    "deleted": 404,
}


def json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        msgspec.json.encode(data),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


def error_response(rejected: Rejected, status: int | None = None) -> Response:
    """`message` is the server's Danish; `say` and `params` what the web words it by."""
    refusal = Refusal(code=rejected.code, message=rejected.message, say=rejected.say)
    refusal.params = rejected.params or None
    return json(refusal, status or STATUS[rejected.code])


def download(body: bytes | str, media: str, name: str) -> Response:
    return Response(
        body,
        media_type=media,
        headers={**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'},
    )


def with_session_cookie(response: Response, token: str, seconds: int, secure: bool) -> Response:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=seconds,
        httponly=True,
        samesite="strict",
        secure=secure,
        path="/",
    )
    return response


def signed_out() -> Response:
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
