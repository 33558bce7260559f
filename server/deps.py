"""What the route classes and the realtime layer are given: one object, built once in app.py."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from server.live.rooms import Rooms
from server.services.auth import HangUp, Keys
from server.settings import Settings
from server.store import MeetingRow, Store

if TYPE_CHECKING:
    # Imported only when a provider is configured: its libraries take a second to import.
    from server.identity.oidc import Provider

Relinked = Callable[[MeetingRow, str], Awaitable[None]]
"""Tells a meeting's open screens its new join link and code (given the public base URL)."""


@dataclass(frozen=True, kw_only=True)
class Deps:
    settings: Settings
    store: Store
    keys: Keys
    """The installation's secret: token digests, sealed secrets, summary links."""
    rooms: Rooms
    """The live meetings: every read or write of a meeting's state goes through its Room."""
    hang_up: HangUp
    """Closes the sockets of sessions that ended (the realtime side holds them)."""
    relinked: Relinked
    provider: "Provider | None" = None
    """The municipality's OpenID Connect provider, when one is configured."""
