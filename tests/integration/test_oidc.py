"""Signing in through the municipality's OpenID provider: a first sign-in makes the account
just in time with the role its groups give; a forged, replayed or crossed callback, a wrong
nonce, an expired, wrongly signed or misaddressed ID token, someone outside the groups or the
allowed domains, or deactivated, is refused with a Danish reason and an audit line, and nothing
is half-created. Logout ends the session at the provider too."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from .kit import TLS, WAIT, Account, Clients, Server, create_meeting, get, post
from .oidc_provider import LocalProvider
from .test_sessions import closed_at_once

LOUISE = {
    "sub": "holmby-0001",
    "email": "louise.holm@kommune.example",
    "name": "Louise Holm",
    "groups": ["kreds-admin", "alle-ansatte"],
}
MADS = {
    "sub": "holmby-0002",
    "email": "mads.kjaer@kommune.example",
    "name": "Mads Kjær",
    "groups": ["kreds-moedeleder"],
}


@pytest.fixture(scope="module")
def provider() -> Iterator[LocalProvider]:
    with LocalProvider() as running:
        yield running


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, provider: LocalProvider) -> Iterator[Server]:
    running = Server(
        tmp_path_factory.mktemp("kreds-oidc") / "data",
        env=provider.env(KREDS_LOCAL_PASSWORDS="off"),
    )
    running.start()
    yield running
    running.stop()
    assert "Traceback" not in running.log(), running.log()


@pytest.fixture(autouse=True)
def behaving(provider: LocalProvider) -> Iterator[None]:
    provider.mode = "good"
    yield
    provider.mode = "good"


class Browser:
    """One browser's cookie jar, following the sign-in's redirects as a browser does."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.http = httpx.Client(timeout=WAIT, verify=TLS, follow_redirects=False)

    def start(self) -> str:
        """To the provider: the authorization URL Kreds sent the browser to."""
        answer = self.http.get(f"{self.server.url}/api/oidc/start")
        assert answer.status_code == 303, answer.text
        return answer.headers["location"]

    def at_provider(self, authorize_url: str) -> str:
        """The person signs in at the provider; the callback URL it sends them back to."""
        answer = self.http.get(authorize_url)
        assert answer.status_code == 302, answer.text
        return answer.headers["location"]

    def callback(self, url: str) -> str:
        """Kreds' answer to the callback: where it sends the browser."""
        answer = self.http.get(url)
        assert answer.status_code == 303, answer.text
        return answer.headers["location"]

    def sign_in(self) -> str:
        return self.callback(self.at_provider(self.start()))

    @property
    def session(self) -> Account:
        return Account("", "", "", self.http.cookies.get("kreds_session", domain="127.0.0.1") or "")


def users(server: Server) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(server.data_dir / "kreds.sqlite3", timeout=10) as conn:
        rows = conn.execute("SELECT email, role, oidc_subject FROM users ORDER BY email").fetchall()
    return [(str(e), str(r), s) for e, r, s in rows]


def refusals(server: Server) -> list[str]:
    with sqlite3.connect(server.data_dir / "kreds.sqlite3", timeout=10) as conn:
        rows = conn.execute(
            "SELECT detail FROM audit WHERE action = 'user.oidc.refused' ORDER BY id"
        ).fetchall()
    return [str(row[0]).rsplit(" ", 1)[1] for row in rows]


def sessions(server: Server) -> int:
    with sqlite3.connect(server.data_dir / "kreds.sqlite3", timeout=10) as conn:
        return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])


async def me(server: Server, browser: Browser) -> dict[str, Any] | None:
    found: dict[str, Any] | None = (
        await get(server, "/api/session", account=browser.session)
    ).json()["user"]
    return found


# -- signing in --------------------------------------------------------------------------------


