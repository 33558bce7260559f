"""Notes on the board: add, edit, move, delete."""

from msgspec.structs import replace

from server.domain import agreements, permissions, writing
from server.domain.errors import Rejected, existing, require
from server.domain.order import key_between
from server.domain.state import State
from server.domain.text import NOTE_MAX, clean
from shared_schema import (
    AddCard,
    Card,
    Change,
    DeleteCard,
    EditCard,
    MoveCard,
    Participant,
    Remove,
    Upsert,
)

CARDS_MAX = 400


def _column_exists(state: State, column: str) -> None:
    assert state.meeting is not None
    require(column in state.meeting.columns, "invalid", say="column.unknown")


def _card(state: State, card_id: str) -> Card:
    return existing(state.cards, card_id, "card.gone")


def add_card(state: State, intent: AddCard, actor: Participant, now: float) -> list[Change]:
    _column_exists(state, intent.column)
    require(intent.card_id not in state.cards, "conflict", say="card.exists")
    require(
        len(state.cards) < CARDS_MAX, "too_large", say="card.too_many", params={"max": CARDS_MAX}
    )
    column = state.column_cards(intent.column)
    card = Card(
        id=intent.card_id,
        column=intent.column,
        text=clean(intent.text, limit=NOTE_MAX, multiline=True),
        author=actor.id,
        order=key_between(column[-1].order if column else None, None),
        created_at=now,
    )
    return [Upsert(entity=writing.stamp(state, card))]


def edit_card(state: State, intent: EditCard, actor: Participant, now: float) -> list[Change]:
    card = _card(state, intent.card_id)
    permissions.require_own(EditCard, actor, card.author == actor.id)
    text = clean(intent.text, limit=NOTE_MAX, multiline=True)
    changed = writing.edited(state, card, text, actor, now)
    return [] if changed is None else [Upsert(entity=changed)]


def move_card(state: State, intent: MoveCard, actor: Participant, now: float) -> list[Change]:
    card = _card(state, intent.card_id)
    _column_exists(state, intent.column)
    others = [c for c in state.column_cards(intent.column) if c.id != card.id]
    if intent.after is None:
        index = 0
    else:
        require(intent.after != card.id, "invalid", say="card.after_itself")
        positions = [c.id for c in others]
        if intent.after not in positions:
            raise Rejected("not_found", say="card.after_gone")
        index = positions.index(intent.after) + 1
    before = others[index - 1].order if index > 0 else None
    after = others[index].order if index < len(others) else None
    order = key_between(before, after)
    return [Upsert(entity=replace(card, column=intent.column, order=order))]


def delete_card(state: State, intent: DeleteCard, actor: Participant, now: float) -> list[Change]:
    card = _card(state, intent.card_id)
    writing.refuse_to_delete_from_before(state, card, actor)
    permissions.require_own(DeleteCard, actor, card.author == actor.id)
    unlinked = agreements.unlink_card(state, card.id)
    return [*unlinked, Remove(kind="card", id=card.id), *_forget_if_last(state, card)]


def _forget_if_last(state: State, card: Card) -> list[Change]:
    """Someone sent away is kept only for the notes they wrote: with the last one, they go too."""
    author = state.participants.get(card.author)
    if author is None or not author.removed:
        return []
    if any(c.author == author.id and c.id != card.id for c in state.cards.values()):
        return []
    return [Remove(kind="participant", id=author.id)]
