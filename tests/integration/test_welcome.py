"""The first welcome carries the server's permission table: what a client shows a person it
may do is what the Room then accepts from them."""

from typing import Any

import msgspec

from server.domain.permissions import FOR_CLIENTS

from .kit import Account, Clients, Peer, Server, admit, create_meeting, holm_meeting, join, person


def _welcomes(peer: Peer) -> list[dict[str, Any]]:
    return [data for name, data in peer.events if name == "welcome"]


async def test_the_first_welcome_carries_the_permission_table_the_room_acts_on(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Mette"])
    louise, mette = meeting.facilitator, meeting.phones[0]
    sent = [welcome["permissions"] for welcome in _welcomes(mette) if "permissions" in welcome]
    # Once, with the welcome that says the phone is admitted; a later one does not send it again.
    assert len(sent) == 1
    table = sent[0]
    assert table == msgspec.to_builtins(FOR_CLIENTS)
    assert _welcomes(louise)[0]["permissions"] == table
    role = mette.welcome["role"] if mette.welcome else None
    assert role not in table["timer.start"]["roles"]
    assert (await mette.intent("timer.start", seconds=60))["code"] == "not_allowed"
    assert role in table["hand.raise"]["roles"]
    assert (await mette.intent("hand.raise"))["ok"]
    # In family time a professional's phone waits: no row lets its role do anything.
    assert (await louise.intent("family.start"))["ok"]
    assert role not in {r for row in table.values() for r in row.get("family_time", [])}
    assert (await mette.intent("hand.lower"))["code"] == "not_allowed"


async def test_the_screen_is_told_the_table_too_and_may_do_nothing_by_it(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, [])
    screen = await clients.screen(meeting.links)
    table = _welcomes(screen)[0]["permissions"]
    assert not any("screen" in row["roles"] for row in table.values())


async def test_a_phone_in_the_lobby_gets_the_table_only_with_its_admission(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await create_meeting(server, account)
    louise = await clients.facilitator(account, meeting)
    thomas_joined = await join(server, meeting.join_token, person("Thomas"))
    thomas = await clients.phone(thomas_joined)
    assert thomas.welcome is not None and "permissions" not in thomas.welcome
    await admit(louise, thomas_joined)
    await thomas.wait_for(lambda: bool(thomas.welcome and thomas.welcome["admitted"]), "admitted")
    assert thomas.welcome is not None
    assert thomas.welcome["permissions"] == msgspec.to_builtins(FOR_CLIENTS)
