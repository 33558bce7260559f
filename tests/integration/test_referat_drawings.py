"""The referat draws the genogram and the network map: the page carries what the pictures draw
as data (only who is drawn, as the facilitator may see them), loads the web build's drawing
script from its own origin with no inline script, and keeps the lists in words."""

import json
import re
from typing import Any

from .kit import Account, Clients, MeetingLinks, Server, get
from .test_cases import case_meeting, new_case

NOT_DRAWN_NOTE = "Ringer kun til skolen om fredagen"
ESCAPING_NOTE = "Bor i Aarhus </script><script>alert(1)</script>"


async def drawn(server: Server, account: Account, clients: Clients) -> MeetingLinks:
    """Emil, his parents (divorced) and his teacher on the network map; Lone added for the map
    but never placed on it, so in neither drawing, with a note of her own."""
    case_id = await new_case(server, account, "Emil, 9 år")
    links = await case_meeting(server, account, case_id, "Netværksmøde om Emil")
    facilitator = await clients.facilitator(account, links)
    for person_id, name, fields in [
        ("emil", "Emil", {"sex": "male", "born": 2017, "focus": True, "household": "mor"}),
        ("sara", "Sara", {"sex": "female", "born": 1992, "household": "mor"}),
        ("thomas", "Thomas", {"sex": "male", "born": 1990, "note": ESCAPING_NOTE}),
        ("mette", "Mette", {"in_genogram": False, "can_help": "Lektiecafé om tirsdagen"}),
        ("lone", "Lone", {"in_genogram": False, "note": NOT_DRAWN_NOTE}),
    ]:
        ack = await facilitator.intent("person.add", person_id=person_id, name=name, **fields)
        assert ack["ok"], ack
    for relation_id, kind, a, b in [
        ("r-sara-emil", "biological", "sara", "emil"),
        ("r-thomas-emil", "biological", "thomas", "emil"),
        ("r-divorce", "divorced", "sara", "thomas"),
    ]:
        ack = await facilitator.intent(
            "relation.add", relation_id=relation_id, relation_kind=kind, a=a, b=b
        )
        assert ack["ok"], ack
    for person_id, ring, sector in [("mette", 2, "school"), ("sara", 1, "family")]:
        ack = await facilitator.intent(
            "person.place", person_id=person_id, ring=ring, sector=sector
        )
        assert ack["ok"], ack
    return links


def drawing_data(page: str) -> dict[str, Any]:
    found = re.search(
        r'<script type="application/json" id="referat-drawing">(.*?)</script>', page, re.S
    )
    assert found, "no drawing data in the page"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


async def test_the_referat_page_carries_what_its_pictures_draw(
    server: Server, account: Account, clients: Clients
) -> None:
    links = await drawn(server, account, clients)
    response = await get(server, f"/r/{links.id}", account=account)
    assert response.status_code == 200, response.text
    page = response.text
    data = drawing_data(page)
    persons = {person["name"]: person for person in data["persons"]}
    assert sorted(persons) == ["Emil", "Mette", "Sara", "Thomas"]
    assert len(data["relations"]) == 3
    assert persons["Thomas"]["note"] == ESCAPING_NOTE
    # Nobody in neither drawing is in the data, nor is her note anywhere in the page.
    assert NOT_DRAWN_NOTE not in page
    # No note can end the data block or start a script of its own.
    assert "</script><script>alert" not in page
    assert 'data-figure="genogram"' in page and 'data-figure="network"' in page
    assert '<figure class="drawing-figure" role="img" aria-labelledby="r-genogram-caption"' in page
    assert '<figcaption id="r-network-caption">' in page
    # The lists stay, for the journal text and for screen readers.
    assert "<li>Sara (kvinde, f. 1992) – husstand: mor</li>" in page


async def test_the_drawing_script_is_the_builds_own_file_under_the_csp(
    server: Server, account: Account, clients: Clients
) -> None:
    links = await drawn(server, account, clients)
    response = await get(server, f"/r/{links.id}", account=account)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page = response.text
    (src,) = re.findall(r'<script type="module" src="([^"]+)"></script>', page)
    assert re.fullmatch(r"/assets/referat-[\w-]+\.js", src), src
    script = await get(server, src)
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    # Every script element either names a file or holds data; none runs inline code.
    tags = re.findall(r"<script\b[^>]*>", page)
    assert tags and all("src=" in tag or 'type="application/json"' in tag for tag in tags), tags


async def test_a_referat_without_drawings_has_no_pictures(server: Server, account: Account) -> None:
    case_id = await new_case(server, account, "Ida, 6 år")
    links = await case_meeting(server, account, case_id, "Netværksmøde om Ida")
    page = (await get(server, f"/r/{links.id}", account=account)).text
    assert "referat-drawing" not in page and "data-figure" not in page
    assert '<script type="module"' not in page
