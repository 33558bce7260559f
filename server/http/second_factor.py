"""The second factor over HTTP: enrolling a passkey or an authenticator app, and finishing a
sign-in with a passkey, a time-based code or a recovery code. Each refusal is audited."""

import asyncio
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from server.domain import Rejected
from server.http import requests, sessions
from server.http.requests import client_ip
from server.http.responses import json
from server.http.routing import Api, post
from server.http.throttle import Throttle
from server.identity import passkeys, second_factor, totp
from server.store import AuditEvent, PasskeyRow, PendingSession, Stage, Store, UserRow
from shared_schema.http import CodeBody, CredentialBody, SignedIn, TotpSetup

GUESSES = 5
GUESS_WINDOW_SECONDS = 900.0
TOO_MANY = "For mange forkerte forsøg. Vent et kvarter, og prøv igen."
WRONG_CODE = "Koden passer ikke. Tjek, at du bruger den nyeste kode fra appen."
NOT_NOW = "Log ind med din adgangskode først."


ENROLLING: tuple[Stage, ...] = ("enrol", "full")
"""Adding a factor: half signed in to enrol the first, or signed in to add another."""
SIGNING_IN: tuple[Stage, ...] = ("second_factor",)
MakeOptions = Callable[
    [Store, passkeys.RelyingParty, UserRow], Awaitable[tuple[bytes, dict[str, Any]]]
]
CheckAnswer = Callable[
    [Store, passkeys.RelyingParty, UserRow, bytes | None, Any], Awaitable[PasskeyRow]
]


@dataclass
class Guard:
    """Guessing a code is throttled per account, across sessions and addresses; one check of
    an account's codes runs at a time, so one code cannot be used twice at once."""

    guesses: Throttle = field(
        default_factory=lambda: Throttle(limit=GUESSES, window_seconds=GUESS_WINDOW_SECONDS)
    )
    locks: defaultdict[str, asyncio.Lock] = field(default_factory=lambda: defaultdict(asyncio.Lock))

    def lock(self, user_id: str) -> asyncio.Lock:
        if len(self.locks) > 10_000:
            for key in [k for k, held in self.locks.items() if not held.locked()]:
                del self.locks[key]
        return self.locks[user_id]


