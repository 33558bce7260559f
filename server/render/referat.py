"""The referat (minutes) of a meeting, made from its state: as plain text for the case journal,
as a printable page, and the data they share. Danish: it is the Danish case record."""

import datetime
import html
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from server.domain import visibility
from server.domain.state import State
from server.domain.visibility import RECORD, Viewer
from server.render import drawings as drawn
from server.render import safety_plan
from shared_schema import Agreement, Participant, Scale

TZ = ZoneInfo("Europe/Copenhagen")
ROLES = {
    "facilitator": "Mødeleder",
    "familie": "Familie",
    "privat": "Privat netværk",
    "fagperson": "Fagperson",
    "raadgiver": "Rådgiver",
}
COLUMNS = {
    "worries": "Hvad bekymrer os?",
    "works": "Hvad fungerer godt?",
    "next": "Hvad skal der ske?",
    "agreements": "Aftaler — hvem gør hvad (noter)",
    "house_worries": "Bekymringernes hus",
    "house_good": "De gode tings hus",
    "house_dreams": "Drømmenes hus",
}
REVIEWS = {"done": "Gjort", "partly": "Delvist gjort", "not_done": "Ikke gjort"}
MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]


def danish_date(day: datetime.date) -> str:
    return f"{WEEKDAYS[day.weekday()]} den {day.day}. {MONTHS[day.month - 1]} {day.year}"


def danish_time(moment: datetime.datetime) -> str:
    return f"{danish_date(moment.date())} kl. {moment:%H.%M}"


