"""Free text from people: trimmed, bounded, and never a CPR number, in every field it is kept."""

from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from server.domain import Rejected, apply_system, evolve
from server.domain.text import NAME_MAX, NOTE_MAX, RELATION_MAX, TITLE_MAX, clean, contains_cpr
from server.services.auth import create_user
from server.store.sqlite import SqliteStore
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
    """How server/services/meetings.py cleans a meeting's title before the meeting is created."""
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
    assert refusal.value.say == "text.too_long" and refusal.value.params == {"max": limit}


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


# -- normalising before checking: the same number however it is typed ------------------------

REFUSED: list[tuple[str, str]] = [
    ("plain", "Emils cpr er 010190-1234"),
    ("ten digits", "Emils cpr er 0101901234"),
    ("spaces between every group", "Emils cpr er 01 01 90 1234"),
    ("dots between the groups", "Emils cpr er 01.01.90.1234"),
    ("slashes between the groups", "Emils cpr er 01/01/90/1234"),
    ("date with dots, then a dash", "Emils cpr er 01.01.90-1234"),
    ("backslash", "Emils cpr er 010190\\1234"),
    ("spaced dash", "Emils cpr er 010190 - 1234"),
    ("em dash", "Emils cpr er 010190\u20141234"),
    ("figure dash", "Emils cpr er 010190\u20121234"),
    ("minus sign", "Emils cpr er 010190\u22121234"),
    ("small hyphen-minus", "Emils cpr er 010190\ufe631234"),
    ("full-width hyphen", "Emils cpr er 010190\uff0d1234"),
    ("no-break space", "Emils cpr er 010190\u00a01234"),
    ("narrow no-break space", "Emils cpr er 01\u202f01\u202f90\u202f1234"),
    ("ideographic space", "Emils cpr er 010190\u30001234"),
    (
        "full-width digits",
        "Emils cpr er \uff10\uff11\uff10\uff11\uff19\uff10-\uff11\uff12\uff13\uff14",
    ),
    (
        "Arabic-Indic digits",
        "Emils cpr er \u0660\u0661\u0660\u0661\u0669\u0660-\u0661\u0662\u0663\u0664",
    ),
    ("Devanagari digits", "\u0966\u0967\u0966\u0967\u096f\u0966\u0967\u0968\u0969\u096a"),
    ("Bengali digits", "\u09e6\u09e7\u09e6\u09e7\u09ef\u09e6-\u09e7\u09e8\u09e9\u09ea"),
    ("Thai digits", "\u0e50\u0e51\u0e50\u0e51\u0e59\u0e50\u0e51\u0e52\u0e53\u0e54"),
    (
        "mathematical bold digits",
        "\U0001d7ce\U0001d7cf\U0001d7ce\U0001d7cf\U0001d7d7\U0001d7ce-1234",
    ),
    ("superscript digits", "\u2070\u00b9\u2070\u00b9\u2079\u2070\u00b9\u00b2\u00b3\u2074"),
    ("digits of different scripts mixed", "01\u0660\u0661\uff19\uff10-1234"),
    ("zero-width space", "Emils cpr er 0101\u200b90-1234"),
    (
        "zero-width joiner in every gap",
        "0\u200d1\u200d0\u200d1\u200d9\u200d0\u200d1\u200d2\u200d3\u200d4",
    ),
    ("word joiner", "0101\u206090\u20601234"),
    ("soft hyphen", "010190\u00ad1234"),
    ("byte order mark", "\ufeff0101901234"),
    ("left-to-right marks", "\u200e010190\u200e-\u200e1234"),
    ("combining underline on every digit", "".join(f"{d}\u0332" for d in "0101901234")),
    ("combining keycaps", "".join(f"{d}\ufe0f\u20e3" for d in "0101901234")),
    ("dot leader", "01\u202401\u202490-1234"),
    ("middle dots", "01\u00b701\u00b790\u00b71234"),
    ("fraction slash", "01\u204401\u204490-1234"),
    ("underscore", "Emils cpr er 010190_1234"),
    ("every digit spaced out", "Emils cpr er 0 1 0 1 9 0 1 2 3 4"),
    ("every digit dashed", "0-1-0-1-9-0-1-2-3-4"),
    ("in pairs", "Emils cpr er 01 01 90 12 34"),
    ("in pairs with dots", "01.01.90.12.34"),
    (
        "spaced out in full-width digits",
        " ".join("\uff10\uff11\uff10\uff11\uff19\uff10\uff11\uff12\uff13\uff14"),
    ),
    ("29 February of a leap year", "Født 290292-1234"),
    ("29 February 2000", "Født 290200-4321"),
    ("31 December", "311299-1234"),
    ("in the middle of a sentence", "Birthe sagde 150317-1234 i telefonen"),
    ("after another number and a space", "Sag 12 150317-1234"),
    ("between brackets", "[150317-1234]"),
    ("the second of two candidates", "99 150317-1234"),
]

