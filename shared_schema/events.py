"""What the server sends: acks, changes by seq, sync answers, presence."""

from typing import Literal, get_args

import msgspec

from shared_schema.entities import Entity, Role
from shared_schema.refusals import RefusalId

ErrorCode = Literal[
    "not_allowed",
    "invalid",
    "too_large",
    "rate_limited",
    "not_found",
    "conflict",
    "cpr_detected",
    "unavailable",
    "closed",
    "ancestry_loop",
    "too_many_parents",
    "born_after_child",
    "invalid_phone",
    "deleted",
]
ERROR_CODES: tuple[ErrorCode, ...] = get_args(ErrorCode)


class Upsert(msgspec.Struct, tag="upsert", kw_only=True):
    entity: Entity


class Remove(msgspec.Struct, tag="remove", kw_only=True):
    kind: Literal[
        "meeting",
        "participant",
        "card",
        "agreement",
        "confirmation",
        "person",
        "relation",
        "screen_view",
        "scale",
        "vote",
        "scale_note",
        "safety_rule",
        "safety_sign",
        "safety_contact",
    ]
    id: str


Change = Upsert | Remove


class Op(msgspec.Struct, kw_only=True):
    """One applied intent: its seq in the meeting and the changes it made."""

    seq: int
    changes: list[Change]


class Ack(msgspec.Struct, kw_only=True, omit_defaults=True):
    """The answer to one intent, by its id. A duplicate id gets the original ack again, also
    after a restart. An intent that changed nothing is acked with the seq it was applied at
    (no op, no seq of its own) and kept for dedupe like any other: its resend changes nothing,
    even after someone else's edit."""

    id: str
    ok: bool
    seq: int | None = None
    code: ErrorCode | None = None
    message: ErrorCode | RefusalId | None = None
    """What a refusal says, as an id the client words from its catalogue (`refusal.<id>`, or
    `error.<code>` when the id is the code itself); never words of the server's."""
    params: dict[str, str | int] | None = None
    """The refusal's particulars for its words: a limit (`max`), names, a field's `path`."""
    now: float | None = None
    """The server's clock when it answered: clients correct their timers by it."""


class ChangesEvent(msgspec.Struct, kw_only=True):
    """Broadcast `changes`: one op, sent only after it is durable."""

    seq: int
    changes: list[Change]


class Hello(msgspec.Struct, kw_only=True):
    """Sent by a client after `welcome` says it is admitted: the last seq it has applied."""

    last_seq: int = 0


class Sync(msgspec.Struct, kw_only=True, omit_defaults=True):
    """The answer to `hello`: either the ops after last_seq, or a whole snapshot at seq."""

    seq: int
    ops: list[Op] | None = None
    snapshot: list[Entity] | None = None


class Links(msgspec.Struct, kw_only=True):
    """How people join: shown on the screen and in the facilitator view."""

    join_url: str
    join_code: str
    join_qr_svg: str


class Permission(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One row of the server's permission table: who may send one type of intent. Clients
    show a person what they may do from it, and keep no rule of their own."""

    roles: list[Role]
    own: list[Role] = msgspec.field(default_factory=list)
    """Who may send it about what is their own (their note, their proposal, their hand)."""
    family_time: list[Role] = msgspec.field(default_factory=list)
    """Who may send it while the family has its time (familierådslagning)."""


class Welcome(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Sent on connect and again on admission. A client in the lobby gets nothing else. The
    room's screen gets it again with new `links` when the facilitator renews the join link."""

    meeting_id: str
    role: Role | Literal["screen"]
    admitted: bool
    participant_id: str | None = None
    links: Links | None = None
    now: float | None = None
    """The server's clock: clients count timers down on it, not on their own."""
    permissions: dict[str, Permission] | None = None
    """The permission table by intent type, sent with the first welcome that says the client
    is admitted (on connecting, or on admission from the lobby)."""


class Presence(msgspec.Struct, kw_only=True):
    """Who has at least one device connected (participant ids). Someone whose last device went
    stays in it for a few seconds: a phone back from a screen lock is never shown gone."""

    online: list[str]


class Goodbye(msgspec.Struct, kw_only=True):
    """Sent just before the server closes a connection for good: `not_allowed` when the person
    was sent away (or turned away from the lobby), `deleted` when the meeting was deleted (by
    its facilitator or by retention); every socket of the meeting gets that one."""

    code: ErrorCode
    message: str
