"""The web build is sent pre-compressed as the browser accepts, hashed assets cached a year."""

import gzip
from pathlib import Path

import httpx
import pytest
from starlette.datastructures import Headers

from server.app import build
from server.http.static import IMMUTABLE, accepted
from server.settings import Settings

SCRIPT = b"export const greeting = 'Velkommen til netvaerksmoedet';\n" * 40


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A web build as `npm run build` leaves it: files with their .br and .gz twins."""
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_bytes(b"<!doctype html><title>Kreds</title>" * 20)
    (root / "index.html.gz").write_bytes(gzip.compress((root / "index.html").read_bytes()))
    (root / "assets" / "index-3f9a1c.js").write_bytes(SCRIPT)
    (root / "assets" / "index-3f9a1c.js.gz").write_bytes(gzip.compress(SCRIPT))
    (root / "assets" / "index-3f9a1c.js.br").write_bytes(b"brotli bytes of the script")
    (tmp_path / "secret.key").write_text("k" * 64)
    return root


async def get(dist: Path, path: str, accept_encoding: str) -> httpx.Response:
    app = build(Settings(data_dir=dist.parent, secret=b"k" * 32), web_dist=dist)
    headers = {"Accept-Encoding": accept_encoding}
    transport = httpx.ASGITransport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kreds.test") as http:
        # httpx would decode the body; the raw bytes are what the browser is sent.
        request = http.build_request("GET", path, headers=headers)
        response = await http.send(request, stream=True)
        await response.aread()
        return response


async def test_a_browser_that_takes_brotli_gets_the_brotli_twin_cached_for_a_year(
    dist: Path,
) -> None:
    response = await get(dist, "/assets/index-3f9a1c.js", "gzip, deflate, br, zstd")
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["Cache-Control"] == IMMUTABLE
    assert response.headers["Vary"] == "Accept-Encoding"
    assert response.headers["Content-Type"].startswith("text/javascript")
    assert response.num_bytes_downloaded == len(b"brotli bytes of the script")


async def test_gzip_is_sent_when_brotli_is_refused_and_plain_when_nothing_is_accepted(
    dist: Path,
) -> None:
    zipped = await get(dist, "/assets/index-3f9a1c.js", "br;q=0, gzip;q=0.8")
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert zipped.content == SCRIPT
    plain = await get(dist, "/assets/index-3f9a1c.js", "identity")
    assert "Content-Encoding" not in plain.headers
    assert plain.content == SCRIPT
    assert plain.headers["Cache-Control"] == IMMUTABLE


async def test_the_page_is_compressed_too_but_always_revalidated(dist: Path) -> None:
    response = await get(dist, "/j", "gzip, br")
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.content.startswith(b"<!doctype html>")


@pytest.mark.parametrize(
    "path",
    [
        "/assets/missing-0000.js",
        "/assets/index-3f9a1c.js.br",
        "/assets/..%2F..%2Fsecret.key",
        "/assets/%2e%2e/%2e%2e/secret.key",
        "/assets/",
    ],
)
async def test_nothing_outside_the_assets_and_no_twin_by_its_own_name_is_served(
    dist: Path, path: str
) -> None:
    response = await get(dist, path, "br, gzip")
    assert response.status_code == 404
    assert b"k" * 64 not in response.content


def test_accept_encoding_is_read_with_its_weights_and_a_malformed_weight_refuses() -> None:
    assert accepted(Headers({"accept-encoding": "gzip;q=0.5, BR"})) == {"gzip", "br"}
    assert accepted(Headers({"accept-encoding": "br;q=0, gzip"})) == {"gzip"}
    assert accepted(Headers({"accept-encoding": "br;q=lots, ,;"})) == set()
    assert accepted(Headers({})) == set()
