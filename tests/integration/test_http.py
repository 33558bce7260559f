"""The HTTP API's defences: one-time setup, throttling, CSRF, size limits, headers, cookies."""

import asyncio
import itertools
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
import socketio
import websockets

from .kit import (
    FACILITATOR,
    PASSWORD,
    TLS,
    WAIT,
    Account,
    Clients,
    MeetingLinks,
    Peer,
    Server,
    create_meeting,
    get,
    notes_by,
    person,
    post,
    sign_in,
    totp_code,
)

FOREIGN = "https://kreds.evil.example"


def _from(address: str) -> dict[str, str]:
    """A request that came through the reverse proxy from this address (uvicorn trusts
    X-Forwarded-For from loopback), so each test has throttles of its own."""
    return {"X-Forwarded-For": address}


_hosts = itertools.count(1)


def _address() -> str:
    """A client address no other test uses (from the documentation range)."""
    return f"198.51.100.{next(_hosts)}"


async def _meeting_ids(server: Server, account: Account) -> set[str]:
    response = await get(server, "/api/meetings", account=account)
    assert response.status_code == 200, response.text
    return {meeting["id"] for meeting in response.json()["meetings"]}


async def test_setup_works_once_then_answers_conflict(fresh_server: Server) -> None:
    before = (await get(fresh_server, "/api/session")).json()
    people = [("Louise", FACILITATOR["email"]), ("Mads Kjær", "mads.kjaer@kommune.example")]
    # Two first visitors at once: only one of them becomes the facilitator.
    racing = await asyncio.gather(
        *(
            post(fresh_server, "/api/setup", {"name": n, "email": e, "password": PASSWORD})
            for n, e in people
        )
    )
    late = await post(
        fresh_server,
        "/api/setup",
        {"name": "Katrine", "email": "katrine@kommune.example", "password": PASSWORD},
    )
    after = (await get(fresh_server, "/api/session")).json()

    nobody = {
        "user": None,
        "stage": None,
        "methods": [],
        "email": None,
        "provider": None,
        "local_passwords": True,
    }
    assert before == {"setup_needed": True, **nobody}
    assert sorted(r.status_code for r in racing) == [201, 409]
    assert (late.status_code, late.json()["code"]) == (409, "conflict")
    assert after == {"setup_needed": False, **nobody}
    winner = next(r for r in racing if r.status_code == 201)
    enrolling = await get(
        fresh_server,
        "/api/session",
        headers={"Cookie": f"kreds_session={winner.cookies['kreds_session']}"},
    )
    # The winner enrols a second factor before being signed in.
    assert enrolling.json()["stage"] == "enrol"
    assert enrolling.json()["email"] in {e for _, e in people}
    with sqlite3.connect(fresh_server.data_dir / "kreds.sqlite3") as conn:
        assert conn.execute("SELECT count(*), max(role) FROM users").fetchone() == (1, "admin")
    for name, email in [*people, ("Katrine", "katrine@kommune.example")]:
        if email != enrolling.json()["email"]:
            login = await post(fresh_server, "/api/login", {"email": email, "password": PASSWORD})
            assert login.status_code == 401, f"{name} got an account after all"


async def test_repeated_sign_in_failures_are_throttled(server: Server, account: Account) -> None:
    attacker, colleague = _address(), _address()
    wrong = {"email": account.email, "password": "Forkert-kodeord-123"}
    right = {"email": account.email, "password": account.password}

    failures = [await post(server, "/api/login", wrong, headers=_from(attacker)) for _ in range(5)]
    throttled = await post(server, "/api/login", wrong, headers=_from(attacker))
    even_right = await post(server, "/api/login", right, headers=_from(attacker))
    elsewhere = await post(server, "/api/login", right, headers=_from(colleague))

    assert [r.status_code for r in failures] == [401] * 5
    assert {r.json()["code"] for r in failures} == {"not_allowed"}
    assert (throttled.status_code, throttled.json()["code"]) == (429, "rate_limited")
    assert even_right.status_code == 429
    assert "kreds_session" not in even_right.cookies
    assert elsewhere.status_code == 200


