"""Teams and roles: a facilitator reaches only their team's cases and meetings, over HTTP and
the socket; a colleague's use of a case is audited; the admin invites facilitators by a
single-use link, deactivates them (their open pages are cut off at once) and reads the log of
the whole installation."""

import asyncio
import sqlite3
import time
from typing import Any

import pytest

from .kit import (
    Account,
    Clients,
    Server,
    add_facilitator,
    create_meeting,
    enrol,
    get,
    post,
)
from .test_cases import case_meeting, new_case
from .test_sessions import closed_at_once, refused_socket, signed_in

CLOSED_CASE = "Sagen findes ikke, eller den hører ikke til din afdeling."


@pytest.fixture(scope="module")
def other_team(server: Server, account: Account) -> Account:
    return asyncio.run(
        add_facilitator(
            server, "jonas.berg@kommune.example", "Jonas Berg", team="Handicapafdelingen"
        )
    )


@pytest.fixture(scope="module")
def colleague(server: Server, account: Account) -> Account:
    """Mette works in Louise's team."""
    return asyncio.run(
        add_facilitator(server, "mette.holst@kommune.example", "Mette Holst", team="Afdelingen")
    )


def db(server: Server) -> sqlite3.Connection:
    return sqlite3.connect(server.data_dir / "kreds.sqlite3", timeout=10)


async def admin_log(server: Server, admin: Account) -> list[dict[str, Any]]:
    answer = await get(server, "/api/admin/audit", account=admin)
    assert answer.status_code == 200, answer.text
    entries: list[dict[str, Any]] = answer.json()["entries"]
    return entries


async def overview(server: Server, admin: Account) -> dict[str, Any]:
    answer = await get(server, "/api/admin", account=admin)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def invite(server: Server, admin: Account, email: str, team_id: str) -> str:
    answer = await post(
        server, "/api/admin/invitations", {"email": email, "team_id": team_id}, account=admin
    )
    assert answer.status_code == 201, answer.text
    url: str = answer.json()["url"]
    assert url.startswith(f"{server.url}/invitation#")
    return url.split("#", 1)[1]


async def own_team_id(server: Server, admin: Account) -> str:
    me = (await get(server, "/api/session", account=admin)).json()["user"]
    team_id: str = me["team_id"]
    return team_id


# -- roles -------------------------------------------------------------------------------------


async def test_the_first_account_is_the_admin_of_the_first_team(
    server: Server, account: Account
) -> None:
    me = (await get(server, "/api/session", account=account)).json()["user"]
    shown = await overview(server, account)

    assert me["role"] == "admin"
    teams = {t["id"]: t["name"] for t in shown["teams"]}
    assert teams[me["team_id"]] == "Afdelingen"


async def test_a_facilitator_is_no_admin(server: Server, colleague: Account) -> None:
    me = (await get(server, "/api/session", account=colleague)).json()["user"]
    tries = [
        await get(server, "/api/admin", account=colleague),
        await get(server, "/api/admin/audit", account=colleague),
        await post(server, "/api/admin/teams", {"name": "Egen afdeling"}, account=colleague),
        await post(
            server,
            "/api/admin/invitations",
            {"email": "ven@kommune.example", "team_id": me["team_id"]},
            account=colleague,
        ),
        await post(server, f"/api/admin/users/{me['id']}/deactivate", {}, account=colleague),
        await get(server, "/api/admin"),
    ]

    assert me["role"] == "facilitator"
    assert [r.status_code for r in tries] == [403] * len(tries)
    with db(server) as conn:
        assert (
            conn.execute("SELECT count(*) FROM teams WHERE name = 'Egen afdeling'").fetchone()[0]
            == 0
        )
        assert (
            conn.execute(
                "SELECT count(*) FROM invitations WHERE email = 'ven@kommune.example'"
            ).fetchone()[0]
            == 0
        )


# -- team isolation ----------------------------------------------------------------------------


