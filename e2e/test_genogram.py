"""The genogram and network map in Chromium: a grandmother and an uncle add themselves from
their phones, the facilitator draws a divorce and a half-sister, the screen shows the genogram,
and three people are placed on the network map (two by keyboard buttons, one by dragging)."""

import re

from playwright.sync_api import Locator, Page, expect

from e2e.conftest import ARTIFACTS, LAPTOP, PHONE, PROJECTOR, Devices, shot, show_work
from e2e.test_meeting import admit_all, create_meeting, join


def add_person(
    page: Page,
    name: str,
    sex: str,
    born: str,
    *,
    focus: bool = False,
    household: str = "",
    network_only: bool = False,
    can_help: str = "",
) -> None:
    show_work(page, "drawings")
    form = page.get_by_test_id("person-form")
    form.get_by_test_id("person-name").fill(name)
    form.get_by_test_id("person-sex").select_option(sex)
    form.get_by_test_id("person-born").fill(born)
    if focus:
        form.get_by_test_id("person-focus").check()
    if network_only:
        form.get_by_test_id("person-network-only").check()
    form.get_by_test_id("person-household").fill(household)
    form.get_by_test_id("person-can-help").fill(can_help)
    form.get_by_test_id("person-save").click()
    expect(form.get_by_test_id("person-name")).to_have_value("")


def draw(page: Page, a: str, kind: str, b: str) -> None:
    show_work(page, "drawings")
    form = page.get_by_test_id("relation-form")
    form.get_by_test_id("relation-kind").select_option(kind)
    for side, name in (("relation-a", a), ("relation-b", b)):
        choice = form.get_by_test_id(side)
        option = choice.locator("option").filter(has_text=re.compile(f"^{name}( |$)"))
        choice.select_option(option.get_attribute("value"))
    form.get_by_test_id("relation-add").click()


def person(view: Page, svg: str, name: str) -> Locator:
    return view.get_by_test_id(svg).locator(f'[data-testid="geno-person"][data-name="{name}"]')


def x_of(view: Page, svg: str, name: str) -> int:
    return int(person(view, svg, name).get_attribute("data-x") or "0")