async def test_a_first_sign_in_makes_the_account_with_the_role_of_its_group(
    server: Server, provider: LocalProvider
) -> None:
    shown = (await get(server, "/api/session")).json()
    provider.user = LOUISE
    louise = Browser(server)
    authorize = louise.start()
    query = parse_qs(urlsplit(authorize).query)

    assert shown["provider"] == {"button": "Log ind med Holmby Kommune", "start": "/api/oidc/start"}
    assert shown["local_passwords"] is False
    assert authorize.startswith(f"{provider.issuer}/authorize?")
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert query["redirect_uri"] == [f"{server.url}/api/oidc/callback"]

    assert louise.callback(louise.at_provider(authorize)) == "/"
    user = await me(server, louise)
    assert user is not None and (user["name"], user["role"]) == ("Louise Holm", "admin")
    provider.user = MADS
    mads = Browser(server)
    assert mads.sign_in() == "/"
    again = Browser(server)
    assert again.sign_in() == "/", "a second sign-in finds the same account"
    assert users(server) == [
        ("louise.holm@kommune.example", "admin", "holmby-0001"),
        ("mads.kjaer@kommune.example", "facilitator", "holmby-0002"),
    ]
    meeting = await create_meeting(server, mads.session)
    assert meeting.id


async def test_local_passwords_are_off(server: Server) -> None:
    tries = [
        await post(server, "/api/login", {"email": LOUISE["email"], "password": "x" * 12}),
        await post(
            server,
            "/api/setup",
            {"name": "Ny", "email": "ny@kommune.example", "password": "x" * 12},
        ),
    ]
    assert [t.status_code for t in tries] == [403, 403]
    assert tries[0].json()["message"] == "Log ind med kommunens login."


async def test_the_role_follows_the_providers_groups_at_each_sign_in(
    server: Server, provider: LocalProvider
) -> None:
    provider.user = {**MADS, "groups": ["kreds-moedeleder", "kreds-admin"]}
    assert Browser(server).sign_in() == "/"
    assert ("mads.kjaer@kommune.example", "admin", "holmby-0002") in users(server)
    provider.user = MADS
    assert Browser(server).sign_in() == "/"
    assert ("mads.kjaer@kommune.example", "facilitator", "holmby-0002") in users(server)


async def test_logout_ends_the_session_at_the_provider_too(
    server: Server, provider: LocalProvider
) -> None:
    provider.user = MADS
    mads = Browser(server)
    mads.sign_in()
    session = mads.session

    out = await post(server, "/api/logout", {}, account=session)

    assert out.status_code == 200
    url = urlsplit(out.json()["logout_url"])
    query = parse_qs(url.query)
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{provider.issuer}/logout"
    assert query["post_logout_redirect_uri"] == [f"{server.url}/"]
    assert query["client_id"] == ["kreds"] and query["id_token_hint"][0].count(".") == 2
    assert (await get(server, "/api/session", account=session)).json()["user"] is None


# -- refusals ----------------------------------------------------------------------------------


def refused(server: Server, browser: Browser, url: str, reason: str) -> None:
    before = (users(server), sessions(server))
    assert browser.callback(url) == f"/?signin_error={reason}"
    assert (users(server), sessions(server)) == before, "nothing half-created"
    assert refusals(server)[-1] == reason
    assert not browser.session.session


@pytest.mark.parametrize(
    "mode", ["expired", "wrong_key", "other_client", "wrong_nonce", "wrong_issuer"]
)
async def test_an_id_token_that_does_not_hold_is_refused(
    server: Server, provider: LocalProvider, mode: str
) -> None:
    provider.user = {
        **MADS,
        "sub": f"ny-{mode}",
        "email": f"ny.{mode.replace('_', '')}@kommune.example",
    }
    provider.mode = mode
    browser = Browser(server)
    refused(server, browser, browser.at_provider(browser.start()), "id_token")


async def test_a_forged_callback_is_refused(server: Server) -> None:
    browser = Browser(server)
    browser.start()
    forged = f"{server.url}/api/oidc/callback?code=gaettet&state=gaettet"
    refused(server, browser, forged, "state")


