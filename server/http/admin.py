"""The admin's API: teams, inviting facilitators, deactivating them, the installation's log."""

import time
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.domain import Rejected
from server.http.api import Api, json
from server.http.audit import entries
from server.identity import invitations, teams
from server.services import audit
from server.services.auth import SessionsEnded
from server.store import UserRow
from shared_schema.http import (
    Account,
    AdminOverview,
    AuditLog,
    ExpiringLink,
    InviteBody,
    NewTeamBody,
    Team,
)


@dataclass
class AdminApi:
    api: Api

    async def admin(self, request: Request) -> UserRow:
        user = await self.api.signed_in(request)
        if user.role != "admin":
            raise Rejected("not_allowed", "Kun en administrator kan det.")
        return user

    async def overview(self, request: Request) -> Response:
        """Every team and every account, for the admin's page."""
        await self.admin(request)
        store = self.api.store
        return json(
            AdminOverview(
                teams=[Team(id=t.id, name=t.name) for t in await store.teams()],
                accounts=[
                    Account(
                        id=u.id,
                        name=u.name,
                        email=u.email,
                        role=u.role,
                        team_id=u.team_id,
                        active=u.active,
                    )
                    for u in await store.users()
                ],
            ),
            headers={"Cache-Control": "no-store"},
        )

    async def create_team(self, request: Request) -> Response:
        admin = await self.admin(request)
        given = await self.api.body(request, NewTeamBody)
        team = await teams.create_team(self.api.store, given.name)
        await self.api.store.audit(time.time(), None, admin.id, "team.create", team.name)
        return json(Team(id=team.id, name=team.name), 201)

    async def invite(self, request: Request) -> Response:
        """A single-use link for the admin to pass on; no password is sent to anyone."""
        admin = await self.admin(request)
        given = await self.api.body(request, InviteBody)
        token, invitation = await invitations.invite(
            self.api.store, self.api.keys, admin, given.email, given.team_id, given.role
        )
        await self.api.store.audit(time.time(), None, admin.id, "user.invite", invitation.email)
        return json(
            ExpiringLink(
                url=f"{self.api.base_url(request)}/invitation#{token}",
                expires_at=invitation.expires_at,
            ),
            201,
        )

    async def set_active(self, request: Request, active: bool) -> Response:
        admin = await self.admin(request)
        await self.api.body(request, dict)
        user_id = request.path_params["user_id"]
        user = await self.api.store.user_by_id(user_id) if len(user_id) <= 64 else None
        if user is None:
            raise Rejected("not_found", "Kontoen findes ikke.")
        if user.id == admin.id:
            raise Rejected("conflict", "Du kan ikke deaktivere din egen konto.")
        if user.active != active:
            await self.api.store.set_active(user.id, active)
            if not active:
                await self.api.hang_up(
                    SessionsEnded(message="Din konto er deaktiveret.", user_id=user.id)
                )
            action = "user.activate" if active else "user.deactivate"
            await self.api.store.audit(time.time(), None, admin.id, action, user.email)
        return Response(status_code=204)

    async def deactivate(self, request: Request) -> Response:
        return await self.set_active(request, False)

    async def activate(self, request: Request) -> Response:
        return await self.set_active(request, True)

    async def log(self, request: Request) -> Response:
        """The audit log of the whole installation: every account and every meeting."""
        await self.admin(request)
        rows = await self.api.store.installation_audit_log(audit.LOG_LIMIT)
        return json(AuditLog(entries=entries(rows)), headers={"Cache-Control": "no-store"})

    def routes(self) -> list[Route]:
        return [
            Route("/api/admin", self.overview, methods=["GET"]),
            Route("/api/admin/teams", self.create_team, methods=["POST"]),
            Route("/api/admin/invitations", self.invite, methods=["POST"]),
            Route("/api/admin/users/{user_id}/deactivate", self.deactivate, methods=["POST"]),
            Route("/api/admin/users/{user_id}/activate", self.activate, methods=["POST"]),
            Route("/api/admin/audit", self.log, methods=["GET"]),
        ]
