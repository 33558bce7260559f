"""A whole (simple) network meeting in Chromium: facilitator, screen and three phones."""

import re

from playwright.sync_api import Page, expect

from e2e.conftest import LAPTOP, PHONE, PROJECTOR, Devices, shot, show_work, sign_up


def create_meeting(page: Page) -> None:
    """Louise signs up and creates the Holm family's meeting."""
    shot(page, "start-setup")
    sign_up(page)
    shot(page, "start-meetings")
    page.get_by_test_id("meeting-title").fill("Emil, 9 år")
    page.get_by_test_id("template-three_columns").check()
    page.get_by_test_id("meeting-create").click()
    expect(page).to_have_url(re.compile(r"/m/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")


def join(phone: Page, name: str, role: str, relation: str, *, remote: bool = False) -> None:
    phone.get_by_test_id("join-name").fill(name)
    phone.get_by_test_id("join-role").select_option(role)
    phone.get_by_test_id("join-relation").fill(relation)
    phone.get_by_test_id("join-remote" if remote else "join-in-room").check()
    phone.get_by_test_id("join-submit").click()
    expect(phone.get_by_test_id("lobby-waiting")).to_be_visible()


def admit_all(facilitator: Page, count: int) -> None:
    """Let the `count` people waiting in the lobby in, one at a time: a person's button stays
    until the server has let them in, so a quick second click could land on the same one."""
    waiting = facilitator.locator('[data-testid^="admit-"]')
    expect(waiting).to_have_count(count)
    for left in range(count - 1, -1, -1):
        waiting.first.click()
        expect(waiting).to_have_count(left)


def write(phone: Page, column: str, text: str) -> None:
    phone.get_by_test_id(f"tab-{column}").click()
    phone.get_by_test_id("note-input").fill(text)
    phone.get_by_test_id("note-send").click()


def card(page: Page, column: str, text: str) -> object:
    return page.get_by_test_id(f"column-{column}").get_by_test_id("card").filter(has_text=text)


def test_a_meeting_runs_on_phones_and_screen(devices: Devices) -> None:
    facilitator = devices.open(LAPTOP)
    create_meeting(facilitator)
    join_url = facilitator.get_by_test_id("join-link").input_value()
    code = re.sub(r"\s", "", facilitator.get_by_test_id("join-code").inner_text())
    screen_url = facilitator.get_by_test_id("screen-link").get_attribute("href")
    assert re.fullmatch(r"\d{8}", code)
    assert join_url and "#" in join_url and screen_url and "#" in screen_url

    screen = devices.open(PROJECTOR, screen_url)
    expect(screen.get_by_test_id("screen-title")).to_have_text("Emil, 9 år")
    expect(screen.get_by_test_id("join-code")).to_have_text(f"{code[:4]} {code[4:]}")
    expect(screen.get_by_test_id("join-qr")).to_be_visible()

    sara = devices.open(PHONE, join_url)
    join(sara, "Sara", "familie", "mor")
    birthe = devices.open(PHONE, join_url)
    join(birthe, "Birthe", "privat", "mormor")
    maria = devices.open(PHONE, "/j")
    maria.get_by_test_id("code-input").fill(f"{code[:4]} {code[4:]}")
    shot(maria, "phone-code")
    maria.get_by_test_id("code-submit").click()
    expect(maria.get_by_test_id("join-meeting-title")).to_have_text("Emil, 9 år")
    shot(maria, "phone-join-form")
    join(maria, "Maria", "privat", "faster (bor i Aarhus)", remote=True)
    shot(maria, "phone-lobby")

    expect(facilitator.locator('[data-testid^="admit-"]')).to_have_count(3)
    shot(facilitator, "facilitator-lobby")
    admit_all(facilitator, 3)
    for phone in (sara, birthe, maria):
        expect(phone.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")
    expect(screen.get_by_test_id("screen-remote")).to_contain_text("Maria")
    expect(screen.get_by_test_id("screen-in-room")).to_contain_text("Sara")

    write(sara, "works", "Jeg går selv til min læge og får hjælp.")
    write(birthe, "works", "Jeg henter Emil hver onsdag, og vi bager sammen.")
    write(maria, "next", "Emil kan ringe til mig om aftenen.")
    for view in (screen, facilitator):
        expect(card(view, "works", "min læge")).to_have_count(1)
        expect(card(view, "works", "bager sammen")).to_have_count(1)
        expect(card(view, "next", "ringe til mig")).to_have_count(1)

    # The facilitator moves Birthe's note to what must happen; every device follows.
    show_work(facilitator, "board")
    card(facilitator, "works", "bager sammen").get_by_test_id("card-move-column").select_option(
        "next"
    )
    for view in (screen, facilitator):
        expect(card(view, "next", "bager sammen")).to_have_count(1)
        expect(card(view, "works", "bager sammen")).to_have_count(0)
    birthe.get_by_test_id("tab-next").click()
    expect(card(birthe, "next", "bager sammen")).to_have_count(1)

    # Birthe loses the network, writes anyway, and the note arrives once when she is back.
    birthe.context.set_offline(True)
    expect(birthe.get_by_test_id("connection-state")).to_have_attribute("data-state", "offline")
    write(birthe, "worries", "Sara er alene om morgenen, når hun har det dårligt.")
    pending = card(birthe, "worries", "alene om morgenen")
    expect(pending).to_have_attribute("data-pending", "add")
    expect(birthe.get_by_test_id("waiting-count")).to_have_attribute("data-count", "1")
    shot(birthe, "phone-offline")
    expect(card(screen, "worries", "alene om morgenen")).to_have_count(0)
    birthe.context.set_offline(False)
    expect(birthe.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")
    for view in (screen, facilitator, birthe):
        expect(card(view, "worries", "alene om morgenen")).to_have_count(1)
    expect(card(birthe, "worries", "alene om morgenen")).not_to_have_attribute(
        "data-pending", "add"
    )

    # Sara reloads: still Sara, still admitted, her note still hers to edit.
    sara.reload()
    expect(sara.get_by_test_id("phone-hello")).to_contain_text("Sara")
    expect(sara.get_by_test_id("connection-state")).to_have_attribute("data-state", "online")
    sara.get_by_test_id("tab-works").click()
    expect(card(sara, "works", "min læge").get_by_test_id("card-edit")).to_be_visible()
    expect(card(sara, "works", "bager sammen")).to_have_count(0)

    shot(sara, "phone-board")
    shot(screen, "screen-board")
    shot(facilitator, "facilitator-board")