async def test_a_replayed_callback_is_refused(server: Server, provider: LocalProvider) -> None:
    provider.user = MADS
    browser = Browser(server)
    callback = browser.at_provider(browser.start())
    assert browser.callback(callback) == "/"
    again = Browser(server)
    again.http.cookies.set(
        "kreds_oidc",
        parse_qs(urlsplit(callback).query)["state"][0],
        domain="127.0.0.1",
        path="/api/oidc/",
    )
    refused(server, again, callback, "state")


async def test_a_callback_for_another_browsers_sign_in_is_refused(
    server: Server, provider: LocalProvider
) -> None:
    """Login CSRF: an attacker's own callback sent to the victim's browser."""
    provider.user = MADS
    attacker, victim = Browser(server), Browser(server)
    planted = attacker.at_provider(attacker.start())
    victim.start()
    refused(server, victim, planted, "state")


async def test_a_callback_without_a_started_sign_in_is_refused(server: Server) -> None:
    browser = Browser(server)
    refused(server, browser, f"{server.url}/api/oidc/callback?code=abc&state=", "state")


async def test_the_provider_saying_no_is_refused(server: Server) -> None:
    browser = Browser(server)
    state = parse_qs(urlsplit(browser.start()).query)["state"][0]
    denied = f"{server.url}/api/oidc/callback?error=access_denied&state={state}"
    refused(server, browser, denied, "provider_denied")


async def test_someone_outside_the_groups_or_domains_is_refused(
    server: Server, provider: LocalProvider
) -> None:
    for user, reason in [
        (
            {"sub": "holmby-0100", "email": "karl@kommune.example", "groups": ["alle-ansatte"]},
            "not_allowed",
        ),
        (
            {"sub": "holmby-0101", "email": "karl@gmail.example", "groups": ["kreds-moedeleder"]},
            "domain",
        ),
        ({"sub": "holmby-0102", "groups": ["kreds-moedeleder"]}, "email"),
    ]:
        provider.user = user
        browser = Browser(server)
        refused(server, browser, browser.at_provider(browser.start()), reason)


async def test_someone_the_provider_no_longer_lets_in_cannot_sign_in(
    server: Server, provider: LocalProvider, clients: Clients
) -> None:
    """Taken out of Kreds' group at the provider: the next sign-in is refused; and an admin's
    deactivation ends the open meeting at once and keeps them out whatever the provider says."""
    provider.user = {**MADS, "groups": ["alle-ansatte"]}
    browser = Browser(server)
    refused(server, browser, browser.at_provider(browser.start()), "not_allowed")

    provider.user = LOUISE
    louise = Browser(server)
    louise.sign_in()
    provider.user = MADS
    mads = Browser(server)
    mads.sign_in()
    meeting = await create_meeting(server, mads.session)
    on_meeting = await clients.facilitator(mads.session, meeting)
    mads_id = (await me(server, mads) or {})["id"]
    off = await post(server, f"/api/admin/users/{mads_id}/deactivate", {}, account=louise.session)
    assert off.status_code == 204, off.text
    await closed_at_once(on_meeting)
    later = Browser(server)
    refused(server, later, later.at_provider(later.start()), "inactive")


async def test_an_account_of_the_provider_has_no_password_to_change(
    server: Server, provider: LocalProvider
) -> None:
    provider.user = LOUISE
    louise = Browser(server)
    louise.sign_in()
    tries = [
        await post(
            server,
            "/api/account/password",
            {"current_password": "", "new_password": "x" * 12},
            account=louise.session,
        ),
        await post(server, "/api/account/delete", {"password": ""}, account=louise.session),
    ]
    assert [t.status_code for t in tries] == [409, 409]


def test_a_provider_without_a_client_id_stops_the_start(tmp_path: Path) -> None:
    half = Server(tmp_path / "data", env={"KREDS_OIDC_ISSUER": "https://login.example"})
    with pytest.raises(RuntimeError, match="KREDS_OIDC_CLIENT_ID"):
        half.start(timeout=20)
