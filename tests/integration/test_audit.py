"""The audit log: sign-ins, joins, admissions, exports and deletions, each facilitator's own."""

import itertools
import sqlite3
from typing import Any

from .kit import (
    Account,
    Clients,
    Server,
    add_facilitator,
    create_meeting,
    get,
    join,
    notes_by,
    person,
    post,
    totp_code,
)
from .test_cases import age, held_meeting, kreds, new_case, rows_naming

_hosts = itertools.count(1)


def _address() -> str:
    """A client address no other test uses (from the documentation range), via the proxy."""
    return f"203.0.113.{next(_hosts)}"


async def log_of(server: Server, account: Account) -> list[dict[str, Any]]:
    response = await get(server, "/api/audit", account=account)
    assert response.status_code == 200, response.text
    assert response.headers["Cache-Control"] == "no-store"
    entries: list[dict[str, Any]] = response.json()["entries"]
    return entries


def actions(entries: list[dict[str, Any]], meeting_id: str | None = None) -> list[str]:
    """Oldest first, as a person reads what happened."""
    return [e["action"] for e in reversed(entries) if meeting_id in (None, e["meeting_id"])]


async def test_sign_ins_that_failed_and_succeeded_are_in_the_accounts_log(
    server: Server, account: Account
) -> None:
    thief, louise = _address(), _address()
    wrong = {"email": account.email, "password": "Sommerferie2025"}
    right = {"email": account.email, "password": account.password}
    unknown = {"email": "ukendt@kommune.example", "password": "Sommerferie2025"}

    failed = await post(server, "/api/login", wrong, headers={"X-Forwarded-For": thief})
    nobody = await post(server, "/api/login", unknown, headers={"X-Forwarded-For": thief})
    signed_in = await post(server, "/api/login", right, headers={"X-Forwarded-For": louise})
    pending = Account("", "", "", signed_in.cookies["kreds_session"])
    code = {"code": totp_code(account.totp_secret)}
    second = await post(
        server, "/api/2fa/totp", code, account=pending, headers={"X-Forwarded-For": louise}
    )
    entries = await log_of(server, account)

    assert (failed.status_code, nobody.status_code, signed_in.status_code) == (401, 401, 200)
    assert second.status_code == 200, second.text
    failure = next(e for e in entries if e["action"] == "user.login.failed")
    assert failure["detail"] == thief
    assert failure["who"] == "", "a failed sign-in does not say it was Louise"
    success = next(
        e for e in entries if e["action"] == "user.login" and e["detail"] == f"{louise} (totp)"
    )
    assert success["who"] == account.name
    assert entries.index(success) < entries.index(failure), "newest first"
    db = server.data_dir / "kreds.sqlite3"
    with sqlite3.connect(db) as conn:
        stored = " ".join(str(v) for row in conn.execute("SELECT * FROM audit") for v in row)
    assert "ukendt@kommune.example" not in stored, "a guessed address is not kept"


