"""The Store contract, held by SQLite and PostgreSQL alike: every test runs against both."""

import asyncio
import sqlite3
import time

import asyncpg
import msgspec
import pytest

from server.domain.visibility import OpView, Viewer
from server.live.rooms import Room, Rooms
from server.services import meetings
from server.services.auth import Keys, create_user
from server.store import (
    AuditEvent,
    CaseRow,
    MeetingRow,
    OpRow,
    QuietIntent,
    Store,
    TeamRow,
    UserRow,
)
from shared_schema import AddCard, ChangesEvent
from tests.integration.kit import NOTES, card_id, op_id

from .conftest import StoreMaker

REFUSED = (sqlite3.IntegrityError, asyncpg.UniqueViolationError)
"""A write that breaks a unique key, as each store's driver says it."""
NOW = 1_763_373_600.0
KEYS = Keys(b"k" * 32)


def louise(suffix: str = "") -> UserRow:
    return UserRow(
        id=f"louise{suffix}",
        email=f"louise{suffix}@aarhus.example",
        name="Louise Holm Sørensen",
        password_hash="argon2-hash-of-a-long-passphrase",
        created_at=NOW,
    )


def meeting_row(number: int, owner: str = "louise", case_id: str | None = None) -> MeetingRow:
    return MeetingRow(
        id=f"netvaerksmoede-{number}",
        owner=owner,
        title=f"Emil, 9 år — møde {number}",
        template="three_columns",
        created_at=NOW + number,
        link_nonce=bytes([number]) * 16,
        join_hash=b"j" + bytes([number]) * 31,
        screen_hash=b"s" + bytes([number]) * 31,
        code_hash=b"c" + bytes([number]) * 31,
        facilitator_id=f"facilitator-{number}",
        case_id=case_id,
    )


def op(meeting: str, seq: int, client_id: str | None = None) -> OpRow:
    return OpRow(
        meeting=meeting,
        seq=seq,
        at=NOW + seq,
        actor="mormor-inge",
        client_id=client_id or f"{meeting}-op-{seq}",
        type="card.add",
        changes=f"Emil cykler selv i skole ({seq})".encode(),
    )


async def with_meeting(store: Store, number: int = 1) -> MeetingRow:
    if await store.user_by_id("louise") is None:
        await store.create_user(louise())
    row = meeting_row(number)
    await store.create_meeting(row, op(row.id, 1))
    return row


# -- accounts and sessions --------------------------------------------------------------------


async def test_a_user_is_found_by_email_and_by_id_and_counted(store: Store) -> None:
    assert await store.count_users() == 0
    await store.create_user(louise())
    assert await store.count_users() == 1
    assert await store.user_by_email("louise@aarhus.example") == louise()
    assert await store.user_by_id("louise") == louise()
    assert await store.user_by_email("ukendt@aarhus.example") is None


async def test_a_refused_write_fails_alone_in_its_group_commit(store: Store) -> None:
    await store.create_user(louise())
    duplicate = msgspec.structs.replace(louise("-2"), email="louise@aarhus.example")
    results = await asyncio.gather(
        store.create_user(louise("-a")),
        store.create_user(duplicate),
        store.create_user(louise("-b")),
        return_exceptions=True,
    )
    assert results[0] is None and results[2] is None
    assert isinstance(results[1], REFUSED)
    assert await store.count_users() == 3
    assert await store.user_by_id("louise-2") is None


async def test_a_session_ends_when_expired_idle_or_deleted(store: Store) -> None:
    await store.create_user(louise())
    await store.create_session(b"t" * 32, "louise", NOW + 3600)
    assert await store.session_user(b"t" * 32, NOW) == louise()
    assert await store.session_user(b"t" * 32, NOW + 3601) is None
    await store.touch_session(b"t" * 32, NOW + 10)
    assert await store.session_user(b"t" * 32, NOW + 20, seen_after=NOW + 5) == louise()
    assert await store.session_user(b"t" * 32, NOW + 20, seen_after=NOW + 15) is None
    await store.delete_session(b"t" * 32)
    assert await store.session_user(b"t" * 32, NOW) is None


# -- meetings, the op log and snapshots -------------------------------------------------------


