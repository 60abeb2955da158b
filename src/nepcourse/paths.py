"""Where the course's files are: the repository root, its data and notebook folders."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root. The package is installed in editable mode from ``src/``, so the root is
#: two folders above this file; NEPCOURSE_ROOT overrides it (the tests use this for copies).
ROOT = Path(os.environ.get("NEPCOURSE_ROOT") or Path(__file__).resolve().parents[2])
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
STUDENT_WORK = ROOT / "my-work"
STYLE = Path(__file__).resolve().parent / "course.mplstyle"


def relative(path: Path) -> str:
    """A path as the student sees it in the repository (``data/intro_grain.csv``)."""
    try:
        return Path(path).resolve().relative_to(ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)
