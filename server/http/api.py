"""The JSON API: accounts and sessions, meetings, joining by link or code."""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.domain import Rejected
from server.http.security import cross_site, same_origin
from server.http.throttle import Throttle
from server.identity import second_factor, teams
from server.live.rooms import Rooms
from server.services import auth, followup, meetings
from server.services.auth import HangUp, Keys, SessionsEnded
from server.settings import Settings
from server.store import MeetingRow, PendingSession, Store, UserRow
from shared_schema import ErrorCode, ParticipantRole, Template

if TYPE_CHECKING:
    # Imported only when a provider is configured: its libraries take a second to import.
    from server.identity.oidc import Provider
log = logging.getLogger("kreds.http")

BODY_MAX = 16 * 1024
JOIN_WINDOW_SECONDS = 600.0
JOINS_PER_ADDRESS = 30
"""Joins from one address in the window: a meeting room's phones often share one (the
municipality's guest network), so this is set well above one meeting."""
JOINS_PER_LINK = 60
"""Joins through one join link in the window (a meeting has at most 60 people in it)."""
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

T = TypeVar("T")


class SetupBody(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    email: str
    password: str
    team: str = "Afdelingen"
    """The first team (afdeling); its first account is the installation's admin."""


class LoginBody(msgspec.Struct, forbid_unknown_fields=True):
    email: str
    password: str


class PasswordBody(msgspec.Struct, forbid_unknown_fields=True):
    current_password: str
    new_password: str


class DeleteAccountBody(msgspec.Struct, forbid_unknown_fields=True):
    password: str


class NewMeetingBody(msgspec.Struct, forbid_unknown_fields=True):
    title: str
    template: Template
    case_id: str | None = None
    """In a case: a follow-up starts with the open agreements of the case's last meeting."""


class CodeBody(msgspec.Struct, forbid_unknown_fields=True):
    code: str


class JoinInfoBody(msgspec.Struct, forbid_unknown_fields=True):
    join_token: str


class JoinBody(msgspec.Struct, forbid_unknown_fields=True):
    join_token: str
    name: str
    role: ParticipantRole
    relation: str = ""
    remote: bool = False


class MeetingSummary(msgspec.Struct, kw_only=True):
    id: str
    title: str
    template: str
    created_at: float
    case_id: str | None
    closed_at: float | None
    next_meeting: str | None
    keep_until: float | None


def json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        msgspec.json.encode(data),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


def error_response(rejected: Rejected, status: int | None = None) -> Response:
    return json(
        {"code": rejected.code, "message": rejected.message}, status or STATUS[rejected.code]
    )


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@dataclass
class Api:
    store: Store
    keys: Keys
    rooms: Rooms
    settings: Settings
    logins: Throttle
    codes: Throttle
    hang_up: HangUp
    """Closes the sockets of sessions that ended (the realtime side holds them)."""
    provider: "Provider | None" = None
    """The municipality's OpenID Connect provider, when one is configured."""
    setup_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    joins_by_address: Throttle = field(
        default_factory=lambda: Throttle(JOINS_PER_ADDRESS, JOIN_WINDOW_SECONDS)
    )
    joins_by_link: Throttle = field(
        default_factory=lambda: Throttle(JOINS_PER_LINK, JOIN_WINDOW_SECONDS)
    )
    relinked: Callable[[MeetingRow, str], Awaitable[None]] | None = None
    """Tells the meeting's open screens its new join link and code."""

    def base_url(self, request: Request) -> str:
        return self.settings.public_base(request.url.scheme, request.headers.get("host", ""))

    async def body(self, request: Request, kind: type[T]) -> T:
        """Decode a POST body once, at the edge; refuse cross-site and oversized requests."""
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            # A cross-site form can only send form or plain-text bodies: this is CSRF protection.
            raise Rejected("not_allowed", "Forespørgslen skal være JSON.")
        if not same_origin(request.headers, self.base_url(request)) or cross_site(request.headers):
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

    async def user(self, request: Request) -> UserRow | None:
        return await auth.session_user(self.store, self.keys, request.cookies.get("kreds_session"))

    async def signed_in(self, request: Request) -> UserRow:
        user = await self.user(request)
        if user is None:
            raise Rejected("not_allowed", "Log ind først.")
        return user

    def signed_in_response(
        self, user: UserRow, token: str, status: int, extra: dict[str, Any] | None = None
    ) -> Response:
        response = json({"user": auth.user_out(user), **(extra or {})}, status)
        return self.with_cookie(response, token, auth.SESSION_SECONDS)

    async def half_signed_in(self, user: UserRow, status: int) -> Response:
        """The password (or invitation) was right: a session that may only give or enrol the
        second factor, for ten minutes."""
        token, stage = await second_factor.begin(self.store, self.keys, user)
        methods = await second_factor.methods(self.store, user)
        response = json({"user": None, "stage": stage, "methods": methods}, status)
        return self.with_cookie(response, token, int(second_factor.PENDING_SECONDS))

    def with_cookie(self, response: Response, token: str, seconds: int) -> Response:
        response.set_cookie(
            "kreds_session",
            token,
            max_age=seconds,
            httponly=True,
            samesite="strict",
            secure=self.settings.secure_cookies,
            path="/",
        )
        return response

    # -- accounts ------------------------------------------------------------------------------

    async def session(self, request: Request) -> Response:
        user = await self.user(request)
        pending = None if user else await self.pending(request)
        return json(
            {
                "setup_needed": await self.store.count_users() == 0,
                "user": auth.user_out(user) if user else None,
                # Half signed in: which step is left, and with what.
                "stage": pending.stage if pending else None,
                "methods": await second_factor.methods(self.store, pending.user) if pending else [],
                "email": pending.user.email if pending else None,
                "provider": self.provider_out(),
                "local_passwords": self.settings.local_passwords,
            }
        )

    def provider_out(self) -> dict[str, str] | None:
        """The provider's sign-in button, when there is one."""
        if self.settings.oidc is None:
            return None
        return {"button": self.settings.oidc.button, "start": "/api/oidc/start"}

    def passwords_allowed(self) -> None:
        if not self.settings.local_passwords:
            raise Rejected("not_allowed", "Log ind med kommunens login.")

    async def pending(self, request: Request) -> PendingSession | None:
        """The session of someone who gave the password but not yet the second factor."""
        token = request.cookies.get("kreds_session")
        if not token or len(token) > 100:
            return None
        found = await self.store.pending_session(self.keys.digest(token), time.time())
        return found if found is not None and found.stage != "full" else None

    async def setup(self, request: Request) -> Response:
        self.passwords_allowed()
        given = await self.body(request, SetupBody)
        # Two first visitors at once must not both become facilitators: check and create as one.
        async with self.setup_lock:
            if await self.store.count_users() > 0:
                raise Rejected("conflict", "Kreds er allerede sat op. Log ind.")
            # Checked before the team is made: a refused setup leaves nothing behind.
            user = await auth.new_user(
                given.email, given.name, given.password, role="admin", team_id=None
            )
            team = await teams.team_named(self.store, given.team)
            user = msgspec.structs.replace(user, team_id=team.id)
            await self.store.create_user(user)
        await self.store.audit(time.time(), None, user.id, "user.setup", user.email)
        return await self.half_signed_in(user, 201)

    async def login(self, request: Request) -> Response:
        self.passwords_allowed()
        given = await self.body(request, LoginBody)
        key = f"{client_ip(request)}|{given.email.strip().lower()}"
        if self.logins.blocked(key):
            raise Rejected("rate_limited", "For mange forsøg. Vent et kvarter, og prøv igen.")
        user = await auth.verify_login(self.store, given.email, given.password)
        if user is None:
            self.logins.fail(key)
            await self.failed_login(request, given.email)
            # 401, not 403: the request may be repeated with other credentials.
            return error_response(Rejected("not_allowed", "Forkert e-mail eller adgangskode."), 401)
        self.logins.clear(key)
        # Signed in only with the second factor too (server/http/second_factor.py).
        return await self.half_signed_in(user, 200)

    async def failed_login(self, request: Request, email: str) -> None:
        """A wrong password shows in the account's own log; a guess at an unknown address names
        nobody's account, so it is not kept (what was typed may be anything)."""
        target = await self.store.user_by_email(email.strip().lower()[:200])
        if target is not None:
            await self.store.audit(
                time.time(), None, "", "user.login.failed", client_ip(request), owner=target.id
            )

    async def logout(self, request: Request) -> Response:
        await self.body(request, dict)
        token = request.cookies.get("kreds_session")
        logout_url = None
        if token and len(token) <= 100:
            id_token = await self.store.id_token(self.keys.digest(token))
            await auth.end_session(self.store, self.keys, token)
            await self.hang_up(
                SessionsEnded(message="Du er logget ud.", session=self.keys.digest(token))
            )
            if id_token is not None and self.provider is not None:
                # Signed in by the provider: end the session there too (RP-initiated logout).
                logout_url = await self.provider.logout_url(id_token, self.base_url(request) + "/")
        if logout_url is None:
            return signed_out()
        response = json({"logout_url": logout_url})
        response.delete_cookie("kreds_session", path="/")
        return response

    async def change_password(self, request: Request) -> Response:
        user = await self.signed_in(request)
        given = await self.body(request, PasswordBody)
        token = request.cookies.get("kreds_session", "")
        await auth.change_password(
            self.store, self.keys, user, given.current_password, given.new_password, token
        )
        await self.hang_up(
            SessionsEnded(
                message="Adgangskoden er skiftet. Log ind med den nye.",
                user_id=user.id,
                keep=self.keys.digest(token),
            )
        )
        await self.store.audit(time.time(), None, user.id, "user.password", client_ip(request))
        return Response(status_code=204)

    async def delete_account(self, request: Request) -> Response:
        user = await self.signed_in(request)
        given = await self.body(request, DeleteAccountBody)
        erased = await auth.delete_account(self.store, user, given.password)
        for meeting_id in erased:
            self.rooms.forget(meeting_id)
        await self.hang_up(SessionsEnded(message="Kontoen er slettet.", user_id=user.id))
        await self.store.audit(
            time.time(), None, user.id, "user.delete", f"{len(erased)} møder slettet"
        )
        return signed_out()

    # -- meetings ------------------------------------------------------------------------------

    async def list_meetings(self, request: Request) -> Response:
        user = await self.signed_in(request)
        rows = await self.store.meetings_of(user.id)
        return json({"meetings": [summary(row) for row in rows]})

    async def create_meeting(self, request: Request) -> Response:
        user = await self.signed_in(request)
        given = await self.body(request, NewMeetingBody)
        case = None
        if given.case_id is not None:
            case = await teams.open_case(self.store, user, given.case_id, "case.colleague.followup")
        row = await followup.open_meeting(
            self.rooms, self.store, self.keys, user, given.title, given.template, case
        )
        await self.store.audit(time.time(), row.id, user.id, "meeting.create", row.template)
        return json({"id": row.id}, 201)

    async def meeting(self, request: Request) -> Response:
        user = await self.signed_in(request)
        row = await auth.facilitates(self.store, user, request.path_params["meeting_id"])
        if row is None:
            raise Rejected("not_found", "Mødet findes ikke, eller du er ikke dets mødeleder.")
        links = meetings.links(self.keys, row, self.base_url(request))
        return json({**msgspec.to_builtins(summary(row)), "links": links})

    async def renew_join(self, request: Request) -> Response:
        """A new join link and code; the old ones stop working at once."""
        user = await self.signed_in(request)
        await self.body(request, dict)
        row = await auth.facilitates(self.store, user, request.path_params["meeting_id"])
        if row is None:
            raise Rejected("not_found", "Mødet findes ikke, eller du er ikke dets mødeleder.")
        if row.closed_at is not None:
            raise Rejected("closed")
        renewed = await meetings.renew_join(self.store, self.keys, row)
        await self.store.audit(time.time(), row.id, user.id, "meeting.renew_join", "")
        if self.relinked is not None:
            await self.relinked(renewed, self.base_url(request))
        return json({"links": meetings.links(self.keys, renewed, self.base_url(request))})

    # -- joining -------------------------------------------------------------------------------

    async def join_code(self, request: Request) -> Response:
        given = await self.body(request, CodeBody)
        ip = client_ip(request)
        if self.codes.blocked(ip):
            raise Rejected("rate_limited", "For mange forkerte koder. Vent lidt, og prøv igen.")
        code = auth.normalise_code(given.code)
        row = None
        if code.isdigit() and len(code) == 8:
            row = await self.store.meeting_by_hash("code_hash", self.keys.digest(code))
        if row is None:
            self.codes.fail(ip)
            raise Rejected("not_found", "Koden passer ikke til et møde. Tjek cifrene.")
        return json({"join_token": meetings.join_token(self.keys, row)})

    async def joinable(self, token: str) -> MeetingRow:
        row = None
        if 0 < len(token) <= 100:
            row = await self.store.meeting_by_hash("join_hash", self.keys.digest(token))
        if row is None:
            raise Rejected("not_found", "Linket virker ikke. Spørg mødelederen om et nyt.")
        return row

    async def join_info(self, request: Request) -> Response:
        given = await self.body(request, JoinInfoBody)
        row = await self.joinable(given.join_token)
        # A closed meeting says so before a phone asks for anyone's name.
        return json({"meeting_id": row.id, "title": row.title, "closed": row.closed_at is not None})

    async def join(self, request: Request) -> Response:
        given = await self.body(request, JoinBody)
        if not self.joins_by_address.take(client_ip(request)):
            raise Rejected(
                "rate_limited", "For mange tilmeldinger herfra. Vent lidt, og prøv igen."
            )
        row = await self.joinable(given.join_token)
        if not self.joins_by_link.take(row.join_hash.hex()):
            raise Rejected(
                "rate_limited", "For mange tilmeldinger til mødet lige nu. Vent lidt, og prøv igen."
            )
        joined = await meetings.join(
            self.rooms, self.keys, row, given.name, given.role, given.relation, given.remote
        )
        # The name as the meeting keeps it: cleaned and checked for CPR numbers.
        person = (await self.rooms.get(row.id)).state.participants.get(joined.participant_id)
        await self.store.audit(
            time.time(),
            row.id,
            joined.participant_id,
            "participant.join",
            client_ip(request),
            actor_name=person.name if person is not None else "",
        )
        return json(joined, 201)

    def routes(self) -> list[Route]:
        return [
            Route("/api/session", self.session, methods=["GET"]),
            Route("/api/setup", self.setup, methods=["POST"]),
            Route("/api/login", self.login, methods=["POST"]),
            Route("/api/logout", self.logout, methods=["POST"]),
            Route("/api/account/password", self.change_password, methods=["POST"]),
            Route("/api/account/delete", self.delete_account, methods=["POST"]),
            Route("/api/meetings", self.list_meetings, methods=["GET"]),
            Route("/api/meetings", self.create_meeting, methods=["POST"]),
            Route("/api/meetings/{meeting_id}", self.meeting, methods=["GET"]),
            Route("/api/meetings/{meeting_id}/renew-join", self.renew_join, methods=["POST"]),
            Route("/api/join/code", self.join_code, methods=["POST"]),
            Route("/api/join/info", self.join_info, methods=["POST"]),
            Route("/api/join", self.join, methods=["POST"]),
        ]


def signed_out() -> Response:
    response = Response(status_code=204)
    response.delete_cookie("kreds_session", path="/")
    return response


def summary(row: MeetingRow) -> MeetingSummary:
    return MeetingSummary(
        id=row.id,
        title=row.title,
        template=row.template,
        created_at=row.created_at,
        case_id=row.case_id,
        closed_at=row.closed_at,
        next_meeting=row.next_meeting,
        keep_until=row.keep_until,
    )
