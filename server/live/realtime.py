"""Socket.IO: the connect and disconnect of a socket, hello/sync, intents into Rooms, the ends
of sessions and meetings, and what the Rooms publish. Who a socket is: identify.py; who is
online: presence.py; letting in and sending away: admission.py; where every socket of a meeting
is: directory.py."""

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import msgspec
import socketio

from server.cluster.lease import Ownership
from server.deps import Deps
from server.domain import MESSAGES, Rejected
from server.domain.permissions import FOR_CLIENTS
from server.domain.visibility import OpView, Viewer
from server.live.admission import Admission
from server.live.connection import Bucket, ConnectAuth, Connection, as_intent, error, where
from server.live.directory import Directory, Entry, LocalDirectory
from server.live.identify import Identified, Identify, refuse
from server.live.presence import Presences, meeting_room
from server.ops import metrics
from server.services import audit, meetings
from server.services.auth import IDLE_SECONDS, SessionsEnded
from server.store import MeetingRow
from server.store.protocol import Unavailable
from shared_schema import (
    Ack,
    ChangesEvent,
    Goodbye,
    Hello,
    Participant,
    Remove,
    Sync,
    Upsert,
    Welcome,
)

log = logging.getLogger("kreds.realtime")

TOUCH_EVERY = 300.0
"""How often a facilitator's intents mark the session as in use (it ends when idle)."""
SESSION_ENDED = "Du er logget ud. Log ind igen for at fortsætte mødet."


