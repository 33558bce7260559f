"""The case API: a child's meetings grouped under a pseudonymous title; deleting a case."""

from starlette.requests import Request
from starlette.responses import Response

from server.domain import Rejected
from server.http import requests, sessions
from server.http.meetings import summary
from server.http.responses import json
from server.http.routing import Api, get, post
from server.identity import teams
from server.services import cases
from server.services.meetings import delete_case as erase_case
from server.store import AuditEvent, CaseRow, MeetingRow, UserRow
from shared_schema.http import CaseDetail, Cases, CaseSummary, Created, NewCaseBody, ScalingHistory


class CaseApi(Api):
    async def ours(self, request: Request, user: UserRow, action: str) -> CaseRow:
        """A case of the user's team; a colleague's access is audited as `action`."""
        return await teams.open_case(self.deps.store, user, request.path_params["case_id"], action)

    async def ours_with_meetings(
        self, request: Request, user: UserRow, action: str
    ) -> tuple[CaseRow, list[MeetingRow]]:
        """The case as `ours` gives it, and its meetings, past and planned."""
        case = await self.ours(request, user, action)
        return case, await self.deps.store.meetings_in_case(case.id)

    @get("/api/cases")
    async def list_cases(self, request: Request) -> Response:
        """The team's cases: a colleague can take over when the usual facilitator is away."""
        user = await sessions.signed_in(self.deps, request)
        rows = await self.deps.store.cases_of_team(user.team_id) if user.team_id else []
        found = [CaseSummary(id=r.id, title=r.title, created_at=r.created_at) for r in rows]
        return json(Cases(cases=found))

    @post("/api/cases")
    async def create_case(self, request: Request) -> Response:
        user = await sessions.signed_in(self.deps, request)
        given = await requests.body(self.deps.settings, request, NewCaseBody)
        case = await cases.create_case(self.deps.store, user, given.title)
        await self.deps.store.audit(AuditEvent(actor=user.id, action="case.create", detail=case.id))
        return json(Created(id=case.id), 201)

    @get("/api/cases/{case_id}")
    async def show_case(self, request: Request) -> Response:
        """The case and its meetings, past and planned: what the årshjul shows."""
        user = await sessions.signed_in(self.deps, request)
        case, meetings = await self.ours_with_meetings(request, user, "case.colleague.open")
        return json(
            CaseDetail(
                id=case.id,
                title=case.title,
                created_at=case.created_at,
                mine=case.owner == user.id,
                meetings=[summary(row) for row in meetings],
                retention_days=self.deps.settings.retention_days,
            )
        )

    @get("/api/cases/{case_id}/scaling")
    async def case_scaling(self, request: Request) -> Response:
        """The case's scaling questions, each with its answers meeting by meeting."""
        user = await sessions.signed_in(self.deps, request)
        _, meetings = await self.ours_with_meetings(request, user, "case.colleague.scaling")
        return json(
            ScalingHistory(questions=await cases.scaling_history(self.deps.rooms, meetings))
        )

    @post("/api/cases/{case_id}/delete")
    async def delete_case(self, request: Request) -> Response:
        """Erase the case and all of its meetings: op log, snapshots, participants, audit."""
        user = await sessions.signed_in(self.deps, request)
        await requests.body(self.deps.settings, request, dict)
        case, meetings = await self.ours_with_meetings(request, user, "case.colleague.delete")
        if case.owner != user.id:
            raise Rejected("not_allowed", "Kun sagens egen mødeleder kan slette den.")
        await erase_case(self.deps.rooms, self.deps.store, case.id, [m.id for m in meetings])
        await self.deps.store.audit(
            AuditEvent(actor=user.id, action="case.delete", detail=f"{len(meetings)} møder slettet")
        )
        return Response(status_code=204)
