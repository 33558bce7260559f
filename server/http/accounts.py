"""Accounts and sessions: the first setup, signing in with a password, signing out, changing the
password, deleting the account; and what the browser's session is."""

import asyncio
from dataclasses import dataclass, field

import msgspec
from starlette.requests import Request
from starlette.responses import Response

from server.domain import Rejected
from server.http import requests, sessions
from server.http.requests import client_ip
from server.http.responses import SESSION_COOKIE, error_response, json, signed_out
from server.http.routing import Api, get, post
from server.http.throttle import Throttle
from server.identity import second_factor, teams
from server.services import auth
from server.services.auth import SessionsEnded
from server.store import AuditEvent
from shared_schema.http import (
    DeleteAccountBody,
    LoginBody,
    PasswordBody,
    Session,
    SetupBody,
    SignedOut,
    SignInProvider,
)

LOGINS = 5
LOGIN_WINDOW_SECONDS = 900.0
"""Wrong passwords for one address and e-mail in the window before it must wait."""


@dataclass
class AccountApi(Api):
    logins: Throttle = field(default_factory=lambda: Throttle(LOGINS, LOGIN_WINDOW_SECONDS))
    setup_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @get("/api/session")
    async def session(self, request: Request) -> Response:
        user = await sessions.user(self.deps, request)
        found = None if user else await sessions.pending(self.deps, request)
        # Half signed in: which step is left, and with what.
        pending = found if found is not None and found.stage != "full" else None
        store = self.deps.store
        return json(
            Session(
                setup_needed=await store.count_users() == 0,
                user=auth.user_out(user) if user else None,
                stage=pending.stage if pending and pending.stage != "full" else None,
                methods=await second_factor.methods(store, pending.user) if pending else [],
                email=pending.user.email if pending else None,
                provider=self.provider_out(),
                local_passwords=self.deps.settings.local_passwords,
            )
        )

    def provider_out(self) -> SignInProvider | None:
        """The provider's sign-in button, when there is one."""
        if self.deps.settings.oidc is None:
            return None
        return SignInProvider(button=self.deps.settings.oidc.button, start="/api/oidc/start")

    def passwords_allowed(self) -> None:
        if not self.deps.settings.local_passwords:
            raise Rejected("not_allowed", "Log ind med kommunens login.")

    @post("/api/setup")
    async def setup(self, request: Request) -> Response:
        self.passwords_allowed()
        given = await requests.body(self.deps.settings, request, SetupBody)
        store = self.deps.store
        # Two first visitors at once must not both become facilitators: check and create as one.
        async with self.setup_lock:
            if await store.count_users() > 0:
                raise Rejected("conflict", "Kreds er allerede sat op. Log ind.")
            # Checked before the team is made: a refused setup leaves nothing behind.
            user = await auth.new_user(
                given.email, given.name, given.password, role="admin", team_id=None
            )
            team = await teams.team_named(store, given.team)
            user = msgspec.structs.replace(user, team_id=team.id)
            await store.create_user(user)
        await store.audit(AuditEvent(actor=user.id, action="user.setup", detail=user.email))
        return await sessions.half_signed_in(self.deps, user, 201)

    @post("/api/login")
    async def login(self, request: Request) -> Response:
        self.passwords_allowed()
        given = await requests.body(self.deps.settings, request, LoginBody)
        key = f"{client_ip(request)}|{given.email.strip().lower()}"
        if self.logins.blocked(key):
            raise Rejected("rate_limited", "For mange forsøg. Vent et kvarter, og prøv igen.")
        user = await auth.verify_login(self.deps.store, given.email, given.password)
        if user is None:
            self.logins.fail(key)
            await self.failed_login(request, given.email)
            # 401, not 403: the request may be repeated with other credentials.
            return error_response(Rejected("not_allowed", "Forkert e-mail eller adgangskode."), 401)
        self.logins.clear(key)
        # Signed in only with the second factor too (server/http/second_factor.py).
        return await sessions.half_signed_in(self.deps, user, 200)

    async def failed_login(self, request: Request, email: str) -> None:
        """A wrong password shows in the account's own log; a guess at an unknown address names
        nobody's account, so it is not kept (what was typed may be anything)."""
        target = await self.deps.store.user_by_email(email.strip().lower()[:200])
        if target is not None:
            await self.deps.store.audit(
                AuditEvent(
                    actor="", action="user.login.failed", detail=client_ip(request), owner=target.id
                )
            )

    @post("/api/logout")
    async def logout(self, request: Request) -> Response:
        await requests.body(self.deps.settings, request, dict)
        token = sessions.token(request)
        store, keys, provider = self.deps.store, self.deps.keys, self.deps.provider
        logout_url = None
        if token and len(token) <= sessions.TOKEN_MAX:
            id_token = await store.id_token(keys.digest(token))
            await auth.end_session(store, keys, token)
            await self.deps.hang_up(
                SessionsEnded(message="Du er logget ud.", session=keys.digest(token))
            )
            if id_token is not None and provider is not None:
                # Signed in by the provider: end the session there too (RP-initiated logout).
                back = requests.base_url(self.deps.settings, request) + "/"
                logout_url = await provider.logout_url(id_token, back)
        if logout_url is None:
            return signed_out()
        response = json(SignedOut(logout_url=logout_url))
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @post("/api/account/password")
    async def change_password(self, request: Request) -> Response:
        user = await sessions.signed_in(self.deps, request)
        given = await requests.body(self.deps.settings, request, PasswordBody)
        token = sessions.token(request)
        store, keys = self.deps.store, self.deps.keys
        await auth.change_password(
            store, keys, user, given.current_password, given.new_password, token
        )
        await self.deps.hang_up(
            SessionsEnded(
                message="Adgangskoden er skiftet. Log ind med den nye.",
                user_id=user.id,
                keep=keys.digest(token),
            )
        )
        await store.audit(
            AuditEvent(actor=user.id, action="user.password", detail=client_ip(request))
        )
        return Response(status_code=204)

    @post("/api/account/delete")
    async def delete_account(self, request: Request) -> Response:
        user = await sessions.signed_in(self.deps, request)
        given = await requests.body(self.deps.settings, request, DeleteAccountBody)
        erased = await auth.delete_account(self.deps.rooms, self.deps.store, user, given.password)
        await self.deps.hang_up(SessionsEnded(message="Kontoen er slettet.", user_id=user.id))
        await self.deps.rooms.deleted(erased)
        await self.deps.store.audit(
            AuditEvent(actor=user.id, action="user.delete", detail=f"{len(erased)} møder slettet")
        )
        return signed_out()
