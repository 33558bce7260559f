"""The facilitator's meetings: the list, a new one (a follow-up in a case), one with its links,
and a new join link."""

import msgspec
from starlette.requests import Request
from starlette.responses import Response

from server.domain import Rejected
from server.http import requests, sessions
from server.http.responses import json
from server.http.routing import Api, get, post
from server.identity import teams
from server.services import followup, meetings
from server.store import AuditEvent, MeetingRow
from shared_schema.http import (
    Created,
    MeetingDetail,
    Meetings,
    MeetingSummary,
    NewMeetingBody,
    Relinked,
)


def summary(row: MeetingRow) -> MeetingSummary:
    return msgspec.convert(row, MeetingSummary, from_attributes=True)


class MeetingApi(Api):
    @get("/api/meetings")
    async def list_meetings(self, request: Request) -> Response:
        user = await sessions.signed_in(self.deps, request)
        rows = await self.deps.store.meetings_of(user.id)
        return json(Meetings(meetings=[summary(row) for row in rows]))

    @post("/api/meetings")
    async def create_meeting(self, request: Request) -> Response:
        user = await sessions.signed_in(self.deps, request)
        given = await requests.body(self.deps.settings, request, NewMeetingBody)
        store = self.deps.store
        case = None
        if given.case_id is not None:
            case = await teams.open_case(store, user, given.case_id, "case.colleague.followup")
        row = await followup.open_meeting(
            self.deps.rooms, store, self.deps.keys, user, given.title, given.template, case
        )
        await store.audit(
            AuditEvent(meeting=row.id, actor=user.id, action="meeting.create", detail=row.template)
        )
        return json(Created(id=row.id), 201)

    @get("/api/meetings/{meeting_id}")
    async def meeting(self, request: Request) -> Response:
        _, row = await sessions.facilitated(self.deps, request)
        links = meetings.links(self.deps.keys, row, requests.base_url(self.deps.settings, request))
        return json(MeetingDetail(**msgspec.structs.asdict(summary(row)), links=links))

    @post("/api/meetings/{meeting_id}/renew-join")
    async def renew_join(self, request: Request) -> Response:
        """A new join link and code; the old ones stop working at once."""
        user = await sessions.signed_in(self.deps, request)
        await requests.body(self.deps.settings, request, dict)
        row = await sessions.own_meeting(self.deps, user, request)
        if row.closed_at is not None:
            raise Rejected("closed")
        renewed = await meetings.renew_join(self.deps.store, self.deps.keys, row)
        await self.deps.store.audit(
            AuditEvent(meeting=row.id, actor=user.id, action="meeting.renew_join")
        )
        base = requests.base_url(self.deps.settings, request)
        await self.deps.relinked(renewed, base)
        return json(Relinked(links=meetings.links(self.deps.keys, renewed, base)))
