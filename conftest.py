"""pytest's set-up for the whole course, loaded whatever folder is tested: nbval's notebooks share one kernel
per test process (see tests/kernels.py)."""

import kernels  # noqa: F401
