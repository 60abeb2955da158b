"""Printed periods as dates, so that economic years, agricultural years and calendar years share one axis.

The book mixes several kinds of year (book README, "Condition of the text"):

* an **economic year** printed ``1926–1927`` or ``1926/27`` runs 1 October 1926 – 30 September 1927;
* an **agricultural year** (a grain procurement campaign) runs 1 July – 30 June;
* a **school year** runs 1 September – 31 August;
* a **calendar year** is printed ``1927``;
* a **span** such as ``1909–1913`` (an average over several years) covers those calendar years.
"""

from __future__ import annotations

import re

import pandas as pd

YEAR_STARTS = {"economic": (10, 1), "agricultural": (7, 1), "school": (9, 1)}
#: The precisions of the events table that are years of one of these kinds, and that kind.
YEAR_PRECISIONS = {"economic year": "economic", "agricultural year": "agricultural"}
KINDS = ("calendar", "economic", "agricultural", "school", "span", "auto")
_DASHES = "/–—-"  # the hyphen last, so it is not read as a range
_PAIR = re.compile(rf"^\s*(\d{{4}})\s*[{_DASHES}]\s*(\d{{2,4}})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_MONTHS = re.compile(r"^\s*(\d{4})-(\d{2})\s*(?:/\s*(\d{4})-(\d{2}))?\s*$")


class PeriodError(ValueError):
    """A period the helper cannot read, with the reason in words."""


def _second_year(first: int, text: str) -> int:
    """The second year of ``1926–27`` or ``1926–1927``."""
    return int(text) if len(text) == 4 else first // 100 * 100 + int(text)


def period_bounds(period: str, period_type: str = "auto") -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of a printed period.

    ``period_type`` is one of ``calendar``, ``economic``, ``agricultural``, ``school``, ``span`` or
    ``auto`` (two consecutive years → economic year; one year → calendar year; several → span).
    Months can be given as ``1927-07`` or ``1927-07/1927-10``.

    >>> period_bounds("1926–1927", "agricultural")
    (Timestamp('1926-07-01 00:00:00'), Timestamp('1927-06-30 00:00:00'))
    """
    if period_type not in KINDS:
        raise PeriodError(f"period_type must be one of {', '.join(KINDS)}, not {period_type!r}")
    text = str(period)
    if (m := _MONTHS.match(text)) and 1 <= int(m[2]) <= 12 and (m[4] is None or 1 <= int(m[4]) <= 12):
        start = pd.Timestamp(int(m[1]), int(m[2]), 1)
        last = pd.Timestamp(int(m[3] or m[1]), int(m[4] or m[2]), 1)
        return start, last + pd.offsets.MonthEnd(0)
    if m := _YEAR.match(text):
        year = int(m[1])
        if period_type not in ("auto", "calendar", "span"):
            raise PeriodError(f"{text!r} is a single year, so it cannot be an {period_type} year")
        return pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    if m := _PAIR.match(text):
        first = int(m[1])
        second = _second_year(first, m[2])
        if second <= first:
            raise PeriodError(f"{text!r}: the second year is not after the first")
        kind = period_type
        if kind == "auto":
            kind = "economic" if second == first + 1 else "span"
        if kind in ("span", "calendar"):
            return pd.Timestamp(first, 1, 1), pd.Timestamp(second, 12, 31)
        if second != first + 1:
            raise PeriodError(f"{text!r} spans {second - first} years, so it cannot be one {kind} year")
        month, day = YEAR_STARTS[kind]
        start = pd.Timestamp(first, month, day)
        return start, start + pd.DateOffset(years=1) - pd.Timedelta(days=1)
    raise PeriodError(
        f"cannot read {text!r} as a period: expected a year (1927), a pair of years (1926–1927, 1926/27) "
        "or months (1927-07/1927-10); 'prewar' means 1913 or the 1909–1913 average: say which"
    )


def precision_bounds(first_year: int, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of an event dated to the economic or agricultural year that begins in ``first_year``
    (its ``precision`` in the events table): the dates the table must give it.

    >>> precision_bounds(1927, "agricultural year")
    (Timestamp('1927-07-01 00:00:00'), Timestamp('1928-06-30 00:00:00'))
    """
    if precision not in YEAR_PRECISIONS:
        raise PeriodError(f"precision must be one of {', '.join(YEAR_PRECISIONS)}, not {precision!r}")
    return period_bounds(f"{first_year}–{first_year + 1}", YEAR_PRECISIONS[precision])


def period_midpoint(period: str, period_type: str = "auto") -> pd.Timestamp:
    """The middle day of a period: where a bar or a point for it goes on a time axis."""
    start, end = period_bounds(period, period_type)
    return start + (end - start) / 2


def with_dates(df: pd.DataFrame, period: str = "period", period_type: str = "period_type") -> pd.DataFrame:
    """A copy of ``df`` with ``start``, ``end`` and ``mid`` date columns for its printed periods."""
    out = df.copy()
    kinds = out[period_type] if period_type in out else ["auto"] * len(out)
    bounds = [period_bounds(p, k) for p, k in zip(out[period], kinds)]
    out["start"] = [b[0] for b in bounds]
    out["end"] = [b[1] for b in bounds]
    out["mid"] = out["start"] + (out["end"] - out["start"]) / 2
    return out