class Realtime:
    def __init__(
        self,
        sio: socketio.AsyncServer,
        deps: Deps,
        *,
        directory: Directory | None = None,
        ownership: Ownership | None = None,
    ) -> None:
        self.sio = sio
        self.store = deps.store
        self.keys = deps.keys
        self.rooms = deps.rooms
        self.directory: Directory = directory or LocalDirectory()
        self.identify = Identify(deps.store, deps.keys, deps.rooms, deps.settings, ownership)
        self.viewers: dict[str, Connection] = {}
        """This node's sockets."""
        self.presences = Presences(sio, self.directory)
        self.admission = Admission(sio, self.directory, self.presences, self.viewers)
        self.buckets: dict[str, Bucket] = {}
        self.order: dict[str, asyncio.Lock] = {}
        """Per connection: its intents reach the Room in the order it sent them.
        python-socketio runs each event in a task of its own, and an intent that waits (for a
        session write, for the Room to load) would otherwise be overtaken by the next one."""
        sio.on("connect", self.connect)
        sio.on("disconnect", self.disconnect)
        sio.on("hello", self.hello)
        sio.on("intent", self.intent)

    def meetings_in_use(self) -> set[str]:
        return self.directory.meetings_here()

    # -- connecting ----------------------------------------------------------------------------

    async def connect(self, sid: str, environ: dict[str, Any], data: Any) -> None:
        try:
            given = msgspec.convert(data or {}, ConnectAuth)
        except msgspec.ValidationError:
            raise refuse("invalid") from None
        try:
            who = await self.identify(given, environ)
        except Rejected as rejected:  # e.g. the meeting is another node's and it did not let go
            raise refuse(rejected.code) from None
        except Unavailable:
            raise refuse("unavailable") from None
        viewer, welcome = who.connection, who.welcome
        meeting_id = viewer.meeting_id
        entry = viewer.entry
        await self.directory.add(meeting_id, sid, entry)
        try:
            if who.read_at is not None and who.person is not None:
                entry, welcome = await self._catch_up(sid, who, who.read_at, who.person)
            if viewer.admitted:
                await self.sio.enter_room(sid, meeting_room(meeting_id))
            self.viewers[sid] = viewer
            # Sent before the CONNECT packet; socket.io clients hold it until they are connected.
            # The permission table comes with the first welcome of an admitted client (a phone
            # in the lobby gets it with the welcome that lets it in).
            table = FOR_CLIENTS if welcome.admitted else None
            welcome = msgspec.structs.replace(welcome, now=time.time(), permissions=table)
            await self.sio.emit("welcome", welcome, to=sid)
            if who.read_at is not None:
                entry = await self._as_listed(sid, viewer, welcome)
        except BaseException:
            self.viewers.pop(sid, None)
            await self.directory.remove(meeting_id, sid)
            raise
        await self.presences.arrived(meeting_id, sid, entry)

    async def _catch_up(
        self, sid: str, who: Identified, read_at: int, person: Participant
    ) -> tuple[Entry, Welcome]:
        """A socket identified from the database, on a node that does not serve its meeting:
        what the ops since that read did to its person (let in, another role, taken out) before
        the socket was in the directory, where the serving node reaches it from then on."""
        viewer = who.connection
        try:
            latest = await self.identify.since(viewer.meeting_id, read_at, person)
        except Exception as failed:  # the database is away: the client connects again
            log.warning("meeting %s: not caught up (%s)", viewer.meeting_id, type(failed).__name__)
            raise refuse("unavailable") from None
        if latest is None:
            return viewer.entry, who.welcome
        if latest.removed:
            raise refuse("not_found" if viewer.session is None else "not_allowed")
        viewer.admitted, viewer.role = latest.admitted, latest.role
        await self.directory.update(viewer.meeting_id, sid, viewer.entry)
        welcome = msgspec.structs.replace(who.welcome, admitted=viewer.admitted, role=viewer.role)
        return viewer.entry, welcome

    async def _as_listed(self, sid: str, viewer: Connection, welcome: Welcome) -> Entry:
        """The serving node may have let the socket in (or given it another role) since it was
        put in the directory, and told it before this node's welcome: told again, then."""
        listed = await self.directory.entry(viewer.meeting_id, sid)
        if listed is None or (listed.admitted, listed.role) == (viewer.admitted, viewer.role):
            return viewer.entry
        if listed.admitted and not viewer.admitted:
            await self.sio.enter_room(sid, meeting_room(viewer.meeting_id))
        viewer.admitted, viewer.role = listed.admitted, listed.role
        again = msgspec.structs.replace(
            welcome,
            admitted=viewer.admitted,
            role=viewer.role,
            permissions=FOR_CLIENTS if viewer.admitted else None,
        )
        await self.sio.emit("welcome", again, to=sid)
        return viewer.entry

    async def disconnect(self, sid: str, reason: Any = None) -> None:
        viewer = self.viewers.pop(sid, None)
        self.order.pop(sid, None)
        if viewer is not None:
            await self.presences.left(viewer.meeting_id, sid)

    async def let_go(self, meeting_id: str) -> None:
        """Close this node's sockets of the meeting: another node serves it now, and the
        clients come back to it through the proxy (and resync by seq)."""
        for sid in self.directory.here(meeting_id):
            await self.sio.disconnect(sid)

    def forget_rested_buckets(self) -> None:
        """Drop the buckets of people no longer connected, once refilled: dropping one still
        short of tokens would let a phone reset its limit by reconnecting. Run now and then:
        it looks at everyone, so not on every disconnect."""
        connected = {c.participant_id for c in self.viewers.values() if c.participant_id}
        rested = [k for k, b in self.buckets.items() if k not in connected and b.full()]
        for key in rested:
            del self.buckets[key]

    async def _current(self, sid: str, always: bool) -> Connection | None:
        """This node's connection, brought up to date with what the node serving its meeting
        wrote of it (let in, another role) when that may be another node: for a hello
        `always`, for an intent only while it still looks as if waiting."""
        viewer = self.viewers.get(sid)
        if viewer is None or viewer.hung_up or isinstance(self.directory, LocalDirectory):
            return viewer
        if always or not viewer.admitted:
            entry = await self.directory.entry(viewer.meeting_id, sid)
            if entry is not None and not viewer.hung_up:
                viewer.admitted, viewer.role = entry.admitted, entry.role
        return viewer

    # -- events --------------------------------------------------------------------------------

    # python-socketio passes each argument of an event on its own: handlers take them all, so
    # a missing or extra argument is answered as invalid instead of losing the ack.
    async def hello(self, sid: str, *args: Any) -> Sync | Ack:
        viewer = await self._current(sid, always=True)
        if viewer is None or not viewer.admitted:
            return error("hello", "not_allowed")
        if not self._allowed(viewer):
            return error("hello", "rate_limited")
        if len(args) != 1:
            return error("hello", "invalid")
        try:
            given = msgspec.convert(args[0] or {}, Hello)
            room = await self.rooms.get(viewer.meeting_id)
            return await room.sync(given.last_seq, viewer.viewer)
        except msgspec.ValidationError:
            return error("hello", "invalid")
        except Rejected as rejected:
            return error("hello", rejected.code)
        except Unavailable:
            return error("hello", "unavailable")

    async def intent(self, sid: str, *args: Any) -> Ack:
        started = time.monotonic()
        try:
            ack = await self._answer(sid, *args)
        except Unavailable:  # the database is away: the outbox sends it again
            data = args[0] if len(args) == 1 else None
            ack = error(
                str(data.get("id", ""))[:64] if isinstance(data, dict) else "", "unavailable"
            )
        metrics.answered("ok" if ack.ok else str(ack.code), started)
        return ack

    async def _answer(self, sid: str, *args: Any) -> Ack:
        viewer = await self._current(sid, always=False)
        data = args[0] if len(args) == 1 else None
        op_id = str(data.get("id", ""))[:64] if isinstance(data, dict) else ""
        if viewer is None or not viewer.admitted or viewer.participant_id is None:
            return error(op_id, "not_allowed")
        if not self._allowed(viewer):
            return error(op_id, "rate_limited")
        try:
            intent = as_intent(data)
        except msgspec.ValidationError as invalid:
            return error(op_id, "invalid", params=where(invalid))
        # Tasks start in the order the events came and reach the lock before they first wait;
        # the lock is held until the intent is applied, not while its op is written.
        async with self.order.setdefault(sid, asyncio.Lock()):
            if viewer.session is not None and not await self._session_holds(sid, viewer):
                return error(op_id, "not_allowed", "session.ended")
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
            viewer.admitted, viewer.hung_up = False, True
            await self.sio.emit("goodbye", goodbye, to=sid)
            await self.sio.disconnect(sid)

    def _allowed(self, viewer: Connection) -> bool:
        key = viewer.participant_id or f"screen:{viewer.meeting_id}"
        bucket = self.buckets.setdefault(key, Bucket())
        return bucket.take()

    # -- what the rooms publish ----------------------------------------------------------------

    async def publish(self, meeting_id: str, event: ChangesEvent, seen: OpView) -> None:
        """Broadcast a durable op to the meeting, as each may see it; then let people in or out.
        Every viewer gets every seq (so a gap means a lost message), with only what the op
        changed of what they may see: about what they may not, nothing, not even its id. The
        meeting's sockets on other nodes get theirs through Redis."""
        if seen.plain:
            await self.sio.emit("changes", event, room=meeting_room(meeting_id))
        else:
            await self._publish_by_viewer(meeting_id, event.seq, seen)
        for change in event.changes:
            if isinstance(change, Upsert) and isinstance(change.entity, Participant):
                person = change.entity
                if person.removed:
                    await self.admission.send_away(meeting_id, person.id)
                elif person.admitted:
                    await self.admission.let_in(meeting_id, person)
                    await self.admission.recast(meeting_id, person)
            elif isinstance(change, Remove) and change.kind == "participant":
                await self.admission.send_away(meeting_id, change.id)

    async def _publish_by_viewer(self, meeting_id: str, seq: int, seen: OpView) -> None:
        """Each viewer's version of the op, made and encoded once for all of their sockets."""
        sockets: dict[Viewer, list[str]] = defaultdict(list)
        for sid, entry in (await self.directory.sockets(meeting_id)).items():
            if entry.admitted:
                sockets[entry.viewer].append(sid)
        for viewer, sids in sockets.items():
            event = ChangesEvent(seq=seq, changes=seen.changes_for(viewer))
            await self.sio.emit("changes", event, to=sids)

    async def relink(self, meeting: MeetingRow, base_url: str) -> None:
        """A renewed join link and code: the room's screens show the new QR code and code now."""
        sockets = await self.directory.sockets(meeting.id)
        screens = [sid for sid, entry in sockets.items() if entry.role == "screen"]
        if not screens:
            return
        links = meetings.links(self.keys, meeting, base_url).for_screen()
        welcome = Welcome(
            meeting_id=meeting.id, role="screen", admitted=True, links=links, now=time.time()
        )
        await self.sio.emit("welcome", welcome, to=screens)

    async def end_meetings(self, meeting_ids: Sequence[str]) -> None:
        """Deleted meetings: every socket in them (lobby, phones, screen, facilitator), on any
        node, is told, then closed; nothing of the meeting stays in this process."""
        goodbye = Goodbye(code="deleted", message=MESSAGES["deleted"])
        for meeting_id in meeting_ids:
            sids = list(await self.directory.sockets(meeting_id))
            for sid in sids:
                await self.sio.emit("goodbye", goodbye, to=sid)
            for sid in sids:
                await self.sio.disconnect(sid)
