"""What a viewer may not see reaches them by no route of the real server: live `changes`, a
`hello` answered with ops or a snapshot, the referat (page, text, JSON, PDF's page), the
participants' summary page and its calendar file. Naming it is answered as naming nothing."""

import json
import secrets
from typing import Any

from .kit import (
    Account,
    Clients,
    Meeting,
    Peer,
    Server,
    card_id,
    get,
    holm_meeting,
    join,
    person,
    post,
)

PEOPLE = ["Sara", "Birthe", "Mette"]
SECRET = "Jeg er bange for, at Thomas drikker igen om aftenen."
EARLIER = "Om morgenen er jeg alene, når jeg har det dårligt."
EDITED = "Om morgenen kommer mormor Birthe, når jeg har det dårligt."
PLAN = "Mormor henter Emil hver onsdag efter fodbold."
PROPOSAL = "Birthe følger Emil i skole tirsdag og torsdag."


def received(peer: Peer) -> str:
    """Everything a client has been sent, as one text to search."""
    return json.dumps(peer.events, ensure_ascii=False)


async def caught_up(peers: list[Peer], seq: int) -> None:
    for peer in peers:
        await peer.wait_for(lambda p=peer: (p.replica.seq or 0) >= seq, f"seq {seq}")  # type: ignore[misc]


async def sent(peer: Peer, kind: str, **fields: Any) -> int:
    ack = await peer.intent(kind, **fields)
    assert ack["ok"], ack
    seq: int = ack["seq"]
    return seq


def agreement(**fields: Any) -> dict[str, Any]:
    return {
        "agreement_id": "aftale-" + secrets.token_hex(6),
        "what": "Thomas går til samtaler hos Alkoholenheden",
        "who_names": ["Thomas"],
        "when_text": "hver mandag",
        **fields,
    }


async def everything_shown(server: Server, account: Account, meeting: Meeting) -> str:
    """The referat in all its server-made forms, and the participants' summary and .ics."""
    base = f"/r/{meeting.links.id}"
    shown = [(await get(server, base, account=account)).text]
    for export in ("referat.txt", "referat.json"):
        answer = await get(server, f"{base}/{export}", account=account)
        assert answer.status_code == 200, answer.text
        shown.append(answer.text)
    made = await post(server, f"/api/meetings/{meeting.links.id}/summary-link", {}, account=account)
    if made.status_code == 201:
        path = made.json()["url"].removeprefix(server.url)
        shown += [
            (await get(server, path)).text,
            (await get(server, f"{path}/naeste-moede.ics")).text,
        ]
    return "\n".join(shown)


async def test_a_private_note_reaches_no_other_client_by_any_route(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, PEOPLE)
    louise, (sara, birthe, mette) = meeting.facilitator, meeting.phones
    screen = await clients.screen(meeting.links)
    others = [louise, screen, birthe, mette]
    start = await sent(louise, "writing.private", column="next")
    await caught_up([*others, sara], start)

    note = card_id()
    written = await sent(sara, "card.add", card_id=note, column="next", text=SECRET)
    await caught_up([sara], written)
    assert sara.replica.cards[note]["text"] == SECRET
    deleted = await sent(sara, "card.delete", card_id=note)
    await caught_up(others, deleted)
    for peer in others:
        assert note not in received(peer) and SECRET not in received(peer), peer.label
        assert peer.replica.log[written] == [] and peer.replica.log[deleted] == []

    # A client back from before: answered with ops, or a snapshot, it learns nothing either.
    for last_seq in (start, 0):
        late = await clients.screen(meeting.links, sync=False)
        answer = await late.call("hello", {"last_seq": last_seq})
        assert ("ops" if last_seq else "snapshot") in answer, answer
        assert note not in json.dumps(answer), last_seq

    # Naming the note is naming nothing: the same answer as for an id never used.
    again = card_id()
    await sent(sara, "card.add", card_id=again, column="next", text=SECRET)
    answers = []
    for made in ({"serves": again}, {"serves": card_id()}):
        ack = await louise.intent("agreement.add", **agreement(**made))
        answers.append((ack["code"], ack["message"]))
    assert answers[0] == answers[1] and answers[0][0] == "not_found", answers
    for peer, kind, fields in (
        (louise, "card.edit", {"text": "Mødelederen retter"}),
        (louise, "card.delete", {}),
        (louise, "card.move", {"column": "works"}),
        (mette, "card.delete", {}),
    ):
        hidden = await peer.intent(kind, card_id=again, **fields)
        missing = await peer.intent(kind, card_id=card_id(), **fields)
        assert hidden.keys() == missing.keys() and hidden["code"] == missing["code"], kind
        assert hidden["message"] == missing["message"], kind

    close = await sent(louise, "meeting.close", next_meeting="2027-01-12T09:00")
    await caught_up([louise], close)
    assert SECRET not in await everything_shown(server, account, meeting)


