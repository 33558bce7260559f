"""Signing in with two factors: a password (or an invitation) gives a half-signed-in session
that may only finish with a passkey, a time-based code or a recovery code, or enrol one when
the account has none. Finishing replaces it by a signed-in session under a new token."""

import secrets
import time

from server.services.auth import SESSION_SECONDS, Keys, new_token
from server.store import Store, UserRow
from shared_schema.http import SecondFactorMethod, SignInStage

PENDING_SECONDS = 600.0
"""A half-signed-in session ends after ten minutes."""
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


async def methods(store: Store, user: UserRow) -> list[SecondFactorMethod]:
    """The second factors the account has: "passkey", "totp" and "recovery"."""
    found: list[SecondFactorMethod] = []
    if await store.passkeys_of(user.id):
        found.append("passkey")
    totp = await store.totp_of(user.id)
    if totp is not None and totp.confirmed:
        found.append("totp")
    if found:
        found.append("recovery")
    return found


async def begin(store: Store, keys: Keys, user: UserRow) -> tuple[str, SignInStage]:
    """After the first factor: a session that may only finish signing in, or enrol."""
    stage: SignInStage = "second_factor" if await methods(store, user) else "enrol"
    token = new_token()
    await store.create_session(keys.digest(token), user.id, time.time() + PENDING_SECONDS, stage)
    return token, stage


async def finish(store: Store, keys: Keys, pending_token: str, user: UserRow) -> str:
    """Both factors given: a signed-in session under a new token (the old one is gone)."""
    token = new_token()
    now = time.time()
    await store.replace_session(
        keys.digest(pending_token), keys.digest(token), user.id, now + SESSION_SECONDS, now
    )
    return token


def _recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def normalise_recovery(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


async def issue_recovery_codes(store: Store, keys: Keys, user: UserRow) -> list[str]:
    """Ten new one-time codes, shown once; only their hashes are kept."""
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    await store.set_recovery_codes(
        user.id, [keys.digest("recovery|" + normalise_recovery(code)) for code in codes]
    )
    return codes


async def use_recovery_code(store: Store, keys: Keys, user: UserRow, code: str) -> bool:
    """Whether this was an unused recovery code of the account; it is used up now."""
    if len(code) > 40:
        return False
    code_hash = keys.digest("recovery|" + normalise_recovery(code))
    if not await store.recovery_code(user.id, code_hash):
        return False
    await store.use_recovery_code(code_hash, time.time())
    return True
