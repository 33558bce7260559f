"""What the orchestrator and its load workers say to each other (JSON lines on stdin/stdout)."""

from typing import Any

import msgspec


class Device(msgspec.Struct, kw_only=True):
    """One simulated phone (or the facilitator's tablet) and how it connects."""

    auth: dict[str, Any]
    headers: dict[str, str] = msgspec.field(default_factory=dict)
    facilitator: bool = False


class MeetingPlan(msgspec.Struct, kw_only=True):
    id: str
    devices: list[Device]


class Job(msgspec.Struct, kw_only=True):
    """The first line a worker reads: where to connect and which meetings it simulates."""

    url: str
    meetings: list[MeetingPlan]
    deflate: bool
    seed: int


class Phase(msgspec.Struct, kw_only=True):
    """Send `rate` intents per device per second from `start` (time.monotonic, shared by all
    processes on Linux) for warmup + seconds; only the last `seconds` are measured."""

    start: float
    warmup: float
    seconds: float
    rate: float
    churn_per_minute: float
    drain: float = 2.0


class Command(msgspec.Struct, kw_only=True):
    do: str
    phase: Phase | None = None


class Connected(msgspec.Struct, kw_only=True):
    devices: int
    connect_ms: list[float]


class PhaseStats(msgspec.Struct, kw_only=True):
    """What one worker measured in a phase; latencies in milliseconds."""

    sent: int = 0
    acked: int = 0
    rejected: dict[str, int] = msgspec.field(default_factory=dict)
    unanswered: int = 0
    ack_ms: list[float] = msgspec.field(default_factory=list)
    peer_ms: list[float] = msgspec.field(default_factory=list)
    deliveries_missed: int = 0
    resync_ms: list[float] = msgspec.field(default_factory=list)
    late_ms: list[float] = msgspec.field(default_factory=list)
    """How late the generator itself sent, against the fixed arrival schedule."""
    cpu_seconds: float = 0.0
