"""The room's screen follows the meeting, and nothing on it is ever cut off: the agreements as
they are written, a scale stepping back when the phase moves on, the read-back with twelve
people at 1920×1080 and 1280×720, the closing card with no way in, and a closed meeting's join
link that says so before asking for a name."""

from playwright.sync_api import Page, expect

from e2e.conftest import PHONE, Devices, confirm_dialog, shot, show_work
from e2e.test_closing import ask_safety, write_agreement
from e2e.test_facilitation import meeting

TWELVE = [
    ("Jonas", "morbror"),
    ("Ole", "nabo"),
    ("Lise", "faster"),
    ("Hanne", "dagplejemor"),
    ("Kim", "fodboldtræner"),
    ("Aysha", "sundhedsplejerske"),
    ("Peter", "farfar"),
]


def fits(page: Page) -> None:
    inside = page.evaluate(
        """() => {
          const root = document.documentElement;
          if (root.scrollHeight > innerHeight || root.scrollWidth > innerWidth) return false;
          // Nothing cut off inside a panel either: every list fits the box it is drawn in.
          return [...document.querySelectorAll('.screen-agreements, .screen-closing')].every(
            (box) => box.scrollHeight <= box.clientHeight + 1);
        }"""
    )
    assert inside, page.evaluate(
        "[document.documentElement.scrollHeight, innerHeight, ...[...document"
        ".querySelectorAll('.screen-agreements')].map(b => [b.scrollHeight, b.clientHeight])]"
    )


def join_by_api(page: Page, join_url: str, name: str, relation: str) -> None:
    """A phone's join, as the phone's own page makes it (the lobby is where it ends)."""
    token = join_url.split("#", 1)[1]
    status = page.evaluate(
        """async ([token, name, relation]) => (await fetch('/api/join', {
            method: 'POST', headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({join_token: token, name, role: 'privat', relation, remote: false})
          })).status""",
        [token, name, relation],
    )
    assert status == 201


