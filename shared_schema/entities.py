"""The things a meeting is made of, as every client sees them."""

from typing import Literal

from shared_schema.agreements import Agreement, Confirmation
from shared_schema.facilitation import Agenda, Concern, Timer, Turns, Writing
from shared_schema.followup import CarriedDrawing
from shared_schema.genogram import Person, Relation, ScreenView
from shared_schema.ids import EntityBase, Id
from shared_schema.safety import SafetyContact, SafetyRule, WarningSign
from shared_schema.scaling import Scale, ScaleNote, Vote

Template = Literal["three_columns", "loeft", "three_houses"]
"""The board a meeting starts from: three columns, LØFT (adds agreements) or De 3 huse."""

ColumnKey = Literal[
    "worries", "works", "next", "agreements", "house_worries", "house_good", "house_dreams"
]

COLUMNS: dict[str, list[ColumnKey]] = {
    "three_columns": ["worries", "works", "next"],
    "loeft": ["worries", "works", "next", "agreements"],
    "three_houses": ["house_worries", "house_good", "house_dreams"],
}

ParticipantRole = Literal["familie", "privat", "fagperson", "raadgiver"]
"""The roles a person chooses when joining from a phone."""

Role = Literal["facilitator", "familie", "privat", "fagperson", "raadgiver"]

MeetingStatus = Literal["open", "readback", "closed"]
"""Open; reading the agreements back for confirmation; closed (frozen)."""


class Meeting(EntityBase, tag="meeting", kw_only=True):
    """The meeting itself: one per meeting, its id is the meeting id."""

    title: str
    template: Template
    columns: list[ColumnKey]
    auto_admit: bool = False
    created_at: float
    status: MeetingStatus = "open"
    closed_at: float | None = None
    next_meeting: str | None = None
    """The next meeting's local time, YYYY-MM-DDTHH:MM, set when closing."""


class Participant(EntityBase, tag="participant", kw_only=True):
    """A person in the meeting: the facilitator, or someone who joined by link or code."""

    name: str
    role: Role
    relation: str = ""
    remote: bool = False
    admitted: bool = False
    removed: bool = False
    """Sent away by the facilitator; kept only while notes they wrote are on the board."""
    joined_at: float


class Card(EntityBase, tag="card", kw_only=True):
    """A note on the board, in one column, ordered by a fractional key."""

    column: ColumnKey
    text: str
    author: Id
    order: str
    created_at: float
    edited_at: float | None = None
    hidden: bool = False
    """Written privately and not yet revealed: only its author receives it."""
    anonymous: bool = False
    """Its author is shown to nobody but the author and the facilitator."""
    family: bool = False
    """Written in family time and not yet released: the professionals do not receive it."""
    shared_text: str | None = None
    """A note from before family time that the family edited in it: the text everyone else
    still receives until the family shares its plan (then `text` is shared)."""


Entity = (
    Meeting
    | Participant
    | Card
    | Agreement
    | Confirmation
    | Scale
    | Vote
    | ScaleNote
    | Agenda
    | Concern
    | Turns
    | Timer
    | Writing
    | Person
    | Relation
    | ScreenView
    | CarriedDrawing
    | SafetyRule
    | WarningSign
    | SafetyContact
)
