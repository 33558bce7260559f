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
from server.render import safety_plan, summary_language
from server.render import scaling as scaled
from server.render.journal import indent, numbered
from server.render.scaling import ScaleSection
from server.render.words import DANISH, MONTHS, WEEKDAYS, say
from shared_schema import Agreement, Participant

TZ = ZoneInfo("Europe/Copenhagen")
CONCERN = ("who", "what", "impact", "future", "statement", "goals")
COLUMN_OF = {DANISH[key]: key for key in DANISH if key.startswith("column.")}
"""A board column's key by its Danish heading, for the page's frame in another language."""


def danish_date(day: datetime.date) -> str:
    weekday, month = WEEKDAYS[day.weekday()], MONTHS[day.month - 1]
    return say("date", weekday=weekday, day=day.day, month=month, year=day.year)


def danish_time(moment: datetime.datetime) -> str:
    return say("time", date=danish_date(moment.date()), clock=f"{moment:%H.%M}")


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
        names.append(DANISH["municipality"])
    return ", ".join(names)


def _when(agreement: Agreement) -> str:
    parts = []
    if agreement.when_date:
        parts.append(danish_date(datetime.date.fromisoformat(agreement.when_date)))
    if agreement.when_text:
        parts.append(agreement.when_text)
    return ", ".join(parts) or DANISH["ongoing"]


def _line(state: State, agreement: Agreement) -> Line:
    card = state.cards.get(agreement.serves) if agreement.serves else None
    return Line(
        what=agreement.what,
        who=_who(state, agreement),
        when=_when(agreement),
        serves=card.text if card else "",
        review=DANISH[f"review.{agreement.review or 'none'}"],
        review_comment=agreement.review_comment,
    )


def _person(person: Participant) -> str:
    details = [DANISH[f"role.{person.role}"]]
    if person.relation:
        details.append(person.relation)
    if person.remote:
        details.append(DANISH["remote"])
    return f"{person.name} ({', '.join(details)})"


def _concern(state: State) -> list[tuple[str, str]]:
    written = state.concern
    if written is None:
        return []
    answers = [(DANISH[f"concern.{name}"], getattr(written, name)) for name in CONCERN]
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
        key = "talk.one" if count == 1 else "talk.many"
        lines.append(say(key, name=who.name, count=count, minutes=minutes, seconds=f"{rest:02d}"))
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
            answers.append(say("confirm.none", name=person.name))
        elif given.agrees:
            answers.append(say("confirm.agrees", name=person.name))
        else:
            answers.append(say("confirm.comment", name=person.name, comment=given.comment))
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
                DANISH[f"column.{column}"],
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
        scaling=scaled.build(state),
        concern=_concern(state),
        # Who spoke how long is the facilitator's alone, as it is live.
        talk=_talk(state) if viewer.role == "facilitator" else [],
        safety=safety_plan.build(state),
    )


# -- plain text for the case journal (DUBU / Nexus) -------------------------------------------


def plain_text(referat: Referat) -> str:
    """Laid out for pasting into a journal: no markup, short headings, numbered agreements."""
    w = DANISH
    out = [say("text.title", title=referat.title)]
    if referat.case_title:
        out.append(f"{w['case']}: {referat.case_title}")
    out.append(f"{w['held']}: {referat.held}")
    out.append(f"{w['facilitator']}: {referat.facilitator}")
    if not referat.closed:
        out.append(w["text.draft"])
    out += ["", w["people"].upper()]
    out += [f"- {person}" for person in referat.people] or [f"- {w['none']}"]
    if referat.followed_up:
        out += ["", w["followup"].upper(), *_agreement_text(referat.followed_up, True)]
    for heading, notes in referat.board:
        out += ["", heading.upper()]
        out += [f"- {indent(note, '  ')}" for note in notes] or [f"- {w['no_notes']}"]
    out += drawn.plain_text(referat.drawings)
    out += scaled.plain_text(referat.scaling)
    if referat.concern:
        out += ["", w["concern"].upper()]
        out += [f"{label}\n  {indent(text, '  ')}" for label, text in referat.concern]
    if referat.talk:
        out += ["", w["talk"].upper()]
        out += [f"- {line}" for line in referat.talk]
    out += ["", w["agreements"].upper()]
    if not referat.agreements:
        out.append(f"- {w['no_agreements']}")
    out += _agreement_text(referat.agreements, False)
    out += ["", w["text.confirmations"]]
    out += [f"- {indent(answer, '  ')}" for answer in referat.confirmations] or [f"- {w['none']}"]
    out += safety_plan.plain_text(referat.safety)
    out += ["", w["next"].upper(), referat.next_meeting or w["not_agreed"]]
    return "\n".join(out) + "\n"


def _agreement_text(lines: list[Line], followed_up: bool) -> list[str]:
    """Numbered agreements: those followed up with their status and comment, this meeting's
    with when and what they serve."""
    w = DANISH
    out: list[str] = []
    for number, line in enumerate(lines, 1):
        if followed_up:
            last = (w["status"], line.review), (w["comment"], line.review_comment or None)
        else:
            last = (w["when"], line.when), (w["serves"], line.serves or None)
        out += numbered(number, line.what, (w["who"], line.who), *last)
    return out


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
            what = f"{_e(line.what)}{_muted(line.serves, DANISH['serves'] + ': ')}"
            last = _e(line.when)
        rows.append(
            f"<tr><td>{number}</td><td>{what}</td><td>{_e(line.who)}</td><td>{last}</td></tr>"
        )
    return "".join(rows)


