"""The referat as a PDF, printed by headless Chromium from the same page and print stylesheet
a person prints from the browser: one layout, not two."""

import asyncio
import tempfile
from pathlib import Path

from server.domain import Rejected

PRINT_SECONDS = 60.0
DRAWING_MS = 5000
_printing = asyncio.Semaphore(2)
"""Chromium takes a core and ~150 MB while it prints; two at a time at most."""


async def print_pdf(chromium: str, document: str, *, scripted: bool = False) -> bytes:
    """The document printed to PDF; `scripted` when it has drawings its script must draw first
    (Chromium then waits out the virtual-time budget, ~5 s: only then)."""
    if not await asyncio.to_thread(Path(chromium).exists):
        raise Rejected(
            "unavailable", "PDF kan ikke laves på denne server. Brug Udskriv → Gem som PDF."
        )
    async with _printing:
        with tempfile.TemporaryDirectory(prefix="kreds-pdf-") as work:
            page = Path(work) / "referat.html"
            out = Path(work) / "referat.pdf"
            await asyncio.to_thread(page.write_text, document, "utf-8")
            # The page's drawings are drawn by a module script from the web build's files: let
            # it load them, and print once the scripts have run.
            drawing = (
                ["--allow-file-access-from-files", f"--virtual-time-budget={DRAWING_MS}"]
                if scripted
                else []
            )
            process = await asyncio.create_subprocess_exec(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--no-pdf-header-footer",
                *drawing,
                f"--user-data-dir={work}/profile",
                f"--print-to-pdf={out}",
                page.as_uri(),
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
            try:
                await asyncio.wait_for(process.wait(), PRINT_SECONDS)
            except TimeoutError:
                process.kill()
                await process.wait()
                raise Rejected("unavailable", "PDF'en tog for lang tid. Prøv igen.") from None
            if process.returncode != 0 or not await asyncio.to_thread(out.exists):
                raise Rejected("unavailable", "PDF'en kunne ikke laves. Prøv igen.")
            return await asyncio.to_thread(out.read_bytes)
