"""The sikkerhedsplan for a child, in *De 3 huse*: the plan is *Sikkerhedshuset*, in the
child's own words ("Det gør de voksne", "Det sker ikke", "Hvis noget er svært", "Dem kan du
ringe til") on the child's phone, the mother's phone and the room's screen, built and confirmed
as in any meeting. Screenshots at 390×844 and 1920×1080."""

import re

from playwright.sync_api import Page, expect

from e2e.conftest import LAPTOP, PHONE, PROJECTOR, Devices, shot
from e2e.test_facilitation import signed_in
from e2e.test_meeting import admit_all, join
from e2e.test_safety_plan import go_to_safety, propose_rule

CHILD_WORDS = ("Sikkerhedshuset", "Husets regler", "Det gør de voksne", "Det sker ikke")
SIGN_AND_CALL = ("Hvis noget er svært", "Dem kan du ringe til")
FETCH = "Mor henter Emil hver dag kl. 15"
NO_SHOUTING = "Ingen voksne råber ad Emil"


def nothing_cut_off(page: Page) -> None:
    """A projector cannot be scrolled: the page is no larger than the screen."""
    sizes = page.evaluate(
        "[document.documentElement.scrollHeight, innerHeight,"
        " document.documentElement.scrollWidth, innerWidth]"
    )
    assert sizes[0] <= sizes[1] and sizes[2] <= sizes[3], sizes


def test_the_three_houses_plan_speaks_the_childs_words(devices: Devices) -> None:
    louise = devices.open(LAPTOP)
    signed_in(louise)
    louise.get_by_test_id("meeting-title").fill("Emils tre huse")
    louise.get_by_test_id("template-three_houses").check()
    louise.get_by_test_id("meeting-create").click()
    expect(louise).to_have_url(re.compile(r"/m/[0-9a-f]{32}$"))
    join_url = louise.get_by_test_id("join-link").input_value()
    screen_url = louise.get_by_test_id("screen-link").get_attribute("href")
    assert screen_url
    screen = devices.open(PROJECTOR, screen_url)
    emil = devices.open(PHONE, join_url)
    join(emil, "Emil", "familie", "mig selv")
    sara = devices.open(PHONE, join_url)
    join(sara, "Sara", "familie", "mor")
    admit_all(louise, 2)
    go_to_safety(louise)
    expect(louise.get_by_test_id("agenda-current")).to_contain_text("Sikkerhedshuset")
    expect(louise.get_by_test_id("safety-panel")).to_contain_text("Sikkerhedshuset")

    for phone in (emil, sara):
        safety = phone.get_by_test_id("phone-safety")
        expect(safety).to_contain_text("Sikkerhedshuset")
        expect(safety).to_contain_text("Her skriver vi, hvad de voksne gør, så du er tryg.")
        expect(phone.get_by_test_id("propose-rule-open")).to_have_text(
            "Foreslå noget, de voksne skal gøre"
        )
        expect(phone.get_by_test_id("propose-sign-open")).to_have_text(
            "Fortæl, hvad der kan være svært"
        )
        expect(phone.get_by_test_id("propose-contact-open")).to_have_text(
            "Foreslå en, du kan ringe til"
        )

    # Sara proposes what the grown-ups do; Louise takes it in and writes what never happens.
    propose_rule(sara, FETCH, ("Sara",))
    louise.locator('[data-testid^="safety-accept-"]').first.click()
    rule = louise.get_by_test_id("fac-rule-form")
    rule.get_by_test_id("fac-rule-must-not").check()
    rule.get_by_test_id("fac-rule-text").fill(NO_SHOUTING)
    rule.get_by_label("Sara").check()
    rule.get_by_test_id("fac-rule-send").click()
    sign = louise.get_by_test_id("fac-sign-form")
    sign.get_by_test_id("fac-sign-text").fill("Hvis mor er ked af det om aftenen")
    sign.get_by_test_id("fac-step-who-0").select_option(label="Sara")
    sign.get_by_test_id("fac-step-does-0").fill("Ringer til mormor Birthe")
    sign.get_by_test_id("fac-sign-send").click()
    contact = louise.get_by_test_id("fac-contact-form")
    contact.get_by_test_id("fac-contact-name").fill("Mormor Birthe")
    contact.get_by_test_id("fac-contact-phone").fill("20 30 40 50")
    contact.get_by_test_id("fac-contact-note").fill("Når du er bange eller ked af det")
    contact.get_by_test_id("fac-contact-send").click()

    # Sara keeps both rules and says yes to each from her phone; Emil keeps none.
    confirm = sara.locator('[data-testid^="confirm-rule-"]')
    expect(confirm).to_have_count(2)
    for left in (1, 0):
        # One at a time: a button stays until the server has the confirmation.
        confirm.first.click()
        expect(confirm).to_have_count(left)
    expect(sara.locator('[data-testid^="confirmed-rule-"]')).to_have_count(2)
    expect(emil.locator('[data-testid^="confirm-rule-"]')).to_have_count(0)

    for page in (emil, sara, screen):
        where = page.get_by_test_id("screen-safety" if page is screen else "phone-safety")
        for words in (*CHILD_WORDS, *SIGN_AND_CALL, FETCH, NO_SHOUTING, "20 30 40 50"):
            expect(where).to_contain_text(words)
        # The grown-ups' words for the plan are not the child's.
        expect(where).not_to_contain_text(re.compile("advarselstegn", re.IGNORECASE))
        expect(where).not_to_contain_text("Hvem ringer man til?")
    expect(screen.get_by_test_id("screen-safety")).to_contain_text("1 af 1 har sagt ja")
    call = emil.get_by_role("link", name="20 30 40 50")
    expect(call).to_have_attribute("href", "tel:+4520304050")
    assert (call.bounding_box() or {"height": 0})["height"] >= 44

    expect(screen.get_by_test_id("phase-banner")).to_contain_text("Sikkerhedshuset")
    nothing_cut_off(screen)
    shot(emil, "safety-houses-phone-emil")
    shot(sara, "safety-houses-phone-sara")
    shot(screen, "safety-houses-screen")
    shot(louise, "safety-houses-facilitator")
