"""The genogram on a phone in a right-to-left language, in Chromium: the family reads from the
right (the places are mirrored), generations still go from top to bottom, and the names are
written as they are, not mirrored. The same meeting on a Danish phone is drawn left to right."""

import re

from playwright.sync_api import Page, expect

from e2e.conftest import ARTIFACTS, LAPTOP, PHONE, Devices, shot
from e2e.test_facilitation import signed_in
from e2e.test_meeting import admit_all, join


def centre(page: Page, name: str) -> tuple[float, float]:
    box = (
        page.get_by_test_id("phone-genogram-svg")
        .locator(f'[data-testid="geno-person"][data-name="{name}"]')
        .bounding_box()
    )
    assert box is not None, name
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def say_who_i_am(phone: Page, kinship: str) -> None:
    phone.get_by_test_id("kinship").select_option(kinship)
    phone.get_by_test_id("kinship-submit").click()


def test_an_arabic_phone_draws_the_family_from_the_right(devices: Devices) -> None:
    louise = devices.open(LAPTOP)
    signed_in(louise)
    louise.get_by_test_id("meeting-title").fill("Emil, 9 år – genogrammet")
    louise.get_by_test_id("meeting-create").click()
    expect(louise).to_have_url(re.compile(r"/m/[0-9a-f]{32}$"))
    join_url = louise.get_by_test_id("join-link").input_value()

    amira = devices.open(PHONE, join_url)
    amira.get_by_test_id("language-ar").click()
    expect(amira.locator("html")).to_have_attribute("dir", "rtl")
    join(amira, "Amira", "familie", "mor")
    karim = devices.open(PHONE, join_url)
    join(karim, "Karim", "familie", "far")
    expect(karim.locator("html")).to_have_attribute("dir", "ltr")
    admit_all(louise, 2)
    say_who_i_am(amira, "mor")
    say_who_i_am(karim, "far")
    for phone in (amira, karim):
        people = phone.get_by_test_id("phone-genogram-svg").get_by_test_id("geno-person")
        expect(people).to_have_count(3)
        phone.get_by_test_id("phone-genogram-svg").scroll_into_view_if_needed()

    # The parents stand side by side above Emil on both phones, in opposite order.
    places = {
        phone: {n: centre(phone, n) for n in ("Amira", "Karim", "Emil")} for phone in (amira, karim)
    }
    for at in places.values():
        assert abs(at["Amira"][1] - at["Karim"][1]) < 2, at
        assert at["Emil"][1] > at["Amira"][1] + 40, at
    danish, arabic = places[karim], places[amira]
    assert (danish["Amira"][0] < danish["Karim"][0]) == (arabic["Amira"][0] > arabic["Karim"][0])
    # Mirrored within the same drawing: the distance between the parents is kept.
    gap = abs(danish["Amira"][0] - danish["Karim"][0])
    assert abs(abs(arabic["Amira"][0] - arabic["Karim"][0]) - gap) < 2

    # The names are not mirrored: each is written left to right of its own, centred under its
    # symbol, and nothing in the drawing is flipped.
    svg = amira.get_by_test_id("phone-genogram-svg")
    name = svg.locator('[data-testid="geno-person"][data-name="Amira"] text').first
    expect(name).to_have_text("Amira")
    flipped = svg.evaluate(
        "svg => [...svg.querySelectorAll('g, text')].some(e => (e.getCTM()?.a ?? 1) < 0)"
    )
    assert not flipped
    label, person = name.bounding_box(), centre(amira, "Amira")
    assert label and abs(label["x"] + label["width"] / 2 - person[0]) < 4

    shot(amira, "genogram-rtl-phone-ar")
    svg.screenshot(path=str(ARTIFACTS / "genogram-rtl-ar.png"))
    karim.get_by_test_id("phone-genogram-svg").screenshot(
        path=str(ARTIFACTS / "genogram-rtl-da.png")
    )
