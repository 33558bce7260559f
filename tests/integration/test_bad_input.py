"""Nothing a client sends can change what it may not: every refusal has its code, and the
meeting is exactly as it was afterwards."""

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import socketio

from .kit import (
    TLS,
    Account,
    Clients,
    Joined,
    MeetingLinks,
    Peer,
    Server,
    add_card,
    add_facilitator,
    card_id,
    holm_meeting,
    intent,
    notes_by,
    op_id,
    post,
    setup_first,
)


@dataclass
class Board:
    """Louise's meeting with Sara and Mette on their phones, a note from each, and the screen."""

    links: MeetingLinks
    louise: Peer
    sara: Peer
    mette: Peer
    screen: Peer
    joined: list[Joined]
    sara_card: str
    mette_card: str
    seq: int

    async def assert_unchanged(self) -> None:
        """Nothing happened since the board was set: no op, and no change reached anyone."""
        await self.louise.unchanged_since(self.seq)
        for peer in (self.louise, self.sara, self.mette, self.screen):
            assert peer.replica.seq == self.seq, f"{peer.label} saw a change"


@pytest.fixture
async def board(server: Server, account: Account, clients: Clients) -> Board:
    meeting = await holm_meeting(server, account, clients, ["Sara", "Mette"])
    sara, mette = meeting.phones
    screen = await clients.screen(meeting.links)
    sara_card, mette_card = card_id(), card_id()
    assert (await sara.add_note(notes_by("Sara")[1], card=sara_card))["ok"]
    last = await mette.add_note(notes_by("Mette")[0], card=mette_card)
    assert last["ok"]
    for peer in (meeting.facilitator, sara, mette, screen):
        await peer.wait_for(lambda p=peer: p.replica.seq == last["seq"], "the board")
    return Board(
        meeting.links,
        meeting.facilitator,
        sara,
        mette,
        screen,
        meeting.joined,
        sara_card,
        mette_card,
        last["seq"],
    )


def _card_add(**fields: Any) -> dict[str, Any]:
    made = {"type": "card.add", "id": op_id(), "card_id": card_id(), "column": "works"}
    return {**made, "text": "Emil elsker fodbold.", **fields}


MALFORMED: dict[str, Any] = {
    "a string": "Emil elsker fodbold.",
    "a list": [_card_add()],
    "a number": 42,
    "no argument": None,
    "two arguments": (_card_add(), _card_add()),
    "unknown type": _card_add(type="card.burn"),
    "no type": {k: v for k, v in _card_add().items() if k != "type"},
    "missing fields": {"type": "card.add", "id": op_id()},
    "text not a string": _card_add(text=42),
    "unknown column": _card_add(column="kaffe"),
    "on not a boolean": {"type": "meeting.auto_admit", "id": op_id(), "on": "ja"},
    "id too short": _card_add(id="kort"),
    "id too long": _card_add(id="x" * 65),
    "id with spaces": _card_add(id="op id med mellemrum"),
    "id not a string": _card_add(id=12345678),
    "card id with a slash": _card_add(card_id="../kort"),
    "card id too long": _card_add(card_id="k" * 41),
    "huge number": _card_add(text=10**40),
}


async def test_malformed_intents_are_invalid_and_change_nothing(board: Board) -> None:
    answers = {
        name: await board.sara.call("intent", payload) for name, payload in MALFORMED.items()
    }
    assert {name: ack["code"] for name, ack in answers.items()} == dict.fromkeys(
        MALFORMED, "invalid"
    )
    for name, payload in MALFORMED.items():
        if isinstance(payload, dict) and isinstance(payload.get("id"), str):
            assert answers[name]["id"] == payload["id"][:64], name
    await board.assert_unchanged()


async def test_malformed_hellos_are_invalid(board: Board) -> None:
    payloads = {"text": {"last_seq": "nul"}, "list": [0], "none": None, "two": ({}, {})}
    answers = {name: await board.sara.call("hello", payload) for name, payload in payloads.items()}
    assert {name: answer.get("code") for name, answer in answers.items()} == dict.fromkeys(
        payloads, "invalid"
    )
    await board.assert_unchanged()


