"""What the other clients actually receive on the wire while notes are private, anonymous or the
family's own: nothing of the hidden notes, no anonymous author, until they are shared."""

import json

from .kit import Account, Clients, Peer, Server, get, holm_meeting


def _wire(peer: Peer) -> str:
    """Everything this client was sent, as raw JSON."""
    return json.dumps(peer.events, ensure_ascii=False)


async def _seen_everything(peers: list[Peer], seq: int) -> None:
    for peer in peers:
        await _caught_up(peer, seq)


async def _caught_up(peer: Peer, seq: int) -> None:
    await peer.wait_for(lambda: peer.replica.seq >= seq, f"seq {seq}")


async def test_private_notes_reach_nobody_else_until_revealed(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Sara", "Birthe", "Mette"])
    louise, (sara, birthe, mette) = meeting.facilitator, meeting.phones
    screen = await clients.screen(meeting.links)
    assert (await louise.intent("writing.private", column="works"))["ok"]
    secret = "Jeg er god til at lave mad med Emil om søndagen."
    written = await sara.add_note(secret, "works")
    assert written["ok"]
    # After the facilitator's own later op arrives everywhere, anything sent about Sara's note
    # has arrived too.
    later = await louise.intent("timer.start", seconds=60)
    await _seen_everything([louise, birthe, mette, screen], later["seq"])
    for other in (louise, birthe, mette, screen):
        assert secret not in _wire(other), other.label
    # A resync from zero is no back door.
    resync = await birthe.hello(0)
    assert secret not in json.dumps(resync, ensure_ascii=False)
    assert secret in _wire(sara)

    base = f"/r/{meeting.links.id}"
    exported = (await get(server, f"{base}/referat.json", account=account)).text
    assert secret not in exported and secret not in (await get(server, base, account=account)).text

    revealed = await louise.intent("writing.reveal")
    await _seen_everything([louise, birthe, mette, screen], revealed["seq"])
    for other in (louise, birthe, mette, screen):
        assert secret in _wire(other), other.label


async def test_anonymous_notes_carry_no_author_to_participants_or_the_screen(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Sara", "Mette"])
    louise, (sara, mette) = meeting.facilitator, meeting.phones
    screen = await clients.screen(meeting.links)
    assert (await louise.intent("writing.anonymous", on=True))["ok"]
    written = await mette.add_note("Emil er meget alene i frikvartererne.", "worries")
    await _seen_everything([louise, sara, screen], written["seq"])
    mette_id = meeting.joined[1].participant_id
    for other in (sara, screen):
        sent = [
            change["entity"]
            for name, data in other.events
            if name == "changes"
            for change in data["changes"]
            if change["type"] == "upsert" and change["entity"]["type"] == "card"
        ]
        assert sent and all(card["author"] == "" for card in sent), other.label
    assert any(card["author"] == mette_id for card in louise.replica.cards.values())


async def test_family_notes_reach_no_professional_until_the_family_releases_them(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Sara", "Birthe", "Mette", "Katrine"])
    louise, (sara, birthe, mette, katrine) = meeting.facilitator, meeting.phones
    assert (await louise.intent("family.start"))["ok"]
    plan = "Mormor tager morgenerne mandag og onsdag, Jonas kører Emil om fredagen."
    written = await birthe.add_note(plan, "next")
    assert written["ok"]
    refused = await mette.add_note("Skolen kan ringe hjem kl. 8.", "next")
    assert refused["code"] == "not_allowed"
    await _seen_everything([louise, sara, mette, katrine], written["seq"])
    assert plan in _wire(sara)
    for professional in (louise, mette, katrine):
        assert plan not in _wire(professional), professional.label
        assert plan not in json.dumps(await professional.hello(0), ensure_ascii=False)

    released = await sara.intent("family.release")
    assert released["ok"]
    await _seen_everything([louise, mette, katrine], released["seq"])
    for professional in (louise, mette, katrine):
        assert plan in _wire(professional), professional.label


async def test_ending_family_time_shares_nothing_the_family_has_not_shared(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Sara", "Birthe", "Mette"])
    louise, (sara, birthe, mette) = meeting.facilitator, meeting.phones
    assert (await louise.intent("family.start"))["ok"]
    plan = "Vi vil gerne selv fortælle skolen om weekenderne hos far."
    assert (await birthe.add_note(plan, "next"))["ok"]
    assert (await mette.intent("family.end"))["code"] == "not_allowed"
    ended = await louise.intent("family.end")
    assert ended["ok"], ended
    assert (await louise.intent("family.end"))["code"] == "conflict"
    # The professionals write again; the family's note is still its own, on the wire and in
    # the referat.
    back = await mette.add_note("Skolen kan tage en samtale i næste uge.", "next")
    assert back["ok"], back
    await _seen_everything([louise, sara, mette], back["seq"])
    for professional in (louise, mette):
        assert plan not in _wire(professional), professional.label
        assert plan not in json.dumps(await professional.hello(0), ensure_ascii=False)
    base = f"/r/{meeting.links.id}"
    assert plan not in (await get(server, base, account=account)).text
    # Sharing is the family's act, after family time too.
    released = await sara.intent("family.release")
    assert released["ok"], released
    await _seen_everything([louise, mette], released["seq"])
    for professional in (louise, mette):
        assert plan in _wire(professional), professional.label


async def test_talk_time_reaches_the_facilitator_alone_and_clocks_come_with_welcome_and_acks(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Sara", "Mette"])
    louise, (sara, mette) = meeting.facilitator, meeting.phones
    assert isinstance(sara.welcome and sara.welcome.get("now"), float)
    sara_id = meeting.joined[0].participant_id
    assert (await louise.intent("turn.give", participant_id=sara_id))["ok"]
    assert isinstance(louise.server_now, float)
    done = await louise.intent("turn.stop")
    await _seen_everything([louise, sara, mette], done["seq"])
    assert louise.replica.of("turns")[meeting.links.id]["talk"].keys() == {sara_id}
    for other in (sara, mette):
        for name, data in other.events:
            if name == "changes":
                for change in data["changes"]:
                    if change["type"] == "upsert" and change["entity"]["type"] == "turns":
                        assert change["entity"]["talk"] == {} and change["entity"]["turns"] == {}


async def test_a_handed_over_role_stays_with_the_co_facilitator_when_the_old_one_reconnects(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Mette"])
    louise, mette = meeting.facilitator, meeting.phones[0]
    mette_id = meeting.joined[0].participant_id
    assert (await mette.intent("timer.start", seconds=60))["code"] == "not_allowed"
    assert (await louise.intent("facilitator.handoff", participant_id=mette_id))["ok"]
    await mette.wait_for(
        lambda: mette.welcome is not None and mette.welcome["role"] == "facilitator",
        "a welcome as facilitator",
    )
    assert (await mette.intent("timer.start", seconds=60))["ok"]
    again = await clients.facilitator(account, meeting.links)
    assert again.welcome is not None and again.welcome["role"] == "fagperson"
    assert (await again.intent("timer.stop"))["code"] == "not_allowed"
    assert (
        await mette.intent("facilitator.handoff", participant_id=again.welcome["participant_id"])
    )["ok"]
    back = await clients.facilitator(account, meeting.links)
    assert back.welcome is not None and back.welcome["role"] == "facilitator"
