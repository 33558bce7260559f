"""A second factor for local accounts: enrolment at the first sign-in, passkeys, app codes and
recovery codes; and every abuse refused with a Danish message and an audit line, leaving
nobody signed in: a replayed or foreign passkey assertion, a reused or guessed code."""

import asyncio
import sqlite3
import sys
import time
from typing import Any

import httpx
import pyotp

from .authenticator import Authenticator
from .kit import (
    ROOT,
    Account,
    Clients,
    Server,
    add_facilitator,
    create_meeting,
    get,
    post,
    setup_first,
    sign_in,
    totp_code,
)
from .test_sessions import closed_at_once, refused_socket

KREDS = [sys.executable, "-m", "server.cli"]


async def half_signed_in(server: Server, account: Account) -> str:
    """The password given; the session that may only finish signing in."""
    login = await post(server, "/api/login", {"email": account.email, "password": account.password})
    assert login.status_code == 200, login.text
    assert login.json() == {
        "user": None,
        "stage": "second_factor",
        "methods": ["passkey", "totp", "recovery"],
    }
    return login.cookies["kreds_session"]


def as_cookie(session: str) -> Account:
    return Account("", "", "", session)


async def call(server: Server, path: str, body: Any, session: str) -> httpx.Response:
    return await post(server, path, body, account=as_cookie(session))


def log_rows(server: Server, action: str) -> list[tuple[str, str]]:
    with sqlite3.connect(server.data_dir / "kreds.sqlite3", timeout=10) as conn:
        rows = conn.execute(
            "SELECT actor, COALESCE(owner, '') FROM audit WHERE action = ? ORDER BY id",
            (action,),
        ).fetchall()
    return [(str(a), str(o)) for a, o in rows]


async def user_id(server: Server, account: Account) -> str:
    found: str = (await get(server, "/api/session", account=account)).json()["user"]["id"]
    return found


async def is_signed_in(server: Server, session: str) -> bool:
    answer = (await get(server, "/api/session", account=as_cookie(session))).json()
    return answer["user"] is not None


# -- enrolment ---------------------------------------------------------------------------------


async def test_a_new_account_is_signed_in_only_after_enrolling(
    fresh_server: Server,
) -> None:
    setup = await post(
        fresh_server,
        "/api/setup",
        {"name": "Louise Holm", "email": "louise@kommune.example", "password": "Emil-i-skole-2025"},
    )
    assert setup.status_code == 201
    assert setup.json() == {"user": None, "stage": "enrol", "methods": []}
    pending = setup.cookies["kreds_session"]

    shown = (await get(fresh_server, "/api/session", account=as_cookie(pending))).json()
    meetings = await get(fresh_server, "/api/meetings", account=as_cookie(pending))
    sign_in_instead = await call(fresh_server, "/api/2fa/totp", {"code": "123456"}, pending)

    assert (shown["user"], shown["stage"], shown["email"]) == (
        None,
        "enrol",
        "louise@kommune.example",
    )
    assert meetings.status_code == 403
    assert sign_in_instead.status_code == 403, "an account without a factor cannot skip it"

    new = await call(fresh_server, "/api/2fa/totp/new", {}, pending)
    secret = new.json()["secret"]
    assert new.json()["uri"].startswith("otpauth://totp/Kreds:louise%40kommune.example?")
    assert new.json()["qr_svg"].startswith("<svg")
    wrong = await call(fresh_server, "/api/2fa/totp/confirm", {"code": "000000"}, pending)
    assert wrong.status_code == 400
    assert wrong.json()["message"].startswith("Koden passer ikke.")
    done = await call(
        fresh_server, "/api/2fa/totp/confirm", {"code": pyotp.TOTP(secret).now()}, pending
    )
    assert done.status_code == 200, done.text
    assert len(done.json()["recovery_codes"]) == 10
    assert done.json()["user"]["role"] == "admin"
    assert not await is_signed_in(fresh_server, pending), "the half session is gone"
    assert await is_signed_in(fresh_server, done.cookies["kreds_session"])
    with sqlite3.connect(fresh_server.data_dir / "kreds.sqlite3") as conn:
        dump = "\n".join(conn.iterdump())
    assert secret not in dump, "the app's secret is sealed"
    assert all(code not in dump for code in done.json()["recovery_codes"])


