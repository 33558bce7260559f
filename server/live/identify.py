"""Who a connecting socket is: a participant's token, a screen's token, or the facilitator's
session cookie with the meeting's id. On a node that does not serve the meeting, the person is
read from the meeting as the database holds it, so a socket connecting there (during a
hand-over, or when the proxy sends it there) does not move the meeting: only what needs the
meeting's Room (hello, an intent) does."""

import asyncio
from http.cookies import SimpleCookie
from typing import Any

import socketio

from server.cluster.lease import Ownership
from server.domain import State
from server.domain.visibility import OpView
from server.live.connection import ConnectAuth, Connection
from server.live.rooms import Room, Rooms
from server.services import auth, meetings
from server.services.auth import Keys
from server.settings import Settings
from server.store import Store
from shared_schema import ChangesEvent, Welcome

SESSION_COOKIE = "kreds_session"


def refuse(code: str) -> socketio.exceptions.ConnectionRefusedError:
    return socketio.exceptions.ConnectionRefusedError(code)


async def _publish_nothing(meeting_id: str, event: ChangesEvent, seen: OpView) -> None:
    """A Room loaded only to be read never publishes."""


class Identify:
    def __init__(
        self,
        store: Store,
        keys: Keys,
        rooms: Rooms,
        settings: Settings,
        ownership: Ownership | None = None,
    ) -> None:
        self.store = store
        self.keys = keys
        self.rooms = rooms
        self.settings = settings
        self.ownership = ownership
        self._reading: dict[str, asyncio.Task[State]] = {}

    async def state(self, meeting_id: str) -> State:
        """The meeting now: its Room's, where this node serves it (or is the only node); else
        as the database holds it, read once for every socket connecting meanwhile."""
        if self.ownership is None or meeting_id in self.ownership.held:
            return (await self.rooms.get(meeting_id)).state
        task = self._reading.get(meeting_id)
        if task is None:
            task = asyncio.create_task(self._read(meeting_id))
            self._reading[meeting_id] = task
            task.add_done_callback(lambda _: self._reading.pop(meeting_id, None))
        return await task

    async def _read(self, meeting_id: str) -> State:
        return (await Room.load(meeting_id, self.store, _publish_nothing)).state

    async def __call__(
        self, given: ConnectAuth, environ: dict[str, Any]
    ) -> tuple[Connection, Welcome]:
        if given.participant_token:
            return await self._participant(given.participant_token)
        if given.screen_token:
            return await self._screen(given.screen_token, environ)
        if given.meeting_id:
            return await self._facilitator(given.meeting_id, environ)
        raise refuse("not_allowed")

    async def _participant(self, token: str) -> tuple[Connection, Welcome]:
        found = await self.store.participant_by_token(self.keys.digest(token))
        if found is None:
            raise refuse("not_found")
        meeting_id, participant_id = found
        person = (await self.state(meeting_id)).participants.get(participant_id)
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
        return viewer, welcome

    async def _screen(self, token: str, environ: dict[str, Any]) -> tuple[Connection, Welcome]:
        meeting = await self.store.meeting_by_hash("screen_hash", self.keys.digest(token))
        if meeting is None:
            raise refuse("not_found")
        scope = environ.get("asgi.scope", {})
        base = self.settings.public_base(scope.get("scheme", "http"), environ.get("HTTP_HOST", ""))
        links = meetings.links(self.keys, meeting, base).for_screen()
        viewer = Connection(
            meeting_id=meeting.id, role="screen", participant_id=None, admitted=True
        )
        return viewer, Welcome(meeting_id=meeting.id, role="screen", admitted=True, links=links)

    async def _facilitator(
        self, meeting_id: str, environ: dict[str, Any]
    ) -> tuple[Connection, Welcome]:
        cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        token = cookie[SESSION_COOKIE].value if SESSION_COOKIE in cookie else None
        user = await auth.session_user(self.store, self.keys, token)
        meeting = await auth.facilitates(self.store, user, meeting_id)
        if meeting is None:
            raise refuse("not_allowed")
        # The role is the one in the meeting now: handed on, it stays with the other.
        person = (await self.state(meeting.id)).participants.get(meeting.facilitator_id)
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
        return viewer, welcome
