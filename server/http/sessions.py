"""Who is asking: the account behind the session cookie, a half-signed-in session, the guards a
route puts first (signed in, an admin, the meeting's facilitator), and starting a session."""

import time

from starlette.requests import Request
from starlette.responses import Response

from server.deps import Deps
from server.domain import Rejected
from server.http.responses import SESSION_COOKIE, json, with_session_cookie
from server.identity import second_factor
from server.services import auth
from server.store import MeetingRow, PendingSession, UserRow
from shared_schema.http import HalfSignedIn, SignedIn

TOKEN_MAX = 100
"""A session token is 43 characters; a longer cookie is no session of ours and is not hashed."""
NOT_FACILITATOR = "Mødet findes ikke, eller du er ikke dets mødeleder."


def token(request: Request) -> str:
    return request.cookies.get(SESSION_COOKIE, "")


async def user(deps: Deps, request: Request) -> UserRow | None:
    return await auth.session_user(deps.store, deps.keys, request.cookies.get(SESSION_COOKIE))


async def signed_in(deps: Deps, request: Request) -> UserRow:
    found = await user(deps, request)
    if found is None:
        raise Rejected("not_allowed", "Log ind først.")
    return found


async def admin(deps: Deps, request: Request) -> UserRow:
    found = await signed_in(deps, request)
    if found.role != "admin":
        raise Rejected("not_allowed", "Kun en administrator kan det.")
    return found


async def facilitated(deps: Deps, request: Request) -> tuple[UserRow, MeetingRow]:
    """The signed-in facilitator and the meeting of the path, which must be theirs."""
    found = await signed_in(deps, request)
    return found, await own_meeting(deps, found, request)


async def own_meeting(deps: Deps, facilitator: UserRow, request: Request) -> MeetingRow:
    """The meeting of the path, which `facilitator` must lead."""
    row = await auth.facilitates(deps.store, facilitator, request.path_params["meeting_id"])
    if row is None:
        raise Rejected("not_found", NOT_FACILITATOR)
    return row


async def pending(deps: Deps, request: Request) -> PendingSession | None:
    """The session of the cookie at whatever stage it is: the password given and the second
    factor not yet, or signed in fully."""
    given = token(request)
    if not 0 < len(given) <= TOKEN_MAX:
        return None
    return await deps.store.pending_session(deps.keys.digest(given), time.time())


def signed_in_response(
    deps: Deps, account: UserRow, new_token: str, recovery_codes: list[str]
) -> Response:
    """Both factors given: the account, its new recovery codes (shown once), the session."""
    response = json(SignedIn(user=auth.user_out(account), recovery_codes=recovery_codes))
    return with_session_cookie(
        response, new_token, auth.SESSION_SECONDS, deps.settings.secure_cookies
    )


async def half_signed_in(deps: Deps, account: UserRow, status: int) -> Response:
    """The password (or invitation) was right: a session that may only give or enrol the
    second factor, for ten minutes."""
    new_token, stage = await second_factor.begin(deps.store, deps.keys, account)
    methods = await second_factor.methods(deps.store, account)
    response = json(HalfSignedIn(user=None, stage=stage, methods=methods), status)
    return with_session_cookie(
        response, new_token, int(second_factor.PENDING_SECONDS), deps.settings.secure_cookies
    )
