"""Sessions end after 12 hours, or after 2 hours unused; a browser's cross-site POST is refused."""

import sqlite3
import time

from server.auth import Keys
from server.settings import load_secret

from .kit import Account, Clients, Server, create_meeting, get, post, setup_first

HOUR = 3600.0


async def sign_in(server: Server, account: Account) -> Account:
    """A new session of Louise's, so the tests can age it on its own."""
    login = await post(server, "/api/login", {"email": account.email, "password": account.password})
    assert login.status_code == 200, login.text
    return Account(account.name, account.email, account.password, login.cookies["kreds_session"])


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
