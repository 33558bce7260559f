"""A live server under garbage over its socket: Engine.IO and Socket.IO framing written by hand
(bad JSON, wrong packet types, binary, huge, deep, unknown namespaces, events before connect,
acks without ids) and well-formed but wrong events from python-socketio. After each batch the
server is alive, a normal client still works, the meeting is byte for byte as it was, and
every answer to an intent is an Ack with a known code."""

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, get_args

import aiohttp
import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared_schema import ErrorCode
from tests.chaos.outbox import state_hash
from tests.integration.kit import (
    TLS,
    WAIT,
    Account,
    Clients,
    Meeting,
    Server,
    add_card,
    card_id,
    holm_meeting,
    intent,
    notes_by,
)

from .budget import examples, json_values

CODES = set(get_args(ErrorCode))


class RawSocket:
    """One websocket speaking Engine.IO v4 and Socket.IO v5 by hand."""

    def __init__(self, http: aiohttp.ClientSession, server: Server) -> None:
        self.http = http
        self.url = server.url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.received: list[str | bytes] = []

    async def open(self, cookie: str | None = None) -> None:
        headers = {"Cookie": cookie} if cookie else {}
        self.ws = await self.http.ws_connect(self.url, headers=headers, max_msg_size=0)
        opening = await self.next()
        assert isinstance(opening, str) and opening.startswith("0{"), opening

    async def next(self, within: float = WAIT) -> str | bytes | None:
        """The next frame from the server, answering its pings; None once it closed (or sent
        Engine.IO's close packet, after which a client closes)."""
        assert self.ws is not None
        while True:
            message = await self.ws.receive(within)
            if message.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY):
                if message.data == "2":
                    await self.ws.send_str("3")
                    continue
                if message.data == "1":
                    return None
                self.received.append(message.data)
                return message.data  # type: ignore[no-any-return]
            return None

    async def join(self, auth: dict[str, Any]) -> bool:
        """CONNECT to the main namespace with a capability: True once connected, False when
        the server closed the socket instead."""
        await self.send("40" + json.dumps(auth))
        while True:
            frame = await self.next()
            if frame is None:
                return False
            if isinstance(frame, str) and frame.startswith("40{"):
                return True
            assert not (isinstance(frame, str) and frame.startswith("44")), frame

    async def send(self, frame: str | bytes) -> bool:
        """Send one frame; False when the server has already closed the socket."""
        assert self.ws is not None
        if self.ws.closed:
            return False
        try:
            if isinstance(frame, bytes):
                await self.ws.send_bytes(frame)
            else:
                await self.ws.send_str(frame)
        except (ConnectionError, aiohttp.ClientError):
            return False
        return True

    async def probe(self) -> list[Any]:
        """Ask `hello` with ack id 999 and wait for its answer or the close. Events are run
        in order of arrival, so whatever was sent before has been handled by then. Returns
        the data of every ack packet received meanwhile."""
        if await self.send('42999["hello",{"last_seq":0}]'):
            while True:
                frame = await self.next()
                if frame is None or (isinstance(frame, str) and frame.startswith("43999")):
                    break
        acks = []
        for frame in self.received:
            if isinstance(frame, str) and frame.startswith("43") and not frame.startswith("43999"):
                acks.append(json.loads(frame[2:].lstrip("0123456789")))
        return acks

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


@dataclass
class Target:
    """The meeting the garbage is aimed at, and how to tell that nothing happened to it."""

    server: Server
    account: Account
    meeting: Meeting
    seq: int
    hash: str

    async def assert_unharmed(self, clients: Clients) -> None:
        async with httpx.AsyncClient(verify=TLS) as http:
            assert (await http.get(f"{self.server.url}/healthz", timeout=WAIT)).text == "ok"
        louise = await clients.facilitator(self.account, self.meeting.links)
        assert (louise.replica.seq, state_hash(louise.replica)) == (self.seq, self.hash)
        # Thomas: the garbage came from Sara's phone, and may have used up her rate limit.
        phone = await clients.phone(self.meeting.joined[1])
        assert phone.replica.seq == self.seq, "a normal phone still syncs"
        await louise.close()
        await phone.close()


