"""The Holm meeting (an invented case about Emil, 9) as domain states for unit and property tests.

People and notes come from shared/scenarios/holm.json; every person and fact there is invented.
"""

import itertools
from dataclasses import dataclass

import msgspec
import pytest

from server.domain import Rejected, State, apply, apply_system, evolve
from shared_schema import (
    COLUMNS,
    AddCard,
    AdmitParticipant,
    Card,
    Carried,
    Change,
    ColumnKey,
    CreateMeeting,
    ErrorCode,
    Intent,
    JoinMeeting,
    Meeting,
    Participant,
    ParticipantRole,
    Role,
    SystemIntent,
    Template,
)

NOW = 1_763_373_600.0
"""A Monday afternoon in November 2025, when the Holm meeting is held."""
MEETING_ID = "holm-emil-9"
TITLE = "Emil, 9 år"
LOUISE = "louise"
"""The facilitator, a social worker at the kommune."""
SCREEN = "screen-moedelokale-2"
"""The big screen in the meeting room: it shows the board but is no participant."""


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: ParticipantRole
    relation: str
    remote: bool = False


PEOPLE: dict[str, Person] = {
    person.id: person
    for person in [
        Person("sara", "Sara", "familie", "mor"),
        Person("thomas", "Thomas", "familie", "far"),
        Person("birthe", "Birthe", "privat", "mormor"),
        Person("jonas", "Jonas", "privat", "morbror og fodboldtræner"),
        Person("maria", "Maria", "privat", "faster (bor i Aarhus)", remote=True),
        Person("hanne", "Hanne", "privat", "nabo"),
        Person("mette", "Mette", "fagperson", "klasselærer"),
        Person("anders", "Anders", "fagperson", "PPR-psykolog", remote=True),
        Person("katrine", "Katrine", "raadgiver", "familiens rådgiver"),
    ]
}

ONE_OF_EACH_ROLE: dict[ParticipantRole, str] = {
    "familie": "sara",
    "privat": "birthe",
    "fagperson": "mette",
    "raadgiver": "katrine",
}
"""One Holm person per role a phone can choose."""


@dataclass(frozen=True)
class Note:
    by: str
    column: ColumnKey
    text: str


NOTES: list[Note] = [
    Note("jonas", "works", "Emil elsker fodbold og har ikke misset en eneste træning i år."),
    Note("birthe", "works", "Jeg henter Emil hver onsdag, og vi bager sammen."),
    Note("sara", "works", "Jeg går selv til min læge og får hjælp."),
    Note("thomas", "works", "Emil og jeg har gode weekender hver anden uge."),
    Note(
        "mette", "works", "Når Emil er i skole, er han glad og nysgerrig, især i natur/teknologi."
    ),
    Note("mette", "worries", "Emil kommer for sent 2–3 dage om ugen, og fraværet er 18 % i år."),
    Note("sara", "worries", "Om morgenen er jeg alene, når jeg har det dårligt."),
    Note("mette", "worries", "Emil er meget alene i frikvartererne."),
    Note("katrine", "worries", "Sara og Thomas taler ikke sammen om Emil."),
    Note("birthe", "next", "Nogen skal hjælpe med morgenerne i de dårlige perioder."),
    Note("jonas", "next", "Emil skal have en ven at lege med efter skole."),
    Note("thomas", "next", "Sara og jeg skal have en fælles måde at give besked om Emil."),
]

_op_numbers = itertools.count(1)


def op_id() -> str:
    """A fresh client-made intent id (8 to 64 characters, as the schema wants)."""
    return f"op-{next(_op_numbers):08d}"


def encoded(state: State) -> bytes:
    """The state as its snapshot bytes: equal bytes mean nothing observable changed."""
    return msgspec.msgpack.encode(state)


def act(state: State, intent: Intent, actor_id: str, now: float = NOW) -> list[Change]:
    """Apply one intent from a person and move the state forward, as a Room does."""
    changes = apply(state, intent, actor_id, now)
    evolve(state, changes)
    return changes


def creating(
    template: Template = "three_columns",
    *,
    role: Role = "facilitator",
    auto_admit: bool = False,
    carried: Carried | None = None,
) -> CreateMeeting:
    """The first op the server makes when Louise creates the meeting (a follow-up, `carried`)."""
    return CreateMeeting(
        id=op_id(),
        meeting=Meeting(
            id=MEETING_ID,
            title=TITLE,
            template=template,
            columns=list(COLUMNS[template]),
            auto_admit=auto_admit,
            created_at=NOW,
        ),
        facilitator=Participant(id=LOUISE, name="Louise", role=role, joined_at=NOW),
        carried=carried,
    )


def new_meeting(template: Template = "three_columns", *, auto_admit: bool = False) -> State:
    """A meeting Louise has just created: only she is in it."""
    state = State()
    evolve(state, apply_system(state, creating(template, auto_admit=auto_admit), NOW))
    return state


def joining(person_id: str) -> JoinMeeting:
    """The intent the server makes when a Holm person joins from their phone."""
    person = PEOPLE[person_id]
    return JoinMeeting(
        id=op_id(),
        participant=Participant(
            id=person.id,
            name=person.name,
            role=person.role,
            relation=person.relation,
            remote=person.remote,
            joined_at=NOW,
        ),
    )


def join(state: State, person_id: str, *, admit: bool = True) -> Participant:
    """A Holm person joins; Louise lets them in from the lobby unless told not to."""
    evolve(state, apply_system(state, joining(person_id), NOW))
    if admit and not state.participants[person_id].admitted:
        act(state, AdmitParticipant(id=op_id(), participant_id=person_id), LOUISE)
    return state.participants[person_id]


def write(state: State, author: str, text: str, column: ColumnKey = "works") -> Card:
    """A note written by `author`, put last in its column."""
    card_id = f"note-{len(state.cards) + 1:03d}"
    act(state, AddCard(id=op_id(), card_id=card_id, column=column, text=text), author)
    return state.cards[card_id]


def holm(
    template: Template = "three_columns", *, notes: bool = True, waiting: tuple[str, ...] = ()
) -> State:
    """The whole Holm network admitted but those `waiting` in the lobby, and (by default) the
    notes they wrote in the meeting."""
    state = new_meeting(template)
    for person_id in PEOPLE:
        join(state, person_id, admit=person_id not in waiting)
    if notes:
        for note in NOTES:
            write(state, note.by, note.text, note.column)
    return state


def card_by_text(state: State, text: str) -> Card:
    return next(card for card in state.cards.values() if card.text == text)


def column_texts(state: State, column: ColumnKey) -> list[str]:
    return [card.text for card in state.column_cards(column)]


def refused(state: State, intent: Intent, actor_id: str) -> ErrorCode:
    """The code an intent is refused with; fails when it is accepted or the state moved."""
    before = encoded(state)
    with pytest.raises(Rejected) as refusal:
        apply(state, intent, actor_id, NOW)
    assert encoded(state) == before
    return refusal.value.code


def refused_system(state: State, intent: SystemIntent) -> ErrorCode:
    """The code a server-made intent is refused with; fails when it is accepted."""
    before = encoded(state)
    with pytest.raises(Rejected) as refusal:
        apply_system(state, intent, NOW)
    assert encoded(state) == before
    return refusal.value.code