async def test_another_team_cannot_reach_a_teams_cases_over_http(
    server: Server, account: Account, other_team: Account
) -> None:
    case_id = await new_case(server, account, "Sofie, 7 år")
    meeting = await case_meeting(server, account, case_id, "Netværksmøde om Sofie")

    answers = {
        "list": await get(server, "/api/cases", account=other_team),
        "case": await get(server, f"/api/cases/{case_id}", account=other_team),
        "scaling": await get(server, f"/api/cases/{case_id}/scaling", account=other_team),
        "follow-up": await post(
            server,
            "/api/meetings",
            {"title": "Opfølgning", "template": "loeft", "case_id": case_id},
            account=other_team,
        ),
        "delete": await post(server, f"/api/cases/{case_id}/delete", {}, account=other_team),
        "meeting": await get(server, f"/api/meetings/{meeting.id}", account=other_team),
        "meetings": await get(server, "/api/meetings", account=other_team),
        "referat": await get(server, f"/r/{meeting.id}/referat.txt", account=other_team),
    }

    assert case_id not in answers["list"].text
    assert meeting.id not in answers["meetings"].text
    assert {k: r.status_code for k, r in answers.items() if k not in ("list", "meetings")} == {
        "case": 404,
        "scaling": 404,
        "follow-up": 404,
        "delete": 404,
        "meeting": 404,
        "referat": 404,
    }
    assert answers["case"].json()["message"] == CLOSED_CASE
    assert "Sofie" not in answers["case"].text + answers["referat"].text
    assert (await get(server, f"/api/cases/{case_id}", account=account)).status_code == 200


async def test_another_team_cannot_open_a_teams_meeting_over_the_socket(
    server: Server, account: Account, other_team: Account, clients: Clients
) -> None:
    case_id = await new_case(server, account, "Noah, 12 år")
    meeting = await case_meeting(server, account, case_id, "Netværksmøde om Noah")
    louise = await clients.facilitator(account, meeting)
    assert (await louise.add_note("Noah går til svømning to gange om ugen.", "works"))["ok"]

    assert await refused_socket(clients, other_team, meeting)
    assert clients.peers[-1].refused is not None
    assert not clients.peers[-1].named("changes")
    assert clients.peers[-1].welcome is None


# -- colleagues in a team ----------------------------------------------------------------------


async def test_a_colleague_opens_the_follow_up_and_it_is_audited(
    server: Server, account: Account, colleague: Account
) -> None:
    case_id = await new_case(server, account, "Ida, 4 år")
    await case_meeting(server, account, case_id, "Netværksmøde om Ida")

    listed = (await get(server, "/api/cases", account=colleague)).json()["cases"]
    shown = await get(server, f"/api/cases/{case_id}", account=colleague)
    follow_up = await post(
        server,
        "/api/meetings",
        {"title": "Opfølgning om Ida", "template": "loeft", "case_id": case_id},
        account=colleague,
    )
    delete = await post(server, f"/api/cases/{case_id}/delete", {}, account=colleague)

    assert case_id in {c["id"] for c in listed}
    assert shown.status_code == 200 and shown.json()["mine"] is False
    assert follow_up.status_code == 201, follow_up.text
    assert delete.status_code == 403, "only the case's own facilitator deletes it"
    owners_log = (await get(server, "/api/audit", account=account)).json()["entries"]
    seen = [(e["action"], e["who"]) for e in owners_log]
    assert ("case.colleague.open", colleague.name) in seen
    assert ("case.colleague.followup", colleague.name) in seen
    whole = [(e["action"], e["who"]) for e in await admin_log(server, account)]
    assert ("case.colleague.followup", colleague.name) in whole
    # The owner's own use of the case is no colleague's access.
    own = await get(server, f"/api/cases/{case_id}", account=account)
    assert own.json()["mine"] is True
    after = (await get(server, "/api/audit", account=account)).json()["entries"]
    assert sum(e["action"] == "case.colleague.open" for e in after) == sum(
        e["action"] == "case.colleague.open" for e in owners_log
    )


# -- invitations -------------------------------------------------------------------------------


