"""One period of one kind of quantity carries one period type in every table.

The registry ``nepcourse.data.YEAR_KINDS`` says which quantities are read as another kind of year than the
book's convention (a grain campaign's figures as agricultural years, July–June, say) and why; every other
two-year period is an economic year. These tests hold every table to it, and the registry to the tables.
"""

import re

import pandas as pd
import pytest

from nepcourse import data

#: Words that mark a quantity of grain or of a campaign: such a row with a two-year period must be of a
#: registered kind, so that a new table of grain figures cannot slip past the registry.
GRAIN_WORDS = re.compile(r"grain|harvest|procur|campaign|rye|wheat", re.IGNORECASE)
#: Columns that quote or explain rather than name what a row measures.
WORDY = re.compile(r".*printed.*|quote|source|statement|explanation|computation|description")


@pytest.fixture(scope="module")
def cells() -> pd.DataFrame:
    """Every two-year period of every table, with the type it is read as and the kinds of its row."""
    return pd.concat([data.period_cells(name) for name in data.table_names()], ignore_index=True)


def expected(kinds: tuple) -> set[str]:
    return {data.YEAR_KINDS[k].period_type for k in kinds} or {data.BOOK_CONVENTION}


def where(row) -> str:
    return f"data/{row.table}.csv line {row.line} ({row.column} {row.period})"


def test_every_two_year_period_is_read_as_its_kind_requires(cells):
    wrong = [
        f"{where(row)}: read as {row.period_type} ({row.declared}), "
        f"but {' and '.join(row.kinds) or 'the book convention'} requires {'/'.join(sorted(expected(row.kinds)))}"
        for row in cells.itertuples()
        if {row.period_type} != expected(row.kinds)
    ]
    assert not wrong, "\n".join(wrong)


def test_one_period_of_one_kind_has_one_type_in_every_table(cells):
    exploded = cells.explode("kinds").dropna(subset=["kinds"])
    types = exploded.groupby(["kinds", "period"])["period_type"].agg(lambda s: sorted(set(s)))
    mixed = {key: kinds for key, kinds in types.items() if len(kinds) > 1}
    assert not mixed, mixed


def test_a_row_of_two_kinds_is_asked_for_one_type(cells):
    torn = [where(row) for row in cells.itertuples() if len(expected(row.kinds)) > 1]
    assert not torn, torn


def test_every_grain_quantity_with_a_two_year_period_is_of_a_registered_kind():
    loose = []
    for name in data.table_names():
        frame = data.load(name)
        periods = [c for c in frame.columns if c in data.PERIOD_COLUMNS]
        naming = [c for c in frame.columns if not WORDY.fullmatch(c)]
        for line, row in enumerate(frame.to_dict("records"), start=2):
            if not any(data.two_year_period(row[c]) for c in periods):
                continue
            words = " ".join(str(row[c]) for c in naming if isinstance(row[c], str))
            if GRAIN_WORDS.search(words) and not data.year_kinds(name, row):
                loose.append(f"data/{name}.csv line {line}: {words[:80]}")
    assert not loose, "grain figures of no kind in nepcourse.data.YEAR_KINDS:\n" + "\n".join(loose)


@pytest.mark.parametrize("kind", data.YEAR_KINDS)
def test_every_registry_entry_names_rows_that_exist(kind):
    spec = data.YEAR_KINDS[kind]
    assert spec.period_type in {"agricultural", "economic", "school", "calendar"} and spec.what and spec.why
    for name, selector in spec.rows.items():
        frame = data.load(name)
        assert set(selector) <= set(frame.columns), (kind, name, selector)
        matched = [row for row in frame.to_dict("records") if kind in data.year_kinds(name, row)]
        assert matched, f"{kind}: no row of {name} matches {selector}"


def test_two_year_periods_are_told_from_spans_and_months():
    assert data.two_year_period("1926–1927") and data.two_year_period("1926/27")
    assert not any(data.two_year_period(p) for p in ["1909–1913", "1927-07", "1927", "summer 1928", None])
