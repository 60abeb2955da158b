"""What the chart tests compare against: values read straight from the CSV files with the csv module
(never through the package under test), the shapes a chart draws, a chart drawn as a student draws it, and a
lesson's code cell, for the tests that run a lesson's computation in the open."""

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


def marks(ax):
    """How many markers each scatter of the axes draws, by its legend label (unlabelled ones under '')."""
    found = {}
    for collection in ax.collections:
        label = collection.get_label()
        key = "" if label.startswith("_") else label
        found[key] = found.get(key, 0) + len(collection.get_offsets())
    return found


def widths(ax):
    return [round(p.get_width(), 6) for p in ax.patches]


def approx(values):
    return pytest.approx(values, abs=1e-6)


def student_bars(labels, heights, *, title, xlabel, ylabel):
    """A bar chart drawn as a student draws it (lesson 00, Step 24): new_figure, ax.bar, decorate; for the
    exercises whose answer is a chart."""
    from nepcourse import decorate, new_figure

    fig, ax = new_figure()
    ax.bar(list(labels), list(heights))
    decorate(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    return fig


def lesson_code(number, fragment):
    """The source of lesson ``number``'s code cell that contains ``fragment`` (the computation a lesson does in
    the open, which a test runs to compare with what the chart draws)."""
    import nbformat

    from nepcourse import registry

    nb = nbformat.read(registry.lesson(number).notebook(), as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "code" and fragment in c.source)
