"""Build the ASGI app: Starlette for pages and the API, wrapped by Socket.IO."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import socketio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp

from server.cluster.directory import RedisDirectory
from server.cluster.lease import Ownership
from server.cluster.pubsub import RedisFanOut
from server.deps import Deps
from server.domain import Rejected
from server.http.accounts import AccountApi
from server.http.admin import AdminApi
from server.http.audit import AuditApi
from server.http.cases import CaseApi
from server.http.invitations import InvitationApi
from server.http.joining import JoinApi
from server.http.meetings import MeetingApi
from server.http.operations import operation_routes
from server.http.pages import page_routes
from server.http.records import Records
from server.http.responses import error_response
from server.http.routing import routes
from server.http.second_factor import SecondFactorApi
from server.http.security import SecurityHeaders
from server.identity import passkeys
from server.live.realtime import Realtime
from server.live.rooms import Rooms
from server.ops import metrics
from server.ops.logs import CAPABILITY_IN_PATH, HIDDEN, hide_capabilities
from server.services import meetings, retention
from server.services.auth import Keys, SessionsEnded
from server.settings import Settings
from server.store import MeetingRow
from server.store.configured import configured_store
from server.store.postgres import PostgresStore
from server.store.protocol import Unavailable
from server.transport import collector
from server.transport.sockets import EngineFrames, FanOut, MsgspecJson, SocketServer

if TYPE_CHECKING:
    from server.identity.oidc import Provider

log = logging.getLogger("kreds")

WEB_DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
MESSAGE_MAX = 64 * 1024
"""The largest Socket.IO message a client may send; larger ones close the connection."""
IDLE_ROOM_SECONDS = 600.0
PURGE_EVERY_SECONDS = 86400.0
SESSION_SWEEP_SECONDS = 2.0
"""How soon a socket closes after its session expired, idled or was ended by another process,
or its meeting was deleted by another process."""


def _provider(settings: Settings) -> "Provider | None":
    if settings.oidc is None:
        return None
    # Only with a provider: httpx, Authlib and joserfc take a second to import.
    from server.identity.oidc import Provider

    return Provider(settings.oidc)


def _provider_routes(deps: Deps) -> list[BaseRoute]:
    if deps.provider is None:
        return []
    from server.http.oidc import OidcApi

    return list(routes(OidcApi(deps, deps.provider)))


def build(settings: Settings, web_dist: Path = WEB_DIST) -> ASGIApp:
    store = configured_store(settings.database_url, settings.db_path)
    # On PostgreSQL several nodes may share the database: each meeting is served under a lease.
    ownership = (
        Ownership(store, settings.node, settings.lease_seconds)
        if isinstance(store, PostgresStore)
        else None
    )
    allowed = settings.origins + ([settings.base_url.rstrip("/")] if settings.base_url else [])
    sio = SocketServer(
        async_mode="asgi",
        client_manager=RedisFanOut(settings.redis_url) if settings.redis_url else FanOut(),
        json=MsgspecJson,
        cors_allowed_origins=allowed or None,
        max_http_buffer_size=MESSAGE_MAX,
        ping_interval=10,
        ping_timeout=10,
    )
    # The Rooms and the Deps are made before the Realtime that takes them; these reach it once
    # it exists.
    realtime: Realtime

    async def publish(meeting_id: str, event: Any, seen: Any) -> None:
        await realtime.publish(meeting_id, event, seen)

    async def ended(meeting_ids: Sequence[str]) -> None:
        await realtime.end_meetings(meeting_ids)

    async def hang_up(sessions: SessionsEnded) -> None:
        await realtime.end_sessions(sessions)

    async def relinked(meeting: MeetingRow, base_url: str) -> None:
        await realtime.relink(meeting, base_url)

    rooms = Rooms(store, publish, ownership, ended=ended)
    deps = Deps(
        settings=settings,
        store=store,
        keys=Keys(settings.secret),
        rooms=rooms,
        hang_up=hang_up,
        relinked=relinked,
        provider=_provider(settings),
    )
    # With Redis, every node knows every socket of a meeting (presence, admission, publish).
    directory = RedisDirectory(settings.redis_url, settings.node) if settings.redis_url else None
    realtime = Realtime(sio, deps, directory=directory, ownership=ownership)

    async def let_go(meeting_id: str) -> None:
        rooms.forget(meeting_id)
        await realtime.let_go(meeting_id)

    async def hand_over(meeting_id: str) -> None:
        await rooms.hand_over(meeting_id, realtime.let_go)

    if ownership is not None:
        ownership.when_lost(let_go, hand_over)
    metrics.count_live(lambda: len(realtime.viewers), lambda: len(rooms.live()))

    async def drop_idle_rooms() -> None:
        while True:
            await asyncio.sleep(60)
            await rooms.drop_idle(IDLE_ROOM_SECONDS, realtime.meetings_in_use())
            realtime.forget_rested_buckets()

    async def end_what_ended_elsewhere() -> None:
        while True:
            await asyncio.sleep(SESSION_SWEEP_SECONDS)
            try:
                await realtime.end_stale_sessions()
                await meetings.end_deleted_elsewhere(rooms, store)
            except Exception:
                log.exception("sweep: ending what ended elsewhere failed; it runs again shortly")

    async def purge_daily() -> None:
        while True:
            try:
                gone = await retention.purge(store, settings.retention_days, rooms)
                if gone:
                    log.info("retention: deleted %d closed meetings", gone)
            except Exception:
                log.exception("retention: the purge failed; it runs again tomorrow")
            await asyncio.sleep(PURGE_EVERY_SECONDS)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        hide_capabilities()
        await store.open()
        collector.settle()
        sweeper = asyncio.create_task(drop_idle_rooms())
        purger = asyncio.create_task(purge_daily())
        session_sweeper = asyncio.create_task(end_what_ended_elsewhere())
        warming = asyncio.create_task(asyncio.to_thread(passkeys.load))
        lag_probe = asyncio.create_task(metrics.probe_loop_lag())
        keeper = None
        if ownership is not None:
            await ownership.start()
            keeper = asyncio.create_task(ownership.keep())
        renewer = asyncio.create_task(directory.keep()) if directory is not None else None
        log.info(
            "Kreds is serving; data in %s",
            "PostgreSQL" if settings.database_url else settings.data_dir,
        )
        try:
            yield
        finally:
            sweeper.cancel()
            purger.cancel()
            session_sweeper.cancel()
            await warming
            lag_probe.cancel()
            if keeper is not None:
                keeper.cancel()
            if renewer is not None:
                renewer.cancel()
            await rooms.close()
            if directory is not None:
                await directory.close()
            await store.close()

    async def rejected(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Rejected)
        return error_response(exc)

    async def went_away(request: Request, exc: Exception) -> Response:
        # A phone that lost its network mid-upload is no error of ours: one line, no traceback
        # (a client could fill the log with those).
        path = CAPABILITY_IN_PATH.sub(HIDDEN, request.url.path)
        log.info("%s %s: the client went away before the request was read", request.method, path)
        return Response(status_code=400)

    async def unavailable(request: Request, exc: Exception) -> Response:
        return error_response(Rejected("unavailable"))

    starlette = Starlette(
        routes=[
            *routes(AccountApi(deps)),
            *routes(MeetingApi(deps)),
            *routes(JoinApi(deps)),
            *routes(CaseApi(deps)),
            *routes(Records(deps, web_dist)),
            *routes(AuditApi(deps)),
            *routes(AdminApi(deps)),
            *routes(InvitationApi(deps)),
            *routes(SecondFactorApi(deps)),
            *_provider_routes(deps),
            *operation_routes(deps),
            *page_routes(web_dist),
        ],
        middleware=[Middleware(SecurityHeaders, hsts=settings.secure_cookies)],
        exception_handlers={
            Rejected: rejected,
            Unavailable: unavailable,
            ClientDisconnect: went_away,
        },
        lifespan=lifespan,
    )
    return EngineFrames(socketio.ASGIApp(sio, other_asgi_app=starlette))