async def test_notes_over_500_characters_are_too_large_and_change_nothing(board: Board) -> None:
    text = "Emil kommer for sent i skole, fordi morgenerne er svære. " * 400
    tries = {
        (kind, length): intent(kind, card_id=board.sara_card, text=text[:length])
        if kind == "card.edit"
        else add_card(text[:length], "worries")
        for kind in ("card.add", "card.edit")
        for length in (501, 20_000)
    }
    answers = {key: (await board.sara.send(made))["code"] for key, made in tries.items()}
    assert answers == dict.fromkeys(tries, "too_large")
    await board.assert_unchanged()
    at_the_limit = [
        add_card(text[:500], "worries"),
        intent("card.edit", card_id=board.sara_card, text=text[:500]),
    ]
    assert all(ack["ok"] for ack in await board.sara.send_patiently(at_the_limit))


async def test_socket_message_over_64_kb_closes_that_connection_and_harms_nothing(
    server: Server, board: Board, clients: Clients
) -> None:
    huge = "Emil kommer for sent i skole. " * 2400
    with pytest.raises(ConnectionError):
        await board.sara.add_note(huge)
    await board.sara.wait_for(lambda: board.sara.disconnected, "the connection closed")

    async with httpx.AsyncClient() as http:
        assert (await http.get(f"{server.url}/healthz")).text == "ok"
    await board.assert_unchanged()
    ack = await board.mette.add_note(notes_by("Mette")[1])
    assert ack["ok"]
    back = await clients.phone(board.joined[0])
    assert back.replica.seq == ack["seq"]
    assert huge.strip() not in {card["text"] for card in back.replica.cards.values()}
    assert "Traceback" not in server.log()


async def test_unauthorised_intents_are_not_allowed_and_change_nothing(
    server: Server, board: Board, clients: Clients, account: Account
) -> None:
    elsewhere = await holm_meeting(server, account, clients, ["Thomas"], title="Møde om Alma")
    thomas = elsewhere.phones[0]
    mette_id = board.joined[1].participant_id
    cases: list[tuple[str, Peer, dict[str, Any], str]] = [
        (
            "phone moves a note",
            board.sara,
            intent("card.move", card_id=board.sara_card, column="next"),
            "not_allowed",
        ),
        (
            "phone edits someone else's note",
            board.sara,
            intent("card.edit", card_id=board.mette_card, text="Det passer ikke."),
            "not_allowed",
        ),
        (
            "phone deletes someone else's note",
            board.sara,
            intent("card.delete", card_id=board.mette_card),
            "not_allowed",
        ),
        (
            "phone admits",
            board.sara,
            intent("participant.admit", participant_id=mette_id),
            "not_allowed",
        ),
        (
            "phone sends someone away",
            board.sara,
            intent("participant.reject", participant_id=mette_id),
            "not_allowed",
        ),
        (
            "phone turns on auto-admit",
            board.sara,
            intent("meeting.auto_admit", on=True),
            "not_allowed",
        ),
        ("screen adds a note", board.screen, add_card(notes_by("Sara")[0]), "not_allowed"),
        (
            "screen sends someone away",
            board.screen,
            intent("participant.reject", participant_id=mette_id),
            "not_allowed",
        ),
        (
            "phone of another meeting edits a note here",
            thomas,
            intent("card.edit", card_id=board.sara_card, text="Forkert møde."),
            "not_found",
        ),
        (
            "phone of another meeting deletes a note here",
            thomas,
            intent("card.delete", card_id=board.mette_card),
            "not_found",
        ),
        (
            "facilitator of another meeting moves a note here",
            elsewhere.facilitator,
            intent("card.move", card_id=board.sara_card, column="next"),
            "not_found",
        ),
        (
            "facilitator of another meeting sends someone away here",
            elsewhere.facilitator,
            intent("participant.reject", participant_id=mette_id),
            "not_found",
        ),
    ]
    answers = {name: (await peer.send(made)).get("code") for name, peer, made, _ in cases}
    assert answers == {name: code for name, _, _, code in cases}
    await board.assert_unchanged()


