"""pytest's set-up for the whole course, loaded whatever folder is tested: nbval's notebooks share one kernel
per test process (see tests/kernels.py), and the test processes collect garbage less often.

The tests create many short-lived objects (figures, tables, reports): with Python's default thresholds, garbage
collection took 15% of a test process's time (measured over the chart, check and timeline tests). So a
collection starts after 50,000 new objects instead of 700, and what the imports and pytest's collection made,
which lives until the end anyway, is frozen out of every scan (``gc.freeze``), and so is what the tests left
when they are done. Nothing a test checks depends on when garbage is collected."""

import gc

import kernels

gc.set_threshold(*kernels.GC_THRESHOLDS)


def pytest_collection_finish(session):
    gc.freeze()


def pytest_sessionfinish(session):
    """Freeze what the tests left too: pytest ends with five full collections (to surface errors raised while
    objects are finalized), and over a test process's whole heap they took seconds of the suite's time."""
    gc.freeze()
