"""Deleting a meeting while phones write leaves nothing of it behind, refuses what races the
deletion, and ends every open page of it at once."""

import asyncio
import contextlib
import sqlite3
import time
from pathlib import Path
from typing import Any

import socketio

from server.domain.visibility import OpView
from server.live.rooms import Rooms
from server.services import meetings, retention
from server.services.auth import Keys, create_user
from server.store.sqlite import SqliteStore
from shared_schema import ChangesEvent, CloseMeeting

from .kit import (
    Clients,
    Peer,
    Server,
    add_card,
    create_meeting,
    get,
    holm_meeting,
    join,
    person,
    post,
    setup_first,
)
from .test_cases import age, kreds, rows_naming

WRITERS = ["Sara", "Thomas", "Birthe"]


class Writer:
    """A phone writing notes one after another until it is sent away."""

    def __init__(self, peer: Peer, name: str) -> None:
        self.peer = peer
        self.name = name
        self.answers: list[tuple[float, dict[str, Any]]] = []
        """(when the intent was sent, its ack)"""
        self.texts: list[str] = []

    async def run(self) -> None:
        for index in range(10_000):
            text = f"{self.name} skriver note nummer {index} om Emils skoledag"
            self.texts.append(text)
            sent = time.monotonic()
            try:
                ack = await self.peer.send(add_card(text))
            except (ConnectionError, TimeoutError):
                return
            self.answers.append((sent, ack))
            if ack.get("code") == "rate_limited":
                await asyncio.sleep(0.05)
            elif not ack["ok"]:
                return


def goodbyes(peer: Peer) -> list[Any]:
    return [data["code"] for data in peer.named("goodbye")]


async def test_deleting_a_meeting_while_phones_write_leaves_nothing_and_refuses_later_intents(
    fresh_server: Server,
) -> None:
    server = fresh_server
    account = setup_first(server)
    clients = Clients(server)
    try:
        meeting = await holm_meeting(server, account, clients, WRITERS)
        screen = await clients.screen(meeting.links)
        waiting = await join(server, meeting.links.join_token, person("Jonas"))
        lobby = await clients.phone(waiting)
        assert lobby.welcome is not None and not lobby.welcome["admitted"]
        writers = [Writer(peer, name) for peer, name in zip(meeting.phones, WRITERS, strict=True)]
        running = [asyncio.create_task(writer.run()) for writer in writers]
        await meeting.phones[0].wait_for(
            lambda: (meeting.phones[0].replica.seq or 0) > 40, "forty ops before the deletion"
        )

        path = f"/api/meetings/{meeting.links.id}/delete"
        deleted = await post(server, path, {}, account=account)
        answered = time.monotonic()
        assert deleted.status_code == 204, deleted.text
        await asyncio.wait_for(asyncio.gather(*running), 10)

        everyone = [*meeting.phones, meeting.facilitator, screen, lobby]
        for peer in everyone:
            await peer.wait_for(lambda p=peer: p.disconnected, "the end of its connection")
            assert goodbyes(peer) == ["deleted"], (peer.label, peer.events[-3:])
        for writer in writers:
            late = [ack for sent, ack in writer.answers if sent > answered]
            assert not any(ack["ok"] for ack in late), late
        acked = [ack for w in writers for _, ack in w.answers if ack["ok"]]
        assert len(acked) >= 30  # the notes behind the forty ops (joins and admissions too)

        await asyncio.sleep(0.5)  # anything still on its way to the disk has landed by now
        texts = [text for writer in writers for text in writer.texts]
        db = str(server.data_dir / "kreds.sqlite3")
        names = [*WRITERS, "Jonas", meeting.links.title]
        assert rows_naming(db, [meeting.links.id, *names, *texts]) == []
        with sqlite3.connect(db) as conn:
            for table in ("ops", "quiet_intents", "snapshots", "participants"):
                assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        # Nor on the disk: not in the database file, nor in its write-ahead log.
        for path in server.data_dir.glob("kreds.sqlite3*"):
            raw = path.read_bytes()
            assert b"skriver note nummer" not in raw, path.name
            assert meeting.links.title.encode() not in raw, path.name

        # Nothing of it opens again: not the phones' tokens, the screen link or the join link.
        for auth in (
            {"participant_token": meeting.joined[0].participant_token},
            {"screen_token": meeting.links.screen_token},
        ):
            again = Peer("igen")
            clients.peers.append(again)
            with contextlib.suppress(socketio.exceptions.ConnectionError):
                await again.connect(server, auth, {})
            assert again.refused is not None and not again.sio.connected, auth
        gone = await post(server, "/api/join/info", {"join_token": meeting.links.join_token})
        assert gone.status_code == 404
    finally:
        await clients.close()


