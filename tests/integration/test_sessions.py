"""Sessions end after 12 hours, or after 2 hours unused, and their sockets close at once when
they end (sign-out, expiry, a password change, a deleted account); a browser's cross-site POST
is refused."""

import sqlite3
import time
from collections.abc import AsyncIterator

import pytest

from server.services.auth import Keys
from server.settings import load_secret

from .kit import (
    Account,
    Clients,
    MeetingLinks,
    Peer,
    Server,
    add_facilitator,
    create_meeting,
    get,
    post,
    setup_first,
    sign_in,
)

HOUR = 3600.0
SWEEP_WAIT = 6.0
"""The server looks for ended sessions every 2 s."""


@pytest.fixture
async def fresh_clients(fresh_server: Server) -> AsyncIterator[Clients]:
    crowd = Clients(fresh_server)
    yield crowd
    await crowd.close()


def digest(server: Server, session: Account) -> bytes:
    """The session's key in the database, as the server derives it."""
    return Keys(load_secret(server.data_dir)).digest(session.session)


def shift_session(server: Server, session: Account, *, expires_in: float, seen_ago: float) -> None:
    """Move one session in time, as if hours had passed."""
    with sqlite3.connect(server.data_dir / "kreds.sqlite3", timeout=10) as conn:
        moved = conn.execute(
            "UPDATE sessions SET expires_at = ?, seen_at = ? WHERE token_hash = ?",
            (time.time() + expires_in, time.time() - seen_ago, digest(server, session)),
        )
        assert moved.rowcount == 1


async def signed_in(server: Server, session: Account) -> bool:
    answer = (await get(server, "/api/session", account=session)).json()
    return answer["user"] is not None


async def test_a_session_ends_twelve_hours_after_sign_in_even_when_used(
    fresh_server: Server,
) -> None:
    louise = setup_first(fresh_server)
    assert await signed_in(fresh_server, louise)
    shift_session(fresh_server, louise, expires_in=-1, seen_ago=60)

    assert not await signed_in(fresh_server, louise)
    refused = await get(fresh_server, "/api/meetings", account=louise)
    assert (refused.status_code, refused.json()["code"]) == (403, "not_allowed")


async def test_a_session_unused_for_two_hours_ends(fresh_server: Server) -> None:
    louise = setup_first(fresh_server)
    shift_session(fresh_server, louise, expires_in=10 * HOUR, seen_ago=1.9 * HOUR)
    assert await signed_in(fresh_server, louise), "used within two hours: still signed in"
    shift_session(fresh_server, louise, expires_in=10 * HOUR, seen_ago=2.1 * HOUR)

    assert not await signed_in(fresh_server, louise)


async def test_using_a_session_keeps_it_alive(server: Server, account: Account) -> None:
    session = await sign_in(server, account)
    shift_session(server, session, expires_in=10 * HOUR, seen_ago=1.9 * HOUR)

    assert await signed_in(server, session)
    with sqlite3.connect(server.data_dir / "kreds.sqlite3") as conn:
        (seen,) = conn.execute(
            "SELECT seen_at FROM sessions WHERE token_hash = ?", (digest(server, session),)
        ).fetchone()
    assert time.time() - seen < 60, "the request marked the session as used"


async def test_an_expired_session_cannot_open_the_facilitators_socket(
    server: Server, account: Account, clients: Clients
) -> None:
    session = await sign_in(server, account)
    meeting = await create_meeting(server, session)
    shift_session(server, session, expires_in=10 * HOUR, seen_ago=3 * HOUR)

    try:
        await clients.facilitator(session, meeting)
    except Exception as refused:
        assert "not_allowed" in str(refused) or clients.peers[-1].refused is not None
    else:
        raise AssertionError("an idle session opened the meeting")
    # The session ends for every use, not only the socket.
    assert not await signed_in(server, session)