async def test_family_time_reaches_no_professional_the_facilitator_or_the_screen(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, PEOPLE)
    louise, (sara, birthe, mette) = meeting.facilitator, meeting.phones
    screen = await clients.screen(meeting.links)
    professionals = [louise, screen, mette]
    earlier = card_id()
    await sent(sara, "card.add", card_id=earlier, column="worries", text=EARLIER)
    await sent(louise, "scale.ask", scale_id="sikkerhed", preset="safety")
    start = await sent(louise, "family.start")
    await caught_up([*professionals, birthe], start)

    plan = card_id()
    await sent(birthe, "card.add", card_id=plan, column="next", text=PLAN)
    await sent(sara, "card.edit", card_id=earlier, text=EDITED)
    proposal = agreement(what=PROPOSAL, who_names=["Birthe"], serves=plan)
    await sent(sara, "agreement.propose", **proposal)
    last = await sent(
        sara,
        "scale.note",
        note_id="skalanote-" + secrets.token_hex(4),
        scale_id="sikkerhed",
        follow_up="one_step_up",
        text="Hvis mormor kommer hver morgen, er vi et trin oppe.",
    )
    refused = await sara.intent("agreements.confirm", agrees=True)
    assert refused["code"] == "not_allowed"
    await caught_up([*professionals, birthe], last)

    for peer in professionals:
        text = received(peer)
        for secret in (PLAN, EDITED, PROPOSAL, plan, proposal["agreement_id"], "mormor kommer"):
            assert secret not in text, (peer.label, secret)
        assert peer.replica.cards[earlier]["text"] == EARLIER
    for peer in (sara, birthe):
        assert peer.replica.cards[earlier]["text"] == EDITED
        assert peer.replica.cards[plan]["text"] == PLAN

    # A resync by ops and one by snapshot, and the referat, hold none of it either.
    for last_seq in (start, 0):
        late = await clients.screen(meeting.links, sync=False)
        answer = await late.call("hello", {"last_seq": last_seq})
        assert PLAN not in json.dumps(answer, ensure_ascii=False), last_seq
    assert PLAN not in await everything_shown(server, account, meeting)
    assert EDITED not in await everything_shown(server, account, meeting)

    # The family shares its plan: everyone gets all of it in one op.
    shared = await sent(sara, "family.release")
    await caught_up(professionals, shared)
    for peer in professionals:
        assert peer.replica.cards[plan]["text"] == PLAN
        assert peer.replica.cards[earlier]["text"] == EDITED
    assert louise.replica.of("agreement")[proposal["agreement_id"]]["serves"] == plan
    accepted = await louise.intent("agreement.accept", agreement_id=proposal["agreement_id"])
    assert accepted["ok"], accepted


async def test_a_facilitator_who_hands_on_the_role_is_sent_only_what_the_new_role_sees(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, PEOPLE)
    louise, (sara, _, mette) = meeting.facilitator, meeting.phones
    await sent(louise, "writing.anonymous", on=True)
    anonymous = card_id()
    await sent(sara, "card.add", card_id=anonymous, column="worries", text=SECRET)
    waiting = await join(server, meeting.links.join_token, person("Thomas"))
    await sent(louise, "turn.give", participant_id=meeting.joined[0].participant_id)
    last = await sent(louise, "turn.give", participant_id=meeting.joined[2].participant_id)
    await caught_up([louise], last)
    assert waiting.participant_id in louise.replica.participants
    assert louise.replica.cards[anonymous]["author"] == meeting.joined[0].participant_id

    await sent(louise, "facilitator.handoff", participant_id=meeting.joined[2].participant_id)
    await louise.wait_for(lambda: louise.named("welcome")[-1]["role"] != "facilitator", "recast")

    # The web client starts again from 0 on a new role: a snapshot that replaces all it holds.
    for peer, facilitates in ((louise, False), (mette, True)):
        answer = await peer.call("hello", {"last_seq": 0})
        assert "snapshot" in answer, answer
        shown = {(e["type"], e["id"]): e for e in answer["snapshot"]}
        assert (("participant", waiting.participant_id) in shown) == facilitates
        author = shown[("card", anonymous)]["author"]
        assert (author == meeting.joined[0].participant_id) == facilitates
        assert bool(shown[("turns", meeting.links.id)]["talk"]) == facilitates


async def test_someone_online_in_the_lobby_is_known_to_the_facilitator_alone(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, PEOPLE)
    louise, (sara, _, mette) = meeting.facilitator, meeting.phones
    screen = await clients.screen(meeting.links)
    others = (sara, mette, screen)
    before = {peer.label: len(peer.named("presence")) for peer in others}
    waiting = await join(server, meeting.links.join_token, person("Thomas"))
    thomas = await clients.phone(waiting)
    await louise.wait_for(lambda: waiting.participant_id in louise.online, "Thomas online")
    assert thomas.named("presence") == []
    for peer in others:
        await peer.wait_for(
            lambda p=peer: len(p.named("presence")) > before[p.label], "the presence after Thomas"
        )
    again = await clients.phone(meeting.joined[0])
    await again.wait_for(lambda: bool(again.named("presence")), "a second device's presence")
    assert meeting.joined[0].participant_id in again.online
    for peer in (*others, again):
        assert waiting.participant_id not in received(peer), peer.label

    await louise.intent("participant.admit", participant_id=waiting.participant_id)
    for peer in (*others, thomas):
        await peer.wait_for(
            lambda p=peer: waiting.participant_id in p.online, f"{peer.label}: Thomas online"
        )