@pytest.fixture
async def target(server: Server, account: Account, clients: Clients) -> Target:
    meeting = await holm_meeting(server, account, clients, ["Sara", "Thomas"], template="loeft")
    for phone, joined in zip(meeting.phones, meeting.joined, strict=True):
        for note in notes_by(joined.person.name)[:2]:
            assert (await phone.add_note(note))["ok"]
    louise = await clients.facilitator(account, meeting.links)
    assert louise.replica.seq is not None
    return Target(server, account, meeting, louise.replica.seq, state_hash(louise.replica))


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def _ack_ok(answer: Any) -> None:
    """An answer to an intent: a refusing Ack with a known code (never an accepted one)."""
    assert isinstance(answer, list) and len(answer) == 1, answer
    ack = answer[0]
    assert ack["ok"] is False and ack["code"] in CODES, ack
    assert isinstance(ack["id"], str) and isinstance(ack["message"], str), ack


INTENT = json.dumps(["intent", {"type": "card.add", "id": "x"}])
DEEP = "[" * 100_000 + "]" * 100_000
Frames = str | bytes | tuple[str | bytes, ...]
MALFORMED: dict[str, list[Frames]] = {
    "empty frame": [""],
    "engine.io type letters": ["x", "xyz", "?"],
    "engine.io type out of range": ["7", "9", "99"],
    "client ping, pong, upgrade, noop": ["2", "3", "5", "6"],
    "client close": ["1", "10null"],
    "socket.io type out of range": ["47", "48", "49", "4x", "4-"],
    "truncated json": ['42["intent",{"type":"card.add"', "42[", '42{"a":', "42]"],
    "not a list": ['42{"type":"card.add"}', '42"intent"', "421", "42null", "42true"],
    "empty and odd event names": ["42[]", "42[1]", "42[null]", "42[[1]]", '42[{"a":1}]', "42[1.5]"],
    "reserved and unknown events": ['42["connect"]', '42["disconnect"]', '42["burn",1]'],
    "acks without ids": ["43", "43[]", '43["x"]', "431", "43null", '4312345["x"]'],
    "id too long": ["42" + "1" * 120 + INTENT[0:20]],
    "connect again, disconnect odd": ["40", '40{"admin":true}', "40[1]", "41x", "44", '44{"a":1}'],
    "binary without attachments": [
        "450-" + INTENT,
        ("451-" + INTENT, b"\x00"),
        "46",
        ("461-[]", b""),
    ],
    "binary attachments that do not fit": [
        ('451-["intent",{"_placeholder":true,"num":7}]', b"\x00\x01"),
        ('451-["intent",{"_placeholder":true,"num":"x"}]', b"\x00"),
        ("450-" + INTENT, "42[]"),
    ],
    "a binary event waiting for attachments (the probe would be taken for one)": [
        "452-" + INTENT,
        "461-[]",
    ],
    "many attachments": ["45" + "9" * 12 + "-" + INTENT, "4" + "9" * 12 + "-" + INTENT],
    "bare binary frames": [b"", b"\x00", b"\xff" * 100],
    "base64 binary": ["bAAEC", "b!!!"],
    "unknown namespaces": ["40/admin,", '42/admin,["intent",{}]', "4/,", "40/a?b=1,{}"],
    "invalid json values": ["42[NaN]", "42[1e99999]", '42["intent",{"text":"\\ud800"}]'],
    "huge numbers": ["42[" + "9" * 5000 + "]", '42["hello",{"last_seq":' + "9" * 400 + "}]"],
    "deep nesting": ["42" + DEEP, "4" + DEEP, "40" + DEEP],
}
BEFORE_CONNECT: list[str] = ['420["intent",{}]', '42["hello",{}]', "43", '451-["intent"]']


async def _one_batch(
    http: aiohttp.ClientSession, target: Target, frames: list[str | bytes], name: str = ""
) -> None:
    """Send the frames on a connection of their own and check what comes back; a failure names
    the frames."""
    try:
        await asyncio.wait_for(_send_batch(http, target, frames), WAIT * 2)
    except (AssertionError, TimeoutError) as failure:
        raise AssertionError(f"{name} {str(frames)[:300]}: {failure!r}") from None


async def _send_batch(
    http: aiohttp.ClientSession, target: Target, frames: list[str | bytes]
) -> None:
    raw = RawSocket(http, target.server)
    await raw.open()
    try:
        assert await raw.join({"participant_token": target.meeting.joined[0].participant_token})
        for frame in frames:
            await raw.send(frame)
        for answer in await raw.probe():
            _ack_ok(answer)
    finally:
        await raw.close()


async def test_malformed_packets_are_dropped_and_harm_nothing(
    target: Target, clients: Clients, http: aiohttp.ClientSession
) -> None:
    # A malformed packet closes its connection: each goes on a connection of its own.
    for name, frames in MALFORMED.items():
        for frame in frames:
            batch = list(frame) if isinstance(frame, tuple) else [frame]
            await _one_batch(http, target, batch, name)
    await target.assert_unharmed(clients)


