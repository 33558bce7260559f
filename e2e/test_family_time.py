"""Family time in Chromium: what the family writes, and its edit of a note from before, stay on
the family's phones. The facilitator's laptop, the room's screen (whose link the facilitator
holds), a professional's phone and the referat get none of it until the family shares its plan;
then everyone gets all of it at once."""

from playwright.sync_api import Page, expect

from e2e.conftest import Devices, shot
from e2e.test_facilitation import meeting
from e2e.test_meeting import write

BEFORE = "Om morgenen er jeg alene, når jeg har det dårligt."
EDITED = "Om morgenen kommer mormor, når jeg har det dårligt."
PLAN = "Mormor tager morgenerne mandag og onsdag."


def notes(page: Page, text: str) -> object:
    return page.get_by_test_id("card").filter(has_text=text)


def test_family_time_reaches_no_professional_and_not_the_screen(devices: Devices) -> None:
    room = meeting(devices, "Emil, 9 år – familiens tid")
    louise, screen, phones = room.facilitator, room.screen, room.phones
    sara, birthe, mette = phones["Sara"], phones["Birthe"], phones["Mette"]
    meeting_id = louise.url.rsplit("/", 1)[-1]

    louise.get_by_test_id("agenda-next").click()
    louise.get_by_test_id("agenda-next").click()
    expect(sara.get_by_test_id("phase-banner")).to_have_attribute("data-phase", "works")
    write(sara, "next", BEFORE)
    for phone in (mette, birthe):
        phone.get_by_test_id("tab-next").click()
    for page in (louise, screen, mette, birthe):
        expect(notes(page, BEFORE)).to_have_count(1)

    louise.get_by_test_id("family-start").click()
    expect(screen.get_by_test_id("screen-family-explain")).to_be_visible()
    expect(mette.get_by_test_id("family-wait")).to_be_visible()

    # Birthe writes the plan; Sara rewrites her note from before.
    write(birthe, "next", PLAN)
    sara.get_by_test_id("tab-next").click()
    mine = notes(sara, BEFORE)
    mine.get_by_test_id("card-edit").click()
    sara.get_by_test_id("card-edit-input").fill(EDITED)
    sara.get_by_test_id("card-edit-save").click()
    for page in (sara, birthe):
        page.get_by_test_id("tab-next").click()
        expect(notes(page, PLAN)).to_have_count(1)
        expect(notes(page, EDITED)).to_have_count(1)
    shot(sara, "family-time-phone")

    # The laptop and the screen keep the board as it was; the referat holds nothing new.
    for page in (louise, screen):
        expect(notes(page, BEFORE)).to_have_count(1)
        expect(notes(page, PLAN)).to_have_count(0)
        expect(notes(page, EDITED)).to_have_count(0)
    shot(screen, "family-time-screen")
    shot(louise, "family-time-facilitator")
    text = louise.request.get(f"/r/{meeting_id}/referat.txt").text()
    assert BEFORE in text and PLAN not in text and EDITED not in text

    # The screen's link, opened again on the facilitator's laptop, shows no more.
    screen_url = louise.get_by_test_id("screen-link").get_attribute("href")
    assert screen_url
    again = louise.context.new_page()
    again.goto(screen_url)
    expect(again.get_by_test_id("screen-family-explain")).to_be_visible()
    expect(notes(again, BEFORE)).to_have_count(1)
    expect(notes(again, PLAN)).to_have_count(0)
    again.close()

    # The family shares its plan: everyone gets it, and the edit, at once.
    sara.get_by_test_id("family-release").click()
    expect(mette.get_by_test_id("family-wait")).to_have_count(0)
    mette.get_by_test_id("tab-next").click()
    for page in (louise, screen, mette):
        expect(notes(page, PLAN)).to_have_count(1)
        expect(notes(page, EDITED)).to_have_count(1)
        expect(notes(page, BEFORE)).to_have_count(0)
    expect(screen.get_by_test_id("screen-family")).to_have_count(0)
    shot(screen, "family-time-shared-screen")
    text = louise.request.get(f"/r/{meeting_id}/referat.txt").text()
    assert PLAN in text and EDITED in text
