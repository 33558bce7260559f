"""Running the meeting: the agenda's phases, the bekymringsgrundlag, turns (talerække and
runde), the timer, private writing, family time and handing the facilitator role on."""

from typing import Annotated, Literal

import msgspec

from shared_schema.ids import Id, OpId

PhaseKind = Literal[
    "welcome",
    "concern",
    "review",
    "roles",
    "works",
    "worries",
    "scaling",
    "next",
    "agreements",
    "safety",
    "closing",
    "house_worries",
    "house_good",
    "house_dreams",
    "family",
    "other",
]
"""What a phase is about; a phase about a column lets the phones write in that column."""

AgendaTemplate = Literal["network", "followup", "pre", "three_houses"]
"""Netværksmøde, opfølgningsmøde, formøde, De 3 huse."""

Seconds = Annotated[int, msgspec.Meta(ge=1, le=7200)]
BoardColumn = Literal[
    "worries", "works", "next", "agreements", "house_worries", "house_good", "house_dreams"
]
"""entities.ColumnKey, spelled out: entities imports this module, not the other way round."""


class Phase(msgspec.Struct, kw_only=True):
    id: Id
    kind: PhaseKind
    title: str = ""
    """The facilitator's own name for it; empty means the kind's usual Danish name."""
    skipped: bool = False


class Agenda(msgspec.Struct, tag="agenda", kw_only=True):
    """The phases in order and the one the meeting is in. Its id is the meeting id."""

    id: Id
    template: AgendaTemplate
    phases: list[Phase]
    current: Id | None = None


class Concern(msgspec.Struct, tag="concern", kw_only=True):
    """The bekymringsgrundlag: the four questions, the bekymringsudsagn and the goals."""

    id: Id
    who: str = ""
    """Hvem er bekymret?"""
    what: str = ""
    """Hvad gør – eller gør forældrene ikke?"""
    impact: str = ""
    """Hvad er indvirkningen på barnet?"""
    future: str = ""
    """Hvad er den fremtidige bekymring, hvis intet ændrer sig?"""
    statement: str = ""
    goals: str = ""
    edited_by: Id | None = None
    edited_at: float | None = None


class Turns(msgspec.Struct, tag="turns", kw_only=True):
    """Who has the word, who is next, the raised hands and the round. Its id is the meeting id.

    `talk` and `turns` (seconds and turns per person) reach the facilitator alone, so that
    quiet voices get room without anyone being measured in front of the others."""

    id: Id
    seats: list[Id] = []
    """Seat order around the table, set by the facilitator; rounds follow it."""
    absent: list[Id] = []
    hands: list[Id] = []
    """Raised hands, in the order they went up."""
    queue: list[Id] = []
    """The talerække: the raised hands in the order the word will be given."""
    unspoken_first: bool = False
    spoken: list[Id] = []
    speaker: Id | None = None
    speaker_since: float | None = None
    next: Id | None = None
    round: list[Id] = []
    """This round's order; empty when no round is going."""
    round_topic: str = ""
    done: list[Id] = []
    """Who has had their turn in this round (spoken or passed)."""
    passed: list[Id] = []
    talk: dict[str, float] = {}
    turns: dict[str, int] = {}


class Timer(msgspec.Struct, tag="timer", kw_only=True):
    """A countdown kept as an absolute end time on the server's clock; paused, it keeps the
    seconds left instead."""

    id: Id
    seconds: int = 0
    ends_at: float | None = None
    remaining: float | None = None
    label: str = ""


class Writing(msgspec.Struct, tag="writing", kw_only=True):
    """How notes are written now: privately until revealed, anonymously, or in family time."""

    id: Id
    private: bool = False
    column: BoardColumn | None = None
    anonymous: bool = False
    family: bool = False


class UseAgenda(msgspec.Struct, tag="agenda.use", kw_only=True):
    """Replace the phases with a template's; the meeting starts again at its first phase."""

    id: OpId
    template: AgendaTemplate


class AddPhase(msgspec.Struct, tag="phase.add", kw_only=True):
    id: OpId
    phase_id: Id
    kind: PhaseKind = "other"
    title: str = ""
    after: Id | None = None


class RenamePhase(msgspec.Struct, tag="phase.rename", kw_only=True):
    id: OpId
    phase_id: Id
    title: str


class MovePhase(msgspec.Struct, tag="phase.move", kw_only=True):
    """Put a phase right after another, or first when `after` is null."""

    id: OpId
    phase_id: Id
    after: Id | None = None


class SkipPhase(msgspec.Struct, tag="phase.skip", kw_only=True):
    id: OpId
    phase_id: Id
    skipped: bool = True


class GoToPhase(msgspec.Struct, tag="phase.go", kw_only=True):
    id: OpId
    phase_id: Id