def test_a_family_builds_its_genogram_and_network_map(devices: Devices) -> None:
    facilitator = devices.open(LAPTOP)
    create_meeting(facilitator)
    join_url = facilitator.get_by_test_id("join-link").input_value()
    screen_url = facilitator.get_by_test_id("screen-link").get_attribute("href")
    assert screen_url
    screen = devices.open(PROJECTOR, screen_url)
    expect(screen.get_by_test_id("screen-title")).to_have_text("Emil, 9 år")

    # The facilitator starts the genogram: Emil and his parents.
    add_person(facilitator, "Emil", "male", "2017", focus=True, household="Saras hjem")
    add_person(facilitator, "Sara", "female", "1992", household="Saras hjem")
    add_person(facilitator, "Thomas", "male", "1990")
    draw(facilitator, "Sara", "married", "Thomas")
    draw(facilitator, "Sara", "biological", "Emil")
    draw(facilitator, "Thomas", "biological", "Emil")
    expect(facilitator.get_by_test_id("relation-item")).to_have_count(3)

    # A grandmother and an uncle join from their phones and add themselves.
    birthe = devices.open(PHONE, join_url)
    join(birthe, "Birthe", "privat", "mormor")
    jonas = devices.open(PHONE, join_url)
    join(jonas, "Jonas", "privat", "morbror og fodboldtræner")
    admit_all(facilitator, 2)

    birthe.get_by_test_id("kinship").select_option("mormor")
    birthe.get_by_test_id("kinship-born").fill("1964")
    birthe.get_by_test_id("kinship-can-help").fill("Morgener mandag og tirsdag")
    birthe.get_by_test_id("kinship-form").scroll_into_view_if_needed()
    shot(birthe, "genogram-phone-kinship")
    birthe.get_by_test_id("kinship-submit").click()
    expect(birthe.get_by_test_id("phone-genogram-joined")).to_contain_text("Birthe")

    jonas.get_by_test_id("kinship").select_option("morbror")
    jonas.get_by_test_id("kinship-born").fill("1996")
    jonas.get_by_test_id("kinship-can-help").fill("Fodbold og legeaftaler")
    jonas.get_by_test_id("kinship-submit").click()
    expect(jonas.get_by_test_id("phone-genogram-joined")).to_contain_text("Jonas")
    expect(person(jonas, "phone-genogram-svg", "Jonas")).to_have_count(1)

    # The facilitator: Sara and Thomas are divorced; Thomas lives with Line and their Alma.
    divorce = facilitator.get_by_test_id("relation-item").filter(has_text="Sara – Thomas")
    divorce.get_by_test_id("relation-item-kind").select_option("divorced")
    add_person(facilitator, "Line", "female", "1994", household="Thomas' hjem")
    add_person(facilitator, "Alma", "female", "2025", household="Thomas' hjem")
    draw(facilitator, "Thomas", "cohabiting", "Line")
    draw(facilitator, "Thomas", "biological", "Alma")
    draw(facilitator, "Line", "biological", "Alma")
    # A rule of the tree, refused with its message: Alma cannot be Jonas's parent.
    draw(facilitator, "Alma", "adopted", "Jonas")
    expect(facilitator.get_by_test_id("notice")).to_contain_text("født før sit barn")

    facilitator.get_by_test_id("screen-show-genogram").click()
    svg = "screen-genogram-svg"
    expect(screen.get_by_test_id(svg)).to_be_visible()
    names = ["Emil", "Sara", "Thomas", "Birthe", "Jonas", "Line", "Alma"]
    for name in names:
        expect(person(screen, svg, name)).to_have_count(1)
    expect(screen.get_by_test_id(svg).get_by_test_id("geno-person")).to_have_count(len(names))
    # The screen may still be taking in the last lines: wait for each row, then measure.
    rows = {"Birthe": 0, "Sara": 1, "Thomas": 1, "Line": 1, "Jonas": 1, "Emil": 2, "Alma": 2}
    for name, row in rows.items():
        expect(person(screen, svg, name)).to_have_attribute("data-generation", str(row))
    expect(screen.get_by_test_id(svg).locator('[data-kind="divorced"]')).to_have_count(1)
    expect(screen.get_by_test_id(svg).locator('[data-kind="cohabiting"]')).to_have_count(1)
    # One line down to each child: from a couple's middle, or from Birthe alone.
    expect(screen.get_by_test_id(svg).locator('path[data-kind="biological"]')).to_have_count(4)
    # Thomas between his former and his new partner; each child under its own parents.
    sara, thomas, line = (x_of(screen, svg, name) for name in ("Sara", "Thomas", "Line"))
    assert min(sara, line) < thomas < max(sara, line)
    assert (x_of(screen, svg, "Emil") < x_of(screen, svg, "Alma")) == (sara < line)
    expect(screen.get_by_test_id(svg).get_by_test_id("household")).to_have_count(2)
    shot(screen, "genogram-screen")

    # Nudging by keyboard is kept on the person and follows on the screen.
    gap = x_of(screen, svg, "Sara") - x_of(screen, svg, "Jonas")
    facilitator.get_by_test_id("genogram-svg").locator('[data-name="Jonas"]').focus()
    facilitator.keyboard.press("ArrowLeft")
    facilitator.keyboard.press("ArrowLeft")
    expect(person(screen, svg, "Jonas")).to_have_attribute("data-y", re.compile(r"^\d+$"))
    facilitator.wait_for_function(
        """gap => {
          const at = name => Number(document.querySelector(
            `[data-testid="genogram-svg"] [data-name="${name}"]`).dataset.x);
          return at("Sara") - at("Jonas") === gap + 20;
        }""",
        arg=gap,
    )
    screen.wait_for_function(
        """gap => {
          const at = name => Number(document.querySelector(
            `[data-testid="screen-genogram-svg"] [data-name="${name}"]`).dataset.x);
          return at("Sara") - at("Jonas") === gap + 20;
        }""",
        arg=gap,
    )

    # A phone pinches to zoom: the drawing's viewBox narrows.
    phone_svg = birthe.get_by_test_id("phone-genogram-svg")
    phone_svg.scroll_into_view_if_needed()
    wide = phone_svg.get_attribute("viewBox") or ""
    box = phone_svg.bounding_box()
    assert box
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    phone_svg.dispatch_event("pointerdown", {"pointerId": 1, "clientX": cx - 40, "clientY": cy})
    phone_svg.dispatch_event("pointerdown", {"pointerId": 2, "clientX": cx + 40, "clientY": cy})
    phone_svg.dispatch_event("pointermove", {"pointerId": 2, "clientX": cx + 120, "clientY": cy})
    phone_svg.dispatch_event("pointerup", {"pointerId": 1})
    phone_svg.dispatch_event("pointerup", {"pointerId": 2})
    expect(phone_svg).not_to_have_attribute("viewBox", wide)
    zoomed = phone_svg.get_attribute("viewBox") or ""
    assert float(zoomed.split()[2]) < float(wide.split()[2])
    shot(birthe, "genogram-phone")

    facilitator.get_by_test_id("genogram-svg").locator('[data-name="Sara"]').click()
    expect(facilitator.get_by_test_id("person-name")).to_have_value("Sara")
    facilitator.get_by_test_id("drawings-panel").scroll_into_view_if_needed()
    facilitator.screenshot(path=str(ARTIFACTS / "genogram-facilitator-edit.png"))
    facilitator.get_by_test_id("person-cancel").click()

    # The SVG download is a whole drawing.
    with facilitator.expect_download() as download:
        facilitator.get_by_test_id("drawing-download").click()
    saved = download.value.path().read_text("utf-8")
    assert saved.startswith("<?xml") and "<svg" in saved and "Birthe" in saved

    # The network map: Birthe and Jonas by the keyboard buttons, Mette by dragging.
    add_person(
        facilitator,
        "Mette",
        "female",
        "",
        network_only=True,
        can_help="Ringer, når Emil ikke er i skole",
    )
    facilitator.get_by_test_id("drawing-tab-network").click()
    birthe_row = facilitator.locator('[data-testid="network-item"]').filter(has_text="Birthe")
    birthe_row.get_by_test_id("network-closer").click()
    expect(birthe_row).to_contain_text("ring 1, Familie")
    jonas_row = facilitator.locator('[data-testid="network-item"]').filter(has_text="Jonas")
    jonas_row.get_by_test_id("network-closer").click()
    expect(jonas_row).to_contain_text("ring 1, Familie")
    jonas_row.get_by_test_id("network-further").click()
    expect(jonas_row).to_contain_text("ring 2, Familie")
    mette_row = facilitator.locator('[data-testid="network-item"]').filter(has_text="Mette")
    mette_row.get_by_test_id("network-sector").select_option("school")
    expect(mette_row).to_contain_text("ring 2, Skole og fritid")
    # Drag Mette from school (lower right) to the professionals' third ring (upper left).
    mette = facilitator.get_by_test_id("network-svg").locator('[data-name="Mette"]')
    # The map sits in the cockpit's middle panel, which scrolls inside itself.
    facilitator.get_by_test_id("network-svg").evaluate(
        "map => map.scrollIntoView({ block: 'center' })"
    )
    start = mette.locator("circle").first.bounding_box()
    map_box = facilitator.get_by_test_id("network-svg").bounding_box()
    assert start and map_box
    facilitator.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    facilitator.mouse.down()
    target_x = map_box["x"] + map_box["width"] * 0.27
    target_y = map_box["y"] + map_box["height"] * 0.27
    facilitator.mouse.move(target_x, target_y, steps=8)
    facilitator.mouse.up()
    expect(mette_row).to_contain_text(re.compile(r"ring \d, Fagpersoner"))

    facilitator.get_by_test_id("screen-show-network").click()
    network = screen.get_by_test_id("screen-network-svg")
    expect(network).to_be_visible()
    expect(network.get_by_test_id("net-person")).to_have_count(3)
    expect(network.locator('[data-name="Birthe"]')).to_have_attribute("data-ring", "1")
    expect(network.locator('[data-name="Mette"]')).to_have_attribute("data-sector", "professionals")
    expect(network).to_contain_text("Morgener mandag og tirsdag")
    # Jonas says more about what he can help with, from his phone.
    jonas.get_by_test_id("my-help").fill("Fodbold tirsdag og torsdag")
    jonas.get_by_test_id("my-help-save").click()
    expect(network).to_contain_text("Fodbold tirsdag og torsdag")
    shot(screen, "network-screen")
    shot(facilitator, "genogram-facilitator")