async def test_a_meeting_is_found_by_id_by_each_link_and_by_its_owner(store: Store) -> None:
    first = await with_meeting(store, 1)
    second = await with_meeting(store, 2)
    assert await store.meeting(first.id) == first
    assert await store.meeting_by_hash("join_hash", first.join_hash) == first
    assert await store.meeting_by_hash("screen_hash", second.screen_hash) == second
    assert await store.meeting_by_hash("code_hash", second.code_hash) == second
    assert await store.meeting_by_hash("join_hash", b"x" * 32) is None
    assert await store.meetings_of("louise") == [second, first]
    assert await store.ops_after(first.id, 0, 10) == [op(first.id, 1)]


async def test_appended_ops_and_tokens_are_durable_in_a_store_opened_again(
    make_store: StoreMaker, store: Store
) -> None:
    row = await with_meeting(store)
    await store.append([op(row.id, 2), op(row.id, 3)], [(b"p" * 32, row.id, "mormor-inge")])
    await store.append([op(row.id, 4)])
    again = make_store()
    await again.open()
    try:
        assert await again.ops_after(row.id, 1, 2) == [op(row.id, 2), op(row.id, 3)]
        assert await again.ops_after(row.id, 3, 10) == [op(row.id, 4)]
        assert await again.client_ids(row.id) == {op(row.id, s).client_id: s for s in (1, 2, 3, 4)}
        assert await again.participant_by_token(b"p" * 32) == (row.id, "mormor-inge")
        assert await again.participant_by_token(b"q" * 32) is None
    finally:
        await again.close()


async def test_a_seq_written_twice_is_refused_with_its_whole_batch(store: Store) -> None:
    row = await with_meeting(store)
    await store.append([op(row.id, 2)])
    with pytest.raises(REFUSED):
        await store.append([op(row.id, 3), op(row.id, 2, "a-stale-writer")])
    assert [o.seq for o in await store.ops_after(row.id, 0, 10)] == [1, 2]
    assert (await store.ops_after(row.id, 1, 1))[0].client_id == op(row.id, 2).client_id


async def test_a_client_op_id_written_twice_in_a_meeting_is_refused(store: Store) -> None:
    row = await with_meeting(store)
    await store.append([op(row.id, 2, "telefon-op-7")])
    with pytest.raises(REFUSED):
        await store.append([op(row.id, 3, "telefon-op-7")])
    assert await store.client_ids(row.id) == {op(row.id, 1).client_id: 1, "telefon-op-7": 2}


async def test_concurrent_appends_of_many_meetings_are_all_durable_in_order(
    store: Store,
) -> None:
    rows = [await with_meeting(store, number) for number in range(1, 6)]
    await asyncio.gather(*(store.append([op(row.id, seq)]) for seq in range(2, 22) for row in rows))
    for row in rows:
        assert [o.seq for o in await store.ops_after(row.id, 0, 100)] == list(range(1, 22))


async def test_the_latest_snapshot_replaces_the_older_ones(store: Store) -> None:
    row = await with_meeting(store)
    assert await store.latest_snapshot(row.id) is None
    await store.save_snapshot(row.id, 5, b"state at five")
    await store.save_snapshot(row.id, 9, b"state at nine")
    await store.save_snapshot(row.id, 9, b"state at nine, again")
    assert await store.latest_snapshot(row.id) == (9, b"state at nine, again")


# -- audit, cases, closing and retention ------------------------------------------------------


async def test_the_audit_log_shows_an_owner_their_rows_newest_first(store: Store) -> None:
    row = await with_meeting(store)
    await store.audit(AuditEvent(at=NOW, actor="louise", action="login", owner="louise"))
    await store.audit(
        AuditEvent(
            at=NOW + 1, meeting=row.id, actor="mormor-inge", action="join", actor_name="Mormor Inge"
        )
    )
    await store.audit(
        AuditEvent(at=NOW + 2, actor="someone-else", action="login", owner="someone-else")
    )
    log = await store.audit_log("louise", 10)
    assert [(a.action, a.who, a.meeting_title) for a in log] == [
        ("join", "Mormor Inge", row.title),
        ("login", "Louise Holm Sørensen", None),
    ]
    await store.forget_audit(NOW + 0.5)
    assert [a.action for a in await store.audit_log("louise", 10)] == ["join"]