async def test_an_invited_facilitator_makes_their_own_account_once(
    server: Server, account: Account
) -> None:
    team_id = await own_team_id(server, account)
    token = await invite(server, account, "Anne.Lund@kommune.example", team_id)

    info = await post(server, "/api/invitation", {"token": token})
    accepted = await post(
        server,
        "/api/invitation/accept",
        {"token": token, "name": "Anne Lund", "password": "Anne-holder-netvaerksmoeder"},
    )
    again = await post(
        server,
        "/api/invitation/accept",
        {"token": token, "name": "Anne Igen", "password": "Anne-holder-netvaerksmoeder"},
    )

    assert info.status_code == 200, info.text
    assert info.json()["email"] == "anne.lund@kommune.example"
    assert info.json()["team"] == "Afdelingen"
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["stage"] == "enrol", "signed in only with a second factor"
    anne = await asyncio.to_thread(
        enrol, server, accepted, "Anne Lund", "Anne-holder-netvaerksmoeder"
    )
    user = (await get(server, "/api/session", account=anne)).json()["user"]
    assert (user["role"], user["team_id"]) == ("facilitator", team_id)
    assert again.status_code == 404
    assert (
        again.json()["message"]
        == "Invitationen virker ikke længere. Bed din administrator om en ny."
    )
    with db(server) as conn:
        names = conn.execute(
            "SELECT name FROM users WHERE email = 'anne.lund@kommune.example'"
        ).fetchall()
        stored = conn.execute("SELECT token_hash FROM invitations").fetchall()
    assert names == [("Anne Lund",)]
    assert all(token.encode() not in bytes(row[0]) for row in stored)
    assert (await post(server, "/api/invitation", {"token": token})).status_code == 404


async def test_an_expired_invitation_makes_no_account(server: Server, account: Account) -> None:
    team_id = await own_team_id(server, account)
    token = await invite(server, account, "sent.svar@kommune.example", team_id)
    with db(server) as conn:
        conn.execute(
            "UPDATE invitations SET expires_at = ? WHERE email = 'sent.svar@kommune.example'",
            (time.time() - 1,),
        )

    accepted = await post(
        server,
        "/api/invitation/accept",
        {"token": token, "name": "Sent Svar", "password": "For-sent-til-moedet"},
    )

    assert accepted.status_code == 404
    with db(server) as conn:
        assert conn.execute(
            "SELECT count(*) FROM users WHERE email = 'sent.svar@kommune.example'"
        ).fetchone() == (0,)


async def test_a_new_invitation_replaces_the_unused_one(server: Server, account: Account) -> None:
    team_id = await own_team_id(server, account)
    first = await invite(server, account, "to.gange@kommune.example", team_id)
    second = await invite(server, account, "to.gange@kommune.example", team_id)

    assert (await post(server, "/api/invitation", {"token": first})).status_code == 404
    assert (await post(server, "/api/invitation", {"token": second})).status_code == 200


async def test_bad_invitations_are_refused_and_change_nothing(
    server: Server, account: Account
) -> None:
    team_id = await own_team_id(server, account)
    token = await invite(server, account, "ny.kollega@kommune.example", team_id)
    invitations = "/api/admin/invitations"
    tries = {
        "malformed email": (invitations, {"email": "ikke-en-adresse", "team_id": team_id}),
        "unknown team": (invitations, {"email": "a@kommune.example", "team_id": "x" * 32}),
        "oversized": (invitations, {"email": "a" * 20_000, "team_id": team_id}),
        "unknown field": (invitations, {"email": "b@kommune.example", "team_id": team_id, "x": 1}),
        "bad role": (invitations, {"email": "c@kommune.example", "team_id": team_id, "role": "x"}),
        "existing account": (invitations, {"email": account.email, "team_id": team_id}),
        "short password": (
            "/api/invitation/accept",
            {"token": token, "name": "Ny Kollega", "password": "kort"},
        ),
        "no name": (
            "/api/invitation/accept",
            {"token": token, "name": " ", "password": "Langt-nok-kodeord"},
        ),
        "guessed token": (
            "/api/invitation/accept",
            {"token": "gaet" * 8, "name": "Gætter", "password": "Langt-nok-kodeord"},
        ),
        "huge token": ("/api/invitation", {"token": "x" * 5000}),
    }
    answers = {
        name: (await post(server, path, body, account=account)).status_code
        for name, (path, body) in tries.items()
    }

    assert answers == {
        "malformed email": 400,
        "unknown team": 404,
        "oversized": 413,
        "unknown field": 400,
        "bad role": 400,
        "existing account": 409,
        "short password": 400,
        "no name": 400,
        "guessed token": 404,
        "huge token": 404,
    }
    # The refused acceptances left the invitation usable.
    assert (await post(server, "/api/invitation", {"token": token})).status_code == 200
    with db(server) as conn:
        emails = {row[0] for row in conn.execute("SELECT email FROM invitations")}
    assert not emails & {"a@kommune.example", "b@kommune.example", "c@kommune.example"}


