"""Floods over the real server: joins are throttled per address and per link, the lobby can be
turned away in one action, the join link and code can be renewed (the screen shows the new
ones at once), and a client that drops mid-request costs one log line."""

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .kit import (
    Account,
    Clients,
    Joined,
    Peer,
    Person,
    Server,
    add_facilitator,
    create_meeting,
    get,
    holm_meeting,
    intent,
    join,
    post,
    setup_first,
)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A server of this test's own: the throttles count every join made from loopback."""
    running = Server(tmp_path / "data")
    running.start()
    yield running
    running.stop()
    assert "Traceback" not in running.log(), running.log()


@pytest.fixture
def account(server: Server) -> Account:
    return setup_first(server)


def neighbour(number: int) -> Person:
    return Person(f"Nabo {number}", "privat", "nabo", False)


def from_address(number: int) -> dict[str, str]:
    """A phone on another network (the server trusts X-Forwarded-For from loopback only)."""
    return {"X-Forwarded-For": f"10.0.{number // 250}.{number % 250 + 1}"}


async def try_join(
    server: Server, join_token: str, who: Person, headers: dict[str, str] | None = None
) -> httpx.Response:
    body = {"join_token": join_token, "name": who.name, "role": who.role, "relation": who.relation}
    return await post(server, "/api/join", body, headers=headers)


async def test_joins_from_one_address_are_throttled_across_meetings(
    server: Server, account: Account
) -> None:
    first = await create_meeting(server, account, "Netværksmøde om Emil, 9 år")
    second = await create_meeting(server, account, "Netværksmøde om Liva, 4 år")
    for number in range(30):
        links = first if number < 20 else second
        answer = await try_join(server, links.join_token, neighbour(number))
        assert answer.status_code == 201, answer.text
    refused = await try_join(server, second.join_token, neighbour(31))
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert "herfra" in refused.json()["message"]
    # Another address is not held up by this one.
    other = await try_join(server, second.join_token, neighbour(32), from_address(1))
    assert other.status_code == 201, other.text