async def test_a_deleted_case_takes_its_meetings_and_everything_of_them(store: Store) -> None:
    await store.create_team(TeamRow(id="afdeling", name="Afdelingen", created_at=NOW))
    await store.create_user(louise())
    case = CaseRow(
        id="sag-emil", owner="louise", title="Emil, 9 år", created_at=NOW, team_id="afdeling"
    )
    await store.create_case(case)
    assert await store.case("sag-emil") == case
    assert await store.cases_of_team("afdeling") == [case]
    row = meeting_row(1, case_id=case.id)
    await store.create_meeting(row, op(row.id, 1))
    other = await with_meeting(store, 2)
    await store.append([op(row.id, 2)], [(b"p" * 32, row.id, "far-jonas")])
    await store.save_snapshot(row.id, 2, b"state")
    await store.audit(
        AuditEvent(at=NOW, meeting=row.id, actor="louise", action="export", owner="louise")
    )
    await store.audit(
        AuditEvent(at=NOW, actor="louise", action="case.delete", detail=case.id, owner="louise")
    )
    assert await store.meetings_in_case(case.id) == [row]
    await store.delete_case(case.id)
    assert await store.case(case.id) is None
    assert await store.meeting(row.id) is None
    assert await store.ops_after(row.id, 0, 10) == []
    assert await store.latest_snapshot(row.id) is None
    assert await store.participant_by_token(b"p" * 32) is None
    assert await store.audit_log("louise", 10) == []
    assert await store.meeting(other.id) == other
    assert await store.meetings_present([row.id, other.id, "ukendt"]) == {other.id}


async def test_closed_meetings_expire_unless_kept_and_deleting_them_leaves_nothing(
    store: Store,
) -> None:
    closed = await with_meeting(store, 1)
    kept = await with_meeting(store, 2)
    still_open = await with_meeting(store, 3)
    await store.mark_closed(closed.id, NOW, "2025-12-01T10:00")
    await store.mark_closed(kept.id, NOW, None)
    await store.keep_until(kept.id, NOW + 1000)
    assert (await store.meeting(closed.id)) == msgspec.structs.replace(
        closed, closed_at=NOW, next_meeting="2025-12-01T10:00"
    )
    assert await store.expired_meetings(NOW + 1, NOW + 10) == [closed.id]
    assert sorted(await store.expired_meetings(NOW + 1, NOW + 2000)) == [closed.id, kept.id]
    await store.append([op(closed.id, 2)], [(b"p" * 32, closed.id, "far-jonas")])
    await store.save_snapshot(closed.id, 2, b"state")
    await store.audit(
        AuditEvent(at=NOW, meeting=closed.id, actor="louise", action="join", owner="louise")
    )
    await store.delete_meetings([closed.id])
    assert await store.meeting(closed.id) is None
    assert await store.ops_after(closed.id, 0, 10) == []
    assert await store.latest_snapshot(closed.id) is None
    assert await store.participant_by_token(b"p" * 32) is None
    assert await store.audit_log("louise", 10) == []
    assert await store.meeting(still_open.id) == still_open


async def test_a_closed_store_refuses_writes_and_an_open_one_answers_a_ping(
    make_store: StoreMaker,
) -> None:
    opened = make_store()
    await opened.open()
    await opened.ping()
    await opened.close()
    with pytest.raises(RuntimeError):
        await opened.create_user(louise())


# -- a Room over each store ---------------------------------------------------------------------


