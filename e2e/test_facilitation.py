"""Running a meeting in Chromium: a round with a pass, a raised hand, the timer running out,
private writing and its reveal, an accidental advance undone while a phone keeps its
half-written note, the bekymringsgrundlag on the screen, family time, and a handoff."""

import re
from dataclasses import dataclass

from playwright.sync_api import Page, expect

from e2e.conftest import (
    LAPTOP,
    PHONE,
    PROJECTOR,
    Devices,
    confirm_dialog,
    shot,
    show_work,
    sign_in,
    sign_up,
)
from e2e.test_meeting import admit_all, join


def signed_in(page: Page) -> None:
    """Louise's account: set up (with its second factor) on the module's first visit, signed
    in with both factors after that."""
    setup = page.get_by_test_id("setup-form")
    login = page.get_by_test_id("login-form")
    expect(setup.or_(login)).to_be_visible()
    if setup.is_visible():
        sign_up(page)
    else:
        sign_in(page)


@dataclass
class Room:
    facilitator: Page
    screen: Page
    phones: dict[str, Page]


PEOPLE = [
    ("Sara", "familie", "mor", False),
    ("Birthe", "privat", "mormor", False),
    ("Mette", "fagperson", "klasselærer", False),
    ("Maria", "privat", "faster (bor i Aarhus)", True),
]


def open_page(devices: Devices, kind: dict[str, object], url: str, fake_clock: bool) -> Page:
    page = devices.open(kind, "about:blank")
    if fake_clock:
        page.clock.install()
    page.goto(url)
    return page


def meeting(devices: Devices, title: str, *, fake_clock: bool = False) -> Room:
    """Louise creates a meeting; the screen opens; Sara, Birthe, Mette and Maria (remote) join
    from their phones and are let in."""
    facilitator = devices.open(LAPTOP)
    signed_in(facilitator)
    facilitator.get_by_test_id("meeting-title").fill(title)
    facilitator.get_by_test_id("meeting-create").click()
    expect(facilitator).to_have_url(re.compile(r"/m/[0-9a-f]{32}$"))
    join_url = facilitator.get_by_test_id("join-link").input_value()
    screen_url = facilitator.get_by_test_id("screen-link").get_attribute("href")
    assert join_url and screen_url
    screen = open_page(devices, PROJECTOR, screen_url, fake_clock)
    phones = {}
    for name, role, relation, remote in PEOPLE:
        phone = open_page(devices, PHONE, join_url, fake_clock)
        join(phone, name, role, relation, remote=remote)
        phones[name] = phone
    admit_all(facilitator, len(PEOPLE))
    for phone in phones.values():
        expect(phone.get_by_test_id("phase-banner")).to_be_visible()
    return Room(facilitator, screen, phones)


def write_concern(facilitator: Page) -> None:
    """The facilitator writes who is worried, the bekymringsudsagn and the goal."""
    show_work(facilitator, "concern")
    expect(facilitator.get_by_test_id("concern-editor")).to_have_attribute("open", "")
    facilitator.get_by_test_id("concern-input-who").fill("Skolen og rådgiveren")
    facilitator.get_by_test_id("concern-input-statement").fill(
        "Vi er bekymrede for, at Emil ikke kommer i skole og bliver ensom."
    )
    facilitator.get_by_test_id("concern-input-goals").fill("Emil kommer i skole hver dag kl. 8.")
    facilitator.get_by_test_id("concern-save").click()


def seat_names(page: Page) -> list[str]:
    seats = page.get_by_test_id("seats").locator("[data-seat]")
    return [text.split(" ·")[0].strip() for text in seats.locator(".seat__name").all_inner_texts()]


def drag(page: Page, source: str, target: str) -> None:
    """Drag one seat below another with the mouse, in small steps as a hand would."""
    expect(page.get_by_test_id("seats")).to_have_attribute("data-drag", "ready")
    # The seats sit in the cockpit's side panel, which scrolls inside itself: bring them to its
    # middle, away from the edges where dragging scrolls the panel.
    page.get_by_test_id("seats").evaluate("seats => seats.scrollIntoView({ block: 'center' })")
    start = page.get_by_test_id(source).locator(".seat__name").bounding_box()
    end = page.get_by_test_id(target).bounding_box()
    assert start and end
    page.mouse.move(start["x"] + 10, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + 10, end["y"] + end["height"] * 0.9, steps=15)
    page.mouse.up()


