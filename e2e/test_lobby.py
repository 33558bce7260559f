"""The lobby under a flood, and a meeting deleted while it is open, in Chromium: the facilitator
turns everyone waiting away and renews the join link and code (the screen follows at once);
deleting the meeting ends the screen's and the phones' pages with "Mødet er slettet"."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import LAPTOP, PHONE, PROJECTOR, Devices, confirm_dialog, shot
from e2e.test_meeting import admit_all, create_meeting, join
from tests.integration.kit import Server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A server of each test's own: each signs up its first facilitator."""
    running = Server(tmp_path / "data")
    running.start()
    yield running
    running.stop()
    assert "Traceback" not in running.log(), running.log()


def shown_code(page: Page) -> str:
    return re.sub(r"\s", "", page.get_by_test_id("join-code").inner_text())


def test_the_facilitator_turns_the_lobby_away_and_renews_the_join_link(devices: Devices) -> None:
    facilitator = devices.open(LAPTOP)
    create_meeting(facilitator)
    join_url = facilitator.get_by_test_id("join-link").input_value()
    code = shown_code(facilitator)
    screen_url = facilitator.get_by_test_id("screen-link").get_attribute("href")
    assert screen_url
    screen = devices.open(PROJECTOR, screen_url)
    expect(screen.get_by_test_id("join-code")).to_have_text(f"{code[:4]} {code[4:]}")

    sara = devices.open(PHONE, join_url)
    join(sara, "Sara", "familie", "mor")
    admit_all(facilitator, 1)
    strangers = []
    for number in range(3):
        stranger = devices.open(PHONE, join_url)
        join(stranger, f"Gæst {number}", "privat", "ukendt")
        strangers.append(stranger)
    expect(facilitator.locator('[data-testid^="admit-"]')).to_have_count(3)
    expect(facilitator.get_by_test_id("reject-waiting")).to_contain_text("(3)")
    shot(facilitator, "facilitator-lobby-flood")

    facilitator.get_by_test_id("reject-waiting").click()
    confirm_dialog(facilitator)
    expect(facilitator.locator('[data-testid^="admit-"]')).to_have_count(0)
    expect(facilitator.get_by_test_id("reject-waiting")).to_be_disabled()
    for stranger in strangers:
        expect(stranger.get_by_test_id("join-gone")).to_be_visible()
    expect(sara.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")
    shot(strangers[0], "phone-turned-away")

    facilitator.get_by_test_id("renew-join").click()
    confirm_dialog(facilitator)
    expect(facilitator.get_by_test_id("join-renewed")).to_be_visible()
    expect(facilitator.get_by_test_id("join-code")).not_to_have_text(f"{code[:4]} {code[4:]}")
    new_code = shown_code(facilitator)
    new_url = facilitator.get_by_test_id("join-link").input_value()
    assert new_code != code and new_url != join_url
    expect(screen.get_by_test_id("join-code")).to_have_text(f"{new_code[:4]} {new_code[4:]}")
    expect(screen.get_by_test_id("join-qr")).to_be_visible()
    shot(facilitator, "facilitator-join-renewed")
    shot(screen, "screen-join-renewed")

    late = devices.open(PHONE, join_url)
    expect(late.get_by_test_id("join-gone")).to_have_attribute("data-why", "link")
    by_old_code = devices.open(PHONE, "/j")
    by_old_code.get_by_test_id("code-input").fill(code)
    by_old_code.get_by_test_id("code-submit").click()
    expect(by_old_code.get_by_test_id("error-code")).to_be_visible()
    welcome = devices.open(PHONE, new_url)
    join(welcome, "Birthe", "privat", "mormor")
    expect(facilitator.locator('[data-testid^="admit-"]')).to_have_count(1)


def test_deleting_an_open_meeting_ends_the_screen_and_the_phones(devices: Devices) -> None:
    facilitator = devices.open(LAPTOP)
    create_meeting(facilitator)
    join_url = facilitator.get_by_test_id("join-link").input_value()
    screen_url = facilitator.get_by_test_id("screen-link").get_attribute("href")
    assert screen_url
    screen = devices.open(PROJECTOR, screen_url)
    sara = devices.open(PHONE, join_url)
    join(sara, "Sara", "familie", "mor")
    admit_all(facilitator, 1)
    waiting = devices.open(PHONE, join_url)
    join(waiting, "Birthe", "privat", "mormor")
    expect(sara.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")
    expect(screen.get_by_test_id("join-qr")).to_be_visible()

    facilitator.goto("/")
    facilitator.locator('[data-testid^="meeting-delete-"]').first.click()
    confirm_dialog(facilitator)
    for page in (screen, sara, waiting):
        expect(page.get_by_test_id("meeting-deleted")).to_be_visible()
        expect(page.get_by_text("Mødet er slettet")).to_be_visible()
        expect(page.get_by_test_id("join-qr")).to_have_count(0)
        expect(page.get_by_test_id("join-code")).to_have_count(0)
        expect(page.get_by_test_id("connection-state")).to_have_count(0)
        expect(page.get_by_test_id("column-works")).to_have_count(0)
    shot(screen, "screen-meeting-deleted")
    shot(sara, "phone-meeting-deleted")
    sara.reload()
    expect(sara.get_by_test_id("join-gone")).to_be_visible()
