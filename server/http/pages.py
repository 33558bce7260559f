"""The web app's pages and files, and the health check."""

from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from server.http.static import asset_endpoint, compressed_file


def page_routes(dist: Path) -> list[BaseRoute]:
    index = dist / "index.html"

    async def app_page(request: Request) -> Response:
        if not index.exists():
            return PlainTextResponse(
                "Kreds' web-app er ikke bygget endnu: kør `make run`.", status_code=503
            )
        return compressed_file(index, request, "no-cache")

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok")

    routes: list[BaseRoute] = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/", app_page, methods=["GET"]),
        Route("/m/{meeting_id}", app_page, methods=["GET"]),
        Route("/c/{case_id}", app_page, methods=["GET"]),
        Route("/s", app_page, methods=["GET"]),
        Route("/j", app_page, methods=["GET"]),
        Route("/admin", app_page, methods=["GET"]),
        Route("/invitation", app_page, methods=["GET"]),
    ]
    if (dist / "assets").is_dir():
        routes.append(
            Route("/assets/{path:path}", asset_endpoint(dist / "assets"), methods=["GET"])
        )
    return routes
