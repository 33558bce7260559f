"""A real Kreds server and Debian's Chromium; screenshots of every view go to e2e/artifacts/."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.integration import conftest as integration
from tests.integration.kit import Server

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
