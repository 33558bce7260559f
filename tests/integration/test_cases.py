"""Cases and follow-up meetings; retention: purge and case deletion leave nothing behind."""

import asyncio
import sqlite3
import sys
import time

from .kit import (
    ROOT,
    Account,
    Clients,
    MeetingLinks,
    Server,
    add_facilitator,
    admit,
    get,
    join,
    person,
    post,
)

DAY = 86400


async def new_case(server: Server, account: Account, title: str = "Emil, 9 år") -> str:
    made = await post(server, "/api/cases", {"title": title}, account=account)
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


async def case_meeting(server: Server, account: Account, case_id: str, title: str) -> MeetingLinks:
    made = await post(
        server,
        "/api/meetings",
        {"title": title, "template": "loeft", "case_id": case_id},
        account=account,
    )
    assert made.status_code == 201, made.text
    shown = (await get(server, f"/api/meetings/{made.json()['id']}", account=account)).json()
    return MeetingLinks(
        id=shown["id"],
        title=shown["title"],
        join_url=shown["links"]["join_url"],
        join_code=shown["links"]["join_code"],
        screen_url=shown["links"]["screen_url"],
    )


async def held_meeting(
    server: Server, account: Account, clients: Clients, case_id: str, title: str
) -> MeetingLinks:
    """A first meeting in the case: Sara joins, two agreements, a note, closed."""
    links = await case_meeting(server, account, case_id, title)
    facilitator = await clients.facilitator(account, links)
    sara = await join(server, links.join_token, person("Sara"))
    await admit(facilitator, sara)
    phone = await clients.phone(sara)
    await phone.add_note("Emil sover dårligt, når han har været hos sin far", "worries")
    for what, fields in [
        ("Følge Emil i skole om morgenen", {"who_participants": [sara.participant_id]}),
        ("Finde en fritidsaktivitet til Emil", {"who_municipality": True}),
    ]:
        ack = await facilitator.intent(
            "agreement.add",
            agreement_id="a-" + str(abs(hash(what)))[:10],
            what=what,
            when_text="inden næste møde",
            **fields,
        )
        assert ack["ok"], ack
    ack = await facilitator.intent("meeting.close", next_meeting="2027-01-12T09:00")
    assert ack["ok"], ack
    return links


async def test_a_follow_up_meeting_starts_with_the_open_agreements(
    server: Server, account: Account, clients: Clients
) -> None:
    case_id = await new_case(server, account)
    first = await held_meeting(server, account, clients, case_id, "Netværksmøde 1")
    follow_up = await case_meeting(server, account, case_id, "Opfølgningsmøde")
    facilitator = await clients.facilitator(account, follow_up)
    carried = facilitator.replica.of("agreement")
    assert sorted(a["what"] for a in carried.values()) == [
        "Finde en fritidsaktivitet til Emil",
        "Følge Emil i skole om morgenen",
    ]
    school = next(a for a in carried.values() if a["what"].startswith("Følge"))
    assert school["carried_from"] == first.id
    assert school["who_names"] == ["Sara"] and school["who_participants"] == []
    ack = await facilitator.intent(
        "agreement.review", agreement_id=school["id"], review="done", comment="Hver dag"
    )
    assert ack["ok"], ack
    leisure = next(a for a in carried.values() if a["what"].startswith("Finde"))
    ack = await facilitator.intent(
        "agreement.review", agreement_id=leisure["id"], review="partly", comment="Prøvetime"
    )
    assert ack["ok"]
    assert (await facilitator.intent("meeting.close"))["ok"]

    third = await case_meeting(server, account, case_id, "Opfølgningsmøde 2")
    again = await clients.facilitator(account, third)
    assert [a["what"] for a in again.replica.of("agreement").values()] == [
        "Finde en fritidsaktivitet til Emil"
    ]
    shown = (await get(server, f"/api/cases/{case_id}", account=account)).json()
    assert [m["title"] for m in shown["meetings"]] == [
        "Netværksmøde 1",
        "Opfølgningsmøde",
        "Opfølgningsmøde 2",
    ]
    assert shown["meetings"][0]["next_meeting"] == "2027-01-12T09:00"
    assert shown["retention_days"] == 30
    referat = await get(server, f"/r/{follow_up.id}/referat.txt", account=account)
    assert "   Status: Delvist gjort\n   Kommentar: Prøvetime\n" in referat.text


async def test_cases_belong_to_their_team(server: Server, account: Account) -> None:
    case_id = await new_case(server, account)
    other = await add_facilitator(server, "peter@kommune.dk", "Peter", team="Handicapafdelingen")
    assert (await get(server, f"/api/cases/{case_id}", account=other)).status_code == 404
    assert (await get(server, "/api/cases", account=other)).json() == {"cases": []}
    foreign = await post(
        server,
        "/api/meetings",
        {"title": "Møde", "template": "loeft", "case_id": case_id},
        account=other,
    )
    assert foreign.status_code == 404
    refused = await post(server, f"/api/cases/{case_id}/delete", {}, account=other)
    assert refused.status_code == 404
    assert (await get(server, f"/api/cases/{case_id}", account=account)).status_code == 200


