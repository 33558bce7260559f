"""The scaling questions in words, for the referat: the question, its anchors, the spread and
the median once revealed, and the follow-up notes; names only when the question was named."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from server.domain.state import State
from server.render.journal import indent
from server.render.words import DANISH, say
from shared_schema import Scale


@dataclass(frozen=True)
class ScaleSection:
    """One scaling question as the record keeps it: the question, the spread and the notes."""

    question: str
    anchors: str
    tied_to: str
    answers: str
    spread: str
    median: str
    why_not_lower: list[str]
    one_step_up: list[str]


def number(value: float) -> str:
    """A median the Danish way: 5, or 4,5."""
    return f"{value:g}".replace(".", ",")


def _scale(state: State, scale: Scale) -> ScaleSection:
    ends = say("scale.ends.number" if scale.kind == "number" else "scale.ends.smiley")
    how = say("scale.anonymous" if scale.anonymous else "scale.named")
    answers = say("scale.answers", count=scale.answered, how=how)
    if scale.skipped:
        answers += say("scale.skipped", count=scale.skipped)
    spread, median = say("scale.hidden"), ""
    if scale.status == "revealed":
        people = state.participants
        spread = ", ".join(
            f"{people[r.participant].name}: {r.value}"
            if r.participant and r.participant in people
            else str(r.value)
            for r in scale.results
        )
        spread = spread or say("scale.no_answers")
        median = number(scale.median) if scale.median is not None else ""
    notes = sorted(
        (n for n in state.scale_notes.values() if n.scale == scale.id),
        key=lambda n: (n.created_at, n.id),
    )
    return ScaleSection(
        question=scale.question,
        anchors=say("scale.anchors", ends=ends, low=scale.low, high=scale.high),
        tied_to=scale.tied_to,
        answers=answers,
        spread=spread,
        median=median,
        why_not_lower=[n.text for n in notes if n.follow_up == "why_not_lower"],
        one_step_up=[n.text for n in notes if n.follow_up == "one_step_up"],
    )


def build(state: State) -> list[ScaleSection]:
    return [
        _scale(state, scale)
        for scale in sorted(state.scales.values(), key=lambda s: (s.created_at, s.id))
    ]


def _notes(scale: ScaleSection, words: Mapping[str, str]) -> list[tuple[str, list[str]]]:
    return [
        (words["whyNotLower"], scale.why_not_lower),
        (words["oneStepUp"], scale.one_step_up),
    ]


def plain_text(scaling: list[ScaleSection]) -> list[str]:
    """The section's lines for the journal text."""
    out = ["", "SKALERING"] if scaling else []
    for index, scale in enumerate(scaling, 1):
        out.append(f"{index}. {indent(scale.question, '   ')}")
        out.append(f"   {scale.anchors}")
        if scale.tied_to:
            out.append(f"   {DANISH['scale.tied_to']}: {indent(scale.tied_to, '   ')}")
        out.append(f"   {scale.answers}")
        out.append(f"   {DANISH['scale.spread']}: {scale.spread}")
        if scale.median:
            out.append(f"   {DANISH['scale.median']}: {scale.median}")
        for heading, notes in _notes(scale, DANISH):
            if notes:
                out.append(f"   {heading}")
                out += [f"   - {indent(note, '     ')}" for note in notes]
    return out


def page(
    scaling: list[ScaleSection], e: Callable[[str], str], words: Mapping[str, str]
) -> list[str]:
    """The section as HTML; `words` is the page's frame (Danish, or the reader's language)."""
    if not scaling:
        return []
    parts = [
        '<section aria-labelledby="r-scaling" data-testid="referat-scaling">',
        f'<h2 id="r-scaling">{e(words["scaling"])}</h2>',
    ]
    for scale in scaling:
        median = f" <strong>{DANISH['scale.median']}: {e(scale.median)}</strong>"
        parts += [
            f"<h3>{e(scale.question)}</h3>",
            f"<p class='muted'>{e(scale.anchors)}</p>",
            f"<p>{DANISH['scale.tied_to']}: {e(scale.tied_to)}</p>" * bool(scale.tied_to),
            f"<p>{e(scale.answers)}. {DANISH['scale.spread']}: {e(scale.spread)}"
            + median * bool(scale.median)
            + "</p>",
        ]
        for heading, notes in _notes(scale, words):
            if notes:
                items = "".join(f"<li>{e(note)}</li>" for note in notes)
                parts.append(f"<h4>{e(heading)}</h4><ul>{items}</ul>")
    parts.append("</section>")
    return parts
