"""Printed periods become dates on one time axis."""

import pandas as pd
import pytest

from nepcourse.periods import PeriodError, period_bounds, period_midpoint, with_dates

T = pd.Timestamp


@pytest.mark.parametrize(
    "text, kind, start, end",
    [
        ("1926–1927", "economic", "1926-10-01", "1927-09-30"),
        ("1926/27", "auto", "1926-10-01", "1927-09-30"),
        ("1926-27", "economic", "1926-10-01", "1927-09-30"),
        ("1927–1928", "agricultural", "1927-07-01", "1928-06-30"),
        ("1914–1915", "school", "1914-09-01", "1915-08-31"),
        ("1927", "calendar", "1927-01-01", "1927-12-31"),
        ("1927", "auto", "1927-01-01", "1927-12-31"),
        ("1909–1913", "span", "1909-01-01", "1913-12-31"),
        ("1909–1913", "auto", "1909-01-01", "1913-12-31"),
        ("1927-07/1927-10", "auto", "1927-07-01", "1927-10-31"),
        ("1928-02", "auto", "1928-02-01", "1928-02-29"),
    ],
)
def test_period_bounds(text, kind, start, end):
    assert period_bounds(text, kind) == (T(start), T(end))


@pytest.mark.parametrize(
    "text, kind, words",
    [
        ("prewar", "auto", "say which"),
        ("1927", "economic", "single year"),
        ("1909–1913", "economic", "spans 4 years"),
        ("1928–1927", "auto", "not after"),
        ("1926–1927", "fiscal", "must be one of"),
    ],
)
def test_unreadable_periods_say_why(text, kind, words):
    with pytest.raises(PeriodError, match=words):
        period_bounds(text, kind)


def test_midpoint_and_columns():
    assert period_midpoint("1927") == T("1927-07-02")
    frame = with_dates(pd.DataFrame({"period": ["1926–1927", "1928"], "period_type": ["economic", "calendar"]}))
    assert list(frame["start"]) == [T("1926-10-01"), T("1928-01-01")]
    assert frame["mid"].iloc[0] == T("1927-04-01")
