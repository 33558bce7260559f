"""Two nodes behind HAProxy, one writer per meeting: the meeting through the proxy, a socket on
the other node counted, let in and sent its own view, kill -9 of its node under load, a paused
node fenced off, and PostgreSQL restarted under it all."""

import asyncio
import json
import os
import re
import signal
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import asyncpg
import httpx
import pytest
import socketio

from server.cluster.lease import Ownership
from server.cluster.local import LEASE_SECONDS, Child, Cluster
from server.live.connection import ConnectAuth
from server.live.identify import Identify
from server.live.rooms import Rooms
from server.services.auth import Keys
from server.settings import Settings
from server.store.postgres import PostgresStore
from tests.chaos.outbox import Outbox, state_hash
from tests.integration.kit import (
    NOTES,
    WAIT,
    Account,
    Clients,
    MeetingLinks,
    Peer,
    add_card,
    create_meeting,
    person,
    setup_first,
    sign_in_with_passkey,
)

PHONES = ["Sara", "Thomas", "Birthe"]
FAILOVER_WITHIN = LEASE_SECONDS + 8.0
"""kill -9 to the next ack: the lease lapsing, the proxy's health check, a reconnect."""


@dataclass(frozen=True)
class Via:
    """Where a kit client goes: `url` is the proxy (with the meeting, for a socket)."""

    url: str


def via_meeting(cluster: Cluster, meeting_id: str) -> Via:
    return Via(f"{cluster.url}?meeting={meeting_id}")


async def owner(cluster: Cluster, meeting_id: str) -> Child:
    """The node the proxy sends this meeting's requests to."""
    async with httpx.AsyncClient(timeout=WAIT) as http:
        answer = await http.get(f"{cluster.url}/m/{meeting_id}")
    name = answer.headers["X-Kreds-Node"]
    return next(node for node in cluster.nodes if node.name == name)


async def joined_phone(cluster: Cluster, links: MeetingLinks, name: str) -> dict[str, Any]:
    """POST /api/join through the proxy, as the web client sends it (naming the meeting)."""
    who = person(name)
    body = {"join_token": links.join_token, "name": who.name, "role": who.role}
    body |= {"relation": who.relation, "remote": who.remote}
    async with httpx.AsyncClient(timeout=WAIT) as http:
        answer = await http.post(
            f"{cluster.url}/api/join?meeting={links.id}", json=body, headers={"Origin": cluster.url}
        )
    assert answer.status_code == 201, answer.text
    joined: dict[str, Any] = answer.json()
    return joined


async def holm_meeting(
    cluster: Cluster, account: Account
) -> tuple[MeetingLinks, list[dict[str, Any]]]:
    """A meeting created through the proxy, with the phones joined and let in."""
    links = await create_meeting(Via(cluster.url), account)
    phones = [await joined_phone(cluster, links, name) for name in PHONES]
    clients = Clients(via_meeting(cluster, links.id))
    try:
        louise = await clients.facilitator(account, links)
        for phone in phones:
            ack = await louise.intent("participant.admit", participant_id=phone["participant_id"])
            assert ack["ok"], ack
    finally:
        await clients.close()
    return links, phones


def outboxes(
    cluster: Cluster, account: Account, links: MeetingLinks, phones: list[dict[str, Any]]
) -> list[Outbox]:
    where = via_meeting(cluster, links.id)
    boxes = [Outbox("mødeleder", where, {"meeting_id": links.id}, account.cookie)]
    boxes += [
        Outbox(f"telefon {n}", where, {"participant_token": p["participant_token"]})
        for n, p in enumerate(phones)
    ]
    for n, box in enumerate(boxes):
        box.plan = [
            add_card(f"{NOTES[(n * 5 + i) % len(NOTES)].text} ({n}.{i})", "works")
            for i in range(12)
        ]
    return boxes


async def op_log(cluster: Cluster, meeting_id: str) -> list[tuple[int, str]]:
    conn = await asyncpg.connect(cluster.database_url)
    try:
        rows = await conn.fetch(
            "SELECT seq, client_id FROM ops WHERE meeting = $1 ORDER BY seq", meeting_id
        )
    finally:
        await conn.close()
    return [(int(row[0]), str(row[1])) for row in rows]


