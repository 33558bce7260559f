"""The admin's API: teams, inviting facilitators, deactivating them (the installation's audit
log is in audit.py)."""

import msgspec
from starlette.requests import Request
from starlette.responses import Response

from server.domain import Rejected
from server.http import requests, sessions
from server.http.responses import NO_STORE, json
from server.http.routing import Api, get, post
from server.identity import invitations, teams
from server.services.auth import SessionsEnded
from server.store import AuditEvent
from shared_schema.http import (
    Account,
    AdminOverview,
    ExpiringLink,
    InviteBody,
    NewTeamBody,
    Team,
)


class AdminApi(Api):
    @get("/api/admin")
    async def overview(self, request: Request) -> Response:
        """Every team and every account, for the admin's page."""
        await sessions.admin(self.deps, request)
        store = self.deps.store
        return json(
            AdminOverview(
                teams=msgspec.convert(await store.teams(), list[Team], from_attributes=True),
                accounts=msgspec.convert(await store.users(), list[Account], from_attributes=True),
            ),
            headers=NO_STORE,
        )

    @post("/api/admin/teams")
    async def create_team(self, request: Request) -> Response:
        admin = await sessions.admin(self.deps, request)
        given = await requests.body(self.deps.settings, request, NewTeamBody)
        team = await teams.create_team(self.deps.store, given.name)
        await self.deps.store.audit(
            AuditEvent(actor=admin.id, action="team.create", detail=team.name)
        )
        return json(Team(id=team.id, name=team.name), 201)

    @post("/api/admin/invitations")
    async def invite(self, request: Request) -> Response:
        """A single-use link for the admin to pass on; no password is sent to anyone."""
        admin = await sessions.admin(self.deps, request)
        given = await requests.body(self.deps.settings, request, InviteBody)
        token, invitation = await invitations.invite(
            self.deps.store, self.deps.keys, admin, given.email, given.team_id, given.role
        )
        await self.deps.store.audit(
            AuditEvent(actor=admin.id, action="user.invite", detail=invitation.email)
        )
        return json(
            ExpiringLink(
                url=f"{requests.base_url(self.deps.settings, request)}/invitation#{token}",
                expires_at=invitation.expires_at,
            ),
            201,
        )

    async def set_active(self, request: Request, active: bool) -> Response:
        admin = await sessions.admin(self.deps, request)
        await requests.body(self.deps.settings, request, dict)
        user_id = request.path_params["user_id"]
        user = await self.deps.store.user_by_id(user_id) if len(user_id) <= 64 else None
        if user is None:
            raise Rejected("not_found", "Kontoen findes ikke.")
        if user.id == admin.id:
            raise Rejected("conflict", "Du kan ikke deaktivere din egen konto.")
        if user.active != active:
            await self.deps.store.set_active(user.id, active)
            if not active:
                await self.deps.hang_up(
                    SessionsEnded(message="Din konto er deaktiveret.", user_id=user.id)
                )
            action = "user.activate" if active else "user.deactivate"
            await self.deps.store.audit(
                AuditEvent(actor=admin.id, action=action, detail=user.email)
            )
        return Response(status_code=204)

    @post("/api/admin/users/{user_id}/deactivate")
    async def deactivate(self, request: Request) -> Response:
        return await self.set_active(request, False)

    @post("/api/admin/users/{user_id}/activate")
    async def activate(self, request: Request) -> Response:
        return await self.set_active(request, True)
