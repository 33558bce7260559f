"""Scaling questions: asked by the facilitator, answered from phones (sealed until the reveal,
and without names when anonymous), and followed up with notes."""

import re
import statistics
import unicodedata
from typing import NamedTuple

from msgspec.structs import replace

from server.domain import writing
from server.domain.errors import existing, require
from server.domain.state import State
from server.domain.text import NOTE_MAX, clean
from shared_schema import (
    AddScaleNote,
    AskScale,
    CastVote,
    Change,
    CloseScale,
    DeleteScale,
    Participant,
    Remove,
    RevealScale,
    Scale,
    ScaleKind,
    ScaleNote,
    ScaleResult,
    ShowScale,
    Upsert,
    Vote,
)

SCALES_MAX = 30
SCALE_NOTES_MAX = 200
QUESTION_MAX = 200
TIED_TO_MAX = 200


class Preset(NamedTuple):
    """A question the method gives, with the anchors that say what its ends mean."""

    kind: ScaleKind
    question: str
    low: str
    high: str


PRESETS: dict[str, Preset] = {
    "safety": Preset(
        "number",
        "På en skala fra 0 til 10: hvor sikkert er det for barnet i dag?",
        "Det er helt sikkert, at barnet vil blive skadet (igen)",
        "Alle ved, at barnet er sikkert nok til, at sagen kan lukkes",
    ),
    "worry": Preset(
        "number",
        "Hvor bekymret er du for barnet i dag?",
        "Slet ikke bekymret",
        "Meget bekymret",
    ),
    "plan": Preset(
        "number",
        "Hvor godt virker planen?",
        "Planen virker slet ikke",
        "Planen virker helt, som vi håbede",
    ),
    "mood": Preset(
        "smileys",
        "Hvordan har du det?",
        "Meget ked af det",
        "Rigtig glad",
    ),
}
CUSTOM = Preset("number", "", "0", "10")
RANGE: dict[ScaleKind, range] = {"number": range(0, 11), "smileys": range(1, 6)}


def question_key(preset: str, question: str) -> str:
    """The key that finds the same question in a case's other meetings: a preset by its name,
    a custom question by its words, ignoring case, spacing and closing punctuation."""
    if preset != "custom":
        return preset
    text = unicodedata.normalize("NFKC", question).casefold()
    text = " ".join(re.sub(r"[^\w\s]", " ", text).split())
    return f"custom:{text}"[:QUESTION_MAX]


def median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _scale(state: State, scale_id: str) -> Scale:
    return existing(state.scales, scale_id, "scale.gone")


def ask(state: State, intent: AskScale, actor: Participant, now: float) -> list[Change]:
    require(intent.scale_id not in state.scales, "conflict")
    require(
        len(state.scales) < SCALES_MAX,
        "too_large",
        say="scale.too_many",
        params={"max": SCALES_MAX},
    )
    require(
        all(scale.status != "open" for scale in state.scales.values()),
        "conflict",
        say="scale.one_open",
    )
    preset = PRESETS.get(intent.preset, CUSTOM)
    question = preset.question
    if intent.preset == "custom":
        question = clean(intent.question, limit=QUESTION_MAX)
    tied_to = clean(intent.tied_to, limit=TIED_TO_MAX, required=False)
    shown: list[Change] = [
        Upsert(entity=replace(other, on_screen=False))
        for other in state.scales.values()
        if other.on_screen
    ]
    scale = Scale(
        id=intent.scale_id,
        key=question_key(intent.preset, question),
        preset=intent.preset,
        kind=preset.kind,
        question=question,
        low=preset.low,
        high=preset.high,
        anonymous=intent.anonymous,
        tied_to=tied_to,
        created_at=now,
    )
    return [*shown, Upsert(entity=scale)]


def _counted(scale: Scale, votes: list[Vote]) -> Scale:
    skipped = sum(vote.value is None for vote in votes)
    return replace(scale, answered=len(votes), skipped=skipped)


