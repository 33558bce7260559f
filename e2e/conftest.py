"""A real Kreds server and Debian's Chromium; screenshots of every view go to e2e/artifacts/."""

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.integration import conftest as integration
from tests.integration.kit import Server, totp_code

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
LAPTOP = {"viewport": {"width": 1366, "height": 900}}
WAIT_MS = 10_000

server = integration.server
"""One real Kreds server per test module, as for the integration tests."""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Devices:
    """Browser contexts for one test: each is one device with its own storage."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.contexts: list[BrowserContext] = []

    def open(self, kind: dict[str, object], url: str = "/") -> Page:
        context = self.browser.new_context(base_url=self.base_url, locale="da-DK", **kind)  # type: ignore[arg-type]
        context.set_default_timeout(WAIT_MS)
        self.contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def devices(browser: Browser, server: Server) -> Iterator[Devices]:
    opened = Devices(browser, server.url)
    yield opened
    opened.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


# -- signing in with both factors --------------------------------------------------------------

PASSWORD = "Emil-kommer-i-skole-2025"
_SECRETS: dict[tuple[str, str], str] = {}
"""The authenticator app's secret each account enrolled, by (server, e-mail)."""


def _server_of(page: Page) -> str:
    return urlsplit(page.url).netloc


def app_code(page: Page, email: str) -> str:
    """What the account's authenticator app shows now (a step not used yet)."""
    return totp_code(_SECRETS[(_server_of(page), email)])


def enrol_app(page: Page, email: str) -> None:
    """At the first sign-in: an authenticator app, its secret read off the page as a person
    would scan it, its code computed with pyotp; then the recovery codes are noted."""
    page.get_by_test_id("enrol-totp").click()
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    _SECRETS[(_server_of(page), email)] = secret
    page.get_by_test_id("totp-enrol-code").fill(totp_code(secret))
    page.get_by_test_id("totp-confirm").click()
    expect(page.get_by_test_id("recovery-codes")).to_be_visible()
    page.get_by_test_id("codes-noted").click()
    expect(page.get_by_test_id("signed-in")).to_be_visible()


def give_app_code(page: Page, email: str) -> None:
    """The second step of a sign-in, with the authenticator app's code."""
    expect(page.get_by_test_id("second-factor")).to_be_visible()
    if page.get_by_test_id("factor-totp").is_visible():
        page.get_by_test_id("factor-totp").click()
    page.get_by_test_id("totp-code").fill(app_code(page, email))
    page.get_by_test_id("totp-submit").click()
    expect(page.get_by_test_id("signed-in")).to_be_visible()


def sign_up(page: Page, name: str = "Louise", email: str = "louise@kommune.example") -> None:
    """The first visit sets up the account and enrols its second factor."""
    page.get_by_test_id("setup-name").fill(name)
    page.get_by_test_id("setup-email").fill(email)
    page.get_by_test_id("setup-password").fill(PASSWORD)
    page.get_by_test_id("setup-submit").click()
    # The password is hashed (argon2) before the enrolment shows: slower on a busy machine.
    expect(page.get_by_test_id("enrol")).to_be_visible(timeout=15_000)
    enrol_app(page, email)


def sign_in(page: Page, email: str = "louise@kommune.example") -> None:
    """The password, then the code from the app."""
    page.get_by_test_id("login-email").fill(email)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    give_app_code(page, email)


def show_work(page: Page, view: str) -> None:
    """Bring one piece of work into the middle of the facilitator's cockpit: invite, concern,
    board, scale, agreements or drawings (each phase shows its own by itself)."""
    page.get_by_test_id(f"work-tab-{view}").click()
    page.get_by_test_id(f"work-{view}").wait_for(state="visible")


def confirm_dialog(page: Page, answer: bool = True) -> None:
    """Answer the app's own confirmation dialog (it replaces the browser's confirm)."""
    dialog = page.get_by_test_id("dialog")
    dialog.wait_for(state="visible")
    page.get_by_test_id("dialog-yes" if answer else "dialog-no").click()
    dialog.wait_for(state="hidden")