def local(timestamp: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(timestamp, TZ)


@dataclass(frozen=True)
class Line:
    """One agreement as the referat shows it."""

    what: str
    who: str
    when: str
    serves: str
    review: str
    review_comment: str


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


@dataclass(frozen=True)
class Referat:
    """What the record holds, in its order. The scaling questions and the drawings (genogram,
    network map) are built in parallel; each joins as one more field here and one more section
    in plain_text() and page(), after the board."""

    title: str
    case_title: str
    closed: bool
    held: str
    facilitator: str
    people: list[str]
    followed_up: list[Line]
    board: list[tuple[str, list[str]]]
    agreements: list[Line]
    confirmations: list[str]
    next_meeting: str
    drawings: drawn.Drawings = field(default_factory=lambda: drawn.Drawings([], [], []))
    scaling: list[ScaleSection] = field(default_factory=list)
    concern: list[tuple[str, str]] = field(default_factory=list)
    """The bekymringsgrundlag: (question, answer) for what was written."""
    talk: list[str] = field(default_factory=list)
    """Turns and talk time per person, most first."""
    safety: safety_plan.SafetyPlan = field(default_factory=safety_plan.SafetyPlan)


def _who(state: State, agreement: Agreement) -> str:
    people = state.participants
    names = [people[pid].name for pid in agreement.who_participants if pid in people]
    names += agreement.who_names
    if agreement.who_municipality:
        names.append("Kommunen")
    return ", ".join(names)


def _when(agreement: Agreement) -> str:
    parts = []
    if agreement.when_date:
        parts.append(danish_date(datetime.date.fromisoformat(agreement.when_date)))
    if agreement.when_text:
        parts.append(agreement.when_text)
    return ", ".join(parts) or "Løbende"


def _line(state: State, agreement: Agreement) -> Line:
    card = state.cards.get(agreement.serves) if agreement.serves else None
    return Line(
        what=agreement.what,
        who=_who(state, agreement),
        when=_when(agreement),
        serves=card.text if card else "",
        review=REVIEWS[agreement.review] if agreement.review else "Ikke fulgt op",
        review_comment=agreement.review_comment,
    )


def _person(person: Participant) -> str:
    details = [ROLES[person.role]]
    if person.relation:
        details.append(person.relation)
    if person.remote:
        details.append("deltog på afstand")
    return f"{person.name} ({', '.join(details)})"


def number(value: float) -> str:
    """A median the Danish way: 5, or 4,5."""
    return f"{value:g}".replace(".", ",")


def _scale(state: State, scale: Scale) -> ScaleSection:
    ends = "0 og 10" if scale.kind == "number" else "1 og 5 (smileys)"
    answers = f"{scale.answered} svar, {'anonymt' if scale.anonymous else 'med navn'}"
    if scale.skipped:
        answers += f", heraf {scale.skipped} sprang over"
    spread, median = "Resultatet blev ikke vist.", ""
    if scale.status == "revealed":
        people = state.participants
        spread = ", ".join(
            f"{people[r.participant].name}: {r.value}"
            if r.participant and r.participant in people
            else str(r.value)
            for r in scale.results
        )
        spread = spread or "Ingen svar."
        median = number(scale.median) if scale.median is not None else ""
    notes = sorted(
        (n for n in state.scale_notes.values() if n.scale == scale.id),
        key=lambda n: (n.created_at, n.id),
    )
    return ScaleSection(
        question=scale.question,
        anchors=f"Mellem {ends}: {scale.low} – {scale.high}",
        tied_to=scale.tied_to,
        answers=answers,
        spread=spread,
        median=median,
        why_not_lower=[n.text for n in notes if n.follow_up == "why_not_lower"],
        one_step_up=[n.text for n in notes if n.follow_up == "one_step_up"],
    )


CONCERN = [
    ("who", "Hvem er bekymret?"),
    ("what", "Hvad gør – eller gør forældrene ikke?"),
    ("impact", "Hvad er indvirkningen på barnet?"),
    ("future", "Hvad er den fremtidige bekymring, hvis intet ændrer sig?"),
    ("statement", "Bekymringsudsagn"),
    ("goals", "Mål"),
]


def _concern(state: State) -> list[tuple[str, str]]:
    written = state.concern
    if written is None:
        return []
    answers = [(label, getattr(written, name)) for name, label in CONCERN]
    return [(label, text) for label, text in answers if text]


def _talk(state: State) -> list[str]:
    """Who had the word, how often and how long; a turn still going at the close counts to it."""
    turns = state.turns
    if turns is None:
        return []
    talk = dict(turns.talk)
    closed_at = state.meeting.closed_at if state.meeting else None
    if turns.speaker and turns.speaker_since is not None and closed_at is not None:
        talk[turns.speaker] = talk.get(turns.speaker, 0.0) + closed_at - turns.speaker_since
    lines = []
    for person, seconds in sorted(talk.items(), key=lambda item: (-item[1], item[0])):
        who = state.participants.get(person)
        if who is None:
            continue
        count = turns.turns.get(person, 0)
        minutes, rest = divmod(round(seconds), 60)
        lines.append(
            f"{who.name}: {count} {'gang' if count == 1 else 'gange'}, {minutes}:{rest:02d}"
        )
    return lines


def build(state: State, case_title: str = "", *, viewer: Viewer = RECORD) -> Referat:
    """The record as this viewer may see the meeting: the facilitator's referat by default
    (no note still private to anyone, nothing the family has not shared), or the participants'
    summary (and then without who spoke how long)."""
    state = visibility.state_for(state, viewer)
    meeting = state.meeting
    assert meeting is not None
    present = sorted(
        (p for p in state.participants.values() if p.admitted or p.removed),
        key=lambda p: (p.role != "facilitator", p.joined_at),
    )
    ordered = sorted(state.agreements.values(), key=lambda a: (a.order, a.id))
    agreed = [a for a in ordered if a.status == "agreed" and a.carried_from is None]
    answers = []
    for person in present:
        if person.role == "facilitator":
            continue
        given = state.confirmations.get(person.id)
        if given is None:
            answers.append(f"{person.name}: har ikke svaret")
        elif given.agrees:
            answers.append(f"{person.name}: enig")
        else:
            answers.append(f"{person.name}: har en bemærkning: {given.comment}")
    start = local(meeting.created_at)
    held = danish_time(start)
    if meeting.closed_at is not None:
        held += f"–{local(meeting.closed_at):%H.%M}"
    next_meeting = ""
    if meeting.next_meeting:
        next_meeting = danish_time(datetime.datetime.fromisoformat(meeting.next_meeting))
    return Referat(
        title=meeting.title,
        case_title=case_title,
        closed=meeting.status == "closed",
        held=held,
        facilitator=next((p.name for p in present if p.role == "facilitator"), ""),
        people=[_person(p) for p in present if p.role != "facilitator"],
        followed_up=[_line(state, a) for a in ordered if a.carried_from is not None],
        board=[
            (
                COLUMNS[column],
                [c.text for c in state.column_cards(column)],
            )
            for column in meeting.columns
        ],
        agreements=[_line(state, a) for a in agreed],
        confirmations=answers,
        next_meeting=next_meeting,
        drawings=drawn.build(
            state,
            carried_from=danish_date(local(state.carried_drawing.held_at).date())
            if state.carried_drawing is not None
            else "",
        ),
        scaling=[
            _scale(state, scale)
            for scale in sorted(state.scales.values(), key=lambda s: (s.created_at, s.id))
        ],
        concern=_concern(state),
        # Who spoke how long is the facilitator's alone, as it is live.
        talk=_talk(state) if viewer.role == "facilitator" else [],
        safety=safety_plan.build(state),
    )


# -- plain text for the case journal (DUBU / Nexus) -------------------------------------------


def _indent(text: str, prefix: str) -> str:
    return text.replace("\n", "\n" + prefix)


def plain_text(referat: Referat) -> str:
    """Laid out for pasting into a journal: no markup, short headings, numbered agreements."""
    out = [f"REFERAT AF NETVÆRKSMØDE: {referat.title}"]
    if referat.case_title:
        out.append(f"Sag: {referat.case_title}")
    out.append(f"Afholdt: {referat.held}")
    out.append(f"Mødeleder: {referat.facilitator}")
    if not referat.closed:
        out.append("UDKAST: mødet er ikke afsluttet.")
    out += ["", "DELTAGERE"]
    out += [f"- {person}" for person in referat.people] or ["- Ingen"]
    if referat.followed_up:
        out += ["", "OPFØLGNING PÅ AFTALER FRA SIDSTE MØDE"]
        for number, line in enumerate(referat.followed_up, 1):
            out.append(f"{number}. {_indent(line.what, '   ')}")
            out.append(f"   Hvem: {line.who}")
            out.append(f"   Status: {line.review}")
            if line.review_comment:
                out.append(f"   Kommentar: {_indent(line.review_comment, '   ')}")
    for heading, notes in referat.board:
        out += ["", heading.upper()]
        out += [f"- {_indent(note, '  ')}" for note in notes] or ["- Ingen noter"]
    out += drawn.plain_text(referat.drawings)
    if referat.scaling:
        out += ["", "SKALERING"]
    for index, scale in enumerate(referat.scaling, 1):
        out.append(f"{index}. {_indent(scale.question, '   ')}")
        out.append(f"   {scale.anchors}")
        if scale.tied_to:
            out.append(f"   Knyttet til: {_indent(scale.tied_to, '   ')}")
        out.append(f"   {scale.answers}")
        out.append(f"   Fordeling: {scale.spread}")
        if scale.median:
            out.append(f"   Median: {scale.median}")
        for heading, notes in [
            ("Hvorfor ikke lavere?", scale.why_not_lower),
            ("Hvad skal der til for at komme ét trin op?", scale.one_step_up),
        ]:
            if notes:
                out.append(f"   {heading}")
                out += [f"   - {_indent(note, '     ')}" for note in notes]
    if referat.concern:
        out += ["", "BEKYMRINGSGRUNDLAG"]
        out += [f"{label}\n  {_indent(text, '  ')}" for label, text in referat.concern]
    if referat.talk:
        out += ["", "TALETID"]
        out += [f"- {line}" for line in referat.talk]
    out += ["", "AFTALER – HVEM GØR HVAD"]
    if not referat.agreements:
        out.append("- Ingen aftaler")
    for number, line in enumerate(referat.agreements, 1):
        out.append(f"{number}. {line.what}")
        out.append(f"   Hvem: {line.who}")
        out.append(f"   Hvornår: {line.when}")
        if line.serves:
            out.append(f"   Hører til: {_indent(line.serves, '   ')}")
    out += ["", "BEKRÆFTELSE AF AFTALERNE"]
    out += [f"- {_indent(answer, '  ')}" for answer in referat.confirmations] or ["- Ingen"]
    out += safety_plan.plain_text(referat.safety)
    out += ["", "NÆSTE MØDE", referat.next_meeting or "Ikke aftalt"]
    return "\n".join(out) + "\n"


# -- the printable page ------------------------------------------------------------------------


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _muted(text: str, label: str = "") -> str:
    return f"<br><span class='muted'>{_e(label + text)}</span>" if text else ""


def _agreement_rows(lines: list[Line], followed_up: bool) -> str:
    rows = []
    for number, line in enumerate(lines, 1):
        if followed_up:
            what = _e(line.what)
            last = f"{_e(line.review)}{_muted(line.review_comment)}"
        else:
            what = f"{_e(line.what)}{_muted(line.serves, 'Hører til: ')}"
            last = _e(line.when)
        rows.append(
            f"<tr><td>{number}</td><td>{what}</td><td>{_e(line.who)}</td><td>{last}</td></tr>"
        )
    return "".join(rows)


def has_figures(referat: Referat) -> bool:
    """Whether the referat has a genogram or a network map to draw as a picture."""
    return bool(referat.drawings.persons or referat.drawings.network)


def page(
    referat: Referat,
    *,
    tools: str = "",
    css: str = "",
    stylesheet: str = "",
    drawing_script: str = "",
) -> str:
    """The referat as an HTML document. `tools` is the toolbar (never printed); the stylesheet
    is linked on the web and inlined (`css`) when printing to PDF. With `drawing_script` (the
    web build's referat entry) the genogram and the network map are drawn as pictures too, from
    data carried as a JSON block (the CSP allows no inline script, and this is none)."""
    style = f"<style>{css}</style>" if css else ""
    link = f'<link rel="stylesheet" href="{_e(stylesheet)}">' if stylesheet else ""
    figures = bool(drawing_script) and has_figures(referat)
    if figures:
        link += (
            '<script type="application/json" id="referat-drawing">'
            f"{referat.drawings.figures}</script>"
            f'<script type="module" src="{_e(drawing_script)}"></script>'
        )
    parts = [
        "<!doctype html>",
        '<html lang="da"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">',
        '<link rel="icon" href="data:,">',
        f"<title>Referat: {_e(referat.title)}</title>{link}{style}</head>",
        '<body><main class="referat" id="main" data-testid="referat">',
        tools,
        "<header>",
        f'<h1 data-testid="referat-title">Referat: {_e(referat.title)}</h1>',
        '<dl class="facts">',
        f"<dt>Sag</dt><dd>{_e(referat.case_title)}</dd>" * bool(referat.case_title),
        f"<dt>Afholdt</dt><dd>{_e(referat.held)}</dd>",
        f"<dt>Mødeleder</dt><dd>{_e(referat.facilitator)}</dd>",
        "</dl>",
        '<p class="draft" role="note">Udkast: mødet er ikke afsluttet.</p>' * (not referat.closed),
        "</header>",
        '<section aria-labelledby="r-people"><h2 id="r-people">Deltagere</h2>',
        "<ul>" + "".join(f"<li>{_e(p)}</li>" for p in referat.people) + "</ul>",
        "</section>",
    ]
    if referat.followed_up:
        parts += [
            '<section aria-labelledby="r-followup" data-testid="referat-followup">',
            '<h2 id="r-followup">Opfølgning på aftaler fra sidste møde</h2>',
            '<table><thead><tr><th scope="col">Nr.</th><th scope="col">Hvad</th>'
            '<th scope="col">Hvem</th><th scope="col">Status</th></tr></thead><tbody>',
            _agreement_rows(referat.followed_up, True),
            "</tbody></table></section>",
        ]
    parts += ['<section aria-labelledby="r-board" data-testid="referat-board">']
    parts += ['<h2 id="r-board">Tavlen</h2><div class="board">']
    for heading, notes in referat.board:
        items = "".join(f"<li>{_e(note)}</li>" for note in notes) or "<li>Ingen noter</li>"
        parts.append(f"<div class='column'><h3>{_e(heading)}</h3><ul>{items}</ul></div>")
    parts += ["</div></section>"]
    parts += drawn.page(referat.drawings, _e, figures=figures)
    if referat.scaling:
        parts += [
            '<section aria-labelledby="r-scaling" data-testid="referat-scaling">',
            '<h2 id="r-scaling">Skalering</h2>',
        ]
    for scale in referat.scaling:
        parts += [
            f"<h3>{_e(scale.question)}</h3>",
            f"<p class='muted'>{_e(scale.anchors)}</p>",
            f"<p>Knyttet til: {_e(scale.tied_to)}</p>" * bool(scale.tied_to),
            f"<p>{_e(scale.answers)}. Fordeling: {_e(scale.spread)}"
            + f" <strong>Median: {_e(scale.median)}</strong>" * bool(scale.median)
            + "</p>",
        ]
        for heading, notes in [
            ("Hvorfor ikke lavere?", scale.why_not_lower),
            ("Hvad skal der til for at komme ét trin op?", scale.one_step_up),
        ]:
            if notes:
                items = "".join(f"<li>{_e(note)}</li>" for note in notes)
                parts.append(f"<h4>{_e(heading)}</h4><ul>{items}</ul>")
    if referat.scaling:
        parts.append("</section>")
    if referat.concern:
        parts += [
            '<section aria-labelledby="r-concern" data-testid="referat-concern">',
            '<h2 id="r-concern">Bekymringsgrundlag</h2><dl class="facts">',
            "".join(f"<dt>{_e(label)}</dt><dd>{_e(text)}</dd>" for label, text in referat.concern),
            "</dl></section>",
        ]
    if referat.talk:
        parts += [
            '<section aria-labelledby="r-talk" data-testid="referat-talk">',
            '<h2 id="r-talk">Taletid</h2><ul>',
            "".join(f"<li>{_e(line)}</li>" for line in referat.talk),
            "</ul></section>",
        ]
    parts += [
        '<section aria-labelledby="r-agreements" data-testid="referat-agreements">',
        '<h2 id="r-agreements">Aftaler – hvem gør hvad</h2>',
        '<table><thead><tr><th scope="col">Nr.</th><th scope="col">Hvad</th>'
        '<th scope="col">Hvem</th><th scope="col">Hvornår</th></tr></thead><tbody>',
        _agreement_rows(referat.agreements, False) or '<tr><td colspan="4">Ingen aftaler</td></tr>',
        "</tbody></table>",
        "<h3>Bekræftelse</h3><ul>",
        "".join(f"<li>{_e(answer)}</li>" for answer in referat.confirmations),
        "</ul></section>",
        *safety_plan.page(referat.safety, _e),
        '<section aria-labelledby="r-next" data-testid="referat-next">',
        '<h2 id="r-next">Næste møde</h2>',
        f"<p>{_e(referat.next_meeting or 'Ikke aftalt')}</p></section>",
        "</main></body></html>",
    ]
    return "\n".join(parts)