async def test_a_room_acks_once_per_client_op_and_reloads_identical(
    make_store: StoreMaker, store: Store
) -> None:
    owner = await create_user(store, "louise@aarhus.example", "Louise", "Emil-i-skole-2025")
    row = await meetings.create_meeting(store, KEYS, owner, "Emil, 9 år", "three_columns")
    published: list[ChangesEvent] = []

    async def publish(_: str, event: ChangesEvent, seen: OpView) -> None:
        published.append(event)

    room = await Rooms(store, publish).get(row.id)
    written = [NOTES[i % len(NOTES)] for i in range(30)]
    notes = [AddCard(id=op_id(), card_id=card_id(), column=n.column, text=n.text) for n in written]
    started = time.monotonic()
    acks = await asyncio.gather(*(room.submit(note, row.facilitator_id) for note in notes))
    assert time.monotonic() - started < 10
    again = await asyncio.gather(*(room.submit(note, row.facilitator_id) for note in notes[:5]))
    assert [a.seq for a in again] == [a.seq for a in acks[:5]]
    assert sorted(a.seq or 0 for a in acks) == list(range(2, 32))
    assert [event.seq for event in published] == list(range(2, 32))

    reopened = make_store()
    await reopened.open()
    try:
        loaded = await Room.load(row.id, reopened, publish)
        assert msgspec.msgpack.encode(loaded.state) == msgspec.msgpack.encode(room.state)
        repeat = await loaded.submit(notes[0], row.facilitator_id)
        assert repeat.seq == acks[0].seq
        assert loaded.seq == 31
        sync = await loaded.sync(29, Viewer(role="facilitator"))
        assert [o.seq for o in sync.ops or []] == [30, 31]
    finally:
        await reopened.close()


# -- what privacy-robust adds: quiet intents, writes after a deletion, renewed join links ------


async def test_an_intent_that_changed_nothing_is_kept_for_dedupe_in_a_store_opened_again(
    make_store: StoreMaker,
) -> None:
    store = make_store()
    await store.open()
    row = await with_meeting(store)
    quiet = QuietIntent(meeting=row.id, client_id="telefon-op-9", seq=1)
    await store.append([op(row.id, 2)], quiet=[quiet])
    await store.close()
    again = make_store()
    await again.open()
    try:
        assert await again.client_ids(row.id) == {
            f"{row.id}-op-1": 1,
            f"{row.id}-op-2": 2,
            "telefon-op-9": 1,
        }
        assert [o.seq for o in await again.ops_after(row.id, 0, 10)] == [1, 2]
    finally:
        await again.close()


async def test_nothing_of_a_deleted_meeting_is_written_and_the_other_meetings_are(
    store: Store,
) -> None:
    gone, kept = await with_meeting(store, 1), await with_meeting(store, 2)
    await store.delete_meetings([gone.id])
    results = await asyncio.gather(
        store.append([op(gone.id, 2)], [(b"g" * 32, gone.id, "far-jonas")]),
        store.append([op(kept.id, 2)], [(b"k" * 32, kept.id, "mormor-inge")]),
        store.append([], quiet=[QuietIntent(meeting=gone.id, client_id="x", seq=1)]),
        return_exceptions=True,
    )
    assert isinstance(results[0], Exception) and isinstance(results[2], Exception), results
    assert results[1] is None
    await store.save_snapshot(gone.id, 2, b"Emil cykler selv i skole")
    await store.audit(
        AuditEvent(
            at=NOW, meeting=gone.id, actor="mormor-inge", action="participant.join", detail="Inge"
        )
    )
    assert await store.ops_after(gone.id, 0, 10) == []
    assert await store.client_ids(gone.id) == {}
    assert await store.latest_snapshot(gone.id) is None
    assert await store.participant_by_token(b"g" * 32) is None
    assert await store.participant_by_token(b"k" * 32) == (kept.id, "mormor-inge")
    assert [o.seq for o in await store.ops_after(kept.id, 0, 10)] == [1, 2]
    assert [r.meeting_id for r in await store.audit_log("louise", 10)] == []


async def test_a_renewed_join_link_and_code_replace_the_old_ones(store: Store) -> None:
    row = await with_meeting(store)
    await store.renew_join(row.id, b"n" * 16, b"J" * 32, b"C" * 32)
    assert await store.meeting_by_hash("join_hash", row.join_hash) is None
    assert await store.meeting_by_hash("code_hash", row.code_hash) is None
    renewed = await store.meeting_by_hash("join_hash", b"J" * 32)
    assert renewed is not None and renewed.id == row.id
    assert (renewed.join_nonce, renewed.code_hash) == (b"n" * 16, b"C" * 32)
    assert renewed.screen_hash == row.screen_hash and renewed.link_nonce == row.link_nonce
