"""How notes are written: privately until revealed, anonymously, or by the family alone in
family time (familierådslagning). What a card carries here is what visibility.py acts on."""

from msgspec.structs import replace

from server.domain import safety
from server.domain.errors import require
from server.domain.permissions import FAMILY_SIDE, in_family_time
from server.domain.state import State, upsert_if_changed
from shared_schema import (
    Agreement,
    Card,
    Change,
    Participant,
    ScaleNote,
    Upsert,
)
from shared_schema.facilitation import (
    EndFamilyTime,
    ReleaseFamilyPlan,
    RevealNotes,
    SetAnonymous,
    StartFamilyTime,
    StartPrivateWriting,
    Writing,
)


def current(state: State) -> Writing:
    assert state.meeting is not None
    return state.writing or Writing(id=state.meeting.id)


def _set(state: State, **fields: object) -> list[Change]:
    """The way of writing with these fields changed, if that is a change."""
    before = current(state)
    return upsert_if_changed(before, replace(before, **fields))


def _family_writes(state: State, actor_id: str) -> bool:
    """What this person writes now is the family's until they share it."""
    author = state.participants.get(actor_id)
    return in_family_time(state) and author is not None and author.role in FAMILY_SIDE


def stamp(state: State, card: Card) -> Card:
    """A new note as the way of writing makes it: hidden, anonymous, the family's."""
    writing = current(state)
    return replace(
        card,
        hidden=writing.private and writing.column in (None, card.column),
        anonymous=writing.anonymous,
        family=_family_writes(state, card.author),
    )


def stamp_agreement(state: State, agreement: Agreement) -> Agreement:
    return replace(agreement, family=_family_writes(state, agreement.proposed_by))


def stamp_scale_note(state: State, note: ScaleNote) -> ScaleNote:
    return replace(note, family=_family_writes(state, note.author))


def edited(state: State, card: Card, text: str, actor: Participant, now: float) -> Card | None:
    """The note after an edit, or None when the editor sees no change. In family time the
    family's edit of a note from before is held back: everyone else keeps receiving the note
    as it was (`shared_text`) until the family shares its plan."""
    if card.shared_text is not None and actor.role not in FAMILY_SIDE:
        # The facilitator edits the note as they see it; the family's version is shared later.
        return None if text == card.shared_text else replace(card, shared_text=text, edited_at=now)
    if text == card.text:
        return None
    if _family_writes(state, actor.id) and (not card.family or card.shared_text is not None):
        before = card.text if card.shared_text is None else card.shared_text
        return replace(card, text=text, family=True, shared_text=before)
    return replace(card, text=text, edited_at=now)


def refuse_to_delete_from_before(state: State, card: Card, actor: Participant) -> None:
    """In family time the family deletes only what it wrote in family time and kept: the
    others would see a note from before go at once."""
    require(
        not in_family_time(state) or actor.role not in FAMILY_SIDE or _kept(card),
        "not_allowed",
        say="family.delete_later",
    )


def _kept(card: Card) -> bool:
    return card.family and card.shared_text is None


def refuse_to_withdraw_from_before(state: State, agreement: Agreement, actor: Participant) -> None:
    """In family time the family withdraws only its own proposals from family time."""
    require(
        not in_family_time(state) or actor.role not in FAMILY_SIDE or agreement.family,
        "not_allowed",
        say="family.withdraw_later",
    )


def start_private(
    state: State, intent: StartPrivateWriting, actor: Participant, now: float
) -> list[Change]:
    assert state.meeting is not None
    require(
        intent.column is None or intent.column in state.meeting.columns,
        "invalid",
        say="column.unknown",
    )
    return _set(state, private=True, column=intent.column)


def reveal(state: State, intent: RevealNotes, actor: Participant, now: float) -> list[Change]:
    """Every hidden note at once, in one op: nobody sees some before the others."""
    shown: list[Change] = [
        Upsert(entity=replace(card, hidden=False)) for card in state.cards.values() if card.hidden
    ]
    return [*shown, *_set(state, private=False, column=None)]


def set_anonymous(
    state: State, intent: SetAnonymous, actor: Participant, now: float
) -> list[Change]:
    return _set(state, anonymous=intent.on)


def start_family(
    state: State, intent: StartFamilyTime, actor: Participant, now: float
) -> list[Change]:
    return _set(state, family=True)


def release_family(
    state: State, intent: ReleaseFamilyPlan, actor: Participant, now: float
) -> list[Change]:
    """Everything the family wrote in family time is shared at once, in one op."""
    # After family time has ended the family may still share what it kept.
    kept = (
        any(card.family for card in state.cards.values())
        or any(agreement.family for agreement in state.agreements.values())
        or any(note.family for note in state.scale_notes.values())
    )
    require(current(state).family or kept, "conflict", say="family.nothing_to_share")
    shared: list[Change] = [
        Upsert(entity=_shared_card(card, now)) for card in state.cards.values() if card.family
    ]
    shared += [
        Upsert(entity=replace(agreement, family=False))
        for agreement in state.agreements.values()
        if agreement.family
    ]
    shared += [
        Upsert(entity=replace(note, family=False))
        for note in state.scale_notes.values()
        if note.family
    ]
    return [
        *shared,
        *safety.release_family(state),
        *_set(state, family=False),
    ]


def _shared_card(card: Card, now: float) -> Card:
    if card.shared_text is None:
        return replace(card, family=False)
    return replace(card, family=False, shared_text=None, edited_at=now)


def end_family(state: State, intent: EndFamilyTime, actor: Participant, now: float) -> list[Change]:
    """The professionals come back; the family's unshared notes stay the family's."""
    require(current(state).family, "conflict", say="family.not_own_time")
    return _set(state, family=False)
