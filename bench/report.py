"""One run's measurements as bench/results.json and as the table in docs/performance.md."""

import os
import platform
import time
from pathlib import Path
from typing import Any

import msgspec

from bench.bundle import FirstLoad
from bench.config import Config
from bench.disk import DiskResult
from bench.servers import ROOT
from bench.stats import PhaseSummary, ServerRun
from bench.writer import WriterResult

RESULTS = ROOT / "bench" / "results.json"
DOC = ROOT / "docs" / "performance.md"
WEB_DIST = ROOT / "web" / "dist"
BEGIN = "<!-- bench:results:begin (written by `make bench`; edits here are overwritten) -->"
END = "<!-- bench:results:end -->"

SUSTAINED_ACK_P99_MS = 100.0
"""A rate is sustained when acks keep up: nearly all answered in time, p99 under this."""
TARGETS = {
    "peer_p99_ms": 15.0,
    "peer_p99_vs_baseline": 1.5,
    "durable_ops_per_s": 5000.0,
    "resync_p95_ms": 100.0,
    "rss_kb_per_conn": 100.0,
    "bundle_gzip_kb": 80.0,
    "own_tail_ms": 5.0,
    "cpu_vs_baseline": 1.25,
    "sustained_vs_baseline": 0.9,
}
"""The last three are issue 17's: Kreds' p99 within the relay's plus one disk commit plus this,
its CPU within this multiple of the relay's, its highest sustained rate at least this share."""


def sustained(step: PhaseSummary) -> bool:
    """Acks kept up with what was sent, and the generator managed to send what was offered."""
    return (
        step.sent_per_s >= 0.95 * step.offered_per_s
        and step.ops_per_s >= 0.97 * step.sent_per_s
        and step.ack_ms.p99 is not None
        and step.ack_ms.p99 <= SUSTAINED_ACK_P99_MS
    )


def highest_sustained(run: ServerRun) -> float | None:
    """The acked rate of the best phase that kept up (ramp steps and the steady phase)."""
    held = [step.ops_per_s for step in [*run.ramp, run.steady] if sustained(step)]
    return max(held, default=None)


def _limit(steps: list[PhaseSummary]) -> str:
    """Why the ramp stopped where it did."""
    if not steps or sustained(steps[-1]):
        return "every rate tried was sustained (the 10 intents/s per participant limit is next)"
    last = steps[-1]
    if last.sent_per_s < 0.95 * last.offered_per_s:
        return f"the load generator could not send {last.offered_per_s:g}/s"
    return (
        f"at {last.offered_per_s:g}/s offered the acks fell behind ({last.ops_per_s:g} ops/s "
        f"acked, ack p99 {last.ack_ms.p99} ms, server CPU {last.server_cpu:g} cores)"
    )


def _ratio(kreds: float | None, baseline: float | None) -> float | None:
    if kreds is None or not baseline:
        return None
    return round(kreds / baseline, 2)


def _at_most(value: float | None, target: float) -> bool | None:
    return None if value is None else value <= target


def own_tail(kreds: float | None, relay: float | None, disk: float | None) -> float | None:
    """Kreds p99 − relay p99 − disk p99: what Kreds adds beyond the stack and durability."""
    if kreds is None or relay is None or disk is None:
        return None
    return round(kreds - relay - disk, 2)


