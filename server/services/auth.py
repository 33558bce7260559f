"""Facilitator accounts and sessions, and the capability links of a meeting."""

import asyncio
import base64
import hashlib
import hmac
import secrets
import time
import uuid
from collections.abc import Awaitable, Callable

import argon2
import msgspec

from server.domain import Rejected
from server.domain.text import contains_cpr
from server.live.rooms import Rooms
from server.store import MeetingRow, Role, Store, UserRow
from shared_schema.http import User

SESSION_SECONDS = 12 * 3600
IDLE_SECONDS = 2 * 3600
"""A session unused this long ends before its 12 hours: a laptop left open in a meeting room."""
PASSWORD_MIN = 10
_hasher = argon2.PasswordHasher()
# Compared against when the email is unknown, so a sign-in takes as long either way.
_UNKNOWN_USER_HASH = _hasher.hash(secrets.token_urlsafe(16))


class SessionsEnded(msgspec.Struct, kw_only=True, frozen=True):
    """Which signed-in sockets must close now: one session's, or every one of a user's but
    `keep`. Sent by the HTTP side to the realtime side, which holds the sockets."""

    message: str
    session: bytes | None = None
    user_id: str | None = None
    keep: bytes | None = None


HangUp = Callable[[SessionsEnded], Awaitable[None]]


def new_token() -> str:
    """An unguessable capability: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


def new_id() -> str:
    return uuid.uuid4().hex


class Keys:
    """Digests and link tokens, keyed by the server's secret: the database alone neither holds
    a usable link nor lets anyone test guesses of one."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def digest(self, value: str) -> bytes:
        return hmac.new(self._secret, value.encode(), hashlib.sha256).digest()

    def _derive(self, purpose: str, meeting_id: str, nonce: bytes) -> bytes:
        return hmac.new(
            self._secret, b"|".join([purpose.encode(), meeting_id.encode(), nonce]), hashlib.sha256
        ).digest()

    def join_token(self, meeting_id: str, nonce: bytes) -> str:
        return (
            base64.urlsafe_b64encode(self._derive("join", meeting_id, nonce)).rstrip(b"=").decode()
        )

    def screen_token(self, meeting_id: str, nonce: bytes) -> str:
        return (
            base64.urlsafe_b64encode(self._derive("screen", meeting_id, nonce))
            .rstrip(b"=")
            .decode()
        )

    def join_code(self, meeting_id: str, nonce: bytes) -> str:
        """Eight digits to type on a phone."""
        number = int.from_bytes(self._derive("code", meeting_id, nonce)[:8], "big") % 10**8
        return f"{number:08d}"


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code if not ch.isspace() and ch != "-")


def user_out(user: UserRow) -> User:
    return User(
        id=user.id,
        name=user.name,
        email=user.email,
        role=user.role,
        team_id=user.team_id,
        local=bool(user.password_hash),
    )


PROVIDER_ACCOUNT = "Din konto logger ind hos kommunens login; den styres dér."


async def _matches(password_hash: str, password: str) -> bool:
    """argon2 takes tens of milliseconds of CPU: off the event loop."""
    try:
        return bool(await asyncio.to_thread(_hasher.verify, password_hash, password))
    except argon2.exceptions.VerificationError:
        return False


def check_password(password: str) -> None:
    if len(password) < PASSWORD_MIN:
        raise Rejected("invalid", f"Adgangskoden skal have mindst {PASSWORD_MIN} tegn.")
    if len(password) > 1000:
        raise Rejected("too_large", "Adgangskoden er for lang.")


