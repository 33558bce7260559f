"""Socket.IO: who a connection is, hello/sync, intents into Rooms, presence."""

import asyncio
import logging
import re
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from http.cookies import SimpleCookie
from typing import Any, get_args

import msgspec
import socketio

from server.deps import Deps
from server.domain import MESSAGES, Rejected
from server.domain.permissions import FOR_CLIENTS
from server.domain.visibility import OpView, Viewer, ViewerRole
from server.ops import metrics
from server.services import audit, auth, meetings
from server.services.auth import IDLE_SECONDS, SessionsEnded
from server.store import MeetingRow
from server.store.protocol import Unavailable
from shared_schema import (
    Ack,
    ChangesEvent,
    ErrorCode,
    Goodbye,
    Hello,
    Intent,
    Participant,
    Presence,
    RefusalId,
    Remove,
    Sync,
    Upsert,
    Welcome,
)

log = logging.getLogger("kreds.realtime")

SESSION_COOKIE = "kreds_session"
RATE_PER_SECOND = 10.0
RATE_BURST = 30.0
TOUCH_EVERY = 300.0
"""How often a facilitator's intents mark the session as in use (it ends when idle)."""
SESSION_ENDED = "Du er logget ud. Log ind igen for at fortsætte mødet."


INTENT_TYPES: dict[str, type[Any]] = {kind.__struct_config__.tag: kind for kind in get_args(Intent)}
"""Each intent type by its tag. msgspec builds its lookup for a union on every convert (40 µs
for our sixty intents on the benchmark's machine); converting to the one Struct takes 1 µs."""


def as_intent(data: Any) -> Intent:
    """The intent a client sent, or msgspec.ValidationError."""
    tag = data.get("type") if isinstance(data, dict) else None
    kind = INTENT_TYPES.get(tag) if isinstance(tag, str) else None
    # Without a known type, the union answers with msgspec's own message about it.
    intent: Intent = msgspec.convert(data, kind or Intent)
    return intent


