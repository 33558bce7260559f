"""Accessibility (WCAG 2.1 AA): axe-core on every view, the facilitator's flow by keyboard alone,
and what screen readers hear when the meeting changes."""

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from e2e.conftest import (
    LAPTOP,
    PASSWORD,
    PHONE,
    PROJECTOR,
    Devices,
    app_code,
    confirm_dialog,
    shot,
    show_work,
    sign_in,
    sign_up,
)
from e2e.test_closing import new_meeting_in_case, write_agreement
from e2e.test_facilitation import seat_id, signed_in, write_concern
from e2e.test_genogram import add_person, person
from e2e.test_meeting import admit_all, join, write
from e2e.test_scaling import answered, ask_safety, vote

AXE = Path(__file__).resolve().parent.parent / "web" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}
# axe is injected as a script the page's own CSP (script-src 'self') would refuse: the test's
# browser contexts bypass CSP for that one tag, the app itself runs unchanged.
AUDITED = {"bypass_csp": True}


def violations(page: Page, name: str) -> list[dict[str, Any]]:
    """Serious and critical axe violations of the page as it is now; a screenshot beside them."""
    shot(page, f"a11y-{name}")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    assert len(result["passes"]) > 10, f"{name}: axe checked next to nothing"
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


class Audit:
    """Violations by view, gathered over a whole meeting and asserted at its end, so one run
    names every view that fails."""

    def __init__(self) -> None:
        self.found: dict[str, list[dict[str, Any]]] = {}

    def __call__(self, page: Page, name: str) -> None:
        found = violations(page, name)
        # A mobile browser widens its layout to fit the content, so a phone's page is measured
        # against the screen itself: nothing may need sideways scrolling (WCAG 1.4.10, reflow).
        screen = page.viewport_size
        wide = page.evaluate("document.documentElement.scrollWidth")
        if screen and screen == PHONE["viewport"] and wide > screen["width"]:
            found.append({"id": "reflow", "impact": "serious", "help": f"{wide} px wide"})
        if found:
            self.found[name] = found


