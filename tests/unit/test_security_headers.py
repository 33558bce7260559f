"""Security headers on every response, HSTS behind TLS, and the CSRF checks on a POST."""

from pathlib import Path

import httpx
import pytest
from starlette.datastructures import Headers

from server.app import build
from server.http.security import CSP, cross_site, same_origin
from server.settings import Settings

BASE = "https://kreds.kommune.example"


async def health(tmp_path: Path, base_url: str | None) -> httpx.Response:
    """GET /healthz from the app as `make run` builds it for this base URL."""
    settings = Settings(
        data_dir=tmp_path,
        base_url=base_url,
        secure_cookies=bool(base_url and base_url.startswith("https://")),
        secret=b"k" * 32,
    )
    app = build(settings, web_dist=tmp_path / "dist")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url=BASE) as http:
        return await http.get("/healthz")


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


def test_the_policy_allows_no_inline_script_no_framing_and_no_plugins() -> None:
    policy = directives(CSP)
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]


async def test_behind_tls_every_response_asks_for_https_from_now_on(tmp_path: Path) -> None:
    response = await health(tmp_path, BASE)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == CSP


async def test_without_tls_there_is_no_hsts(tmp_path: Path) -> None:
    response = await health(tmp_path, None)
    assert "Strict-Transport-Security" not in response.headers
    assert response.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        ({}, True),
        ({"origin": BASE}, True),
        ({"origin": "https://kreds.evil.example"}, False),
        ({"origin": "null"}, False),
        ({"origin": BASE.replace("https", "http")}, False),
    ],
)
def test_only_the_servers_own_origin_may_post(headers: dict[str, str], allowed: bool) -> None:
    assert same_origin(Headers(headers), BASE) is allowed


@pytest.mark.parametrize(
    ("site", "refused"),
    [
        (None, False),
        ("same-origin", False),
        ("none", False),
        ("same-site", True),
        ("cross-site", True),
    ],
)
def test_a_request_a_browser_marks_as_from_another_site_is_refused(
    site: str | None, refused: bool
) -> None:
    assert cross_site(Headers({"sec-fetch-site": site} if site else {})) is refused
