"""Scaling questions (skalering): a question on a scale, each person's vote, and the notes the
follow-up questions bring out."""

from typing import Literal

import msgspec

from shared_schema.ids import EntityBase, Id, IntentBase

ScalePreset = Literal["safety", "worry", "plan", "mood", "custom"]
"""The safety scale, how worried, how the plan works, the child's mood (smileys), or custom."""

ScaleKind = Literal["number", "smileys"]
"""0 to 10, or five smileys (1 = very sad to 5 = very happy)."""

ScaleStatus = Literal["open", "closed", "revealed"]
"""Votes can be given and changed; voting has stopped; the spread is shown to everyone."""

FollowUp = Literal["why_not_lower", "one_step_up"]
"""*Hvorfor ikke lavere?* and *Hvad skal der til for at komme ét trin op?*"""


class ScaleResult(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One vote as the revealed spread shows it: named only when the question is named."""

    value: int
    participant: Id | None = None


class Scale(EntityBase, tag="scale", kw_only=True):
    """A scaling question. Before reveal it carries only how many have answered; the values
    (sorted, and without names when anonymous) and the median arrive with the reveal."""

    key: str
    """The same question across a case's meetings: the preset, or `custom:` + normalised text."""
    preset: ScalePreset
    kind: ScaleKind
    question: str
    low: str
    """What the lowest point means (the anchor text at 0, or at the saddest smiley)."""
    high: str
    anonymous: bool
    tied_to: str = ""
    """The bekymringsudsagn or goal the question is about, in words."""
    status: ScaleStatus = "open"
    answered: int = 0
    skipped: int = 0
    results: list[ScaleResult] = []
    median: float | None = None
    on_screen: bool = True
    """Shown on the room's screen instead of the board."""
    created_at: float


class Vote(EntityBase, tag="vote", kw_only=True):
    """One person's answer; only that person ever receives it. `value` null = sprang over."""

    scale: Id
    voter: Id
    value: int | None = None
    at: float


class ScaleNote(EntityBase, tag="scale_note", kw_only=True):
    """An answer to a follow-up question, tied to the scale it follows."""

    scale: Id
    follow_up: FollowUp
    text: str
    author: Id
    created_at: float
    family: bool = False
    """Written in family time and not yet released: the professionals do not receive it."""


class ScaleIntent(IntentBase, kw_only=True):
    """An intent about one scaling question."""

    scale_id: Id


class AskScale(ScaleIntent, tag="scale.ask", kw_only=True):
    """The facilitator asks a scaling question; at most one is open at a time."""

    preset: ScalePreset
    question: str = ""
    """The custom question's text; a preset brings its own."""
    tied_to: str = ""
    anonymous: bool = True


class CastVote(ScaleIntent, tag="scale.vote", kw_only=True):
    """Vote, change one's vote, or skip it (value null), while the question is open."""

    vote_id: Id
    value: int | None = None


class CloseScale(ScaleIntent, tag="scale.close", kw_only=True):
    """Stop the voting; the votes stay sealed until the reveal."""


class RevealScale(ScaleIntent, tag="scale.reveal", kw_only=True):
    """Stop the voting (if still open) and show everyone the spread and the median."""


class ShowScale(ScaleIntent, tag="scale.show", kw_only=True):
    """Put the question on the room's screen, or take it off (back to the board)."""

    on: bool


class DeleteScale(ScaleIntent, tag="scale.delete", kw_only=True):
    """Remove a question asked by mistake, with its votes and notes."""


class AddScaleNote(IntentBase, tag="scale.note", kw_only=True):
    note_id: Id
    scale_id: Id
    follow_up: FollowUp
    text: str


ScalingIntent = (
    AskScale | CastVote | CloseScale | RevealScale | DeleteScale | ShowScale | AddScaleNote
)
