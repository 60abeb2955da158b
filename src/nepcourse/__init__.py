"""nepcourse: the helper package of the open notebook course on Bettelheim's
*Class Struggles in the USSR, Second Period: 1923–1930*.

The few names a lesson needs::

    from nepcourse import load, tables, describe_table, check

* ``load("intro_grain")`` — a table from ``data/``, checked, with its provenance in ``.attrs``;
* ``tables(chapter="intro")`` — the tables of a chapter (or ``lesson="01"``);
* ``describe_table(name)`` — units, and the book's words behind every figure;
* ``check("1.2", answer)`` — says whether an exercise's answer is right, and if not, why.
"""
from . import claims
from .checks import check
from .data import DataError, UnknownTable, describe_table, load, metadata, source_line, tables
from .periods import period_bounds, period_midpoint, with_dates
from .plotting import decorate

import pandas as _pd

# Show whole titles and notes in tables (the default cuts text at 50 characters).
_pd.set_option("display.max_colwidth", 160)

__all__ = ["check", "load", "tables", "describe_table", "metadata", "source_line", "DataError", "UnknownTable",
           "period_bounds", "period_midpoint", "with_dates", "decorate"]
