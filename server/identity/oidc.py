"""OpenID Connect sign-in with the municipality's provider: the authorization code flow with
PKCE, state and nonce (Authlib), discovery, and the ID token validated with joserfc (Authlib's
JOSE library): signature by the provider's published keys, issuer, audience, expiry, nonce.
A first sign-in makes the account just in time; the provider's groups decide the role."""

import time
from typing import Any
from urllib.parse import urlencode

import httpx
import msgspec
from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from server.domain import Rejected
from server.identity import teams
from server.services.auth import new_id
from server.settings import OidcSettings
from server.store import Role, Store, UserRow

DISCOVERY_SECONDS = 3600.0
CLOCK_LEEWAY = 60
"""Seconds of clock difference allowed between Kreds and the provider."""
ALGORITHMS = ["RS256", "PS256", "ES256"]
TIMEOUT = 10.0


class Refused(Exception):
    """A sign-in the provider's answer does not allow: `reason` for the audit log and the page
    (`/?signin_error=<reason>`)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SignInStart:
    """What the start of a sign-in sends the browser to, and keeps for the callback."""

    def __init__(self, url: str, state: str, nonce: str, verifier: str) -> None:
        self.url = url
        self.state = state
        self.nonce = nonce
        self.verifier = verifier


class Provider:
    """One OpenID provider: its discovery document and keys, fetched and cached."""

    def __init__(self, settings: OidcSettings, transport: httpx.AsyncBaseTransport | None = None):
        self.settings = settings
        self._transport = transport
        self._metadata: dict[str, Any] | None = None
        self._fetched = 0.0
        self._keys: KeySet | None = None

    def _client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=TIMEOUT, transport=self._transport)

    async def metadata(self) -> dict[str, Any]:
        if self._metadata is None or time.monotonic() - self._fetched > DISCOVERY_SECONDS:
            url = f"{self.settings.issuer}/.well-known/openid-configuration"
            async with self._client() as http:
                answer = await http.get(url)
            answer.raise_for_status()
            found: dict[str, Any] = answer.json()
            if found.get("issuer", "").rstrip("/") != self.settings.issuer:
                raise Refused("provider")
            self._metadata, self._fetched, self._keys = found, time.monotonic(), None
        return self._metadata

    async def keys(self, refresh: bool = False) -> KeySet:
        if self._keys is None or refresh:
            async with self._client() as http:
                answer = await http.get((await self.metadata())["jwks_uri"])
            answer.raise_for_status()
            self._keys = KeySet.import_key_set(answer.json())
        return self._keys

    async def start(self, redirect_uri: str) -> SignInStart:
        state, nonce, verifier = generate_token(32), generate_token(32), generate_token(64)
        query = {
            "response_type": "code",
            "client_id": self.settings.client_id,
            "redirect_uri": redirect_uri,
            "scope": self.settings.scopes,
            "state": state,
            "nonce": nonce,
            "code_challenge": create_s256_code_challenge(verifier),
            "code_challenge_method": "S256",
        }
        endpoint = (await self.metadata())["authorization_endpoint"]
        return SignInStart(f"{endpoint}?{urlencode(query)}", state, nonce, verifier)

    async def exchange(self, code: str, verifier: str, redirect_uri: str) -> str:
        """The ID token for the authorization code (with the PKCE verifier)."""
        async with self._client() as http:
            answer = await http.post(
                (await self.metadata())["token_endpoint"],
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": redirect_uri,
                    "code_verifier": verifier,
                },
                auth=(self.settings.client_id, self.settings.client_secret),
                headers={"Accept": "application/json"},
            )
        if answer.status_code != 200:
            raise Refused("token")
        id_token = answer.json().get("id_token")
        if not isinstance(id_token, str):
            raise Refused("token")
        return id_token

    async def validate(self, id_token: str, nonce: str) -> dict[str, Any]:
        """The ID token's claims, when it is signed by the provider's key, issued by it for
        Kreds, unexpired and carries this sign-in's nonce; Refused otherwise."""
        try:
            try:
                token = jwt.decode(id_token, await self.keys(), algorithms=ALGORITHMS)
            except (JoseError, ValueError):
                # The provider may have rotated its keys: look once more.
                token = jwt.decode(id_token, await self.keys(refresh=True), algorithms=ALGORITHMS)
            claims: dict[str, Any] = dict(token.claims)
            jwt.JWTClaimsRegistry(
                leeway=CLOCK_LEEWAY,
                iss={"essential": True, "value": self.settings.issuer},
                aud={"essential": True, "value": self.settings.client_id},
                exp={"essential": True},
                iat={"essential": True},
                sub={"essential": True},
                nonce={"essential": True, "value": nonce},
            ).validate(claims)
        except (JoseError, ValueError, KeyError):
            raise Refused("id_token") from None
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.settings.client_id:
            raise Refused("id_token")
        return claims

    async def logout_url(self, id_token: str, after: str) -> str | None:
        """RP-initiated logout: where the browser ends its session at the provider."""
        endpoint = (await self.metadata()).get("end_session_endpoint")
        if not isinstance(endpoint, str):
            return None
        query = {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": after,
            "client_id": self.settings.client_id,
        }
        return f"{endpoint}?{urlencode(query)}"


