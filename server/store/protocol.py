"""What the rest of the server may ask of storage, and the rows it gets back.

Two stores keep this contract, SQLite (`sqlite.py`) and PostgreSQL (`postgres.py`), on one
copy of the SQL (`sql_store.py` and the files it is made of, one a concern): a method added here
is written there once, and tests/store runs the same tests against both."""

import time
from collections.abc import Callable, Sequence
from typing import Literal, Protocol

import msgspec

from shared_schema.entities import Template
from shared_schema.http import AccountRole

ParticipantToken = tuple[bytes, str, str]
"""(token hash, meeting id, participant id)"""

LinkColumn = Literal["join_hash", "screen_hash", "code_hash"]
Role = AccountRole


class UserRow(msgspec.Struct, kw_only=True):
    id: str
    email: str
    name: str
    password_hash: str
    created_at: float
    role: Role = "facilitator"
    team_id: str | None = None
    """The team (afdeling) whose cases the user works on."""
    active: bool = True
    """A deactivated account cannot sign in, and its sessions are gone."""
    oidc_subject: str | None = None
    """The provider's `sub` of an account that signs in by OpenID Connect (no password)."""


Stage = Literal["full", "second_factor", "enrol"]
"""A session is "full" after both factors; before that it may only finish signing in."""


class PendingSession(msgspec.Struct, kw_only=True):
    """A session's user and stage, and the WebAuthn challenge it was last given."""

    user: UserRow
    stage: Stage
    challenge: bytes | None


class TotpRow(msgspec.Struct, kw_only=True):
    user_id: str
    secret: bytes
    """Sealed with the server's key: the database alone cannot make codes."""
    confirmed: bool
    last_step: int
    """The newest 30-second step whose code was accepted: no code is accepted twice."""


class PasskeyRow(msgspec.Struct, kw_only=True):
    """A passkey registered to an account: WebAuthn's credential, its public half only."""

    id: bytes
    """The credential id the browser names it by."""
    user_id: str
    public_key: bytes
    sign_count: int
    """The authenticator's counter at its last use: a copied key shows as one that goes back."""
    created_at: float
    last_used_at: float | None = None


class TeamRow(msgspec.Struct, kw_only=True):
    """An afdeling: its facilitators share its cases."""

    id: str
    name: str
    created_at: float


class InvitationRow(msgspec.Struct, kw_only=True):
    """A single-use link to make an account in a team; only the token's hash is kept."""

    token_hash: bytes
    email: str
    team_id: str
    role: Role
    invited_by: str
    created_at: float
    expires_at: float
    used_at: float | None = None


class MeetingRow(msgspec.Struct, kw_only=True):
    """A meeting: whose it is, and the digests its links are found by."""

    id: str
    owner: str
    title: str
    template: Template
    created_at: float
    link_nonce: bytes
    """What the links derive from, with the server's key; the links themselves are not kept."""
    join_hash: bytes
    screen_hash: bytes
    code_hash: bytes
    """The digests of the join link, the screen link and the eight-digit join code."""
    facilitator_id: str
    """The owner's participant id in the meeting."""
    case_id: str | None = None
    closed_at: float | None = None
    next_meeting: str | None = None
    """Local time of the next meeting, YYYY-MM-DDTHH:MM, set when it closed."""
    keep_until: float | None = None
    """Set when the facilitator extended the retention of a closed meeting."""
    join_nonce: bytes | None = None
    """Set when the facilitator renewed the join link and code: they derive from it, no longer
    from `link_nonce` (which the screen link still derives from)."""


class CaseRow(msgspec.Struct, kw_only=True):
    """A child's meetings, under a pseudonymous title."""

    id: str
    owner: str
    title: str
    created_at: float
    team_id: str | None = None
    """The team whose facilitators may open the case, e.g. its next follow-up."""


class AuditEvent(msgspec.Struct, kw_only=True):
    """A line to write to the audit log: what was done, by whom, in which meeting, and when."""

    actor: str
    """The account or participant id; "system" or "operator" for Kreds and its operator."""
    action: str
    meeting: str | None = None
    detail: str = ""
    """An address, a name or a count; never note text."""
    owner: str | None = None
    """Whose log shows the line besides the meeting owner's: the account it was done to."""
    actor_name: str = ""
    """Who did it, by name, where the id names no account (a participant)."""
    at: float = msgspec.field(default_factory=time.time)


