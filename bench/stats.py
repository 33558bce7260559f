"""Percentiles and the summary of one measured phase."""

import math
from collections.abc import Sequence

import msgspec

from bench.messages import PhaseStats
from bench.servers import CpuUse


class Percentiles(msgspec.Struct, kw_only=True):
    p50: float | None
    p95: float | None
    p99: float | None


def percentile(samples: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile of sorted samples (None when there are none)."""
    if not samples:
        return None
    rank = max(1, math.ceil(q / 100 * len(samples)))
    return round(samples[rank - 1], 2)


def percentiles(samples: Sequence[float]) -> Percentiles:
    ordered = sorted(samples)
    return Percentiles(
        p50=percentile(ordered, 50), p95=percentile(ordered, 95), p99=percentile(ordered, 99)
    )


def merge(parts: Sequence[PhaseStats]) -> PhaseStats:
    """The stats of all workers as if one had measured them."""
    total = PhaseStats()
    for part in parts:
        total.sent += part.sent
        total.acked += part.acked
        total.unanswered += part.unanswered
        total.deliveries_missed += part.deliveries_missed
        total.cpu_seconds += part.cpu_seconds
        for code, count in part.rejected.items():
            total.rejected[code] = total.rejected.get(code, 0) + count
        total.ack_ms.extend(part.ack_ms)
        total.peer_ms.extend(part.peer_ms)
        total.resync_ms.extend(part.resync_ms)
        total.late_ms.extend(part.late_ms)
    return total


class PhaseSummary(msgspec.Struct, kw_only=True):
    """One measured phase against one server."""

    rate: float
    seconds: float
    offered_per_s: float
    sent_per_s: float
    ops_per_s: float
    """Intents acknowledged ok (durable, for Kreds) per second."""
    ack_ms: Percentiles
    peer_ms: Percentiles
    resync_ms: Percentiles
    resyncs: int
    rejected: dict[str, int]
    unanswered: int
    deliveries_missed: int
    generator_late_ms_p99: float | None
    server_cpu: float
    """Cores' worth of CPU the server process used (1.0 = one core busy all the time)."""
    generator_cpu: float
    other_cpu: float
    """Cores' worth of CPU used by processes that are not part of the benchmark: noise."""
    probe_ms: Percentiles
    loop_lag_ms_p99: float | None


def summarise(
    stats: PhaseStats,
    *,
    rate: float,
    seconds: float,
    devices: int,
    cpu: CpuUse,
    probe_ms: Sequence[float],
    probe_idle_ms: float | None,
) -> PhaseSummary:
    probe = percentiles(probe_ms)
    lag = None
    if probe.p99 is not None and probe_idle_ms is not None:
        lag = round(max(0.0, probe.p99 - probe_idle_ms), 2)
    return PhaseSummary(
        rate=rate,
        seconds=seconds,
        offered_per_s=round(devices * rate, 1),
        sent_per_s=round(stats.sent / seconds, 1),
        ops_per_s=round(stats.acked / seconds, 1),
        ack_ms=percentiles(stats.ack_ms),
        peer_ms=percentiles(stats.peer_ms),
        resync_ms=percentiles(stats.resync_ms),
        resyncs=len(stats.resync_ms),
        rejected=stats.rejected,
        unanswered=stats.unanswered,
        deliveries_missed=stats.deliveries_missed,
        generator_late_ms_p99=percentiles(stats.late_ms).p99,
        server_cpu=round(cpu.server / seconds, 2),
        generator_cpu=round(stats.cpu_seconds / seconds, 2),
        other_cpu=round(
            max(0.0, cpu.machine - cpu.server - cpu.bench - stats.cpu_seconds) / seconds, 2
        ),
        probe_ms=probe,
        loop_lag_ms_p99=lag,
    )


class ServerRun(msgspec.Struct, kw_only=True):
    """Everything measured against one server in a run."""

    devices: int
    rss_before_kb: int
    rss_connected_kb: int
    connect_ms: Percentiles
    steady: PhaseSummary
    ramp: list[PhaseSummary] = msgspec.field(default_factory=list)

    @property
    def rss_kb_per_conn(self) -> float:
        return round((self.rss_connected_kb - self.rss_before_kb) / self.devices, 1)