class ConnectAuth(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    participant_token: str | None = None
    screen_token: str | None = None
    meeting_id: str | None = None


class Connection(msgspec.Struct, kw_only=True):
    """One socket: whose it is, in which meeting, and whether it is past the lobby."""

    meeting_id: str
    role: ViewerRole
    participant_id: str | None
    admitted: bool
    session: bytes | None = None
    """The facilitator's session (its digest): kept alive while they work in the meeting, and
    the socket closes when it ends."""
    user_id: str | None = None
    expires_at: float = 0.0
    """When the session ends however much it is used (time.time())."""
    touched: float = 0.0

    @property
    def viewer(self) -> Viewer:
        return Viewer(role=self.role, participant_id=self.participant_id)


class _Bucket:
    """Token bucket: RATE_PER_SECOND sustained, RATE_BURST at once."""

    def __init__(self) -> None:
        self.tokens = RATE_BURST
        self.at = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(RATE_BURST, self.tokens + (now - self.at) * RATE_PER_SECOND)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True

    def full(self) -> bool:
        return self.tokens + (time.monotonic() - self.at) * RATE_PER_SECOND >= RATE_BURST


def _refuse(code: str) -> socketio.exceptions.ConnectionRefusedError:
    return socketio.exceptions.ConnectionRefusedError(code)


def _meeting_room(meeting_id: str) -> str:
    return f"m:{meeting_id}"


class Realtime:
    def __init__(self, sio: socketio.AsyncServer, deps: Deps) -> None:
        self.sio = sio
        self.store = deps.store
        self.keys = deps.keys
        self.rooms = deps.rooms
        self.settings = deps.settings
        self.viewers: dict[str, Connection] = {}
        self.meetings: dict[str, dict[str, Connection]] = {}
        """The same connections by meeting: a publish looks at its own meeting's only."""
        self.online: dict[str, Counter[str]] = defaultdict(Counter)
        self.buckets: dict[str, _Bucket] = {}
        self.order: dict[str, asyncio.Lock] = {}
        """Per connection: its intents reach the Room in the order it sent them.
        python-socketio runs each event in a task of its own, and an intent that waits (for a
        session write, for the Room to load) would otherwise be overtaken by the next one."""
        sio.on("connect", self.connect)
        sio.on("disconnect", self.disconnect)
        sio.on("hello", self.hello)
        sio.on("intent", self.intent)

    def meetings_in_use(self) -> set[str]:
        return set(self.meetings)

    # -- connecting ----------------------------------------------------------------------------

    async def connect(self, sid: str, environ: dict[str, Any], data: Any) -> None:
        try:
            given = msgspec.convert(data or {}, ConnectAuth)
        except msgspec.ValidationError:
            raise _refuse("invalid") from None
        try:
            viewer, welcome = await self._identify(given, environ)
        except Rejected as rejected:  # e.g. the meeting is another node's and it did not let go
            raise _refuse(rejected.code) from None
        except Unavailable:
            raise _refuse("unavailable") from None
        if viewer.admitted:
            await self.sio.enter_room(sid, _meeting_room(viewer.meeting_id))
        self.viewers[sid] = viewer
        self.meetings.setdefault(viewer.meeting_id, {})[sid] = viewer
        # Sent before the CONNECT packet; socket.io clients hold it until they are connected.
        # The permission table comes with the first welcome of an admitted client (a phone in
        # the lobby gets it with the welcome that lets it in).
        table = FOR_CLIENTS if welcome.admitted else None
        first = msgspec.structs.replace(welcome, now=time.time(), permissions=table)
        await self.sio.emit("welcome", first, to=sid)
        if viewer.participant_id is not None:
            await self._count(viewer, +1)
        if viewer.admitted:
            # A second device of someone already online changes nobody's presence: it still
            # needs to know who is here.
            await self.sio.emit("presence", self._presence(viewer.meeting_id, viewer), to=sid)

    async def _identify(
        self, given: ConnectAuth, environ: dict[str, Any]
    ) -> tuple[Connection, Welcome]:
        if given.participant_token:
            found = await self.store.participant_by_token(self.keys.digest(given.participant_token))
            if found is None:
                raise _refuse("not_found")
            meeting_id, participant_id = found
            room = await self.rooms.get(meeting_id)
            person = room.state.participants.get(participant_id)
            if person is None or person.removed:
                raise _refuse("not_found")
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
        if given.screen_token:
            meeting = await self.store.meeting_by_hash(
                "screen_hash", self.keys.digest(given.screen_token)
            )
            if meeting is None:
                raise _refuse("not_found")
            scope = environ.get("asgi.scope", {})
            base = self.settings.public_base(
                scope.get("scheme", "http"), environ.get("HTTP_HOST", "")
            )
            links = meetings.links(self.keys, meeting, base).for_screen()
            viewer = Connection(
                meeting_id=meeting.id, role="screen", participant_id=None, admitted=True
            )
            return viewer, Welcome(meeting_id=meeting.id, role="screen", admitted=True, links=links)
        if given.meeting_id:
            cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
            token = cookie[SESSION_COOKIE].value if SESSION_COOKIE in cookie else None
            user = await auth.session_user(self.store, self.keys, token)
            meeting = await auth.facilitates(self.store, user, given.meeting_id)
            if meeting is None:
                raise _refuse("not_allowed")
            # The role is the one in the meeting now: handed on, it stays with the other.
            room = await self.rooms.get(meeting.id)
            person = room.state.participants.get(meeting.facilitator_id)
            if person is None or person.removed:
                raise _refuse("not_allowed")
            viewer = Connection(
                meeting_id=meeting.id,
                role=person.role,
                participant_id=meeting.facilitator_id,
                admitted=True,
                session=self.keys.digest(token or ""),
                user_id=meeting.owner,
                expires_at=await self.store.session_expires(self.keys.digest(token or "")),
            )
            welcome = Welcome(
                meeting_id=meeting.id,
                role=person.role,
                admitted=True,
                participant_id=meeting.facilitator_id,
            )
            return viewer, welcome
        raise _refuse("not_allowed")

    async def disconnect(self, sid: str, reason: Any = None) -> None:
        viewer = self.viewers.pop(sid, None)
        self.order.pop(sid, None)
        if viewer is None:
            return
        here = self.meetings[viewer.meeting_id]
        del here[sid]
        if not here:
            del self.meetings[viewer.meeting_id]
        if viewer.participant_id is not None:
            await self._count(viewer, -1)

    async def _count(self, viewer: Connection, step: int) -> None:
        assert viewer.participant_id is not None
        online = self.online[viewer.meeting_id]
        before = online[viewer.participant_id] > 0
        online[viewer.participant_id] += step
        if online[viewer.participant_id] <= 0:
            del online[viewer.participant_id]
        if not online:
            del self.online[viewer.meeting_id]
        if before != (viewer.participant_id in online):
            await self._announce(viewer.meeting_id)

    async def let_go(self, meeting_id: str) -> None:
        """Close this node's sockets of the meeting: another node serves it now, and the
        clients come back to it through the proxy (and resync by seq)."""
        for sid in list(self.meetings.get(meeting_id, {})):
            await self.sio.disconnect(sid)

    def forget_rested_buckets(self) -> None:
        """Drop the buckets of people no longer connected, once refilled: dropping one still
        short of tokens would let a phone reset its limit by reconnecting. Run now and then:
        it looks at everyone, so not on every disconnect."""
        connected = {person for counter in self.online.values() for person in counter}
        rested = [k for k, b in self.buckets.items() if k not in connected and b.full()]
        for key in rested:
            del self.buckets[key]

    def _presence(self, meeting_id: str, viewer: Connection) -> Presence:
        """Who is online, as this viewer may know it: someone waiting in the lobby only for
        the facilitator (and the person), as the lobby itself."""
        online = set(self.online.get(meeting_id, {}))
        if viewer.role != "facilitator":
            here = self.meetings.get(meeting_id, {}).values()
            waiting = {c.participant_id for c in here if not c.admitted}
            online -= waiting - {viewer.participant_id}
        return Presence(online=sorted(online))

    async def _announce(self, meeting_id: str) -> None:
        """The presence to every admitted socket, made once per kind of viewer."""
        sockets: dict[bool, list[str]] = defaultdict(list)
        kinds: dict[bool, Connection] = {}
        for sid, connection in self.meetings.get(meeting_id, {}).items():
            if connection.admitted:
                facilitates = connection.role == "facilitator"
                sockets[facilitates].append(sid)
                kinds.setdefault(facilitates, connection)
        for facilitates, sids in sockets.items():
            presence = self._presence(meeting_id, kinds[facilitates])
            await self.sio.emit("presence", presence, to=sids)

    # -- events --------------------------------------------------------------------------------

    # python-socketio passes each argument of an event on its own: handlers take them all, so
    # a missing or extra argument is answered as invalid instead of losing the ack.
    async def hello(self, sid: str, *args: Any) -> Sync | Ack:
        viewer = self.viewers.get(sid)
        if viewer is None or not viewer.admitted:
            return _error("hello", "not_allowed")
        if not self._allowed(viewer):
            return _error("hello", "rate_limited")
        if len(args) != 1:
            return _error("hello", "invalid")
        try:
            given = msgspec.convert(args[0] or {}, Hello)
            room = await self.rooms.get(viewer.meeting_id)
            return await room.sync(given.last_seq, viewer.viewer)
        except msgspec.ValidationError:
            return _error("hello", "invalid")
        except Rejected as rejected:
            return _error("hello", rejected.code)
        except Unavailable:
            return _error("hello", "unavailable")

    async def intent(self, sid: str, *args: Any) -> Ack:
        started = time.monotonic()
        try:
            ack = await self._answer(sid, *args)
        except Unavailable:  # the database is away: the outbox sends it again
            data = args[0] if len(args) == 1 else None
            ack = _error(
                str(data.get("id", ""))[:64] if isinstance(data, dict) else "", "unavailable"
            )
        metrics.answered("ok" if ack.ok else str(ack.code), started)
        return ack

    async def _answer(self, sid: str, *args: Any) -> Ack:
        viewer = self.viewers.get(sid)
        data = args[0] if len(args) == 1 else None
        op_id = str(data.get("id", ""))[:64] if isinstance(data, dict) else ""
        if viewer is None or not viewer.admitted or viewer.participant_id is None:
            return _error(op_id, "not_allowed")
        if not self._allowed(viewer):
            return _error(op_id, "rate_limited")
        try:
            intent = as_intent(data)
        except msgspec.ValidationError as error:
            return _error(op_id, "invalid", params=_where(error))
        # Tasks start in the order the events came and reach the lock before they first wait;
        # the lock is held until the intent is applied, not while its op is written.
        async with self.order.setdefault(sid, asyncio.Lock()):
            if viewer.session is not None and not await self._session_holds(sid, viewer):
                return _error(op_id, "not_allowed", "session.ended")
            try:
                room = await self.rooms.get(viewer.meeting_id)
                admission = audit.admission(room.state, room.seq, intent, viewer.participant_id)
                answer = room.submit(intent, viewer.participant_id)
            except Rejected as rejected:
                return rejected.ack(op_id)
        ack = await answer
        if admission is not None:
            await admission.record(self.store, ack)
        return msgspec.structs.replace(ack, now=time.time())

    async def _session_holds(self, sid: str, viewer: Connection) -> bool:
        """Whether the facilitator's session still holds; it is looked up again now and then
        (and marked as used), and a socket whose session ended is closed."""
        assert viewer.session is not None
        ended = time.time() >= viewer.expires_at
        if not ended and time.monotonic() - viewer.touched > TOUCH_EVERY:
            now = time.time()
            live = await self.store.live_sessions([viewer.session], now, now - IDLE_SECONDS)
            ended = viewer.session not in live
            if not ended:
                viewer.touched = time.monotonic()
                await self.store.touch_session(viewer.session, now)
        if ended:
            await self._hang_up([sid], SESSION_ENDED)
        return not ended

    async def end_sessions(self, ended: SessionsEnded) -> None:
        """Close at once the sockets of a session that was signed out, or of every session of
        an account whose password changed, that was deactivated or deleted."""
        sids = [
            sid
            for sid, connection in self.viewers.items()
            if connection.session is not None
            and (
                connection.session == ended.session
                or (
                    ended.user_id is not None
                    and connection.user_id == ended.user_id
                    and connection.session != ended.keep
                )
            )
        ]
        await self._hang_up(sids, ended.message)

    async def end_stale_sessions(self) -> None:
        """Close the sockets of sessions that expired, went idle or were ended elsewhere (the
        CLI, another server process): run every few seconds."""
        signed_in = {
            sid: connection.session
            for sid, connection in self.viewers.items()
            if connection.session is not None
        }
        if not signed_in:
            return
        now = time.time()
        live = await self.store.live_sessions(list(signed_in.values()), now, now - IDLE_SECONDS)
        await self._hang_up(
            [sid for sid, session in signed_in.items() if session not in live], SESSION_ENDED
        )

    async def _hang_up(self, sids: list[str], message: str) -> None:
        goodbye = Goodbye(code="not_allowed", message=message)
        for sid in sids:
            viewer = self.viewers.get(sid)
            if viewer is None:
                continue
            # No more intents from it, even before the disconnect has run.
            viewer.admitted = False
            await self.sio.emit("goodbye", goodbye, to=sid)
            await self.sio.disconnect(sid)

    def _allowed(self, viewer: Connection) -> bool:
        key = viewer.participant_id or f"screen:{viewer.meeting_id}"
        bucket = self.buckets.setdefault(key, _Bucket())
        return bucket.take()

    # -- what the rooms publish ----------------------------------------------------------------

    async def publish(self, meeting_id: str, event: ChangesEvent, seen: OpView) -> None:
        """Broadcast a durable op to the meeting, as each may see it; then let people in or out.
        Every viewer gets every seq (so a gap means a lost message), with only what the op
        changed of what they may see: about what they may not, nothing, not even its id."""
        if seen.plain:
            await self.sio.emit("changes", event, room=_meeting_room(meeting_id))
        else:
            await self._publish_by_viewer(meeting_id, event.seq, seen)
        for change in event.changes:
            if isinstance(change, Upsert) and isinstance(change.entity, Participant):
                person = change.entity
                if person.removed:
                    await self._send_away(meeting_id, person.id)
                elif person.admitted:
                    await self._let_in(meeting_id, person)
                    await self._recast(meeting_id, person)
            elif isinstance(change, Remove) and change.kind == "participant":
                await self._send_away(meeting_id, change.id)

    async def _publish_by_viewer(self, meeting_id: str, seq: int, seen: OpView) -> None:
        """Each viewer's version of the op, made and encoded once for all of their sockets."""
        sockets: dict[Viewer, list[str]] = defaultdict(list)
        for sid, connection in self.meetings.get(meeting_id, {}).items():
            if connection.admitted:
                sockets[connection.viewer].append(sid)
        for viewer, sids in sockets.items():
            event = ChangesEvent(seq=seq, changes=seen.changes_for(viewer))
            await self.sio.emit("changes", event, to=sids)

    def _sids_of(self, meeting_id: str, participant_id: str) -> list[str]:
        here = self.meetings.get(meeting_id, {})
        return [sid for sid, viewer in here.items() if viewer.participant_id == participant_id]

    async def _let_in(self, meeting_id: str, person: Participant) -> None:
        let_in = False
        for sid in self._sids_of(meeting_id, person.id):
            viewer = self.viewers[sid]
            if viewer.admitted:
                continue
            viewer.admitted = let_in = True
            await self.sio.enter_room(sid, _meeting_room(meeting_id))
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
            await self._announce(meeting_id)

    async def _recast(self, meeting_id: str, person: Participant) -> None:
        """A role handed on: the person's devices see and may do what the new role does from
        now on, and are told so by a fresh welcome."""
        for sid in self._sids_of(meeting_id, person.id):
            viewer = self.viewers[sid]
            if viewer.role == person.role:
                continue
            viewer.role = person.role
            welcome = Welcome(
                meeting_id=meeting_id,
                role=person.role,
                admitted=True,
                participant_id=person.id,
                now=time.time(),
            )
            await self.sio.emit("welcome", welcome, to=sid)

    async def relink(self, meeting: MeetingRow, base_url: str) -> None:
        """A renewed join link and code: the room's screens show the new QR code and code now."""
        screens = [
            sid
            for sid, connection in self.meetings.get(meeting.id, {}).items()
            if connection.role == "screen"
        ]
        if not screens:
            return
        links = meetings.links(self.keys, meeting, base_url).for_screen()
        welcome = Welcome(
            meeting_id=meeting.id, role="screen", admitted=True, links=links, now=time.time()
        )
        await self.sio.emit("welcome", welcome, to=screens)

    async def end_meetings(self, meeting_ids: Sequence[str]) -> None:
        """Deleted meetings: every socket in them (lobby, phones, screen, facilitator) is told,
        then closed; nothing of the meeting stays in this process."""
        goodbye = Goodbye(code="deleted", message=MESSAGES["deleted"])
        for meeting_id in meeting_ids:
            sids = list(self.meetings.get(meeting_id, {}))
            for sid in sids:
                await self.sio.emit("goodbye", goodbye, to=sid)
            for sid in sids:
                await self.sio.disconnect(sid)
            self.online.pop(meeting_id, None)

    async def _send_away(self, meeting_id: str, participant_id: str) -> None:
        goodbye = Goodbye(code="not_allowed", message="Mødelederen har taget dig ud af mødet.")
        for sid in self._sids_of(meeting_id, participant_id):
            await self.sio.emit("goodbye", goodbye, to=sid)
            await self.sio.disconnect(sid)


def _error(
    op_id: str,
    code: ErrorCode,
    say: ErrorCode | RefusalId | None = None,
    params: dict[str, str | int] | None = None,
) -> Ack:
    """A refusal before any Room saw the intent: its code, and what it says by id."""
    return Ack(id=op_id, ok=False, code=code, message=say or code, params=params or None)


def _where(error: msgspec.ValidationError) -> dict[str, str | int]:
    """The field an intent failed on (msgspec names it `$.text`), for the ack's params."""
    found = re.search(r"at `(\$[^`]*)`", str(error))
    return {"path": found.group(1)} if found else {}
