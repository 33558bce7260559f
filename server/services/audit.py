"""The audit log a facilitator reads: sign-ins, joins, admissions, exports and deletions.

A row says when, who and what. It never holds note text: its details are network addresses,
counts, and the names of people in a meeting, which passed the CPR check when they joined.
"""

import time

import msgspec
from msgspec.structs import replace

from server.domain import State
from server.store import AuditEvent, Store
from shared_schema import Ack, AdmitParticipant, Intent, RejectParticipant, RejectWaiting

LOG_LIMIT = 500
"""The newest rows the facilitator's view shows."""
KEEP_DAYS = 365
"""Rows that name no meeting (sign-ins, deletions) are kept a year; a meeting's go with it."""

SHOWN_DETAIL = frozenset(
    {
        "user.login",
        "user.login.failed",
        "participant.join",
        "participant.admit",
        "participant.reject",
        "retention.purge",
        "case.delete",
        "meeting.delete",
        "user.password",
        "user.delete",
        "user.invite",
        "user.invitation",
        "user.deactivate",
        "user.activate",
        "team.create",
        "user.2fa.failed.totp",
        "user.2fa.failed.recovery",
        "user.2fa.failed.passkey",
        "user.passkey.add",
        "user.reset_2fa",
    }
)
"""Actions whose detail the facilitator reads (an address, a name, a count); the rest hold ids
and times the view shows in its own columns."""


class Admission(msgspec.Struct, kw_only=True):
    """Letting someone in from the lobby or sending them away, noted before the intent runs:
    a person sent away without notes is gone from the state after it."""

    event: AuditEvent
    seq_before: int

    async def record(self, store: Store, ack: Ack) -> None:
        """Once per op: a resent intent gets its first ack again, with a seq from before."""
        if ack.ok and ack.seq is not None and ack.seq > self.seq_before:
            await store.audit(replace(self.event, at=time.time()))


def admission(state: State, seq: int, intent: Intent, actor_id: str) -> Admission | None:
    kinds = AdmitParticipant | RejectParticipant | RejectWaiting
    if not isinstance(intent, kinds) or state.meeting is None:
        return None
    actor = state.participants.get(actor_id)
    if isinstance(intent, RejectWaiting):
        # Turning the whole lobby away (a flood): one row with how many, not a row per name.
        waiting = sum(1 for p in state.participants.values() if not p.admitted and not p.removed)
        subject = f"{waiting} i venterummet"
    else:
        person = state.participants.get(intent.participant_id)
        subject = person.name if person is not None else ""
    return Admission(
        event=AuditEvent(
            meeting=state.meeting.id,
            actor=actor_id,
            action="participant.admit"
            if isinstance(intent, AdmitParticipant)
            else "participant.reject",
            detail=subject,
            actor_name=actor.name if actor is not None else "",
        ),
        seq_before=seq,
    )