async def test_a_post_the_browser_marks_as_cross_site_is_refused(
    server: Server, account: Account
) -> None:
    session = await sign_in(server, account)
    before = (await get(server, "/api/meetings", account=session)).json()["meetings"]
    body = {"title": "Falsk møde", "template": "loeft"}

    tries = {
        site: await post(
            server,
            "/api/meetings",
            body,
            account=session,
            headers={"Origin": server.url, "Sec-Fetch-Site": site},
        )
        for site in ("cross-site", "same-site")
    }
    own = await post(
        server, "/api/meetings", body, account=session, headers={"Sec-Fetch-Site": "same-origin"}
    )

    assert {site: r.status_code for site, r in tries.items()} == dict.fromkeys(tries, 403)
    after = (await get(server, "/api/meetings", account=session)).json()["meetings"]
    assert len(after) == len(before) + 1
    assert own.status_code == 201


async def test_working_in_a_meeting_keeps_the_session_alive(
    server: Server, account: Account, clients: Clients
) -> None:
    """A facilitator may run a meeting for hours without an HTTP request: their intents count
    as use, so a reconnect late in the meeting is still let in."""
    session = await sign_in(server, account)
    meeting = await create_meeting(server, session)
    louise = await clients.facilitator(session, meeting)
    shift_session(server, session, expires_in=10 * HOUR, seen_ago=1.9 * HOUR)

    ack = await louise.add_note("Emil skal have en fast voksen i frikvartererne.", "next")

    assert ack["ok"], ack
    with sqlite3.connect(server.data_dir / "kreds.sqlite3") as conn:
        (seen,) = conn.execute(
            "SELECT seen_at FROM sessions WHERE token_hash = ?", (digest(server, session),)
        ).fetchone()
    assert time.time() - seen < 60


# -- sessions end everywhere at once -----------------------------------------------------------


async def closed_at_once(peer: Peer) -> None:
    """The socket was told why and closed, without waiting for a ping to time out."""
    await peer.wait_for(lambda: peer.disconnected, "disconnect", within=SWEEP_WAIT)
    goodbyes = peer.named("goodbye")
    assert goodbyes and goodbyes[-1]["code"] == "not_allowed", peer.events


async def refused_socket(clients: Clients, session: Account, meeting: MeetingLinks) -> bool:
    try:
        await clients.facilitator(session, meeting)
    except Exception:  # python-socketio's ConnectionError: refused
        return True
    return False


async def test_signing_out_closes_that_sessions_sockets_at_once(
    server: Server, account: Account, clients: Clients
) -> None:
    laptop = await sign_in(server, account)
    tablet = await sign_in(server, account)
    meeting = await create_meeting(server, laptop)
    on_laptop = await clients.facilitator(laptop, meeting)
    on_tablet = await clients.facilitator(tablet, meeting)

    out = await post(server, "/api/logout", {}, account=laptop)

    assert out.status_code == 204
    await closed_at_once(on_laptop)
    assert await refused_socket(clients, laptop, meeting)
    ack = await on_tablet.add_note("Mormor henter Emil om torsdagen.", "works")
    assert ack["ok"], "the other session was not signed out"


async def test_an_expired_session_closes_its_open_socket(
    server: Server, account: Account, clients: Clients
) -> None:
    session = await sign_in(server, account)
    meeting = await create_meeting(server, session)
    louise = await clients.facilitator(session, meeting)
    assert (await louise.add_note("Emil spiller fodbold om onsdagen.", "works"))["ok"]
    shift_session(server, session, expires_in=-1, seen_ago=60)

    await closed_at_once(louise)
    assert await refused_socket(clients, session, meeting)


async def test_the_next_intent_of_an_idle_session_is_refused(
    server: Server, account: Account, clients: Clients
) -> None:
    session = await sign_in(server, account)
    meeting = await create_meeting(server, session)
    louise = await clients.facilitator(session, meeting)
    shift_session(server, session, expires_in=10 * HOUR, seen_ago=2.5 * HOUR)

    try:
        ack = await louise.add_note("Far kører Emil til træning.", "works")
    except ConnectionError:
        pass  # the sweep closed the socket first
    else:
        assert (ack["ok"], ack["code"]) == (False, "not_allowed"), ack
    await closed_at_once(louise)
    seq = louise.replica.seq
    other = await sign_in(server, account)
    check = await clients.facilitator(other, meeting)
    assert check.replica.seq == seq, "the refused intent changed nothing"


