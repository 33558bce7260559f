"""The facilitator's cockpit in Chromium: one laptop screen with no page scroll at 1366×768,
1280×720 and 1024×768; the agenda bar always in view; the phase's work in the middle; the lobby
noticed wherever the facilitator is, with one click to let everyone in; keyboard shortcuts;
family time as a clear waiting state."""

from playwright.sync_api import Page, expect

from e2e.conftest import PHONE, Devices, shot, show_work
from e2e.test_facilitation import meeting
from e2e.test_meeting import join, write

SIZES = [(1366, 768), (1280, 720), (1024, 768)]
WORK = ["invite", "concern", "board", "scale", "agreements", "safety", "drawings"]


def no_page_scroll(page: Page) -> None:
    fits = page.evaluate(
        "document.documentElement.scrollHeight <= innerHeight"
        " && document.documentElement.scrollWidth <= innerWidth"
    )
    assert fits, page.evaluate(
        "[document.documentElement.scrollHeight, innerHeight,"
        " document.documentElement.scrollWidth, innerWidth]"
    )


def tabs_on_one_line(page: Page) -> None:
    """Every work tab stands on the one row, wholly in view: none wraps under, none is hidden."""
    rows = page.evaluate(
        """() => {
          const list = document.querySelector('[data-testid="cockpit-work"] [role="tablist"]');
          const box = list.getBoundingClientRect();
          return [...list.querySelectorAll('[role="tab"]')].map((tab) => {
            const r = tab.getBoundingClientRect();
            const inside = r.left >= box.left - 1 && r.right <= box.right + 1
              && r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.height >= 44;
            return [Math.round(r.top), inside];
          });
        }"""
    )
    assert len(rows) == len(WORK), rows
    assert len({row[0] for row in rows}) == 1 and all(row[1] for row in rows), rows


def columns_in_view(page: Page) -> None:
    """The board's columns stand side by side wholly in the work area: none is cut off."""
    overflow = page.evaluate(
        """() => {
          const row = document.querySelector('[data-testid="work-board"] .board__columns');
          return row ? row.scrollWidth - row.clientWidth : 0;
        }"""
    )
    assert overflow <= 1, overflow


def in_view(page: Page, testid: str) -> None:
    box = page.get_by_test_id(testid).bounding_box()
    size = page.viewport_size
    assert box and size
    assert 0 <= box["y"] and box["y"] + box["height"] <= size["height"], (testid, box)


def test_the_cockpit_fits_one_laptop_screen_in_every_view(devices: Devices) -> None:
    room = meeting(devices, "Emil, 9 år – cockpit")
    louise = room.facilitator
    for width, height in SIZES:
        louise.set_viewport_size({"width": width, "height": height})
        for view in WORK:
            show_work(louise, view)
            shot(louise, f"cockpit-{width}x{height}-{view}")
            no_page_scroll(louise)
            tabs_on_one_line(louise)
            if view == "board":
                columns_in_view(louise)
            for testid in ("agenda-next", "agenda-back", "lobby", "turns-next"):
                in_view(louise, testid)


def test_the_middle_follows_the_phase(devices: Devices) -> None:
    room = meeting(devices, "Emil, 9 år – faserne")
    louise = room.facilitator
    louise.set_viewport_size({"width": 1366, "height": 768})
    expect(louise.get_by_test_id("work-invite")).to_be_visible()
    for phase, view in [("concern", "concern"), ("works", "board"), ("worries", "board")]:
        louise.get_by_test_id("agenda-next").click()
        expect(louise.get_by_test_id("agenda-current")).to_have_attribute("data-phase", phase)
        expect(louise.get_by_test_id(f"work-{view}")).to_be_visible()
    # A view chosen by hand stays until the phase moves on.
    show_work(louise, "drawings")
    louise.get_by_test_id("agenda-next").click()
    expect(louise.get_by_test_id("agenda-current")).to_have_attribute("data-phase", "scaling")
    expect(louise.get_by_test_id("work-scale")).to_be_visible()
    # An agreement half written is still there when the phase moves away and back.
    show_work(louise, "agreements")
    louise.get_by_test_id("agreement-what").fill("Mormor henter Emil om tirsdagen")
    louise.get_by_test_id("agenda-next").click()
    expect(louise.get_by_test_id("work-board")).to_be_visible()
    show_work(louise, "agreements")
    expect(louise.get_by_test_id("agreement-what")).to_have_value("Mormor henter Emil om tirsdagen")


