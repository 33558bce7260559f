"""Who is connected to each meeting, on every node: the sockets a meeting's presence, its
admissions and its per-viewer publish are made for. One node keeps it in memory; several share
it in Redis (server/cluster/directory.py), so the node serving a meeting also reaches the
sockets of it that are connected to another node."""

from typing import Protocol

import msgspec

from server.domain.visibility import Viewer, ViewerRole


class Entry(msgspec.Struct, frozen=True, kw_only=True):
    """One socket of a meeting, as every node may know it."""

    role: ViewerRole
    participant_id: str | None
    admitted: bool
    node: str = ""
    """The node (process) it is connected to; empty on one node."""

    @property
    def viewer(self) -> Viewer:
        return Viewer(role=self.role, participant_id=self.participant_id)


class Directory(Protocol):
    async def add(self, meeting_id: str, sid: str, entry: Entry) -> None: ...
    async def remove(self, meeting_id: str, sid: str) -> None: ...
    async def update(self, meeting_id: str, sid: str, entry: Entry) -> None:
        """A socket let in or given another role: written by the node serving the meeting,
        whichever node the socket is on; nothing when it has gone meanwhile."""

    async def sockets(self, meeting_id: str) -> dict[str, Entry]:
        """Every socket of the meeting, on every node (a copy)."""

    async def entry(self, meeting_id: str, sid: str) -> Entry | None: ...
    def here(self, meeting_id: str) -> list[str]:
        """The meeting's sockets on this node."""

    def meetings_here(self) -> set[str]: ...


class LocalDirectory:
    """One node: every socket is here."""

    def __init__(self) -> None:
        self._meetings: dict[str, dict[str, Entry]] = {}

    async def add(self, meeting_id: str, sid: str, entry: Entry) -> None:
        self._meetings.setdefault(meeting_id, {})[sid] = entry

    async def remove(self, meeting_id: str, sid: str) -> None:
        here = self._meetings.get(meeting_id)
        if here is None:
            return
        here.pop(sid, None)
        if not here:
            del self._meetings[meeting_id]

    async def update(self, meeting_id: str, sid: str, entry: Entry) -> None:
        here = self._meetings.get(meeting_id)
        if here is not None and sid in here:
            here[sid] = entry

    async def sockets(self, meeting_id: str) -> dict[str, Entry]:
        return dict(self._meetings.get(meeting_id, {}))

    async def entry(self, meeting_id: str, sid: str) -> Entry | None:
        return self._meetings.get(meeting_id, {}).get(sid)

    def here(self, meeting_id: str) -> list[str]:
        return list(self._meetings.get(meeting_id, {}))

    def meetings_here(self) -> set[str]:
        return set(self._meetings)