async def test_a_password_alone_reaches_nothing(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await create_meeting(server, account)
    pending = await half_signed_in(server, account)

    answers = [
        await get(server, "/api/meetings", account=as_cookie(pending)),
        await get(server, f"/api/meetings/{meeting.id}", account=as_cookie(pending)),
        await get(server, "/api/audit", account=as_cookie(pending)),
        await call(server, "/api/cases", {"title": "Emil"}, pending),
        await call(server, "/api/2fa/totp/new", {}, pending),
        await call(server, "/api/2fa/passkey/register/options", {}, pending),
    ]

    assert [a.status_code for a in answers] == [403] * len(answers)
    assert await refused_socket(clients, as_cookie(pending), meeting)


async def test_signing_in_with_a_passkey_or_an_app_code(server: Server, account: Account) -> None:
    by_passkey = await sign_in(server, account)
    pending = await half_signed_in(server, account)
    code = totp_code(account.totp_secret)
    by_code = await call(server, "/api/2fa/totp", {"code": code}, pending)

    assert await is_signed_in(server, by_passkey.session)
    assert by_code.status_code == 200, by_code.text
    assert await is_signed_in(server, by_code.cookies["kreds_session"])


async def test_the_half_signed_in_session_ends_after_ten_minutes(
    server: Server, account: Account
) -> None:
    pending = await half_signed_in(server, account)
    with sqlite3.connect(server.data_dir / "kreds.sqlite3", timeout=10) as conn:
        conn.execute("UPDATE sessions SET expires_at = ? WHERE stage != 'full'", (time.time(),))
    options = await call(server, "/api/2fa/passkey/options", {}, pending)
    assert options.status_code == 403


# -- abuse: app codes and recovery codes -------------------------------------------------------


async def test_an_app_code_is_accepted_once(fresh_server: Server) -> None:
    louise = await asyncio.to_thread(setup_first, fresh_server)
    code = totp_code(louise.totp_secret)
    first = await call(
        fresh_server, "/api/2fa/totp", {"code": code}, await half_signed_in(fresh_server, louise)
    )
    pending = await half_signed_in(fresh_server, louise)
    again = await call(fresh_server, "/api/2fa/totp", {"code": code}, pending)

    assert first.status_code == 200, first.text
    assert again.status_code == 403
    assert again.json()["message"] == (
        "Koden passer ikke. Tjek, at du bruger den nyeste kode fra appen."
    )
    assert not await is_signed_in(fresh_server, pending)
    assert log_rows(fresh_server, "user.2fa.failed.totp") == [
        ("", await user_id(fresh_server, louise))
    ]


async def test_guessing_app_codes_is_throttled_per_account(fresh_server: Server) -> None:
    louise = await asyncio.to_thread(setup_first, fresh_server)
    guesses = [f"{n:06d}" for n in (111111, 222222, 333333, 444444, 555555)]
    answers = []
    for guess in guesses:
        # Each from a fresh half session, as a guesser signing in again would.
        answers.append(
            await call(
                fresh_server,
                "/api/2fa/totp",
                {"code": guess},
                await half_signed_in(fresh_server, louise),
            )
        )
    pending = await half_signed_in(fresh_server, louise)
    right = totp_code(louise.totp_secret)
    blocked = await call(fresh_server, "/api/2fa/totp", {"code": right}, pending)
    recovery = await call(
        fresh_server, "/api/2fa/recovery", {"code": louise.recovery_codes[0]}, pending
    )

    assert [a.status_code for a in answers] == [403] * 5
    assert (blocked.status_code, recovery.status_code) == (429, 429)
    assert blocked.json()["message"] == "For mange forkerte forsøg. Vent et kvarter, og prøv igen."
    assert not await is_signed_in(fresh_server, pending)
    assert len(log_rows(fresh_server, "user.2fa.failed.totp")) == 5


async def test_a_recovery_code_works_once(server: Server, account: Account) -> None:
    code = account.recovery_codes[-1]
    first = await call(
        server, "/api/2fa/recovery", {"code": code.upper()}, await half_signed_in(server, account)
    )
    pending = await half_signed_in(server, account)
    again = await call(server, "/api/2fa/recovery", {"code": code}, pending)

    assert first.status_code == 200, first.text
    assert again.status_code == 403
    assert again.json()["message"] == "Gendannelseskoden passer ikke, eller den er brugt."
    assert not await is_signed_in(server, pending)


# -- abuse: passkeys ---------------------------------------------------------------------------


async def test_a_passkey_of_another_account_is_refused(server: Server, account: Account) -> None:
    mads = await add_facilitator(server, "mads.noegle@kommune.example", "Mads Nøgle")
    pending = await half_signed_in(server, account)
    options = (await call(server, "/api/2fa/passkey/options", {}, pending)).json()
    assert mads.passkey is not None
    foreign = mads.passkey.get(options, server.url)

    refused = await call(server, "/api/2fa/passkey", {"credential": foreign}, pending)

    assert refused.status_code == 403
    assert refused.json()["message"] == "Den nøgle hører ikke til din konto."
    assert not await is_signed_in(server, pending)
    assert ("", await user_id(server, account)) in log_rows(server, "user.2fa.failed.passkey")


async def test_a_replayed_passkey_assertion_is_refused(server: Server, account: Account) -> None:
    assert account.passkey is not None
    pending = await half_signed_in(server, account)
    options = (await call(server, "/api/2fa/passkey/options", {}, pending)).json()
    answer = account.passkey.get(options, server.url)
    first = await call(server, "/api/2fa/passkey", {"credential": answer}, pending)
    assert first.status_code == 200, first.text

    # The recorded answer sent again: within a new sign-in, and to the same (used) challenge.
    later = await half_signed_in(server, account)
    await call(server, "/api/2fa/passkey/options", {}, later)
    replayed = await call(server, "/api/2fa/passkey", {"credential": answer}, later)
    stale = await call(
        server, "/api/2fa/passkey", {"credential": answer}, first.cookies["kreds_session"]
    )

    assert replayed.status_code == 403
    assert replayed.json()["message"].startswith("Nøglen blev ikke godkendt.")
    assert stale.status_code == 403
    assert not await is_signed_in(server, later)


async def test_a_passkey_assertion_for_another_site_is_refused(
    server: Server, account: Account
) -> None:
    assert account.passkey is not None
    tries = {
        "origin": lambda options: account.passkey.get(options, "https://kreds.evil.example"),  # type: ignore[union-attr]
        "rp id": lambda options: account.passkey.get(options, server.url, rp_id="evil.example"),  # type: ignore[union-attr]
        "signature": lambda options: _tampered(account.passkey.get(options, server.url)),  # type: ignore[union-attr]
        "no challenge": None,
    }
    answers = {}
    for name, make in tries.items():
        pending = await half_signed_in(server, account)
        if make is None:
            options = {"challenge": "AAAA", "rpId": "127.0.0.1"}
        else:
            options = (await call(server, "/api/2fa/passkey/options", {}, pending)).json()
        answer = (make or (lambda o: account.passkey.get(o, server.url)))(options)  # type: ignore[union-attr]
        answers[name] = (
            await call(server, "/api/2fa/passkey", {"credential": answer}, pending)
        ).status_code
        assert not await is_signed_in(server, pending)

    assert answers == dict.fromkeys(tries, 403)


def _tampered(answer: dict[str, Any]) -> dict[str, Any]:
    signature = answer["response"]["signature"]
    answer["response"]["signature"] = signature[:-4] + (
        "AAAA" if signature[-4:] != "AAAA" else "BBBB"
    )
    return answer


async def test_malformed_second_factor_requests_change_nothing(
    server: Server, account: Account
) -> None:
    pending = await half_signed_in(server, account)
    tries = {
        "credential not an object": ("/api/2fa/passkey", {"credential": "x"}),
        "credential garbage": ("/api/2fa/passkey", {"credential": {"id": 1}}),
        "unknown field": ("/api/2fa/totp", {"code": "123456", "x": 1}),
        "no code": ("/api/2fa/totp", {}),
        "oversized": ("/api/2fa/recovery", {"code": "x" * 20_000}),
        "enrol while signing in": ("/api/2fa/totp/new", {}),
    }
    answers = {
        name: (await call(server, path, body, pending)).status_code
        for name, (path, body) in tries.items()
    }
    anonymous = await post(server, "/api/2fa/totp", {"code": "123456"})

    assert answers == {
        "credential not an object": 400,
        "credential garbage": 403,
        "unknown field": 400,
        "no code": 400,
        "oversized": 413,
        "enrol while signing in": 403,
    }
    assert anonymous.status_code == 403
    assert not await is_signed_in(server, pending)


async def test_a_signed_in_account_adds_a_second_passkey_once(
    server: Server, account: Account
) -> None:
    session = await sign_in(server, account)
    laptop = Authenticator()
    options = (await call(server, "/api/2fa/passkey/register/options", {}, session.session)).json()
    made = laptop.create(options, server.url)
    added = await call(server, "/api/2fa/passkey/register", {"credential": made}, session.session)
    twice = await call(server, "/api/2fa/passkey/register", {"credential": made}, session.session)

    assert added.status_code == 200, added.text
    assert twice.status_code == 403, "the challenge was used"
    pending = await half_signed_in(server, account)
    options = (await call(server, "/api/2fa/passkey/options", {}, pending)).json()
    signed = await call(
        server, "/api/2fa/passkey", {"credential": laptop.get(options, server.url)}, pending
    )
    assert signed.status_code == 200


# -- the operator's reset ----------------------------------------------------------------------


async def test_the_operator_resets_the_second_factor_and_every_session_ends(
    fresh_server: Server,
) -> None:
    louise = await asyncio.to_thread(setup_first, fresh_server)
    meeting = await create_meeting(fresh_server, louise)
    clients = Clients(fresh_server)
    try:
        open_page = await clients.facilitator(louise, meeting)
        reset = await asyncio.create_subprocess_exec(
            *KREDS,
            "user",
            "reset-2fa",
            louise.email,
            cwd=ROOT,
            env=fresh_server.env(),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await reset.communicate()
        assert reset.returncode == 0, output.decode()
        assert "Anden faktor nulstillet" in output.decode()
        await closed_at_once(open_page)
    finally:
        await clients.close()
    login = await post(
        fresh_server, "/api/login", {"email": louise.email, "password": louise.password}
    )
    assert login.json()["stage"] == "enrol"
    unknown = await asyncio.create_subprocess_exec(
        *KREDS,
        "user",
        "reset-2fa",
        "ingen@kommune.example",
        cwd=ROOT,
        env=fresh_server.env(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    said, _ = await unknown.communicate()
    assert unknown.returncode != 0 and "ingen konto" in said.decode()
