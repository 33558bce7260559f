"""The facilitator role: held by one person, and only handed on explicitly."""

from msgspec.structs import replace

from server.domain.errors import Rejected, require
from server.domain.state import State
from shared_schema import Change, Participant, Upsert
from shared_schema.facilitation import HandOver


def hand_over(state: State, intent: HandOver, actor: Participant, now: float) -> list[Change]:
    """The co-facilitator becomes the facilitator; the one who hands over stays in the meeting
    as a professional (fagperson) and can be handed the role back."""
    other = state.participants.get(intent.participant_id)
    if other is None or not other.admitted or other.removed:
        raise Rejected("not_found", say="participant.absent")
    require(other.id != actor.id, "invalid", say="handoff.already")
    return [
        Upsert(entity=replace(other, role="facilitator")),
        Upsert(entity=replace(actor, role="fagperson")),
    ]
