"""What one node tells Prometheus about itself (`GET /metrics`); docs/operations.md says what
each figure means. No label ever holds a meeting, a person or a text."""

import asyncio
import time
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

CONNECTIONS = Gauge(
    "kreds_connections", "Sockets connected to this node, past the handshake", registry=REGISTRY
)
OPEN_MEETINGS = Gauge(
    "kreds_open_meetings", "Meetings whose Room is live in this node's memory", registry=REGISTRY
)
INTENTS = Counter(
    "kreds_intents",
    "Intents answered, by outcome: ok or the refusal's code",
    ["outcome"],
    registry=REGISTRY,
)
COMMIT_SECONDS = Histogram(
    "kreds_commit_seconds",
    "One group commit of the store's writer: every queued write in one transaction",
    buckets=LATENCY_BUCKETS,
    registry=REGISTRY,
)
ACK_SECONDS = Histogram(
    "kreds_ack_seconds",
    "From an intent's arrival to its ack (for an accepted one: once its op is durable)",
    buckets=LATENCY_BUCKETS,
    registry=REGISTRY,
)
LOOP_LAG_SECONDS = Histogram(
    "kreds_event_loop_lag_seconds",
    "How late the event loop woke a task that asked to sleep (work waiting behind other work)",
    buckets=LATENCY_BUCKETS,
    registry=REGISTRY,
)
LEASE_CHANGES = Counter(
    "kreds_lease_changes",
    "Meeting leases this node took, renewed too late to keep, or let go, by change",
    ["change"],
    registry=REGISTRY,
)

LAG_PROBE_SECONDS = 0.25


def count_live(connections: Callable[[], float], meetings: Callable[[], float]) -> None:
    """The gauges read the live figures when scraped."""
    CONNECTIONS.set_function(connections)
    OPEN_MEETINGS.set_function(meetings)


def answered(outcome: str, started: float) -> None:
    """An intent's ack left: `started` is time.monotonic() at its arrival."""
    INTENTS.labels(outcome=outcome).inc()
    ACK_SECONDS.observe(time.monotonic() - started)


async def probe_loop_lag() -> None:
    """Sleep a quarter second at a time and record how much later than asked the loop woke."""
    while True:
        asked = time.monotonic()
        await asyncio.sleep(LAG_PROBE_SECONDS)
        LOOP_LAG_SECONDS.observe(max(0.0, time.monotonic() - asked - LAG_PROBE_SECONDS))
