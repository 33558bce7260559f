"""People: joining (made by the server), admission from the lobby, and sending away."""

from msgspec.structs import replace

from server.domain import agreements, safety, turns
from server.domain import genogram as genogram_rules
from server.domain.errors import Rejected, require
from server.domain.permissions import PARTICIPANT_ROLES, can
from server.domain.state import State
from server.domain.text import NAME_MAX, RELATION_MAX, clean
from shared_schema import (
    AdmitParticipant,
    Change,
    JoinMeeting,
    Participant,
    RejectParticipant,
    Remove,
    Upsert,
)

PARTICIPANTS_MAX = 60


def join(state: State, intent: JoinMeeting, now: float) -> list[Change]:
    """A phone joins: into the lobby, or straight in when the meeting admits automatically."""
    assert state.meeting is not None
    person = intent.participant
    require(person.role in PARTICIPANT_ROLES, "invalid", "Vælg en rolle.")
    require(person.id not in state.participants, "conflict")
    require(
        len(state.participants) < PARTICIPANTS_MAX,
        "too_large",
        f"Mødet har nået grænsen på {PARTICIPANTS_MAX} deltagere.",
    )
    participant = replace(
        person,
        name=clean(person.name, limit=NAME_MAX),
        relation=clean(person.relation, limit=RELATION_MAX, required=False),
        admitted=state.meeting.auto_admit,
        removed=False,
        joined_at=now,
    )
    return [Upsert(entity=participant)]


def _other(state: State, participant_id: str) -> Participant:
    other = state.participants.get(participant_id)
    if other is None:
        raise Rejected("not_found", "Deltageren findes ikke (længere).")
    require(other.role != "facilitator", "not_allowed", "Mødelederen kan ikke lukkes ind eller ud.")
    return other


def admit(state: State, intent: AdmitParticipant, actor: Participant, now: float) -> list[Change]:
    require(can(actor.role, "participant.admit"))
    other = _other(state, intent.participant_id)
    require(not other.removed, "not_allowed", "Deltageren er sendt væk fra mødet.")
    if other.admitted:
        return []
    return [Upsert(entity=replace(other, admitted=True))]


def reject(state: State, intent: RejectParticipant, actor: Participant, now: float) -> list[Change]:
    """Sends the person away; notes they wrote stay on the board, in their words."""
    require(can(actor.role, "participant.reject"))
    other = _other(state, intent.participant_id)
    if other.removed:
        return []  # already sent away: a second click makes no op, as admitting twice makes none
    forgotten = [
        *agreements.forget_person(state, other.id),
        *safety.forget_person(state, other.id),
        *turns.forget(state, other.id, now),
        *genogram_rules.forget_participant(state, other.id),
    ]
    if any(card.author == other.id for card in state.cards.values()):
        return [*forgotten, Upsert(entity=replace(other, admitted=False, removed=True))]
    return [*forgotten, Remove(kind="participant", id=other.id)]
