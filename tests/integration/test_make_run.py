"""The README's first command: `make run` serves the start page and answers /healthz."""

import os
import signal
import subprocess
import time
from pathlib import Path

import httpx

from .kit import ROOT, free_port


def test_make_run_serves_the_start_page_and_health_check(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "KREDS_DATA": str(tmp_path)}
    env.pop("MAKEFLAGS", None)
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, process.stdout.read().decode() if process.stdout else ""
            try:
                health = httpx.get(f"{base}/healthz", timeout=1.0)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "make run did not start serving"
                time.sleep(0.2)
        start = httpx.get(f"{base}/", timeout=5.0)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode()
    assert health.status_code == 200 and health.text == "ok"
    assert start.status_code == 200
    assert '<html lang="da">' in start.text and "/assets/" in start.text
    assert f"http://localhost:{port}/" in output, output
    assert (tmp_path / "kreds.sqlite3").exists()