def _groups(claims: dict[str, Any], claim: str) -> set[str]:
    value = claims.get(claim)
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {item for item in value if isinstance(item, str)}
    return set()


def role_of(settings: OidcSettings, claims: dict[str, Any]) -> Role:
    """The role the provider's groups give, or Refused when they give none."""
    groups = _groups(claims, settings.role_claim)
    if settings.admin_group is not None and settings.admin_group in groups:
        return "admin"
    if settings.facilitator_group is None or settings.facilitator_group in groups:
        return "facilitator"
    raise Refused("not_allowed")


def email_of(settings: OidcSettings, claims: dict[str, Any]) -> str:
    given = claims.get("email") or claims.get("preferred_username") or claims.get("upn")
    email = given.strip().lower() if isinstance(given, str) else ""
    if "@" not in email or len(email) > 200:
        raise Refused("email")
    if settings.email_domains and email.rsplit("@", 1)[1] not in settings.email_domains:
        raise Refused("domain")
    return email


def name_of(claims: dict[str, Any], email: str) -> str:
    name = claims.get("name")
    if not isinstance(name, str) or not " ".join(name.split()):
        name = email.split("@", 1)[0]
    return " ".join(name.split())[:80]


async def account(store: Store, settings: OidcSettings, claims: dict[str, Any]) -> UserRow:
    """The account the provider vouches for: found by its subject (or, the first time, by
    its e-mail), or made just in time; its name and role as the provider says now."""
    subject = str(claims["sub"])
    email = email_of(settings, claims)
    role = role_of(settings, claims)
    name = name_of(claims, email)
    first = await store.count_users() == 0
    user = await store.user_by_subject(subject) or await store.user_by_email(email)
    if settings.admin_group is None and (first or (user is not None and user.role == "admin")):
        # No admin group at the provider: the installation's first account is its admin.
        role = "admin"
    if user is not None and user.oidc_subject not in (None, subject):
        raise Refused("subject")
    if user is not None:
        if not user.active:
            raise Refused("inactive")
        await store.update_from_provider(user.id, subject, name, role)
        return msgspec.structs.replace(user, name=name, role=role, oidc_subject=subject)
    team_name = settings.team
    if settings.team_claim and isinstance(claims.get(settings.team_claim), str):
        team_name = str(claims[settings.team_claim]) or team_name
    try:
        team = await teams.team_named(store, team_name)
    except Rejected:
        team = await teams.team_named(store, settings.team)
    user = UserRow(
        id=new_id(),
        email=email,
        name=name,
        password_hash="",
        created_at=time.time(),
        role=role,
        team_id=team.id,
        oidc_subject=subject,
    )
    await store.create_user(user)
    return user