async def test_wrong_join_codes_are_not_found_and_throttled(
    server: Server, account: Account
) -> None:
    meeting = await create_meeting(server, account)
    guesser, phone = _address(), _address()
    wrong = [f"{(int(meeting.join_code) + n) % 10**8:08d}" for n in range(1, 20)] + ["12ab5678"]

    guesses = [
        await post(server, "/api/join/code", {"code": c}, headers=_from(guesser)) for c in wrong
    ]
    throttled = await post(
        server, "/api/join/code", {"code": meeting.join_code}, headers=_from(guesser)
    )
    spaced = f"{meeting.join_code[:4]} {meeting.join_code[4:]}"
    typed = await post(server, "/api/join/code", {"code": spaced}, headers=_from(phone))

    assert [r.status_code for r in guesses] == [404] * 20
    assert {r.json()["code"] for r in guesses} == {"not_found"}
    assert (throttled.status_code, throttled.json()["code"]) == (429, "rate_limited")
    assert typed.status_code == 200
    assert typed.json() == {"join_token": meeting.join_token}


@dataclass
class Watched:
    """A meeting Louise has open, to see that refused requests add no one to it."""

    meeting: MeetingLinks
    louise: Peer
    seq: int

    def join_body(self) -> dict[str, object]:
        sara = person("Sara")
        return {"join_token": self.meeting.join_token, "name": sara.name, "role": sara.role}

    async def assert_unchanged(self) -> None:
        await self.louise.unchanged_since(self.seq)
        assert self.louise.replica.seq == self.seq


@pytest.fixture
async def watched(server: Server, account: Account, clients: Clients) -> Watched:
    meeting = await create_meeting(server, account)
    louise = await clients.facilitator(account, meeting)
    assert louise.replica.seq is not None
    return Watched(meeting, louise, louise.replica.seq)


async def test_post_without_json_content_type_is_refused_and_creates_nothing(
    server: Server, account: Account, watched: Watched
) -> None:
    before = await _meeting_ids(server, account)
    join_body = watched.join_body()
    meeting_body = '{"title": "Netværksmøde om Emil", "template": "three_columns"}'
    sent = {
        "text/plain": ("text/plain", meeting_body),
        "form": ("application/x-www-form-urlencoded", "title=Netv%C3%A6rksm%C3%B8de"),
        "multipart": ("multipart/form-data; boundary=x", "--x--"),
        "none": (None, meeting_body),
    }
    answers = {}
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT, verify=TLS) as http:
        for name, (kind, body) in sent.items():
            headers = {**account.cookie, **({"Content-Type": kind} if kind else {})}
            response = await http.post("/api/meetings", content=body, headers=headers)
            answers[name] = (response.status_code, response.json()["code"])
        joining = await http.post(
            "/api/join",
            content=httpx.Request("POST", "/", json=join_body).content,
            headers={"Content-Type": "text/plain"},
        )
    answers["join as text/plain"] = (joining.status_code, joining.json()["code"])

    assert answers == dict.fromkeys(answers, (403, "not_allowed"))
    assert await _meeting_ids(server, account) == before
    await watched.assert_unchanged()


async def test_post_from_a_foreign_origin_is_refused_and_creates_nothing(
    server: Server, account: Account, watched: Watched
) -> None:
    before = await _meeting_ids(server, account)
    join_body = watched.join_body()
    foreign = {"Origin": FOREIGN}
    tries = {
        "new meeting": await post(
            server,
            "/api/meetings",
            {"title": "Falsk møde", "template": "loeft"},
            account=account,
            headers=foreign,
        ),
        "join": await post(server, "/api/join", join_body, headers=foreign),
        "join from an opaque origin": await post(
            server, "/api/join", join_body, headers={"Origin": "null"}
        ),
        "sign in": await post(
            server,
            "/api/login",
            {"email": account.email, "password": account.password},
            headers=foreign,
        ),
        "sign out": await post(server, "/api/logout", {}, account=account, headers=foreign),
    }

    assert {name: r.status_code for name, r in tries.items()} == dict.fromkeys(tries, 403)
    assert "kreds_session" not in tries["sign in"].cookies
    assert await _meeting_ids(server, account) == before, "the session still works"
    await watched.assert_unchanged()


