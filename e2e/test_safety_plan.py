"""The sikkerhedsplan in Chromium: built from two phones, moderated by the facilitator, each
rule confirmed by the people named on their own phones, a phone number refused in Danish, the
plan in the referat, and every rule reviewed in the case's follow-up meeting."""

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
)
from e2e.test_closing import new_meeting_in_case, sign_up_and_open_case
from e2e.test_meeting import admit_all, join

FETCH = "Emil bliver hentet af en voksen, der ikke har drukket"


def go_to_safety(facilitator: Page) -> None:
    show_work(facilitator, "invite")
    editor = facilitator.get_by_test_id("agenda-editor")
    if editor.get_attribute("open") is None:
        editor.locator("summary").first.click()
    facilitator.get_by_test_id("phase-go-safety").click()
    expect(facilitator.get_by_test_id("agenda-current")).to_have_attribute("data-phase", "safety")
    # The plan's phase brings its own tab into the middle of the cockpit.
    expect(facilitator.get_by_test_id("work-safety")).to_be_visible()


def propose_rule(phone: Page, text: str, keepers: tuple[str, ...]) -> None:
    phone.get_by_test_id("propose-rule-open").click()
    form = phone.get_by_test_id("phone-rule-form")
    form.get_by_test_id("phone-rule-text").fill(text)
    for name in keepers:
        form.get_by_label(name, exact=False).first.check()
    form.get_by_test_id("phone-rule-send").click()


def test_a_safety_plan_is_built_from_phones_confirmed_recorded_and_followed_up(
    devices: Devices,
) -> None:
    facilitator = devices.open(LAPTOP)
    facilitator.on("dialog", lambda dialog: dialog.accept())
    case_url = sign_up_and_open_case(facilitator)
    new_meeting_in_case(facilitator, "Netværksmøde om Emil")
    join_url = facilitator.get_by_test_id("join-link").input_value()
    screen_url = facilitator.get_by_test_id("screen-link").get_attribute("href")
    screen = devices.open(PROJECTOR, screen_url)
    sara = devices.open(PHONE, join_url)
    join(sara, "Sara", "familie", "mor")
    birthe = devices.open(PHONE, join_url)
    join(birthe, "Birthe", "privat", "mormor")
    admit_all(facilitator, 2)

    go_to_safety(facilitator)
    for phone in (sara, birthe):
        expect(phone.get_by_test_id("phone-safety")).to_be_visible()
    expect(screen.get_by_test_id("screen-safety")).to_be_visible()

    # Sara proposes a rule that she and Birthe keep; the facilitator takes it into the plan.
    propose_rule(sara, FETCH, ("Sara", "Birthe"))
    proposal = facilitator.locator('[data-testid^="safety-proposal-"]')
    expect(proposal).to_contain_text(FETCH)
    facilitator.locator('[data-testid^="safety-accept-"]').first.click()
    expect(proposal).to_have_count(0)
    expect(screen.get_by_test_id("screen-safety")).to_contain_text(FETCH)

    # Each keeper confirms from their own phone.
    for phone in (sara, birthe):
        phone.locator('[data-testid^="confirm-rule-"]').first.click()
        expect(phone.locator('[data-testid^="confirmed-rule-"]')).to_have_count(1)
    expect(screen.get_by_test_id("screen-safety")).to_contain_text("2 af 2 har sagt ja")

    # Birthe proposes whom to call: a number that is not Danish is refused, in Danish.
    birthe.get_by_test_id("propose-contact-open").click()
    birthe.get_by_test_id("phone-contact-name").fill("Farmor Else")
    birthe.get_by_test_id("phone-contact-phone").fill("1234")
    birthe.get_by_test_id("phone-contact-send").click()
    expect(birthe.get_by_text("Skriv et dansk telefonnummer med 8 cifre")).to_be_visible()
    # Nothing typed is lost: the refused words are back, and the number field says why.
    expect(birthe.get_by_test_id("phone-contact-name")).to_have_value("Farmor Else")
    expect(birthe.get_by_test_id("phone-contact-phone")).to_have_value("1234")
    expect(birthe.get_by_test_id("phone-contact-phone")).to_have_attribute("aria-invalid", "true")
    shot(birthe, "safety-phone-refused")
    birthe.get_by_test_id("phone-contact-phone").fill("+45 20304050")
    birthe.get_by_test_id("phone-contact-note").fill("Hvis Sara ikke tager telefonen")
    birthe.get_by_test_id("phone-contact-send").click()
    expect(facilitator.locator('[data-testid^="safety-proposal-"]')).to_contain_text("20 30 40 50")
    facilitator.locator('[data-testid^="safety-accept-"]').first.click()

    # A rule the facilitator writes without a keeper is flagged to the facilitator.
    form = facilitator.get_by_test_id("fac-rule-form")
    form.get_by_test_id("fac-rule-must-not").check()
    form.get_by_test_id("fac-rule-text").fill("Ingen råber ad Emil om morgenen")
    form.get_by_test_id("fac-rule-send").click()
    expect(facilitator.get_by_test_id("safety-unkept")).to_be_visible()
    expect(sara.get_by_test_id("phone-safety")).to_contain_text("20 30 40 50")
    shot(sara, "safety-phone")
    shot(birthe, "safety-phone-birthe")
    shot(screen, "safety-screen")
    shot(facilitator, "safety-facilitator")

    show_work(facilitator, "agreements")
    facilitator.get_by_test_id("close-meeting").click()
    confirm_dialog(facilitator)
    expect(facilitator.get_by_test_id("meeting-closed")).to_be_visible()
    facilitator.get_by_test_id("referat-link").click()
    section = facilitator.get_by_test_id("referat-safety")
    expect(section).to_contain_text(FETCH)
    expect(section).to_contain_text("Bekræftet af: Sara, Birthe")
    expect(section).to_contain_text("Farmor Else: 20 30 40 50")
    shot(facilitator, "safety-referat")
    section.screenshot(path=str(ARTIFACTS / "safety-referat-section.png"))

    # The follow-up meeting of the case reviews every rule.
    facilitator.goto(case_url)
    new_meeting_in_case(facilitator, "Opfølgningsmøde om Emil")
    show_work(facilitator, "safety")
    panel = facilitator.get_by_test_id("safety-panel")
    carried = facilitator.locator('[data-testid^="safety-carried-"]')
    expect(carried).to_have_count(2)
    expect(carried.first).to_contain_text("Sara, Birthe")
    carried.first.locator('[data-testid$="-kept"]').click()
    expect(carried.first.locator('[data-testid$="-kept"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    carried.nth(1).locator('[data-testid$="-broken"]').click()
    expect(carried.nth(1).locator('[data-testid$="-broken"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    shot(facilitator, "safety-follow-up")
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(ARTIFACTS / "safety-follow-up-panel.png"))
