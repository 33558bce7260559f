"""Taking up an invitation: the invited facilitator sets their own name and password."""

from starlette.requests import Request
from starlette.responses import Response

from server.http import requests, sessions
from server.http.requests import client_ip
from server.http.responses import json
from server.http.routing import Api, post
from server.identity import invitations
from server.store import AuditEvent
from shared_schema.http import AcceptBody, InvitationBody, InvitationInfo


class InvitationApi(Api):
    @post("/api/invitation")
    async def show(self, request: Request) -> Response:
        """What the invitation is for: the address and the team, while it is usable."""
        given = await requests.body(self.deps.settings, request, InvitationBody)
        invitation = await invitations.usable(self.deps.store, self.deps.keys, given.token)
        team = await self.deps.store.team(invitation.team_id)
        return json(
            InvitationInfo(
                email=invitation.email,
                team=team.name if team else "",
                role=invitation.role,
                expires_at=invitation.expires_at,
            )
        )

    @post("/api/invitation/accept")
    async def accept(self, request: Request) -> Response:
        given = await requests.body(self.deps.settings, request, AcceptBody)
        user = await invitations.accept(
            self.deps.store, self.deps.keys, given.token, given.name, given.password
        )
        await self.deps.store.audit(
            AuditEvent(actor=user.id, action="user.invitation", detail=client_ip(request))
        )
        # The new account enrols its second factor before it is signed in.
        return await sessions.half_signed_in(self.deps, user, 201)
