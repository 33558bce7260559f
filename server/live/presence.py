"""Who is online in a meeting, across every node: counted from the directory of sockets, told
to each admitted socket as its kind of viewer may know it. A person whose last socket goes is
told gone only after a grace: a phone that drops for a moment (a screen lock, a change of
Wi-Fi) and comes back does not blink offline on every screen in the room."""

import asyncio
import logging
from collections import defaultdict

import socketio

from server.domain.visibility import Viewer
from server.live.directory import Directory, Entry
from shared_schema import Presence

log = logging.getLogger("kreds.presence")

GRACE_SECONDS = 3.0
"""How long a person whose last socket went still counts as here for the others."""


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
        self.leaving: dict[str, dict[str, asyncio.Task[None]]] = {}
        """By meeting and person: who has gone, not yet told to the others (on this node)."""

    async def arrived(self, meeting_id: str, sid: str, entry: Entry) -> None:
        """A socket is in the meeting (and the directory): the others learn it when its person
        just came online; an admitted one learns who is here (a second device of someone
        already online changes nobody's presence: it still needs to know who is here, and so
        does a phone back within the grace, whom the others never saw go). While someone else
        is leaving, the room is told again, which ends their grace: the newcomer, who cannot
        see them, and the others then see the same."""
        sockets = await self.directory.sockets(meeting_id)
        person = entry.participant_id
        back = person is not None and self._end_grace(meeting_id, person)
        came = person is not None and not back and not _elsewhere(sockets, sid, entry)
        if came or meeting_id in self.leaving:
            await self.announce(meeting_id, sockets)
        if entry.admitted:
            await self.sio.emit("presence", presence_for(sockets, entry.viewer), to=sid)

    async def left(self, meeting_id: str, sid: str) -> None:
        gone = await self.directory.entry(meeting_id, sid)
        await self.directory.remove(meeting_id, sid)
        person = None if gone is None else gone.participant_id
        if person is None:
            return
        leaving = self.leaving.setdefault(meeting_id, {})
        if person not in leaving:
            leaving[person] = asyncio.create_task(self._after_grace(meeting_id, person))

    def _end_grace(self, meeting_id: str, person: str) -> bool:
        """Ends the grace of a person leaving (back, or told gone): whether they had one."""
        task = self._take(meeting_id, person)
        if task is not None:
            task.cancel()
        return task is not None

    def _take(self, meeting_id: str, person: str) -> asyncio.Task[None] | None:
        leaving = self.leaving.get(meeting_id, {})
        task = leaving.pop(person, None)
        if not leaving:
            self.leaving.pop(meeting_id, None)
        return task

    async def _after_grace(self, meeting_id: str, person: str) -> None:
        await asyncio.sleep(GRACE_SECONDS)
        self._take(meeting_id, person)
        try:
            sockets = await self.directory.sockets(meeting_id)
            if all(entry.participant_id != person for entry in sockets.values()):
                await self.announce(meeting_id, sockets)
        except Exception as failed:  # Redis away: the next change of presence tells it
            log.warning("meeting %s: presence not told (%s)", meeting_id, type(failed).__name__)

    async def announce(self, meeting_id: str, sockets: dict[str, Entry] | None = None) -> None:
        """The presence to every admitted socket, on any node, made once per kind of viewer.
        It shows whoever is leaving and not back as gone, so their grace ends with it."""
        if sockets is None:
            sockets = await self.directory.sockets(meeting_id)
        here = {entry.participant_id for entry in sockets.values()}
        for person in [p for p in self.leaving.get(meeting_id, {}) if p not in here]:
            self._end_grace(meeting_id, person)
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
