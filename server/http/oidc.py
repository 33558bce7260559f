"""Signing in through the municipality's OpenID Connect provider: the start (to the provider,
with state, nonce and PKCE) and the callback (code for tokens, the ID token checked, the account
made just in time). A refusal goes back to the start page with its reason, and is audited."""

import asyncio
import hmac
import logging
import time
from dataclasses import dataclass, field

import httpx
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from server.http import requests
from server.http.requests import client_ip
from server.http.responses import with_session_cookie
from server.http.routing import Api, get
from server.identity import oidc
from server.services import auth
from server.store import AuditEvent, UserRow

log = logging.getLogger("kreds.oidc")
STATE_COOKIE = "kreds_oidc"
STATE_SECONDS = 600


@dataclass
class OidcApi(Api):
    provider: oidc.Provider
    _callbacks: asyncio.Lock = field(default_factory=asyncio.Lock)

    def callback_url(self, request: Request) -> str:
        return f"{requests.base_url(self.deps.settings, request)}/api/oidc/callback"

    @get("/api/oidc/start")
    async def start(self, request: Request) -> Response:
        try:
            begun = await self.provider.start(self.callback_url(request))
        except (httpx.HTTPError, ValueError, KeyError, oidc.Refused):
            log.warning("the OpenID provider could not be reached for its configuration")
            return RedirectResponse("/?signin_error=provider", status_code=303)
        await self.deps.store.save_oidc_login(
            self.deps.keys.digest("oidc|" + begun.state), begun.nonce, begun.verifier, time.time()
        )
        response = RedirectResponse(begun.url, status_code=303)
        # Lax, not Strict: the provider sends the browser back with a top-level GET.
        response.set_cookie(
            STATE_COOKIE,
            begun.state,
            max_age=STATE_SECONDS,
            httponly=True,
            samesite="lax",
            secure=self.deps.settings.secure_cookies,
            path="/api/oidc/",
        )
        return response

    @get("/api/oidc/callback")
    async def callback(self, request: Request) -> Response:
        try:
            async with self._callbacks:
                user, id_token = await self._signed_in(request)
        except oidc.Refused as refused:
            await self.deps.store.audit(
                AuditEvent(
                    actor="",
                    action="user.oidc.refused",
                    detail=f"{client_ip(request)} {refused.reason}",
                )
            )
            return self._back(f"/?signin_error={refused.reason}")
        except httpx.HTTPError:
            log.warning("the OpenID provider did not answer the token request")
            return self._back("/?signin_error=provider")
        token = auth.new_token()
        digest = self.deps.keys.digest(token)
        await self.deps.store.create_session(digest, user.id, time.time() + auth.SESSION_SECONDS)
        await self.deps.store.set_id_token(digest, id_token)
        await self.deps.store.audit(
            AuditEvent(actor=user.id, action="user.login", detail=f"{client_ip(request)} (oidc)")
        )
        return with_session_cookie(
            self._back("/"), token, auth.SESSION_SECONDS, self.deps.settings.secure_cookies
        )

    def _back(self, path: str) -> Response:
        response = RedirectResponse(path, status_code=303)
        response.delete_cookie(STATE_COOKIE, path="/api/oidc/")
        return response

    async def _signed_in(self, request: Request) -> tuple[UserRow, str]:
        """The account of a callback that holds: its state this browser's own and unused, its
        code good for tokens, its ID token valid for this sign-in."""
        query = request.query_params
        state = query.get("state", "")
        mine = request.cookies.get(STATE_COOKIE, "")
        if not state or len(state) > 200 or not hmac.compare_digest(state, mine):
            raise oidc.Refused("state")
        pending = await self.deps.store.take_oidc_login(
            self.deps.keys.digest("oidc|" + state), time.time() - STATE_SECONDS
        )
        if pending is None:
            raise oidc.Refused("state")
        if "error" in query:
            raise oidc.Refused("provider_denied")
        code = query.get("code", "")
        if not code or len(code) > 2000:
            raise oidc.Refused("state")
        nonce, verifier = pending
        id_token = await self.provider.exchange(code, verifier, self.callback_url(request))
        claims = await self.provider.validate(id_token, nonce)
        user = await oidc.account(self.deps.store, self.provider.settings, claims)
        return user, id_token
