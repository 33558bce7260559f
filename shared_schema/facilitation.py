"""Running the meeting: the agenda's phases, the bekymringsgrundlag, turns (talerække and
runde), the timer, private writing, family time and handing the facilitator role on."""

from typing import Annotated, Literal

import msgspec

from shared_schema.ids import EntityBase, Id, IntentBase, OpId, ParticipantIntent

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


class Agenda(EntityBase, tag="agenda", kw_only=True):
    """The phases in order and the one the meeting is in. Its id is the meeting id."""

    template: AgendaTemplate
    phases: list[Phase]
    current: Id | None = None


class ConcernAnswers(msgspec.Struct, kw_only=True):
    """The bekymringsgrundlag's answers: the four questions, the bekymringsudsagn and the goals,
    as its edit carries them and the concern keeps them."""

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


class Concern(ConcernAnswers, tag="concern", kw_only=True):
    """The bekymringsgrundlag, as last written, and by whom. Its id is the meeting id."""

    id: Id
    edited_by: Id | None = None
    edited_at: float | None = None


class Turns(EntityBase, tag="turns", kw_only=True):
    """Who has the word, who is next, the raised hands and the round. Its id is the meeting id.

    `talk` and `turns` (seconds and turns per person) reach the facilitator alone, so that
    quiet voices get room without anyone being measured in front of the others."""

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


class Timer(EntityBase, tag="timer", kw_only=True):
    """A countdown kept as an absolute end time on the server's clock; paused, it keeps the
    seconds left instead."""

    seconds: int = 0
    ends_at: float | None = None
    remaining: float | None = None
    label: str = ""


class Writing(EntityBase, tag="writing", kw_only=True):
    """How notes are written now: privately until revealed, anonymously, or in family time."""

    private: bool = False
    column: BoardColumn | None = None
    anonymous: bool = False
    family: bool = False


class UseAgenda(IntentBase, tag="agenda.use", kw_only=True):
    """Replace the phases with a template's; the meeting starts again at its first phase."""

    template: AgendaTemplate


class PhaseIntent(IntentBase, kw_only=True):
    """An intent about one phase of the agenda."""

    phase_id: Id


class AddPhase(PhaseIntent, tag="phase.add", kw_only=True):
    kind: PhaseKind = "other"
    title: str = ""
    after: Id | None = None


class RenamePhase(PhaseIntent, tag="phase.rename", kw_only=True):
    title: str


class MovePhase(PhaseIntent, tag="phase.move", kw_only=True):
    """Put a phase right after another, or first when `after` is null."""

    after: Id | None = None


class SkipPhase(PhaseIntent, tag="phase.skip", kw_only=True):
    skipped: bool = True


class GoToPhase(PhaseIntent, tag="phase.go", kw_only=True):
    """Go straight to a phase."""


class NextPhase(IntentBase, tag="phase.next", kw_only=True):
    """Advance from `from_phase`; refused when the meeting has moved on, so a double tap
    advances once."""

    from_phase: Id | None = None


class PreviousPhase(IntentBase, tag="phase.back", kw_only=True):
    """Go back one phase from `from_phase`: undoes an accidental advance in one tap."""

    from_phase: Id


class EditConcern(ConcernAnswers, tag="concern.edit", kw_only=True):
    """The facilitator or the family's rådgiver writes the bekymringsgrundlag."""

    id: OpId


class RaiseHand(IntentBase, tag="hand.raise", kw_only=True):
    """Raise one's own hand: it joins the talerække."""


class LowerHand(IntentBase, tag="hand.lower", kw_only=True):
    """Lower one's own hand, or (the facilitator) someone else's."""

    participant_id: Id | None = None


class OrderQueue(IntentBase, tag="queue.order", kw_only=True):
    """Put those who have not spoken yet first in the talerække, or keep the order of hands."""

    unspoken_first: bool


class GiveWord(ParticipantIntent, tag="turn.give", kw_only=True):
    """Give someone the word now."""


class NextTurn(IntentBase, tag="turn.next", kw_only=True):
    """The word goes to whoever is next (in the round, or first in the talerække)."""


class PassTurn(IntentBase, tag="turn.pass", kw_only=True):
    """The person with the word in a round passes (or the facilitator passes for them)."""


class StopTurns(IntentBase, tag="turn.stop", kw_only=True):
    """Nobody has the word; a round in progress ends."""


class SetSeats(IntentBase, tag="seats.set", kw_only=True):
    order: Annotated[list[Id], msgspec.Meta(max_length=200)]


class MarkAbsent(ParticipantIntent, tag="participant.absent", kw_only=True):
    """Someone is not there (stepped out, lost the line): rounds skip them."""

    absent: bool = True


class StartRound(IntentBase, tag="round.start", kw_only=True):
    topic: str = ""


class StartTimer(IntentBase, tag="timer.start", kw_only=True):
    seconds: Seconds
    label: str = ""


class ExtendTimer(IntentBase, tag="timer.add", kw_only=True):
    seconds: Seconds = 60


class PauseTimer(IntentBase, tag="timer.pause", kw_only=True):
    """Stop the countdown, keeping the seconds left."""


class ResumeTimer(IntentBase, tag="timer.resume", kw_only=True):
    """Count down again from the seconds left."""


class StopTimer(IntentBase, tag="timer.stop", kw_only=True):
    """End the countdown."""


class StartPrivateWriting(IntentBase, tag="writing.private", kw_only=True):
    """Everyone writes privately (in one column, or any): nobody receives another's notes
    until they are revealed."""

    column: BoardColumn | None = None


class RevealNotes(IntentBase, tag="writing.reveal", kw_only=True):
    """Private writing ends: everyone's notes reach everyone."""


class SetAnonymous(IntentBase, tag="writing.anonymous", kw_only=True):
    """Notes written from now on show no author to the participants or the screen."""

    on: bool


class StartFamilyTime(IntentBase, tag="family.start", kw_only=True):
    """Familierådslagning: the professionals wait; what the family writes stays with it."""


class ReleaseFamilyPlan(IntentBase, tag="family.release", kw_only=True):
    """The family ends its time and shares what it wrote."""


class EndFamilyTime(IntentBase, tag="family.end", kw_only=True):
    """The facilitator ends family time; what the family has not shared stays its own until it
    shares it (ending is not releasing)."""


class HandOver(ParticipantIntent, tag="facilitator.handoff", kw_only=True):
    """The facilitator hands the role to a co-facilitator in the meeting."""


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
