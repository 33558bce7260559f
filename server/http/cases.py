"""The case API: a child's meetings grouped under a pseudonymous title; deleting a case."""

import time
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.domain import Rejected
from server.http.api import Api, json, summary
from server.identity import teams
from server.services import cases
from server.services.meetings import delete_case as erase_case
from server.store import CaseRow, UserRow
from shared_schema.http import CaseDetail, Cases, CaseSummary, Created, NewCaseBody, ScalingHistory


@dataclass
class CaseApi:
    api: Api

    async def ours(self, request: Request, user: UserRow, action: str) -> CaseRow:
        """A case of the user's team; a colleague's access is audited as `action`."""
        return await teams.open_case(self.api.store, user, request.path_params["case_id"], action)

    async def list_cases(self, request: Request) -> Response:
        """The team's cases: a colleague can take over when the usual facilitator is away."""
        user = await self.api.signed_in(request)
        rows = await self.api.store.cases_of_team(user.team_id) if user.team_id else []
        found = [CaseSummary(id=r.id, title=r.title, created_at=r.created_at) for r in rows]
        return json(Cases(cases=found))

    async def create_case(self, request: Request) -> Response:
        user = await self.api.signed_in(request)
        given = await self.api.body(request, NewCaseBody)
        case = await cases.create_case(self.api.store, user, given.title)
        await self.api.store.audit(time.time(), None, user.id, "case.create", case.id)
        return json(Created(id=case.id), 201)

    async def show_case(self, request: Request) -> Response:
        """The case and its meetings, past and planned: what the årshjul shows."""
        user = await self.api.signed_in(request)
        case = await self.ours(request, user, "case.colleague.open")
        meetings = await self.api.store.meetings_in_case(case.id)
        return json(
            CaseDetail(
                id=case.id,
                title=case.title,
                created_at=case.created_at,
                mine=case.owner == user.id,
                meetings=[summary(row) for row in meetings],
                retention_days=self.api.settings.retention_days,
            )
        )

    async def case_scaling(self, request: Request) -> Response:
        """The case's scaling questions, each with its answers meeting by meeting."""
        user = await self.api.signed_in(request)
        case = await self.ours(request, user, "case.colleague.scaling")
        meetings = await self.api.store.meetings_in_case(case.id)
        return json(ScalingHistory(questions=await cases.scaling_history(self.api.rooms, meetings)))

    async def delete_case(self, request: Request) -> Response:
        """Erase the case and all of its meetings: op log, snapshots, participants, audit."""
        user = await self.api.signed_in(request)
        await self.api.body(request, dict)
        case = await self.ours(request, user, "case.colleague.delete")
        if case.owner != user.id:
            raise Rejected("not_allowed", "Kun sagens egen mødeleder kan slette den.")
        meetings = await self.api.store.meetings_in_case(case.id)
        await erase_case(self.api.rooms, self.api.store, case.id, [m.id for m in meetings])
        await self.api.store.audit(
            time.time(), None, user.id, "case.delete", f"{len(meetings)} møder slettet"
        )
        return Response(status_code=204)

    def routes(self) -> list[Route]:
        return [
            Route("/api/cases", self.list_cases, methods=["GET"]),
            Route("/api/cases", self.create_case, methods=["POST"]),
            Route("/api/cases/{case_id}", self.show_case, methods=["GET"]),
            Route("/api/cases/{case_id}/scaling", self.case_scaling, methods=["GET"]),
            Route("/api/cases/{case_id}/delete", self.delete_case, methods=["POST"]),
        ]