def seat_id(page: Page, name: str) -> str:
    seat = page.get_by_test_id("seats").locator("[data-seat]").filter(has_text=name)
    testid = seat.get_attribute("data-testid")
    assert testid
    return testid.removeprefix("seat-")


def has_word(phone: Page) -> None:
    expect(phone.get_by_test_id("speaker")).to_have_attribute("data-mine", "true")
    expect(phone.get_by_test_id("speaker-now")).to_have_text("Du har ordet")


def test_a_round_with_a_pass_a_raised_hand_and_a_timer_running_out(devices: Devices) -> None:
    room = meeting(devices, "Emil, 9 år", fake_clock=True)
    louise, screen, phones = room.facilitator, room.screen, room.phones
    assert seat_names(louise) == ["Sara", "Birthe", "Mette", "Maria"]

    # Louise sets the seat order by dragging Birthe to the end of the table.
    birthe_id = seat_id(louise, "Birthe")
    drag(louise, f"seat-{birthe_id}", f"seat-{seat_id(louise, 'Maria')}")
    expect(louise.get_by_test_id("seats").locator("[data-seat]").last).to_have_attribute(
        "data-testid", f"seat-{birthe_id}"
    )
    assert seat_names(louise) == ["Sara", "Mette", "Maria", "Birthe"]

    louise.get_by_test_id("round-topic").fill("Hvad fungerer godt?")
    louise.get_by_test_id("round-start").click()
    has_word(phones["Sara"])
    expect(screen.get_by_test_id("speaker-now")).to_have_text("Sara har ordet")
    expect(screen.get_by_test_id("speaker-next")).to_have_text("Næste: Mette")
    expect(phones["Mette"].get_by_test_id("speaker-next")).to_have_text("Du er den næste")
    shot(phones["Sara"], "facilitation-phone-has-word")
    shot(screen, "facilitation-screen-round")

    louise.get_by_test_id("turns-next").click()
    has_word(phones["Mette"])
    louise.get_by_test_id("turns-next").click()
    # Maria is remote, and in the round like everyone else; she passes from her phone.
    has_word(phones["Maria"])
    expect(screen.get_by_test_id("speaker-now")).to_have_text("Maria har ordet")
    phones["Maria"].get_by_test_id("phone-pass").click()
    has_word(phones["Birthe"])
    maria_id = seat_id(louise, "Maria")
    expect(louise.get_by_test_id(f"seat-{maria_id}")).to_contain_text("meldte pas")
    shot(louise, "facilitation-facilitator-round")
    louise.get_by_test_id("turns-next").click()
    expect(screen.get_by_test_id("speaker-now")).to_have_text("Ingen har ordet")

    # Mette raises her hand; Louise gives her the word from the talerække.
    phones["Mette"].get_by_test_id("hand-raise").click()
    expect(phones["Mette"].get_by_test_id("hand-place")).to_contain_text("nr. 1")
    mette_id = seat_id(louise, "Mette")
    expect(louise.get_by_test_id(f"queue-item-{mette_id}")).to_be_visible()
    louise.get_by_test_id(f"give-{mette_id}").click()
    has_word(phones["Mette"])
    expect(screen.get_by_test_id("speaker-now")).to_have_text("Mette har ordet")
    expect(louise.get_by_test_id(f"queue-item-{mette_id}")).to_have_count(0)
    expect(louise.get_by_test_id(f"talk-{mette_id}")).to_contain_text("ordet 2 gang")

    # A one-minute timer runs out on the screen and on the phones.
    louise.get_by_test_id("timer-start-1").click()
    for page in (screen, phones["Sara"]):
        expect(page.get_by_test_id("timer")).to_have_attribute("data-state", "running")
    for page in (screen, phones["Sara"]):
        page.clock.fast_forward("01:02")
    for page in (screen, phones["Sara"]):
        expect(page.get_by_test_id("timer")).to_have_attribute("data-state", "over")
        expect(page.get_by_test_id("timer")).to_contain_text("Tiden er gået")
    shot(screen, "facilitation-screen-timer-over")
    shot(phones["Sara"], "facilitation-phone-timer-over")
    louise.get_by_test_id("timer-plus").click()
    for page in (screen, phones["Sara"]):
        expect(page.get_by_test_id("timer")).to_have_attribute("data-state", "running")


