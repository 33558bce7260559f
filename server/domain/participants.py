"""People: joining (made by the server), admission from the lobby, and sending away."""

from msgspec.structs import replace

from server.domain import agreements, safety, turns
from server.domain import genogram as genogram_rules
from server.domain.errors import Rejected, require
from server.domain.permissions import PARTICIPANT_ROLES
from server.domain.state import State
from server.domain.text import NAME_MAX, RELATION_MAX, clean
from shared_schema import (
    AdmitParticipant,
    Change,
    JoinMeeting,
    Participant,
    RejectParticipant,
    RejectWaiting,
    Remove,
    Upsert,
)

PARTICIPANTS_MAX = 60
"""People in the meeting at once (the facilitator included); those waiting do not count."""
LOBBY_MAX = 30
"""People waiting in the lobby at once: a flood of joins stops here, and the facilitator can
turn them all away in one action."""


def _in_meeting(state: State) -> int:
    return sum(1 for p in state.participants.values() if p.admitted and not p.removed)


def _waiting(state: State) -> list[Participant]:
    return [p for p in state.participants.values() if not p.admitted and not p.removed]


def _room_for_one_more(state: State) -> None:
    require(
        _in_meeting(state) < PARTICIPANTS_MAX,
        "too_large",
        say="participant.too_many",
        params={"max": PARTICIPANTS_MAX},
    )


def join(state: State, intent: JoinMeeting, now: float) -> list[Change]:
    """A phone joins: into the lobby, or straight in when the meeting admits automatically."""
    assert state.meeting is not None
    person = intent.participant
    require(person.role in PARTICIPANT_ROLES, "invalid", say="participant.role_missing")
    require(person.id not in state.participants, "conflict")
    if state.meeting.auto_admit:
        _room_for_one_more(state)
    else:
        require(
            len(_waiting(state)) < LOBBY_MAX,
            "rate_limited",
            say="lobby.full",
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
        raise Rejected("not_found", say="participant.gone")
    require(other.role != "facilitator", "not_allowed", say="participant.facilitator_stays")
    return other


def admit(state: State, intent: AdmitParticipant, actor: Participant, now: float) -> list[Change]:
    other = _other(state, intent.participant_id)
    require(not other.removed, "not_allowed", say="participant.sent_away")
    if other.admitted:
        return []
    _room_for_one_more(state)
    return [Upsert(entity=replace(other, admitted=True))]


def reject(state: State, intent: RejectParticipant, actor: Participant, now: float) -> list[Change]:
    """Sends the person away; notes they wrote stay on the board, in their words."""
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


def reject_waiting(
    state: State, intent: RejectWaiting, actor: Participant, now: float
) -> list[Change]:
    """Everyone in the lobby is sent away. Nobody waiting can have written anything; an
    agreement the facilitator already gave one of them keeps them by name, as `reject` does."""
    waiting = _waiting(state)
    gone = {person.id: person.name for person in waiting}
    changes: list[Change] = []
    for agreement in state.agreements.values():
        named = [gone[p] for p in agreement.who_participants if p in gone]
        if named:
            kept = replace(
                agreement,
                who_participants=[p for p in agreement.who_participants if p not in gone],
                who_names=[
                    *agreement.who_names,
                    *(n for n in named if n not in agreement.who_names),
                ],
            )
            changes.append(Upsert(entity=kept))
    return [*changes, *(Remove(kind="participant", id=person.id) for person in waiting)]