def results(
    config: Config,
    kreds: ServerRun,
    baseline: ServerRun,
    writer: WriterResult,
    disk: DiskResult,
    bundle: FirstLoad | None,
    cluster: ServerRun | None = None,
) -> dict[str, Any]:
    max_durable = highest_sustained(kreds)
    relay_max = highest_sustained(baseline)
    peer, base = kreds.steady.peer_ms, baseline.steady.peer_ms
    ratios = {
        "peer_p50": _ratio(peer.p50, base.p50),
        "peer_p95": _ratio(peer.p95, base.p95),
        "peer_p99": _ratio(peer.p99, base.p99),
        "ops_per_s": _ratio(kreds.steady.ops_per_s, baseline.steady.ops_per_s),
        "highest_sustained_ops_per_s": _ratio(max_durable, relay_max),
        "server_cpu": _ratio(kreds.steady.server_cpu, baseline.steady.server_cpu),
    }
    tail = own_tail(peer.p99, base.p99, disk.commit_ms.p99)
    bundle_kb = bundle.gzip_kb if bundle else None
    met = {
        "peer_p99_ms": _at_most(peer.p99, TARGETS["peer_p99_ms"]),
        "peer_p99_vs_baseline": _at_most(ratios["peer_p99"], TARGETS["peer_p99_vs_baseline"]),
        "durable_ops_per_s": None
        if max_durable is None
        else max_durable >= TARGETS["durable_ops_per_s"],
        "resync_p95_ms": _at_most(kreds.steady.resync_ms.p95, TARGETS["resync_p95_ms"]),
        "rss_kb_per_conn": _at_most(kreds.rss_kb_per_conn, TARGETS["rss_kb_per_conn"]),
        "bundle_gzip_kb": _at_most(bundle_kb, TARGETS["bundle_gzip_kb"]),
        "own_tail_ms": _at_most(tail, TARGETS["own_tail_ms"]),
        "cpu_vs_baseline": _at_most(ratios["server_cpu"], TARGETS["cpu_vs_baseline"]),
        "sustained_vs_baseline": None
        if ratios["highest_sustained_ops_per_s"] is None
        else ratios["highest_sustained_ops_per_s"] >= TARGETS["sustained_vs_baseline"],
    }
    return {
        "load": {
            "meetings": config.meetings,
            "phones_per_meeting": config.phones,
            "edits_per_phone_per_s": config.rate,
            "seconds": config.seconds,
        },
        "kreds": {
            "ack_ms": msgspec.to_builtins(kreds.steady.ack_ms),
            "peer_ms": msgspec.to_builtins(peer),
            "ops_per_s": kreds.steady.ops_per_s,
            "rss_kb_per_conn": kreds.rss_kb_per_conn,
            "loop_lag_ms_p99": kreds.steady.loop_lag_ms_p99,
        },
        "baseline": {"peer_ms": msgspec.to_builtins(base), "ops_per_s": baseline.steady.ops_per_s},
        "max_durable_ops_per_s": max_durable,
        "resync_ms_p95": kreds.steady.resync_ms.p95,
        "disk_commit_ms": msgspec.to_builtins(disk.commit_ms),
        "own_tail_ms": tail,
        "bundle_gzip_kb": bundle_kb,
        "detail": {
            "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
            "machine": {
                "cores": os.cpu_count(),
                "python": platform.python_version(),
                "system": platform.platform(),
            },
            "config": {**msgspec.to_builtins(config), "step_seconds": config.step_seconds},
            "targets": {name: {"target": TARGETS[name], "met": met[name]} for name in TARGETS},
            "ratios_kreds_to_baseline": ratios,
            "max_durable_limited_by": _limit(kreds.ramp),
            "baseline_max_ops_per_s": relay_max,
            "baseline_max_limited_by": _limit(baseline.ramp),
            "writer_alone": msgspec.to_builtins(writer),
            "disk_alone": msgspec.to_builtins(disk),
            "kreds": msgspec.to_builtins(kreds),
            "baseline": msgspec.to_builtins(baseline),
            "baseline_rss_kb_per_conn": baseline.rss_kb_per_conn,
            "bundle": msgspec.to_builtins(bundle) if bundle else None,
            "cluster": None
            if cluster is None
            else {
                "nodes": config.nodes,
                "max_durable_ops_per_s": highest_sustained(cluster),
                "max_durable_limited_by": _limit(cluster.ramp),
                "run": msgspec.to_builtins(cluster),
            },
        },
    }