async def assert_converged(cluster: Cluster, links: MeetingLinks, boxes: list[Outbox]) -> None:
    """Every intent acked once, logged once at its acked seq with no gap, every board equal."""
    planned = {made["id"] for box in boxes for made in box.plan}
    acked = {op: ack for box in boxes for op, ack in box.acked.items()}
    assert [ack for box in boxes for ack in box.refused] == []
    assert set(acked) == planned
    log = await op_log(cluster, links.id)
    assert [seq for seq, _ in log] == list(range(1, len(log) + 1))
    counted = Counter(client_id for _, client_id in log)
    assert all(count == 1 for count in counted.values())
    at = {client_id: seq for seq, client_id in log}
    assert {op: ack["seq"] for op, ack in acked.items()} == {op: at[op] for op in acked}
    for box in boxes:
        await box.settle(len(log))
    hashes = {box.label: state_hash(box.replica) for box in boxes}
    assert len(set(hashes.values())) == 1, hashes
    texts = {card["text"] for card in boxes[0].replica.cards.values()}
    assert texts == {made["text"] for box in boxes for made in box.plan}


async def test_a_meeting_through_the_proxy_has_one_node_and_moves_when_another_is_asked(
    cluster: Cluster,
) -> None:
    account = await asyncio.to_thread(setup_first_or_login, cluster)
    links, phones = await holm_meeting(cluster, account)
    serving = await owner(cluster, links.id)
    boxes = outboxes(cluster, account, links, phones)
    for box in boxes:
        box.pending = box.plan[:6]
    await asyncio.gather(*(box.run(WAIT * 3) for box in boxes))

    # Someone reaches the other node directly (no proxy): it asks for the meeting, the
    # serving node writes what it has and lets go, and the newcomer is served there.
    other = next(node for node in cluster.nodes if node is not serving)
    direct = Peer("skærm direkte på den anden node")
    await direct.connect(Via(cluster.node_url(other)), {"meeting_id": links.id}, account.cookie)
    await direct.wait_for(lambda: direct.welcome is not None, "welcome", within=LEASE_SECONDS + 5)
    await direct.hello()
    assert direct.replica.seq == len(await op_log(cluster, links.id))
    await direct.close()

    # The proxy's clients were let go and come back; the meeting goes home to its hashed node.
    for box in boxes:
        box.pending = box.plan[6:]
    await asyncio.gather(*(box.run(WAIT * 3) for box in boxes))
    await assert_converged(cluster, links, boxes)
    assert (await owner(cluster, links.id)).name == serving.name
    for box in boxes:
        await box.close()


async def lease(cluster: Cluster, meeting_id: str) -> tuple[str, int]:
    """The meeting's lease in PostgreSQL: its node and epoch."""
    conn = await asyncpg.connect(cluster.database_url)
    try:
        row = await conn.fetchrow("SELECT node, epoch FROM leases WHERE meeting = $1", meeting_id)
    finally:
        await conn.close()
    assert row is not None
    return str(row[0]), int(row[1])


def changes_by_seq(peer: Peer, after: int) -> dict[int, list[dict[str, Any]]]:
    return {e["seq"]: e["changes"] for e in peer.named("changes") if e["seq"] > after}


def cards_sent(peer: Peer, after: int) -> list[dict[str, Any]]:
    return [
        change["entity"]
        for changes in changes_by_seq(peer, after).values()
        for change in changes
        if change["type"] == "upsert" and change["entity"]["type"] == "card"
    ]


