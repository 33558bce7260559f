"""Edge cases of the protocol over the real server: a connection's intents keep their order,
and an intent that changed nothing is answered with its first ack, also after a restart."""

import asyncio
from pathlib import Path
from typing import Any

from .kit import Clients, Server, card_id, holm_meeting, intent, setup_first


async def test_a_facilitators_first_intents_on_a_new_connection_are_applied_in_order(
    fresh_server: Server,
) -> None:
    account = setup_first(fresh_server)
    clients = Clients(fresh_server)
    try:
        meeting = await holm_meeting(fresh_server, account, clients, ["Sara"])
        await meeting.facilitator.close()
        # A new connection: its first intent waits for the session to be marked in use.
        louise = await clients.facilitator(account, meeting.links)
        card = card_id()
        made = [
            intent("card.add", card_id=card, column="works", text="Emil har to gode venner"),
            intent("card.edit", card_id=card, text="Emil har to gode venner i klassen"),
            intent("card.move", card_id=card, column="next", after=None),
        ]
        acks: list[dict[str, Any]] = await asyncio.gather(
            *(louise.call("intent", one) for one in made)
        )
        assert [ack["ok"] for ack in acks] == [True, True, True], acks
        seqs = [ack["seq"] for ack in acks]
        assert seqs == sorted(seqs) and len(set(seqs)) == 3
        sara = meeting.phones[0]
        await sara.wait_for(lambda: sara.replica.seq == seqs[-1], "the three ops")
        assert sara.replica.cards[card]["text"] == "Emil har to gode venner i klassen"
        assert sara.replica.cards[card]["column"] == "next"
    finally:
        await clients.close()


async def test_a_resent_intent_that_changed_nothing_gets_its_first_ack_after_an_edit_and_restart(
    tmp_path: Path,
) -> None:
    server = Server(tmp_path / "data")
    server.start()
    clients = Clients(server)
    try:
        account = setup_first(server)
        meeting = await holm_meeting(server, account, clients, ["Sara"])
        sara, louise = meeting.phones[0], meeting.facilitator
        card = card_id()
        added = await sara.intent(
            "card.add", card_id=card, column="works", text="Mormor henter Emil om tirsdagen"
        )
        unchanged = intent("card.edit", card_id=card, text="Mormor henter Emil om tirsdagen")
        first = await sara.send(dict(unchanged))
        assert first == {"id": unchanged["id"], "ok": True, "seq": added["seq"]}, first
        edited = await louise.intent(
            "card.edit", card_id=card, text="Mormor henter Emil tirsdag og torsdag"
        )
        assert edited["ok"], edited

        assert await sara.send(dict(unchanged)) == first
        server.stop()
        await asyncio.to_thread(server.start)
        again = await clients.phone(meeting.joined[0])
        assert await again.send(dict(unchanged)) == first
        assert again.replica.cards[card]["text"] == "Mormor henter Emil tirsdag og torsdag"
        await again.unchanged_since(edited["seq"])
    finally:
        await clients.close()
        server.stop()
    assert "Traceback" not in server.log(), server.log()