class NextPhase(msgspec.Struct, tag="phase.next", kw_only=True):
    """Advance from `from_phase`; refused when the meeting has moved on, so a double tap
    advances once."""

    id: OpId
    from_phase: Id | None = None


class PreviousPhase(msgspec.Struct, tag="phase.back", kw_only=True):
    """Go back one phase from `from_phase`: undoes an accidental advance in one tap."""

    id: OpId
    from_phase: Id


class EditConcern(msgspec.Struct, tag="concern.edit", kw_only=True):
    id: OpId
    who: str = ""
    what: str = ""
    impact: str = ""
    future: str = ""
    statement: str = ""
    goals: str = ""


class RaiseHand(msgspec.Struct, tag="hand.raise", kw_only=True):
    id: OpId


class LowerHand(msgspec.Struct, tag="hand.lower", kw_only=True):
    """Lower one's own hand, or (the facilitator) someone else's."""

    id: OpId
    participant_id: Id | None = None


class OrderQueue(msgspec.Struct, tag="queue.order", kw_only=True):
    """Put those who have not spoken yet first in the talerække, or keep the order of hands."""

    id: OpId
    unspoken_first: bool


class GiveWord(msgspec.Struct, tag="turn.give", kw_only=True):
    id: OpId
    participant_id: Id


class NextTurn(msgspec.Struct, tag="turn.next", kw_only=True):
    """The word goes to whoever is next (in the round, or first in the talerække)."""

    id: OpId


class PassTurn(msgspec.Struct, tag="turn.pass", kw_only=True):
    """The person with the word in a round passes (or the facilitator passes for them)."""

    id: OpId


class StopTurns(msgspec.Struct, tag="turn.stop", kw_only=True):
    """Nobody has the word; a round in progress ends."""

    id: OpId


class SetSeats(msgspec.Struct, tag="seats.set", kw_only=True):
    id: OpId
    order: Annotated[list[Id], msgspec.Meta(max_length=200)]


class MarkAbsent(msgspec.Struct, tag="participant.absent", kw_only=True):
    """Someone is not there (stepped out, lost the line): rounds skip them."""

    id: OpId
    participant_id: Id
    absent: bool = True


class StartRound(msgspec.Struct, tag="round.start", kw_only=True):
    id: OpId
    topic: str = ""


class StartTimer(msgspec.Struct, tag="timer.start", kw_only=True):
    id: OpId
    seconds: Seconds
    label: str = ""


class ExtendTimer(msgspec.Struct, tag="timer.add", kw_only=True):
    id: OpId
    seconds: Seconds = 60


class PauseTimer(msgspec.Struct, tag="timer.pause", kw_only=True):
    id: OpId


class ResumeTimer(msgspec.Struct, tag="timer.resume", kw_only=True):
    id: OpId


class StopTimer(msgspec.Struct, tag="timer.stop", kw_only=True):
    id: OpId


class StartPrivateWriting(msgspec.Struct, tag="writing.private", kw_only=True):
    """Everyone writes privately (in one column, or any): nobody receives another's notes
    until they are revealed."""

    id: OpId
    column: BoardColumn | None = None


class RevealNotes(msgspec.Struct, tag="writing.reveal", kw_only=True):
    id: OpId


class SetAnonymous(msgspec.Struct, tag="writing.anonymous", kw_only=True):
    """Notes written from now on show no author to the participants or the screen."""

    id: OpId
    on: bool


class StartFamilyTime(msgspec.Struct, tag="family.start", kw_only=True):
    """Familierådslagning: the professionals wait; what the family writes stays with it."""

    id: OpId


class ReleaseFamilyPlan(msgspec.Struct, tag="family.release", kw_only=True):
    """The family ends its time and shares what it wrote."""

    id: OpId


class EndFamilyTime(msgspec.Struct, tag="family.end", kw_only=True):
    """The facilitator ends family time; what the family has not shared stays its own until it
    shares it (ending is not releasing)."""

    id: OpId


class HandOver(msgspec.Struct, tag="facilitator.handoff", kw_only=True):
    """The facilitator hands the role to a co-facilitator in the meeting."""

    id: OpId
    participant_id: Id


FacilitationIntent = (
    UseAgenda
    | AddPhase
    | RenamePhase
    | MovePhase
    | SkipPhase
    | GoToPhase
    | NextPhase
    | PreviousPhase
    | EditConcern
    | RaiseHand
    | LowerHand
    | OrderQueue
    | GiveWord
    | NextTurn
    | PassTurn
    | StopTurns
    | SetSeats
    | MarkAbsent
    | StartRound
    | StartTimer
    | ExtendTimer
    | PauseTimer
    | ResumeTimer
    | StopTimer
    | StartPrivateWriting
    | RevealNotes
    | SetAnonymous
    | StartFamilyTime
    | ReleaseFamilyPlan
    | EndFamilyTime
    | HandOver
)
