"""Every family in its own language: phones in Arabic (right to left), Somali and Ukrainian in one
meeting with a Danish facilitator and screen; notes arrive as written; read aloud where the
phone has a voice; axe-core on a right-to-left phone."""

import json
import re
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from bench.bundle import first_load
from e2e.conftest import (
    ARTIFACTS,
    LAPTOP,
    PHONE,
    PROJECTOR,
    WAIT_MS,
    Devices,
    confirm_dialog,
    shot,
    show_work,
)
from e2e.test_accessibility import AUDITED, violations
from e2e.test_closing import ask_safety, vote
from e2e.test_facilitation import seat_id, signed_in
from e2e.test_meeting import admit_all, card, join, write
from server.render.summary_language import PHRASES

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "web" / "src" / "i18n"
FIRST_LOAD_BUDGET_KB = 80.0
LATER = ("ar", "fa", "so", "tr", "ur", "pl", "uk", "ti")

# The phone's browser has voices for Arabic and Ukrainian, none for Somali: the read-aloud
# button shows for the first two only. What is spoken is kept for the test to read.
FAKE_SPEECH = """
(() => {
  const voices = [
    { lang: "ar-SA", name: "Arabic", localService: true, default: false, voiceURI: "ar" },
    { lang: "uk-UA", name: "Ukrainian", localService: true, default: false, voiceURI: "uk" },
    { lang: "da-DK", name: "Danish", localService: true, default: true, voiceURI: "da" },
  ];
  const spoken = [];
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ""; this.voice = null; }
  }
  const synth = new EventTarget();
  synth.getVoices = () => voices;
  synth.speak = (u) => {
    spoken.push({ text: u.text, lang: u.lang });
    setTimeout(() => u.dispatchEvent(new Event("end")), 3000);
  };
  synth.cancel = () => {};
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
  window.__spoken = spoken;
})();
"""


def text_of(code: str, key: str) -> str:
    """A catalogue's text for `key`, read from its source file (the one the phone loads)."""
    source = (CATALOGUES / f"{code}.ts").read_text("utf-8")
    found = re.search(rf'^\s*"{re.escape(key)}":\s*\n?\s*("(?:[^"\\]|\\.)*")', source, re.M)
    assert found, f"{key} missing in {code}.ts"
    text: str = json.loads(found.group(1))
    return text


