"""Agreements, the read-back and closing on a real server; the referat and its exports."""

import json
import secrets
import sqlite3
import time
from typing import Any

import icalendar

from server.render.pdf import PRINT_SECONDS
from server.services import summary_links
from server.services.auth import Keys

from .kit import Account, Clients, Meeting, Server, add_facilitator, get, holm_meeting, post

PEOPLE = ["Sara", "Birthe", "Mette"]


def agreement(**fields: Any) -> dict[str, Any]:
    return {
        "agreement_id": "agr-" + secrets.token_hex(6),
        "what": "Følge Emil i skole om morgenen",
        "who_names": ["Mormor Birthe"],
        "when_text": "hver tirsdag og torsdag",
        **fields,
    }


async def agreed_meeting(server: Server, account: Account, clients: Clients) -> Meeting:
    """The Holm meeting with one written and one proposed-and-accepted agreement."""
    meeting = await holm_meeting(server, account, clients, PEOPLE)
    facilitator, sara = meeting.facilitator, meeting.phones[0]
    ack = await facilitator.intent(
        "agreement.add",
        **agreement(
            what="Bevilge aflastning en weekend om måneden",
            who_names=[],
            who_municipality=True,
            when_date="2026-12-01",
            when_text="",
        ),
    )
    assert ack["ok"], ack
    proposal = agreement(
        what="Hente Emil fra fodbold om onsdagen",
        who_participants=[meeting.joined[0].participant_id],
        who_names=[],
        when_text="hver onsdag",
    )
    ack = await sara.intent("agreement.propose", **proposal)
    assert ack["ok"], ack
    await facilitator.wait_for(
        lambda: proposal["agreement_id"] in facilitator.replica.of("agreement"), "the proposal"
    )
    assert facilitator.replica.of("agreement")[proposal["agreement_id"]]["status"] == "proposed"
    ack = await facilitator.intent("agreement.accept", agreement_id=proposal["agreement_id"])
    assert ack["ok"], ack
    return meeting