def test_a_new_arrival_is_noticed_and_everyone_is_let_in_at_once(devices: Devices) -> None:
    room = meeting(devices, "Emil, 9 år – venterum")
    louise = room.facilitator
    louise.set_viewport_size({"width": 1366, "height": 768})
    show_work(louise, "board")
    join_url = louise.get_by_test_id("join-link").input_value()
    late = []
    for name, relation in [("Jonas", "morbror"), ("Ole", "nabo"), ("Lise", "faster")]:
        phone = devices.open(PHONE, join_url)
        join(phone, name, "privat", relation)
        late.append(phone)
        expect(louise.get_by_test_id("lobby-alert")).to_have_attribute("data-count", str(len(late)))
    expect(louise.get_by_test_id("announcer")).to_contain_text("venter i venterummet")
    expect(louise.get_by_test_id("lobby-count")).to_have_text("3")
    in_view(louise, "lobby-alert")
    shot(louise, "cockpit-lobby-waiting")
    louise.get_by_test_id("lobby-admit-all").click()
    for phone in late:
        expect(phone.get_by_test_id("phase-banner")).to_be_visible()
    expect(louise.get_by_test_id("lobby-alert")).to_have_count(0)

    # Automatic admission lets in those already waiting too.
    waiting = []
    for name in ("Hanne", "Kim"):
        phone = devices.open(PHONE, join_url)
        join(phone, name, "privat", "nabo")
        waiting.append(phone)
    expect(louise.get_by_test_id("lobby-count")).to_have_text("2")
    louise.get_by_test_id("auto-admit").check()
    for phone in waiting:
        expect(phone.get_by_test_id("phase-banner")).to_be_visible()
    expect(louise.get_by_test_id("lobby-count")).to_have_text("0")


def test_shortcuts_run_the_meeting_but_never_take_a_typed_key(devices: Devices) -> None:
    room = meeting(devices, "Emil, 9 år – genveje")
    louise = room.facilitator
    louise.set_viewport_size({"width": 1366, "height": 768})
    louise.get_by_test_id("shortcuts-open").click()
    expect(louise.get_by_test_id("shortcuts")).to_contain_text("Næste fase")
    shot(louise, "cockpit-shortcuts")
    louise.get_by_test_id("shortcuts-open").click()
    louise.locator("body").press("Alt+Shift+N")
    expect(louise.get_by_test_id("agenda-current")).to_have_attribute("data-phase", "concern")
    louise.get_by_test_id("concern-input-who").press("Alt+Shift+N")
    expect(louise.get_by_test_id("agenda-current")).to_have_attribute("data-phase", "concern")
    louise.get_by_test_id("concern-input-who").evaluate("field => field.blur()")
    louise.keyboard.press("Alt+Shift+B")
    expect(louise.get_by_test_id("agenda-current")).to_have_attribute("data-phase", "welcome")
    louise.keyboard.press("Alt+Shift+T")
    expect(louise.get_by_test_id("timer-panel").get_by_test_id("timer")).to_have_attribute(
        "data-state", "running"
    )
    room.phones["Sara"].get_by_test_id("hand-raise").click()
    expect(louise.get_by_test_id("queue").locator("li")).to_have_count(1)
    louise.keyboard.press("Alt+Shift+O")
    expect(room.phones["Sara"].get_by_test_id("speaker")).to_have_attribute("data-mine", "true")


def test_family_time_shows_the_facilitator_a_clear_waiting_state(devices: Devices) -> None:
    room = meeting(devices, "Emil, 9 år – familiens tid")
    louise = room.facilitator
    louise.set_viewport_size({"width": 1366, "height": 768})
    louise.get_by_test_id("family-start").click()
    expect(louise.get_by_test_id("family-waiting")).to_be_visible()
    in_view(louise, "family-waiting")
    no_page_scroll(louise)
    shot(louise, "cockpit-family-time")
    room.phones["Sara"].get_by_test_id("family-release").click()
    expect(louise.get_by_test_id("family-waiting")).to_have_count(0)


def test_the_facilitator_ends_family_time_and_the_family_still_shares_its_plan(
    devices: Devices,
) -> None:
    room = meeting(devices, "Emil, 9 år – familiens tid slutter")
    louise, screen, sara = room.facilitator, room.screen, room.phones["Sara"]
    louise.set_viewport_size({"width": 1366, "height": 768})
    louise.get_by_test_id("family-start").click()
    plan = "Vi fortæller selv skolen om weekenderne hos far."
    write(sara, "next", plan)
    # The screen's link is on the facilitator's page: it gets nothing the family writes.
    expect(sara.get_by_test_id("column-next")).to_contain_text(plan)
    expect(screen.locator("body")).not_to_contain_text(plan)
    louise.get_by_test_id("family-end").click()
    expect(louise.get_by_test_id("family-waiting")).to_have_count(0)
    # The professionals are back: the family's note is on no screen of theirs, nor the room's.
    expect(screen.get_by_test_id("column-next")).not_to_contain_text(plan)
    show_work(louise, "board")
    expect(louise.get_by_test_id("work-board")).to_be_visible()
    expect(louise.get_by_test_id("work-board")).not_to_contain_text(plan)
    family = sara.get_by_test_id("phone-family")
    expect(family).to_contain_text("Familiens tid er slut")
    shot(sara, "phone-family-kept-390")
    sara.get_by_test_id("family-release").click()
    expect(sara.get_by_test_id("phone-family")).to_have_count(0)
    expect(screen.get_by_test_id("column-next")).to_contain_text(plan)
    expect(louise.get_by_test_id("work-board")).to_contain_text(plan)