KEPT: list[tuple[str, str]] = [
    ("a phone number", "Ring til Birthe på 20304050"),
    ("a phone number in pairs", "Ring til Birthe på 20 30 40 50"),
    ("a phone number with +45", "Thomas: +45 20 30 40 50"),
    ("a phone number with 0045", "Thomas: 0045 20304050"),
    ("two phone numbers", "Sara 20304050 / Thomas 60708090"),
    ("a phone number in full-width digits", "\uff12\uff10\uff13\uff10\uff14\uff10\uff15\uff10"),
    ("a phone number in Arabic-Indic digits", "\u0662\u0660\u0663\u0660\u0664\u0660\u0665\u0660"),
    ("a date and a time", "Vi mødes 12.03.25 10.30"),
    ("a date range", "Bevilget 01.01.90-01.01.91"),
    ("ten digits in pairs that are no date", "Ring 20 30 40 50 60"),
    ("counting to ten", "1 2 3 4 5 6 7 8 9 10"),
    ("two phone numbers in pairs", "Sara 20 30 40 50, Thomas 60 70 80 90"),
    ("a date with a four-digit year", "Næste møde 15.03.2026"),
    ("a date and a year range", "15.03.26, 2019-2025"),
    ("day 32", "320190-1234"),
    ("month 13", "011390-1234"),
    ("day 00", "000190-1234"),
    ("month 00", "010090-1234"),
    ("31 February", "310290-1234"),
    ("31 April", "310490-1234"),
    ("29 February of a year that is no leap year", "290290-1234"),
    ("nine digits", "010190-123"),
    ("eleven digits", "010190-12345"),
    ("a longer number before it", "9010190-1234"),
    ("a case number with letters", "Sag 27.12.04-A00-1-25"),
    ("an amount", "Tilskud 1.500.000 kr"),
    ("an account number", "Reg. 1234 konto 98765432"),
    ("digits split by letters", "01 jan 90 kl 1234"),
    ("a time range", "kl. 10.30-12.00"),
    ("a zero-width space in a phone number", "2030\u200b4050"),
]


@pytest.mark.parametrize(("why", "text"), REFUSED, ids=[why for why, _ in REFUSED])
def test_a_cpr_number_is_found_however_it_is_typed(why: str, text: str) -> None:
    assert contains_cpr(text), why
    with pytest.raises(Rejected) as refusal:
        as_note(text)
    assert refusal.value.code == "cpr_detected"


@pytest.mark.parametrize(("why", "text"), KEPT, ids=[why for why, _ in KEPT])
def test_a_near_miss_is_kept(why: str, text: str) -> None:
    assert not contains_cpr(text), why


def test_what_was_typed_is_kept_as_typed_not_as_it_was_checked() -> None:
    assert as_note("Ring på \uff12\uff10\uff13\uff10\uff14\uff10\uff15\uff10") == (
        "Ring på \uff12\uff10\uff13\uff10\uff14\uff10\uff15\uff10"
    )


# -- account names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("Louise 010190-1234", "louise@kommune.example"),
        ("Louise ０１０１９０１２３４", "louise@kommune.example"),
        ("Louise", "0101901234@kommune.example"),
    ],
)
async def test_an_account_cannot_be_made_with_a_cpr_number(
    tmp_path: Path, name: str, email: str
) -> None:
    store = SqliteStore(tmp_path / "kreds.sqlite3")
    await store.open()
    try:
        with pytest.raises(Rejected) as refusal:
            await create_user(store, email, name, "Emil-kommer-i-skole-2025")
        assert refusal.value.code == "cpr_detected"
        assert await store.count_users() == 0
    finally:
        await store.close()
