"""Scaling in Chromium: five phones answer the safety scale anonymously, the screen shows the
count and then the spread with its median, the follow-up questions get their notes, and a
follow-up meeting of the same case shows both rounds in the history chart."""

import re

from playwright.sync_api import Page, expect

from e2e.conftest import ARTIFACTS, PHONE, PROJECTOR, Devices, confirm_dialog, shot, show_work
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


LONG_NOTES = [
    (
        "Sara har selv ringet til skolen de sidste tre mandage, når Emil ikke ville op, og "
        "sammen har de fundet en aftale med læreren om, at han må starte dagen i biblioteket.",
        "At der er en voksen, Emil kender, som kan hente ham de morgener, hvor Sara ikke kan "
        "få ham ud ad døren, og at skolen ringer til Sara allerede kl. 8.15, hvis han ikke er der.",
    ),
    (
        "Thomas og Sara taler sammen om Emil igen, og de er enige om, at han skal i skole hver "
        "dag; det har de ikke været i over et år, og det mærker Emil tydeligt derhjemme.",
        "At Thomas har Emil hver anden weekend som aftalt, også når det er svært, og at han "
        "følger ham i skole mandag morgen efter weekenderne, så overgangen bliver lettere.",
    ),
    (
        "Emil har fået en god ven i klassen, Ali, og de leger i alle frikvartererne; han "
        "rækker hånden op i dansk og har læst to bøger færdig siden efterårsferien.",
        "At Emil får en fast plads i fritidsklubben om eftermiddagen, så han ikke går alene "
        "hjem, og at klubben og skolen taler sammen om ham hver fredag.",
    ),
    (
        "Familien tager imod hjælp: Sara har selv bedt om familiebehandlingen, hun kommer til "
        "møderne, og Emil fortæller sin lærer, når noget derhjemme er svært for ham.",
        "At familiebehandlingen starter inden jul, og at vi ses igen om seks uger og ser, om "
        "morgenerne er blevet lettere for både Emil og Sara, og hvad der så skal til.",
    ),
]


def note(phone: Page, follow_up: str, text: str) -> None:
    form = phone.get_by_test_id(f"phone-note-{follow_up}")
    form.locator("textarea").fill(text)
    form.get_by_role("button").click()
    expect(form.locator("textarea")).to_have_value("")


def inside_the_screen(screen: Page) -> None:
    """Everything on the scale card, the follow-up notes included, lies inside the card, and the
    card inside the 1920×1080 screen: nothing is cut off or runs off it."""
    card = screen.get_by_test_id("screen-scale").bounding_box()
    assert card is not None
    assert card["x"] >= 0 and card["y"] >= 0
    assert card["x"] + card["width"] <= 1920 and card["y"] + card["height"] <= 1080
    shown = screen.get_by_test_id("screen-scale").locator(
        "h2, h3, dl, p, figure, [data-testid=follow-up-note], [data-testid=follow-up-more]"
    )
    assert shown.count() > 0
    for element in shown.all():
        box = element.bounding_box()
        assert box is not None
        assert box["y"] >= card["y"] and box["y"] + box["height"] <= card["y"] + card["height"], (
            element.inner_text()[:60]
        )
        assert box["x"] >= card["x"] and box["x"] + box["width"] <= card["x"] + card["width"]


def test_five_phones_scale_the_screen_reveals_and_the_case_keeps_the_history(
    devices: Devices,
) -> None:
    facilitator = devices.open(PROJECTOR)
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

    # The network says a lot: long notes on both questions still fit the screen's card.
    for phone, (why, step) in zip([sara, thomas, mette, katrine], LONG_NOTES, strict=True):
        note(phone, "why_not_lower", why)
        note(phone, "one_step_up", step)
    expect(screen.get_by_test_id("follow-up-one_step_up")).to_have_attribute("data-count", "5")
    expect(screen.get_by_test_id("follow-up-why_not_lower")).to_have_attribute("data-count", "5")
    shot(screen, "scaling-screen-long-notes")
    inside_the_screen(screen)
    shot(birthe, "scaling-phone-revealed")

    show_work(facilitator, "agreements")

    facilitator.get_by_test_id("close-next").fill("2027-01-12T09:00")
    facilitator.get_by_test_id("close-meeting").click()
    confirm_dialog(facilitator)
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
    # Both meetings were held today: their points stand apart around the middle of the chart,
    # and today's date is written once, as dd.mm.yyyy. (Run across midnight, they stand at the
    # two ends, each with its date.)
    xs = [
        int(p.get_attribute("data-x") or "") for p in history.get_by_test_id("history-point").all()
    ]
    days = {re.findall(r"\d\d\.\d\d\.\d{4}", text)[0] for text in entries.all_inner_texts()}
    dates = history.get_by_test_id("history-date")
    expect(dates).to_have_count(len(days))
    expect(dates.first).to_have_text(re.compile(r"^\d\d\.\d\d\.\d{4}$"))
    if len(days) == 1:
        assert len(xs) == 2 and xs[1] - xs[0] >= 40 and abs((xs[0] + xs[1]) / 2 - 332) <= 2, xs
    else:
        assert xs == [100, 564], xs
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
