"""The second factor over HTTP: enrolling a passkey or an authenticator app, and finishing a
sign-in with a passkey, a time-based code or a recovery code. Each refusal is audited."""

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.domain import Rejected
from server.http.api import Api, client_ip, json
from server.http.throttle import Throttle
from server.identity import passkeys, second_factor, totp
from server.store import PendingSession, Stage
from shared_schema.http import CodeBody, CredentialBody, SignedIn, TotpSetup

GUESSES = 5
GUESS_WINDOW_SECONDS = 900.0
TOO_MANY = "For mange forkerte forsøg. Vent et kvarter, og prøv igen."
WRONG_CODE = "Koden passer ikke. Tjek, at du bruger den nyeste kode fra appen."
NOT_NOW = "Log ind med din adgangskode først."


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
class SecondFactorApi:
    api: Api
    guard: Guard = field(default_factory=Guard)

    async def session(self, request: Request, *stages: Stage) -> tuple[str, PendingSession]:
        token = request.cookies.get("kreds_session", "")
        found = None
        if 0 < len(token) <= 100:
            found = await self.api.store.pending_session(self.api.keys.digest(token), time.time())
        if found is None or found.stage not in stages:
            raise Rejected("not_allowed", NOT_NOW)
        # Signed in already (adding a factor): the session must hold for everything else too.
        if found.stage == "full" and await self.api.user(request) is None:
            raise Rejected("not_allowed", NOT_NOW)
        return token, found

    def rp(self, request: Request) -> passkeys.RelyingParty:
        return passkeys.RelyingParty(self.api.base_url(request))

    async def refused(
        self, request: Request, pending: PendingSession, method: str, rejected: Rejected
    ) -> Rejected:
        """Note the failure in the account's log; a wrong code counts towards the throttle (a
        passkey's signature cannot be guessed)."""
        if method != "passkey":
            self.guard.guesses.fail(pending.user.id)
        await self.api.store.audit(
            time.time(),
            None,
            "",
            f"user.2fa.failed.{method}",
            client_ip(request),
            owner=pending.user.id,
        )
        return rejected

    def throttled(self, pending: PendingSession) -> None:
        if self.guard.guesses.blocked(pending.user.id):
            raise Rejected("rate_limited", TOO_MANY)

    async def finished(
        self, request: Request, token: str, pending: PendingSession, method: str
    ) -> Response:
        """Both factors given: signed in. A first enrolment also gets its recovery codes."""
        user = pending.user
        codes: list[str] = []
        if pending.stage == "enrol":
            codes = await second_factor.issue_recovery_codes(self.api.store, self.api.keys, user)
        if pending.stage == "full":
            if not await self.api.store.recovery_code_count(user.id):
                codes = await second_factor.issue_recovery_codes(
                    self.api.store, self.api.keys, user
                )
            return json(SignedIn(user=None, recovery_codes=codes))
        self.guard.guesses.clear(user.id)
        new_token = await second_factor.finish(self.api.store, self.api.keys, token, user)
        await self.api.store.audit(
            time.time(), None, user.id, "user.login", f"{client_ip(request)} ({method})"
        )
        return self.api.signed_in_response(user, new_token, 200, codes)

    # -- an authenticator app (TOTP) -----------------------------------------------------------

    async def totp_new(self, request: Request) -> Response:
        """A new secret to scan; it counts once a code from it is confirmed."""
        _, pending = await self.session(request, "enrol", "full")
        await self.api.body(request, dict)
        current = await self.api.store.totp_of(pending.user.id)
        if current is not None and current.confirmed:
            raise Rejected(
                "conflict", "Du har allerede en kode-app. En operatør kan nulstille den."
            )
        secret = totp.new_secret()
        await self.api.store.save_totp(
            pending.user.id, totp.seal(self.api.keys, secret), time.time()
        )
        uri = totp.provisioning_uri(secret, pending.user.email)
        return json(TotpSetup(secret=secret, uri=uri, qr_svg=totp.qr_svg(uri)))

    async def totp_confirm(self, request: Request) -> Response:
        token, pending = await self.session(request, "enrol", "full")
        given = await self.api.body(request, CodeBody)
        self.throttled(pending)
        async with self.guard.lock(pending.user.id):
            current = await self.api.store.totp_of(pending.user.id)
            if current is None or current.confirmed:
                raise Rejected("not_found", "Start forfra: lav en ny kode-app-opsætning.")
            secret = totp.unseal(self.api.keys, current.secret)
            step = totp.matching_step(secret, given.code, current.last_step)
            if step is None:
                raise await self.refused(request, pending, "totp", Rejected("invalid", WRONG_CODE))
            await self.api.store.confirm_totp(pending.user.id, step)
        return await self.finished(request, token, pending, "totp")

    async def totp_sign_in(self, request: Request) -> Response:
        token, pending = await self.session(request, "second_factor")
        given = await self.api.body(request, CodeBody)
        self.throttled(pending)
        async with self.guard.lock(pending.user.id):
            current = await self.api.store.totp_of(pending.user.id)
            step = None
            if current is not None and current.confirmed:
                secret = totp.unseal(self.api.keys, current.secret)
                step = totp.matching_step(secret, given.code, current.last_step)
            if current is None or step is None:
                raise await self.refused(
                    request, pending, "totp", Rejected("not_allowed", WRONG_CODE)
                )
            await self.api.store.totp_used(pending.user.id, step)
        return await self.finished(request, token, pending, "totp")

    async def recovery_sign_in(self, request: Request) -> Response:
        token, pending = await self.session(request, "second_factor")
        given = await self.api.body(request, CodeBody)
        self.throttled(pending)
        async with self.guard.lock(pending.user.id):
            used = await second_factor.use_recovery_code(
                self.api.store, self.api.keys, pending.user, given.code
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

    async def passkey_register_options(self, request: Request) -> Response:
        token, pending = await self.session(request, "enrol", "full")
        await self.api.body(request, dict)
        challenge, options = await passkeys.registration_options(
            self.api.store, self.rp(request), pending.user
        )
        await self.api.store.set_challenge(self.api.keys.digest(token), challenge)
        return json(options)

    async def passkey_register(self, request: Request) -> Response:
        token, pending = await self.session(request, "enrol", "full")
        given = await self.api.body(request, CredentialBody)
        # A challenge answers once, right or wrong.
        await self.api.store.set_challenge(self.api.keys.digest(token), None)
        try:
            await passkeys.register(
                self.api.store, self.rp(request), pending.user, pending.challenge, given.credential
            )
        except Rejected as rejected:
            raise await self.refused(request, pending, "passkey", rejected) from None
        await self.api.store.audit(
            time.time(), None, pending.user.id, "user.passkey.add", client_ip(request)
        )
        return await self.finished(request, token, pending, "passkey")

    async def passkey_options(self, request: Request) -> Response:
        token, pending = await self.session(request, "second_factor")
        await self.api.body(request, dict)
        challenge, options = await passkeys.authentication_options(
            self.api.store, self.rp(request), pending.user
        )
        await self.api.store.set_challenge(self.api.keys.digest(token), challenge)
        return json(options)

    async def passkey_sign_in(self, request: Request) -> Response:
        token, pending = await self.session(request, "second_factor")
        given = await self.api.body(request, CredentialBody)
        await self.api.store.set_challenge(self.api.keys.digest(token), None)
        try:
            await passkeys.authenticate(
                self.api.store, self.rp(request), pending.user, pending.challenge, given.credential
            )
        except Rejected as rejected:
            raise await self.refused(request, pending, "passkey", rejected) from None
        return await self.finished(request, token, pending, "passkey")

    def routes(self) -> list[Route]:
        return [
            Route("/api/2fa/totp/new", self.totp_new, methods=["POST"]),
            Route("/api/2fa/totp/confirm", self.totp_confirm, methods=["POST"]),
            Route("/api/2fa/totp", self.totp_sign_in, methods=["POST"]),
            Route("/api/2fa/recovery", self.recovery_sign_in, methods=["POST"]),
            Route(
                "/api/2fa/passkey/register/options",
                self.passkey_register_options,
                methods=["POST"],
            ),
            Route("/api/2fa/passkey/register", self.passkey_register, methods=["POST"]),
            Route("/api/2fa/passkey/options", self.passkey_options, methods=["POST"]),
            Route("/api/2fa/passkey", self.passkey_sign_in, methods=["POST"]),
        ]