async def test_read_back_confirmations_reach_the_screen(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await agreed_meeting(server, account, clients)
    screen = await clients.screen(meeting.links)
    sara, birthe, mette = meeting.phones
    assert (await meeting.facilitator.intent("readback.start"))["ok"]
    assert (await sara.intent("agreements.confirm", agrees=True))["ok"]
    assert (await birthe.intent("agreements.confirm", agrees=False, comment="Onsdag kl. 17"))["ok"]
    assert (await mette.intent("agreements.confirm", agrees=True))["ok"]
    await screen.wait_for(lambda: len(screen.replica.of("confirmation")) == 3, "3 confirmations")
    answers = screen.replica.of("confirmation")
    assert answers[meeting.joined[1].participant_id]["comment"] == "Onsdag kl. 17"
    assert screen.replica.of("meeting")[meeting.links.id]["status"] == "readback"


async def test_after_closing_every_intent_is_refused_with_closed(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await agreed_meeting(server, account, clients)
    facilitator, sara = meeting.facilitator, meeting.phones[0]
    ack = await facilitator.intent("meeting.close", next_meeting="2027-01-12T09:00")
    assert ack["ok"], ack
    closed_at = ack["seq"]
    for peer, made in [
        (sara, ("card.add", {"card_id": "late-1", "column": "works", "text": "For sent"})),
        (sara, ("agreements.confirm", {"agrees": True})),
        (facilitator, ("agreement.add", agreement())),
        (facilitator, ("readback.start", {})),
        (facilitator, ("meeting.auto_admit", {"on": True})),
        (facilitator, ("meeting.close", {})),
    ]:
        kind, fields = made
        refused = await peer.intent(kind, **fields)
        assert refused["ok"] is False and refused["code"] == "closed", (kind, refused)
    await facilitator.unchanged_since(closed_at)
    late = await post(
        server,
        "/api/join",
        {
            "join_token": meeting.links.join_token,
            "name": "Ole",
            "role": "privat",
            "relation": "nabo",
            "remote": False,
        },
    )
    assert late.status_code == 409 and late.json()["code"] == "closed"
    # The join link says the meeting has ended before a phone asks anyone's name.
    info = await post(server, "/api/join/info", {"join_token": meeting.links.join_token})
    assert info.status_code == 200 and info.json()["closed"] is True
    listed = await get(server, "/api/meetings", account=account)
    mine = next(m for m in listed.json()["meetings"] if m["id"] == meeting.links.id)
    assert mine["closed_at"] is not None and mine["next_meeting"] == "2027-01-12T09:00"


async def test_a_closed_meeting_survives_a_restart_frozen(
    fresh_server: Server, clients: Clients
) -> None:
    from .kit import setup_first

    account = setup_first(fresh_server)
    clients.server = fresh_server
    meeting = await agreed_meeting(fresh_server, account, clients)
    ack = await meeting.facilitator.intent("meeting.close", next_meeting="2027-01-12T09:00")
    assert ack["ok"]
    await clients.close()
    fresh_server.stop()
    # As if the process died between the close and recording it in the meetings table.
    with sqlite3.connect(fresh_server.data_dir / "kreds.sqlite3") as conn:
        conn.execute("UPDATE meetings SET closed_at = NULL WHERE id = ?", (meeting.links.id,))
    fresh_server.start()
    again = await clients.facilitator(account, meeting.links)
    listed = (await get(fresh_server, "/api/meetings", account=account)).json()["meetings"]
    assert listed[0]["closed_at"] is not None
    assert again.replica.of("meeting")[meeting.links.id]["status"] == "closed"
    assert len(again.replica.of("agreement")) == 2
    refused = await again.intent("card.add", card_id="x-1", column="works", text="Nyt")
    assert refused["code"] == "closed"


async def closed_holm(server: Server, account: Account, clients: Clients) -> Meeting:
    meeting = await agreed_meeting(server, account, clients)
    sara, birthe, mette = meeting.phones
    await sara.add_note("Emil er glad for sin fodboldtræner", "works")
    assert (await meeting.facilitator.intent("readback.start"))["ok"]
    await sara.intent("agreements.confirm", agrees=True)
    await birthe.intent("agreements.confirm", agrees=True)
    await mette.intent("agreements.confirm", agrees=False, comment="Skolen kan først fra januar")
    assert (await meeting.facilitator.intent("meeting.close", next_meeting="2027-01-12T09:00"))[
        "ok"
    ]
    return meeting


async def test_the_referat_page_text_json_and_ics(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await closed_holm(server, account, clients)
    base = f"/r/{meeting.links.id}"
    page = await get(server, base, account=account)
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    for words in [
        "Netværksmøde om Emil, 9 år",
        "Sara (Familie, mor)",
        "Emil er glad for sin fodboldtræner",
        "Bevilge aflastning en weekend om måneden",
        "Mette: har en bemærkning: Skolen kan først fra januar",
        "tirsdag den 12. januar 2027 kl. 09.00",
    ]:
        assert words in page.text, words

    text = await get(server, f"{base}/referat.txt", account=account)
    assert text.headers["content-type"].startswith("text/plain")
    assert "attachment" in text.headers["content-disposition"]
    body = text.text
    assert body.startswith("REFERAT AF NETVÆRKSMØDE: Netværksmøde om Emil, 9 år\n")
    assert "1. Bevilge aflastning en weekend om måneden\n   Hvem: Kommunen\n" in body
    assert "2. Hente Emil fra fodbold om onsdagen\n   Hvem: Sara\n   Hvornår: hver onsdag\n" in (
        body
    )
    assert "- Birthe: enig\n" in body

    exported = json.loads((await get(server, f"{base}/referat.json", account=account)).text)
    kinds = sorted({entity["type"] for entity in exported["entities"]})
    assert kinds == ["agenda", "agreement", "card", "confirmation", "meeting", "participant"]

    ics = await get(server, f"{base}/naeste-moede.ics", account=account)
    assert ics.headers["content-type"].startswith("text/calendar")
    (event,) = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert event.decoded("dtstart").isoformat() == "2027-01-12T09:00:00+01:00"


async def test_the_referat_as_pdf(server: Server, account: Account, clients: Clients) -> None:
    meeting = await closed_holm(server, account, clients)
    # Chromium's first start on a fresh machine builds its font caches: the print may take
    # as long as the server lets it.
    printed = await get(
        server, f"/r/{meeting.links.id}/referat.pdf", account=account, wait=PRINT_SECONDS + 5
    )
    assert printed.status_code == 200, printed.text
    assert printed.headers["content-type"] == "application/pdf"
    assert printed.content.startswith(b"%PDF-")
    assert len(printed.content) > 5_000


async def test_the_referat_is_for_its_facilitator_only(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await closed_holm(server, account, clients)
    other = await add_facilitator(server, "anna@kommune.dk", "Anna")
    for who in (None, other):
        page = await get(server, f"/r/{meeting.links.id}", account=who)
        assert page.status_code == 403
        assert "Netværksmøde om Emil" not in page.text
        for export in ("referat.txt", "referat.json", "referat.pdf", "naeste-moede.ics"):
            refused = await get(server, f"/r/{meeting.links.id}/{export}", account=who)
            assert refused.status_code in (403, 404), export
    missing = await get(server, "/r/" + "x" * 500, account=account)
    assert missing.status_code == 403


async def test_a_summary_link_shows_the_referat_until_it_expires(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await closed_holm(server, account, clients)
    made = await post(server, f"/api/meetings/{meeting.links.id}/summary-link", {}, account=account)
    assert made.status_code == 201, made.text
    link = made.json()
    assert 13 * 86400 < link["expires_at"] - time.time() <= 14 * 86400
    path = link["url"].removeprefix(server.url)
    shown = await get(server, path)
    assert shown.status_code == 200
    assert "Hente Emil fra fodbold om onsdagen" in shown.text
    assert "referat.json" not in shown.text and "data-share" not in shown.text
    ics = await get(server, f"{path}/naeste-moede.ics")
    assert ics.status_code == 200

    keys = Keys((server.data_dir / "secret.key").read_text().strip().encode())
    expired = summary_links.make(keys, meeting.links.id, int(time.time()) - 1)
    assert (await get(server, f"/o/{expired}")).status_code == 404
    token = path.removeprefix("/o/")
    meeting_id, expires, mac = token.split(".")
    stretched = f"{meeting_id}.{int(expires) + 86400 * 365}.{mac}"
    assert (await get(server, f"/o/{stretched}")).status_code == 404
    assert (await get(server, "/o/" + "a" * 300)).status_code == 404
    log = server.log()
    assert mac not in log, "a summary link's token was written to the access log"
    assert '"GET /o/… HTTP/1.1" 200' in log


async def test_summary_links_need_a_closed_meeting_and_its_facilitator(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await agreed_meeting(server, account, clients)
    path = f"/api/meetings/{meeting.links.id}/summary-link"
    early = await post(server, path, {}, account=account)
    assert early.status_code == 400 and early.json()["code"] == "invalid"
    assert (await post(server, path, {})).status_code == 403
    other_site = await post(
        server, path, {}, account=account, headers={"Origin": "https://evil.example"}
    )
    assert other_site.status_code == 403


async def test_bad_agreements_from_a_socket_change_nothing(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Sara"])
    mette = meeting.phones[0]
    seq = mette.replica.seq
    for fields, code in [
        (agreement(what="x" * 5000), "too_large"),
        (agreement(when_text="", when_date="31-12-2026"), "invalid"),
        (agreement(who_names=[]), "invalid"),
        (agreement(what="Ring på 010203-1234"), "cpr_detected"),
        (agreement(who_participants=["nobody"]), "not_found"),
    ]:
        refused = await mette.intent("agreement.propose", **fields)
        assert refused["ok"] is False and refused["code"] == code, (fields, refused)
    refused = await mette.intent("agreement.add", **agreement())
    assert refused["code"] == "not_allowed"
    await mette.unchanged_since(seq)
    twice = agreement()
    first = await mette.intent("agreement.propose", **twice)
    again = await mette.intent("agreement.propose", **twice)
    assert first["ok"] and again["code"] == "conflict"