async def test_events_before_connect_and_oversized_frames_harm_nothing(
    target: Target, clients: Clients, http: aiohttp.ClientSession
) -> None:
    token = target.meeting.joined[0].participant_token
    for frame in BEFORE_CONNECT:
        raw = RawSocket(http, target.server)
        await raw.open()
        await raw.send(frame)
        # Ignored, or the connection closed for it; never answered.
        if await raw.join({"participant_token": token}):
            assert await raw.probe() == []
        await raw.close()

    huge = RawSocket(http, target.server)
    await huge.open()
    assert await huge.join({"participant_token": token})
    note = json.dumps(add_card("Emil kommer for sent. " * 4000))
    await huge.send(f'421["intent",{note}]')
    assert await huge.next() is None, "a frame over 64 kB closes the connection"
    await target.assert_unharmed(clients)


frames = st.one_of(
    json_values.map(lambda value: "42" + json.dumps(["intent", value])),
    json_values.map(lambda value: "421" + json.dumps(["intent", value])),
    json_values.map(lambda value: "42" + json.dumps(value)),
    st.tuples(st.sampled_from("0123456789xb"), st.sampled_from("0123456789-/ ["), json_values).map(
        lambda parts: parts[0] + parts[1] + json.dumps(parts[2])
    ),
    st.text(max_size=200),
    st.binary(max_size=200),
).filter(lambda frame: not (isinstance(frame, str) and frame.startswith("41")))
"""Any frame but a namespace DISCONNECT, after which the probe rightly gets no answer."""


async def test_generated_frames_are_answered_or_dropped_and_harm_nothing(
    target: Target, clients: Clients, http: aiohttp.ClientSession
) -> None:
    batches: list[list[str | bytes]] = []

    @examples(short=40, long=2_000)
    @given(st.lists(frames, min_size=1, max_size=8))
    def collect(batch: list[str | bytes]) -> None:
        batches.append(batch)

    # In a thread: thousands of examples take long to draw, and the connected clients must go
    # on answering the server's pings meanwhile.
    await asyncio.to_thread(collect)
    for batch in batches:
        await _one_batch(http, target, batch)
    await target.assert_unharmed(clients)


async def test_wrong_events_from_a_real_client_are_refused_and_harm_nothing(
    server: Server, account: Account, target: Target, clients: Clients
) -> None:
    sara = await clients.phone(target.meeting.joined[0])
    elsewhere = await holm_meeting(server, account, clients, ["Jonas"], title="Møde om Alma")
    jonas = elsewhere.phones[0]
    here = target.meeting.facilitator.replica
    card = next(iter(here.cards))
    thomas_id = target.meeting.joined[1].participant_id
    answers: list[Any] = []

    @examples(short=60, long=3_000)
    @given(st.lists(json_values, min_size=1, max_size=3), st.sampled_from(["intent", "hello"]))
    def collect(args: list[Any], event: str) -> None:
        answers.append((event, tuple(args)))

    await asyncio.to_thread(collect)  # as above: the clients keep answering pings
    replies = []
    for event, args in answers:
        # python-socketio sends a tuple as several arguments.
        replies.append((event, await sara.call(event, args if len(args) > 1 else args[0])))
    for event, reply in replies:
        if event == "intent" or "ok" in reply:
            _ack_ok([reply])
        else:
            assert set(reply) <= {"seq", "ops", "snapshot"}, reply

    # Events nobody handles get no answer and change nothing; the connection carries on.
    for name in ("burn", "changes", "welcome", "Intent", "intent " * 20):
        await sara.sio.emit(name, {"type": "card.delete", "id": "op-12345678", "card_id": card})
    # A phone of another meeting naming this meeting's notes and people finds nothing.
    others = [
        intent("card.edit", card_id=card, text="Forkert møde."),
        intent("card.delete", card_id=card),
        intent("participant.admit", participant_id=thomas_id),
        intent("participant.reject", participant_id=thomas_id),
    ]
    for made in others:
        _ack_ok([await jonas.send(made)])
    # A flood: refused with rate_limited beyond the burst, every answer an Ack.
    flood = [intent("card.edit", card_id=card_id(), text=f"Nr. {n}") for n in range(60)]
    acks = await asyncio.gather(*(sara.send(made) for made in flood))
    for ack in acks:
        _ack_ok([ack])
    assert {ack["code"] for ack in acks} >= {"rate_limited"}
    await target.assert_unharmed(clients)
