"""The referat's content, its plain text for the journal, the .ics, and summary links."""

import icalendar

from server.render import calendar, referat
from server.services import summary_links
from server.services.auth import Keys

from .meetings import FACILITATOR, NOW, holm, run
from .test_agreements import carried_school


def closed_holm() -> referat.Referat:
    state = holm(carried=[carried_school()])
    run(
        state,
        FACILITATOR,
        "agreement.review",
        agreement_id="old-1",
        review="not_done",
        comment="Jens var syg i tre uger",
    )
    run(state, "karin", "card.add", card_id="w1", column="works", text="Emil er glad for fodbold")
    run(
        state,
        FACILITATOR,
        "agreement.add",
        agreement_id="a1",
        what="Følge Emil i skole om morgenen",
        who_participants=["jens"],
        when_text="hver tirsdag og torsdag",
        serves="next-1",
    )
    run(
        state,
        FACILITATOR,
        "agreement.add",
        agreement_id="a2",
        what="Bevilge aflastning",
        who_municipality=True,
        when_date="2026-12-01",
    )
    run(state, FACILITATOR, "readback.start")
    run(state, "mette", "agreements.confirm", agrees=True)
    run(state, "jens", "agreements.confirm", agrees=False, comment="Torsdag først kl. 8")
    run(state, FACILITATOR, "meeting.close", next_meeting="2027-01-12T09:00")
    return referat.build(state, case_title="Emil, 9 år")


def test_the_referat_holds_people_board_agreements_confirmations_and_next_meeting() -> None:
    made = closed_holm()
    assert made.closed
    assert made.facilitator == "Louise"
    assert made.people == [
        "Mette (Familie, mor)",
        "Jens (Privat netværk, morfar)",
        "Karin (Fagperson, klasselærer)",
    ]
    assert ("Hvad fungerer godt?", ["Emil er glad for fodbold"]) in made.board
    assert [line.what for line in made.agreements] == [
        "Følge Emil i skole om morgenen",
        "Bevilge aflastning",
    ]
    assert made.agreements[0].who == "Jens"
    assert made.agreements[0].serves == "Emil skal komme i skole hver dag"
    assert made.agreements[1].who == "Kommunen"
    assert made.agreements[1].when == "tirsdag den 1. december 2026"
    assert made.confirmations == [
        "Mette: enig",
        "Jens: har en bemærkning: Torsdag først kl. 8",
        "Karin: har ikke svaret",
    ]
    assert made.followed_up[0].review == "Ikke gjort"
    assert made.next_meeting == "tirsdag den 12. januar 2027 kl. 09.00"


def test_the_plain_text_is_laid_out_for_the_journal() -> None:
    text = referat.plain_text(closed_holm())
    assert text.startswith("REFERAT AF NETVÆRKSMØDE: Netværksmøde om Emil, 9 år\nSag: Emil, 9 år\n")
    assert "<" not in text
    assert (
        "AFTALER – HVEM GØR HVAD\n"
        "1. Følge Emil i skole om morgenen\n"
        "   Hvem: Jens\n"
        "   Hvornår: hver tirsdag og torsdag\n"
        "   Hører til: Emil skal komme i skole hver dag\n"
        "2. Bevilge aflastning\n"
        "   Hvem: Kommunen\n"
        "   Hvornår: tirsdag den 1. december 2026\n"
    ) in text
    assert "OPFØLGNING PÅ AFTALER FRA SIDSTE MØDE\n1. Følge Emil i skole\n" in text
    assert "   Status: Ikke gjort\n   Kommentar: Jens var syg i tre uger\n" in text
    assert text.endswith("NÆSTE MØDE\ntirsdag den 12. januar 2027 kl. 09.00\n")
    assert all(len(line) <= 120 for line in text.splitlines())


def test_an_open_meeting_is_marked_as_a_draft() -> None:
    made = referat.build(holm())
    assert not made.closed
    assert "UDKAST" in referat.plain_text(made)
    assert "Udkast" in referat.page(made)


def test_the_page_escapes_what_people_wrote() -> None:
    state = holm()
    run(state, "mette", "card.add", card_id="x", column="works", text="<script>alert(1)</script>")
    page = referat.page(referat.build(state))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_ics_holds_the_next_meeting_in_copenhagen_time() -> None:
    body = calendar.next_meeting_ics("holm", "Netværksmøde om Emil", "2027-01-12T09:00", NOW)
    parsed = icalendar.Calendar.from_ical(body)
    (event,) = parsed.walk("VEVENT")
    start = event.decoded("dtstart")
    assert (start.year, start.month, start.day, start.hour) == (2027, 1, 12, 9)
    assert str(start.tzinfo) == "Europe/Copenhagen"
    assert event["summary"] == "Opfølgningsmøde: Netværksmøde om Emil"
    assert event["uid"] == "holm-next@kreds"


KEYS = Keys(b"a test secret that is long enough")


def test_a_summary_link_works_until_it_expires() -> None:
    token = summary_links.make(KEYS, "holm", 2_000)
    assert summary_links.check(KEYS, token, 1_999) == "holm"
    assert summary_links.check(KEYS, token, 2_000) is None


def test_a_summary_link_cannot_be_forged_or_stretched() -> None:
    token = summary_links.make(KEYS, "holm", 2_000)
    meeting, expires, mac = token.split(".")
    assert summary_links.check(KEYS, f"{meeting}.9999999999.{mac}", 1_000) is None
    assert summary_links.check(KEYS, f"other.{expires}.{mac}", 1_000) is None
    assert summary_links.check(Keys(b"another secret"), token, 1_000) is None
    for junk in ["", "a.b", "a.b.c", "x" * 300, "holm.-5.abc"]:
        assert summary_links.check(KEYS, junk, 1_000) is None
