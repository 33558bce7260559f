"""The agenda: phases from a template, changed by the facilitator, and the one the meeting is in."""

from msgspec.structs import replace

from server.domain.errors import Rejected, require
from server.domain.state import State, upsert_if_changed
from server.domain.text import clean
from shared_schema import Change, Participant
from shared_schema.facilitation import (
    AddPhase,
    Agenda,
    AgendaTemplate,
    GoToPhase,
    MovePhase,
    NextPhase,
    Phase,
    PhaseKind,
    PreviousPhase,
    RenamePhase,
    SkipPhase,
    UseAgenda,
)

PHASE_TITLE_MAX = 80
PHASES_MAX = 30

TEMPLATES: dict[AgendaTemplate, list[PhaseKind]] = {
    "network": [
        "welcome",
        "concern",
        "works",
        "worries",
        "scaling",
        "next",
        "agreements",
        "safety",
        "closing",
    ],
    "followup": [
        "welcome",
        "review",
        "scaling",
        "works",
        "worries",
        "next",
        "agreements",
        "safety",
        "closing",
    ],
    "pre": ["welcome", "roles", "concern", "agreements", "closing"],
    "three_houses": [
        "welcome",
        "house_good",
        "house_worries",
        "house_dreams",
        "safety",
        "closing",
    ],
}


def template_for(board: str, follow_up: bool) -> AgendaTemplate:
    """The agenda a new meeting starts with: De 3 huse for that board, a follow-up's for a
    meeting in a case that has agreements to review, else the netværksmøde's."""
    if board == "three_houses":
        return "three_houses"
    return "followup" if follow_up else "network"


def from_template(meeting_id: str, template: AgendaTemplate) -> Agenda:
    phases = [Phase(id=kind, kind=kind) for kind in TEMPLATES[template]]
    return Agenda(id=meeting_id, template=template, phases=phases, current=phases[0].id)


def _agenda(state: State, actor: Participant) -> Agenda:
    if state.agenda is None:
        raise Rejected("not_found", say="agenda.none")
    return state.agenda


def _index(agenda: Agenda, phase_id: str) -> int:
    for index, phase in enumerate(agenda.phases):
        if phase.id == phase_id:
            return index
    raise Rejected("not_found", say="phase.gone")


def use(state: State, intent: UseAgenda, actor: Participant, now: float) -> list[Change]:
    agenda = _agenda(state, actor)
    fresh = from_template(agenda.id, intent.template)
    return upsert_if_changed(
        agenda, replace(agenda, template=fresh.template, phases=fresh.phases, current=fresh.current)
    )


def add(state: State, intent: AddPhase, actor: Participant, now: float) -> list[Change]:
    agenda = _agenda(state, actor)
    require(
        all(phase.id != intent.phase_id for phase in agenda.phases),
        "conflict",
        say="phase.exists",
    )
    require(
        len(agenda.phases) < PHASES_MAX,
        "too_large",
        say="agenda.too_many",
        params={"max": PHASES_MAX},
    )
    title = clean(intent.title, limit=PHASE_TITLE_MAX, required=intent.kind == "other")
    at = 0 if intent.after is None else _index(agenda, intent.after) + 1
    phases = list(agenda.phases)
    phases.insert(at, Phase(id=intent.phase_id, kind=intent.kind, title=title))
    return upsert_if_changed(agenda, replace(agenda, phases=phases))


def rename(state: State, intent: RenamePhase, actor: Participant, now: float) -> list[Change]:
    agenda = _agenda(state, actor)
    at = _index(agenda, intent.phase_id)
    phase = agenda.phases[at]
    title = clean(intent.title, limit=PHASE_TITLE_MAX, required=phase.kind == "other")
    phases = list(agenda.phases)
    phases[at] = replace(phase, title=title)
    return upsert_if_changed(agenda, replace(agenda, phases=phases))


def move(state: State, intent: MovePhase, actor: Participant, now: float) -> list[Change]:
    agenda = _agenda(state, actor)
    require(intent.after != intent.phase_id, "invalid", say="phase.after_itself")
    phases = list(agenda.phases)
    phase = phases.pop(_index(agenda, intent.phase_id))
    at = 0
    if intent.after is not None:
        at = next((i + 1 for i, other in enumerate(phases) if other.id == intent.after), -1)
        require(at >= 0, "not_found", say="phase.gone")
    phases.insert(at, phase)
    return upsert_if_changed(agenda, replace(agenda, phases=phases))


def skip(state: State, intent: SkipPhase, actor: Participant, now: float) -> list[Change]:
    agenda = _agenda(state, actor)
    at = _index(agenda, intent.phase_id)
    phases = list(agenda.phases)
    phases[at] = replace(phases[at], skipped=intent.skipped)
    return upsert_if_changed(agenda, replace(agenda, phases=phases))


def _change_phase(state: State, actor: Participant) -> Agenda:
    if state.agenda is None:
        raise Rejected("not_found", say="agenda.none")
    return state.agenda


def go(state: State, intent: GoToPhase, actor: Participant, now: float) -> list[Change]:
    agenda = _change_phase(state, actor)
    _index(agenda, intent.phase_id)
    return upsert_if_changed(agenda, replace(agenda, current=intent.phase_id))


def _from(agenda: Agenda, from_phase: str | None) -> int:
    """Where a step starts: refused when the meeting is no longer in `from_phase` (a second tap
    on a slow line must not move the meeting twice)."""
    require(
        from_phase == agenda.current,
        "conflict",
        say="phase.moved_on",
    )
    return -1 if agenda.current is None else _index(agenda, agenda.current)


def advance(state: State, intent: NextPhase, actor: Participant, now: float) -> list[Change]:
    agenda = _change_phase(state, actor)
    at = _from(agenda, intent.from_phase)
    ahead = [phase for phase in agenda.phases[at + 1 :] if not phase.skipped]
    require(bool(ahead), "conflict", say="phase.last")
    return upsert_if_changed(agenda, replace(agenda, current=ahead[0].id))


def back(state: State, intent: PreviousPhase, actor: Participant, now: float) -> list[Change]:
    agenda = _change_phase(state, actor)
    at = _from(agenda, intent.from_phase)
    behind = [phase for phase in agenda.phases[:at] if not phase.skipped]
    require(bool(behind), "conflict", say="phase.first")
    return upsert_if_changed(agenda, replace(agenda, current=behind[-1].id))
