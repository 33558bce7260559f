"""The sikkerhedsplan's own tab in the facilitator's cockpit, in Chromium: it fits one laptop
screen and axe finds nothing serious; a refusal never loses what was typed (a CPR number in a
rule, half a step, a phone number that is not Danish); warning signs and contacts are changed
and removed after they were added, with the room's screen and the phones following."""

import re

from playwright.sync_api import Page, expect

from e2e.conftest import LAPTOP, PHONE, PROJECTOR, Devices, confirm_dialog, shot
from e2e.test_accessibility import AUDITED, violations
from e2e.test_cockpit import in_view, no_page_scroll
from e2e.test_facilitation import signed_in
from e2e.test_meeting import admit_all, join
from e2e.test_safety_plan import go_to_safety


def open_meeting(devices: Devices) -> tuple[Page, Page, Page]:
    """Louise runs a netværksmøde on a laptop at 1366×768; the screen and Sara's phone are in."""
    louise = devices.open({**LAPTOP, **AUDITED})
    signed_in(louise)
    louise.get_by_test_id("meeting-title").fill("Emil, 9 år – sikkerhedsplan")
    louise.get_by_test_id("meeting-create").click()
    expect(louise).to_have_url(re.compile(r"/m/[0-9a-f]{32}$"))
    louise.set_viewport_size({"width": 1366, "height": 768})
    join_url = louise.get_by_test_id("join-link").input_value()
    screen_url = louise.get_by_test_id("screen-link").get_attribute("href")
    assert screen_url
    screen = devices.open(PROJECTOR, screen_url)
    sara = devices.open({**PHONE, **AUDITED}, join_url)
    join(sara, "Sara", "familie", "mor")
    admit_all(louise, 1)
    go_to_safety(louise)
    return louise, screen, sara


def item(page: Page, kind: str, text: str) -> object:
    return page.locator(f'[data-testid^="safety-{kind}-"]').filter(has_text=text)


