"""Kreds on several nodes behind HAProxy (with PostgreSQL and Redis) as one server under test:
what the benchmark measures of a ServerProcess, summed over every process of the cluster."""

import asyncio
import os
from pathlib import Path

from server.cluster.local import Child, Cluster

_TICKS_PATH = "/proc/{pid}/stat"


def _descendants(pid: int) -> list[int]:
    """The process and all its children's, recursively (PostgreSQL's backends)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children = task.read_text().split()
        except OSError:
            continue
        for child in children:
            found += _descendants(int(child))
    return found


def _cpu_seconds(pid: int) -> float:
    try:
        stat = Path(_TICKS_PATH.format(pid=pid)).read_text()
    except OSError:
        return 0.0  # a backend that just ended
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc status")


class ClusterServers:
    """`nodes` Kreds nodes, HAProxy, PostgreSQL and Redis: the URL is the proxy's."""

    def __init__(self, directory: Path, nodes: int) -> None:
        self.name = f"kreds-{nodes}-nodes"
        self.cluster = Cluster(directory, nodes=nodes)
        self.url = self.cluster.url
        self.log_path = directory / "node-a.log"
        self._pids: list[int] = []

    async def start(self) -> None:
        await asyncio.to_thread(self.cluster.start)

    async def stop(self) -> None:
        await asyncio.to_thread(self.cluster.stop)

    def _processes(self) -> list[Child]:
        return [*self.cluster.nodes, self.cluster.haproxy, self.cluster.redis]

    def _all_pids(self) -> list[int]:
        pids = [c.process.pid for c in self._processes() if c.process is not None]
        postmaster = self.cluster.postgres.data / "postmaster.pid"
        if postmaster.exists():
            pids += _descendants(int(postmaster.read_text().split()[0]))
        return pids

    def cpu_seconds(self) -> float:
        """Every process of the cluster: the nodes, the proxy, Redis and PostgreSQL."""
        return sum(_cpu_seconds(pid) for pid in self._all_pids())

    def rss_kb(self) -> int:
        """The nodes' memory (what grows with connections)."""
        return sum(_rss_kb(n.process.pid) for n in self.cluster.nodes if n.process is not None)

    async def settle(self, idle_cores: float = 0.1, limit: float = 120.0) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        while loop.time() < deadline:
            before = self.cpu_seconds()
            await asyncio.sleep(0.5)
            if self.cpu_seconds() - before < idle_cores * 0.5:
                return

    @property
    def pid(self) -> int:
        raise RuntimeError("BENCH_PROFILE records one process; profile a node by its pid")

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(
            f"{node.name}: {line}"
            for node in self.cluster.nodes
            for line in node.log().splitlines()[-lines:]
        )