def test_private_writing_an_undone_advance_family_time_and_a_handoff(devices: Devices) -> None:
    room = meeting(devices, "Emil, 9 år – opfølgning")
    louise, screen, phones = room.facilitator, room.screen, room.phones

    # The bekymringsgrundlag, written by Louise, is shown large on the screen in its phase.
    write_concern(louise)
    louise.get_by_test_id("agenda-next").click()
    expect(screen.get_by_test_id("concern-statement")).to_contain_text("bliver ensom")
    expect(phones["Sara"].get_by_test_id("concern-goals")).to_contain_text("hver dag kl. 8")
    shot(screen, "facilitation-screen-concern")

    # Birthe is halfway through a note when Louise advances twice by accident, then goes back.
    louise.get_by_test_id("agenda-next").click()
    expect(phones["Birthe"].get_by_test_id("phase-banner")).to_have_attribute("data-phase", "works")
    half = "Jeg kan hente Emil om"
    phones["Birthe"].get_by_test_id("note-input").fill(half)
    louise.get_by_test_id("agenda-next").click()
    expect(phones["Birthe"].get_by_test_id("phase-banner")).to_have_attribute(
        "data-phase", "worries"
    )
    # A half-written note keeps its column: Birthe stays on "Hvad fungerer godt?".
    expect(phones["Birthe"].get_by_test_id("tab-works")).to_have_attribute("aria-selected", "true")
    expect(phones["Birthe"].get_by_test_id("note-input")).to_have_value(half)
    expect(phones["Birthe"].get_by_test_id("note-input")).to_have_attribute("data-column", "works")
    louise.get_by_test_id("agenda-back").click()
    expect(louise.get_by_test_id("agenda-current")).to_have_attribute("data-phase", "works")
    expect(phones["Birthe"].get_by_test_id("phase-banner")).to_have_attribute("data-phase", "works")
    expect(phones["Birthe"].get_by_test_id("note-input")).to_have_value(half)
    shot(phones["Birthe"], "facilitation-phone-keeps-draft")

    # Everyone writes privately: nobody else gets Sara's note until Louise reveals them all.
    louise.get_by_test_id("writing-column").select_option("works")
    louise.get_by_test_id("writing-start").click()
    expect(phones["Sara"].get_by_test_id("phone-private")).to_be_visible()
    secret = "Jeg laver mad med Emil hver søndag."
    phones["Sara"].get_by_test_id("note-input").fill(secret)
    phones["Sara"].get_by_test_id("note-send").click()
    mine = phones["Sara"].get_by_test_id("card").filter(has_text=secret)
    expect(mine).to_have_count(1)
    expect(mine).not_to_have_attribute("data-pending", "add")
    expect(mine.get_by_test_id("card-hidden")).to_be_visible()
    shot(phones["Sara"], "facilitation-phone-private")
    for page in (louise, screen, phones["Birthe"]):
        expect(page.get_by_test_id("card").filter(has_text=secret)).to_have_count(0)
    louise.get_by_test_id("writing-reveal").click()
    for page in (louise, screen, phones["Birthe"]):
        expect(page.get_by_test_id("card").filter(has_text=secret)).to_have_count(1)
    shot(screen, "facilitation-screen-revealed")

    # Family time: Mette's phone waits and gets nothing the family writes until it is shared.
    louise.get_by_test_id("family-start").click()
    expect(phones["Mette"].get_by_test_id("family-wait")).to_be_visible()
    shot(phones["Mette"], "facilitation-phone-family-wait")
    plan = "Mormor tager morgenerne mandag og onsdag."
    phones["Birthe"].get_by_test_id("tab-next").click()
    phones["Birthe"].get_by_test_id("note-input").fill(plan)
    phones["Birthe"].get_by_test_id("note-send").click()
    phones["Sara"].get_by_test_id("tab-next").click()
    expect(phones["Sara"].get_by_test_id("card").filter(has_text=plan)).to_have_count(1)
    expect(louise.get_by_test_id("card").filter(has_text=plan)).to_have_count(0)
    shot(phones["Sara"], "facilitation-phone-family")
    phones["Sara"].get_by_test_id("family-release").click()
    expect(phones["Mette"].get_by_test_id("family-wait")).to_have_count(0)
    expect(louise.get_by_test_id("card").filter(has_text=plan)).to_have_count(1)

    # Louise hands the role to Mette; reloading does not take it back.
    join_url = louise.get_by_test_id("join-link").input_value()
    mette_id = seat_id(louise, "Mette")
    louise.get_by_test_id("handoff-select").select_option(mette_id)
    louise.get_by_test_id("handoff-give").click()
    confirm_dialog(louise)
    expect(louise.get_by_test_id("handoff-gone")).to_be_visible()
    expect(phones["Mette"].get_by_test_id("run-panel")).to_be_visible()
    phones["Mette"].get_by_test_id("timer-start-2").click()
    expect(screen.get_by_test_id("timer")).to_have_attribute("data-state", "running")
    louise.reload()
    expect(louise.get_by_test_id("handoff-gone")).to_be_visible()
    expect(louise.get_by_test_id("cockpit")).to_have_count(0)
    # Louise's laptop now offers only what a fagperson may do: no lobby, no agenda, no scaling
    # question, no agreement written for everyone, no moderation of the board or the screen.
    expect(louise.get_by_test_id("handed-over")).to_be_visible()
    # Jens, Emil's morfar, comes late: he waits in the lobby, and only Mette's phone lets him in.
    jens = devices.open(PHONE, join_url)
    join(jens, "Jens", "privat", "morfar")
    mette = phones["Mette"]
    expect(mette.locator("[data-testid^='admit-']")).to_have_count(1)
    for testid in (
        "lobby",
        "auto-admit",
        "agenda-next",
        "scale-form",
        "scale-ask",
        "agreement-form",
        "join-link",
        "screen-show-board",
        "drawings-panel",
    ):
        expect(louise.get_by_test_id(testid)).to_have_count(0)
    expect(louise.locator("[data-testid^='admit-']")).to_have_count(0)
    expect(louise.get_by_test_id("hand-raise")).to_be_visible()
    admit_all(mette, 1)
    expect(jens.get_by_test_id("phase-banner")).to_be_visible()
    # Mette's phone leads: the agenda, the lobby, a scaling question and the agreements.
    expect(mette.get_by_test_id("phone-lead")).to_be_visible()
    for testid in ("agenda-next", "lobby", "scale-ask", "agreement-form", "drawings-panel"):
        expect(mette.get_by_test_id(testid)).to_have_count(1)
    expect(mette.get_by_test_id("hand-raise")).to_have_count(0)
    louise.get_by_test_id("hand-raise").click()
    expect(mette.get_by_test_id("run-panel")).to_contain_text("Louise")
    mette.get_by_test_id("scale-ask").click()
    expect(screen.get_by_test_id("screen-scale")).to_be_visible()
    expect(louise.get_by_test_id("phone-scale")).to_be_visible()
    # The facilitator's board scrolls inside itself; the phone's page never scrolls sideways.
    assert mette.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phones["Mette"], "facilitation-phone-co-facilitator")
    shot(louise, "facilitation-facilitator-handed-over")

    # Mette closes the meeting from her phone; Louise, who created it, keeps the referat.
    mette.get_by_test_id("close-meeting").click()
    confirm_dialog(mette)
    expect(mette.get_by_test_id("phone-closed")).to_be_visible()
    expect(louise.get_by_test_id("phone-closed")).to_be_visible()
    louise.get_by_test_id("referat-link").click()
    expect(louise.get_by_test_id("referat-scaling")).to_be_visible()