@dataclass
class SecondFactorApi(Api):
    guard: Guard = field(default_factory=Guard)

    async def session(self, request: Request, *stages: Stage) -> tuple[str, PendingSession]:
        found = await sessions.pending(self.deps, request)
        if found is None or found.stage not in stages:
            raise Rejected("not_allowed", NOT_NOW)
        # Signed in already (adding a factor): the session must hold for everything else too.
        if found.stage == "full" and await sessions.user(self.deps, request) is None:
            raise Rejected("not_allowed", NOT_NOW)
        return sessions.token(request), found

    def rp(self, request: Request) -> passkeys.RelyingParty:
        return passkeys.RelyingParty(requests.base_url(self.deps.settings, request))

    async def refused(
        self, request: Request, pending: PendingSession, method: str, rejected: Rejected
    ) -> Rejected:
        """Note the failure in the account's log; a wrong code counts towards the throttle (a
        passkey's signature cannot be guessed)."""
        if method != "passkey":
            self.guard.guesses.fail(pending.user.id)
        await self.deps.store.audit(
            AuditEvent(
                actor="",
                action=f"user.2fa.failed.{method}",
                detail=client_ip(request),
                owner=pending.user.id,
            )
        )
        return rejected

    async def code_given(
        self, request: Request, stages: tuple[Stage, ...]
    ) -> tuple[str, PendingSession, str]:
        """The session and the code it gives, unless its account has guessed too often."""
        token, pending = await self.session(request, *stages)
        given = await requests.body(self.deps.settings, request, CodeBody)
        if self.guard.guesses.blocked(pending.user.id):
            raise Rejected("rate_limited", TOO_MANY)
        return token, pending, given.code

    async def app_code(self, request: Request, *, setting_up: bool) -> Response:
        """A code from the authenticator app: the first, which confirms the app being set up,
        or one to sign in with an app confirmed before. A wrong code counts as a guess."""
        token, pending, code = await self.code_given(
            request, ENROLLING if setting_up else SIGNING_IN
        )
        async with self.guard.lock(pending.user.id):
            current = await self.deps.store.totp_of(pending.user.id)
            if setting_up and (current is None or current.confirmed):
                raise Rejected("not_found", "Start forfra: lav en ny kode-app-opsætning.")
            step = None
            if current is not None and current.confirmed != setting_up:
                step = totp.step_of(self.deps.keys, current, code)
            if step is None:
                wrong = Rejected("invalid" if setting_up else "not_allowed", WRONG_CODE)
                raise await self.refused(request, pending, "totp", wrong)
            if setting_up:
                await self.deps.store.confirm_totp(pending.user.id, step)
            else:
                await self.deps.store.totp_used(pending.user.id, step)
        return await self.finished(request, token, pending, "totp")

    async def finished(
        self, request: Request, token: str, pending: PendingSession, method: str
    ) -> Response:
        """Both factors given: signed in. A first enrolment also gets its recovery codes."""
        user = pending.user
        codes: list[str] = []
        if pending.stage == "enrol":
            codes = await second_factor.issue_recovery_codes(self.deps.store, self.deps.keys, user)
        if pending.stage == "full":
            if not await self.deps.store.recovery_code_count(user.id):
                codes = await second_factor.issue_recovery_codes(
                    self.deps.store, self.deps.keys, user
                )
            return json(SignedIn(user=None, recovery_codes=codes))
        self.guard.guesses.clear(user.id)
        new_token = await second_factor.finish(self.deps.store, self.deps.keys, token, user)
        await self.deps.store.audit(
            AuditEvent(
                actor=user.id, action="user.login", detail=f"{client_ip(request)} ({method})"
            )
        )
        return sessions.signed_in_response(self.deps, user, new_token, codes)

    # -- an authenticator app (TOTP) -----------------------------------------------------------

    @post("/api/2fa/totp/new")
    async def totp_new(self, request: Request) -> Response:
        """A new secret to scan; it counts once a code from it is confirmed."""
        _, pending = await self.session(request, *ENROLLING)
        await requests.body(self.deps.settings, request, dict)
        current = await self.deps.store.totp_of(pending.user.id)
        if current is not None and current.confirmed:
            raise Rejected(
                "conflict", "Du har allerede en kode-app. En operatør kan nulstille den."
            )
        secret = totp.new_secret()
        await self.deps.store.save_totp(
            pending.user.id, totp.seal(self.deps.keys, secret), time.time()
        )
        uri = totp.provisioning_uri(secret, pending.user.email)
        return json(TotpSetup(secret=secret, uri=uri, qr_svg=totp.qr_svg(uri)))

    @post("/api/2fa/totp/confirm")
    async def totp_confirm(self, request: Request) -> Response:
        return await self.app_code(request, setting_up=True)

    @post("/api/2fa/totp")
    async def totp_sign_in(self, request: Request) -> Response:
        return await self.app_code(request, setting_up=False)

    @post("/api/2fa/recovery")
    async def recovery_sign_in(self, request: Request) -> Response:
        token, pending, code = await self.code_given(request, SIGNING_IN)
        async with self.guard.lock(pending.user.id):
            used = await second_factor.use_recovery_code(
                self.deps.store, self.deps.keys, pending.user, code
            )
        if not used:
            raise await self.refused(
                request,
                pending,
                "recovery",
                Rejected("not_allowed", "Gendannelseskoden passer ikke, eller den er brugt."),
            )
        return await self.finished(request, token, pending, "recovery")

    # -- passkeys (WebAuthn) -------------------------------------------------------------------

    async def challenge(
        self, request: Request, stages: tuple[Stage, ...], make: MakeOptions
    ) -> Response:
        """A new challenge kept with the session, and the options the browser needs for it."""
        token, pending = await self.session(request, *stages)
        await requests.body(self.deps.settings, request, dict)
        challenge, options = await make(self.deps.store, self.rp(request), pending.user)
        await self.deps.store.set_challenge(self.deps.keys.digest(token), challenge)
        return json(options)

    async def answer(
        self, request: Request, stages: tuple[Stage, ...], check: CheckAnswer
    ) -> tuple[str, PendingSession]:
        """The browser's answer to the session's challenge, checked; refused ones are noted."""
        token, pending = await self.session(request, *stages)
        given = await requests.body(self.deps.settings, request, CredentialBody)
        # A challenge answers once, right or wrong.
        await self.deps.store.set_challenge(self.deps.keys.digest(token), None)
        try:
            await check(
                self.deps.store, self.rp(request), pending.user, pending.challenge, given.credential
            )
        except Rejected as rejected:
            raise await self.refused(request, pending, "passkey", rejected) from None
        return token, pending

    @post("/api/2fa/passkey/register/options")
    async def passkey_register_options(self, request: Request) -> Response:
        return await self.challenge(request, ENROLLING, passkeys.registration_options)

    @post("/api/2fa/passkey/register")
    async def passkey_register(self, request: Request) -> Response:
        token, pending = await self.answer(request, ENROLLING, passkeys.register)
        await self.deps.store.audit(
            AuditEvent(actor=pending.user.id, action="user.passkey.add", detail=client_ip(request))
        )
        return await self.finished(request, token, pending, "passkey")

    @post("/api/2fa/passkey/options")
    async def passkey_options(self, request: Request) -> Response:
        return await self.challenge(request, SIGNING_IN, passkeys.authentication_options)

    @post("/api/2fa/passkey")
    async def passkey_sign_in(self, request: Request) -> Response:
        token, pending = await self.answer(request, SIGNING_IN, passkeys.authenticate)
        return await self.finished(request, token, pending, "passkey")