async def test_a_password_change_ends_every_other_session_and_its_sockets(
    fresh_server: Server, fresh_clients: Clients
) -> None:
    clients = fresh_clients
    first = setup_first(fresh_server)
    meeting = await create_meeting(fresh_server, first)
    other = await sign_in(fresh_server, first)
    on_other = await clients.facilitator(other, meeting)
    on_first = await clients.facilitator(first, meeting)
    new_password = "Mormor-henter-om-torsdagen"

    changed = await post(
        fresh_server,
        "/api/account/password",
        {"current_password": first.password, "new_password": new_password},
        account=first,
    )

    assert changed.status_code == 204, changed.text
    await closed_at_once(on_other)
    assert not await signed_in(fresh_server, other)
    assert (await on_first.add_note("Skolen ringer hjem hver fredag.", "next"))["ok"]
    old = await post(fresh_server, "/api/login", {"email": first.email, "password": first.password})
    assert old.status_code == 401
    new = await post(fresh_server, "/api/login", {"email": first.email, "password": new_password})
    assert new.status_code == 200


async def test_a_password_change_needs_the_current_password_and_a_long_new_one(
    server: Server, account: Account
) -> None:
    session = await sign_in(server, account)
    tries = {
        "wrong current": {"current_password": "Forkert-kode-123", "new_password": "A" * 12},
        "too short": {"current_password": account.password, "new_password": "kort"},
        "too long": {"current_password": account.password, "new_password": "x" * 1001},
        "unknown field": {"current_password": account.password, "new_password": "A" * 12, "x": 1},
        "missing field": {"new_password": "A" * 12},
    }
    answers = {
        name: await post(server, "/api/account/password", body, account=session)
        for name, body in tries.items()
    }
    anonymous = await post(server, "/api/account/password", tries["too short"])

    assert {name: r.status_code for name, r in answers.items()} == {
        "wrong current": 403,
        "too short": 400,
        "too long": 413,
        "unknown field": 400,
        "missing field": 400,
    }
    assert answers["wrong current"].json()["message"] == "Den nuværende adgangskode er forkert."
    assert anonymous.status_code == 403
    assert await signed_in(server, session), "nothing changed"
    again = await post(server, "/api/login", {"email": account.email, "password": account.password})
    assert again.status_code == 200


async def test_deleting_an_account_closes_its_sockets_and_erases_its_meetings(
    fresh_server: Server, fresh_clients: Clients
) -> None:
    clients = fresh_clients
    setup_first(fresh_server)
    morten = await add_facilitator(fresh_server, "morten@kommune.dk", "Morten Vestergaard")
    meeting = await create_meeting(fresh_server, morten)
    on_meeting = await clients.facilitator(morten, meeting)
    screen = await clients.connect("skærm", {"screen_token": meeting.screen_token})
    await screen.hello()

    wrong = await post(
        fresh_server, "/api/account/delete", {"password": "Forkert-kode-123"}, account=morten
    )
    assert wrong.status_code == 403 and await signed_in(fresh_server, morten)
    deleted = await post(
        fresh_server, "/api/account/delete", {"password": morten.password}, account=morten
    )

    assert deleted.status_code == 204, deleted.text
    await closed_at_once(on_meeting)
    # The room's screen is told, as for any deleted meeting.
    await screen.wait_for(lambda: screen.disconnected, "the end of the screen's connection")
    assert [data["code"] for data in screen.named("goodbye")] == ["deleted"]
    assert not await signed_in(fresh_server, morten)
    login = await post(
        fresh_server, "/api/login", {"email": morten.email, "password": morten.password}
    )
    assert login.status_code == 401
    with sqlite3.connect(fresh_server.data_dir / "kreds.sqlite3") as conn:
        left = conn.execute("SELECT count(*) FROM ops WHERE meeting = ?", (meeting.id,)).fetchone()
    assert left == (0,)
    # Nor on the disk: not in the database file, nor in its write-ahead log.
    for path in fresh_server.data_dir.glob("kreds.sqlite3*"):
        assert meeting.title.encode() not in path.read_bytes(), path.name


async def test_an_account_with_a_case_is_not_deleted(fresh_server: Server) -> None:
    louise = setup_first(fresh_server)
    case = await post(fresh_server, "/api/cases", {"title": "Emil, 9 år"}, account=louise)
    assert case.status_code == 201

    refused = await post(
        fresh_server, "/api/account/delete", {"password": louise.password}, account=louise
    )

    assert refused.status_code == 409
    assert await signed_in(fresh_server, louise)
