"""The settings of a benchmark run, from BENCH_* environment variables.

BENCH_SECONDS    each measured phase (default 30; the ramp steps take a third, at least 5)
BENCH_MEETINGS   meetings (100)
BENCH_PHONES     devices per meeting, the facilitator's included (12)
BENCH_RATE       edits per device per second in the steady phase (1)
BENCH_WORKERS    load-generator processes (2)
BENCH_RAMP       per-device rates tried, in order, for the highest durable rate (RAMP)
BENCH_PROFILE    a directory: py-spy records each server during its steady phase (off)
BENCH_DEFLATE    1: WebSocket permessage-deflate, as browsers negotiate it (1)
BENCH_WARMUP     seconds of load before each measurement starts (3)
BENCH_NODES      2 or more: also Kreds on that many nodes behind HAProxy, with PostgreSQL and
                 Redis (server/cluster/local.py), in the same run (1: one node only)
"""

import os

import msgspec

from bench.mix import CHURN_PER_PHONE_PER_MINUTE

RAMP = "0.05,0.1,0.15,0.2,0.3,0.5,0.75,1,1.5,2,3,4,6,8"


class Config(msgspec.Struct, kw_only=True):
    meetings: int
    phones: int
    rate: float
    seconds: float
    warmup: float
    workers: int
    ramp: list[float]
    deflate: bool
    profile: str | None
    nodes: int = 1
    churn_per_minute: float = CHURN_PER_PHONE_PER_MINUTE

    @property
    def step_seconds(self) -> float:
        return max(5.0, round(self.seconds / 3, 1))

    @classmethod
    def from_env(cls) -> "Config":
        env = os.environ.get
        return cls(
            meetings=int(env("BENCH_MEETINGS", "100")),
            phones=int(env("BENCH_PHONES", "12")),
            rate=float(env("BENCH_RATE", "1")),
            seconds=float(env("BENCH_SECONDS", "30")),
            warmup=float(env("BENCH_WARMUP", "3")),
            workers=int(env("BENCH_WORKERS", "2")),
            ramp=[float(r) for r in env("BENCH_RAMP", RAMP).split(",") if r.strip()],
            deflate=env("BENCH_DEFLATE", "1") != "0",
            profile=env("BENCH_PROFILE") or None,
            nodes=max(1, int(env("BENCH_NODES", "1"))),
        )