class AuditRow(msgspec.Struct, kw_only=True):
    """One line of a facilitator's audit log."""

    at: float
    action: str
    who: str
    """Who did it, by name: as written with the row, else the account's."""
    meeting_id: str | None
    meeting_title: str | None
    detail: str


class OpRow(msgspec.Struct, kw_only=True):
    """One durable op: the changes an intent made, msgpack-encoded."""

    meeting: str
    seq: int
    at: float
    actor: str
    client_id: str
    type: str
    changes: bytes


class QuietIntent(msgspec.Struct, kw_only=True):
    """An intent that changed nothing: kept by its id for dedupe, under no seq of its own."""

    meeting: str
    client_id: str
    seq: int
    """The meeting's seq when it was applied: what its ack said, and says again to a resend."""


Ops = Sequence[OpRow]
Tokens = Sequence[ParticipantToken]
"""The tokens of the people who joined in the ops they are written with."""
Quiet = Sequence[QuietIntent]


class OpLog(Protocol):
    """What a Room needs: its meeting's op log and snapshots."""

    async def append(self, ops: Ops, tokens: Tokens = (), quiet: Quiet = ()) -> None:
        """Durable together; fails (and writes none of them) when the meeting is gone."""
        ...

    async def ops_after(self, meeting_id: str, seq: int, limit: int) -> list[OpRow]: ...
    async def client_ids(self, meeting_id: str) -> dict[str, int]: ...
    async def latest_snapshot(self, meeting_id: str) -> tuple[int, bytes] | None: ...
    async def save_snapshot(self, meeting_id: str, seq: int, state: bytes) -> None: ...


class Closings(Protocol):
    """The meeting records a Room writes itself: when its meeting closed."""

    async def meeting(self, meeting_id: str) -> MeetingRow | None: ...
    async def mark_closed(self, meeting_id: str, at: float, next_meeting: str | None) -> None: ...


class RoomStore(OpLog, Closings, Protocol):
    """Everything a Room asks of storage."""