def write(results: dict[str, Any]) -> None:
    temporary = RESULTS.with_suffix(".json.tmp")
    temporary.write_bytes(msgspec.json.format(msgspec.json.encode(results), indent=2) + b"\n")
    temporary.replace(RESULTS)
    _write_doc(table(results))


def _write_doc(block: str) -> None:
    text = DOC.read_text("utf-8") if DOC.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text = f"{text.rstrip()}\n\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{BEGIN}\n{block}\n{END}{tail}", "utf-8")


def _ms(value: Any) -> str:
    return "–" if value is None else f"{value:g} ms"


def _num(value: Any) -> str:
    return "–" if value is None else f"{value:g}"


def _mark(met: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "–"}[met]


def _trio(p: dict[str, Any]) -> str:
    return " / ".join(_num(p[k]) for k in ("p50", "p95", "p99")) + " ms"


def _headline(results: dict[str, Any]) -> list[str]:
    load, kreds, base, detail = (
        results["load"],
        results["kreds"],
        results["baseline"],
        results["detail"],
    )
    met = {name: entry["met"] for name, entry in detail["targets"].items()}
    ratios = detail["ratios_kreds_to_baseline"]
    steady, relay = detail["kreds"]["steady"], detail["baseline"]["steady"]
    bundle_kb = results["bundle_gzip_kb"]
    bundle = "not built" if bundle_kb is None else f"{bundle_kb:g} KB"
    return [
        f"Measured {detail['when']} on {detail['machine']['cores']} cores, Python "
        f"{detail['machine']['python']}: {load['meetings']} meetings × "
        f"{load['phones_per_meeting']} devices, {load['edits_per_phone_per_s']:g} edit per "
        f"device per second ({steady['offered_per_s']:g} ops/s offered), "
        f"{load['seconds']:g} s measured (WebSocket compression "
        f"{'on' if detail['config']['deflate'] else 'off'}). Other processes used "
        f"{steady['other_cpu']:g} / {relay['other_cpu']:g} cores during the two steady phases.",
        "",
        "| measure | target | Kreds | bare relay | Kreds ÷ relay | met |",
        "|---|---|---|---|---|---|",
        f"| ack latency p50 / p95 / p99 | | {_trio(kreds['ack_ms'])} | "
        f"{_trio(relay['ack_ms'])} | | |",
        f"| edit → peer p50 / p95 / p99 | p99 ≤ 15 ms | {_trio(kreds['peer_ms'])} | "
        f"{_trio(base['peer_ms'])} | {_num(ratios['peer_p50'])} / {_num(ratios['peer_p95'])} / "
        f"{_num(ratios['peer_p99'])} | {_mark(met['peer_p99_ms'])} |",
        f"| edit → peer p99 against the relay | ≤ 1.5× | | | {_num(ratios['peer_p99'])}× | "
        f"{_mark(met['peer_p99_vs_baseline'])} |",
        f"| ops/s acked at this load | | {kreds['ops_per_s']:g} | {base['ops_per_s']:g} | "
        f"{_num(ratios['ops_per_s'])} | |",
        f"| highest sustained ops/s (durable, for Kreds) | ≥ 5,000 | "
        f"{_num(results['max_durable_ops_per_s'])} | {_num(detail['baseline_max_ops_per_s'])} "
        f"| {_num(ratios['highest_sustained_ops_per_s'])} | {_mark(met['durable_ops_per_s'])} |",
        f"| durable ops/s of Room + SQLite alone (no sockets) | | "
        f"{detail['writer_alone']['ops_per_s']:g} | | | |",
        f"| reconnect → resynced p95 | ≤ 100 ms | {_ms(results['resync_ms_p95'])} | "
        f"{_ms(relay['resync_ms']['p95'])} | | {_mark(met['resync_p95_ms'])} |",
        f"| server RSS per connection | ≤ 100 KB | {kreds['rss_kb_per_conn']:g} KB | "
        f"{detail['baseline_rss_kb_per_conn']:g} KB | | {_mark(met['rss_kb_per_conn'])} |",
        f"| event-loop lag p99 (health probe) | | {_ms(kreds['loop_lag_ms_p99'])} | "
        f"{_ms(relay['loop_lag_ms_p99'])} | | |",
        f"| disk commit p50 / p95 / p99 (SQLite WAL, `synchronous=FULL`, "
        f"{detail['disk_alone']['rows_per_commit']} ops) | | {_trio(results['disk_commit_ms'])} "
        "| | | |",
        f"| Kreds' own tail: edit → peer p99 − relay p99 − disk p99 | ≤ 5 ms | "
        f"{_ms(results['own_tail_ms'])} | | | {_mark(met['own_tail_ms'])} |",
        f"| server CPU at this load (cores) | ≤ 1.25× | {steady['server_cpu']:g} | "
        f"{relay['server_cpu']:g} | {_num(ratios['server_cpu'])} | "
        f"{_mark(met['cpu_vs_baseline'])} |",
        f"| highest sustained ops/s against the relay | ≥ 0.9× | | | "
        f"{_num(ratios['highest_sustained_ops_per_s'])} | {_mark(met['sustained_vs_baseline'])} |",
        f"| phone's first load, gzipped | ≤ 80 KB | {bundle} | | | "
        f"{_mark(met['bundle_gzip_kb'])} |",
    ]