def clean_account(email: str, name: str) -> tuple[str, str]:
    """The e-mail and name as an account keeps them, or Rejected."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 200:
        raise Rejected("invalid", "Skriv en gyldig e-mailadresse.")
    name = " ".join(name.split())
    if not name or len(name) > 80:
        raise Rejected("invalid", "Skriv dit navn.")
    if contains_cpr(name) or contains_cpr(email):  # sign-up, invitations, `kreds user add`
        raise Rejected("cpr_detected")
    return email, name


async def new_user(
    email: str, name: str, password: str, *, role: Role, team_id: str | None
) -> UserRow:
    """An account not yet stored: checked, its password hashed off the event loop."""
    check_password(password)
    email, name = clean_account(email, name)
    # argon2 takes tens of milliseconds of CPU: off the event loop.
    password_hash = await asyncio.to_thread(_hasher.hash, password)
    return UserRow(
        id=new_id(),
        email=email,
        name=name,
        password_hash=password_hash,
        created_at=time.time(),
        role=role,
        team_id=team_id,
    )


async def create_user(
    store: Store,
    email: str,
    name: str,
    password: str,
    *,
    role: Role = "facilitator",
    team_id: str | None = None,
) -> UserRow:
    user = await new_user(email, name, password, role=role, team_id=team_id)
    if await store.user_by_email(user.email) is not None:
        raise Rejected("conflict", "Der findes allerede en konto med den e-mail.")
    await store.create_user(user)
    return user


async def verify_login(store: Store, email: str, password: str) -> UserRow | None:
    user = await store.user_by_email(email.strip().lower())
    # An account of the provider's has no password: it is compared like an unknown one.
    usable = user is not None and bool(user.password_hash)
    if not await _matches(user.password_hash if user and usable else _UNKNOWN_USER_HASH, password):
        return None
    if not usable:
        return None
    # A deactivated account is refused like a wrong password: no hint of who still works here.
    return user if user is not None and user.active else None


async def session_user(store: Store, keys: Keys, token: str | None) -> UserRow | None:
    """The signed-in user, if the session is neither expired nor idle; using it keeps it alive."""
    if not token or len(token) > 100:
        return None
    now = time.time()
    user = await store.session_user(keys.digest(token), now, now - IDLE_SECONDS)
    if user is not None:
        await store.touch_session(keys.digest(token), now)
    return user


async def end_session(store: Store, keys: Keys, token: str) -> None:
    await store.delete_session(keys.digest(token))


async def change_password(
    store: Store, keys: Keys, user: UserRow, current: str, new: str, token: str
) -> None:
    """A new password, given the current one; every other session of the account ends."""
    check_password(new)
    if not user.password_hash:
        raise Rejected("conflict", PROVIDER_ACCOUNT)
    if not await _matches(user.password_hash, current):
        raise Rejected("not_allowed", "Den nuværende adgangskode er forkert.")
    password_hash = await asyncio.to_thread(_hasher.hash, new)
    await store.set_password(user.id, password_hash, keep=keys.digest(token))


async def delete_account(rooms: Rooms, store: Store, user: UserRow, password: str) -> list[str]:
    """The account, its sessions and its own meetings, given its password; the ids of the
    meetings erased. Cases are the team's records: an account that owns one is not deleted.
    Its meetings go as `meetings.delete` erases one: their Rooms stop first, then every row
    goes; the caller then tells their open pages (`Rooms.deleted`), after ending the account's
    own, which say the account is gone."""
    if not user.password_hash:
        raise Rejected("conflict", PROVIDER_ACCOUNT)
    if not await _matches(user.password_hash, password):
        raise Rejected("not_allowed", "Adgangskoden er forkert.")
    if await store.owns_cases(user.id):
        raise Rejected("conflict", "Kontoen har stadig sager. Slet dem, før du sletter kontoen.")
    for meeting in await store.meetings_of(user.id):
        rooms.forget(meeting.id, "deleted")
    return await store.delete_user(user.id)


async def facilitates(store: Store, user: UserRow | None, meeting_id: str) -> MeetingRow | None:
    """The meeting, when this user is its facilitator."""
    if user is None or len(meeting_id) > 64:
        return None
    meeting = await store.meeting(meeting_id)
    return meeting if meeting is not None and meeting.owner == user.id else None
