"""Scaling over real sockets: an anonymous vote reaches nobody but the voter, live and on
resync; the screen gets the count, then the spread; the case keeps the question's history."""

import json
from typing import Any

from .kit import Account, Clients, MeetingLinks, Peer, Server, admit, get, join, person
from .test_cases import case_meeting, new_case

VOTES = {"Sara": 6, "Birthe": 3, "Mette": 7}


def upserts(peer: Peer, kind: str) -> list[dict[str, Any]]:
    """Every entity of `kind` this client holds or was ever sent live."""
    found = list(peer.replica.of(kind).values())
    for changes in [data["changes"] for name, data in peer.events if name == "changes"]:
        found += [c["entity"] for c in changes if c["type"] == "upsert"]
    return [entity for entity in found if entity["type"] == kind]


async def scaled_meeting(
    server: Server, account: Account, clients: Clients, case_id: str, title: str, values: list[int]
) -> tuple[MeetingLinks, Peer, Peer, list[Peer]]:
    links = await case_meeting(server, account, case_id, title)
    facilitator = await clients.facilitator(account, links)
    screen = await clients.screen(links)
    phones = []
    for name in list(VOTES)[: len(values)]:
        joined = await join(server, links.join_token, person(name))
        await admit(facilitator, joined)
        phones.append(await clients.phone(joined))
    ack = await facilitator.intent("scale.ask", scale_id="sikkerhed", preset="safety")
    assert ack["ok"], ack
    for number, (phone, value) in enumerate(zip(phones, values, strict=True)):
        ack = await phone.intent(
            "scale.vote", scale_id="sikkerhed", vote_id=f"stemme-{number}", value=value
        )
        assert ack["ok"], ack
    await screen.wait_for(
        lambda: screen.replica.of("scale").get("sikkerhed", {}).get("answered") == len(values),
        "the count",
    )
    return links, facilitator, screen, phones


async def test_anonymous_votes_reach_only_the_voter_and_the_case_keeps_the_history(
    server: Server, account: Account, clients: Clients
) -> None:
    case_id = await new_case(server, account, "Emil, 9 år (skalering)")
    links, facilitator, screen, phones = await scaled_meeting(
        server, account, clients, case_id, "Netværksmøde", list(VOTES.values())
    )
    sealed = screen.replica.of("scale")["sikkerhed"]
    assert sealed["status"] == "open" and sealed["results"] == []
    for peer in (facilitator, screen):
        assert upserts(peer, "vote") == []
    for phone, value in zip(phones, VOTES.values(), strict=True):
        await phone.wait_for(lambda p=phone: len(p.replica.of("vote")) == 1, "own vote")
        [own, *same] = upserts(phone, "vote")
        assert same == [own]
        assert own["value"] == value and own["voter"] == phone.welcome["participant_id"]  # type: ignore[index]

    assert (await facilitator.intent("scale.reveal", scale_id="sikkerhed"))["ok"]
    await screen.wait_for(
        lambda: screen.replica.of("scale")["sikkerhed"]["status"] == "revealed", "the reveal"
    )
    shown = screen.replica.of("scale")["sikkerhed"]
    assert shown["results"] == [{"value": 3}, {"value": 6}, {"value": 7}]
    assert shown["median"] == 6.0
    late_screen = await clients.screen(links)
    assert late_screen.replica.of("scale")["sikkerhed"]["results"] == shown["results"]
    assert upserts(late_screen, "vote") == []
    assert (await facilitator.intent("meeting.close"))["ok"]
    exported = await get(server, f"/r/{links.id}/referat.json", account=account)
    assert all(e["type"] != "vote" for e in json.loads(exported.text)["entities"])

    _, again, _, _ = await scaled_meeting(
        server, account, clients, case_id, "Opfølgningsmøde", [8, 5]
    )
    assert (await again.intent("scale.reveal", scale_id="sikkerhed"))["ok"]
    history = (await get(server, f"/api/cases/{case_id}/scaling", account=account)).json()
    [safety] = history["questions"]
    assert safety["key"] == "safety"
    assert [p["title"] for p in safety["points"]] == ["Netværksmøde", "Opfølgningsmøde"]
    assert [p["values"] for p in safety["points"]] == [[3, 6, 7], [5, 8]]
    assert [p["median"] for p in safety["points"]] == [6.0, 6.5]
    assert "participant" not in json.dumps(history)
