"""For the people who run Kreds: Prometheus' /metrics and the proxy's /readyz."""

import asyncio
import hmac
import logging

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from server.deps import Deps
from server.ops.metrics import REGISTRY

log = logging.getLogger("kreds.operations")

READY_TIMEOUT = 2.0
"""Seconds the database has to answer before the node calls itself not ready."""


def operation_routes(deps: Deps) -> list[BaseRoute]:
    metrics_token = deps.settings.metrics_token

    async def metrics(request: Request) -> Response:
        if metrics_token is not None:
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {metrics_token}".encode()):
                return PlainTextResponse(
                    "not_allowed", status_code=401, headers={"WWW-Authenticate": "Bearer"}
                )
        return Response(generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def readyz(request: Request) -> Response:
        try:
            await asyncio.wait_for(deps.store.ping(), READY_TIMEOUT)
        except Exception as error:  # any failure to answer is "not ready", and says why
            log.warning("not ready: the database does not answer (%s)", type(error).__name__)
            return PlainTextResponse("database unreachable", status_code=503)
        return PlainTextResponse("ready", headers={"Cache-Control": "no-store"})

    return [
        Route("/metrics", metrics, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
    ]
