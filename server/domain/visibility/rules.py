"""The rules: what of one entity a viewer receives, given the state it lives in.

A rule may read the entities this one refers to (`refers_to`), and nothing else of the state:
that is what lets ops.py show one op to a viewer from a small excerpt of the state."""

from msgspec.structs import replace

from server.domain.state import State
from server.domain.visibility.viewers import Viewer
from shared_schema import Agreement, Card, Entity, Participant, ScaleNote, Vote
from shared_schema.facilitation import Turns

Key = tuple[str, str]
"""An entity's kind (its tag) and id."""


def seen(state: State, entity: Entity, viewer: Viewer) -> Entity | None:
    """The entity as this viewer receives it, or None when they may not know it exists."""
    if isinstance(entity, Card):
        return _card(entity, viewer)
    if isinstance(entity, Vote):
        # A vote is the voter's alone, named or not: others learn the count from the scale,
        # and the values (without names when anonymous) only from the revealed scale.
        return entity if viewer.participant_id == entity.voter else None
    if isinstance(entity, Participant) and (_in_lobby(entity) or entity.removed):
        # Only the facilitator (and the person) know who is waiting to be let in. Someone sent
        # away is kept for the notes they wrote; others know them only from a note with their
        # name on it, so keeping them tells nobody they wrote an anonymous or hidden one.
        mine = viewer.participant_id == entity.id
        if viewer.role == "facilitator" or mine:
            return entity
        return entity if entity.removed and _signs(state, entity, viewer) else None
    if isinstance(entity, Agreement):
        return _agreement(state, entity, viewer)
    if isinstance(entity, ScaleNote):
        keeps = entity.family and not viewer.family_side
        return None if keeps and viewer.participant_id != entity.author else entity
    if isinstance(entity, Turns) and viewer.role != "facilitator" and (entity.talk or entity.turns):
        # Who spoke how long is for the facilitator, so quiet voices get room; never a record.
        return replace(entity, talk={}, turns={})
    return entity


def refers_to(state: State, entity: Entity) -> list[Key]:
    """The entities whose visibility this one's view depends on."""
    if isinstance(entity, Agreement) and entity.serves is not None:
        return [("card", entity.serves)]
    if isinstance(entity, Participant) and entity.removed:
        return [("card", card.id) for card in state.cards.values() if card.author == entity.id]
    return []


def referred_by(state: State, held: Key) -> list[Key]:
    """The entities whose view depends on this one: shown again when it changes."""
    kind, entity_id = held
    if kind != "card":
        return []
    serving = [("agreement", a.id) for a in state.agreements.values() if a.serves == entity_id]
    card = state.cards.get(entity_id)
    author = state.participants.get(card.author) if card is not None else None
    return [*serving, ("participant", author.id)] if author and author.removed else serving


def plain(state: State, entity: Entity) -> bool:
    """True when every viewer receives this entity as it is (the common, fast case)."""
    if isinstance(entity, Card):
        return not (entity.hidden or entity.family or entity.anonymous)
    if isinstance(entity, Vote):
        return False
    if isinstance(entity, Participant):
        return not _in_lobby(entity) and not entity.removed
    if isinstance(entity, Agreement):
        served = state.cards.get(entity.serves) if entity.serves is not None else None
        return not entity.family and (served is None or plain(state, served))
    if isinstance(entity, ScaleNote):
        return not entity.family
    if isinstance(entity, Turns):
        return not (entity.talk or entity.turns)
    return True


def _signs(state: State, person: Participant, viewer: Viewer) -> bool:
    """Whether this viewer receives a note with this person's name on it."""
    for card in state.cards.values():
        if card.author == person.id:
            shown = _card(card, viewer)
            if shown is not None and shown.author:
                return True
    return False


def _in_lobby(person: Participant) -> bool:
    # Someone sent away was in the meeting: their name stays with the notes they wrote.
    return not person.admitted and not person.removed


def _card(card: Card, viewer: Viewer) -> Card | None:
    mine = viewer.participant_id == card.author
    if card.hidden and not mine:
        # A note written privately reaches nobody else before it is revealed, the
        # facilitator included.
        return None
    if card.family and not (mine or viewer.family_side):
        # Family time: the family's notes reach no professional, nor the screen, before the
        # family shares them; a note from before that they edited is seen as it was.
        if card.shared_text is None:
            return None
        card = replace(card, text=card.shared_text, family=False)
    if card.shared_text is not None:
        card = replace(card, shared_text=None)
    if card.anonymous and not mine and viewer.role != "facilitator":
        card = replace(card, author="")
    return card


def _agreement(state: State, agreement: Agreement, viewer: Viewer) -> Agreement | None:
    if (
        agreement.family
        and not viewer.family_side
        and viewer.participant_id != agreement.proposed_by
    ):
        return None
    if agreement.serves is not None:
        served = state.cards.get(agreement.serves)
        if served is not None and _card(served, viewer) is None:
            # "Hører til" a note this viewer may not see: they learn neither text nor id.
            return replace(agreement, serves=None)
    return agreement
