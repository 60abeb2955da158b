"""Answers are computed from the data, never written down: change the data and every answer changes.

In a copy of data/, every decimal cell of every table (a column of type ``number``: the book's figures, and
the values the book states in ``claims``) is multiplied by its own small factor, 1 + k/100 with k from 1 to
50 hashed from the table, row and column; years, dates and note numbers (integers or text) are left alone.
Then every numeric exercise's answer (and every drawing exercise's values), every one of its registered
mistakes and every claim's recomputed value must differ from what the real data gives. An answer or mistake
typed in as a number, a table read once and kept, or a claim that reads no table would not change, and fails
here. Counting exercises (``kind="count"``, and drawings of counts) count rows, which these factors do not
touch, so they are left out by their kind.
"""

import csv
import hashlib
import json
import shutil

import pytest

from nepcourse import claims, data, paths
from nepcourse.checks import _registry

EXERCISES = _registry()
NUMERIC = sorted(
    label for label, ex in EXERCISES.items() if ex.kind == "number" or (ex.kind == "figure" and not ex.drawing.counts)
)


def as_number(result) -> float:
    """One number that changes when any of a result's values does (a figure exercise computes a Series)."""
    if hasattr(result, "values") and not isinstance(result, (int, float)):
        return float(sum((i + 1) * float(v) for i, v in enumerate(result.values)))
    return float(result)


def factor(*key) -> float:
    k = int(hashlib.sha256(repr(key).encode()).hexdigest(), 16) % 50 + 1
    return 1 + k / 100


def perturb(folder) -> int:
    """Multiply every number cell of the tables in ``folder`` by its own factor; returns how many."""
    changed = 0
    for meta_path in sorted(folder.glob("*.meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        numbers = {f["name"] for f in meta["schema"]["fields"] if f.get("type") == "number"}
        path = folder / meta_path.name.replace(".meta.json", ".csv")
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        for line, row in enumerate(rows[1:], start=2):
            for column, cell in zip(rows[0], row):
                if column in numbers and cell.strip():
                    row[rows[0].index(column)] = repr(float(cell) * factor(path.name, line, column))
                    changed += 1
        with open(path, "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
    return changed


def results() -> dict:
    """Every numeric answer, mistake and claim, computed from whatever data/ the package reads now."""
    found = {}
    for label in NUMERIC:
        exercise = EXERCISES[label]
        found[f"exercise {label}"] = as_number(exercise.compute())
        for i, mistake in enumerate(exercise.mistakes):
            found[f"exercise {label}, mistake {i + 1}"] = as_number(mistake.compute())
    for row in data.load("claims").itertuples():
        found[f"claim {row.claim_id}"] = claims.compute(row.computation)
    return found


@pytest.fixture(scope="module")
def before_and_after(tmp_path_factory):
    before = results()
    folder = tmp_path_factory.mktemp("perturbed") / "data"
    shutil.copytree(paths.DATA, folder)
    assert perturb(folder) > 100
    real = paths.DATA
    paths.DATA = folder
    data._metadata.cache_clear()
    try:
        after = results()
    finally:
        paths.DATA = real
        data._metadata.cache_clear()
    return before, after


def test_there_is_something_to_perturb():
    assert len(NUMERIC) > 40 and len(data.load("claims")) > 40


def test_every_answer_mistake_and_claim_follows_the_data(before_and_after):
    before, after = before_and_after
    same = [name for name in before if after[name] == pytest.approx(before[name], rel=1e-9, abs=1e-12)]
    assert not same, (
        "these do not change when the data does (a number typed in, or data read once and kept):\n" + "\n".join(same)
    )


def test_the_perturbation_test_can_fail(tmp_path):
    """A self-check of the method: a value written as a literal would survive the perturbation."""
    folder = tmp_path / "data"
    shutil.copytree(paths.DATA, folder)
    perturb(folder)
    grain = list(csv.DictReader(open(folder / "intro_grain.csv", encoding="utf-8")))
    assert float(grain[0]["value"]) != 82.6 or grain[0]["period"] != "1909–1913"
    assert (folder / "intro_grain.csv").read_text(encoding="utf-8").count("–") >= 4, "years left alone"
