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

    def entities(self) -> list[Entity]:
        found: list[Entity] = [] if self.meeting is None else [self.meeting]
        found.extend(self.participants.values())
        found.extend(self.cards.values())
        found.extend(self.agreements.values())
        found.extend(self.confirmations.values())
        found.extend(self.persons.values())
        found.extend(self.relations.values())
        if self.screen_view is not None:
            found.append(self.screen_view)
        found.extend(self.scales.values())
        found.extend(self.votes.values())
        found.extend(self.scale_notes.values())
        found.extend(x for x in (self.agenda, self.concern, self.turns) if x is not None)
        found.extend(x for x in (self.timer, self.writing) if x is not None)
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


def _put(state: State, entity: Entity) -> None:
    if isinstance(entity, Meeting):
        state.meeting = entity
    elif isinstance(entity, Participant):
        state.participants[entity.id] = entity
    elif isinstance(entity, Agreement):
        state.agreements[entity.id] = entity
    elif isinstance(entity, Confirmation):
        state.confirmations[entity.id] = entity
    elif isinstance(entity, Person):
        state.persons[entity.id] = entity
    elif isinstance(entity, Relation):
        state.relations[entity.id] = entity
    elif isinstance(entity, ScreenView):
        state.screen_view = entity
    elif isinstance(entity, Scale):
        state.scales[entity.id] = entity
    elif isinstance(entity, Vote):
        state.votes[entity.id] = entity
    elif isinstance(entity, ScaleNote):
        state.scale_notes[entity.id] = entity
    elif isinstance(entity, Agenda):
        state.agenda = entity
    elif isinstance(entity, Concern):
        state.concern = entity
    elif isinstance(entity, Turns):
        state.turns = entity
    elif isinstance(entity, Timer):
        state.timer = entity
    elif isinstance(entity, Writing):
        state.writing = entity
    else:
        state.cards[entity.id] = entity


def _drop(state: State, change: Remove) -> None:
    if change.kind == "participant":
        state.participants.pop(change.id, None)
    elif change.kind == "card":
        state.cards.pop(change.id, None)
    elif change.kind == "agreement":
        state.agreements.pop(change.id, None)
    elif change.kind == "confirmation":
        state.confirmations.pop(change.id, None)
    elif change.kind == "person":
        state.persons.pop(change.id, None)
    elif change.kind == "relation":
        state.relations.pop(change.id, None)
    elif change.kind == "screen_view":
        state.screen_view = None
    elif change.kind == "scale":
        state.scales.pop(change.id, None)
    elif change.kind == "vote":
        state.votes.pop(change.id, None)
    elif change.kind == "scale_note":
        state.scale_notes.pop(change.id, None)
    else:
        state.meeting = None


def from_entities(entities: list[Entity]) -> State:
    state = State()
    evolve(state, [Upsert(entity=entity) for entity in entities])
    return state
