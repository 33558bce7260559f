"""The participants' summary page in their own language: the frame translated, the words as
written, the referat itself Danish."""

import html

from server.render import drawings, referat, safety_plan, summary_language
from server.render.scaling import ScaleSection
from server.render.summary_language import LANGUAGES, PHRASES, chosen
from server.render.words import DANISH


def line(what: str) -> referat.Line:
    return referat.Line(what, "Birthe", "hver onsdag", "", "Gjort", "")


def everything(lang: str = "da") -> str:
    """A summary page with every section there is, one agreement unfinished."""
    made = referat.Referat(
        title="Netværksmøde om Emil",
        case_title="Emil, 9 år",
        closed=True,
        held="tirsdag den 1. december 2026 kl. 10.00",
        facilitator="Louise",
        people=["Sara (Familie, mor)", "Birthe (Privat netværk, mormor)"],
        followed_up=[line("Emil cykler selv i skole")],
        board=[
            (DANISH[key], ["Mormor henter Emil om onsdagen"] if key == "column.works" else [])
            for key in referat.COLUMN_OF.values()
        ],
        agreements=[],
        confirmations=["Sara: enig"],
        next_meeting="",
        drawings=drawings.Drawings(
            ["Emil (2017)"], ["Sara er mor til Emil"], [("Familie", ["Sara"])]
        ),
        scaling=[
            ScaleSection(
                "Hvor sikkert?",
                "0 = … 10 = …",
                "",
                "4 svar",
                "5, 6, 6, 7",
                "6",
                ["Mormor er der hver onsdag"],
                ["Emil kommer i skole hver dag"],
            )
        ],
        concern=[("Hvem er bekymret?", "Skolen")],
        talk=["Sara: 4 min"],
        safety=safety_plan.SafetyPlan(
            rules=[safety_plan.RuleLine("Skal ske", "Emil hentes af en ædru voksen", "Sara", "")]
        ),
    )
    tools = summary_language.tools(lang, "/o/x/naeste-moede.ics")
    return referat.page(made, tools=tools, stylesheet="/referat.css", lang=lang)


def test_every_language_has_every_phrase_of_the_frame() -> None:
    keys = set(PHRASES["en"])
    assert set(PHRASES) == set(LANGUAGES) - {"da"}
    assert keys - {"note"} <= set(DANISH)
    for lang, words in PHRASES.items():
        assert set(words) == keys, lang
        assert all(text.strip() for text in words.values()), lang


def test_every_word_of_the_frame_is_translated_on_the_page() -> None:
    danish = everything()
    page = everything("en")
    for key, english in PHRASES["en"].items():
        assert html.escape(english) in page, key
        if key != "note":
            assert html.escape(DANISH[key]) in danish, key


def test_a_note_that_reads_like_a_heading_stands_as_written() -> None:
    page = everything("en")
    assert "<li>Mormor henter Emil om onsdagen</li>" in page
    assert "No notes yet." in page


def test_arabic_reads_right_to_left_with_its_own_headings_and_the_words_as_written() -> None:
    page = everything("ar")
    assert '<html lang="ar" dir="rtl">' in page
    assert f'<h2 id="r-people">{PHRASES["ar"]["people"]}</h2>' in page
    assert f"<h3>{PHRASES['ar']['column.works']}</h3>" in page
    assert f"data-print>{PHRASES['ar']['print']}</button>" in page
    assert PHRASES["ar"]["note"] in page
    assert "Mormor henter Emil om onsdagen" in page
    assert "Netværksmøde om Emil" in page
    assert "Deltagere" not in page and "Tavlen" not in page


def test_a_left_to_right_language_says_so() -> None:
    page = everything("uk")
    assert '<html lang="uk" dir="ltr">' in page
    assert PHRASES["uk"]["agreements"] in page


def test_danish_is_the_page_as_it_is() -> None:
    page = everything()
    assert '<html lang="da"><head>' in page
    assert 'class="summary-language"' not in page


def test_the_link_wins_then_the_phone_and_anything_unknown_is_danish() -> None:
    assert chosen("ar", "uk") == "ar"
    assert chosen(None, "uk") == "uk"
    assert chosen("xx", "so") == "so"
    assert chosen("x" * 5000, None) == "da"
    assert chosen("", "<script>") == "da"
    assert chosen(None, None) == "da"
    assert everything("klingon") == everything()
