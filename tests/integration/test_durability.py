"""Durable before visible: kill -9 loses no acknowledged edit, SIGTERM drains and snapshots,
and people sent away stay away. Each test has a server of its own, which it stops."""

import asyncio
import copy
import signal
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import socketio

from .kit import (
    NOTES,
    Account,
    Clients,
    Joined,
    Meeting,
    Peer,
    Server,
    add_card,
    holm_meeting,
    intent,
    notes_by,
    setup_first,
)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A server of this test's own (instead of the module's): these tests stop it."""
    running = Server(tmp_path / "data")
    running.start()
    yield running
    running.stop()
    assert "Traceback" not in running.log(), running.log()


@pytest.fixture
def account(server: Server) -> Account:
    return setup_first(server)


async def _restart(server: Server) -> None:
    # In a thread, so that the clients' event loop keeps answering while the process starts.
    await asyncio.to_thread(server.start)


async def _resume(clients: Clients, old: Peer, meeting: Meeting) -> tuple[Peer, dict[str, Any]]:
    """A new screen connection that carries on from what `old` had seen."""
    peer = await clients.screen(meeting.links, sync=False)
    peer.replica = copy.deepcopy(old.replica)
    return peer, await peer.hello()


# -- kill -9 -----------------------------------------------------------------------------------

BURST = 1000
KILL_AFTER = 450
PHONES = ["Sara", "Thomas", "Birthe", "Jonas"]
WINDOW = 8
"""Intents each client keeps in flight at once."""


class Burst:
    """Clients sending notes at once, each a few in flight; optionally the server is killed
    as soon as `kill_after` of them are acknowledged."""

    def __init__(self, server: Server, kill_after: int | None) -> None:
        self.server = server
        self.kill_after = kill_after
        self.acked: dict[str, dict[str, Any]] = {}
        self.refused: list[dict[str, Any]] = []
        self.killed_at: int | None = None

    async def write(self, peer: Peer, intents: list[dict[str, Any]]) -> None:
        window = asyncio.Semaphore(WINDOW)

        async def one(made: dict[str, Any]) -> None:
            async with window:
                for _ in range(100):
                    try:
                        ack = await peer.send(made)
                    except (ConnectionError, TimeoutError, socketio.exceptions.SocketIOError):
                        return  # the server is gone: this one stays unacknowledged
                    if ack.get("code") != "rate_limited":
                        break
                    await asyncio.sleep(0.1)
                if not ack["ok"]:
                    self.refused.append(ack)
                    return
                self.acked[made["id"]] = ack
                if self.kill_after is not None and len(self.acked) == self.kill_after:
                    self.server.kill()
                    self.killed_at = len(self.acked)

        await asyncio.gather(*(one(made) for made in intents))


async def test_kill_9_during_a_burst_loses_no_acknowledged_edit(
    server: Server, account: Account, clients: Clients
) -> None:
    # Three meetings (a meeting holds at most 400 notes), five writers in each.
    meetings = [
        await holm_meeting(server, account, clients, PHONES, title=f"Netværksmøde {n + 1} om Emil")
        for n in range(3)
    ]
    observers = [await clients.screen(meeting.links) for meeting in meetings]
    writers: list[tuple[int, int, Peer]] = [
        (m, w, peer)
        for m, meeting in enumerate(meetings)
        for w, peer in enumerate([meeting.facilitator, *meeting.phones])
    ]
    plans: dict[tuple[int, int], list[dict[str, Any]]] = {(m, w): [] for m, w, _ in writers}
    for n in range(BURST):
        m, w, _ = writers[n % len(writers)]
        note = NOTES[n % len(NOTES)]
        plans[(m, w)].append(add_card(f"{note.text} (note {n + 1})", note.column))
    meeting_of = {made["id"]: m for (m, _), plan in plans.items() for made in plan}
    planned = {made["id"]: made for plan in plans.values() for made in plan}

    burst = Burst(server, kill_after=KILL_AFTER)
    await asyncio.wait_for(
        asyncio.gather(*(burst.write(peer, plans[(m, w)]) for m, w, peer in writers)), 60
    )

    assert burst.killed_at is not None, "the burst ended before the server was killed"
    assert burst.refused == []
    assert len(burst.acked) < BURST, "the kill came after the burst"
    for observer in observers:
        await observer.wait_for(lambda o=observer: o.disconnected, "the server gone")
        assert observer.replica.early == {}, f"{observer.label} saw a gap before the kill"

    await _restart(server)

    # Every acknowledged note is in the op at the seq its ack named, and seqs have no gap.
    resumed = []
    for m, (meeting, observer) in enumerate(zip(meetings, observers, strict=True)):
        peer, answer = await _resume(clients, observer, meeting)
        resumed.append(peer)
        assert "ops" in answer, "a handful of unbroadcast ops come as ops"
        first = min(peer.replica.log)
        assert sorted(peer.replica.log) == list(range(first, peer.replica.seq + 1))
        mine = {op: ack for op, ack in burst.acked.items() if meeting_of[op] == m}
        for op, ack in mine.items():
            written = [
                c["entity"]["id"] for c in peer.replica.log[ack["seq"]] if c["type"] == "upsert"
            ]
            assert written == [planned[op]["card_id"]], f"seq {ack['seq']} is not {op}"
        assert len({ack["seq"] for ack in mine.values()}) == len(mine)
        assert max(ack["seq"] for ack in mine.values()) <= peer.replica.seq

    # The clients' outboxes send what was not acknowledged again, with the same ids (and here
    # a few that were, too): each note lands once, and acknowledged ones keep their seq.
    resend = Burst(server, kill_after=None)
    writing = []
    for m, w, _ in writers:
        plan = plans[(m, w)]
        outbox = [made for made in plan if made["id"] not in burst.acked]
        outbox += [made for made in plan if made["id"] in burst.acked][:3]
        if w == 0:
            peer = await clients.facilitator(account, meetings[m].links, sync=False)
        else:
            peer = await clients.phone(meetings[m].joined[w - 1], sync=False)
        writing.append(resend.write(peer, outbox))
    await asyncio.wait_for(asyncio.gather(*writing), 60)
    assert resend.refused == []
    assert set(resend.acked) | set(burst.acked) == set(planned)
    assert len(set(resend.acked) & set(burst.acked)) == 3 * len(writers)
    assert all(ack == burst.acked[op] for op, ack in resend.acked.items() if op in burst.acked)
    everything = {**burst.acked, **resend.acked}

    texts: Counter[str] = Counter()
    for m, peer in enumerate(resumed):
        final = max(ack["seq"] for op, ack in everything.items() if meeting_of[op] == m)
        await peer.wait_for(lambda p=peer, s=final: p.replica.seq == s, "the resent notes")
        assert peer.replica.early == {}
        assert sorted(peer.replica.log) == list(range(min(peer.replica.log), final + 1))
        texts.update(card["text"] for card in peer.replica.cards.values())
        fresh = await clients.screen(meetings[m].links)
        assert fresh.replica.entities == peer.replica.entities
    assert texts == Counter(made["text"] for made in planned.values())


# -- SIGTERM -----------------------------------------------------------------------------------


def _assert_stopped_gracefully(server: Server, code: int) -> None:
    # uvicorn re-raises the signal once it has shut down, so the exit is "killed by SIGTERM".
    assert code in (0, -signal.SIGTERM), server.log_tail()
    assert server.log().rstrip().endswith(f"Finished server process [{server.pid}]")
    assert "Application shutdown complete." in server.log_tail(5)


def _snapshot_seqs(server: Server, meeting_id: str) -> list[int]:
    with sqlite3.connect(f"file:{server.data_dir / 'kreds.sqlite3'}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT seq FROM snapshots WHERE meeting = ?", (meeting_id,))
        return [row[0] for row in rows]


async def _send_away(louise: Peer, joined: Joined, phone: Peer) -> None:
    ack = await louise.intent("participant.reject", participant_id=joined.participant_id)
    assert ack["ok"], ack
    await phone.wait_for(lambda: phone.disconnected, "being disconnected")
    assert [name for name, _ in phone.events][-1] == "goodbye"
    assert phone.named("goodbye") == [
        {"code": "not_allowed", "message": "Mødelederen har taget dig ud af mødet."}
    ]


async def _refused(server: Server, joined: Joined) -> str:
    peer = Peer(f"{joined.person.name} igen")
    with pytest.raises(socketio.exceptions.ConnectionError):
        await peer.connect(server, {"participant_token": joined.participant_token}, {})
    assert peer.events == []
    message: str = peer.refused["message"]
    return message


async def test_graceful_stop_snapshots_and_restart_gives_identical_state(
    server: Server, account: Account, clients: Clients
) -> None:
    names = ["Sara", "Thomas", "Hanne", "Anders"]
    meeting = await holm_meeting(server, account, clients, names, template="loeft")
    louise = meeting.facilitator
    sara, thomas, hanne, anders = meeting.phones
    cards = {}
    for phone, joined in zip(meeting.phones, meeting.joined, strict=True):
        for note in notes_by(joined.person.name)[:2]:
            made = add_card(note)
            assert (await phone.send(made))["ok"]
            cards[note.text] = made["card_id"]
    anders_card = add_card("Emil har brug for ro til lektierne.", "next")
    assert (await anders.send(anders_card))["ok"]
    edits = [
        intent("card.move", card_id=cards[notes_by("Sara")[0].text], column="agreements"),
        intent("card.edit", card_id=cards[notes_by("Thomas")[0].text], text="Gode weekender."),
        intent("card.delete", card_id=cards[notes_by("Sara")[1].text]),
        intent("meeting.auto_admit", on=True),
    ]
    assert all(ack["ok"] for ack in await louise.send_patiently(edits))

    # Hanne wrote nothing and leaves no trace; Anders' note stays, in his words.
    await _send_away(louise, meeting.joined[2], hanne)
    await _send_away(louise, meeting.joined[3], anders)
    assert await _refused(server, meeting.joined[2]) == "not_found"
    assert await _refused(server, meeting.joined[3]) == "not_found"
    await louise.wait_for(lambda: len(louise.replica.participants) == 4, "Hanne gone")
    assert louise.replica.participants[meeting.joined[3].participant_id]["removed"] is True
    assert meeting.joined[2].participant_id not in louise.replica.participants
    last = (await louise.call("hello", {"last_seq": 0}))["seq"]
    for peer in (louise, sara, thomas):
        await peer.wait_for(lambda p=peer: p.replica.seq == last, "everything")
    before = copy.deepcopy(louise.replica)

    code = await asyncio.to_thread(server.stop)

    _assert_stopped_gracefully(server, code)
    assert _snapshot_seqs(server, meeting.links.id) == [last]
    for peer in (louise, sara, thomas):
        await peer.wait_for(lambda p=peer: p.disconnected, "the server gone")
    await _restart(server)

    after = await clients.facilitator(account, meeting.links)
    assert after.replica.seq == before.seq
    assert after.replica.entities == before.entities
    sara_again = await clients.phone(meeting.joined[0], sync=False)
    sara_again.replica = copy.deepcopy(sara.replica)
    assert await sara_again.hello() == {"seq": last, "ops": []}
    assert await _refused(server, meeting.joined[2]) == "not_found"
    assert await _refused(server, meeting.joined[3]) == "not_found"
    card = after.replica.cards[anders_card["card_id"]]
    assert (card["text"], card["author"]) == (anders_card["text"], meeting.joined[3].participant_id)


async def test_sigterm_during_a_burst_keeps_every_acknowledged_edit(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, PHONES)
    observer = await clients.screen(meeting.links)
    writers = [meeting.facilitator, *meeting.phones]
    plans = [
        [add_card(f"{NOTES[n % len(NOTES)].text} ({w + 1}.{n + 1})", "works") for n in range(25)]
        for w in range(len(writers))
    ]
    acked: dict[str, dict[str, Any]] = {}
    stopping: asyncio.Future[int] | None = None

    async def write(peer: Peer, plan: list[dict[str, Any]]) -> None:
        nonlocal stopping
        for made in plan:
            try:
                ack = await peer.send(made)
            except (ConnectionError, TimeoutError, socketio.exceptions.SocketIOError):
                return
            if ack["ok"]:
                acked[made["id"]] = ack
            if len(acked) >= 40 and stopping is None:
                stopping = asyncio.ensure_future(asyncio.to_thread(server.stop))

    await asyncio.wait_for(
        asyncio.gather(*(write(peer, plan) for peer, plan in zip(writers, plans, strict=True))), 60
    )
    assert stopping is not None, "the burst ended before SIGTERM"
    _assert_stopped_gracefully(server, await stopping)
    await observer.wait_for(lambda: observer.disconnected, "the server gone")
    assert observer.replica.early == {}
    await _restart(server)

    peer, _ = await _resume(clients, observer, meeting)
    cards = peer.replica.cards
    texts = {made["id"]: made for plan in plans for made in plan}
    for op in acked:
        assert cards[texts[op]["card_id"]]["text"] == texts[op]["text"], f"lost {op}"
    assert len(cards) >= len(acked)
