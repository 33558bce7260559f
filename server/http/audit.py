"""The facilitator's audit log: sign-ins, joins, admissions, exports and deletions."""

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from server.deps import Deps
from server.http import sessions
from server.http.responses import NO_STORE, json
from server.http.routing import get
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
    deps: Deps

    @get("/api/audit")
    async def log(self, request: Request) -> Response:
        user = await sessions.signed_in(self.deps, request)
        rows = await self.deps.store.audit_log(user.id, audit.LOG_LIMIT)
        return json(AuditLog(entries=entries(rows)), headers=NO_STORE)
