"""How fast this machine runs at the moment, for ``make bench`` and for the few tests that time something.

The 2-core virtual machine the course is tested on shares its host: the same fixed workload took from 0.34 s to
0.64 s within one ``make bench`` run, and the same ``make test`` from 85 s to 120 s on one day. A time is
therefore read beside the time of this workload, measured at the same moment."""

from __future__ import annotations

import statistics
import time

#: A fixed pure-Python workload: no I/O, no allocation to speak of, the same work on every run.
SPEED_WORKLOAD = "total = 0\nfor i in range(3_000_000):\n    total += i * i"
#: Seconds of CPU the workload takes on the 2-core test machine at its usual speed (measured 0.26–0.34 s).
USUAL_SECONDS = 0.30


def machine_speed(clock=time.perf_counter) -> float:
    """Seconds the workload takes (median of 3) by ``clock``: the wall clock by default, or ``time.thread_time``
    for the CPU time this thread spent, which other processes cannot add to but a shared host still slows."""
    times = []
    for _ in range(3):
        start = clock()
        exec(SPEED_WORKLOAD, {})
        times.append(clock() - start)
    return statistics.median(times)


def slowdown() -> float:
    """How many times slower than usual this thread runs now (1 when at its usual speed or faster)."""
    return max(1.0, machine_speed(time.thread_time) / USUAL_SECONDS)