async def test_joins_through_one_link_are_throttled_and_a_renewed_link_starts_afresh(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Sara"])
    louise = meeting.facilitator
    # Sara's join was the first of the sixty this link takes in the window.
    for numbers in (range(30), range(30, 59)):
        for number in numbers:
            answer = await try_join(
                server, meeting.links.join_token, neighbour(number), from_address(number)
            )
            assert answer.status_code == 201, answer.text
        turned = await louise.intent("participant.reject_waiting")
        assert turned["ok"], turned
    refused = await try_join(server, meeting.links.join_token, neighbour(61), from_address(61))
    assert refused.status_code == 429
    assert "til mødet" in refused.json()["message"]

    renewed = await post(
        server, f"/api/meetings/{meeting.links.id}/renew-join", {}, account=account
    )
    assert renewed.status_code == 200, renewed.text
    token = renewed.json()["links"]["join_url"].split("#", 1)[1]
    fresh = await try_join(server, token, neighbour(62), from_address(62))
    assert fresh.status_code == 201, fresh.text


async def test_a_full_lobby_refuses_joins_without_counting_towards_the_meeting(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Sara"])
    for number in range(30):
        answer = await try_join(
            server, meeting.links.join_token, neighbour(number), from_address(number)
        )
        assert answer.status_code == 201, answer.text
    full = await try_join(server, meeting.links.join_token, neighbour(30), from_address(30))
    assert full.status_code == 429
    assert full.json()["say"] == "lobby.full"  # the phone says "Der venter allerede mange …"
    assert len(meeting.facilitator.replica.participants) == 2 + 30


async def test_turning_away_everyone_waiting_sends_the_lobby_away_and_keeps_the_meeting(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Sara"])
    louise, sara = meeting.facilitator, meeting.phones[0]
    waiting: list[Joined] = [
        await join(server, meeting.links.join_token, neighbour(n)) for n in range(4)
    ]
    lobby = [await clients.phone(one) for one in waiting]

    refused = await sara.intent("participant.reject_waiting")
    assert (refused["ok"], refused["code"]) == (False, "not_allowed")
    malformed = await louise.send({"type": "participant.reject_waiting", "id": ["alle"]})
    assert (malformed["ok"], malformed["code"]) == (False, "invalid")

    turned = intent("participant.reject_waiting")
    ack = await louise.send(dict(turned))
    assert ack["ok"], ack
    for peer in lobby:
        await peer.wait_for(lambda p=peer: p.disconnected, "being sent away")
        assert [g["code"] for g in peer.named("goodbye")] == ["not_allowed"]
    await sara.wait_for(lambda: sara.replica.seq == ack["seq"], "the op")
    assert set(sara.replica.participants) == {
        louise.welcome["participant_id"],
        meeting.joined[0].participant_id,
    }  # type: ignore[index]
    assert sara.sio.connected
    # A resend is answered with the same ack; an empty lobby makes no op.
    assert await louise.send(dict(turned)) == ack
    empty = await louise.intent("participant.reject_waiting")
    assert (empty["ok"], empty["seq"]) == (True, ack["seq"])
    await louise.unchanged_since(ack["seq"])
    # Their links are gone.
    again = Peer("igen")
    clients.peers.append(again)
    with pytest.raises(Exception):  # noqa: B017 - the connection is refused
        await again.connect(server, {"participant_token": waiting[0].participant_token}, {})


async def test_renewing_the_join_link_ends_the_old_link_and_code_and_updates_the_screen(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Sara"])
    screen = await clients.screen(meeting.links)
    assert screen.welcome is not None
    assert screen.welcome["links"]["join_code"] == meeting.links.join_code
    path = f"/api/meetings/{meeting.links.id}/renew-join"

    renewed = await post(server, path, {}, account=account)
    assert renewed.status_code == 200, renewed.text
    links: dict[str, Any] = renewed.json()["links"]
    assert links["join_code"] != meeting.links.join_code
    assert links["join_url"] != meeting.links.join_url
    assert links["screen_url"] == meeting.links.screen_url
    await screen.wait_for(
        lambda: (
            screen.welcome is not None
            and screen.welcome["links"]["join_code"] == links["join_code"]
        ),
        "the new join code on the screen",
    )
    assert screen.welcome["links"]["join_url"] == links["join_url"]
    assert screen.sio.connected and meeting.phones[0].sio.connected
    shown = await get(server, f"/api/meetings/{meeting.links.id}", account=account)
    assert shown.json()["links"]["join_code"] == links["join_code"]

    old = await post(server, "/api/join/info", {"join_token": meeting.links.join_token})
    assert old.status_code == 404
    assert (await try_join(server, meeting.links.join_token, neighbour(1))).status_code == 404
    old_code = await post(server, "/api/join/code", {"code": meeting.links.join_code})
    assert old_code.status_code == 404
    new_code = await post(server, "/api/join/code", {"code": links["join_code"]})
    assert new_code.status_code == 200
    assert new_code.json()["join_token"] == links["join_url"].split("#", 1)[1]
    # Renewing again (a double click) renews again: only the newest works.
    twice = await post(server, path, {}, account=account)
    assert twice.status_code == 200
    assert (await try_join(server, new_code.json()["join_token"], neighbour(2))).status_code == 404
    newest = twice.json()["links"]["join_url"].split("#", 1)[1]
    assert (await try_join(server, newest, neighbour(3))).status_code == 201


async def test_renewing_the_join_link_refuses_others_and_bad_requests(
    server: Server, account: Account
) -> None:
    meeting = await create_meeting(server, account)
    path = f"/api/meetings/{meeting.id}/renew-join"
    other = await add_facilitator(server, "mads@kommune.example", "Mads")
    assert (await post(server, path, {})).status_code == 403
    assert (await post(server, path, {}, account=other)).status_code == 404
    cross_site = await post(server, path, {}, account=account, headers={"Origin": "https://x.dk"})
    assert cross_site.status_code == 403
    assert (await post(server, path, [1], account=account)).status_code == 400
    huge = await post(server, path, {"x": "y" * 20_000}, account=account)
    assert huge.status_code == 413
    missing = await post(server, f"/api/meetings/{'x' * 30}/renew-join", {}, account=account)
    assert missing.status_code == 404
    # Nothing of it changed the link.
    assert (await try_join(server, meeting.join_token, neighbour(1))).status_code == 201


async def test_a_client_that_drops_mid_request_writes_one_short_log_line(
    server: Server, account: Account
) -> None:
    meeting = await create_meeting(server, account)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    body = f'{{"join_token": "{meeting.join_token}", "name": "Sara"'.encode()
    writer.write(
        f"POST /api/join HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n".encode()
        + f"Origin: {server.url}\r\nContent-Type: application/json\r\n".encode()
        + b"Content-Length: 4000\r\n\r\n"
        + body
    )
    await writer.drain()
    await asyncio.sleep(0.2)
    writer.close()
    await writer.wait_closed()
    for _ in range(50):
        if "went away" in server.log():
            break
        await asyncio.sleep(0.1)
    lines = [line for line in server.log().splitlines() if "went away" in line]
    assert len(lines) == 1, server.log()
    assert len(lines[0]) < 200
    assert "Traceback" not in server.log()
    del reader
    # The server carries on.
    assert (await try_join(server, meeting.join_token, neighbour(1))).status_code == 201


async def test_a_polling_client_that_drops_mid_request_writes_one_short_log_line(
    server: Server,
) -> None:
    async with httpx.AsyncClient(base_url=server.url) as http:
        opened = await http.get("/socket.io/?EIO=4&transport=polling")
    sid = json.loads(opened.text[1:])["sid"]
    _, writer = await asyncio.open_connection("127.0.0.1", server.port)
    cut = b'40{"meeting_id":"x"}\x1e'  # a second packet was on its way
    writer.write(
        f"POST /socket.io/?EIO=4&transport=polling&sid={sid} HTTP/1.1\r\n".encode()
        + f"Host: 127.0.0.1:{server.port}\r\nContent-Type: text/plain\r\n".encode()
        + b"Content-Length: 4000\r\n\r\n"
        + cut
    )
    await writer.drain()
    await asyncio.sleep(0.2)
    writer.close()
    await writer.wait_closed()
    for _ in range(50):
        if "could not be read" in server.log():
            break
        await asyncio.sleep(0.1)
    lines = [line for line in server.log().splitlines() if "could not be read" in line]
    assert len(lines) == 1, server.log()
    assert len(lines[0]) < 250
    assert "Traceback" not in server.log()
