"""The first welcome carries the server's permission table: what a client shows a person it
may do is what the Room then accepts from them."""

from typing import Any

import msgspec

from server.domain.permissions import FOR_CLIENTS

from .kit import Account, Clients, Peer, Server, holm_meeting


def _welcomes(peer: Peer) -> list[dict[str, Any]]:
    return [data for name, data in peer.events if name == "welcome"]


async def test_the_first_welcome_carries_the_permission_table_the_room_acts_on(
    server: Server, account: Account, clients: Clients
) -> None:
    meeting = await holm_meeting(server, account, clients, ["Mette"])
    louise, mette = meeting.facilitator, meeting.phones[0]
    first, *later = _welcomes(mette)
    table = first["permissions"]
    assert table == msgspec.to_builtins(FOR_CLIENTS)
    # A later welcome (on admission, after a handoff) does not send it again.
    assert all("permissions" not in welcome for welcome in later)
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