async def test_a_socket_on_the_other_node_is_counted_let_in_and_sent_only_its_own_view(
    cluster: Cluster,
) -> None:
    account = await asyncio.to_thread(setup_first_or_login, cluster)
    links, phones = await holm_meeting(cluster, account)
    serving = await owner(cluster, links.id)
    other = next(node for node in cluster.nodes if node is not serving)
    clients = Clients(via_meeting(cluster, links.id))
    far = Peer("Jonas' telefon på den anden node")
    try:
        louise = await clients.facilitator(account, links)
        sara, _, birthe = [
            await clients.connect(f"telefon {n}", {"participant_token": p["participant_token"]})
            for n, p in zip(PHONES, phones, strict=True)
        ]
        for phone in (sara, birthe):
            await phone.hello()
        held = await lease(cluster, links.id)
        assert held[0] == serving.name
        louise_id = louise.welcome["participant_id"] if louise.welcome else ""

        # Jonas joins through the proxy, but his socket is on the node that does not serve the
        # meeting. It connects there without moving the meeting, and waits in the lobby.
        jonas = await joined_phone(cluster, links, "Jonas")
        jonas_id = jonas["participant_id"]
        await far.connect(
            Via(cluster.node_url(other)), {"participant_token": jonas["participant_token"]}, {}
        )
        await far.wait_for(lambda: far.welcome is not None, "welcome")
        assert far.welcome is not None and far.welcome["admitted"] is False
        # Counted: the facilitator on the serving node sees him waiting; the phones do not.
        await louise.wait_for(lambda: jonas_id in louise.online, "Jonas waiting")
        announced = await louise.intent("timer.start", seconds=60)
        await birthe.wait_for(lambda: birthe.replica.seq >= announced["seq"], "the timer")
        assert jonas_id not in birthe.online and jonas_id not in sara.online

        # Let in from the serving node: the welcome, the room and the count reach him there.
        admitted = await louise.intent("participant.admit", participant_id=jonas_id)
        assert admitted["ok"], admitted
        await far.wait_for(
            lambda: far.welcome is not None and far.welcome["admitted"] is True, "let in"
        )
        await far.wait_for(lambda: {jonas_id, louise_id} <= far.online, "who is here")
        await birthe.wait_for(lambda: jonas_id in birthe.online, "Jonas online")

        # Each viewer's own version of an op, to him as to Birthe (his kind of viewer) on the
        # serving node: an anonymous note without its author, a private one not at all.
        start = admitted["seq"]
        assert (await louise.intent("writing.anonymous", on=True))["ok"]
        anonymous = await sara.add_note("Emil er meget alene i frikvartererne.", "worries")
        assert anonymous["ok"], anonymous
        assert (await louise.intent("writing.private", column="works"))["ok"]
        secret = "Jeg er god til at lave mad med Emil om søndagen."
        assert (await sara.add_note(secret, "works"))["ok"]
        last = await louise.intent("timer.start", seconds=120)
        for peer in (far, birthe, louise):
            await peer.wait_for(
                lambda p=peer: last["seq"] in changes_by_seq(p, start), f"{peer.label}: seq"
            )
        seen_far, seen_birthe = changes_by_seq(far, start), changes_by_seq(birthe, start)
        assert sorted(seen_far) == list(range(start + 1, last["seq"] + 1))
        assert seen_far == seen_birthe
        assert [c["author"] for c in cards_sent(far, start)] == [""]
        sara_id = phones[0]["participant_id"]
        assert [c["author"] for c in cards_sent(louise, start)] == [sara_id]
        assert secret not in json.dumps(far.events, ensure_ascii=False)
        assert secret in json.dumps(sara.events, ensure_ascii=False)

        # None of it moved the meeting; when he leaves, the count says so on the other node.
        assert await lease(cluster, links.id) == held
        await far.close()
        await louise.wait_for(lambda: jonas_id not in louise.online, "Jonas gone")
        await birthe.wait_for(lambda: jonas_id not in birthe.online, "Jonas gone")
    finally:
        await far.close()
        await clients.close()


async def test_a_screen_link_names_its_meeting_so_its_first_connection_reaches_its_node(
    cluster: Cluster,
) -> None:
    account = await asyncio.to_thread(setup_first_or_login, cluster)
    links, _ = await holm_meeting(cluster, account)
    held = await lease(cluster, links.id)
    page, _, token = links.screen_url.partition("#")
    assert parse_qs(urlsplit(page).query) == {"meeting": [links.id]}
    assert token == links.screen_token
    async with httpx.AsyncClient(timeout=WAIT) as http:
        answer = await http.get(page)
    assert answer.status_code == 200 and answer.headers["X-Kreds-Node"] == held[0]
    # The screen's socket names the meeting as the page read it from the link.
    screen = Peer("skærm gennem proxyen")
    try:
        await screen.connect(via_meeting(cluster, links.id), {"screen_token": token}, {})
        await screen.wait_for(lambda: screen.welcome is not None, "welcome")
        await screen.hello()
        assert screen.replica.seq == len(await op_log(cluster, links.id))
    finally:
        await screen.close()
    assert await lease(cluster, links.id) == held  # no hand-over, not even one round