def _table_head(w: dict[str, str], last: str) -> str:
    heads = "".join(f'<th scope="col">{_e(w[key])}</th>' for key in ("number", "what", "who", last))
    return f"<table><thead><tr>{heads}</tr></thead><tbody>"


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
    lang: str = "da",
) -> str:
    """The referat as an HTML document. `tools` is the toolbar (never printed); the stylesheet
    is linked on the web and inlined (`css`) when printing to PDF. With `drawing_script` (the
    web build's referat entry) the genogram and the network map are drawn as pictures too, from
    data carried as a JSON block (the CSP allows no inline script, and this is none). In
    another `lang` than Danish the frame is the reader's (a participant's summary page)."""
    w = summary_language.frame(lang)
    style = f"<style>{css}</style>" if css else ""
    link = f'<link rel="stylesheet" href="{_e(stylesheet)}">' if stylesheet else ""
    figures = bool(drawing_script) and has_figures(referat)
    if figures:
        link += (
            '<script type="application/json" id="referat-drawing">'
            f"{referat.drawings.figures}</script>"
            f'<script type="module" src="{_e(drawing_script)}"></script>'
        )
    record = f"{_e(w['record'])}: {_e(referat.title)}"
    note = f'<p class="summary-language" role="note">{_e(w["note"])}</p>' if "note" in w else ""
    parts = [
        "<!doctype html>",
        f'{summary_language.opening(lang)}<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">',
        '<link rel="icon" href="data:,">',
        f"<title>{record}</title>{link}{style}</head>",
        '<body><main class="referat" id="main" data-testid="referat">',
        tools,
        "<header>",
        f'<h1 data-testid="referat-title">{record}</h1>',
        '<dl class="facts">',
        f"<dt>{_e(w['case'])}</dt><dd>{_e(referat.case_title)}</dd>" * bool(referat.case_title),
        f"<dt>{_e(w['held'])}</dt><dd>{_e(referat.held)}</dd>",
        f"<dt>{_e(w['facilitator'])}</dt><dd>{_e(referat.facilitator)}</dd>",
        "</dl>",
        f'<p class="draft" role="note">{_e(w["draft"])}</p>' * (not referat.closed),
        f"{note}</header>",
        f'<section aria-labelledby="r-people"><h2 id="r-people">{_e(w["people"])}</h2>',
        "<ul>" + "".join(f"<li>{_e(p)}</li>" for p in referat.people) + "</ul>",
        "</section>",
    ]
    if referat.followed_up:
        parts += [
            '<section aria-labelledby="r-followup" data-testid="referat-followup">',
            f'<h2 id="r-followup">{_e(w["followup"])}</h2>',
            _table_head(w, "status"),
            _agreement_rows(referat.followed_up, True),
            "</tbody></table></section>",
        ]
    parts += ['<section aria-labelledby="r-board" data-testid="referat-board">']
    parts += [f'<h2 id="r-board">{_e(w["board"])}</h2><div class="board">']
    empty = f"<li>{_e(w['no_notes'])}</li>"
    for heading, notes in referat.board:
        items = "".join(f"<li>{_e(note)}</li>" for note in notes) or empty
        parts.append(
            f"<div class='column'><h3>{_e(w[COLUMN_OF[heading]])}</h3><ul>{items}</ul></div>"
        )
    parts += ["</div></section>"]
    parts += drawn.page(referat.drawings, _e, w, figures=figures)
    parts += scaled.page(referat.scaling, _e, w)
    if referat.concern:
        parts += [
            '<section aria-labelledby="r-concern" data-testid="referat-concern">',
            f'<h2 id="r-concern">{_e(w["concern"])}</h2><dl class="facts">',
            "".join(f"<dt>{_e(label)}</dt><dd>{_e(text)}</dd>" for label, text in referat.concern),
            "</dl></section>",
        ]
    if referat.talk:
        parts += [
            '<section aria-labelledby="r-talk" data-testid="referat-talk">',
            f'<h2 id="r-talk">{_e(w["talk"])}</h2><ul>',
            "".join(f"<li>{_e(line)}</li>" for line in referat.talk),
            "</ul></section>",
        ]
    none = f'<tr><td colspan="4">{_e(w["no_agreements"])}</td></tr>'
    parts += [
        '<section aria-labelledby="r-agreements" data-testid="referat-agreements">',
        f'<h2 id="r-agreements">{_e(w["agreements"])}</h2>',
        _table_head(w, "when"),
        _agreement_rows(referat.agreements, False) or none,
        "</tbody></table>",
        f"<h3>{_e(w['confirmations'])}</h3><ul>",
        "".join(f"<li>{_e(answer)}</li>" for answer in referat.confirmations),
        "</ul></section>",
        *safety_plan.page(referat.safety, _e, w),
        '<section aria-labelledby="r-next" data-testid="referat-next">',
        f'<h2 id="r-next">{_e(w["next"])}</h2>',
        f"<p>{_e(referat.next_meeting or w['not_agreed'])}</p></section>",
        "</main></body></html>",
    ]
    return "\n".join(parts)