async def test_joining_admitting_and_sending_away_are_logged_once_each(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await create_meeting(server, account, "Netværksmøde om Emil, 9 år")
    louise = await clients.facilitator(account, meeting)
    sara = await join(server, meeting.join_token, person("Sara"))
    jonas = await join(server, meeting.join_token, person("Jonas"))
    admit = {
        "type": "participant.admit",
        "id": "op-audit-admit-sara",
        "participant_id": sara.participant_id,
    }

    first = await louise.send(admit)
    again = await louise.send(admit)
    sent_away = await louise.intent("participant.reject", participant_id=jonas.participant_id)
    entries = await log_of(server, account)

    assert first["ok"] and again == first and sent_away["ok"]
    assert actions(entries, meeting.id) == [
        "meeting.create",
        "participant.join",
        "participant.join",
        "participant.admit",
        "participant.reject",
    ]
    mine = [e for e in entries if e["meeting_id"] == meeting.id]
    assert {e["meeting_title"] for e in mine} == {"Netværksmøde om Emil, 9 år"}
    joins = [e for e in mine if e["action"] == "participant.join"]
    assert sorted(e["who"] for e in joins) == ["Jonas", "Sara"]
    admitted = next(e for e in mine if e["action"] == "participant.admit")
    assert (admitted["who"], admitted["detail"]) == (account.name, "Sara")
    rejected = next(e for e in mine if e["action"] == "participant.reject")
    assert (rejected["who"], rejected["detail"]) == (account.name, "Jonas")


async def test_exports_are_logged_and_note_text_never_is(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await create_meeting(server, account)
    louise = await clients.facilitator(account, meeting)
    note = notes_by("Sara")[0]
    assert (await louise.add_note(note.text, note.column))["ok"]
    cpr = await louise.add_note("Saras CPR er 010203-1234", "worries")

    for path in ["", "/referat.txt", "/referat.json"]:
        response = await get(server, f"/r/{meeting.id}{path}", account=account)
        assert response.status_code == 200, path
    entries = await log_of(server, account)

    assert cpr["code"] == "cpr_detected"
    assert actions(entries, meeting.id)[-3:] == ["export.view", "export.text", "export.json"]
    assert all(e["who"] == account.name for e in entries if e["action"].startswith("export."))
    with sqlite3.connect(server.data_dir / "kreds.sqlite3") as conn:
        stored = " ".join(str(v) for row in conn.execute("SELECT * FROM audit") for v in row)
    assert note.text not in stored
    assert "010203" not in stored


async def test_deleting_a_case_is_logged_without_naming_what_went(
    server: Server, account: Account, clients: Clients
) -> None:
    case_id = await new_case(server, account, "Ida, 8 år")
    held = await held_meeting(server, account, clients, case_id, "Netværksmøde om Ida")
    await clients.close()

    deleted = await post(server, f"/api/cases/{case_id}/delete", {}, account=account)
    entries = await log_of(server, account)

    assert deleted.status_code == 204
    assert entries[0]["action"] == "case.delete"
    assert entries[0]["detail"] == "1 møder slettet"
    assert entries[0]["meeting_id"] is None and entries[0]["who"] == account.name
    assert not [e for e in entries if e["meeting_id"] == held.id]
    assert not [e for e in entries if "Ida" in str(e)]


async def test_the_retention_purge_shows_in_the_owners_log(
    server: Server, account: Account, clients: Clients
) -> None:
    case_id = await new_case(server, account, "Karl, 5 år")
    held = await held_meeting(server, account, clients, case_id, "Netværksmøde om Karl")
    await clients.close()
    age(server, held.id, 40)

    assert "Slettede 1 " in await kreds(server, "purge")
    entries = await log_of(server, account)

    purged = [e for e in entries if e["action"] == "retention.purge"]
    assert purged and purged[0]["detail"] == "1 møder slettet"
    assert purged[0]["who"] == "" and purged[0]["meeting_id"] is None
    assert not [e for e in entries if e["meeting_id"] == held.id]


async def test_a_facilitator_sees_only_their_own_log(
    server: Server, account: Account, clients: Clients
) -> None:
    mads = await add_facilitator(server, "mads.audit@kommune.example", "Mads")
    meeting = await create_meeting(server, account, "Netværksmøde om Freja, 6 år")
    await join(server, meeting.join_token, person("Birthe"))

    theirs = await log_of(server, mads)
    anonymous = await get(server, "/api/audit")

    assert [e["action"] for e in theirs] == ["user.passkey.add", "user.login"]
    assert {e["who"] for e in theirs} == {"Mads"}
    assert (anonymous.status_code, anonymous.json()["code"]) == (403, "not_allowed")


async def test_deleting_a_meeting_erases_it_and_is_logged_without_naming_it(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await create_meeting(server, account, "Netværksmøde om Vilma, 3 år")
    louise = await clients.facilitator(account, meeting)
    assert (await louise.add_note("Vilma sover godt om natten.", "works"))["ok"]
    await clients.close()

    deleted = await post(server, f"/api/meetings/{meeting.id}/delete", {}, account=account)
    again = await post(server, f"/api/meetings/{meeting.id}/delete", {}, account=account)
    entries = await log_of(server, account)

    assert deleted.status_code == 204
    assert again.status_code == 404
    assert (await get(server, f"/api/meetings/{meeting.id}", account=account)).status_code == 404
    assert entries[0]["action"] == "meeting.delete"
    assert (entries[0]["detail"], entries[0]["meeting_id"]) == ("1 møde slettet", None)
    assert not [e for e in entries if e["meeting_id"] == meeting.id or "Vilma" in str(e)]
    assert rows_naming(str(server.data_dir / "kreds.sqlite3"), [meeting.id, "Vilma"]) == []


async def test_only_its_facilitator_may_delete_a_meeting(server: Server, account: Account) -> None:
    meeting = await create_meeting(server, account, "Netværksmøde om Oskar, 10 år")
    mads = await add_facilitator(server, "mads.sletter@kommune.example", "Mads")

    by_mads = await post(server, f"/api/meetings/{meeting.id}/delete", {}, account=mads)
    signed_out = await post(server, f"/api/meetings/{meeting.id}/delete", {})

    assert by_mads.status_code == 404
    assert signed_out.status_code == 403
    assert (await get(server, f"/api/meetings/{meeting.id}", account=account)).status_code == 200