def _ramp(detail: dict[str, Any]) -> list[str]:
    """Kreds and the relay step by step, side by side at equal offered rates."""
    relay = {step["rate"]: step for step in detail["baseline"]["ramp"]}
    lines = [
        f"Ramp (no presence churn, {detail['config']['step_seconds']:g} s per step). Kreds: "
        f"{detail['max_durable_limited_by']}. The relay: {detail['baseline_max_limited_by']}.",
        "",
        "| edits/device/s | offered ops/s | Kreds ops/s | Kreds ack p99 | Kreds peer p99 | "
        "Kreds CPU | relay ops/s | relay peer p99 | relay CPU | others' CPU |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    rates = sorted({step["rate"] for step in detail["kreds"]["ramp"]} | set(relay))
    kreds = {step["rate"]: step for step in detail["kreds"]["ramp"]}
    for rate in rates:
        k, b = kreds.get(rate), relay.get(rate)
        others = max(step["other_cpu"] for step in (k, b) if step is not None)
        offered = (k or b or {})["offered_per_s"]
        lines.append(
            f"| {rate:g} | {offered:g} | {_held(k, 'ops_per_s')} | "
            f"{_ms(k and k['ack_ms']['p99'])} | {_ms(k and k['peer_ms']['p99'])} | "
            f"{_num(k and k['server_cpu'])} | {_held(b, 'ops_per_s')} | "
            f"{_ms(b and b['peer_ms']['p99'])} | {_num(b and b['server_cpu'])} | {others:g} |"
        )
    lines += ["", "Ops/s in *italics* did not keep up (see the criterion above)."]
    return lines


def _held(step: dict[str, Any] | None, key: str) -> str:
    if step is None:
        return "–"
    value = f"{step[key]:g}"
    return value if sustained(msgspec.convert(step, PhaseSummary)) else f"*{value}*"


def _cluster(detail: dict[str, Any]) -> list[str]:
    """One node against several behind HAProxy against the relay, at the same load."""
    cluster = detail.get("cluster")
    if cluster is None:
        return []
    one, many, relay = (
        detail["kreds"]["steady"],
        cluster["run"]["steady"],
        detail["baseline"]["steady"],
    )
    nodes = cluster["nodes"]
    return [
        "",
        f"Kreds on {nodes} nodes behind HAProxy (PostgreSQL, Redis; `BENCH_NODES={nodes}`), the "
        "same load in the same run. Its CPU is every process of the cluster: the nodes, "
        f"HAProxy, Redis and PostgreSQL. {nodes} nodes: {cluster['max_durable_limited_by']}.",
        "",
        f"| measure | one node (SQLite) | {nodes} nodes | bare relay |",
        "|---|---|---|---|",
        f"| ack latency p50 / p95 / p99 | {_trio(one['ack_ms'])} | {_trio(many['ack_ms'])} | "
        f"{_trio(relay['ack_ms'])} |",
        f"| edit → peer p50 / p95 / p99 | {_trio(one['peer_ms'])} | {_trio(many['peer_ms'])} | "
        f"{_trio(relay['peer_ms'])} |",
        f"| ops/s acked at this load | {one['ops_per_s']:g} | {many['ops_per_s']:g} | "
        f"{relay['ops_per_s']:g} |",
        f"| highest sustained ops/s | {_num(detail['kreds_max_ops_per_s'])} | "
        f"{_num(cluster['max_durable_ops_per_s'])} | {_num(detail['baseline_max_ops_per_s'])} |",
        f"| reconnect → resynced p95 | {_ms(one['resync_ms']['p95'])} | "
        f"{_ms(many['resync_ms']['p95'])} | {_ms(relay['resync_ms']['p95'])} |",
        f"| CPU at this load (cores) | {one['server_cpu']:g} | {many['server_cpu']:g} | "
        f"{relay['server_cpu']:g} |",
    ]


def _pass(met: bool | None) -> str:
    return {True: "**pass**", False: "**fail**", None: "not measured"}[met]


def checks(results: dict[str, Any]) -> list[str]:
    """Issue 17's must-show figures as pass/fail lines, from this run alone."""
    detail = results["detail"]
    met = {name: entry["met"] for name, entry in detail["targets"].items()}
    steady, relay = detail["kreds"]["steady"], detail["baseline"]["steady"]
    disk = results["disk_commit_ms"]
    relay_max = detail["baseline_max_ops_per_s"]
    share = _num(None if relay_max is None else round(0.9 * relay_max, 1))
    lines = [
        "Checks (issue 17), each against the relay and the disk in this run:",
        "",
        f"- {_pass(met['own_tail_ms'])}: edit → peer p99 {_ms(steady['peer_ms']['p99'])} ≤ "
        f"relay p99 {_ms(relay['peer_ms']['p99'])} + disk commit p99 {_ms(disk['p99'])} + "
        f"5 ms (Kreds' own tail {_ms(results['own_tail_ms'])})",
        f"- {_pass(met['cpu_vs_baseline'])}: server CPU {steady['server_cpu']:g} cores ≤ 1.25 × "
        f"the relay's {relay['server_cpu']:g} = {round(1.25 * relay['server_cpu'], 3):g}",
        f"- {_pass(met['sustained_vs_baseline'])}: highest sustained "
        f"{_num(results['max_durable_ops_per_s'])} ops/s ≥ 0.9 × the relay's "
        f"{_num(relay_max)} = {share}",
    ]
    relay_steps = {step["rate"]: step for step in detail["baseline"]["ramp"]}
    for step in detail["kreds"]["ramp"]:
        other = relay_steps.get(step["rate"])
        if step["rate"] == steady["rate"] and other is not None:
            tail = own_tail(step["peer_ms"]["p99"], other["peer_ms"]["p99"], disk["p99"])
            lines.append(
                f"- without churn (the ramp step at {step['rate']:g}/device/s): edit → peer p99 "
                f"{_ms(step['peer_ms']['p99'])} against the relay's "
                f"{_ms(other['peer_ms']['p99'])}, Kreds' own tail {_ms(tail)}"
            )
    return lines


def table(results: dict[str, Any]) -> str:
    """The Markdown block for docs/performance.md."""
    detail = {**results["detail"], "kreds_max_ops_per_s": results["max_durable_ops_per_s"]}
    return "\n".join(
        [*_headline(results), "", *checks(results), "", *_ramp(detail), *_cluster(detail)]
    )


def summary(results: dict[str, Any]) -> str:
    """What `make bench` prints at the end."""
    return f"\n{table(results)}\n\nwritten: {_relative(RESULTS)} and {_relative(DOC)}"


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))