def test_the_screen_follows_the_meeting_and_fits_the_read_back_of_twelve(
    devices: Devices,
) -> None:
    room = meeting(devices, "Emil, 9 år – storskærmen")
    louise, screen = room.facilitator, room.screen

    # A scale asked in the welcome is on the screen; when the meeting moves on, it steps back.
    ask_safety(louise)
    expect(screen.get_by_test_id("screen-scale")).to_be_visible()
    louise.get_by_test_id("agenda-next").click()
    expect(louise.get_by_test_id("agenda-current")).to_have_attribute("data-phase", "concern")
    expect(screen.get_by_test_id("screen-scale")).to_have_count(0)
    # The bekymringsgrundlag has the whole screen in its phase.
    expect(screen.get_by_test_id("screen")).to_have_attribute("data-main", "concern")
    expect(screen.locator(".screen__side")).to_be_hidden()
    # The control says so: the meeting's own view is pressed, not the scale that stepped back.
    control = louise.get_by_test_id("screen-control")
    expect(control.get_by_test_id("screen-show-board")).to_have_attribute("aria-pressed", "true")
    expect(control.get_by_test_id("screen-show-scale")).to_have_attribute("aria-pressed", "false")
    # The facilitator puts the scale back, then the agreements, then the phase's own view.
    control.get_by_test_id("screen-show-scale").click()
    expect(screen.get_by_test_id("screen-scale")).to_be_visible()
    expect(control.get_by_test_id("screen-show-scale")).to_have_attribute("aria-pressed", "true")
    control.get_by_test_id("screen-show-agreements").click()
    expect(screen.get_by_test_id("screen")).to_have_attribute("data-main", "agreements")
    expect(control.get_by_test_id("screen-show-agreements")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(control.get_by_test_id("screen-show-scale")).to_have_attribute("aria-pressed", "false")
    shot(louise, "screen-control-agreements-1366")
    # The safety plan too, outside its own phase.
    control.get_by_test_id("screen-show-safety").click()
    expect(screen.get_by_test_id("screen")).to_have_attribute("data-main", "safety")
    expect(screen.get_by_test_id("screen-safety")).to_be_visible()
    shot(screen, "screen-safety-chosen")
    expect(control.get_by_test_id("screen-show-safety")).to_have_attribute("aria-pressed", "true")
    expect(control.get_by_test_id("screen-show-agreements")).to_have_attribute(
        "aria-pressed", "false"
    )
    control.get_by_test_id("screen-show-board").click()
    expect(screen.get_by_test_id("screen")).to_have_attribute("data-main", "concern")

    # In the agreements phase the plan takes shape on the screen as it is written.
    for phase in ("works", "worries", "scaling", "next", "agreements"):
        louise.get_by_test_id("agenda-next").click()
        expect(louise.get_by_test_id("agenda-current")).to_have_attribute("data-phase", phase)
    expect(louise.get_by_test_id("work-agreements")).to_be_visible()
    expect(screen.get_by_test_id("screen-agreements")).to_have_attribute("data-mode", "writing")
    write_agreement(louise, "Birthe henter Emil om tirsdagen", who=("Birthe",), when_text="tirsdag")
    expect(screen.get_by_test_id("screen-agreements")).to_contain_text("Birthe henter Emil")
    shot(screen, "screen-agreements-writing")

    # Twelve people in the read-back, and six agreements: all of it on one screen.
    join_url = louise.get_by_test_id("join-link").input_value()
    for name, relation in TWELVE:
        join_by_api(louise, join_url, name, relation)
    expect(louise.get_by_test_id("lobby-count")).to_have_text(str(len(TWELVE)))
    louise.get_by_test_id("lobby-admit-all").click()
    expect(louise.get_by_test_id("lobby-count")).to_have_text("0")
    for what in (
        "Mette ringer til Sara, når Emil ikke er i skole",
        "Maria ringer til Emil søndag aften",
        "Kommunen bevilger aflastning en weekend om måneden",
        "Jonas tager Emil med til fodbold om torsdagen",
        "Sara fortæller skolen, når det er en dårlig dag",
    ):
        write_agreement(louise, what, municipality=True, when_text="løbende")
    expect(louise.get_by_test_id("agreement-list").locator("> li")).to_have_count(6)
    louise.get_by_test_id("readback-start").click()
    expect(screen.get_by_test_id("screen-agreements")).to_have_attribute("data-mode", "readback")
    expect(screen.get_by_test_id("confirm-count")).to_contain_text("af 11")
    for width, height in ((1920, 1080), (1280, 720)):
        screen.set_viewport_size({"width": width, "height": height})
        shot(screen, f"screen-readback-12-{width}x{height}")
        fits(screen)

    # Closing: thanks and the next meeting's date, no QR code and no code.
    louise.get_by_test_id("readback-stop").click()
    show_work(louise, "agreements")
    louise.get_by_test_id("close-next").fill("2027-01-12T09:00")
    louise.get_by_test_id("close-meeting").click()
    confirm_dialog(louise)
    expect(screen.get_by_test_id("screen-closing")).to_contain_text("Tak for i dag")
    expect(screen.get_by_test_id("join-qr")).to_have_count(0)
    expect(screen.get_by_test_id("join-code")).to_have_count(0)
    screen.set_viewport_size({"width": 1920, "height": 1080})
    fits(screen)
    shot(screen, "screen-closing-1920x1080")

    # The join link of a closed meeting says so before it asks anyone's name.
    late = devices.open(PHONE, join_url)
    expect(late.get_by_test_id("join-gone")).to_have_attribute("data-why", "closed")
    expect(late.get_by_test_id("join-gone")).to_contain_text("Mødet er afsluttet")
    expect(late.get_by_test_id("join-form")).to_have_count(0)
    shot(late, "phone-join-closed")
