"""Who may see what: each change is shown to a viewer as it is, or as a removal.

A rule reads only the change itself and the viewer, never the rest of the state, so the same
rule serves a live broadcast and a resync from the op log long after."""

from typing import Literal

import msgspec
from msgspec.structs import replace

from shared_schema import Card, Change, Entity, Participant, Remove, Role, Upsert, Vote
from shared_schema.facilitation import Turns
from shared_schema.safety import SafetyContact, SafetyRule, WarningSign

ViewerRole = Role | Literal["screen"]
PROFESSIONALS: frozenset[ViewerRole] = frozenset({"facilitator", "fagperson", "raadgiver"})


class Viewer(msgspec.Struct, frozen=True, kw_only=True):
    role: ViewerRole
    participant_id: str | None = None


def _in_lobby(entity: Entity) -> bool:
    # Someone sent away was in the meeting: their name stays with the notes they wrote.
    return isinstance(entity, Participant) and not entity.admitted and not entity.removed


def _sees(entity: Entity, viewer: Viewer) -> bool:
    if isinstance(entity, Vote):
        # A vote is the voter's alone, named or not: others learn the count from the scale,
        # and the values (without names when anonymous) only from the revealed scale.
        return viewer.participant_id == entity.voter
    if _in_lobby(entity):
        # Only the facilitator (and the person) know who is waiting to be let in.
        return viewer.role == "facilitator" or viewer.participant_id == entity.id
    if isinstance(entity, Card):
        return _sees_card(entity, viewer)
    if isinstance(entity, SafetyRule | WarningSign | SafetyContact):
        # The safety plan the family writes in family time is held back as its notes are.
        return viewer.participant_id == entity.proposed_by or not (
            entity.family and viewer.role in PROFESSIONALS
        )
    return True


def _sees_card(card: Card, viewer: Viewer) -> bool:
    if viewer.participant_id == card.author:
        return True
    # A note written privately reaches nobody else before it is revealed, the facilitator
    # included; one written in family time reaches no professional before the family shares it.
    return not card.hidden and not (card.family and viewer.role in PROFESSIONALS)


def _as_seen(entity: Entity, viewer: Viewer) -> Entity:
    """What of a visible entity this viewer gets: an anonymous note's author only for its
    author and the facilitator; spoken time per person only for the facilitator."""
    if viewer.role == "facilitator":
        return entity
    if isinstance(entity, Card) and entity.anonymous and viewer.participant_id != entity.author:
        return replace(entity, author="")
    if isinstance(entity, Turns) and (entity.talk or entity.turns):
        return replace(entity, talk={}, turns={})
    return entity


def _private(entity: Entity) -> bool:
    if isinstance(entity, Vote):
        return True
    if isinstance(entity, Card):
        return entity.hidden or entity.family or entity.anonymous
    if isinstance(entity, SafetyRule | WarningSign | SafetyContact):
        return entity.family
    return isinstance(entity, Turns) and bool(entity.talk or entity.turns)


def everyone_sees(change: Change) -> bool:
    """True when every admitted viewer gets this change as it is (the common, fast case)."""
    if isinstance(change, Upsert) and _private(change.entity):
        return False
    return not isinstance(change, Upsert) or not _in_lobby(change.entity)


def view(change: Change, viewer: Viewer) -> Change:
    """The change as this viewer gets it: itself, or the removal of what they may not see."""
    if isinstance(change, Upsert) and not _sees(change.entity, viewer):
        return Remove(kind=change.entity.__struct_config__.tag, id=change.entity.id)  # type: ignore[arg-type]
    if isinstance(change, Upsert):
        return Upsert(entity=_as_seen(change.entity, viewer))
    return change


def visible(entities: list[Entity], viewer: Viewer) -> list[Entity]:
    return [_as_seen(entity, viewer) for entity in entities if _sees(entity, viewer)]
