"""The facilitator's audit log: sign-ins, joins, admissions, exports and deletions."""

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.http.api import Api, json
from server.services import audit
from server.store.protocol import AuditRow
from shared_schema.http import AuditEntry, AuditLog


def entries(rows: list[AuditRow]) -> list[AuditEntry]:
    return [
        AuditEntry(
            at=row.at,
            action=row.action,
            who=row.actor_name,
            meeting_id=row.meeting_id,
            meeting_title=row.meeting_title,
            detail=row.detail if row.action in audit.SHOWN_DETAIL else "",
        )
        for row in rows
    ]


@dataclass
class AuditApi:
    api: Api

    async def log(self, request: Request) -> Response:
        user = await self.api.signed_in(request)
        rows = await self.api.store.audit_log(user.id, audit.LOG_LIMIT)
        return json(AuditLog(entries=entries(rows)), headers={"Cache-Control": "no-store"})

    def routes(self) -> list[Route]:
        return [Route("/api/audit", self.log, methods=["GET"])]
