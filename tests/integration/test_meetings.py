"""Who sees what: meetings are isolated, the lobby sees nothing, presence reaches everyone."""

import asyncio
import json
import secrets

import msgspec

from server.domain.permissions import FOR_CLIENTS

from .kit import (
    Account,
    Clients,
    Joined,
    Peer,
    Server,
    add_facilitator,
    admit,
    create_meeting,
    join,
    join_by_code,
    notes_by,
    person,
)

# A second, invented family, so that nothing of one meeting can be mistaken for the other's.
FREJA_NOTES = [
    ("works", "Freja går til håndbold to gange om ugen og har gode venner på holdet."),
    ("worries", "Freja sover dårligt og er træt i skolen om mandagen."),
    ("next", "Vi skal aftale, hvem Freja kan ringe til om aftenen."),
]


def _everything_received(peer: Peer) -> str:
    return json.dumps(peer.events, ensure_ascii=False)


async def test_five_clients_in_two_meetings_each_see_only_their_own_meeting(
    server: Server, account: Account, clients: Clients
) -> None:
    other = await add_facilitator(
        server, f"mads.{secrets.token_hex(3)}@kommune.example", "Mads Kjær"
    )
    emil = await create_meeting(server, account, "Netværksmøde om Emil, 9 år")
    freja = await create_meeting(server, other, "Opfølgende netværksmøde om Freja, 14 år")

    louise = await clients.facilitator(account, emil)
    mads = await clients.facilitator(other, freja)
    sara_joined = await join(server, emil.join_token, person("Sara"))
    mette_joined = await join_by_code(server, freja.join_code, person("Mette"))
    await admit(louise, sara_joined)
    await admit(mads, mette_joined)
    sara = await clients.phone(sara_joined)
    mette = await clients.phone(mette_joined)
    screen = await clients.screen(emil)

    # Both meetings work at the same time.
    emil_acks, freja_acks = await asyncio.gather(
        asyncio.gather(
            *(sara.add_note(note) for note in notes_by("Sara")),
            *(louise.add_note(note) for note in notes_by("Katrine")),
        ),
        asyncio.gather(
            *(mette.add_note(text, column) for column, text in FREJA_NOTES),
            mads.add_note("Mor og far er enige om at deltage i næste møde.", "next"),
        ),
    )
    assert all(ack["ok"] for ack in [*emil_acks, *freja_acks])
    emil_seq = max(ack["seq"] for ack in emil_acks)
    freja_seq = max(ack["seq"] for ack in freja_acks)
    for peer, seq in ((louise, emil_seq), (sara, emil_seq), (screen, emil_seq)):
        await peer.wait_for(lambda p=peer, s=seq: p.replica.seq == s, f"seq {seq}")
    for peer, seq in ((mads, freja_seq), (mette, freja_seq)):
        await peer.wait_for(lambda p=peer, s=seq: p.replica.seq == s, f"seq {seq}")

    def marks(peers: list[Peer], texts: list[str]) -> set[str]:
        """Ids and texts that belong to one meeting only."""
        ids = set(peers[0].replica.participants) | set(peers[0].replica.cards)
        return ids | {peers[0].replica.of("meeting").popitem()[0]} | set(texts)

    emil_peers, freja_peers = [louise, sara, screen], [mads, mette]
    emil_marks = marks(
        emil_peers, [note.text for note in [*notes_by("Sara"), *notes_by("Katrine")]]
    )
    freja_marks = marks(freja_peers, [text for _, text in FREJA_NOTES])
    assert emil_marks.isdisjoint(freja_marks)
    for peers, foreign in ((emil_peers, freja_marks), (freja_peers, emil_marks)):
        for peer in peers:
            received = _everything_received(peer)
            leaked = sorted(mark for mark in foreign if mark in received)
            assert leaked == [], f"{peer.label} received another meeting's {leaked}"
    # Every client of a meeting holds the same board, and all of its own notes.
    assert louise.replica.entities == sara.replica.entities == screen.replica.entities
    assert mads.replica.entities == mette.replica.entities
    assert {c["text"] for c in louise.replica.cards.values()} == {
        n.text for n in [*notes_by("Sara"), *notes_by("Katrine")]
    }
    assert {c["text"] for c in mads.replica.cards.values()} >= {t for _, t in FREJA_NOTES}


