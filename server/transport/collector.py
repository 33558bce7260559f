"""The garbage collector, set for a server holding many connections that mostly wait.

Every connection keeps a few asyncio objects waiting (engine.io's reader and writer: a task, a
coroutine, futures, a timer), made anew for each frame that comes or goes. New objects stay in
the youngest generation until it is collected, so at a few hundred ops a second it holds tens of
thousands of them; with Python's default threshold (700 allocations) it was collected a few
times a second at 10–50 ms each, and those pauses were the p99 of an edit reaching the other
phones. Collected some thirty times less often, the pauses drop out of the p99
(docs/performance.md)."""

import gc

THRESHOLDS = (25_000, 20, 100)
"""Allocations before the youngest generation is collected; collections of each generation
before the next one up is."""


def settle() -> None:
    """After start-up: keep what lives as long as the server out of every collection, and
    collect the rest less often."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
