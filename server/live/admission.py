"""Letting people in, handing a role on and sending people away, for every socket of the
meeting on any node: the node serving the meeting decides it from its ops, the directory says
where the person's sockets are, and python-socketio's manager (Redis, with several nodes)
carries the room membership, the welcome and the disconnect to them."""

import time

import msgspec
import socketio

from server.domain.permissions import FOR_CLIENTS
from server.live.connection import Connection
from server.live.directory import Directory, Entry
from server.live.presence import Presences, meeting_room
from shared_schema import Goodbye, Participant, Welcome

SENT_AWAY = "Mødelederen har taget dig ud af mødet."


class Admission:
    def __init__(
        self,
        sio: socketio.AsyncServer,
        directory: Directory,
        presences: Presences,
        here: dict[str, Connection],
    ) -> None:
        self.sio = sio
        self.directory = directory
        self.presences = presences
        self.here = here
        """This node's connections, by sid: kept as the directory says of them."""

    async def _sockets_of(self, meeting_id: str, participant_id: str) -> dict[str, Entry]:
        sockets = await self.directory.sockets(meeting_id)
        return {sid: e for sid, e in sockets.items() if e.participant_id == participant_id}

    async def _change(self, meeting_id: str, sid: str, entry: Entry) -> None:
        await self.directory.update(meeting_id, sid, entry)
        connection = self.here.get(sid)
        if connection is not None and not connection.hung_up:
            connection.admitted, connection.role = entry.admitted, entry.role

    async def let_in(self, meeting_id: str, person: Participant) -> None:
        let_in = False
        for sid, entry in (await self._sockets_of(meeting_id, person.id)).items():
            if entry.admitted:
                continue
            let_in = True
            await self._change(meeting_id, sid, msgspec.structs.replace(entry, admitted=True))
            await self.sio.enter_room(sid, meeting_room(meeting_id))
            welcome = Welcome(
                meeting_id=meeting_id,
                role=person.role,
                admitted=True,
                participant_id=person.id,
                permissions=FOR_CLIENTS,
            )
            await self.sio.emit("welcome", welcome, to=sid)
        if let_in:
            # Online while waiting, known only to the facilitator: now to everyone.
            await self.presences.announce(meeting_id)

    async def recast(self, meeting_id: str, person: Participant) -> None:
        """A role handed on: the person's devices see and may do what the new role does from
        now on, and are told so by a fresh welcome."""
        for sid, entry in (await self._sockets_of(meeting_id, person.id)).items():
            if entry.role == person.role:
                continue
            await self._change(meeting_id, sid, msgspec.structs.replace(entry, role=person.role))
            welcome = Welcome(
                meeting_id=meeting_id,
                role=person.role,
                admitted=True,
                participant_id=person.id,
                now=time.time(),
            )
            await self.sio.emit("welcome", welcome, to=sid)

    async def send_away(self, meeting_id: str, participant_id: str) -> None:
        goodbye = Goodbye(code="not_allowed", message=SENT_AWAY)
        for sid in await self._sockets_of(meeting_id, participant_id):
            await self.sio.emit("goodbye", goodbye, to=sid)
            await self.sio.disconnect(sid)
