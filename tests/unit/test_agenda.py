"""The agenda: templates, changing phases before and during the meeting, advancing and going
back; and the bekymringsgrundlag."""

from typing import Any

import msgspec
import pytest

from server.domain import State
from server.domain.agenda import TEMPLATES
from shared_schema import Intent
from tests.fixtures import LOUISE, MEETING_ID, act, holm, new_meeting, refused

from .meetings import intent


def do(state: State, actor: str, kind: str, **fields: Any) -> list[Any]:
    return act(state, intent(kind, **fields), actor)


def no(state: State, actor: str, kind: str, **fields: Any) -> str:
    return refused(state, intent(kind, **fields), actor)


def kinds(state: State) -> list[str]:
    assert state.agenda is not None
    return [phase.kind for phase in state.agenda.phases]


def current(state: State) -> str | None:
    assert state.agenda is not None
    return state.agenda.current


def test_a_new_meeting_starts_at_the_welcome_of_the_netvaerksmoede() -> None:
    state = new_meeting()
    assert state.agenda is not None and state.agenda.id == MEETING_ID
    assert state.agenda.template == "network"
    assert kinds(state) == TEMPLATES["network"]
    assert kinds(state)[:4] == ["welcome", "concern", "works", "worries"]
    assert current(state) == "welcome"


def test_a_de_3_huse_board_gets_the_de_3_huse_agenda() -> None:
    assert kinds(new_meeting("three_houses")) == TEMPLATES["three_houses"]


@pytest.mark.parametrize("template", ["network", "followup", "pre", "three_houses"])
def test_the_facilitator_can_switch_to_any_template(template: str) -> None:
    state = holm(notes=False)
    do(state, LOUISE, "phase.next", from_phase="welcome")
    do(state, LOUISE, "agenda.use", template=template)
    assert kinds(state) == TEMPLATES[template]  # type: ignore[index]
    assert current(state) == "welcome"


def test_advance_then_back_undoes_an_accidental_advance() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "phase.next", from_phase="welcome")
    do(state, LOUISE, "phase.next", from_phase="concern")
    assert current(state) == "works"
    do(state, LOUISE, "phase.back", from_phase="works")
    assert current(state) == "concern"


def test_a_second_tap_on_next_does_not_advance_twice() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "phase.next", from_phase="welcome")
    assert no(state, LOUISE, "phase.next", from_phase="welcome") == "conflict"
    assert current(state) == "concern"


def test_skipped_phases_are_passed_over_both_ways() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "phase.skip", phase_id="concern")
    do(state, LOUISE, "phase.next", from_phase="welcome")
    assert current(state) == "works"
    do(state, LOUISE, "phase.back", from_phase="works")
    assert current(state) == "welcome"
    do(state, LOUISE, "phase.skip", phase_id="concern", skipped=False)
    do(state, LOUISE, "phase.next", from_phase="welcome")
    assert current(state) == "concern"


def test_there_is_no_phase_before_the_first_or_after_the_last() -> None:
    state = holm(notes=False)
    assert no(state, LOUISE, "phase.back", from_phase="welcome") == "conflict"
    do(state, LOUISE, "phase.go", phase_id="closing")
    assert no(state, LOUISE, "phase.next", from_phase="closing") == "conflict"


def test_works_can_come_before_worries_and_phases_can_be_added_and_renamed() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "phase.move", phase_id="works", after="worries")
    assert kinds(state)[2:4] == ["worries", "works"]
    do(state, LOUISE, "phase.move", phase_id="closing", after=None)
    assert kinds(state)[0] == "closing"
    do(state, LOUISE, "phase.add", phase_id="pause", title="Kaffepause", after="worries")
    assert state.agenda is not None
    added = state.agenda.phases[kinds(state).index("other")]
    assert (added.id, added.title) == ("pause", "Kaffepause")
    do(state, LOUISE, "phase.rename", phase_id="works", title="De gode ting")
    assert next(p for p in state.agenda.phases if p.id == "works").title == "De gode ting"


def test_a_named_phase_must_have_a_name_and_a_short_one() -> None:
    state = holm(notes=False)
    assert no(state, LOUISE, "phase.add", phase_id="x1", title="   ") == "invalid"
    assert no(state, LOUISE, "phase.add", phase_id="x1", title="P" * 81) == "too_large"
    assert no(state, LOUISE, "phase.add", phase_id="x1", title="Sara 150864-1234") == (
        "cpr_detected"
    )


