"""Exactly once and resync by seq: duplicate intent ids, and clients that were away."""

import asyncio
import copy
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from .kit import (
    NOTES,
    PEOPLE,
    Account,
    Clients,
    Meeting,
    Peer,
    Server,
    add_card,
    holm_meeting,
    intent,
    notes_by,
)


def _upserts_of(peer: Peer, card: str) -> int:
    """How many `changes` events this peer received that write the card."""
    return sum(
        1
        for event in peer.named("changes")
        for change in event["changes"]
        if change["type"] == "upsert" and change["entity"]["id"] == card
    )


async def test_repeated_intent_id_is_applied_once_and_acked_with_the_original_seq(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Birthe"])
    louise, birthe = meeting.facilitator, meeting.phones[0]
    made = add_card(notes_by("Birthe")[0])

    first = await birthe.send(made)
    later = await birthe.add_note("Emil må gerne sove hos mig, når Sara har det svært.", "next")
    again = await birthe.send(made)
    # A confused client that sends other content under a used id still gets the original ack.
    altered = await birthe.send({**made, "text": "Jeg henter Emil hver torsdag i stedet."})
    # After a reload the outbox sends it once more, on a new connection.
    reloaded = await clients.phone(meeting.joined[0])
    resent = await reloaded.send(made)

    assert first == {"id": made["id"], "ok": True, "seq": first["seq"]}
    assert later["seq"] == first["seq"] + 1
    assert again == altered == resent == first
    await louise.wait_for(lambda: louise.replica.seq == later["seq"], "Birthe's second note")
    await louise.unchanged_since(later["seq"])
    assert _upserts_of(louise, made["card_id"]) == 1
    assert louise.replica.cards[made["card_id"]]["text"] == made["text"]


@pytest.mark.parametrize("devices", [1, 2], ids=["one connection", "two connections"])
async def test_two_concurrent_emits_of_one_intent_id_are_applied_once(
    server: Server, account: Account, clients: Clients, devices: int
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Jonas"])
    louise, phone = meeting.facilitator, meeting.phones[0]
    other = phone if devices == 1 else await clients.phone(meeting.joined[0])
    made = add_card(notes_by("Jonas")[0])

    one, two = await asyncio.gather(phone.send(made), other.send(made))
    after = await phone.add_note(notes_by("Jonas")[1])

    assert one == two == {"id": made["id"], "ok": True, "seq": one["seq"]}
    assert after["seq"] == one["seq"] + 1
    await louise.wait_for(lambda: louise.replica.seq == after["seq"], "the next note")
    assert _upserts_of(louise, made["card_id"]) == 1
    assert len(louise.replica.cards) == 2


# -- a client that was away --------------------------------------------------------------------

MISSED = 200
Changes = Callable[[Meeting], Awaitable[None]]


async def _catch_up_after_missing(
    server: Server, account: Account, clients: Clients, make_changes: Changes
) -> tuple[dict[str, Any], Peer, Peer]:
    """Sara's phone goes away, the others make MISSED changes, Sara comes back with her last
    seq. Returns the sync answer, Sara's reconnected client, and a freshly synced one."""
    names = [p.name for p in PEOPLE]
    meeting = await holm_meeting(server, account, clients, names)
    acks = []
    for phone, joined in zip(meeting.phones, meeting.joined, strict=True):
        acks += await phone.send_patiently([add_card(n) for n in notes_by(joined.person.name)[:1]])
    sara = meeting.phones[names.index("Sara")]
    last_seen = max(ack["seq"] for ack in acks)
    await sara.wait_for(lambda: sara.replica.seq == last_seen, "the first notes")
    await sara.close()

    await make_changes(meeting)
    louise = meeting.facilitator
    answer = await louise.call("hello", {"last_seq": last_seen})
    assert answer["seq"] == last_seen + MISSED, "the scenario did not make exactly MISSED changes"

    back = await clients.phone(meeting.joined[names.index("Sara")], sync=False)
    back.replica = copy.deepcopy(sara.replica)
    answer = await back.hello()
    fresh = await clients.screen(meeting.links)
    return answer, back, fresh


def _others(meeting: Meeting) -> list[Peer]:
    return [
        p for p, j in zip(meeting.phones, meeting.joined, strict=True) if j.person.name != "Sara"
    ]


async def test_client_that_missed_200_changes_converges_from_the_op_log(
    server: Server, account: Account, clients: Clients
) -> None:
    async def many_new_notes(meeting: Meeting) -> None:
        others = _others(meeting)
        known = [c for c in meeting.facilitator.replica.cards.values()]
        edits = [intent("card.edit", card_id=c["id"], text=c["text"] + " (rettet)") for c in known]
        deletes = [intent("card.delete", card_id=c["id"]) for c in known[3:5]]
        fixes = edits[:3] + deletes
        adds = [add_card(NOTES[i % len(NOTES)]) for i in range(MISSED - len(fixes))]
        plans = [adds[i :: len(others)] for i in range(len(others))]
        await asyncio.gather(
            *(p.send_patiently(plan) for p, plan in zip(others, plans, strict=True))
        )
        await meeting.facilitator.send_patiently(fixes)  # the facilitator may edit any note

    answer, sara, fresh = await _catch_up_after_missing(server, account, clients, many_new_notes)

    assert "snapshot" not in answer and len(answer["ops"]) == MISSED
    assert sara.replica.seq == fresh.replica.seq
    assert sara.replica.entities == fresh.replica.entities


async def test_client_that_missed_200_changes_converges_from_a_snapshot(
    server: Server, account: Account, clients: Clients
) -> None:
    async def many_edits(meeting: Meeting) -> None:
        louise, others = meeting.facilitator, _others(meeting)
        known = list(louise.replica.cards.values())
        deletes = [intent("card.delete", card_id=c["id"]) for c in known[4:6]]
        per_phone = (MISSED - len(deletes)) // len(others)
        columns = ["next", "worries", "works"]
        moves = [
            intent("card.move", card_id=known[n % 4]["id"], column=columns[n % 3])
            for n in range(MISSED - len(deletes) - per_phone * len(others))
        ]

        async def add_and_rewrite(phone: Peer, note_index: int) -> None:
            note = NOTES[note_index % len(NOTES)]
            made = add_card(note)
            rewrites = [
                intent("card.edit", card_id=made["card_id"], text=f"{note.text} (version {n})")
                for n in range(2, per_phone + 1)
            ]
            acks = await phone.send_patiently([made, *rewrites])
            assert all(ack["ok"] for ack in acks), acks

        await asyncio.gather(*(add_and_rewrite(p, i) for i, p in enumerate(others)))
        acks = await louise.send_patiently([*moves, *deletes])
        assert all(ack["ok"] for ack in acks), acks

    answer, sara, fresh = await _catch_up_after_missing(server, account, clients, many_edits)

    assert "ops" not in answer and answer["seq"] == sara.replica.seq
    assert sara.replica.seq == fresh.replica.seq
    assert sara.replica.entities == fresh.replica.entities
    assert len(sara.replica.cards) == len(fresh.replica.cards) > 0
