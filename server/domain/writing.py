"""How notes are written: privately until revealed, anonymously, or by the family alone in
family time (familierådslagning). What a card carries here is what visibility.py acts on."""

from msgspec.structs import replace

from server.domain.errors import require
from server.domain.permissions import can
from server.domain.state import State
from shared_schema import Card, Change, Intent, Participant, ProposeAgreement, Upsert
from shared_schema.facilitation import (
    EndFamilyTime,
    ReleaseFamilyPlan,
    RevealNotes,
    SetAnonymous,
    StartFamilyTime,
    StartPrivateWriting,
    Writing,
)

FAMILY_SIDE = frozenset({"familie", "privat"})


def current(state: State) -> Writing:
    assert state.meeting is not None
    return state.writing or Writing(id=state.meeting.id)


def _put(state: State, writing: Writing) -> list[Change]:
    return [] if writing == current(state) else [Upsert(entity=writing)]


def stamp(state: State, card: Card) -> Card:
    """A new note as the way of writing makes it: hidden, anonymous, the family's."""
    writing = current(state)
    return replace(
        card,
        hidden=writing.private and writing.column in (None, card.column),
        anonymous=writing.anonymous,
        family=writing.family,
    )


def guard(state: State, intent: Intent, actor: Participant) -> None:
    """In family time the professionals wait, and nothing is proposed that they would see."""
    if state.writing is None or not state.writing.family:
        return
    require(
        actor.role in FAMILY_SIDE or actor.role == "facilitator",
        "not_allowed",
        "Familien har tid for sig selv lige nu.",
    )
    require(
        not isinstance(intent, ProposeAgreement),
        "not_allowed",
        "Skriv familiens plan som noter; de deles, når familien er klar.",
    )


def start_private(
    state: State, intent: StartPrivateWriting, actor: Participant, now: float
) -> list[Change]:
    require(can(actor.role, "writing.run"))
    assert state.meeting is not None
    require(
        intent.column is None or intent.column in state.meeting.columns,
        "invalid",
        "Den kolonne findes ikke i dette møde.",
    )
    return _put(state, replace(current(state), private=True, column=intent.column))


def reveal(state: State, intent: RevealNotes, actor: Participant, now: float) -> list[Change]:
    """Every hidden note at once, in one op: nobody sees some before the others."""
    require(can(actor.role, "writing.run"))
    shown: list[Change] = [
        Upsert(entity=replace(card, hidden=False)) for card in state.cards.values() if card.hidden
    ]
    return [*shown, *_put(state, replace(current(state), private=False, column=None))]


def set_anonymous(
    state: State, intent: SetAnonymous, actor: Participant, now: float
) -> list[Change]:
    require(can(actor.role, "writing.run"))
    return _put(state, replace(current(state), anonymous=intent.on))


def start_family(
    state: State, intent: StartFamilyTime, actor: Participant, now: float
) -> list[Change]:
    require(can(actor.role, "family.start"))
    return _put(state, replace(current(state), family=True))


def release_family(
    state: State, intent: ReleaseFamilyPlan, actor: Participant, now: float
) -> list[Change]:
    require(can(actor.role, "family.release"))
    # After family time has ended the family may still share what it kept.
    kept = any(card.family for card in state.cards.values())
    require(current(state).family or kept, "conflict", "Familien har ikke noget at dele nu.")
    shared: list[Change] = [
        Upsert(entity=replace(card, family=False)) for card in state.cards.values() if card.family
    ]
    return [*shared, *_put(state, replace(current(state), family=False))]


def end_family(state: State, intent: EndFamilyTime, actor: Participant, now: float) -> list[Change]:
    """The professionals come back; the family's unshared notes stay the family's."""
    require(can(actor.role, "family.end"))
    require(current(state).family, "conflict", "Familien har ikke tid for sig selv nu.")
    return _put(state, replace(current(state), family=False))