# -- deactivation ------------------------------------------------------------------------------


async def test_deactivating_a_facilitator_cuts_off_their_open_meeting_at_once(
    server: Server, account: Account, clients: Clients
) -> None:
    karen = await add_facilitator(server, "karen.moeller@kommune.example", "Karen Møller")
    meeting = await create_meeting(server, karen, "Netværksmøde om Liva, 6 år")
    on_meeting = await clients.facilitator(karen, meeting)
    karen_id = (await get(server, "/api/session", account=karen)).json()["user"]["id"]

    off = await post(server, f"/api/admin/users/{karen_id}/deactivate", {}, account=account)

    assert off.status_code == 204, off.text
    await closed_at_once(on_meeting)
    assert on_meeting.named("goodbye")[-1]["message"] == "Din konto er deaktiveret."
    assert not await signed_in(server, karen)
    assert await refused_socket(clients, karen, meeting)
    login = await post(server, "/api/login", {"email": karen.email, "password": karen.password})
    assert login.status_code == 401
    shown = {a["email"]: a["active"] for a in (await overview(server, account))["accounts"]}
    assert shown[karen.email] is False
    log = [(e["action"], e["detail"]) for e in await admin_log(server, account)]
    assert ("user.deactivate", karen.email) in log

    on = await post(server, f"/api/admin/users/{karen_id}/activate", {}, account=account)
    assert on.status_code == 204
    back = await post(server, "/api/login", {"email": karen.email, "password": karen.password})
    assert back.status_code == 200


async def test_deactivation_refuses_the_admin_themselves_and_unknown_accounts(
    server: Server, account: Account
) -> None:
    me = (await get(server, "/api/session", account=account)).json()["user"]
    own = await post(server, f"/api/admin/users/{me['id']}/deactivate", {}, account=account)
    unknown = await post(server, "/api/admin/users/ingen/deactivate", {}, account=account)
    huge = await post(server, f"/api/admin/users/{'x' * 100}/deactivate", {}, account=account)

    assert (own.status_code, unknown.status_code, huge.status_code) == (409, 404, 404)
    assert await signed_in(server, account)


# -- teams -------------------------------------------------------------------------------------


async def test_the_admin_makes_teams_once_by_name(server: Server, account: Account) -> None:
    made = await post(server, "/api/admin/teams", {"name": "  Børn og  unge "}, account=account)
    twice = await post(server, "/api/admin/teams", {"name": "Børn og unge"}, account=account)
    empty = await post(server, "/api/admin/teams", {"name": " "}, account=account)
    long = await post(server, "/api/admin/teams", {"name": "x" * 81}, account=account)

    assert made.status_code == 201 and made.json()["name"] == "Børn og unge"
    assert (twice.status_code, empty.status_code, long.status_code) == (409, 400, 413)
    names = [t["name"] for t in (await overview(server, account))["teams"]]
    assert names.count("Børn og unge") == 1


# -- an installation from before teams ---------------------------------------------------------


def test_an_installation_from_before_teams_gets_one_team_and_an_admin(tmp_path: Any) -> None:
    from server.store.migrations import SQLITE_MIGRATIONS
    from server.store.sqlite import SqliteStore

    path = tmp_path / "kreds.sqlite3"
    with sqlite3.connect(path) as conn:
        for number, script in enumerate(SQLITE_MIGRATIONS[:3], start=1):
            conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        conn.executemany(
            "INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
            [
                ("u1", "louise@kommune.example", "Louise", "x", 1.0),
                ("u2", "mads@kommune.example", "Mads", "x", 2.0),
            ],
        )
        conn.execute(
            "INSERT INTO cases (id, owner, title, created_at) VALUES ('c1', 'u2', 'Emil', 3.0)"
        )

    async def opened() -> tuple[Any, Any, Any]:
        store = SqliteStore(path)
        await store.open()
        try:
            return await store.users(), await store.teams(), await store.case("c1")
        finally:
            await store.close()

    users, teams, case = asyncio.run(opened())

    assert [t.name for t in teams] == ["Afdelingen"]
    assert {u.email: u.role for u in users} == {
        "louise@kommune.example": "admin",
        "mads@kommune.example": "facilitator",
    }
    assert {u.team_id for u in users} == {teams[0].id} == {case.team_id}
