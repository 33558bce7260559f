"""The end of a meeting in Chromium: agreements written and proposed, read back and confirmed
from three phones, the meeting closed, the referat printed and copied, and a follow-up meeting
of the same case that opens with the open agreements, the scaling history and the family's
genogram, brought over from the first meeting."""

import re

from playwright.sync_api import Page, expect

from e2e.conftest import (
    ARTIFACTS,
    LAPTOP,
    PHONE,
    PROJECTOR,
    Devices,
    confirm_dialog,
    shot,
    show_work,
    sign_up,
)
from e2e.test_genogram import add_person, draw
from e2e.test_genogram import person as drawn
from e2e.test_meeting import admit_all, join, write


def sign_up_and_open_case(page: Page) -> str:
    sign_up(page)
    page.get_by_test_id("case-title-input").fill("Emil, 9 år")
    page.get_by_test_id("case-create").click()
    expect(page).to_have_url(re.compile(r"/c/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("case-title")).to_have_text("Emil, 9 år")
    return page.url


def new_meeting_in_case(page: Page, title: str) -> None:
    page.get_by_test_id("case-meeting-title").fill(title)
    page.get_by_test_id("case-meeting-create").click()
    expect(page).to_have_url(re.compile(r"/m/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")


def ask_safety(facilitator: Page) -> None:
    show_work(facilitator, "scale")
    facilitator.get_by_test_id("scale-preset-safety").check()
    facilitator.get_by_test_id("scale-tied-to").fill("Emil kommer for sent i skole")
    expect(facilitator.get_by_test_id("scale-anonymous")).to_be_checked()
    facilitator.get_by_test_id("scale-ask").click()
    expect(facilitator.get_by_test_id("running-scale")).to_have_attribute("data-status", "open")


def vote(phone: Page, value: int) -> None:
    phone.get_by_test_id(f"scale-option-{value}").click()
    expect(phone.get_by_test_id(f"scale-option-{value}")).to_have_attribute("aria-checked", "true")


def write_agreement(
    page: Page,
    what: str,
    *,
    who: tuple[str, ...] = (),
    municipality: bool = False,
    when_text: str = "",
    when_date: str = "",
    serves: str = "",
    prefix: str = "agreement",
) -> None:
    if prefix == "agreement":
        show_work(page, "agreements")
    page.get_by_test_id(f"{prefix}-what").fill(what)
    for person in who:
        page.get_by_test_id(f"{prefix}-form").get_by_label(person, exact=False).first.check()
    if municipality:
        page.get_by_test_id(f"{prefix}-municipality").check()
    if when_text:
        page.get_by_test_id(f"{prefix}-when-text").fill(when_text)
    if when_date:
        page.get_by_test_id(f"{prefix}-when-date").fill(when_date)
    if serves:
        page.get_by_test_id(f"{prefix}-serves").select_option(label=serves)
    page.get_by_test_id(f"{prefix}-submit").click()


def test_agreements_are_confirmed_the_meeting_closes_and_the_case_follows_up(
    devices: Devices,
) -> None:
    facilitator = devices.open(LAPTOP)
    case_url = sign_up_and_open_case(facilitator)
    new_meeting_in_case(facilitator, "Netværksmøde om Emil")
    join_url = facilitator.get_by_test_id("join-link").input_value()
    screen_url = facilitator.get_by_test_id("screen-link").get_attribute("href")
    screen = devices.open(PROJECTOR, screen_url)
    expect(screen.get_by_test_id("screen-title")).to_have_text("Netværksmøde om Emil")

    sara = devices.open(PHONE, join_url)
    join(sara, "Sara", "familie", "mor")
    birthe = devices.open(PHONE, join_url)
    join(birthe, "Birthe", "privat", "mormor")
    mette = devices.open(PHONE, join_url)
    join(mette, "Mette", "fagperson", "klasselærer")
    admit_all(facilitator, 3)
    phones = (sara, birthe, mette)
    for phone in phones:
        expect(phone.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")

    # The family's genogram: the facilitator draws Emil and his parents, Birthe adds herself.
    add_person(facilitator, "Emil", "male", "2017", focus=True, household="Saras hjem")
    add_person(facilitator, "Sara", "female", "1992", household="Saras hjem")
    add_person(facilitator, "Thomas", "male", "1990")
    draw(facilitator, "Sara", "divorced", "Thomas")
    draw(facilitator, "Sara", "biological", "Emil")
    draw(facilitator, "Thomas", "biological", "Emil")
    birthe.get_by_test_id("kinship").select_option("mormor")
    birthe.get_by_test_id("kinship-born").fill("1964")
    birthe.get_by_test_id("kinship-submit").click()
    expect(birthe.get_by_test_id("phone-genogram-joined")).to_contain_text("Birthe")
    expect(facilitator.get_by_test_id("relation-item")).to_have_count(4)
    expect(facilitator.get_by_test_id("carried-drawing")).to_have_count(0)

    write(sara, "next", "Emil skal komme i skole hver dag")
    expect(facilitator.get_by_test_id("column-next").get_by_test_id("card")).to_have_count(1)

    # The network scales safety, so that the follow-up meeting has a history to open with.
    ask_safety(facilitator)
    for phone, value in zip(phones, [4, 5, 6], strict=True):
        vote(phone, value)
    expect(facilitator.get_by_test_id("scale-answered")).to_have_attribute("data-count", "3")
    facilitator.get_by_test_id("scale-reveal").click()
    expect(screen.get_by_test_id("scale-median")).to_have_attribute("data-median", "5")

    # The facilitator writes two agreements on the screen.
    write_agreement(
        facilitator,
        "Følge Emil i skole om morgenen",
        who=("Birthe",),
        when_text="hver tirsdag og torsdag",
        serves="Emil skal komme i skole hver dag",
    )
    write_agreement(
        facilitator,
        "Bevilge aflastning en weekend om måneden",
        municipality=True,
        when_date="2026-12-01",
    )
    agreed = facilitator.get_by_test_id("agreement-list").locator("> li")
    expect(agreed).to_have_count(2)
    expect(agreed.first).to_contain_text("Birthe")

    # Sara proposes one from her phone; the facilitator takes it in.
    sara.get_by_test_id("propose-open").click()
    write_agreement(
        sara,
        "Jeg henter Emil fra fodbold",
        who=("Sara",),
        when_text="hver onsdag",
        prefix="propose",
    )
    expect(sara.locator('[data-testid^="proposal-"]')).to_have_count(1)
    shot(sara, "phone-proposal")
    proposal = facilitator.locator('[data-testid^="proposal-"]')
    expect(proposal).to_contain_text("Jeg henter Emil fra fodbold")
    expect(proposal).to_contain_text("Sara")
    facilitator.locator('[data-testid^="accept-"]').click()
    expect(agreed).to_have_count(3)
    expect(sara.locator('[data-testid^="proposal-"]')).to_have_count(0)

    # The read-back: every phone asks, the screen shows who has confirmed.
    facilitator.get_by_test_id("readback-start").click()
    for phone in phones:
        expect(phone.get_by_test_id("phone-readback")).to_be_visible()
        expect(phone.get_by_test_id("phone-readback").locator("ol > li")).to_have_count(3)
    expect(screen.get_by_test_id("screen-agreements")).to_be_visible()
    shot(birthe, "phone-readback")
    sara.get_by_test_id("confirm-agree").click()
    mette.get_by_test_id("confirm-agree").click()
    birthe.get_by_test_id("confirm-remark").click()
    birthe.get_by_test_id("remark-input").fill("Torsdag kan jeg først komme kl. 8")
    birthe.get_by_test_id("remark-send").click()
    expect(sara.get_by_test_id("my-confirmation")).to_have_attribute("data-state", "agrees")
    expect(birthe.get_by_test_id("my-confirmation")).to_have_attribute("data-state", "remark")
    expect(screen.get_by_test_id("confirm-count")).to_have_attribute("data-count", "3")
    expect(screen.locator('[data-state="remark"]')).to_contain_text("Torsdag kan jeg først")
    expect(facilitator.get_by_test_id("confirm-count")).to_have_attribute("data-count", "3")
    shot(screen, "screen-readback")
    shot(facilitator, "facilitator-readback")

    # Closing: the next meeting's time, and the meeting is frozen.
    facilitator.get_by_test_id("close-next").fill("2027-01-12T09:00")
    facilitator.get_by_test_id("close-meeting").click()
    confirm_dialog(facilitator)
    expect(facilitator.get_by_test_id("meeting-closed")).to_be_visible()
    expect(facilitator.get_by_test_id("next-meeting")).to_contain_text("2027")
    for phone in phones:
        expect(phone.get_by_test_id("phone-closed")).to_be_visible()
    # The screen's closing card: thanks and the next meeting's date, and no way in any more.
    closing = screen.get_by_test_id("screen-closing")
    expect(closing).to_contain_text("Tak for i dag")
    expect(closing.get_by_test_id("screen-next-meeting")).to_contain_text("2027")
    expect(closing).to_contain_text("Følge Emil i skole om morgenen")
    expect(screen.get_by_test_id("join-qr")).to_have_count(0)
    expect(screen.get_by_test_id("join-code")).to_have_count(0)
    shot(sara, "phone-closed")
    shot(screen, "screen-closed")

    # The referat: on screen, printed (A4), as PDF, and its plain text copied for the journal.
    facilitator.context.grant_permissions(["clipboard-read", "clipboard-write"])
    facilitator.get_by_test_id("referat-link").click()
    expect(facilitator.get_by_test_id("referat-title")).to_have_text(
        "Referat: Netværksmøde om Emil"
    )
    agreements = facilitator.get_by_test_id("referat-agreements")
    expect(agreements).to_contain_text("Følge Emil i skole om morgenen")
    expect(agreements).to_contain_text("Kommunen")
    expect(agreements).to_contain_text("Birthe: har en bemærkning: Torsdag kan jeg først")
    expect(facilitator.get_by_test_id("referat-next")).to_contain_text("12. januar 2027 kl. 09.00")
    shot(facilitator, "referat-screen")
    facilitator.get_by_test_id("referat-copy").click()
    expect(facilitator.get_by_test_id("referat-copied")).to_contain_text("kopieret")
    copied = facilitator.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("REFERAT AF NETVÆRKSMØDE: Netværksmøde om Emil\nSag: Emil, 9 år\n")
    assert "AFTALER – HVEM GØR HVAD\n1. Følge Emil i skole om morgenen\n   Hvem: Birthe\n" in copied
    with facilitator.expect_download() as download:
        facilitator.get_by_test_id("referat-pdf").click()
    pdf = ARTIFACTS / "referat.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    facilitator.emulate_media(media="print")
    expect(facilitator.get_by_test_id("referat-copy")).to_be_hidden()
    shot(facilitator, "referat-print")
    facilitator.emulate_media(media="screen")
    # The participants' read-only link, on Sara's phone.
    facilitator.get_by_test_id("referat-share").click()
    share = facilitator.get_by_test_id("referat-share-url")
    expect(share).to_be_visible()
    summary = devices.open(PHONE, share.input_value())
    expect(summary.get_by_test_id("referat-title")).to_be_visible()
    expect(summary.get_by_test_id("referat-agreements")).to_contain_text("hver onsdag")
    expect(summary.get_by_test_id("referat-copy")).to_have_count(0)
    shot(summary, "referat-phone")

    # The case: the year wheel, and a follow-up meeting that starts with the open agreements.
    facilitator.goto(case_url)
    expect(facilitator.get_by_test_id("year-wheel")).to_be_visible()
    expect(facilitator.locator('[data-testid^="case-meeting-"][data-state="held"]')).to_have_count(
        1
    )
    shot(facilitator, "case-year-wheel")
    new_meeting_in_case(facilitator, "Opfølgningsmøde om Emil")
    earlier = facilitator.get_by_test_id("scale-earlier-results")
    expect(earlier.get_by_test_id("scale-history-safety")).to_have_attribute("data-points", "1")
    carried = facilitator.get_by_test_id("carried").locator("ol > li")
    expect(carried).to_have_count(3)
    expect(carried.first).to_contain_text("Følge Emil i skole om morgenen")
    expect(carried.first).to_contain_text("Birthe")
    first = carried.first
    show_work(facilitator, "agreements")
    first.locator("select").select_option("partly")
    first.locator("input").fill("Tirsdag gik godt, torsdag ikke")
    first.get_by_role("button").click()
    expect(first).to_have_attribute("data-review", "partly")
    shot(facilitator, "facilitator-follow-up")

    # The genogram came along: the same four people and lines, and a notice of where from.
    notice = facilitator.get_by_test_id("carried-drawing")
    expect(notice).to_contain_text("Genogram og netværkskort er hentet fra mødet den")
    symbols = facilitator.get_by_test_id("genogram-svg").get_by_test_id("geno-person")
    expect(symbols).to_have_count(4)
    for name in ("Emil", "Sara", "Thomas", "Birthe"):
        expect(drawn(facilitator, "genogram-svg", name)).to_have_count(1)
    expect(facilitator.get_by_test_id("relation-item")).to_have_count(4)
    expect(
        facilitator.get_by_test_id("relation-item").filter(has_text="Sara – Thomas")
    ).to_have_count(1)
    show_work(facilitator, "drawings")
    panel = facilitator.get_by_test_id("drawings-panel")
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(ARTIFACTS / "follow-up-genogram-facilitator.png"))
    # The family edits it: Thomas's birth year was wrong last time.
    drawn(facilitator, "genogram-svg", "Thomas").click()
    facilitator.get_by_test_id("person-born").fill("1989")
    facilitator.get_by_test_id("person-save").click()
    expect(facilitator.get_by_test_id("relation-item")).to_have_count(4)

    # The screen and Birthe's phone in the follow-up: the same drawing, the same notice; Birthe
    # says she is mormor again, and the drawn Birthe becomes hers instead of a second one.
    screen = devices.open(
        PROJECTOR, facilitator.get_by_test_id("screen-link").get_attribute("href")
    )
    facilitator.get_by_test_id("screen-show-genogram").click()
    expect(
        screen.get_by_test_id("screen-genogram").get_by_test_id("carried-drawing")
    ).to_be_visible()
    expect(
        screen.get_by_test_id("screen-genogram-svg").get_by_test_id("geno-person")
    ).to_have_count(4)
    shot(screen, "follow-up-genogram-screen")
    birthe = devices.open(PHONE, facilitator.get_by_test_id("join-link").input_value())
    join(birthe, "Birthe", "privat", "mormor")
    admit_all(facilitator, 1)
    phone_genogram = birthe.get_by_test_id("phone-genogram")
    expect(phone_genogram.get_by_test_id("carried-drawing")).to_be_visible()
    birthe.get_by_test_id("kinship").select_option("mormor")
    birthe.get_by_test_id("kinship-submit").click()
    expect(birthe.get_by_test_id("phone-genogram-joined")).to_contain_text("Birthe")
    expect(drawn(birthe, "phone-genogram-svg", "Birthe")).to_have_count(1)
    expect(symbols).to_have_count(4)
    phone_genogram.scroll_into_view_if_needed()
    shot(birthe, "follow-up-genogram-phone")
