"""The referat in Chromium: the genogram and the network map are drawn as pictures on the page
(the same SVG as the app's download) and in its PDF, with the lists in words kept."""

import asyncio
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import ARTIFACTS, LAPTOP, PHONE, WAIT_MS, shot
from e2e.test_accessibility import AUDITED, violations
from tests.integration.kit import Account, Clients, MeetingLinks, Server, setup_first
from tests.integration.test_referat_drawings import drawn


@pytest.fixture(scope="module")
def account(server: Server) -> Account:
    return setup_first(server)


def meeting(server: Server, account: Account) -> MeetingLinks:
    async def made() -> MeetingLinks:
        clients = Clients(server)
        try:
            return await drawn(server, account, clients)
        finally:
            await clients.close()

    # Playwright's own loop runs in this thread: the socket clients get a thread of their own.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, made()).result()


@pytest.fixture
def signed_in(browser: Browser, server: Server, account: Account) -> Iterator[list[Page]]:
    """Pages of the facilitator's browser, signed in, at a laptop's size (under the page's own
    CSP, so a refused script shows as a console error) and a phone's (where axe may run)."""
    pages = []
    contexts = []
    for kind in (LAPTOP, {**PHONE, **AUDITED}):
        context = browser.new_context(base_url=server.url, locale="da-DK", **kind)  # type: ignore[arg-type]
        context.set_default_timeout(WAIT_MS)
        context.add_cookies(
            [{"name": "kreds_session", "value": account.session, "url": server.url}]
        )
        contexts.append(context)
        pages.append(context.new_page())
    yield pages
    for context in contexts:
        context.close()


def test_the_referat_draws_the_genogram_and_the_network_map(
    server: Server, account: Account, signed_in: list[Page]
) -> None:
    links = meeting(server, account)
    laptop, phone = signed_in
    errors: list[str] = []
    laptop.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    laptop.goto(f"/r/{links.id}")
    expect(laptop.locator("html[data-drawn='true']")).to_have_count(1)
    genogram = laptop.get_by_test_id("referat-genogram-svg")
    expect(genogram).to_be_visible()
    expect(genogram.locator("[data-testid='geno-person']")).to_have_count(3)
    network = laptop.get_by_test_id("referat-network-svg")
    expect(network).to_be_visible()
    expect(network.locator("[data-testid='net-person']")).to_have_count(2)
    figure = laptop.get_by_test_id("referat-genogram-figure")
    expect(figure).to_have_attribute("role", "img")
    expect(figure).to_have_accessible_name(
        "Genogrammet, tegnet. Personerne og forbindelserne står herunder."
    )
    # The lists in words are still there, under the pictures.
    expect(
        laptop.get_by_test_id("referat-genogram").locator("ul").first.locator("li")
    ).to_have_count(3)
    # The picture fits the page's width: nothing runs off to the side.
    assert laptop.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert errors == []
    shot(laptop, "referat-drawings-1366")
    phone.goto(f"/r/{links.id}")
    expect(phone.get_by_test_id("referat-network-svg")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= innerWidth")
    shot(phone, "referat-drawings-390")
    assert violations(phone, "referat-drawings") == []

    printed = laptop.request.get(f"/r/{links.id}/referat.pdf")
    assert printed.ok, printed.text()
    pdf = ARTIFACTS / "referat-drawings.pdf"
    pdf.write_bytes(printed.body())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    listed = "".join(laptop.get_by_test_id("referat-genogram").locator("ul").all_inner_texts())
    # Thomas is in the lists once as a person and twice in the relations; the genogram's
    # picture names him once more (he is not on the network map).
    assert listed.count("Thomas") + 1 <= text.count("Thomas"), text
    # Each page as a picture, to look at.
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "referat-drawings-pdf")],
        check=True,
    )