def vote(state: State, intent: CastVote, actor: Participant, now: float) -> list[Change]:
    """The first vote makes the entity; a later one from the same person changes it, keeping
    its id. The scale itself changes only when the count does: others learn that an answer was
    given, never which, and a change reaches them only as the removal of an id they never had."""
    scale = _scale(state, intent.scale_id)
    require(scale.status == "open", "conflict", say="scale.closed")
    if intent.value is not None:
        low, high = RANGE[scale.kind][0], RANGE[scale.kind][-1]
        require(
            intent.value in RANGE[scale.kind],
            "invalid",
            say="scale.out_of_range",
            params={"low": low, "high": high},
        )
    votes = [v for v in state.votes.values() if v.scale == scale.id]
    mine = next((v for v in votes if v.voter == actor.id), None)
    if mine is None:
        require(intent.vote_id not in state.votes, "conflict")
        cast = Vote(id=intent.vote_id, scale=scale.id, voter=actor.id, value=intent.value, at=now)
        return [Upsert(entity=cast), Upsert(entity=_counted(scale, [*votes, cast]))]
    cast = replace(mine, value=intent.value, at=now)
    after = _counted(scale, [cast if v.id == mine.id else v for v in votes])
    changes: list[Change] = [Upsert(entity=cast)]
    return changes + ([Upsert(entity=after)] if after != scale else [])


def close(state: State, intent: CloseScale, actor: Participant, now: float) -> list[Change]:
    scale = _scale(state, intent.scale_id)
    require(scale.status == "open", "conflict", say="scale.already_closed")
    return [Upsert(entity=replace(scale, status="closed"))]


def reveal(state: State, intent: RevealScale, actor: Participant, now: float) -> list[Change]:
    """The spread is sorted by value, so an anonymous vote cannot be told by its place."""
    scale = _scale(state, intent.scale_id)
    require(scale.status != "revealed", "conflict", say="scale.already_revealed")
    votes = [v for v in state.votes.values() if v.scale == scale.id]
    values = sorted((v.value, v.voter) for v in votes if v.value is not None)
    results = [
        ScaleResult(value=value, participant=None if scale.anonymous else voter)
        for value, voter in values
    ]
    shown = replace(
        scale, status="revealed", results=results, median=median([v for v, _ in values])
    )
    return [Upsert(entity=shown)]


def show(state: State, intent: ShowScale, actor: Participant, now: float) -> list[Change]:
    """Asking a question puts it on the screen; this takes it off, or puts it back."""
    scale = _scale(state, intent.scale_id)
    if scale.on_screen == intent.on:
        return []
    changes: list[Change] = [Upsert(entity=replace(scale, on_screen=intent.on))]
    if intent.on:
        others = [s for s in state.scales.values() if s.on_screen and s.id != scale.id]
        changes += [Upsert(entity=replace(other, on_screen=False)) for other in others]
    return changes


def delete(state: State, intent: DeleteScale, actor: Participant, now: float) -> list[Change]:
    scale = _scale(state, intent.scale_id)
    changes: list[Change] = [
        Remove(kind="vote", id=v.id) for v in state.votes.values() if v.scale == scale.id
    ]
    notes = [n for n in state.scale_notes.values() if n.scale == scale.id]
    changes += [Remove(kind="scale_note", id=n.id) for n in notes]
    return [*changes, Remove(kind="scale", id=scale.id)]


def add_note(state: State, intent: AddScaleNote, actor: Participant, now: float) -> list[Change]:
    scale = _scale(state, intent.scale_id)
    require(intent.note_id not in state.scale_notes, "conflict")
    require(
        len(state.scale_notes) < SCALE_NOTES_MAX,
        "too_large",
        say="scale.too_many_notes",
        params={"max": SCALE_NOTES_MAX},
    )
    note = ScaleNote(
        id=intent.note_id,
        scale=scale.id,
        follow_up=intent.follow_up,
        text=clean(intent.text, limit=NOTE_MAX, multiline=True),
        author=actor.id,
        created_at=now,
    )
    return [Upsert(entity=writing.stamp_scale_note(state, note))]