async def test_connections_without_a_valid_capability_are_refused(
    server: Server, board: Board, clients: Clients
) -> None:
    other = await add_facilitator(server, "mads.kjaer@kommune.example", "Mads Kjær")
    bogus_cookie = {"Cookie": "kreds_session=" + "x" * 43}
    cases: list[tuple[str, dict[str, Any], dict[str, str], str]] = [
        ("bogus participant token", {"participant_token": "A" * 43}, {}, "not_found"),
        ("bogus screen token", {"screen_token": "A" * 43}, {}, "not_found"),
        (
            "a join token as a screen token",
            {"screen_token": board.links.join_token},
            {},
            "not_found",
        ),
        ("no capability", {}, {}, "not_allowed"),
        ("unknown field", {"admin": True}, {}, "invalid"),
        ("meeting id without a session", {"meeting_id": board.links.id}, {}, "not_allowed"),
        (
            "meeting id with a bogus session",
            {"meeting_id": board.links.id},
            bogus_cookie,
            "not_allowed",
        ),
        (
            "another facilitator's meeting",
            {"meeting_id": board.links.id},
            other.cookie,
            "not_allowed",
        ),
    ]
    refused = {}
    for name, auth, headers, _ in cases:
        peer = Peer(name)
        clients.peers.append(peer)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await peer.connect(server, auth, headers)
        refused[name] = (peer.refused or {}).get("message")
        assert peer.events == [], f"{name}: received {peer.events}"
    assert refused == {name: code for name, _, _, code in cases}
    await board.assert_unchanged()


async def test_duplicate_intents_are_answered_and_change_nothing(board: Board) -> None:
    made = add_card(notes_by("Sara")[0])
    first = await board.sara.send(made)
    await board.louise.wait_for(lambda: board.louise.replica.seq == first["seq"], "the note")
    board.seq = first["seq"]

    again = await board.sara.send(made)
    same_card = await board.sara.add_note("Jeg går til min læge hver uge.", card=made["card_id"])
    admitted_again = await board.louise.intent(
        "participant.admit", participant_id=board.joined[0].participant_id
    )

    assert again == first
    assert (same_card["ok"], same_card["code"]) == (False, "conflict")
    assert admitted_again == {"id": admitted_again["id"], "ok": True, "seq": board.seq}
    await board.assert_unchanged()


async def test_cpr_numbers_in_notes_are_refused(board: Board) -> None:
    answers = {}
    for cpr in ("120392-1234", "1203921234", "120392 1234"):
        added = await board.sara.add_note(f"Emils mor har CPR {cpr}, hvis det skal bruges.")
        edited = await board.sara.intent(
            "card.edit", card_id=board.sara_card, text=f"Sara ({cpr}) har det svært om morgenen."
        )
        answers[cpr] = (added["code"], edited["code"])
    assert answers == dict.fromkeys(answers, ("cpr_detected", "cpr_detected"))
    await board.assert_unchanged()


async def test_cpr_number_in_a_name_is_refused_at_the_door(server: Server, board: Board) -> None:
    body = {"join_token": board.links.join_token, "name": "Hanne 010160-1234", "role": "privat"}
    response = await post(server, "/api/join", body)
    assert (response.status_code, response.json()["code"]) == (422, "cpr_detected")
    await board.assert_unchanged()


async def test_numbers_that_are_not_cpr_numbers_are_kept(board: Board) -> None:
    texts = [
        "Fraværet er 18 % i år, og Emil kommer for sent 2-3 dage om ugen.",
        "Ring til skolen på 12345678 før kl. 8.",
        "Mødet er den 12.03.2025 kl. 14-16.",
    ]
    acks = [await board.sara.add_note(text) for text in texts]
    assert all(ack["ok"] for ack in acks), acks


# -- rate limiting -----------------------------------------------------------------------------


