"""The servers under test as child processes on loopback: start, probe, measure, stop."""

import asyncio
import os
import signal
import socket
import sys
import time
from pathlib import Path

import aiohttp
import msgspec

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
_TICKS = os.sysconf("SC_CLK_TCK")
START_SECONDS = 30.0
STOP_SECONDS = 30.0
PROBE_TIMEOUT = aiohttp.ClientTimeout(total=30.0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


class ServerProcess:
    """One server (`kreds serve` or the bare relay) on 127.0.0.1 and a free port."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log_dir: Path) -> None:
        self.name = name
        self.argv = argv
        self.port = free_port()
        self.url = f"http://{LOOPBACK}:{self.port}"
        self.env = {**os.environ, **env, "HOST": LOOPBACK, "PORT": str(self.port)}
        self.log_path = log_dir / f"{name}.log"
        self.process: asyncio.subprocess.Process | None = None

    @classmethod
    def kreds(cls, data_dir: Path, log_dir: Path) -> "ServerProcess":
        argv = [str(Path(sys.executable).with_name("kreds")), "serve"]
        return cls("kreds", argv, {"KREDS_DATA": str(data_dir)}, log_dir)

    @classmethod
    def baseline(cls, log_dir: Path) -> "ServerProcess":
        return cls("baseline", [sys.executable, "-m", "bench.baseline"], {}, log_dir)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    async def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv, cwd=ROOT, env=self.env, stdout=log, stderr=asyncio.subprocess.STDOUT
            )
        deadline = time.monotonic() + START_SECONDS
        async with aiohttp.ClientSession() as http:
            while time.monotonic() < deadline:
                if self.process.returncode is not None:
                    raise RuntimeError(f"{self.name} exited:\n{self.log_tail()}")
                try:
                    async with http.get(f"{self.url}/healthz") as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer /healthz:\n{self.log_tail()}")

    async def stop(self) -> None:
        """SIGTERM (Kreds drains and snapshots its rooms), SIGKILL if it hangs."""
        process = self.process
        if process is None or process.returncode is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), STOP_SECONDS)
        except TimeoutError:
            process.kill()
            await process.wait()

    async def settle(self, idle_cores: float = 0.1, limit: float = 120.0) -> None:
        """Wait until the server has worked off its backlog (it is nearly idle again)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            before = self.cpu_seconds()
            await asyncio.sleep(0.5)
            if self.cpu_seconds() - before < idle_cores * 0.5:
                return

    def rss_kb(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS in /proc status")

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server so far."""
        stat = Path(f"/proc/{self.pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text("utf-8", "replace").splitlines()[-lines:])


async def probe(url: str, start: float, end: float, interval: float = 0.05) -> list[float]:
    """GET /healthz every `interval` s between two monotonic times: round trips in ms.

    The server is single-threaded asyncio, so a request waits behind whatever the event loop
    is busy with: this round trip, less its idle value, is the loop's lag seen from outside.
    """
    took: list[float] = []
    connector = aiohttp.TCPConnector(limit=1)
    async with aiohttp.ClientSession(connector=connector) as http:
        await asyncio.sleep(max(0.0, start - time.monotonic()))
        next_at = time.monotonic()
        while next_at < end:
            began = time.monotonic()
            try:
                async with http.get(f"{url}/healthz", timeout=PROBE_TIMEOUT) as response:
                    await response.read()
            except (aiohttp.ClientError, TimeoutError):
                pass  # an overloaded server: the time it took still counts
            took.append(round((time.monotonic() - began) * 1000, 3))
            next_at += interval
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
    return took


async def profile(server: ServerProcess, start: float, seconds: float, out: Path) -> None:
    """py-spy's samples of the server (BENCH_PROFILE) as folded stacks, which speedscope.app
    and flamegraph.pl open; only when py-spy is installed in the venv."""
    spy = Path(sys.executable).with_name("py-spy")
    if not spy.exists():
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    await asyncio.sleep(max(0.0, start - time.monotonic()))
    argv = ["record", "--gil", "--format", "raw", "-o", str(out), "--pid", str(server.pid)]
    argv += ["--duration", str(int(seconds))]
    process = await asyncio.create_subprocess_exec(
        str(spy), *argv, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
    )
    await process.wait()


def machine_busy_seconds() -> float:
    """CPU seconds all processes on the machine have used (every core), from /proc/stat."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / _TICKS


class CpuUse(msgspec.Struct, kw_only=True):
    server: float
    machine: float
    bench: float
    """The orchestrator's own CPU (probing, bookkeeping)."""


async def cpu_during(server: ServerProcess, start: float, end: float) -> CpuUse:
    """CPU seconds between two monotonic times: the server's, the machine's and our own."""
    await asyncio.sleep(max(0.0, start - time.monotonic()))
    before = (server.cpu_seconds(), machine_busy_seconds(), time.process_time())
    await asyncio.sleep(max(0.0, end - time.monotonic()))
    after = (server.cpu_seconds(), machine_busy_seconds(), time.process_time())
    return CpuUse(
        server=after[0] - before[0], machine=after[1] - before[1], bench=after[2] - before[2]
    )


async def wait_quiet(cores: float, limit: float) -> float:
    """Wait (at most `limit` s) until other processes use under `cores` for two seconds in a
    row; the cores they used in the last sample."""
    deadline = time.monotonic() + limit
    quiet = 0
    busy = 0.0
    while time.monotonic() < deadline and quiet < 2:
        busy = await others_busy(1.0)
        quiet = quiet + 1 if busy < cores else 0
    return busy


async def others_busy(seconds: float = 2.0) -> float:
    """Cores' worth of CPU that other processes use right now (a busy machine skews results)."""
    before = (machine_busy_seconds(), time.process_time())
    await asyncio.sleep(seconds)
    used = machine_busy_seconds() - before[0] - (time.process_time() - before[1])
    return round(max(0.0, used / seconds), 2)