async def test_bad_case_requests_are_refused(server: Server, account: Account) -> None:
    for body, status in [
        ({"title": ""}, 400),
        ({"title": "x" * 81}, 413),
        ({"title": "Emil 010203-1234"}, 422),
        ({"title": "Emil", "cpr": "x"}, 400),
        ({}, 400),
    ]:
        answer = await post(server, "/api/cases", body, account=account)
        assert answer.status_code == status, (body, answer.text)
    assert (await post(server, "/api/cases", {"title": "Emil"})).status_code == 403
    huge = await post(server, "/api/cases", {"title": "x" * 20_000}, account=account)
    assert huge.status_code == 413
    missing = await get(server, "/api/cases/" + "x" * 100, account=account)
    assert missing.status_code == 404


def rows_naming(db: str, needles: list[str]) -> list[tuple[str, str]]:
    """Every (table, column) in the database whose value contains one of the needles."""
    found = []
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            for row in conn.execute(f"SELECT * FROM {table}"):
                for column, value in zip(columns, row, strict=True):
                    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
                    if isinstance(text, str) and any(needle in text for needle in needles):
                        found.append((table, column))
    return found


def age(server: Server, meeting_id: str, days: int) -> None:
    """Pretend the meeting closed `days` ago."""
    with sqlite3.connect(server.data_dir / "kreds.sqlite3", timeout=10) as conn:
        conn.execute(
            "UPDATE meetings SET closed_at = ? WHERE id = ?", (time.time() - days * DAY, meeting_id)
        )


async def kreds(server: Server, *args: str, env: dict[str, str] | None = None) -> str:
    command = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "server.cli",
        *args,
        cwd=ROOT,
        env={**server.env(), **(env or {})},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await command.communicate()
    assert command.returncode == 0, output.decode()
    return output.decode()


async def test_purge_deletes_expired_meetings_without_a_trace(
    server: Server, account: Account, clients: Clients
) -> None:
    old_case = await new_case(server, account, "Liva, 4 år")
    old = await held_meeting(server, account, clients, old_case, "Netværksmøde om Liva")
    other_case = await new_case(server, account, "Oscar, 6 år")
    kept = await held_meeting(server, account, clients, other_case, "Netværksmøde om Oscar")
    fresh = await held_meeting(server, account, clients, other_case, "Opfølgning om Oscar")
    assert (await get(server, f"/r/{old.id}/referat.json", account=account)).status_code == 200
    age(server, old.id, 31)
    age(server, kept.id, 31)
    extended = await post(server, f"/api/meetings/{kept.id}/extend", {}, account=account)
    assert extended.status_code == 200
    assert extended.json()["keep_until"] > time.time() + 29 * DAY
    await clients.close()

    said = await kreds(server, "purge")
    assert "Slettede 1 " in said
    db = str(server.data_dir / "kreds.sqlite3")
    assert rows_naming(db, [old.id, "Netværksmøde om Liva"]) == []
    listed = (await get(server, "/api/meetings", account=account)).json()["meetings"]
    assert {kept.id, fresh.id} <= {m["id"] for m in listed}
    assert (await get(server, f"/r/{old.id}", account=account)).status_code == 403
    shown = (await get(server, f"/api/cases/{old_case}", account=account)).json()
    assert shown["meetings"] == []


async def test_retention_days_are_configurable(
    server: Server, account: Account, clients: Clients
) -> None:
    case_id = await new_case(server, account, "Noah, 12 år")
    meeting = await held_meeting(server, account, clients, case_id, "Netværksmøde om Noah")
    await clients.close()
    age(server, meeting.id, 3)
    assert "Slettede 0 " in await kreds(server, "purge")
    assert "Slettede 1 " in await kreds(server, "purge", env={"KREDS_RETENTION_DAYS": "2"})
    db = str(server.data_dir / "kreds.sqlite3")
    assert rows_naming(db, [meeting.id]) == []


async def test_deleting_a_case_erases_all_of_its_data(
    server: Server, account: Account, clients: Clients
) -> None:
    case_id = await new_case(server, account, "Alma, 7 år")
    first = await held_meeting(server, account, clients, case_id, "Netværksmøde om Alma")
    second = await case_meeting(server, account, case_id, "Opfølgning om Alma")
    facilitator = await clients.facilitator(account, second)
    assert facilitator.replica.of("agreement")
    exported = await get(server, f"/r/{first.id}/referat.txt", account=account)
    assert exported.status_code == 200
    await clients.close()
    db = str(server.data_dir / "kreds.sqlite3")
    assert rows_naming(db, [first.id, second.id, case_id]) != []

    deleted = await post(server, f"/api/cases/{case_id}/delete", {}, account=account)
    assert deleted.status_code == 204
    assert rows_naming(db, [first.id, second.id, case_id, "Alma"]) == []
    assert (await get(server, f"/api/cases/{case_id}", account=account)).status_code == 404
    assert (await get(server, f"/api/meetings/{second.id}", account=account)).status_code == 404
    again = await post(server, f"/api/cases/{case_id}/delete", {}, account=account)
    assert again.status_code == 404