async def test_a_person_read_from_the_database_is_caught_up_with_the_ops_after_the_read(
    cluster: Cluster, tmp_path: Path
) -> None:
    """What a node that does not serve the meeting does on connect, step by step: the person
    read from PostgreSQL, then the ops after that read (the serving node's admissions and
    removals that may have missed the socket before it was in the directory)."""
    account = await asyncio.to_thread(setup_first_or_login, cluster)
    links, phones = await holm_meeting(cluster, account)
    jonas = await joined_phone(cluster, links, "Jonas")
    store = PostgresStore(cluster.database_url)
    await store.open()
    clients = Clients(via_meeting(cluster, links.id))
    try:
        ownership = Ownership(store, "læser", LEASE_SECONDS)  # holds nothing: reads only

        async def nothing(*_: Any) -> None:
            return None

        rooms = Rooms(store, nothing, ownership)
        settings = Settings(data_dir=tmp_path, secret=cluster.secret.encode())
        identify = Identify(store, Keys(settings.secret), rooms, settings, ownership)
        read = {
            name: await identify(ConnectAuth(participant_token=token), {})
            for name, token in [
                ("Jonas", jonas["participant_token"]),
                ("Sara", phones[0]["participant_token"]),
                ("Birthe", phones[2]["participant_token"]),
            ]
        }
        logged = len(await op_log(cluster, links.id))
        assert {who.read_at for who in read.values()} == {logged}
        assert not read["Jonas"].connection.admitted and read["Sara"].connection.admitted
        assert rooms.live() == [] and ownership.held == {}

        louise = await clients.facilitator(account, links)
        let_in = await louise.intent("participant.admit", participant_id=jonas["participant_id"])
        sara_id = phones[0]["participant_id"]
        taken_out = await louise.intent("participant.reject", participant_id=sara_id)
        assert let_in["ok"] and taken_out["ok"], (let_in, taken_out)

        async def since(name: str) -> Any:
            who = read[name]
            assert who.read_at is not None and who.person is not None
            return await identify.since(links.id, who.read_at, who.person)

        caught = await since("Jonas")
        assert caught is not None and caught.admitted and not caught.removed
        sara = await since("Sara")
        assert sara is not None and sara.removed
        assert await since("Birthe") is None
        with pytest.raises(socketio.exceptions.ConnectionRefusedError):
            await identify(ConnectAuth(participant_token=phones[0]["participant_token"]), {})
    finally:
        await clients.close()
        await store.close()


async def test_kill_9_of_the_owner_under_load_loses_no_acked_op_and_applies_none_twice(
    cluster: Cluster,
) -> None:
    account = await asyncio.to_thread(setup_first_or_login, cluster)
    links, phones = await holm_meeting(cluster, account)
    victim = await owner(cluster, links.id)
    boxes = outboxes(cluster, account, links, phones)
    for box in boxes:
        box.pending = []
    progress = asyncio.Event()
    for box in boxes:
        box.progress = progress
    total = sum(len(box.plan) for box in boxes)

    async def acked() -> int:
        return sum(len(box.acked) for box in boxes)

    async def killer() -> float:
        while await acked() < total // 3:
            progress.clear()
            await asyncio.wait_for(progress.wait(), WAIT)
        victim.kill()
        killed_at, before = time.monotonic(), await acked()
        while await acked() == before:
            progress.clear()
            await asyncio.wait_for(progress.wait(), FAILOVER_WITHIN)
        return time.monotonic() - killed_at

    for box in boxes:
        box.writing = True  # from the start: run() waits for what write() will make
    runs = [box.run(60) for box in boxes] + [box.write(box.plan, 0.15) for box in boxes]
    failover, *_ = await asyncio.gather(killer(), *runs)
    assert failover < FAILOVER_WITHIN
    survivor = await owner(cluster, links.id)
    assert survivor is not victim
    await assert_converged(cluster, links, boxes)
    for box in boxes:
        await box.close()
    await asyncio.to_thread(cluster.start_node, victim)


