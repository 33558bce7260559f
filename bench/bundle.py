"""The phone's first load: web/dist/index.html and the scripts and styles it pulls in, gzipped."""

import gzip
from html.parser import HTMLParser
from pathlib import Path

import msgspec

GZIP_LEVEL = 9
"""Starlette's GZipMiddleware level, and what a pre-compressing proxy uses."""
_LOADED_LINKS = {"stylesheet", "modulepreload", "preload"}


class FirstLoad(msgspec.Struct, kw_only=True):
    files: dict[str, int]
    """Path under web/dist -> gzipped bytes."""
    raw_bytes: int
    gzip_bytes: int

    @property
    def gzip_kb(self) -> float:
        return round(self.gzip_bytes / 1024, 1)


class _References(HTMLParser):
    """The local files a page loads at once: scripts, stylesheets and preloads."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag == "script" and given.get("src"):
            self._add(given["src"])
        elif tag == "link" and _LOADED_LINKS & set((given.get("rel") or "").split()):
            self._add(given.get("href"))

    def _add(self, url: str | None) -> None:
        if url and "://" not in url and not url.startswith("//"):
            self.found.append(url.split("?", 1)[0].lstrip("/"))


def first_load(dist: Path) -> FirstLoad | None:
    """index.html plus what it references, each gzipped on its own; None when not built."""
    index = dist / "index.html"
    if not index.exists():
        return None
    parser = _References()
    parser.feed(index.read_text("utf-8"))
    files: dict[str, int] = {}
    raw = 0
    for name in ["index.html", *dict.fromkeys(parser.found)]:
        data = (dist / name).read_bytes()
        raw += len(data)
        files[name] = len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))
    return FirstLoad(files=files, raw_bytes=raw, gzip_bytes=sum(files.values()))
