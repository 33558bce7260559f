"""The load workers as child processes: hand out meetings, send commands, gather answers."""

import asyncio
import sys
from pathlib import Path
from typing import TypeVar

import msgspec

from bench.messages import Command, Connected, Job, MeetingPlan, Phase, PhaseStats
from bench.servers import ROOT

T = TypeVar("T")
LINE_LIMIT = 1 << 30
"""A phase's answer carries every latency sample: lines of many megabytes."""


class LoadWorkers:
    def __init__(self, processes: list[asyncio.subprocess.Process], devices: int) -> None:
        self.processes = processes
        self.devices = devices

    @classmethod
    async def start(
        cls, url: str, plans: list[MeetingPlan], count: int, deflate: bool, log_dir: Path
    ) -> "LoadWorkers":
        """`count` workers, each with whole meetings (round robin)."""
        count = max(1, min(count, len(plans)))
        processes = []
        for number in range(count):
            job = Job(url=url, meetings=plans[number::count], deflate=deflate, seed=number + 1)
            with (log_dir / f"worker-{number}.log").open("ab") as log:
                process = await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "bench.load",
                    cwd=ROOT,
                    stdin=asyncio.subprocess.PIPE,
                    stdout=asyncio.subprocess.PIPE,
                    stderr=log,
                    limit=LINE_LIMIT,
                )
            assert process.stdin is not None
            process.stdin.write(msgspec.json.encode(job) + b"\n")
            processes.append(process)
        return cls(processes, sum(len(plan.devices) for plan in plans))

    async def _ask(self, command: Command, answer: type[T]) -> list[T]:
        line = msgspec.json.encode(command) + b"\n"
        for process in self.processes:
            assert process.stdin is not None
            process.stdin.write(line)
            await process.stdin.drain()
        return list(await asyncio.gather(*(self._read(p, answer) for p in self.processes)))

    @staticmethod
    async def _read(process: asyncio.subprocess.Process, answer: type[T]) -> T:
        assert process.stdout is not None
        line = await process.stdout.readline()
        if not line:
            raise RuntimeError(f"load worker {process.pid} stopped (see its log)")
        return msgspec.json.decode(line, type=answer)

    async def connect(self) -> list[Connected]:
        return await self._ask(Command(do="connect"), Connected)

    async def run(self, phase: Phase) -> list[PhaseStats]:
        return await self._ask(Command(do="run", phase=phase), PhaseStats)

    async def stop(self) -> None:
        for process in self.processes:
            if process.stdin is not None and not process.stdin.is_closing():
                process.stdin.write(msgspec.json.encode(Command(do="quit")) + b"\n")
                process.stdin.close()
        for process in self.processes:
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
