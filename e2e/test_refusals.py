"""A refusal in the words of the phone's language: the server sends a code, an id and the
names; the phone and the facilitator's page word it, in Danish and then in English."""

from playwright.sync_api import expect

from e2e.conftest import LAPTOP, PHONE, Devices, shot
from e2e.test_genogram import add_person, draw
from e2e.test_meeting import admit_all, create_meeting, join


def test_a_refusal_names_the_people_in_danish_and_then_in_english(devices: Devices) -> None:
    facilitator = devices.open(LAPTOP)
    create_meeting(facilitator)
    join_url = facilitator.get_by_test_id("join-link").input_value()
    add_person(facilitator, "Emil", "male", "2017", focus=True)
    add_person(facilitator, "Sara", "female", "1992")
    draw(facilitator, "Sara", "biological", "Emil")
    expect(facilitator.get_by_test_id("relation-item")).to_have_count(1)

    # A grandmother gives a birth year after her daughter's: the rule of the tree refuses it.
    birthe = devices.open(PHONE, join_url)
    join(birthe, "Birthe", "privat", "mormor")
    admit_all(facilitator, 1)
    birthe.get_by_test_id("kinship").select_option("mormor")
    birthe.get_by_test_id("kinship-born").fill("2001")
    birthe.get_by_test_id("kinship-submit").click()
    refusal = birthe.get_by_test_id("notice")
    expect(refusal).to_have_attribute("data-code", "born_after_child")
    expect(refusal).to_contain_text(
        "Birthe (født 2001) kan ikke være forælder til Sara (født 1992). "
        "En forælder skal være født før sit barn."
    )
    refusal.scroll_into_view_if_needed()
    shot(birthe, "refusal-phone-da")

    # The same refusal in English once the phone shows English: nothing is asked again.
    birthe.get_by_test_id("language-button").click()
    birthe.get_by_test_id("language-en").click()
    expect(birthe.locator("html")).to_have_attribute("lang", "en")
    expect(refusal).to_contain_text(
        "Birthe (born 2001) cannot be a parent of Sara (born 1992). "
        "A parent must be born before their child."
    )
    refusal.scroll_into_view_if_needed()
    shot(birthe, "refusal-phone-en")

    # The facilitator's notice words the refusal of a second line between Emil and Sara.
    draw(facilitator, "Emil", "biological", "Sara")
    notice = facilitator.get_by_test_id("notice")
    expect(notice).to_have_attribute("data-code", "conflict")
    expect(notice).to_contain_text("De to personer har allerede en forbindelse af den slags.")
    facilitator.get_by_test_id("lang-toggle").click()
    expect(notice).to_contain_text("These two people already have a relation of this kind.")
    shot(facilitator, "refusal-facilitator-en")
