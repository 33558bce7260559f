"""The audit logs of sign-ins, joins, admissions, exports and deletions: a facilitator's own,
and the admin's of the whole installation."""

import msgspec
from msgspec.structs import replace
from starlette.requests import Request
from starlette.responses import Response

from server.http import sessions
from server.http.responses import NO_STORE, json
from server.http.routing import Api, get
from server.services import audit
from server.store.protocol import AuditRow
from shared_schema.http import AuditEntry, AuditLog


def _shown(rows: list[AuditRow]) -> Response:
    """The rows as a log shows them: the detail only of the actions whose detail is shown."""
    shown = [
        msgspec.convert(
            row if row.action in audit.SHOWN_DETAIL else replace(row, detail=""),
            AuditEntry,
            from_attributes=True,
        )
        for row in rows
    ]
    return json(AuditLog(entries=shown), headers=NO_STORE)


class AuditApi(Api):
    @get("/api/audit")
    async def log(self, request: Request) -> Response:
        """A facilitator's log: their own actions, and what happened in their meetings."""
        user = await sessions.signed_in(self.deps, request)
        return _shown(await self.deps.store.audit_log(user.id, audit.LOG_LIMIT))

    @get("/api/admin/audit")
    async def installation_log(self, request: Request) -> Response:
        """The audit log of the whole installation: every account and every meeting."""
        await sessions.admin(self.deps, request)
        return _shown(await self.deps.store.installation_audit_log(audit.LOG_LIMIT))