def test_a_phase_id_cannot_be_used_twice() -> None:
    state = holm(notes=False)
    assert no(state, LOUISE, "phase.add", phase_id="works", title="Igen") == "conflict"


def test_unknown_phases_are_not_found() -> None:
    state = holm(notes=False)
    assert no(state, LOUISE, "phase.go", phase_id="nowhere") == "not_found"
    assert no(state, LOUISE, "phase.move", phase_id="works", after="nowhere") == "not_found"
    assert no(state, LOUISE, "phase.rename", phase_id="nowhere", title="X") == "not_found"
    assert no(state, LOUISE, "phase.move", phase_id="works", after="works") == "invalid"


@pytest.mark.parametrize("actor", ["sara", "birthe", "mette", "katrine"])
@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("phase.next", {"from_phase": "welcome"}),
        ("phase.go", {"phase_id": "works"}),
        ("phase.skip", {"phase_id": "works"}),
        ("agenda.use", {"template": "pre"}),
    ],
)
def test_only_the_facilitator_runs_the_agenda(
    actor: str, kind: str, fields: dict[str, Any]
) -> None:
    assert no(holm(notes=False), actor, kind, **fields) == "not_allowed"


@pytest.mark.parametrize(
    "data",
    [
        {"type": "phase.next", "id": "op-000001", "from_phase": 7},
        {"type": "agenda.use", "id": "op-000001", "template": "nytaar"},
        {"type": "phase.add", "id": "op-000001", "phase_id": "a b"},
        {"type": "timer.start", "id": "op-000001", "seconds": 0},
        {"type": "timer.start", "id": "op-000001", "seconds": 99999},
        {"type": "seats.set", "id": "op-000001", "order": ["x"] * 201},
        {"type": "writing.private", "id": "op-000001", "column": "tomorrow"},
    ],
)
def test_malformed_facilitation_intents_are_refused_at_the_edge(data: dict[str, Any]) -> None:
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert(data, Intent)


# -- the bekymringsgrundlag ----------------------------------------------------------------------


def test_the_raadgiver_writes_the_four_questions_the_statement_and_the_goals() -> None:
    state = holm(notes=False)
    do(
        state,
        "katrine",
        "concern.edit",
        who="Skolen og jeg som rådgiver",
        what="Emil kommer for sent og bliver alene om morgenen",
        impact="Emil mister undervisning og venner",
        future="Emil falder fra i skolen",
        statement="Vi er bekymrede for, at Emil ikke kommer i skole\nog bliver ensom.",
        goals="Emil kommer i skole hver dag kl. 8",
    )
    assert state.concern is not None and state.concern.id == MEETING_ID
    assert state.concern.edited_by == "katrine"
    assert state.concern.statement.endswith("\nog bliver ensom.")
    do(state, LOUISE, "concern.edit", who="Skolen", goals="Emil kommer i skole")
    assert state.concern.who == "Skolen" and state.concern.what == ""


def test_the_same_bekymringsgrundlag_again_changes_nothing() -> None:
    state = holm(notes=False)
    do(state, LOUISE, "concern.edit", who="Skolen")
    assert do(state, LOUISE, "concern.edit", who="Skolen") == []


@pytest.mark.parametrize("actor", ["sara", "birthe", "mette"])
def test_only_facilitator_and_raadgiver_write_the_bekymringsgrundlag(actor: str) -> None:
    assert no(holm(notes=False), actor, "concern.edit", who="Mig") == "not_allowed"


def test_the_bekymringsgrundlag_has_limits_and_no_cpr() -> None:
    state = holm(notes=False)
    assert no(state, LOUISE, "concern.edit", who="x" * 2001) == "too_large"
    assert no(state, LOUISE, "concern.edit", what="Emil 010115-1234") == "cpr_detected"


def test_a_meeting_without_an_agenda_says_so() -> None:
    state = holm(notes=False)
    state.agenda = None
    assert no(state, LOUISE, "phase.next", from_phase="welcome") == "not_found"
    assert no(state, LOUISE, "phase.rename", phase_id="works", title="X") == "not_found"
