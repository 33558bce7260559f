"""Scaling in Chromium: five phones answer the safety scale anonymously, the screen shows the
count and then the spread with its median, the follow-up questions get their notes, and a
follow-up meeting of the same case shows both rounds in the history chart."""

from playwright.sync_api import Page, expect

from e2e.conftest import ARTIFACTS, PHONE, PROJECTOR, Devices, shot
from e2e.test_closing import ask_safety, new_meeting_in_case, sign_up_and_open_case, vote
from e2e.test_meeting import admit_all, join

NETWORK = [
    ("Sara", "familie", "mor"),
    ("Thomas", "familie", "far"),
    ("Birthe", "privat", "mormor"),
    ("Mette", "fagperson", "klasselærer"),
    ("Katrine", "raadgiver", "familiens rådgiver"),
]


def let_in(devices: Devices, facilitator: Page, people: list[tuple[str, str, str]]) -> list[Page]:
    join_url = facilitator.get_by_test_id("join-link").input_value()
    phones = []
    for name, role, relation in people:
        phone = devices.open(PHONE, join_url)
        join(phone, name, role, relation)
        phones.append(phone)
    admit_all(facilitator, len(people))
    for phone in phones:
        expect(phone.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")
    return phones


def answered(page: Page, count: int, total: int) -> None:
    shown = page.get_by_test_id("scale-answered")
    expect(shown).to_have_attribute("data-count", str(count))
    expect(shown).to_have_text(f"{count} af {total} har svaret")


def test_five_phones_scale_the_screen_reveals_and_the_case_keeps_the_history(
    devices: Devices,
) -> None:
    facilitator = devices.open(PROJECTOR)
    facilitator.on("dialog", lambda dialog: dialog.accept())
    case_url = sign_up_and_open_case(facilitator)
    new_meeting_in_case(facilitator, "Netværksmøde om Emil")
    screen_url = facilitator.get_by_test_id("screen-link").get_attribute("href")
    screen = devices.open(PROJECTOR, screen_url)
    expect(screen.get_by_test_id("screen-title")).to_have_text("Netværksmøde om Emil")
    phones = let_in(devices, facilitator, NETWORK)
    sara, thomas, birthe, mette, katrine = phones

    ask_safety(facilitator)
    expect(screen.get_by_test_id("screen-scale")).to_contain_text("hvor sikkert er det")
    expect(screen.get_by_test_id("scale-anchors")).to_contain_text("sikkert nok til, at sagen")
    answered(screen, 0, 5)
    for phone in phones:
        expect(phone.get_by_test_id("phone-scale")).to_have_attribute("data-status", "open")

    # Sara chooses 4, then moves one step up with the arrow key; Katrine first skips.
    vote(sara, 4)
    sara.get_by_test_id("scale-option-4").press("ArrowRight")
    expect(sara.get_by_test_id("scale-option-5")).to_have_attribute("aria-checked", "true")
    expect(sara.get_by_test_id("scale-option-5")).to_be_focused()
    katrine.get_by_test_id("scale-skip").click()
    expect(katrine.get_by_test_id("phone-scale-state")).to_contain_text("Du sprang over")
    answered(screen, 2, 5)
    vote(thomas, 6)
    vote(birthe, 3)
    vote(mette, 7)
    vote(katrine, 4)
    answered(screen, 5, 5)
    answered(facilitator, 5, 5)
    expect(sara.get_by_test_id("phone-scale-state")).to_contain_text("Dit svar: 5")
    # Sealed: before the reveal nobody, the facilitator included, sees a single value.
    expect(screen.get_by_test_id("scale-dot")).to_have_count(0)
    expect(facilitator.get_by_test_id("scale-dot")).to_have_count(0)
    shot(screen, "scaling-screen-count")
    shot(sara, "scaling-phone-vote")

    facilitator.get_by_test_id("scale-reveal").click()
    dots = screen.get_by_test_id("scale-dot")
    expect(dots).to_have_count(5)
    assert sorted(int(d.get_attribute("data-value") or "") for d in dots.all()) == [3, 4, 5, 6, 7]
    expect(screen.get_by_test_id("scale-median")).to_have_attribute("data-median", "5")
    expect(sara.get_by_test_id("phone-scale")).to_have_attribute("data-status", "revealed")
    expect(sara.get_by_test_id("scale-option-5")).to_be_disabled()

    # The follow-up questions, answered from a phone and by the facilitator.
    birthe.get_by_test_id("phone-note-why_not_lower").locator("textarea").fill(
        "Birthe henter Emil hver onsdag, og han er glad i skolen."
    )
    birthe.get_by_test_id("phone-note-why_not_lower").get_by_role("button").click()
    facilitator.get_by_test_id("fac-note-one_step_up").locator("textarea").fill(
        "En voksen hos Sara om morgenen i de dårlige perioder."
    )
    facilitator.get_by_test_id("fac-note-one_step_up").get_by_role("button").click()
    expect(screen.get_by_test_id("follow-up-why_not_lower")).to_contain_text("hver onsdag")
    expect(screen.get_by_test_id("follow-up-one_step_up")).to_contain_text("om morgenen")
    shot(screen, "scaling-screen-spread")
    expect(facilitator.get_by_test_id("follow-up-one_step_up")).to_contain_text("om morgenen")
    shot(facilitator, "scaling-facilitator-revealed")
    shot(birthe, "scaling-phone-revealed")

    facilitator.get_by_test_id("close-next").fill("2027-01-12T09:00")
    facilitator.get_by_test_id("close-meeting").click()
    expect(facilitator.get_by_test_id("meeting-closed")).to_be_visible()
    expect(facilitator.get_by_test_id("scale-screen")).to_be_hidden()
    facilitator.get_by_test_id("referat-link").click()
    scaling = facilitator.get_by_test_id("referat-scaling")
    expect(scaling).to_contain_text("Fordeling: 3, 4, 5, 6, 7")
    expect(scaling).to_contain_text("Median: 5")
    expect(scaling).to_contain_text("Hvorfor ikke lavere?")

    # Six weeks later: the follow-up meeting of the same case scales again.
    facilitator.goto(case_url)
    new_meeting_in_case(facilitator, "Opfølgningsmøde om Emil")
    earlier = facilitator.get_by_test_id("scale-earlier-results")
    expect(earlier.get_by_test_id("scale-history-safety")).to_have_attribute("data-points", "1")
    again = let_in(devices, facilitator, NETWORK[:3])
    ask_safety(facilitator)
    for phone, value in zip(again, [6, 7, 8], strict=True):
        vote(phone, value)
    answered(facilitator, 3, 3)
    facilitator.get_by_test_id("scale-reveal").click()
    history = facilitator.get_by_test_id("scale-history-safety")
    expect(history).to_have_attribute("data-points", "2")
    entries = history.get_by_test_id("history-entry")
    expect(entries.nth(0)).to_contain_text("Netværksmøde om Emil")
    expect(entries.nth(0)).to_contain_text("median 5, 5 svar")
    expect(entries.nth(1)).to_contain_text("Opfølgningsmøde om Emil")
    expect(entries.nth(1)).to_contain_text("median 7, 3 svar")
    history.scroll_into_view_if_needed()
    # The viewport only: the whole facilitator page is long, the chart is what matters here.
    facilitator.screenshot(path=str(ARTIFACTS / "scaling-facilitator-history.png"))

    # The child's mood barometer, with names: five smileys on the phone and on the screen.
    screen = devices.open(
        PROJECTOR, facilitator.get_by_test_id("screen-link").get_attribute("href")
    )
    facilitator.get_by_test_id("scale-new").locator("summary").click()
    facilitator.get_by_test_id("scale-preset-mood").check()
    facilitator.get_by_test_id("scale-anonymous").uncheck()
    facilitator.get_by_test_id("scale-ask").click()
    expect(facilitator.get_by_test_id("running-scale")).to_contain_text("Hvordan har du det?")
    for phone, value in zip(again, [4, 5, 2], strict=True):
        expect(phone.get_by_test_id("scale-option-5")).to_have_attribute(
            "aria-label", "Rigtig glad"
        )
        phone.get_by_test_id(f"scale-option-{value}").click()
        expect(phone.get_by_test_id(f"scale-option-{value}")).to_have_attribute(
            "aria-pressed", "true"
        )
    expect(again[0].get_by_test_id("phone-scale")).to_contain_text("Med navn")
    shot(again[0], "scaling-phone-smileys")
    answered(screen, 3, 3)
    facilitator.get_by_test_id("scale-reveal").click()
    expect(screen.get_by_test_id("scale-dot")).to_have_count(3)
    expect(screen.get_by_test_id("scale-median")).to_have_attribute("data-median", "4")
    expect(screen.get_by_test_id("screen-scale")).to_contain_text("Birthe: Ked af det")
    shot(screen, "scaling-screen-smileys")

    facilitator.goto(case_url)
    chart = facilitator.get_by_test_id("case-scaling").get_by_test_id("scale-history-safety")
    expect(chart).to_have_attribute("data-points", "2")
    expect(chart.get_by_test_id("history-point")).to_have_count(2)
    shot(facilitator, "scaling-case-history")
