"""Taking up an invitation: the invited facilitator sets their own name and password."""

import time
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.http.api import Api, client_ip, json
from server.identity import invitations
from shared_schema.http import AcceptBody, InvitationBody, InvitationInfo


@dataclass
class InvitationApi:
    api: Api

    async def show(self, request: Request) -> Response:
        """What the invitation is for: the address and the team, while it is usable."""
        given = await self.api.body(request, InvitationBody)
        invitation = await invitations.usable(self.api.store, self.api.keys, given.token)
        team = await self.api.store.team(invitation.team_id)
        return json(
            InvitationInfo(
                email=invitation.email,
                team=team.name if team else "",
                role=invitation.role,
                expires_at=invitation.expires_at,
            )
        )

    async def accept(self, request: Request) -> Response:
        given = await self.api.body(request, AcceptBody)
        user = await invitations.accept(
            self.api.store, self.api.keys, given.token, given.name, given.password
        )
        await self.api.store.audit(
            time.time(), None, user.id, "user.invitation", client_ip(request)
        )
        # The new account enrols its second factor before it is signed in.
        return await self.api.half_signed_in(user, 201)

    def routes(self) -> list[Route]:
        return [
            Route("/api/invitation", self.show, methods=["POST"]),
            Route("/api/invitation/accept", self.accept, methods=["POST"]),
        ]
