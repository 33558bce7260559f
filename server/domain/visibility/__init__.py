"""What a viewer may see: the one place that decides it, for every output of a meeting.

Live changes (`witness` -> `OpView.changes_for`), a resync's snapshot and the records (referat,
exports, the summary page) all take what they show from here; an intent naming something its
sender may not see is, to the sender, naming nothing (`as_named_by`). docs/security.md tells
who sees what, on which route, and why."""

from server.domain.state import State, from_entities
from server.domain.visibility.names import as_named_by
from server.domain.visibility.ops import OpView, witness
from server.domain.visibility.rules import plain, seen
from server.domain.visibility.viewers import RECORD, SUMMARY, Viewer, ViewerRole
from shared_schema import Entity


def entities(state: State, viewer: Viewer) -> list[Entity]:
    """Everything of the meeting this viewer may see, as they see it: a resync's snapshot."""
    shown = (seen(state, entity, viewer) for entity in state.entities())
    return [entity for entity in shown if entity is not None]


def state_for(state: State, viewer: Viewer) -> State:
    """The meeting as this viewer may see it, for building a record from."""
    return from_entities(entities(state, viewer))


__all__ = [
    "RECORD",
    "SUMMARY",
    "OpView",
    "Viewer",
    "ViewerRole",
    "as_named_by",
    "entities",
    "plain",
    "seen",
    "state_for",
    "witness",
]
