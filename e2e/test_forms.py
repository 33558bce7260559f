"""Nothing typed is erased by a refusal: every form marks what it needs, says what is wrong next
to the field in Kreds' own words (never the browser's bubble), and keeps what was typed. An
agreement may run on with no fixed date; the join code may be typed with spaces or dashes; a
phone says who it is to the child before the facilitator has drawn anyone."""

import re

from playwright.sync_api import Page, expect

from e2e.conftest import LAPTOP, PHONE, Devices, shot, show_work
from e2e.test_facilitation import meeting, signed_in
from e2e.test_meeting import join

WHAT = "Birthe henter Emil i skolen om tirsdagen"


def no_browser_validation(page: Page, form: str) -> None:
    expect(page.get_by_test_id(form)).to_have_attribute("novalidate", "")


def test_an_agreement_refused_keeps_what_was_typed_and_one_without_a_date_runs_on(
    devices: Devices,
) -> None:
    room = meeting(devices, "Emil, 9 år – aftaler")
    louise, screen = room.facilitator, room.screen
    show_work(louise, "agreements")
    no_browser_validation(louise, "agreement-form")

    # No "who": the refusal is next to the field, in Danish, and the text stays.
    louise.get_by_test_id("agreement-what").fill(WHAT)
    louise.get_by_test_id("agreement-submit").click()
    error = louise.get_by_test_id("agreement-who-error")
    expect(error).to_have_text("Vælg eller skriv, hvem der gør det.")
    expect(louise.get_by_test_id("agreement-what")).to_have_value(WHAT)
    expect(louise.get_by_test_id("agreement-list")).to_have_count(0)
    box, form = error.bounding_box(), louise.get_by_test_id("agreement-form").bounding_box()
    assert box and form and form["y"] <= box["y"] <= form["y"] + form["height"]
    shot(louise, "forms-agreement-refused")

    # Nothing at all: the "what" is refused too, and gets the focus.
    louise.get_by_test_id("agreement-what").fill("")
    louise.get_by_test_id("agreement-submit").click()
    expect(louise.get_by_test_id("agreement-what-error")).to_have_text("Skriv, hvad der skal ske.")
    expect(louise.get_by_test_id("agreement-what")).to_be_focused()
    expect(louise.get_by_test_id("agreement-what")).to_have_attribute("aria-invalid", "true")

    # The server's refusal (a CPR number) is shown by the button, and the form keeps it all.
    cpr = "Ring til Birthe på 010203-1234"
    louise.get_by_test_id("agreement-what").fill(cpr)
    louise.get_by_test_id("agreement-names").fill("Birthe")
    louise.get_by_test_id("agreement-when-text").fill("efter behov")
    louise.get_by_test_id("agreement-submit").click()
    refusal = louise.get_by_test_id("agreement-refusal")
    expect(refusal).to_have_attribute("data-code", "cpr_detected")
    expect(refusal).to_contain_text("står her stadig")
    expect(louise.get_by_test_id("agreement-what")).to_have_value(cpr)
    expect(louise.get_by_test_id("agreement-names")).to_have_value("Birthe")
    expect(louise.get_by_test_id("agreement-when-text")).to_have_value("efter behov")
    expect(louise.get_by_test_id("notice")).to_have_count(0)

    # With no date and no time it is taken, runs on (løbende), and the form empties.
    louise.get_by_test_id("agreement-what").fill(WHAT)
    louise.get_by_test_id("agreement-when-text").fill("")
    louise.get_by_test_id("agreement-submit").click()
    written = louise.get_by_test_id("agreement-list").locator("li")
    expect(written).to_have_count(1)
    expect(written.get_by_test_id("agreement-when-shown")).to_have_text("Løbende")
    expect(louise.get_by_test_id("agreement-what")).to_have_value("")
    expect(louise.get_by_test_id("agreement-refusal")).to_have_count(0)
    expect(screen.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")


def test_the_scale_and_person_forms_say_what_they_need(devices: Devices) -> None:
    room = meeting(devices, "Emil, 9 år – skema")
    louise = room.facilitator
    show_work(louise, "scale")
    louise.get_by_test_id("scale-preset-custom").check()
    louise.get_by_test_id("scale-tied-to").fill("Emil kommer for sent i skole")
    louise.get_by_test_id("scale-ask").click()
    expect(louise.get_by_test_id("scale-question-error")).to_have_text(
        "Skriv spørgsmålet, når du stiller dit eget."
    )
    expect(louise.get_by_test_id("scale-tied-to")).to_have_value("Emil kommer for sent i skole")
    expect(louise.get_by_test_id("scale-question")).to_be_focused()

    show_work(louise, "drawings")
    form = louise.get_by_test_id("person-form")
    form.get_by_test_id("person-born").fill("19")
    form.get_by_test_id("person-household").fill("Mor og Emil")
    form.get_by_test_id("person-save").click()
    expect(form.get_by_test_id("person-name-error")).to_have_text("Skriv personens navn.")
    expect(form.get_by_test_id("person-born-error")).to_contain_text("fire cifre")
    expect(form.get_by_test_id("person-born")).to_have_value("19")
    expect(form.get_by_test_id("person-household")).to_have_value("Mor og Emil")
    shot(louise, "forms-person-refused")
    form.get_by_test_id("person-name").fill("Sara")
    form.get_by_test_id("person-born").fill("1992")
    form.get_by_test_id("person-save").click()
    expect(form.get_by_test_id("person-name")).to_have_value("")
    expect(form.get_by_test_id("person-name-error")).to_have_count(0)


def test_a_phone_says_who_it_is_to_the_child_before_anyone_is_drawn(devices: Devices) -> None:
    room = meeting(devices, "Emil, 9 år – genogram")
    birthe, louise = room.phones["Birthe"], room.facilitator
    kinship = birthe.get_by_test_id("kinship")
    expect(kinship).to_have_value("")
    expect(birthe.get_by_test_id("kinship-form")).to_contain_text("Jeg er barnets")
    birthe.get_by_test_id("kinship-submit").click()
    expect(birthe.get_by_test_id("kinship-kinship-error")).to_have_text(
        "Vælg, hvem du er for barnet."
    )
    kinship.select_option("mormor")
    birthe.get_by_test_id("kinship-submit").click()
    expect(birthe.get_by_test_id("phone-genogram-joined")).to_be_visible()
    # The child was drawn from the meeting's title, with a mother between them.
    show_work(louise, "drawings")
    svg = louise.get_by_test_id("genogram-svg")
    for name in ("Emil", "Birthe", "Mor"):
        expect(svg.locator("[data-person]").filter(has_text=name).first).to_be_visible()
    sara = room.phones["Sara"]
    expect(sara.get_by_test_id("kinship-form")).to_contain_text("Jeg er Emils")
    shot(birthe, "forms-phone-kinship-joined")


def test_joining_says_what_is_missing_and_takes_the_code_as_the_screen_shows_it(
    devices: Devices,
) -> None:
    louise = devices.open(LAPTOP)
    signed_in(louise)
    louise.get_by_test_id("meeting-title").fill("Emil, 9 år – koden")
    louise.get_by_test_id("meeting-create").click()
    expect(louise).to_have_url(re.compile(r"/m/[0-9a-f]{32}$"))
    digits = re.sub(r"\D", "", louise.get_by_test_id("join-code").inner_text())
    assert len(digits) == 8

    phone = devices.open(PHONE, "/j")
    no_browser_validation(phone, "code-form")
    phone.get_by_test_id("code-submit").click()
    expect(phone.get_by_test_id("code-code-error")).to_have_text("Skriv koden fra skærmen.")
    phone.get_by_test_id("code-input").fill("1234")
    phone.get_by_test_id("code-submit").click()
    expect(phone.get_by_test_id("code-code-error")).to_contain_text("8 cifre")
    phone.get_by_test_id("code-input").fill(f"{digits[:4]}-{digits[4:]}")
    phone.get_by_test_id("code-submit").click()
    expect(phone.get_by_test_id("join-form")).to_be_visible()

    no_browser_validation(phone, "join-form")
    expect(phone.get_by_test_id("join-role")).to_have_value("")
    phone.get_by_test_id("join-relation").fill("mormor")
    phone.get_by_test_id("join-submit").click()
    expect(phone.get_by_test_id("join-name-error")).to_have_text("Skriv dit fornavn.")
    expect(phone.get_by_test_id("join-role-error")).to_have_text("Vælg, hvem du er i mødet.")
    expect(phone.get_by_test_id("join-relation")).to_have_value("mormor")
    shot(phone, "forms-join-refused")
    join(phone, "Birthe", "privat", "mormor")

    spaced = devices.open(PHONE, "/j")
    spaced.get_by_test_id("code-input").fill(f" {digits[:4]} {digits[4:]} ")
    spaced.get_by_test_id("code-submit").click()
    expect(spaced.get_by_test_id("join-form")).to_be_visible()
