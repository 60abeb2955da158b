"""nepcourse: the helper package of the open notebook course on Bettelheim's
*Class Struggles in the USSR, Second Period: 1923–1930*.

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
from .plotting import decorate

import pandas as _pd

# Show whole titles and notes in tables (the default cuts text at 50 characters).
_pd.set_option("display.max_colwidth", 160)

__all__ = ["check", "load", "value", "tables", "describe_table", "metadata", "source_line", "DataError", "UnknownTable",
           "LookupProblem", "period_bounds", "period_midpoint", "with_dates", "decorate", "claims", "registry",
           "timeline"]
