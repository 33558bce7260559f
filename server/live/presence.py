"""Who is online in a meeting, across every node: counted from the directory of sockets, told
to each admitted socket as its kind of viewer may know it."""

from collections import defaultdict

import socketio

from server.domain.visibility import Viewer
from server.live.directory import Directory, Entry
from shared_schema import Presence


def meeting_room(meeting_id: str) -> str:
    """The Socket.IO room of a meeting's admitted sockets (on every node, through Redis)."""
    return f"m:{meeting_id}"


def presence_for(sockets: dict[str, Entry], viewer: Viewer) -> Presence:
    """Who is online, as this viewer may know it: someone waiting in the lobby only for the
    facilitator (and the person), as the lobby itself."""
    online = {e.participant_id for e in sockets.values() if e.participant_id is not None}
    if viewer.role != "facilitator":
        waiting = {e.participant_id for e in sockets.values() if not e.admitted}
        online -= waiting - {viewer.participant_id}
    return Presence(online=sorted(online))


class Presences:
    def __init__(self, sio: socketio.AsyncServer, directory: Directory) -> None:
        self.sio = sio
        self.directory = directory

    async def arrived(self, meeting_id: str, sid: str, entry: Entry) -> None:
        """A socket is in the meeting (and the directory): the others learn it when its person
        just came online; an admitted one learns who is here (a second device of someone
        already online changes nobody's presence: it still needs to know who is here)."""
        sockets = await self.directory.sockets(meeting_id)
        if entry.participant_id is not None and not _elsewhere(sockets, sid, entry):
            await self.announce(meeting_id, sockets)
        if entry.admitted:
            await self.sio.emit("presence", presence_for(sockets, entry.viewer), to=sid)

    async def left(self, meeting_id: str, sid: str) -> None:
        gone = await self.directory.entry(meeting_id, sid)
        await self.directory.remove(meeting_id, sid)
        if gone is None or gone.participant_id is None:
            return
        sockets = await self.directory.sockets(meeting_id)
        if not _elsewhere(sockets, sid, gone):
            await self.announce(meeting_id, sockets)

    async def announce(self, meeting_id: str, sockets: dict[str, Entry] | None = None) -> None:
        """The presence to every admitted socket, on any node, made once per kind of viewer."""
        if sockets is None:
            sockets = await self.directory.sockets(meeting_id)
        by_kind: dict[bool, list[str]] = defaultdict(list)
        kinds: dict[bool, Entry] = {}
        for sid, entry in sockets.items():
            if entry.admitted:
                facilitates = entry.role == "facilitator"
                by_kind[facilitates].append(sid)
                kinds.setdefault(facilitates, entry)
        for facilitates, sids in by_kind.items():
            presence = presence_for(sockets, kinds[facilitates].viewer)
            await self.sio.emit("presence", presence, to=sids)


def _elsewhere(sockets: dict[str, Entry], sid: str, entry: Entry) -> bool:
    """Whether the socket's person has another socket in the meeting."""
    return any(e.participant_id == entry.participant_id for s, e in sockets.items() if s != sid)