_LOUISE: list[Account] = []
"""Louise's account as its enrolment left it (her passkey among it), once it is made."""


def setup_first_or_login(cluster: Cluster) -> Account:
    """Louise's account: made and enrolled by the first test of the module that runs, signed
    in with her password and passkey after."""
    if not _LOUISE:
        _LOUISE.append(setup_first(Via(cluster.url)))
        return _LOUISE[0]
    return sign_in_with_passkey(Via(cluster.url), _LOUISE[0])


async def test_a_paused_owner_that_lost_its_lease_cannot_write(cluster: Cluster) -> None:
    account = await asyncio.to_thread(setup_first_or_login, cluster)
    links, phones = await holm_meeting(cluster, account)
    paused = await owner(cluster, links.id)
    assert paused.process is not None
    # A phone talking to the node directly: it will be the stale owner's last client.
    stale = Peer("telefon på den frosne node")
    await stale.connect(
        Via(cluster.node_url(paused)),
        {"participant_token": phones[0]["participant_token"]},
        {},
    )
    await stale.wait_for(lambda: stale.welcome is not None, "welcome")
    await stale.hello()

    os.kill(paused.process.pid, signal.SIGSTOP)
    try:
        # The proxy sees the node gone; the others move to the other node, which takes the
        # meeting once the paused node's lease lapses.
        boxes = outboxes(cluster, account, links, phones)[:2]
        for box in boxes:
            box.plan = box.plan[:4]
            box.pending = list(box.plan)
        await asyncio.gather(*(box.run(LEASE_SECONDS + WAIT * 2) for box in boxes))
        late = add_card("Skrevet til den frosne node, efter den mistede mødet.")
        sending = asyncio.create_task(stale.send(late))
        await asyncio.sleep(0.3)
    finally:
        os.kill(paused.process.pid, signal.SIGCONT)
    try:
        answer: dict[str, Any] | None = await asyncio.wait_for(sending, WAIT)
    except (ConnectionError, TimeoutError):
        answer = None  # let go before it answered: the socket was closed
    assert answer is None or (answer["ok"], answer["code"]) == (False, "unavailable"), answer
    log = await op_log(cluster, links.id)
    assert late["id"] not in {client_id for _, client_id in log}
    assert [seq for seq, _ in log] == list(range(1, len(log) + 1))
    await stale.close()
    await assert_converged(cluster, links, boxes)
    async with httpx.AsyncClient(timeout=WAIT) as http:
        scraped = (await http.get(f"{cluster.node_url(paused)}/metrics")).text
    lost = re.search(r'^kreds_lease_changes_total\{change="lost"\} (\S+)$', scraped, re.M)
    assert lost is not None and float(lost.group(1)) >= 1
    for box in boxes:
        await box.close()


async def test_postgresql_restarted_under_the_cluster_loses_nothing_acked(
    cluster: Cluster,
) -> None:
    account = await asyncio.to_thread(setup_first_or_login, cluster)
    links, phones = await holm_meeting(cluster, account)
    boxes = outboxes(cluster, account, links, phones)
    for box in boxes:
        box.pending = []
    progress = asyncio.Event()
    for box in boxes:
        box.progress = progress

    async def restart() -> None:
        while sum(len(box.acked) for box in boxes) < 10:
            progress.clear()
            await asyncio.wait_for(progress.wait(), WAIT)
        await asyncio.to_thread(cluster.postgres.stop)
        async with httpx.AsyncClient(timeout=WAIT) as http:
            for node in cluster.nodes:
                down = await http.get(f"{cluster.node_url(node)}/readyz")
                assert (down.status_code, down.text) == (503, "database unreachable")
        await asyncio.sleep(1.0)
        await asyncio.to_thread(cluster.postgres.start)

    for box in boxes:
        box.writing = True  # from the start: run() waits for what write() will make
    runs = [box.run(60) for box in boxes] + [box.write(box.plan, 0.15) for box in boxes]
    await asyncio.gather(restart(), *runs)
    await assert_converged(cluster, links, boxes)
    async with httpx.AsyncClient(timeout=WAIT) as http:
        for node in cluster.nodes:
            assert (await http.get(f"{cluster.node_url(node)}/readyz")).status_code == 200
    for box in boxes:
        await box.close()