def test_every_view_has_no_serious_accessibility_violations(devices: Devices) -> None:
    assert_accessible = Audit()
    facilitator = devices.open({**LAPTOP, **AUDITED})
    expect(facilitator.get_by_test_id("setup-form")).to_be_visible()
    assert_accessible(facilitator, "start-setup")
    sign_up(facilitator)

    facilitator.get_by_test_id("case-title-input").fill("Emil, 9 år")
    facilitator.get_by_test_id("case-create").click()
    expect(facilitator).to_have_url(re.compile(r"/c/[0-9a-f]{32}$"))
    expect(facilitator.get_by_test_id("case-title")).to_have_text("Emil, 9 år")
    case_url = facilitator.url
    facilitator.get_by_test_id("case-meeting-title").fill("Netværksmøde om Emil")
    facilitator.get_by_test_id("case-meeting-create").click()
    expect(facilitator).to_have_url(re.compile(r"/m/[0-9a-f]{32}$"))
    expect(facilitator.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")
    meeting_url = facilitator.url
    meeting_id = meeting_url.rsplit("/", 1)[1]
    join_url = facilitator.get_by_test_id("join-link").input_value()
    screen_url = facilitator.get_by_test_id("screen-link").get_attribute("href")
    assert screen_url
    assert_accessible(facilitator, "facilitator-empty")

    sara = devices.open({**PHONE, **AUDITED}, "/j")
    expect(sara.get_by_test_id("code-form")).to_be_visible()
    assert_accessible(sara, "join-code")
    sara.goto(join_url)
    expect(sara.get_by_test_id("join-form")).to_be_visible()
    assert_accessible(sara, "join-form")
    join(sara, "Sara", "familie", "mor")
    assert_accessible(sara, "lobby")

    birthe = devices.open({**PHONE, **AUDITED}, join_url)
    join(birthe, "Birthe", "privat", "mormor")
    expect(facilitator.locator('[data-testid^="admit-"]')).to_have_count(2)
    assert_accessible(facilitator, "facilitator-lobby")
    admit_all(facilitator, 2)
    for phone in (sara, birthe):
        expect(phone.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")

    write(sara, "works", "Jeg går selv til min læge og får hjælp.")
    write(birthe, "next", "Nogen skal hjælpe med morgenerne i de dårlige perioder.")
    show_work(facilitator, "board")
    facilitator.get_by_test_id("add-input-worries").fill("Emil kommer for sent 2–3 dage om ugen.")
    facilitator.get_by_test_id("add-submit-worries").click()
    expect(facilitator.get_by_test_id("card")).to_have_count(3)
    assert_accessible(facilitator, "facilitator-board")
    # Every piece of work in the cockpit's middle, and the shortcuts' popover.
    for view in ("concern", "scale", "drawings"):
        show_work(facilitator, view)
        assert_accessible(facilitator, f"facilitator-{view}")
    facilitator.get_by_test_id("shortcuts-open").click()
    assert_accessible(facilitator, "facilitator-shortcuts")
    facilitator.get_by_test_id("shortcuts-open").click()
    assert_accessible(sara, "phone-board")
    sara.get_by_test_id("note-input").fill("Saras CPR er 010203-1234")
    sara.get_by_test_id("note-send").click()
    expect(sara.get_by_test_id("notice")).to_have_attribute("data-code", "cpr_detected")
    assert_accessible(sara, "phone-notice")

    screen = devices.open({**PROJECTOR, **AUDITED}, screen_url)
    expect(screen.get_by_test_id("screen-title")).to_have_text("Netværksmøde om Emil")
    expect(screen.get_by_test_id("card")).to_have_count(3)
    assert_accessible(screen, "screen")

    write_agreement(facilitator, "Birthe hjælper om morgenen", who=("Birthe",), when_text="mandag")
    expect(facilitator.get_by_test_id("agreement-list")).to_contain_text("Birthe hjælper")
    assert_accessible(facilitator, "facilitator-agreements")
    birthe.get_by_test_id("propose-open").click()
    write_agreement(
        birthe, "Hente Emil om onsdagen", who=("Birthe",), when_text="onsdag", prefix="propose"
    )
    expect(facilitator.locator('[data-testid^="proposal-"]')).to_have_count(1)
    assert_accessible(birthe, "phone-agreements")
    facilitator.locator('[data-testid^="accept-"]').first.click()
    facilitator.get_by_test_id("readback-start").click()
    expect(sara.get_by_test_id("phone-readback")).to_be_visible()
    assert_accessible(sara, "phone-readback")
    assert_accessible(screen, "screen-readback")
    sara.get_by_test_id("confirm-agree").click()
    assert_accessible(facilitator, "facilitator-readback")

    show_work(facilitator, "agreements")
    facilitator.get_by_test_id("close-next").fill("2026-03-02T09:00")
    facilitator.get_by_test_id("close-meeting").click()
    expect(facilitator.get_by_test_id("dialog")).to_be_visible()
    assert_accessible(facilitator, "facilitator-confirm-dialog")
    confirm_dialog(facilitator)
    expect(facilitator.get_by_test_id("meeting-closed")).to_be_visible()
    assert_accessible(facilitator, "facilitator-closed")
    expect(sara.get_by_test_id("phone-closed")).to_be_visible()
    assert_accessible(sara, "phone-closed")

    facilitator.goto(f"/r/{meeting_id}")
    expect(facilitator.get_by_test_id("referat")).to_be_visible()
    assert_accessible(facilitator, "referat")
    facilitator.get_by_test_id("referat-share").click()
    shared = facilitator.get_by_test_id("referat-share-url")
    expect(shared).to_have_value(re.compile(r"/o/"))
    summary = devices.open({**PHONE, **AUDITED}, shared.input_value())
    expect(summary.get_by_test_id("referat")).to_be_visible()
    assert_accessible(summary, "referat-for-participants")

    facilitator.goto(case_url)
    expect(facilitator.get_by_test_id("case-title")).to_have_text("Emil, 9 år")
    assert_accessible(facilitator, "case")

    facilitator.goto("/")
    expect(facilitator.get_by_test_id("signed-in")).to_be_visible()
    facilitator.get_by_test_id("audit-open").click()
    expect(facilitator.get_by_test_id("audit-row").first).to_be_visible()
    assert_accessible(facilitator, "start-meetings-and-log")
    facilitator.get_by_test_id(f"meeting-delete-{meeting_id}").click()
    confirm_dialog(facilitator)
    expect(facilitator.get_by_test_id(f"meeting-link-{meeting_id}")).to_have_count(0)
    facilitator.get_by_test_id("audit-refresh").click()
    expect(facilitator.get_by_test_id("audit-row").first).to_have_attribute(
        "data-action", "meeting.delete"
    )

    signed_out = devices.open({**LAPTOP, **AUDITED})
    expect(signed_out.get_by_test_id("login-form")).to_be_visible()
    assert_accessible(signed_out, "sign-in")
    signed_out.get_by_test_id("login-email").fill("louise@kommune.example")
    signed_out.get_by_test_id("login-password").fill("forkert-adgangskode")
    signed_out.get_by_test_id("login-submit").click()
    expect(signed_out.get_by_test_id("error-login")).to_be_visible()
    assert_accessible(signed_out, "sign-in-failed")

    signed_out.goto("/m/ukendt")
    expect(signed_out.get_by_test_id("facilitator-refused")).to_be_visible()
    assert_accessible(signed_out, "facilitator-refused")
    gone = devices.open({**PHONE, **AUDITED}, "/j#ikke-et-gyldigt-link")
    expect(gone.get_by_test_id("join-gone")).to_be_visible()
    assert_accessible(gone, "join-dead-link")
    assert assert_accessible.found == {}


# -- by keyboard alone ---------------------------------------------------------------------


def focused(page: Page) -> str:
    return str(page.evaluate("document.activeElement?.dataset?.testid ?? ''"))


def tab_to(page: Page, testid: str, *, backwards: bool = False, limit: int = 120) -> None:
    """Press Tab until the element with this test id has focus: what a keyboard user does."""
    pattern = re.compile(testid)
    for _ in range(limit):
        if pattern.fullmatch(focused(page)):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{testid} cannot be reached with Tab (last focus: {focused(page)!r})")


def louise_exists(devices: Devices) -> Page:
    """A page at the start, with Louise's account set up (by an earlier test, or now)."""
    page = devices.open(LAPTOP)
    either = page.locator('[data-testid="login-form"], [data-testid="setup-form"]')
    expect(either).to_be_visible()
    if page.get_by_test_id("setup-form").is_visible():
        sign_up(page)
    return page


def test_the_facilitator_runs_a_meeting_by_keyboard_alone(devices: Devices) -> None:
    louise_exists(devices)

    louise = devices.open(LAPTOP)
    expect(louise.get_by_test_id("login-form")).to_be_visible()
    tab_to(louise, "login-email")
    louise.keyboard.type("louise@kommune.example")
    louise.keyboard.press("Tab")
    assert focused(louise) == "login-password"
    louise.keyboard.type(PASSWORD)
    louise.keyboard.press("Enter")
    expect(louise.get_by_test_id("second-factor")).to_be_visible()
    tab_to(louise, "totp-code")
    louise.keyboard.type(app_code(louise, "louise@kommune.example"))
    louise.keyboard.press("Enter")
    expect(louise.get_by_test_id("signed-in")).to_be_visible()

    tab_to(louise, "meeting-title")
    louise.keyboard.type("Opfølgning om Emil")
    louise.keyboard.press("Enter")
    expect(louise).to_have_url(re.compile(r"/m/[0-9a-f]{32}$"))
    expect(louise.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")
    join_url = louise.get_by_test_id("join-link").input_value()

    sara = devices.open(PHONE, join_url)
    join(sara, "Sara", "familie", "mor")
    expect(louise.locator('[data-testid^="admit-"]')).to_have_count(1)
    tab_to(louise, r"admit-.+")
    louise.keyboard.press("Enter")
    expect(louise.locator('[data-testid^="admit-"]')).to_have_count(0)
    expect(sara.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")

    # The board is one of the cockpit's tabs: reach the tab list, then arrow to the board.
    tab_to(louise, "work-tab-invite")
    louise.keyboard.press("ArrowRight")
    louise.keyboard.press("ArrowRight")
    assert focused(louise) == "work-tab-board"
    expect(louise.get_by_test_id("work-board")).to_be_visible()
    for text in ("Emil har en god ven i klassen.", "Emil elsker fodbold."):
        tab_to(louise, "add-input-works")
        louise.keyboard.type(text)
        louise.keyboard.press("Control+Enter")
        expect(louise.get_by_test_id("column-works").get_by_test_id("card")).to_contain_text([text])
    works = louise.get_by_test_id("column-works").get_by_test_id("card-text")
    expect(works).to_have_text(["Emil har en god ven i klassen.", "Emil elsker fodbold."])

    # Move the first note down, then (focus stays on it) on into another column, by keys only.
    # Its ↓ is enabled once the note below it is stored; the notes are above the input, so
    # a keyboard user goes back to them with Shift+Tab.
    first = louise.get_by_test_id("column-works").get_by_test_id("card").first
    expect(first.get_by_test_id("card-move-down")).to_be_enabled()
    first.evaluate("note => note.scrollIntoView()")
    tab_to(louise, "card-move-down", backwards=True)
    louise.keyboard.press("Enter")
    expect(works).to_have_text(["Emil elsker fodbold.", "Emil har en god ven i klassen."])
    tab_to(louise, "card-move-column")
    louise.keyboard.press("ArrowDown")
    expect(works).to_have_text(["Emil elsker fodbold."])
    moved = louise.get_by_test_id("card").filter(has_text="Emil har en god ven i klassen.")
    expect(moved).to_have_attribute("data-column", re.compile("worries|next"))
    shot(louise, "a11y-keyboard-facilitator")


# -- what a screen reader hears ------------------------------------------------------------


def test_changes_are_announced_through_live_regions(devices: Devices) -> None:
    setup = louise_exists(devices)
    if setup.get_by_test_id("login-form").is_visible():
        sign_in(setup)
    expect(setup.get_by_test_id("signed-in")).to_be_visible()
    setup.get_by_test_id("meeting-title").fill("Netværksmøde om Emil")
    setup.get_by_test_id("meeting-create").click()
    louise = setup
    status = louise.get_by_test_id("connection-state")
    expect(status).to_have_attribute("data-state", "online")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")
    join_url = louise.get_by_test_id("join-link").input_value()

    sara = devices.open(PHONE, join_url)
    join(sara, "Sara", "familie", "mor")
    expect(sara.get_by_test_id("lobby-waiting")).to_have_attribute("aria-live", "polite")
    louise.locator('[data-testid^="admit-"]').first.click()
    expect(sara.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")

    heard = louise.get_by_test_id("announcer")
    expect(heard).to_have_attribute("aria-live", "polite")
    # The one who leads heard Sara arrive in the lobby (nothing else has happened yet).
    expect(heard).to_have_text("Sara venter i venterummet.")
    write(sara, "works", "Jeg går selv til min læge og får hjælp.")
    expect(heard).to_have_text(
        "Ny note i Hvad fungerer godt?: Jeg går selv til min læge og får hjælp."
    )
    show_work(louise, "board")
    louise.get_by_test_id("add-input-next").fill("Emil skal have en ven at lege med.")
    louise.get_by_test_id("add-submit-next").click()
    on_phone = sara.get_by_test_id("announcer")
    expect(on_phone).to_have_text(
        "Ny note i Hvad skal der ske?: Emil skal have en ven at lege med."
    )
    expect(heard).to_have_text(re.compile("min læge")), "one's own note is not read out again"

    sara.get_by_test_id("note-input").fill("Saras CPR er 010203-1234")
    sara.get_by_test_id("note-send").click()
    expect(sara.get_by_test_id("notice")).to_have_attribute("role", "alert")

    write_agreement(louise, "Birthe hjælper om morgenen", municipality=True, when_text="mandag")
    louise.get_by_test_id("readback-start").click()
    expect(on_phone).to_have_text("Aftalerne læses op nu.")
    expect(heard).to_have_text("Aftalerne læses op nu.")

    sara.context.set_offline(True)
    expect(sara.get_by_test_id("connection-state")).to_have_attribute("data-state", "offline")
    expect(sara.get_by_test_id("connection-state")).to_contain_text("Offline")
    sara.context.set_offline(False)
    expect(sara.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")


# -- the running meeting, scaling and the drawings ------------------------------------------


def test_running_scaling_and_drawings_have_no_serious_violations(devices: Devices) -> None:
    """One meeting through the facilitation, scaling and genogram views, each audited in the
    state a person meets it in; the run panel driven by keyboard; phase and speaker changes
    heard through their live regions."""
    assert_accessible = Audit()
    louise = devices.open({**LAPTOP, **AUDITED})
    signed_in(louise)
    louise.get_by_test_id("case-title-input").fill("Emil, 9 år")
    louise.get_by_test_id("case-create").click()
    expect(louise).to_have_url(re.compile(r"/c/[0-9a-f]{32}$"))
    case_url = louise.url
    new_meeting_in_case(louise, "Netværksmøde om Emil")
    join_url = louise.get_by_test_id("join-link").input_value()
    screen_url = louise.get_by_test_id("screen-link").get_attribute("href")
    assert screen_url
    screen = devices.open({**PROJECTOR, **AUDITED}, screen_url)
    sara = devices.open({**PHONE, **AUDITED}, join_url)
    join(sara, "Sara", "familie", "mor")
    mette = devices.open({**PHONE, **AUDITED}, join_url)
    join(mette, "Mette", "fagperson", "klasselærer")
    admit_all(louise, 2)
    expect(louise.get_by_test_id("cockpit")).to_be_visible()
    assert_accessible(louise, "facilitator-run-panel")

    # The phase banner's title is a live region: advancing to the bekymringsgrundlag is heard.
    banner = sara.get_by_test_id("phase-banner").locator("[aria-live]")
    expect(banner).to_have_attribute("aria-live", "polite")
    before = banner.inner_text()
    write_concern(louise)
    # The facilitator runs the meeting from the keyboard: next phase, a round, the next speaker.
    tab_to(louise, "agenda-next", backwards=True)
    louise.keyboard.press("Enter")
    expect(banner).not_to_have_text(before)
    expect(screen.get_by_test_id("concern-statement")).to_contain_text("bliver ensom")
    assert_accessible(screen, "screen-concern")

    # A change of speaker is spoken once, by the page's one polite announcer; the banner itself
    # is no live region (it can be on a page twice). A round gives Sara the word, then Mette.
    speaker = sara.get_by_test_id("speaker-now")
    expect(speaker).not_to_have_attribute("aria-live", re.compile(".*"))
    expect(speaker).not_to_have_attribute("role", "status")
    heard = sara.get_by_test_id("announcer")
    expect(heard).to_have_attribute("aria-live", "polite")
    tab_to(louise, "round-topic")
    louise.keyboard.type("Hvad fungerer godt?")
    tab_to(louise, "round-start")
    louise.keyboard.press("Enter")
    expect(speaker).to_have_text("Du har ordet")
    expect(heard).to_have_text("Du har ordet")
    expect(louise.get_by_test_id("announcer")).to_have_text("Sara har ordet")
    assert_accessible(sara, "phone-has-word")
    tab_to(louise, "turns-next", backwards=True)
    louise.keyboard.press("Enter")
    expect(speaker).to_have_text("Mette har ordet")
    expect(heard).to_have_text("Mette har ordet")
    expect(mette.get_by_test_id("speaker-now")).to_have_text("Du har ordet")
    expect(mette.get_by_test_id("announcer")).to_have_text("Du har ordet")
    louise.get_by_test_id("timer-start-2").click()
    expect(screen.get_by_test_id("timer")).to_have_attribute("data-state", "running")
    assert_accessible(screen, "screen-round-timer")
    louise.get_by_test_id("timer-stop").click()
    louise.get_by_test_id("turns-next").click()
    expect(speaker).to_have_text("Ingen har ordet")
    expect(heard).to_have_text("Ingen har ordet")
    mette.get_by_test_id("hand-raise").click()
    expect(mette.get_by_test_id("hand-place")).to_contain_text("nr. 1")
    assert_accessible(mette, "phone-hand-raised")
    expect(louise.locator('[data-testid^="queue-item-"]')).to_have_count(1)
    assert_accessible(louise, "facilitator-queue")

    # Private writing: the phone writes where nobody else sees it, until the reveal.
    louise.get_by_test_id("writing-start").click()
    expect(sara.get_by_test_id("phone-private")).to_be_visible()
    sara.get_by_test_id("note-input").fill("Jeg laver mad med Emil hver søndag.")
    sara.get_by_test_id("note-send").click()
    expect(sara.get_by_test_id("card-hidden")).to_be_visible()
    assert_accessible(sara, "phone-private")
    louise.get_by_test_id("writing-reveal").click()
    expect(sara.get_by_test_id("card-hidden")).to_have_count(0)

    # A scaling question, open on the phone and then revealed on the screen.
    ask_safety(louise)
    expect(sara.get_by_test_id("phone-scale")).to_have_attribute("data-status", "open")
    assert_accessible(sara, "phone-scale")
    vote(sara, 4)
    vote(mette, 6)
    louise.get_by_test_id("scale-reveal").click()
    expect(screen.get_by_test_id("scale-dot")).to_have_count(2)
    assert_accessible(screen, "screen-scale-spread")
    expect(louise.get_by_test_id("scale-dot")).to_have_count(2)
    assert_accessible(louise, "facilitator-scale-revealed")

    # The child's mood with smileys, on the phone and revealed on the screen.
    louise.get_by_test_id("scale-new").locator("summary").click()
    louise.get_by_test_id("scale-preset-mood").check()
    louise.get_by_test_id("scale-ask").click()
    expect(sara.get_by_test_id("scale-option-5")).to_have_attribute("aria-label", "Rigtig glad")
    assert_accessible(sara, "phone-smileys")
    sara.get_by_test_id("scale-option-4").click()
    mette.get_by_test_id("scale-option-2").click()
    answered(screen, 2, 2)
    louise.get_by_test_id("scale-reveal").click()
    expect(screen.get_by_test_id("scale-dot")).to_have_count(2)
    assert_accessible(screen, "screen-smileys")

    # The genogram: Sara says who she is to the child; the screen shows the drawing and the map.
    add_person(louise, "Emil", "male", "2017", focus=True, household="Saras hjem")
    expect(sara.get_by_test_id("kinship-form")).to_be_visible()
    assert_accessible(sara, "phone-kinship")
    sara.get_by_test_id("kinship").select_option("mor")
    sara.get_by_test_id("kinship-born").fill("1992")
    sara.get_by_test_id("kinship-submit").click()
    expect(sara.get_by_test_id("phone-genogram-joined")).to_contain_text("Sara")
    add_person(louise, "Birthe", "female", "1964", can_help="Morgener mandag og tirsdag")
    expect(louise.get_by_test_id("drawings-panel")).to_be_visible()
    assert_accessible(louise, "facilitator-drawings")
    louise.get_by_test_id("screen-show-genogram").click()
    expect(person(screen, "screen-genogram-svg", "Birthe")).to_have_count(1)
    assert_accessible(screen, "screen-genogram")
    louise.get_by_test_id("drawing-tab-network").click()
    birthe = louise.locator('[data-testid="network-item"]').filter(has_text="Birthe")
    birthe.get_by_test_id("network-closer").click()
    expect(birthe).to_contain_text("ring 1")
    assert_accessible(louise, "facilitator-network")
    louise.get_by_test_id("screen-show-network").click()
    expect(screen.get_by_test_id("screen-network-svg")).to_be_visible()
    assert_accessible(screen, "screen-network")

    # Family time: the professional's phone waits.
    louise.get_by_test_id("family-start").click()
    expect(mette.get_by_test_id("family-wait")).to_be_visible()
    assert_accessible(mette, "phone-family-wait")
    sara.get_by_test_id("family-release").click()
    expect(mette.get_by_test_id("family-wait")).to_have_count(0)

    # Louise hands the meeting to Mette: the run panel on a phone.
    louise.get_by_test_id("handoff-select").select_option(seat_id(louise, "Mette"))
    louise.get_by_test_id("handoff-give").click()
    confirm_dialog(louise)
    expect(louise.get_by_test_id("handoff-gone")).to_be_visible()
    expect(mette.get_by_test_id("run-panel")).to_be_visible()
    assert_accessible(mette, "phone-run-panel")
    assert_accessible(louise, "facilitator-handed-over")

    louise.goto(case_url)
    chart = louise.get_by_test_id("case-scaling").get_by_test_id("scale-history-safety")
    expect(chart).to_have_attribute("data-points", "1")
    assert_accessible(louise, "case-scaling-history")
    assert assert_accessible.found == {}