async def test_flood_from_one_phone_is_rate_limited_while_another_phone_is_not(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Jonas", "Hanne"])
    jonas, hanne = meeting.phones
    flood = [add_card(f"Emil scorede {n} mål til træning i går.", "works") for n in range(90)]
    calm = [add_card(f"Jeg ser Emil i haven {n} gange om ugen.", "works") for n in range(10)]

    started = time.monotonic()
    flooded, unaffected = await asyncio.gather(
        asyncio.gather(*(jonas.send(made) for made in flood)),
        asyncio.gather(*(hanne.send(made) for made in calm)),
    )
    # Bursts of 30 and 10 a second; Jonas' hello took one.
    allowed = 30 + 10 * (time.monotonic() - started)

    codes = [ack.get("code") for ack in flooded]
    accepted = [made for made, ack in zip(flood, flooded, strict=True) if ack["ok"]]
    assert set(codes) == {None, "rate_limited"}
    assert 29 <= len(accepted) <= allowed, f"{len(accepted)} of 90 accepted, {allowed:.0f} allowed"
    assert all(ack["ok"] for ack in unaffected), unaffected
    louise = meeting.facilitator
    last = max(ack["seq"] for ack in [*flooded, *unaffected] if ack["ok"])
    await louise.wait_for(lambda: louise.replica.seq == last, "the accepted notes")
    jonas_id = meeting.joined[0].participant_id
    mine = {c["id"] for c in louise.replica.cards.values() if c["author"] == jonas_id}
    assert mine == {made["card_id"] for made in accepted}

    # The bucket refills: Jonas can write again after a pause.
    later = await jonas.send_patiently([add_card(notes_by("Jonas")[0])])
    assert later[0]["ok"]


async def test_reconnecting_does_not_reset_the_rate_limit(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Jonas"])
    louise, phone = meeting.facilitator, meeting.phones[0]
    jonas_id = meeting.joined[0].participant_id
    started = time.monotonic()
    accepted = 0
    for attempt in range(3):
        floods = (phone.add_note(f"Mål nr. {attempt}.{n}") for n in range(35))
        accepted += sum(ack["ok"] for ack in await asyncio.gather(*floods))
        await phone.close()
        await louise.wait_for(lambda: jonas_id not in louise.online, "Jonas offline")
        phone = await clients.phone(meeting.joined[0], sync=False)

    # A token bucket lets through at most its burst plus its rate over the time taken.
    allowed = 30 + 10 * (time.monotonic() - started)
    assert accepted <= allowed + 1, f"{accepted} accepted from three floods, {allowed:.0f} allowed"


@pytest.fixture
async def noisy_server(tmp_path: Path) -> AsyncIterator[tuple[Server, Clients]]:
    """A server of its own, whose log is not checked: python-socketio logs a traceback for
    every packet it cannot decode (and drops the packet)."""
    running = Server(tmp_path / "data")
    await asyncio.to_thread(running.start)
    crowd = Clients(running)
    yield running, crowd
    await crowd.close()
    await asyncio.to_thread(running.stop)


async def test_undecodable_socket_packets_harm_nothing(
    noisy_server: tuple[Server, Clients],
) -> None:
    server, clients = noisy_server
    account = await asyncio.to_thread(setup_first, server)
    meeting = await holm_meeting(server, account, clients, ["Jonas", "Hanne"])
    jonas, hanne = meeting.phones
    garbage = [
        '2["intent",{"type": "card.add", "id": ',  # cut off
        '42["intent"',  # not a packet type
        "9",  # nor this
        '2["intent",' + "[" * 5000 + "]" * 5000 + "]",  # nested beyond any decoder's depth
        '2["hello",{"last_seq": 1e999}]',
    ]
    for packet in garbage:
        await jonas.sio.eio.send(packet)

    ack = await hanne.add_note("Jeg ser Emil i haven næsten hver dag.")
    assert ack["ok"]
    async with httpx.AsyncClient(verify=TLS) as http:
        assert (await http.get(f"{server.url}/healthz")).text == "ok"
    await meeting.facilitator.wait_for(
        lambda: meeting.facilitator.replica.seq == ack["seq"], "Hanne's note"
    )
    await meeting.facilitator.unchanged_since(ack["seq"])
    assert len(meeting.facilitator.replica.cards) == 1
