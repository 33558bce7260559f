"""Joining a meeting from a phone: a short code to the join link, what the link is for, and
taking a seat in the lobby."""

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

from server.domain import Rejected
from server.http import requests
from server.http.requests import client_ip
from server.http.responses import json
from server.http.routing import Api, post
from server.http.throttle import Throttle
from server.services import auth, meetings
from server.store import AuditEvent, MeetingRow
from shared_schema.http import CodeBody, JoinBody, JoinInfo, JoinInfoBody, JoinToken

CODES = 20
CODE_WINDOW_SECONDS = 600.0
"""Wrong short codes from one address in the window before it must wait."""
JOIN_WINDOW_SECONDS = 600.0
JOINS_PER_ADDRESS = 30
"""Joins from one address in the window: a meeting room's phones often share one (the
municipality's guest network), so this is set well above one meeting."""
JOINS_PER_LINK = 60
"""Joins through one join link in the window (a meeting has at most 60 people in it)."""


@dataclass
class JoinApi(Api):
    codes: Throttle = field(default_factory=lambda: Throttle(CODES, CODE_WINDOW_SECONDS))
    joins_by_address: Throttle = field(
        default_factory=lambda: Throttle(JOINS_PER_ADDRESS, JOIN_WINDOW_SECONDS)
    )
    joins_by_link: Throttle = field(
        default_factory=lambda: Throttle(JOINS_PER_LINK, JOIN_WINDOW_SECONDS)
    )

    @post("/api/join/code")
    async def join_code(self, request: Request) -> Response:
        given = await requests.body(self.deps.settings, request, CodeBody)
        ip = client_ip(request)
        if self.codes.blocked(ip):
            raise Rejected("rate_limited", "For mange forkerte koder. Vent lidt, og prøv igen.")
        code = auth.normalise_code(given.code)
        row = None
        if code.isdigit() and len(code) == 8:
            row = await self.deps.store.meeting_by_hash("code_hash", self.deps.keys.digest(code))
        if row is None:
            self.codes.fail(ip)
            raise Rejected("not_found", "Koden passer ikke til et møde. Tjek cifrene.")
        return json(JoinToken(join_token=meetings.join_token(self.deps.keys, row)))

    async def joinable(self, token: str) -> MeetingRow:
        row = None
        if 0 < len(token) <= 100:
            row = await self.deps.store.meeting_by_hash("join_hash", self.deps.keys.digest(token))
        if row is None:
            raise Rejected("not_found", "Linket virker ikke. Spørg mødelederen om et nyt.")
        return row

    @post("/api/join/info")
    async def join_info(self, request: Request) -> Response:
        given = await requests.body(self.deps.settings, request, JoinInfoBody)
        row = await self.joinable(given.join_token)
        # A closed meeting says so before a phone asks for anyone's name.
        return json(JoinInfo(meeting_id=row.id, title=row.title, closed=row.closed_at is not None))

    @post("/api/join")
    async def join(self, request: Request) -> Response:
        given = await requests.body(self.deps.settings, request, JoinBody)
        if not self.joins_by_address.take(client_ip(request)):
            raise Rejected(
                "rate_limited", "For mange tilmeldinger herfra. Vent lidt, og prøv igen."
            )
        row = await self.joinable(given.join_token)
        if not self.joins_by_link.take(row.join_hash.hex()):
            raise Rejected(
                "rate_limited", "For mange tilmeldinger til mødet lige nu. Vent lidt, og prøv igen."
            )
        rooms = self.deps.rooms
        joined = await meetings.join(
            rooms, self.deps.keys, row, given.name, given.role, given.relation, given.remote
        )
        # The name as the meeting keeps it: cleaned and checked for CPR numbers.
        person = (await rooms.get(row.id)).state.participants.get(joined.participant_id)
        await self.deps.store.audit(
            AuditEvent(
                meeting=row.id,
                actor=joined.participant_id,
                action="participant.join",
                detail=client_ip(request),
                actor_name=person.name if person is not None else "",
            )
        )
        return json(joined, 201)
