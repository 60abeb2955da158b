"""What the chart tests compare against: values read straight from the CSV files with the csv module
(never through the package under test), and the shapes a chart draws."""

import csv

import pytest

from nepcourse import paths


def rows(name):
    with open(paths.DATA / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def value(name, column="value", **where):
    found = [r for r in rows(name) if all(r[k] == v for k, v in where.items())]
    assert len(found) == 1, (name, where, found)
    return float(found[0][column])


def heights(ax):
    return [round(p.get_height(), 6) for p in ax.patches]


def widths(ax):
    return [round(p.get_width(), 6) for p in ax.patches]


def approx(values):
    return pytest.approx(values, abs=1e-6)