def new_meeting(page: Page) -> None:
    """Louise (signed up by the module's first test, signed in after) makes a meeting."""
    signed_in(page)
    page.get_by_test_id("meeting-title").fill("Netværksmøde om Emil")
    page.get_by_test_id("template-three_columns").check()
    page.get_by_test_id("meeting-create").click()
    expect(page).to_have_url(re.compile(r"/m/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")


def phone(devices: Devices, url: str) -> Page:
    """A phone with the fake voices; closed with the test's other devices."""
    context: BrowserContext = devices.browser.new_context(
        base_url=devices.base_url,
        locale="da-DK",
        **AUDITED,
        **PHONE,  # type: ignore[arg-type]
    )
    context.set_default_timeout(WAIT_MS)
    context.add_init_script(FAKE_SPEECH)
    devices.contexts.append(context)
    page = context.new_page()
    page.goto(url)
    return page


def choose(page: Page, code: str) -> None:
    """The picker is the first thing on a fresh phone's join page, above the form."""
    picker = page.get_by_test_id("language-picker")
    expect(picker).to_be_visible()
    form = page.get_by_test_id("join-form")
    expect(form).to_be_visible()
    picker_box, form_box = picker.bounding_box(), form.bounding_box()
    assert picker_box and form_box and picker_box["y"] < form_box["y"]
    page.get_by_test_id(f"language-{code}").click()
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(picker).to_have_count(0)


def x_of(page: Page, testid: str) -> float:
    box = page.get_by_test_id(testid).bounding_box()
    assert box is not None
    return box["x"]


def test_arabic_somali_and_ukrainian_phones_in_one_danish_meeting(devices: Devices) -> None:
    facilitator = devices.open(LAPTOP)
    new_meeting(facilitator)
    join_url = facilitator.get_by_test_id("join-link").input_value()
    screen_url = facilitator.get_by_test_id("screen-link").get_attribute("href")
    assert screen_url
    screen = devices.open(PROJECTOR, screen_url)

    amira = phone(devices, join_url)
    shot(amira, "languages-ar-picker")
    choose(amira, "ar")
    html = amira.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(amira.get_by_test_id("join-submit")).to_have_text(text_of("ar", "join.submit"))
    expect(amira.get_by_test_id("language-button")).to_contain_text("العربية")
    # Mirrored: the brand stands on the right, the language button on the left.
    assert x_of(amira, "language-button") < amira.locator(".brand").bounding_box()["x"]  # type: ignore[index]
    shot(amira, "languages-ar-join")
    join(amira, "Amira", "familie", "mor")
    expect(amira.get_by_test_id("lobby-waiting")).to_contain_text(text_of("ar", "join.lobbyTitle"))
    shot(amira, "languages-ar-lobby")

    hodan = phone(devices, join_url)
    fetched: list[str] = []
    hodan.on("request", lambda request: fetched.append(request.url))
    choose(hodan, "so")
    expect(hodan.locator("html")).to_have_attribute("dir", "ltr")
    expect(hodan.get_by_test_id("join-submit")).to_have_text(text_of("so", "join.submit"))
    join(hodan, "Hodan", "privat", "moster")
    # Somali came as its own chunk, when chosen; no other language was downloaded.
    chunks = [url.rsplit("/", 1)[-1].split("-")[0] for url in fetched if "/assets/" in url]
    assert "so" in chunks
    assert not set(chunks) & (set(LATER) - {"so"}), chunks

    oksana = phone(devices, join_url)
    choose(oksana, "uk")
    expect(oksana.get_by_test_id("join-submit")).to_have_text(text_of("uk", "join.submit"))
    join(oksana, "Oksana", "fagperson", "klasselærer")

    admit_all(facilitator, 3)
    for each in (amira, hodan, oksana):
        expect(each.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")

    # Each phone in its own language; the facilitator and the screen stay Danish.
    for each, code in ((amira, "ar"), (hodan, "so"), (oksana, "uk")):
        expect(each.get_by_test_id("tab-works")).to_contain_text(text_of(code, "column.works"))
        expect(each.get_by_test_id("connection-state")).to_have_text(text_of(code, "conn.online"))
    for danish in (facilitator, screen):
        expect(danish.locator("html")).to_have_attribute("lang", "da")
        expect(danish.locator("html")).to_have_attribute("dir", "ltr")
    expect(screen.get_by_test_id("column-works")).to_contain_text("Hvad fungerer godt?")
    expect(facilitator.get_by_test_id("column-works")).to_contain_text("Hvad fungerer godt?")

    # The tabs run right to left in Arabic, left to right in Somali.
    assert x_of(amira, "tab-worries") > x_of(amira, "tab-works")
    assert x_of(hodan, "tab-worries") < x_of(hodan, "tab-works")

    # What people write arrives as written, on every device, whatever its language.
    arabic = "أنا أوصل إميل إلى المدرسة كل صباح."
    somali = "Waxaan Emil ka qaadaa dugsiga maalin kasta oo Arbaco ah."
    ukrainian = "Я розмовляю з Емілем щодня після уроків."
    write(amira, "works", arabic)
    write(hodan, "works", somali)
    write(oksana, "works", ukrainian)
    for view in (screen, facilitator, amira, hodan, oksana):
        for written in (arabic, somali, ukrainian):
            expect(card(view, "works", written)).to_have_count(1)  # type: ignore[attr-defined]
            expect(
                card(view, "works", written).get_by_test_id("card-text")  # type: ignore[attr-defined]
            ).to_have_text(written)
    # A note keeps its own direction on a page of the other direction.
    expect(card(amira, "works", ukrainian).get_by_test_id("card-text")).to_have_attribute(  # type: ignore[attr-defined]
        "dir", "auto"
    )
    shot(amira, "languages-ar-board")
    shot(hodan, "languages-so-board")
    shot(oksana, "languages-uk-board")
    shot(screen, "languages-screen")

    # Read aloud: where the phone has a voice for the language, in that language.
    hodan_note = card(hodan, "works", somali)
    expect(hodan_note.get_by_test_id(re.compile("^read-aloud-"))).to_have_count(0)  # type: ignore[attr-defined]
    amira_note = card(amira, "works", arabic)
    amira_note.get_by_test_id(re.compile("^read-aloud-note-")).click()  # type: ignore[attr-defined]
    spoken = amira.evaluate("window.__spoken")
    assert spoken == [{"text": arabic, "lang": "ar-SA"}]
    expect(amira_note.get_by_test_id(re.compile("^read-aloud-note-"))).to_have_attribute(  # type: ignore[attr-defined]
        "aria-pressed", "true"
    )
    amira.get_by_test_id("read-aloud-phase").click()
    assert amira.evaluate("window.__spoken.length") == 2

    # The safety scale in Arabic reads from the right: 0 on the right, 10 on the left.
    ask_safety(facilitator)
    for each in (amira, hodan, oksana):
        expect(each.get_by_test_id("phone-scale")).to_be_visible()
    expect(amira.locator("#phone-scale-question")).to_have_text(text_of("ar", "scale.q.safety"))
    expect(oksana.locator("#phone-scale-question")).to_have_text(text_of("uk", "scale.q.safety"))
    expect(facilitator.get_by_test_id("running-scale")).to_contain_text("hvor sikkert")
    assert x_of(amira, "scale-option-0") > x_of(amira, "scale-option-1")
    assert x_of(oksana, "scale-option-0") < x_of(oksana, "scale-option-1")
    seven = amira.evaluate("new Intl.NumberFormat('ar', {useGrouping: false}).format(7)")
    expect(amira.get_by_test_id("scale-option-7")).to_have_text(seven)
    # The arrows follow the direction too: the left arrow goes up the scale in Arabic.
    vote(amira, 4)
    amira.get_by_test_id("scale-option-4").press("ArrowLeft")
    expect(amira.get_by_test_id("scale-option-5")).to_have_attribute("aria-checked", "true")
    vote(oksana, 6)
    oksana.get_by_test_id("scale-option-6").press("ArrowRight")
    expect(oksana.get_by_test_id("scale-option-7")).to_have_attribute("aria-checked", "true")
    oksana.get_by_test_id(re.compile("^read-aloud-scale-")).click()
    spoken_uk = oksana.evaluate("window.__spoken")
    assert spoken_uk[-1]["lang"] == "uk-UA"
    assert spoken_uk[-1]["text"].startswith(text_of("uk", "scale.q.safety"))
    shot(amira, "languages-ar-scale")
    shot(oksana, "languages-uk-scale")

    # The revealed spread reads the same way: 5 right of 7 in Arabic, left of it elsewhere.
    facilitator.get_by_test_id("scale-reveal").click()
    for view in (amira, oksana, screen):
        expect(view.get_by_test_id("scale-dot")).to_have_count(2)

    def dot_x(view: Page, value: int) -> float:
        box = view.locator(f'[data-testid="scale-dot"][data-value="{value}"]').bounding_box()
        assert box is not None
        return box["x"]

    assert dot_x(amira, 5) > dot_x(amira, 7)
    assert dot_x(oksana, 5) < dot_x(oksana, 7)
    assert dot_x(screen, 5) < dot_x(screen, 7)
    shot(amira, "languages-ar-spread")

    # No serious or critical accessibility problem on the right-to-left phone.
    assert violations(amira, "languages-ar-scale") == []

    # The choice is the phone's: after a reload still Arabic, no picker in the way.
    amira.reload()
    expect(html).to_have_attribute("dir", "rtl")
    expect(amira.get_by_test_id("phone-hello")).to_contain_text("Amira")
    expect(amira.get_by_test_id("language-picker")).to_have_count(0)
    # And it can be changed from the top bar at any time.
    amira.get_by_test_id("language-button").click()
    expect(amira.get_by_test_id("language-picker")).to_be_visible()
    assert violations(amira, "languages-ar-picker-open") == []
    amira.get_by_test_id("language-fa").click()
    expect(html).to_have_attribute("lang", "fa")
    expect(html).to_have_attribute("dir", "rtl")
    expect(amira.get_by_test_id("tab-works")).to_contain_text(text_of("fa", "column.works"))

    # The meeting closes: the phone says so in Farsi, the next meeting's date in its digits.
    show_work(facilitator, "agreements")
    facilitator.get_by_test_id("close-next").fill("2027-03-02T09:00")
    facilitator.get_by_test_id("close-meeting").click()
    confirm_dialog(facilitator)
    expect(facilitator.get_by_test_id("meeting-closed")).to_be_visible()
    closed = amira.get_by_test_id("phone-closed")
    expect(closed).to_contain_text(text_of("fa", "close.phoneTitle"))
    expect(closed).to_contain_text("۲۰۲۷")
    shot(amira, "languages-fa-closed")

    # The referat is Danish, the record; the summary page follows the phone's language.
    meeting_id = facilitator.url.rsplit("/", 1)[-1]
    facilitator.goto(f"/r/{meeting_id}")
    expect(facilitator.get_by_test_id("referat")).to_be_visible()
    expect(facilitator.locator("html")).to_have_attribute("lang", "da")
    facilitator.get_by_test_id("referat-share").click()
    shared = facilitator.get_by_test_id("referat-share-url")
    expect(shared).to_have_value(re.compile(r"/o/"))
    amira.goto(shared.input_value())
    expect(amira.get_by_test_id("referat")).to_be_visible()
    expect(html).to_have_attribute("lang", "fa")
    expect(html).to_have_attribute("dir", "rtl")
    expect(amira.locator("#r-people")).to_have_text(PHRASES["fa"]["people"])
    expect(amira.get_by_test_id("referat")).to_contain_text(arabic)
    shot(amira, "languages-fa-summary")
    assert violations(amira, "languages-fa-summary") == []


def test_a_link_can_carry_the_language_and_an_unknown_one_is_danish(devices: Devices) -> None:
    facilitator = devices.open(LAPTOP)
    new_meeting(facilitator)
    join_url = facilitator.get_by_test_id("join-link").input_value()
    path, token = join_url.split("#", 1)

    unknown = phone(devices, f"{path}?lang=xx#{token}")
    expect(unknown.get_by_test_id("join-form")).to_be_visible()
    expect(unknown.locator("html")).to_have_attribute("lang", "da")
    expect(unknown.locator("html")).to_have_attribute("dir", "ltr")
    expect(unknown.get_by_test_id("join-submit")).to_have_text("Gå til mødet")
    expect(unknown.get_by_test_id("notice")).to_have_count(0)
    expect(unknown.get_by_test_id("language-picker")).to_be_visible()
    # Joining without choosing keeps Danish; in the lobby the picker no longer stands in the way.
    join(unknown, "Birthe", "privat", "mormor")
    expect(unknown.get_by_test_id("language-picker")).to_have_count(0)
    expect(unknown.get_by_test_id("language-button")).to_have_attribute("aria-expanded", "false")

    urdu = phone(devices, f"{path}?lang=ur#{token}")
    expect(urdu.locator("html")).to_have_attribute("lang", "ur")
    expect(urdu.locator("html")).to_have_attribute("dir", "rtl")
    expect(urdu.get_by_test_id("join-submit")).to_have_text(text_of("ur", "join.submit"))
    expect(urdu.get_by_test_id("language-picker")).to_have_count(0)
    shot(urdu, "languages-ur-join")
    join(urdu, "Nadia", "fagperson", "sundhedsplejerske")
    admit_all(facilitator, 2)

    # The facilitator hands the role to the Urdu phone: the agenda runs in Urdu, its back and
    # forward arrows pointing the way Urdu reads, and the room's screen stays Danish.
    facilitator.get_by_test_id("handoff-select").select_option(seat_id(facilitator, "Nadia"))
    facilitator.get_by_test_id("handoff-give").click()
    confirm_dialog(facilitator)
    expect(urdu.get_by_test_id("run-panel")).to_be_visible()
    expect(urdu.get_by_test_id("agenda-next")).to_contain_text(text_of("ur", "agenda.next"))
    assert x_of(urdu, "agenda-back") > x_of(urdu, "agenda-next")
    arrow = urdu.get_by_test_id("agenda-back").locator(".direction-arrow")
    assert arrow.evaluate("a => getComputedStyle(a).transform") == "matrix(-1, 0, 0, 1, 0, 0)"
    shot(urdu, "languages-ur-leads")
    urdu.screenshot(path=str(ARTIFACTS / "languages-ur-leads-top.png"))

    # Storage holding a code Kreds does not know is no choice either: Danish, and the picker.
    stale = phone(devices, "/")
    stale.evaluate("localStorage.setItem('kreds.lang', 'klingon')")
    stale.goto(join_url)
    expect(stale.get_by_test_id("join-form")).to_be_visible()
    expect(stale.locator("html")).to_have_attribute("lang", "da")
    expect(stale.get_by_test_id("language-picker")).to_be_visible()


def test_the_phones_first_load_stays_in_budget_with_the_languages_loaded_later() -> None:
    loaded = first_load(ROOT / "web" / "dist")
    assert loaded is not None, "web/dist is not built"
    assert loaded.gzip_kb <= FIRST_LOAD_BUDGET_KB, loaded.files
    names = [path.rsplit("/", 1)[-1].split("-")[0] for path in loaded.files]
    assert not set(names) & set(LATER), names