def test_the_plans_tab_keeps_what_was_typed_and_edits_signs_and_contacts(
    devices: Devices,
) -> None:
    louise, screen, sara = open_meeting(devices)
    expect(louise.get_by_test_id("work-tab-safety")).to_have_attribute("aria-selected", "true")
    for width, height in ((1366, 768), (1024, 768)):
        louise.set_viewport_size({"width": width, "height": height})
        no_page_scroll(louise)
        for testid in ("agenda-next", "agenda-back", "work-tab-safety"):
            in_view(louise, testid)
        shot(louise, f"safety-tab-{width}x{height}")
    louise.set_viewport_size({"width": 1366, "height": 768})

    # A rule with a CPR number is refused; its words and its keeper come back into the form.
    rule = louise.get_by_test_id("fac-rule-form")
    rule.get_by_test_id("fac-rule-text").fill("Sara ringer fra 010203-1234, hvis Emil er syg")
    rule.get_by_label("Sara").check()
    rule.get_by_test_id("fac-rule-send").click()
    refusal = louise.get_by_test_id("safety-rule-refusal")
    expect(refusal).to_have_attribute("data-code", "cpr_detected")
    expect(rule.get_by_test_id("fac-rule-text")).to_have_value(
        "Sara ringer fra 010203-1234, hvis Emil er syg"
    )
    expect(rule.get_by_label("Sara")).to_be_checked()
    shot(louise, "safety-tab-refused")
    rule.get_by_test_id("fac-rule-text").fill("Sara ringer til skolen, hvis Emil er syg")
    rule.get_by_test_id("fac-rule-send").click()
    expect(item(louise, "rule", "ringer til skolen")).to_have_count(1)
    expect(refusal).to_have_count(0)
    expect(rule.get_by_test_id("fac-rule-text")).to_have_value("")

    # Half a step is said by its field, in Danish, and nothing is dropped.
    sign = louise.get_by_test_id("fac-sign-form")
    sign.get_by_test_id("fac-sign-text").fill("Mor lyder fuld i telefonen")
    sign.get_by_test_id("fac-step-does-0").fill("Henter Emil hos mor")
    sign.get_by_test_id("fac-sign-send").click()
    expect(louise.get_by_test_id("safety-sign-who-0-error")).to_have_text("Vælg, hvem der gør det.")
    expect(sign.get_by_test_id("fac-step-who-0")).to_be_focused()
    expect(sign.get_by_test_id("fac-step-does-0")).to_have_value("Henter Emil hos mor")
    sign.get_by_test_id("fac-step-who-0").select_option(label="Sara")
    sign.get_by_test_id("fac-sign-send").click()
    added = item(louise, "sign", "Mor lyder fuld")
    expect(added).to_contain_text("Sara: Henter Emil hos mor")

    contact = louise.get_by_test_id("fac-contact-form")
    contact.get_by_test_id("fac-contact-name").fill("Farmor Else")
    contact.get_by_test_id("fac-contact-phone").fill("20304050")
    contact.get_by_test_id("fac-contact-send").click()
    saved = item(louise, "contact", "Farmor Else")
    expect(saved).to_contain_text("20 30 40 50")

    # The sign is being changed (new words, a second step) when the contact is opened too:
    # each keeps its own form and what is typed in it.
    added.locator('[data-testid^="safety-edit-"]').click()
    sign_edit = louise.locator('[data-testid$="-sign-form"][data-testid^="edit-"]')
    sign_edit.locator('textarea[name="text"]').fill("Mor lyder fuld eller svarer ikke")
    sign_edit.locator('input[name="does-1"]').fill("Ringer til farmor Else")
    sign_edit.locator('select[name="who-1"]').select_option(label="Sara")
    saved.locator('[data-testid^="safety-edit-"]').click()
    contact_edit = louise.locator('[data-testid$="-contact-form"][data-testid^="edit-"]')
    contact_edit.locator('input[name="name"]').fill("Farmor Else Holm")
    expect(sign_edit.locator('textarea[name="text"]')).to_have_value(
        "Mor lyder fuld eller svarer ikke"
    )

    # A changed number that is not Danish is refused by its field; the form stays open with
    # what was typed, and so does the sign's.
    contact_edit.locator('input[name="phone"]').fill("1234")
    contact_edit.locator('button[type="submit"]').click()
    expect(contact_edit.get_by_text("Skriv et dansk telefonnummer med 8 cifre")).to_be_visible()
    phone_field = contact_edit.locator('input[name="phone"]')
    expect(phone_field).to_have_attribute("aria-invalid", "true")
    expect(phone_field).to_have_value("1234")
    expect(contact_edit.locator('input[name="name"]')).to_have_value("Farmor Else Holm")
    expect(sign_edit.locator('input[name="does-1"]')).to_have_value("Ringer til farmor Else")
    shot(louise, "safety-tab-contact-refused")
    assert violations(louise, "safety-tab-editing") == []

    sign_edit.locator('button[type="submit"]').click()
    expect(sign_edit).to_have_count(0)
    changed = item(louise, "sign", "svarer ikke")
    expect(changed).to_contain_text("Sara: Ringer til farmor Else")
    expect(screen.get_by_test_id("screen-safety")).to_contain_text(
        "Mor lyder fuld eller svarer ikke"
    )
    expect(sara.get_by_test_id("phone-safety")).to_contain_text("Mor lyder fuld eller svarer ikke")
    expect(phone_field).to_have_value("1234")
    phone_field.fill("88 12 34 56")
    contact_edit.locator('button[type="submit"]').click()
    expect(contact_edit).to_have_count(0)
    expect(item(louise, "contact", "Farmor Else Holm")).to_contain_text("88 12 34 56")
    expect(screen.get_by_test_id("screen-safety")).to_contain_text("88 12 34 56")
    expect(sara.get_by_test_id("phone-safety")).to_contain_text("Farmor Else Holm")

    # Removing asks first, in the app's own dialog; *Nej* keeps it.
    changed.locator('[data-testid^="safety-remove-"]').click()
    confirm_dialog(louise, answer=False)
    expect(changed).to_have_count(1)
    changed.locator('[data-testid^="safety-remove-"]').click()
    confirm_dialog(louise)
    expect(item(louise, "sign", "svarer ikke")).to_have_count(0)
    expect(screen.get_by_test_id("screen-safety")).not_to_contain_text("svarer ikke")
    item(louise, "contact", "Farmor Else Holm").locator('[data-testid^="safety-remove-"]').click()
    confirm_dialog(louise)
    expect(sara.get_by_test_id("phone-safety")).not_to_contain_text("Farmor Else")
    shot(louise, "safety-tab-edited")
    no_page_scroll(louise)
    assert violations(louise, "safety-tab") == []
    assert violations(sara, "safety-phone") == []
