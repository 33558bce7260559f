"""/metrics in Prometheus' format (behind a token when one is set) and /readyz."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
from starlette.types import ASGIApp

from server.app import build
from server.settings import Settings

METRICS = (
    "kreds_connections gauge",
    "kreds_open_meetings gauge",
    "kreds_intents_total counter",
    "kreds_commit_seconds histogram",
    "kreds_ack_seconds histogram",
    "kreds_event_loop_lag_seconds histogram",
    "kreds_lease_changes_total counter",
)


def settings(tmp_path: Path, metrics_token: str | None = None) -> Settings:
    return Settings(data_dir=tmp_path, secret=b"k" * 32, metrics_token=metrics_token)


@contextlib.asynccontextmanager
async def serving(app: ASGIApp) -> AsyncIterator[httpx.AsyncClient]:
    """The app past its start-up (store open), as uvicorn runs it, and a client of it."""
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
    task = asyncio.create_task(app(scope, inbox.get, outbox.put))  # type: ignore[arg-type]
    await inbox.put({"type": "lifespan.startup"})
    assert (await outbox.get())["type"] == "lifespan.startup.complete"
    transport = httpx.ASGITransport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kreds.test") as http:
        yield http
    await inbox.put({"type": "lifespan.shutdown"})
    assert (await outbox.get())["type"] == "lifespan.shutdown.complete"
    await task


async def test_a_running_node_is_ready_and_tells_prometheus_every_figure(tmp_path: Path) -> None:
    async with serving(build(settings(tmp_path), web_dist=tmp_path / "dist")) as http:
        ready = await http.get("/readyz")
        scraped = await http.get("/metrics")
    assert (ready.status_code, ready.text) == (200, "ready")
    assert scraped.status_code == 200
    assert scraped.headers["Content-Type"].startswith("text/plain; version=")
    for metric in METRICS:
        assert f"# TYPE {metric}\n" in scraped.text
    assert "kreds_connections 0.0" in scraped.text
    assert "kreds_open_meetings 0.0" in scraped.text


async def test_a_node_whose_database_does_not_answer_is_not_ready(tmp_path: Path) -> None:
    # Without its start-up the store was never opened: to /readyz the same as a database gone.
    app = build(settings(tmp_path), web_dist=tmp_path / "dist")
    transport = httpx.ASGITransport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kreds.test") as http:
        response = await http.get("/readyz")
    assert (response.status_code, response.text) == (503, "database unreachable")


async def test_with_a_token_set_metrics_are_refused_without_it_or_with_another(
    tmp_path: Path,
) -> None:
    app = build(settings(tmp_path, "skraber-hemmelighed-42"), web_dist=tmp_path / "dist")
    async with serving(app) as http:
        missing = await http.get("/metrics")
        wrong = await http.get("/metrics", headers={"Authorization": "Bearer gaet-1"})
        right = await http.get(
            "/metrics", headers={"Authorization": "Bearer skraber-hemmelighed-42"}
        )
    assert missing.status_code == wrong.status_code == 401
    assert "kreds_" not in wrong.text
    assert right.status_code == 200
    assert "kreds_commit_seconds" in right.text