async def test_the_retention_purge_ends_the_open_pages_of_what_it_deletes(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "kreds.sqlite3")
    await store.open()
    louise = await create_user(store, "louise@kommune.example", "Louise", "Emil-i-skole-2025")
    row = await meetings.create_meeting(store, Keys(b"k" * 32), louise, "Emil, 9 år", "loeft")
    ended: list[str] = []

    async def publish(_: str, event: ChangesEvent, view: OpView) -> None:
        return None

    async def end(meeting_ids: Any) -> None:
        ended.extend(meeting_ids)

    rooms = Rooms(store, publish, ended=end)
    room = await rooms.get(row.id)
    closed = await room.submit(CloseMeeting(id="close-1", next_meeting=None), row.facilitator_id)
    assert closed.ok, closed
    with sqlite3.connect(tmp_path / "kreds.sqlite3") as conn:
        conn.execute("UPDATE meetings SET closed_at = 0 WHERE id = ?", (row.id,))
    assert await retention.purge(store, 30, rooms) == 1
    assert ended == [row.id]
    assert room.broken
    assert await store.meeting(row.id) is None
    assert await store.ops_after(row.id, 0, 10) == []
    assert await store.latest_snapshot(row.id) is None
    await store.close()


async def test_deleting_a_case_ends_the_open_pages_of_its_meetings(fresh_server: Server) -> None:
    server = fresh_server
    account = setup_first(server)
    clients = Clients(server)
    try:
        case = await post(server, "/api/cases", {"title": "Alma, 7 år"}, account=account)
        assert case.status_code == 201, case.text
        case_id = case.json()["id"]
        created = await post(
            server,
            "/api/meetings",
            {"title": "Netværksmøde om Alma", "template": "three_columns", "case_id": case_id},
            account=account,
        )
        assert created.status_code == 201, created.text
        shown = await get(server, f"/api/meetings/{created.json()['id']}", account=account)
        screen_token = shown.json()["links"]["screen_url"].split("#", 1)[1]
        screen = await clients.connect("skærm", {"screen_token": screen_token})
        await screen.hello()

        deleted = await post(server, f"/api/cases/{case_id}/delete", {}, account=account)
        assert deleted.status_code == 204
        await screen.wait_for(lambda: screen.disconnected, "the end of the screen's connection")
        assert goodbyes(screen) == ["deleted"]
    finally:
        await clients.close()


async def test_a_purge_from_the_command_line_ends_the_open_pages_of_what_it_deletes(
    fresh_server: Server,
) -> None:
    """`kreds purge` runs beside the server, in a process of its own: the server notices within
    its sweep that the meeting is gone, and the room's screen is told, as for a deletion here."""
    server = fresh_server
    account = setup_first(server)
    clients = Clients(server)
    try:
        links = await create_meeting(server, account)
        louise = await clients.facilitator(account, links)
        closed = await louise.intent("meeting.close", next_meeting=None)
        assert closed["ok"], closed
        screen = await clients.connect("skærm", {"screen_token": links.screen_token})
        await screen.hello()
        age(server, links.id, 31)

        assert "Slettede 1 " in await kreds(server, "purge")
        await screen.wait_for(lambda: screen.disconnected, "the end of the screen's connection")
        assert goodbyes(screen) == ["deleted"]
    finally:
        await clients.close()
