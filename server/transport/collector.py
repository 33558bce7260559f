"""The garbage collector, set for a server holding many connections that mostly wait.

Every connection keeps a few asyncio objects waiting (engine.io's reader and writer: a task, a
coroutine, futures, a timer), made anew for each frame that comes or goes. New objects stay in
the youngest generation until it is collected, so at a few hundred ops a second it holds tens of
thousands of them; with Python's default threshold (700 allocations) it was collected a few
times a second at 10–50 ms each, and those pauses were the p99 of an edit reaching the other
phones. Collected some thirty times less often, the pauses dropped out of the p99 at a few
hundred ops a second (docs/performance.md).

What a collection of the youngest generation costs is not its threshold but what is alive in
it: the count rises with allocations and falls with every deallocation, old objects' too, so
when it reaches the threshold the generation holds every connection's current waiting objects,
about 100,000 with 1,200 phones connected, and the collection takes 60–75 ms of CPU here
whatever the threshold. Only how often it comes can be chosen: at 25,000 every 8 s at
120 ops/s, a pause at the p99 of edits reaching the other phones; at 100,000 every half
minute or so (issue 17)."""

import gc

THRESHOLDS = (100_000, 20, 100)
"""Allocations before the youngest generation is collected; collections of each generation
before the next one up is."""


def settle() -> None:
    """After start-up: keep what lives as long as the server out of every collection, and
    collect the rest less often."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
