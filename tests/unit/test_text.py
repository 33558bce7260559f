"""Free text from people: trimmed, bounded, and never a CPR number, in every field it is kept."""

from collections.abc import Callable

import msgspec
import pytest

from server.domain import Rejected, apply_system, evolve
from server.domain.text import NAME_MAX, NOTE_MAX, RELATION_MAX, TITLE_MAX, clean, contains_cpr
from shared_schema import AddCard
from tests.fixtures import LOUISE, NOW, act, holm, joining, new_meeting, op_id

# -- CPR numbers, in every field a person types ------------------------------------------------


def as_note(text: str) -> str:
    state = holm(notes=False)
    act(state, AddCard(id=op_id(), card_id="note-ny", column="works", text=text), LOUISE)
    return state.cards["note-ny"].text


def as_name(text: str) -> str:
    state = new_meeting()
    intent = joining("sara")
    intent.participant = msgspec.structs.replace(intent.participant, name=text)
    evolve(state, apply_system(state, intent, NOW))
    return state.participants["sara"].name


def as_relation(text: str) -> str:
    state = new_meeting()
    intent = joining("birthe")
    intent.participant = msgspec.structs.replace(intent.participant, relation=text)
    evolve(state, apply_system(state, intent, NOW))
    return state.participants["birthe"].relation


def as_title(text: str) -> str:
    """How server/meetings.py cleans a meeting's title before the meeting is created."""
    return clean(text, limit=TITLE_MAX)


FIELDS: dict[str, Callable[[str], str]] = {
    "note": as_note,
    "name": as_name,
    "relation": as_relation,
    "title": as_title,
}

CPR_NUMBERS = [
    "120317-4321",
    "1203174321",
    "Emil 120317-4321",
    "cpr:1203174321.",
    "Sara (010392-1234)",
    "Sara 010392 1234",
    "Emil 120317\u200b4321",  # a zero-width space copied along from a letter
    "Emil 120317\t4321",
]

NOT_CPR_NUMBERS = [
    "Næste møde 15.03.2026 kl. 14",
    "Næste møde 15-03-2026",
    "Emil er født 12.03.2017",
    "Emil, 9 år, født 2017",
    "Ring til Birthe: 20 30 40 50",
    "Tlf. 20304050",
    "Thomas: +45 20304050",
    "Fravær 18 % i år",
    "Fra 2019 til 2025",
    "Fremmøde 4 af 5 dage, kl. 8.15",
    "Aftalt 150326",
    "Sag 27.12.04-A00-1-25",
]


@pytest.mark.parametrize("cpr", CPR_NUMBERS)
@pytest.mark.parametrize("field", FIELDS)
def test_a_cpr_number_is_refused_in_every_field(field: str, cpr: str) -> None:
    with pytest.raises(Rejected) as refusal:
        FIELDS[field](cpr)
    assert refusal.value.code == "cpr_detected"
    assert "CPR" in refusal.value.message


@pytest.mark.parametrize("text", NOT_CPR_NUMBERS)
@pytest.mark.parametrize("field", FIELDS)
def test_dates_phone_numbers_percentages_and_years_are_kept(field: str, text: str) -> None:
    assert FIELDS[field](text) == text


@pytest.mark.parametrize(
    "number",
    ["320190-1234", "011390-1234", "12031743210", "4512031743"],
    ids=["day-32", "month-13", "eleven-digits", "starts-mid-number"],
)
def test_a_number_that_cannot_be_a_cpr_number_is_not_taken_for_one(number: str) -> None:
    assert not contains_cpr(number)


# -- cleaning ----------------------------------------------------------------------------------


def test_whitespace_is_collapsed_and_trimmed() -> None:
    assert clean("  Emil   elsker\tfodbold  ", limit=NOTE_MAX) == "Emil elsker fodbold"


def test_a_single_line_field_turns_line_breaks_into_spaces() -> None:
    assert clean("familiens\nrådgiver", limit=RELATION_MAX) == "familiens rådgiver"


def test_a_note_keeps_line_breaks_but_at_most_one_empty_line() -> None:
    text = "Morgener:\n  mandag \n\n\n\n tirsdag"
    assert clean(text, limit=NOTE_MAX, multiline=True) == "Morgener:\nmandag\n\ntirsdag"


def test_letters_typed_as_two_code_points_are_stored_as_one() -> None:
    assert clean("Birthe fra A\u030arhus", limit=NAME_MAX) == "Birthe fra Århus"


def test_control_characters_become_spaces() -> None:
    assert clean("Emil\x00er\x07glad\u200bi skolen", limit=NOTE_MAX) == "Emil er glad i skolen"


@pytest.mark.parametrize("text", ["", "   ", "\n\t\u200b"])
def test_a_required_field_left_empty_is_refused(text: str) -> None:
    with pytest.raises(Rejected) as refusal:
        clean(text, limit=NAME_MAX)
    assert refusal.value.code == "invalid"


def test_an_optional_field_may_be_empty() -> None:
    assert clean("  ", limit=RELATION_MAX, required=False) == ""


@pytest.mark.parametrize(
    ("limit", "name"),
    [(NOTE_MAX, "note"), (NAME_MAX, "name"), (RELATION_MAX, "relation"), (TITLE_MAX, "title")],
)
def test_text_up_to_its_limit_is_kept_and_one_more_character_is_too_large(
    limit: int, name: str
) -> None:
    text = ("Emil kommer i skole hver dag til tiden. " * 20)[: limit - 1] + "!"
    assert clean(f"  {text}  ", limit=limit) == text
    with pytest.raises(Rejected) as refusal:
        clean(text + "!", limit=limit)
    assert refusal.value.code == "too_large"
    assert str(limit) in refusal.value.message


def test_the_limits_are_those_the_design_names() -> None:
    assert (NOTE_MAX, NAME_MAX, RELATION_MAX) == (500, 40, 80)


@pytest.mark.parametrize(
    "text",
    [
        "Emils cpr er 010190–1234",  # en dash
        "Emils cpr er 010190\u20111234",  # non-breaking hyphen
        "Emils cpr er 010190 - 1234",
        "Emils cpr er ０１０１９０-１２３４",  # full-width digits
    ],
)
def test_cpr_numbers_written_with_look_alike_dashes_or_digits_are_refused(text: str) -> None:
    with pytest.raises(Rejected) as refused:
        clean(text, limit=NOTE_MAX)
    assert refused.value.code == "cpr_detected"
