"""nepcourse: the helper package of the open notebook course on Bettelheim's
*Class Struggles in the USSR, Second Period: 1923–1930*.

Every notebook of the course starts with::

    import nepcourse
    nepcourse.setup()

which draws figures in the page and shows tables' text whole (importing the package changes nothing).
The few names a lesson needs::

    from nepcourse import load, value, tables, describe_table, check

* ``load("intro_grain")`` — a table from ``data/``, checked, with its provenance in ``.attrs``;
* ``value("intro_grain", series="harvest", period="1926-1927")`` — one number from a table;
* ``tables(lesson="01")`` — the tables of a lesson's chapters (or ``chapter="intro"``);
* ``describe_table(name)`` — units, and the book's words behind every figure;
* ``check("1.2", answer)`` — says whether an exercise's answer is right, and if not, why.

Each lesson's charts and widgets are in ``nepcourse.lessons`` (``from nepcourse.lessons import
introduction``); ``nepcourse.timeline`` draws the book's events; ``nepcourse.registry`` lists the lessons.
"""

from . import claims, registry, timeline
from .checks import check
from .data import DataError, LookupProblem, UnknownTable, describe_table, load, metadata, source_line, tables, value
from .periods import period_bounds, period_midpoint, with_dates
from .plotting import add_source, decorate, new_figure


def setup() -> None:
    """Prepare this notebook for the course: figures are drawn in the page (matplotlib's inline backend,
    without the second drawing IPython's 'tight' bounding box costs), and tables show titles and notes whole
    (pandas cuts text at 50 characters by default). Call it once, in a notebook's first cell."""
    import pandas as pd

    from .plotting import show_figures_inline

    pd.set_option("display.max_colwidth", 160)
    show_figures_inline()


__all__ = [
    "setup",
    "check",
    "load",
    "value",
    "tables",
    "describe_table",
    "metadata",
    "source_line",
    "DataError",
    "UnknownTable",
    "LookupProblem",
    "period_bounds",
    "period_midpoint",
    "with_dates",
    "decorate",
    "add_source",
    "new_figure",
    "claims",
    "registry",
    "timeline",
]
