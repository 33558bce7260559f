"""An OpenID provider for the integration tests, small enough to misbehave on request: it
serves discovery, its keys, the authorization and token endpoints (checking the client, the
redirect, the code's single use and the PKCE verifier) and signs ID tokens with joserfc, or,
when a test asks, signs one wrongly, for another client, expired or with another nonce. The
end-to-end test signs in through a real provider (npm's oidc-provider) instead."""

import base64
import hashlib
import secrets
import socket
import threading
import time
from typing import Any
from urllib.parse import parse_qs, urlencode

import uvicorn
from joserfc import jwt
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

CLIENT_ID = "kreds"
CLIENT_SECRET = "kreds-hemmelighed-til-test"


class LocalProvider:
    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.key = RSAKey.generate_key(2048, parameters={"kid": "nøgle-1", "use": "sig"})
        self.stranger = RSAKey.generate_key(2048, parameters={"kid": "nøgle-1", "use": "sig"})
        self.user: dict[str, Any] = {}
        """The claims of whoever signs in next."""
        self.mode = "good"
        """How the next ID token comes out: good, expired, wrong_key, other_client,
        wrong_nonce, wrong_issuer."""
        self.codes: dict[str, dict[str, Any]] = {}
        self.logouts: list[dict[str, str]] = []
        app = Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self.discovery),
                Route("/jwks", self.jwks),
                Route("/authorize", self.authorize),
                Route("/token", self.token, methods=["POST"]),
                Route("/logout", self.logout),
            ]
        )
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LocalProvider":
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test provider did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)

    def env(self, **more: str) -> dict[str, str]:
        """Kreds' settings for this provider."""
        return {
            "KREDS_OIDC_ISSUER": self.issuer,
            "KREDS_OIDC_CLIENT_ID": CLIENT_ID,
            "KREDS_OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "KREDS_OIDC_ROLE_CLAIM": "groups",
            "KREDS_OIDC_ADMIN_GROUP": "kreds-admin",
            "KREDS_OIDC_FACILITATOR_GROUP": "kreds-moedeleder",
            "KREDS_OIDC_EMAIL_DOMAINS": "kommune.example",
            "KREDS_OIDC_BUTTON": "Log ind med Holmby Kommune",
            **more,
        }

    # -- the endpoints -------------------------------------------------------------------------

    async def discovery(self, request: Request) -> Response:
        return JSONResponse(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "end_session_endpoint": f"{self.issuer}/logout",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
            }
        )

    async def jwks(self, request: Request) -> Response:
        return JSONResponse({"keys": [self.key.as_dict(private=False)]})

    async def authorize(self, request: Request) -> Response:
        """The person signs in (at once, as self.user) and is sent back with a code."""
        query = request.query_params
        assert query["response_type"] == "code" and query["client_id"] == CLIENT_ID
        assert query["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "redirect_uri": query["redirect_uri"],
            "nonce": query["nonce"],
            "challenge": query["code_challenge"],
            "user": dict(self.user),
        }
        back = {"code": code, "state": query["state"]}
        return RedirectResponse(f"{query['redirect_uri']}?{urlencode(back)}", status_code=302)

    async def token(self, request: Request) -> Response:
        form = {k: v[0] for k, v in parse_qs((await request.body()).decode()).items()}
        basic = request.headers.get("authorization", "")
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if basic != f"Basic {expected}":
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        grant = self.codes.pop(str(form.get("code", "")), None)
        if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        verifier = str(form.get("code_verifier", ""))
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if challenge != grant["challenge"]:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        return JSONResponse(
            {"access_token": "x", "token_type": "Bearer", "id_token": self.id_token(grant)}
        )

    def id_token(self, grant: dict[str, Any]) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            **grant["user"],
        }
        key = self.key
        if self.mode == "expired":
            claims.update(iat=now - 7200, exp=now - 3600)
        elif self.mode == "wrong_key":
            key = self.stranger
        elif self.mode == "other_client":
            claims["aud"] = "en-anden-app"
        elif self.mode == "wrong_nonce":
            claims["nonce"] = "en-anden-nonce"
        elif self.mode == "wrong_issuer":
            claims["iss"] = "https://falsk-udbyder.example"
        return jwt.encode({"alg": "RS256", "kid": "nøgle-1"}, claims, key)

    async def logout(self, request: Request) -> Response:
        self.logouts.append(dict(request.query_params))
        return RedirectResponse(request.query_params["post_logout_redirect_uri"], status_code=302)
