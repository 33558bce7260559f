"""The disk's durable commit alone: what durable-before-visible costs at the least on this machine.

Kreds acks an op, and shows it to the other phones, only once its commit is on disk. This
commits small batches (two op rows, as the writer does below saturation) to Kreds' tables with
its settings (WAL, `synchronous=FULL`, `secure_delete`) at a steady pace for as long as a steady
phase, and times each commit from when it was due: a commit that stalls delays the ones due
after it, as it delays Kreds' ops. A run subtracts the disk from Kreds' tail: Kreds p99 − relay
p99 − disk p99 is what Kreds itself adds (docs/performance.md). Run as
`python -m bench.disk DATA_DIR SECONDS`; prints one JSON line.
"""

import asyncio
import os
import sqlite3
import sys
import time
from pathlib import Path

import msgspec

from bench.stats import Percentiles, percentiles
from server.services import auth, meetings
from server.store.sqlite import SqliteStore

COMMITS_PER_S = 100.0
"""About how often Kreds' writer commits at 120 ops/s: nearly every op on its own."""
BATCH = 2
PASSWORD = "Emil-kommer-i-skole-2025"
CHANGES_BYTES = 240
"""An op's encoded changes: a note's upsert is about this long."""
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA secure_delete=ON",
    "PRAGMA foreign_keys=ON",
)
INSERT = (
    "INSERT INTO ops (meeting, seq, at, actor, client_id, type, changes)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


class DiskResult(msgspec.Struct, kw_only=True):
    commit_ms: Percentiles
    commits: int
    rows_per_commit: int
    seconds: float


async def _meeting(path: Path) -> tuple[str, int]:
    """Kreds' tables with one meeting in them, made as Kreds makes them: its id and last seq."""
    store = SqliteStore(path)
    await store.open()
    try:
        keys = auth.Keys(b"bench-disk-secret")
        owner = await auth.create_user(store, "louise@kommune.example", "Louise", PASSWORD)
        row = await meetings.create_meeting(store, keys, owner, "Netværksmøde", "three_columns")
        ops = await store.ops_after(row.id, 0, 1000)
        return row.id, ops[-1].seq
    finally:
        await store.close()


def measure(path: Path, seconds: float) -> DiskResult:
    """Commit a batch every 1 / COMMITS_PER_S s for `seconds`; each commit's time in ms, from
    when it was due."""
    meeting, seq = asyncio.run(_meeting(path))
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in PRAGMAS:
            conn.execute(pragma).fetchall()
        took: list[float] = []
        next_at = time.monotonic()
        end = next_at + seconds
        while next_at < end:
            rows = []
            for _ in range(BATCH):
                seq += 1
                row = (meeting, seq, time.time(), "p", f"c{seq}", "card.edit")
                rows.append((*row, os.urandom(CHANGES_BYTES)))
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(INSERT, rows)
            conn.execute("COMMIT")
            # From when the commit was due: one that stalls keeps those due after it waiting,
            # as Kreds' ops wait behind a stalled commit.
            took.append((time.monotonic() - next_at) * 1000)
            next_at += 1 / COMMITS_PER_S
            time.sleep(max(0.0, next_at - time.monotonic()))
    finally:
        conn.close()
    return DiskResult(
        commit_ms=percentiles(took), commits=len(took), rows_per_commit=BATCH, seconds=seconds
    )


def main() -> None:
    data_dir, seconds = sys.argv[1:3]
    result = measure(Path(data_dir) / "disk.sqlite3", float(seconds))
    sys.stdout.write(msgspec.json.encode(result).decode() + "\n")


if __name__ == "__main__":
    main()