async def test_client_in_the_lobby_receives_nothing_of_the_board_until_admitted(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await create_meeting(server, account)
    louise = await clients.facilitator(account, meeting)
    assert (await louise.add_note(notes_by("Birthe")[0]))["ok"]

    thomas_joined = await join(server, meeting.join_token, person("Thomas"))
    thomas = await clients.phone(thomas_joined)
    lobby_welcome = {
        "meeting_id": meeting.id,
        "role": "familie",
        "admitted": False,
        "participant_id": thomas_joined.participant_id,
    }
    assert thomas.welcome is not None
    assert {k: v for k, v in thomas.welcome.items() if k != "now"} == lobby_welcome

    # The meeting goes on while Thomas waits: someone else comes in and notes are written.
    sara_joined = await join_by_code(server, meeting.join_code, person("Sara"))
    await admit(louise, sara_joined)
    sara = await clients.phone(sara_joined)
    acks = [await sara.add_note(note) for note in notes_by("Sara")]
    acks.append(await louise.add_note(notes_by("Mette")[1]))
    assert all(ack["ok"] for ack in acks)
    await louise.wait_for(lambda: louise.replica.seq == acks[-1]["seq"], "the last note")

    # Asked after the facilitator has seen everything, so anything broadcast to Thomas would have
    # arrived before these answers.
    hello = await thomas.call("hello", {"last_seq": 0})
    assert (hello["ok"], hello["code"]) == (False, "not_allowed")
    ack = await thomas.add_note(notes_by("Thomas")[0])
    assert (ack["ok"], ack["code"]) == (False, "not_allowed")
    assert thomas.events == [("welcome", thomas.welcome)]
    await louise.unchanged_since(acks[-1]["seq"])

    await admit(louise, thomas_joined)
    await thomas.wait_for(lambda: thomas.welcome["admitted"], "welcome as admitted")
    # Let in, the phone is told so, with the permission table every admitted client gets.
    let_in = {**lobby_welcome, "admitted": True, "permissions": msgspec.to_builtins(FOR_CLIENTS)}
    assert thomas.events[1] == ("welcome", let_in)
    await thomas.hello()
    assert thomas.replica.seq == louise.replica.seq
    assert thomas.replica.entities == louise.replica.entities
    assert {c["text"] for c in thomas.replica.cards.values()} == {
        notes_by("Birthe")[0].text,
        notes_by("Mette")[1].text,
        *(note.text for note in notes_by("Sara")),
    }

    # From now on Thomas is in the room like everyone else.
    mine = await thomas.add_note(notes_by("Thomas")[0])
    assert mine["ok"]
    for peer in (louise, sara, thomas):
        await peer.wait_for(lambda p=peer: p.replica.seq == mine["seq"], "Thomas' note")
    assert louise.replica.entities == sara.replica.entities == thomas.replica.entities


async def watched(
    server: Server, account: Account, clients: Clients
) -> tuple[Peer, Peer, Joined, Joined]:
    """The facilitator and the room's screen, watching who is online; Jonas and Maria let in,
    neither connected yet."""
    meeting = await create_meeting(server, account)
    louise = await clients.facilitator(account, meeting)
    screen = await clients.screen(meeting)
    jonas, maria = [await join(server, meeting.join_token, person(n)) for n in ("Jonas", "Maria")]
    await admit(louise, jonas)
    await admit(louise, maria)
    return louise, screen, jonas, maria


async def here(clients: Clients, joined: Joined) -> Peer:
    """A phone of theirs, connected and told who is here (themselves included)."""
    phone = await clients.phone(joined)
    await phone.wait_for(lambda: joined.participant_id in phone.online, "who is here")
    return phone


async def test_screen_and_facilitator_see_a_phone_come_online_and_go_offline(
    server: Server, account: Account, clients: Clients
) -> None:
    louise, screen, jonas, maria = await watched(server, account, clients)
    watchers = (louise, screen)
    louise_id = louise.welcome["participant_id"] if louise.welcome else None
    for peer in watchers:
        await peer.wait_for(lambda p=peer: p.online == {louise_id}, "the facilitator online")

    phone = await clients.phone(jonas)
    for peer in watchers:
        await peer.wait_for(lambda p=peer: jonas.participant_id in p.online, "Jonas online")

    # A second device keeps him online when the first one goes. Maria connecting afterwards is
    # the marker: the presence that shows her was sent after the first device went.
    tablet = await clients.phone(jonas)
    await phone.close()
    await clients.phone(maria)
    for peer in watchers:
        await peer.wait_for(lambda p=peer: maria.participant_id in p.online, "Maria online")
        assert jonas.participant_id in peer.online, f"{peer.label} lost Jonas' tablet"

    await tablet.close()
    everyone_but_jonas = {louise_id, maria.participant_id}
    for peer in watchers:
        await peer.wait_for(lambda p=peer: p.online == everyone_but_jonas, "Jonas offline")
    assert screen.named("presence")[-1] == {"online": sorted(everyone_but_jonas)}


async def test_a_phone_back_within_the_grace_never_shows_as_gone(
    server: Server, account: Account, clients: Clients
) -> None:
    louise, screen, jonas, maria = await watched(server, account, clients)
    phone = await clients.phone(jonas)
    for peer in (louise, screen):
        await peer.wait_for(lambda p=peer: jonas.participant_id in p.online, "Jonas online")
    told = {peer.label: len(peer.named("presence")) for peer in (louise, screen)}

    # His screen locks and wakes: the others are told nothing. Maria arriving is the marker.
    await phone.close()
    back = await here(clients, jonas)
    await clients.phone(maria)
    for peer in (louise, screen):
        await peer.wait_for(lambda p=peer: maria.participant_id in p.online, "Maria online")
        since = peer.named("presence")[told[peer.label] :]
        assert all(jonas.participant_id in shown["online"] for shown in since), since

    # Gone for good, he is told gone once the grace is over.
    await back.close()
    for peer in (louise, screen):
        await peer.wait_for(lambda p=peer: jonas.participant_id not in p.online, "Jonas gone")


async def test_a_device_arriving_while_someone_is_leaving_sees_them_when_they_are_back(
    server: Server, account: Account, clients: Clients
) -> None:
    louise, _, jonas, maria = await watched(server, account, clients)
    phone = await clients.phone(jonas)
    await clients.phone(maria)
    await louise.wait_for(
        lambda: {jonas.participant_id, maria.participant_id} <= louise.online, "both"
    )

    # Jonas drops; Maria's tablet connects within his grace, and then he is back.
    await phone.close()
    tablet = await here(clients, maria)
    await clients.phone(jonas)
    for peer in (louise, tablet):
        await peer.wait_for(lambda p=peer: jonas.participant_id in p.online, "Jonas back")


async def test_phones_and_screen_never_learn_the_name_of_someone_waiting_in_the_lobby(
    server: Server, account: Account, clients: Clients
) -> None:
    emil = await create_meeting(server, account, "Netværksmøde om Emil, 9 år")
    louise = await clients.facilitator(account, emil)
    sara_joined = await join(server, emil.join_token, person("Sara"))
    await admit(louise, sara_joined)
    sara = await clients.phone(sara_joined)
    screen = await clients.screen(emil)

    hanne = await join(server, emil.join_token, person("Hanne"))
    await louise.wait_for(
        lambda: hanne.participant_id in louise.replica.participants, "Hanne in the lobby"
    )
    late = await clients.phone(sara_joined)  # a resync after the join, from the op log
    ack = await louise.intent("participant.reject", participant_id=hanne.participant_id)
    for peer in (sara, screen, late):
        await peer.wait_for(lambda p=peer: p.replica.seq == ack["seq"], "the rejection")

    for peer in (sara, screen, late):
        assert "Hanne" not in _everything_received(peer), peer.label
        assert hanne.participant_id not in peer.replica.participants
    assert "Hanne" in _everything_received(louise)
