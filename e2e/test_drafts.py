"""A phone's half-written note stays where it was written: through phase changes, a reorder of
the phases, a reload and a lost connection; it is filed in the column it was typed in. Only
the person moves it, by choosing another column."""

from playwright.sync_api import expect

from e2e.conftest import Devices, shot, show_work
from e2e.test_facilitation import meeting
from e2e.test_meeting import card

UP = "Flyt op"
WORRY = "Jeg er bange for, at Emil bliver alene i frikvartererne"


def test_a_draft_keeps_its_text_and_column_through_phase_changes_and_a_reload(
    devices: Devices,
) -> None:
    room = meeting(devices, "Emil, 9 år – kladder")
    louise, screen, phones = room.facilitator, room.screen, room.phones
    sara, birthe = phones["Sara"], phones["Birthe"]

    # Welcome -> concern -> works -> worries: Sara starts her worry in "Hvad bekymrer?".
    for phase in ("concern", "works", "worries"):
        louise.get_by_test_id("agenda-next").click()
        expect(louise.get_by_test_id("agenda-current")).to_have_attribute("data-phase", phase)
    expect(sara.get_by_test_id("phase-banner")).to_have_attribute("data-phase", "worries")
    expect(sara.get_by_test_id("tab-worries")).to_have_attribute("aria-selected", "true")
    sara.get_by_test_id("note-input").fill(WORRY)

    # Louise reorders the agenda ("Hvad skal der ske?" before the scaling): nothing moves.
    show_work(louise, "invite")
    louise.get_by_test_id("agenda-editor").locator("summary").click()
    louise.get_by_test_id("phase-next").get_by_label(UP).click()
    phases = louise.get_by_test_id("agenda-editor").locator("li")
    expect(phases.nth(4)).to_have_attribute("data-testid", "phase-next")
    expect(sara.get_by_test_id("tab-worries")).to_have_attribute("aria-selected", "true")
    expect(sara.get_by_test_id("note-input")).to_have_value(WORRY)

    # Louise moves on (twice) and back; Sara's draft and its column stay put, while Birthe, who
    # has nothing typed, follows the phase.
    louise.get_by_test_id("agenda-back").click()
    expect(birthe.get_by_test_id("phase-banner")).to_have_attribute("data-phase", "works")
    expect(birthe.get_by_test_id("tab-works")).to_have_attribute("aria-selected", "true")
    expect(sara.get_by_test_id("phase-banner")).to_have_attribute("data-phase", "works")
    expect(sara.get_by_test_id("tab-worries")).to_have_attribute("aria-selected", "true")
    expect(sara.get_by_test_id("note-input")).to_have_value(WORRY)
    shot(sara, "drafts-phone-keeps-column")

    # A reload and a lost connection keep both.
    sara.reload()
    expect(sara.get_by_test_id("note-input")).to_have_value(WORRY)
    expect(sara.get_by_test_id("tab-worries")).to_have_attribute("aria-selected", "true")
    sara.context.set_offline(True)
    louise.get_by_test_id("agenda-next").click()
    sara.context.set_offline(False)
    expect(sara.get_by_test_id("phase-banner")).to_have_attribute("data-phase", "worries")
    expect(sara.get_by_test_id("note-input")).to_have_value(WORRY)

    # Louise moves on to "Hvad skal der ske?"; Sara sends: the worry is filed as a worry everywhere.
    louise.get_by_test_id("agenda-next").click()
    expect(louise.get_by_test_id("agenda-current")).to_have_attribute("data-phase", "next")
    expect(sara.get_by_test_id("phase-banner")).to_have_attribute("data-phase", "next")
    expect(sara.get_by_test_id("note-input")).to_have_attribute("data-column", "worries")
    sara.get_by_test_id("note-send").click()
    birthe.get_by_test_id("tab-worries").click()
    for page in (louise, screen, birthe):
        expect(card(page, "worries", WORRY)).to_have_count(1)
        expect(card(page, "works", WORRY)).to_have_count(0)
        expect(card(page, "next", WORRY)).to_have_count(0)
    expect(sara.get_by_test_id("note-input")).to_have_value("")


def test_a_draft_goes_along_when_the_person_chooses_another_column(devices: Devices) -> None:
    room = meeting(devices, "Emil, 9 år – kladde flyttes")
    louise, mette = room.facilitator, room.phones["Mette"]
    for phase in ("concern", "works"):
        louise.get_by_test_id("agenda-next").click()
        expect(louise.get_by_test_id("agenda-current")).to_have_attribute("data-phase", phase)
    expect(mette.get_by_test_id("tab-works")).to_have_attribute("aria-selected", "true")
    text = "Emil er glad, når han spiller fodbold"
    mette.get_by_test_id("note-input").fill(text)
    # Her own choice of column takes the note along (only the phase's moves do not).
    mette.get_by_test_id("tab-next").click()
    expect(mette.get_by_test_id("note-input")).to_have_value(text)
    expect(mette.get_by_test_id("note-input")).to_have_attribute("data-column", "next")
    louise.get_by_test_id("agenda-next").click()
    expect(louise.get_by_test_id("agenda-current")).to_have_attribute("data-phase", "worries")
    expect(mette.get_by_test_id("tab-next")).to_have_attribute("aria-selected", "true")
    mette.get_by_test_id("note-send").click()
    expect(card(louise, "next", text)).to_have_count(1)
    expect(card(louise, "works", text)).to_have_count(0)