async def test_body_over_16_kb_is_too_large_and_creates_nothing(
    server: Server, watched: Watched
) -> None:
    # A join that would be accepted but for its size: the padding is only whitespace.
    fine = httpx.Request("POST", "/", json=watched.join_body()).content
    padded = fine[:-1] + b" " * (16 * 1024) + b"}"
    sent = {"Content-Type": "application/json", "Origin": server.url}

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(padded), 4096):
            yield padded[start : start + 4096]

    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT, verify=TLS) as http:
        declared = await http.post("/api/join", content=padded, headers=sent)
        streamed = await http.post("/api/join", content=chunks(), headers=sent)

    assert "content-length" not in streamed.request.headers
    assert (declared.status_code, declared.json().get("code")) == (413, "too_large")
    assert (streamed.status_code, streamed.json().get("code")) == (413, "too_large")
    await watched.assert_unchanged()


@pytest.mark.parametrize("path", ["/", "/j", "/s", "/healthz", "/api/session", "/api/ukendt"])
async def test_security_headers_are_on_every_response(server: Server, path: str) -> None:
    response = await get(server, path)
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in response.headers["Content-Security-Policy"].split(";")
        if directive.strip()
    }
    scripts = policy.get("script-src", policy.get("default-src"))

    assert scripts is not None and "'self'" in scripts
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(scripts)
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_session_cookie_is_http_only_and_same_site_strict(
    server: Server, account: Account
) -> None:
    response = await post(
        server, "/api/login", {"email": account.email, "password": account.password}
    )
    assert response.status_code == 200
    pending = Account("", "", "", response.cookies["kreds_session"])
    code = {"code": totp_code(account.totp_secret)}
    finished = await post(server, "/api/2fa/totp", code, account=pending)
    assert finished.status_code == 200, finished.text

    for answer, max_age in ((response, "Max-Age=600"), (finished, "Max-Age=43200")):
        cookie = answer.headers["Set-Cookie"]
        attributes = {
            part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")
        }
        assert cookie.startswith("kreds_session=")
        assert "httponly" in attributes
        assert attributes["samesite"].lower() == "samesite=strict"
        assert attributes["path"] == "Path=/"
        assert attributes["max-age"] == max_age, "half signed in: ten minutes"
        assert "secure" not in attributes, "plain HTTP on loopback: a Secure cookie would be lost"


async def test_sign_out_ends_the_session(server: Server, account: Account) -> None:
    session = await sign_in(server, account)
    assert (await get(server, "/api/meetings", account=session)).status_code == 200

    out = await post(server, "/api/logout", {}, account=session)

    assert out.status_code == 204
    refused = await get(server, "/api/meetings", account=session)
    assert (refused.status_code, refused.json()["code"]) == (403, "not_allowed")
    assert (await get(server, "/api/meetings", account=account)).status_code == 200


async def test_socket_with_a_foreign_origin_is_refused(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await create_meeting(server, account)
    refused = {}
    for name, auth, headers in [
        ("facilitator", {"meeting_id": meeting.id}, account.cookie),
        ("screen", {"screen_token": meeting.screen_token}, {}),
    ]:
        peer = Peer(name)
        clients.peers.append(peer)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await peer.connect(server, auth, {**headers, "Origin": FOREIGN})
        refused[name] = peer.events

    own = await clients.connect(
        "mødeleder", {"meeting_id": meeting.id}, {**account.cookie, "Origin": server.url}
    )
    assert refused == {"facilitator": [], "screen": []}
    assert own.welcome is not None and own.welcome["role"] == "facilitator"
    note = await own.add_note(notes_by("Katrine")[0])
    assert note["ok"]


async def test_websockets_compress_with_a_small_window(server: Server) -> None:
    # As a browser offers it; the answer sets both windows to 2 KB (server/transport/websocket.py).
    url = server.url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
    async with websockets.connect(url, compression="deflate") as socket:
        assert (await socket.recv()).startswith("0{")
        offered = socket.response.headers["Sec-WebSocket-Extensions"]
    assert offered.startswith("permessage-deflate")
    assert "server_max_window_bits=11" in offered and "client_max_window_bits=11" in offered
