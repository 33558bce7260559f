"""Passkeys (WebAuthn, the `webauthn` package): the first second factor. A challenge is held
by the half-signed-in session it was given to and used once; a credential answers only for the
account it was registered to, and its signature counter must move on."""

import importlib
import json
import secrets
import time
from collections.abc import Callable
from typing import Any, TypedDict, TypeVar
from urllib.parse import urlsplit

from server.domain import Rejected
from server.store import PasskeyRow, Store, UserRow

T = TypeVar("T")


class Expected(TypedDict):
    """What this session expects of a credential: webauthn's verify functions take it as is."""

    expected_challenge: bytes
    expected_rp_id: str
    expected_origin: str


RP_NAME = "Kreds"
FAILED: tuple[type[Exception], ...] = (ValueError, TypeError, KeyError)
"""What a malformed or forged credential raises, with the webauthn package's own errors."""


def load() -> None:
    """Import the webauthn package (most of a second to import): done in a thread at start-up,
    so neither the start nor the first passkey waits for it on the event loop."""
    importlib.import_module("webauthn")


def _failures() -> tuple[type[Exception], ...]:
    from webauthn.helpers.exceptions import WebAuthnException

    return (WebAuthnException, *FAILED)


REFUSED = "Nøglen blev ikke godkendt. Prøv igen, eller brug en kode fra din app."


class RelyingParty:
    """Who Kreds is to the browser: its origin, and the host name that names its passkeys."""

    def __init__(self, origin: str) -> None:
        self.origin = origin.rstrip("/")
        self.id = urlsplit(self.origin).hostname or "localhost"


def _challenge() -> bytes:
    return secrets.token_bytes(32)


def _options(options: Any) -> dict[str, Any]:
    import webauthn

    decoded: dict[str, Any] = json.loads(webauthn.options_to_json(options))
    return decoded


async def registration_options(
    store: Store, rp: RelyingParty, user: UserRow
) -> tuple[bytes, dict[str, Any]]:
    """A challenge, and the options for navigator.credentials.create()."""
    import webauthn
    from webauthn.helpers.structs import (
        AuthenticatorSelectionCriteria,
        PublicKeyCredentialDescriptor,
        ResidentKeyRequirement,
        UserVerificationRequirement,
    )

    challenge = _challenge()
    options = webauthn.generate_registration_options(
        rp_id=rp.id,
        rp_name=RP_NAME,
        user_id=user.id.encode(),
        user_name=user.email,
        user_display_name=user.name,
        challenge=challenge,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=key.id) for key in await store.passkeys_of(user.id)
        ],
    )
    return challenge, _options(options)


async def register(
    store: Store, rp: RelyingParty, user: UserRow, challenge: bytes | None, credential: Any
) -> PasskeyRow:
    """The new passkey that answers this session's challenge, kept for the user; Rejected for
    anything else, and for a key the store already holds."""
    import webauthn
    import webauthn.helpers

    expected, parsed = _given(
        rp, challenge, credential, webauthn.helpers.parse_registration_credential_json
    )
    verified = _refusing(
        lambda: webauthn.verify_registration_response(credential=parsed, **expected)
    )
    if await store.passkey(verified.credential_id) is not None:
        raise Rejected("conflict", "Den nøgle er allerede tilføjet.")
    passkey = PasskeyRow(
        id=verified.credential_id,
        user_id=user.id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        created_at=time.time(),
    )
    await store.add_passkey(passkey)
    return passkey


async def authentication_options(
    store: Store, rp: RelyingParty, user: UserRow
) -> tuple[bytes, dict[str, Any]]:
    """A challenge, and the options for navigator.credentials.get() with this user's keys."""
    import webauthn
    from webauthn.helpers.structs import PublicKeyCredentialDescriptor, UserVerificationRequirement

    challenge = _challenge()
    options = webauthn.generate_authentication_options(
        rp_id=rp.id,
        challenge=challenge,
        allow_credentials=[
            PublicKeyCredentialDescriptor(id=key.id) for key in await store.passkeys_of(user.id)
        ],
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return challenge, _options(options)


async def authenticate(
    store: Store, rp: RelyingParty, user: UserRow, challenge: bytes | None, credential: Any
) -> PasskeyRow:
    """The user's passkey that signed this challenge; Rejected for anything else."""
    import webauthn
    import webauthn.helpers

    expected, parsed = _given(
        rp, challenge, credential, webauthn.helpers.parse_authentication_credential_json
    )
    passkey = await store.passkey(parsed.raw_id)
    if passkey is None or passkey.user_id != user.id:
        raise Rejected("not_allowed", "Den nøgle hører ikke til din konto.")
    verified = _refusing(
        lambda: webauthn.verify_authentication_response(
            credential=parsed,
            credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count,
            **expected,
        )
    )
    await store.passkey_used(passkey.id, verified.new_sign_count, time.time())
    return passkey


def _given(
    rp: RelyingParty, challenge: bytes | None, credential: Any, parse: Callable[[str], T]
) -> tuple[Expected, T]:
    """What this session expects (the challenge it holds), and the browser's
    PublicKeyCredential (from create() or get()) parsed from its JSON form; Rejected when
    either is missing or malformed."""
    if challenge is None or not isinstance(credential, dict):
        raise Rejected("not_allowed", REFUSED)
    expected = Expected(
        expected_challenge=challenge, expected_rp_id=rp.id, expected_origin=rp.origin
    )
    return expected, _refusing(lambda: parse(json.dumps(credential)))


def _refusing(step: Callable[[], T]) -> T:
    """What a step of the webauthn package returns; Rejected when it finds the credential
    malformed or forged."""
    try:
        return step()
    except _failures():
        raise Rejected("not_allowed", REFUSED) from None
