"""A meeting's whole state, and how changes move it forward."""

import msgspec

from shared_schema import (
    Agreement,
    Card,
    Change,
    Confirmation,
    Entity,
    Meeting,
    Participant,
    Person,
    Relation,
    Remove,
    Scale,
    ScaleNote,
    ScreenView,
    Upsert,
    Vote,
)
from shared_schema.facilitation import Agenda, Concern, Timer, Turns, Writing
from shared_schema.followup import CarriedDrawing
from shared_schema.safety import SafetyContact, SafetyRule, WarningSign


class State(msgspec.Struct, kw_only=True):
    """Everything one meeting holds. Owned by one Room; changed only through evolve()."""

    meeting: Meeting | None = None
    participants: dict[str, Participant] = msgspec.field(default_factory=dict)
    cards: dict[str, Card] = msgspec.field(default_factory=dict)
    agreements: dict[str, Agreement] = msgspec.field(default_factory=dict)
    confirmations: dict[str, Confirmation] = msgspec.field(default_factory=dict)
    persons: dict[str, Person] = msgspec.field(default_factory=dict)
    relations: dict[str, Relation] = msgspec.field(default_factory=dict)
    screen_view: ScreenView | None = None
    scales: dict[str, Scale] = msgspec.field(default_factory=dict)
    votes: dict[str, Vote] = msgspec.field(default_factory=dict)
    scale_notes: dict[str, ScaleNote] = msgspec.field(default_factory=dict)
    agenda: Agenda | None = None
    concern: Concern | None = None
    turns: Turns | None = None
    timer: Timer | None = None
    writing: Writing | None = None
    carried_drawing: CarriedDrawing | None = None
    safety_rules: dict[str, SafetyRule] = msgspec.field(default_factory=dict)
    safety_signs: dict[str, WarningSign] = msgspec.field(default_factory=dict)
    safety_contacts: dict[str, SafetyContact] = msgspec.field(default_factory=dict)

    def entities(self) -> list[Entity]:
        """Every entity, in the order of the fields above."""
        found: list[Entity] = []
        for name in self.__struct_fields__:
            held = getattr(self, name)
            if isinstance(held, dict):
                found.extend(held.values())
            elif held is not None:
                found.append(held)
        return found

    def column_cards(self, column: str) -> list[Card]:
        """The cards of one column in board order."""
        return sorted(
            (card for card in self.cards.values() if card.column == column),
            key=lambda card: (card.order, card.id),
        )


def evolve(state: State, changes: list[Change]) -> None:
    """Apply changes in place: the only way a State changes."""
    for change in changes:
        if isinstance(change, Upsert):
            _put(state, change.entity)
        else:
            _drop(state, change)


HELD_BY_ID: dict[str, str] = {
    "participant": "participants",
    "card": "cards",
    "agreement": "agreements",
    "confirmation": "confirmations",
    "person": "persons",
    "relation": "relations",
    "scale": "scales",
    "vote": "votes",
    "scale_note": "scale_notes",
    "safety_rule": "safety_rules",
    "safety_sign": "safety_signs",
    "safety_contact": "safety_contacts",
}
"""Entities a meeting has many of: their tag (the kind in a Remove) -> the State field that
holds them by id. Any other entity is one of its kind, in the field named as its tag."""


def _put(state: State, entity: Entity) -> None:
    tag = str(entity.__struct_config__.tag)
    field = HELD_BY_ID.get(tag)
    if field is None:
        setattr(state, tag, entity)
    else:
        getattr(state, field)[entity.id] = entity


def _drop(state: State, change: Remove) -> None:
    field = HELD_BY_ID.get(change.kind)
    if field is None:
        setattr(state, change.kind, None)
    else:
        getattr(state, field).pop(change.id, None)


def upsert_if_changed(before: Entity, after: Entity) -> list[Change]:
    """The upsert that takes `before` to `after`; none when they are equal, so an intent that
    changes nothing writes no op."""
    return [] if after == before else [Upsert(entity=after)]


def from_entities(entities: list[Entity]) -> State:
    state = State()
    evolve(state, [Upsert(entity=entity) for entity in entities])
    return state
