"""A follow-up meeting of a case opens with the family's genogram and network map from the
meeting before: copied into its own op log, seen by every client, kept over a crash, and never
taken from a meeting that retention has purged."""

import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from server.domain.visibility import OpView
from server.live.rooms import Rooms, encode_changes
from server.services import cases, followup, meetings
from server.services.auth import Keys, create_user
from server.store import OpRow
from server.store.sqlite import SqliteStore
from shared_schema import AddAgreement, ChangesEvent, CloseMeeting, Person, Upsert

from .kit import (
    Account,
    Clients,
    MeetingLinks,
    Peer,
    Server,
    admit,
    get,
    join,
    op_id,
    person,
    setup_first,
)
from .test_cases import age, case_meeting, kreds, new_case

DRAWN = ["Emil", "Sara", "Thomas", "Birthe", "Mette"]


async def drawn_meeting(
    server: Server, account: Account, clients: Clients, case_id: str, title: str
) -> MeetingLinks:
    """A first meeting in the case: the facilitator draws Emil and his parents, Birthe adds
    herself as mormor from her phone, the teacher goes on the network map; then it closes."""
    links = await case_meeting(server, account, case_id, title)
    facilitator = await clients.facilitator(account, links)
    for person_id, name, fields in [
        ("emil", "Emil", {"sex": "male", "born": 2017, "focus": True, "household": "mor"}),
        ("sara", "Sara", {"sex": "female", "born": 1992, "household": "mor"}),
        ("thomas", "Thomas", {"sex": "male", "born": 1990}),
        ("mette", "Mette", {"in_genogram": False, "can_help": "Lektiecafé om tirsdagen"}),
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
    ack = await facilitator.intent("person.nudge", person_id="thomas", dx=60, dy=0)
    assert ack["ok"], ack
    ack = await facilitator.intent("person.place", person_id="mette", ring=2, sector="school")
    assert ack["ok"], ack
    birthe = await join(server, links.join_token, person("Birthe"))
    await admit(facilitator, birthe)
    phone = await clients.phone(birthe)
    ack = await phone.intent("genogram.join", person_id="g-birthe", kinship="mormor", born=1964)
    assert ack["ok"], ack
    assert (await facilitator.intent("meeting.close", next_meeting="2027-01-12T09:00"))["ok"]
    return links


def named(replica_persons: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in replica_persons.values()}


def lines(peer: Peer) -> set[tuple[str, str, str]]:
    names = {p["id"]: p["name"] for p in peer.replica.of("person").values()}
    return {(names[r["a"]], names[r["b"]], r["kind"]) for r in peer.replica.of("relation").values()}


async def test_a_follow_up_opens_with_the_drawing_of_the_meeting_before(
    server: Server, account: Account, clients: Clients
) -> None:
    case_id = await new_case(server, account, "Emil, 9 år")
    first = await drawn_meeting(server, account, clients, case_id, "Netværksmøde om Emil")
    before = await clients.facilitator(account, first)
    follow_up = await case_meeting(server, account, case_id, "Opfølgningsmøde om Emil")
    facilitator = await clients.facilitator(account, follow_up)

    persons = named(facilitator.replica.of("person"))
    assert sorted(persons) == sorted(DRAWN)
    assert not set(facilitator.replica.of("person")) & set(before.replica.of("person"))
    assert all(p.get("participant") is None for p in persons.values())
    assert persons["Thomas"]["dx"] == 60
    assert (persons["Mette"]["ring"], persons["Mette"]["sector"]) == (2, "school")
    assert persons["Mette"]["in_genogram"] is False
    assert persons["Emil"]["focus"] is True and persons["Birthe"]["born"] == 1964
    assert lines(facilitator) == lines(before)
    assert ("Birthe", "Sara", "biological") in lines(facilitator)
    origin = facilitator.replica.of("carried_drawing")[follow_up.id]
    assert origin["from_meeting"] == first.id
    shown = (await get(server, f"/api/cases/{case_id}", account=account)).json()
    assert (
        origin["held_at"] == next(m for m in shown["meetings"] if m["id"] == first.id)["closed_at"]
    )
    assert (origin["persons"], origin["relations"]) == (5, 4)

    referat = await get(server, f"/r/{follow_up.id}/referat.txt", account=account)
    assert "GENOGRAM\nHentet fra mødet " in referat.text

    # The copy is in the new meeting's own first op, by the system, with the meeting itself.
    with sqlite3.connect(server.data_dir / "kreds.sqlite3", timeout=10) as db:
        ops = db.execute(
            "SELECT seq, actor, type FROM ops WHERE meeting = ? ORDER BY seq", (follow_up.id,)
        ).fetchall()
    assert ops[:1] == [(1, "system", "meeting.create")]
    assert "drawing.carry" not in {kind for _, _, kind in ops}

    # Birthe joins the follow-up and says again that she is mormor: the drawing becomes hers.
    birthe = await join(server, follow_up.join_token, person("Birthe"))
    await admit(facilitator, birthe)
    phone = await clients.phone(birthe)
    assert sorted(named(phone.replica.of("person"))) == sorted(DRAWN)
    assert follow_up.id in phone.replica.of("carried_drawing")
    ack = await phone.intent("genogram.join", person_id="g-birthe-2", kinship="mormor")
    assert ack["ok"], ack
    await facilitator.wait_for(
        lambda: (
            named(facilitator.replica.of("person"))["Birthe"].get("participant")
            == birthe.participant_id
        ),
        "Birthe tied to her phone",
    )
    assert len(facilitator.replica.of("person")) == len(DRAWN)
    # The earlier meeting is as it was.
    assert sorted(named(before.replica.of("person"))) == sorted(DRAWN)


async def test_a_case_without_a_drawing_gives_an_empty_one(
    server: Server, account: Account, clients: Clients
) -> None:
    case_id = await new_case(server, account, "Liva, 4 år")
    first = await case_meeting(server, account, case_id, "Netværksmøde om Liva")
    facilitator = await clients.facilitator(account, first)
    assert (await facilitator.intent("meeting.close"))["ok"]
    follow_up = await case_meeting(server, account, case_id, "Opfølgning om Liva")
    again = await clients.facilitator(account, follow_up)
    assert again.replica.of("person") == {}
    assert again.replica.of("carried_drawing") == {}


async def test_nothing_is_copied_from_a_meeting_retention_has_purged(
    server: Server, account: Account, clients: Clients
) -> None:
    case_id = await new_case(server, account, "Oscar, 6 år")
    first = await drawn_meeting(server, account, clients, case_id, "Netværksmøde om Oscar")
    await clients.close()
    age(server, first.id, 31)
    assert "Slettede 1 " in await kreds(server, "purge")
    follow_up = await case_meeting(server, account, case_id, "Opfølgning om Oscar")
    facilitator = await clients.facilitator(account, follow_up)
    assert facilitator.replica.of("person") == {}
    assert facilitator.replica.of("relation") == {}
    assert facilitator.replica.of("carried_drawing") == {}


async def test_the_carried_drawing_survives_a_crash(fresh_server: Server) -> None:
    account = setup_first(fresh_server)
    clients = Clients(fresh_server)
    try:
        case_id = await new_case(fresh_server, account, "Noah, 12 år")
        await drawn_meeting(fresh_server, account, clients, case_id, "Netværksmøde om Noah")
        follow_up = await case_meeting(fresh_server, account, case_id, "Opfølgning om Noah")
    finally:
        await clients.close()
    fresh_server.kill()
    fresh_server.start()
    clients = Clients(fresh_server)
    try:
        facilitator = await clients.facilitator(account, follow_up)
        assert sorted(named(facilitator.replica.of("person"))) == sorted(DRAWN)
        assert len(facilitator.replica.of("relation")) == 4
        assert follow_up.id in facilitator.replica.of("carried_drawing")
    finally:
        await clients.close()


async def test_an_earlier_drawing_the_rules_refuse_stays_behind_and_the_follow_up_opens(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Mette went on the network map with a ring and no area before that was refused: the copy
    is refused, and the follow-up opens in one op with the open agreement and no drawing."""
    path = tmp_path / "kreds.sqlite3"
    store = SqliteStore(path)
    await store.open()
    keys = Keys(b"k" * 32)
    louise = await create_user(store, "louise@kommune.example", "Louise", "Emil-i-skole-2025")
    case = await cases.create_case(store, louise, "Emil, 9 år")
    first = await meetings.create_meeting(
        store, keys, louise, "Netværksmøde om Emil", "loeft", case.id
    )
    drawn = [
        Upsert(entity=Person(id="emil", name="Emil", sex="male", born=2017, focus=True)),
        Upsert(entity=Person(id="mette", name="Mette", in_genogram=False, ring=2)),
    ]
    await store.append(
        [
            OpRow(
                meeting=first.id,
                seq=2,
                at=time.time(),
                actor=first.facilitator_id,
                client_id=op_id(),
                type="person.add",
                changes=encode_changes(drawn),
            )
        ]
    )

    async def publish(_: str, event: ChangesEvent, seen: OpView) -> None:
        return None

    rooms = Rooms(store, publish)
    room = await rooms.get(first.id)
    agreed = AddAgreement(
        id=op_id(),
        agreement_id="lektier",
        what="Hjælp til lektier om tirsdagen",
        who_names=["Mette"],
    )
    assert (await room.submit(agreed, first.facilitator_id)).ok
    assert (await room.submit(CloseMeeting(id=op_id()), first.facilitator_id)).ok

    with caplog.at_level(logging.WARNING, logger="kreds.followup"):
        row = await followup.open_meeting(
            rooms, store, keys, louise, "Opfølgning om Emil", "loeft", case
        )
    state = (await rooms.get(row.id)).state
    assert [a.what for a in state.agreements.values()] == [agreed.what]
    assert state.persons == {} and state.relations == {} and state.carried_drawing is None
    assert f"meeting {row.id}: the earlier drawing was not copied" in caplog.text
    assert "carry.ring_and_sector" in caplog.text
    # Nothing of the refused create was written: two meetings, and the follow-up's one op.
    assert {m.id for m in await store.meetings_in_case(case.id)} == {first.id, row.id}
    with sqlite3.connect(path, timeout=10) as db:
        ops = db.execute("SELECT meeting, seq, type FROM ops ORDER BY meeting, seq").fetchall()
        meeting_rows = db.execute("SELECT id FROM meetings").fetchall()
    assert sorted(meeting_rows) == sorted([(first.id,), (row.id,)])
    assert [(seq, kind) for meeting, seq, kind in ops if meeting == row.id] == [
        (1, "meeting.create")
    ]
    assert {meeting for meeting, _, _ in ops} == {first.id, row.id}
    await store.close()
