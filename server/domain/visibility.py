"""Who may see what: each change is shown to a viewer as it is, or as a removal.

A rule reads only the change itself and the viewer, never the rest of the state, so the same
rule serves a live broadcast and a resync from the op log long after."""

from typing import Literal

import msgspec

from shared_schema import Change, Entity, Participant, Remove, Role, Upsert, Vote

ViewerRole = Role | Literal["screen"]


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
    return True


def everyone_sees(change: Change) -> bool:
    """True when every admitted viewer gets this change as it is (the common, fast case)."""
    if isinstance(change, Upsert) and isinstance(change.entity, Vote):
        return False
    return not isinstance(change, Upsert) or not _in_lobby(change.entity)


def view(change: Change, viewer: Viewer) -> Change:
    """The change as this viewer gets it: itself, or the removal of what they may not see."""
    if isinstance(change, Upsert) and not _sees(change.entity, viewer):
        return Remove(kind=change.entity.__struct_config__.tag, id=change.entity.id)  # type: ignore[arg-type]
    return change


def visible(entities: list[Entity], viewer: Viewer) -> list[Entity]:
    return [entity for entity in entities if _sees(entity, viewer)]
