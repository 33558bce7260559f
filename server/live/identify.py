"""Who a connecting socket is: a participant's token, a screen's token, or the facilitator's
session cookie with the meeting's id. On a node that does not serve the meeting, the person is
read from the meeting as the database holds it, so a socket connecting there (during a
hand-over, or when the proxy sends it there) does not move the meeting: only what needs the
meeting's Room (hello, an intent) does."""

import asyncio
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

import msgspec
import socketio

from server.cluster.lease import Ownership
from server.domain import State
from server.domain.visibility import OpView
from server.live.connection import ConnectAuth, Connection
from server.live.room import LOAD_PAGE, Room, decode_changes
from server.live.rooms import Rooms
from server.services import auth, meetings
from server.services.auth import Keys
from server.settings import Settings
from server.store import Store
from shared_schema import ChangesEvent, Participant, Remove, Upsert, Welcome

SESSION_COOKIE = "kreds_session"


def refuse(code: str) -> socketio.exceptions.ConnectionRefusedError:
    return socketio.exceptions.ConnectionRefusedError(code)


async def _publish_nothing(meeting_id: str, event: ChangesEvent, seen: OpView) -> None:
    """A Room loaded only to be read never publishes."""


class Identified(msgspec.Struct, kw_only=True):
    connection: Connection
    welcome: Welcome
    person: Participant | None = None
    read_at: int | None = None
    """The seq the person was read at from the database (the meeting is not served here), so
    the ops after it can be looked at once the socket is in the directory; None from a Room."""


@dataclass
class Identify:
    store: Store
    keys: Keys
    rooms: Rooms
    settings: Settings
    ownership: Ownership | None = None
    _reading: dict[str, asyncio.Task[Room]] = field(default_factory=dict, init=False)

    async def state(self, meeting_id: str) -> tuple[State, int | None]:
        """The meeting now: its Room's, where this node serves it (or is the only node); else
        as the database holds it, read once for every socket connecting meanwhile, with the
        seq it was read at."""
        if self.ownership is None or meeting_id in self.ownership.held:
            return (await self.rooms.get(meeting_id)).state, None
        task = self._reading.get(meeting_id)
        if task is None:
            task = asyncio.create_task(Room.load(meeting_id, self.store, _publish_nothing))
            self._reading[meeting_id] = task
            task.add_done_callback(lambda _: self._reading.pop(meeting_id, None))
        read = await task
        return read.state, read.seq

    async def since(self, meeting_id: str, seq: int, person: Participant) -> Participant | None:
        """The person as the ops after `seq` left them (`removed` when taken out), or None when
        they did not touch them: what a socket read from the database may have missed while it
        was not yet in the directory, where the serving node would have reached it."""
        latest: Participant | None = None
        while True:
            ops = await self.store.ops_after(meeting_id, seq, LOAD_PAGE)
            for op in ops:
                for change in decode_changes(op.changes):
                    entity = change.entity if isinstance(change, Upsert) else None
                    if isinstance(entity, Participant) and entity.id == person.id:
                        latest = entity
                    elif isinstance(change, Remove) and change.id == person.id:
                        if change.kind == "participant":
                            latest = msgspec.structs.replace(latest or person, removed=True)
                seq = op.seq
            if len(ops) < LOAD_PAGE:
                return latest

    async def __call__(self, given: ConnectAuth, environ: dict[str, Any]) -> Identified:
        if given.participant_token:
            return await self._participant(given.participant_token)
        if given.screen_token:
            return await self._screen(given.screen_token, environ)
        if given.meeting_id:
            return await self._facilitator(given.meeting_id, environ)
        raise refuse("not_allowed")

    async def _participant(self, token: str) -> Identified:
        found = await self.store.participant_by_token(self.keys.digest(token))
        if found is None:
            raise refuse("not_found")
        meeting_id, participant_id = found
        state, read_at = await self.state(meeting_id)
        person = state.participants.get(participant_id)
        if person is None or person.removed:
            raise refuse("not_found")
        viewer = Connection(
            meeting_id=meeting_id,
            role=person.role,
            participant_id=participant_id,
            admitted=person.admitted,
        )
        welcome = Welcome(
            meeting_id=meeting_id,
            role=person.role,
            admitted=person.admitted,
            participant_id=participant_id,
        )
        return Identified(connection=viewer, welcome=welcome, person=person, read_at=read_at)

    async def _screen(self, token: str, environ: dict[str, Any]) -> Identified:
        meeting = await self.store.meeting_by_hash("screen_hash", self.keys.digest(token))
        if meeting is None:
            raise refuse("not_found")
        scope = environ.get("asgi.scope", {})
        base = self.settings.public_base(scope.get("scheme", "http"), environ.get("HTTP_HOST", ""))
        links = meetings.links(self.keys, meeting, base).for_screen()
        viewer = Connection(
            meeting_id=meeting.id, role="screen", participant_id=None, admitted=True
        )
        welcome = Welcome(meeting_id=meeting.id, role="screen", admitted=True, links=links)
        return Identified(connection=viewer, welcome=welcome)

    async def _facilitator(self, meeting_id: str, environ: dict[str, Any]) -> Identified:
        cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        token = cookie[SESSION_COOKIE].value if SESSION_COOKIE in cookie else None
        user = await auth.session_user(self.store, self.keys, token)
        meeting = await auth.facilitates(self.store, user, meeting_id)
        if meeting is None:
            raise refuse("not_allowed")
        # The role is the one in the meeting now: handed on, it stays with the other.
        state, read_at = await self.state(meeting.id)
        person = state.participants.get(meeting.facilitator_id)
        if person is None or person.removed:
            raise refuse("not_allowed")
        session = self.keys.digest(token or "")
        viewer = Connection(
            meeting_id=meeting.id,
            role=person.role,
            participant_id=meeting.facilitator_id,
            admitted=True,
            session=session,
            user_id=meeting.owner,
            expires_at=await self.store.session_expires(session),
        )
        welcome = Welcome(
            meeting_id=meeting.id,
            role=person.role,
            admitted=True,
            participant_id=meeting.facilitator_id,
        )
        return Identified(connection=viewer, welcome=welcome, person=person, read_at=read_at)