class Records(Closings, Protocol):
    """What the HTTP side and the socket handshake need: accounts, sessions, meetings, cases,
    participants' tokens, the audit log and retention."""

    async def count_users(self) -> int: ...
    async def create_user(self, user: UserRow) -> None: ...
    async def user_by_email(self, email: str) -> UserRow | None: ...
    async def user_by_id(self, user_id: str) -> UserRow | None: ...

    async def create_session(
        self, token_hash: bytes, user_id: str, expires_at: float, stage: Stage = "full"
    ) -> None: ...
    async def pending_session(self, token_hash: bytes, now: float) -> PendingSession | None: ...
    async def set_challenge(self, token_hash: bytes, challenge: bytes | None) -> None: ...
    async def replace_session(
        self, old_hash: bytes, token_hash: bytes, user_id: str, expires_at: float, now: float
    ) -> None: ...
    async def totp_of(self, user_id: str) -> TotpRow | None: ...
    async def save_totp(self, user_id: str, secret: bytes, now: float) -> None: ...
    async def confirm_totp(self, user_id: str, step: int) -> None: ...
    async def totp_used(self, user_id: str, step: int) -> None: ...
    async def passkeys_of(self, user_id: str) -> list[PasskeyRow]: ...
    async def passkey(self, credential_id: bytes) -> PasskeyRow | None: ...
    async def add_passkey(self, passkey: PasskeyRow) -> None: ...
    async def passkey_used(self, credential_id: bytes, sign_count: int, now: float) -> None: ...
    async def set_recovery_codes(self, user_id: str, code_hashes: Sequence[bytes]) -> None: ...
    async def recovery_code(self, user_id: str, code_hash: bytes) -> bool: ...
    async def recovery_code_count(self, user_id: str) -> int: ...
    async def use_recovery_code(self, code_hash: bytes, now: float) -> None: ...
    async def reset_second_factor(self, user_id: str) -> None: ...

    async def user_by_subject(self, subject: str) -> UserRow | None: ...
    async def update_from_provider(
        self, user_id: str, subject: str, name: str, role: Role
    ) -> None: ...
    async def save_oidc_login(
        self, state_hash: bytes, nonce: str, verifier: str, now: float
    ) -> None: ...
    async def take_oidc_login(
        self, state_hash: bytes, created_after: float
    ) -> tuple[str, str] | None: ...
    async def set_id_token(self, token_hash: bytes, id_token: str) -> None: ...
    async def id_token(self, token_hash: bytes) -> str | None: ...
    async def session_user(
        self, token_hash: bytes, now: float, seen_after: float = 0.0
    ) -> UserRow | None: ...
    async def touch_session(self, token_hash: bytes, now: float) -> None: ...
    async def delete_session(self, token_hash: bytes) -> None: ...
    async def session_expires(self, token_hash: bytes) -> float: ...
    async def live_sessions(
        self, token_hashes: Sequence[bytes], now: float, seen_after: float
    ) -> set[bytes]: ...
    async def set_password(self, user_id: str, password_hash: str, keep: bytes) -> None: ...
    async def owns_cases(self, user_id: str) -> bool: ...
    async def delete_user(self, user_id: str) -> list[str]: ...

    async def create_team(self, team: TeamRow) -> None: ...
    async def team(self, team_id: str) -> TeamRow | None: ...
    async def team_by_name(self, name: str) -> TeamRow | None: ...
    async def teams(self) -> list[TeamRow]: ...
    async def users(self) -> list[UserRow]: ...
    async def set_active(self, user_id: str, active: bool) -> None: ...
    async def create_invitation(self, invitation: InvitationRow) -> None: ...
    async def invitation(self, token_hash: bytes) -> InvitationRow | None: ...
    async def accept_invitation(self, token_hash: bytes, user: UserRow, now: float) -> bool: ...
    async def installation_audit_log(self, limit: int) -> list[AuditRow]: ...

    async def create_meeting(self, meeting: MeetingRow, first_op: OpRow) -> None: ...
    async def meetings_of(self, owner: str) -> list[MeetingRow]: ...
    async def meetings_present(self, meeting_ids: Sequence[str]) -> set[str]:
        """Which of these meetings the store still holds (another process may delete)."""
        ...

    async def meeting_by_hash(self, column: LinkColumn, digest: bytes) -> MeetingRow | None: ...
    async def renew_join(
        self, meeting_id: str, nonce: bytes, join_hash: bytes, code_hash: bytes
    ) -> None: ...

    async def participant_by_token(self, token_hash: bytes) -> tuple[str, str] | None: ...

    async def audit(self, event: AuditEvent) -> None: ...
    async def audit_log(self, owner: str, limit: int) -> list[AuditRow]: ...
    async def forget_audit(self, before: float) -> None: ...

    async def create_case(self, case: CaseRow) -> None: ...
    async def case(self, case_id: str) -> CaseRow | None: ...
    async def cases_of_team(self, team_id: str) -> list[CaseRow]: ...
    async def meetings_in_case(self, case_id: str) -> list[MeetingRow]: ...
    async def keep_until(self, meeting_id: str, until: float) -> None: ...
    async def expired_meetings(self, closed_before: float, now: float) -> list[str]: ...
    async def delete_meetings(self, meeting_ids: Sequence[str]) -> None: ...
    async def delete_case(self, case_id: str) -> None: ...


class Unavailable(Exception):
    """The database cannot be reached now (a restart, the network): try again later."""


class Fenced(Exception):
    """An append refused because the meeting's lease is no longer the writer's: another node
    owns the meeting now."""


class LeaseStore(Protocol):
    """Who owns each meeting, in the shared database (PostgreSQL; several nodes). Times are
    the database's clock, so the nodes' clocks need not agree."""

    async def take_lease(self, meeting_id: str, node: str, seconds: float) -> int | None: ...
    async def renew_leases(
        self, node: str, held: Sequence[tuple[str, int]], seconds: float
    ) -> set[str]: ...
    async def release_lease(self, meeting_id: str, node: str, epoch: int) -> None: ...
    async def append_fenced(
        self, ops: Ops, tokens: Tokens, node: str, epoch: int, quiet: Quiet = ()
    ) -> None: ...
    async def request_handover(self, meeting_id: str) -> None: ...
    async def on_handover(self, listener: "HandoverListener") -> None: ...


HandoverListener = Callable[[str], None]
"""Told the id of a meeting another node was asked for and wants."""


class Store(OpLog, Records, Protocol):
    """Both halves in one database, opened and closed with the server (the wiring's type)."""

    async def open(self) -> None: ...
    async def close(self) -> None: ...
    async def ping(self) -> None:
        """Raise unless the database answers now (readiness)."""
