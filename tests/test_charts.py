"""Every chart of every lesson, found through the registry (never listed), held to the same promises:
a title on every axes; each axis labelled with the unit its ``@chart`` mark declares, a unit the metadata
of its tables records (or one that computing introduces); a source line naming the book, its chapters
and its tables (and, for a table that is not the book's, its own sources); and drawing the ``data`` it is
given. And every lesson's timeline shows its own chapters' key events."""

import pandas as pd
import pytest
from csvdata import rows

from nepcourse import data, registry
from nepcourse.plotting import DERIVED_UNITS, charts, source_of
from nepcourse.timeline import lesson_timeline

CHARTS = charts()
SOURCE = "Source: Bettelheim, Class Struggles in the USSR 1923–1930 (1978), "


def recorded_units(tables) -> set[str]:
    """The units the metadata of these tables records: a column's unit, or the values of a unit column."""
    found = set()
    for name in tables:
        for field in data.metadata(name)["schema"]["fields"]:
            if field.get("unit") and field["unit"] != "see the unit column":
                found.add(field["unit"].lower())
        found |= {r["unit"].lower() for r in rows(name) if r.get("unit")}
    return found


def test_charts_are_discovered_from_the_registry():
    modules = {name.split(".")[0] for name in CHARTS}
    assert {x.slug for x in registry.lessons()} - {"course_guide"} <= modules
    assert "timeline.timeline_chart" in CHARTS


@pytest.fixture(scope="module")
def drawn():
    """Each chart drawn once with its own data, shared by the tests below."""
    return {name: chart() for name, chart in CHARTS.items()}


@pytest.mark.parametrize("name", CHARTS)
def test_every_axes_is_titled_and_labelled_with_its_unit(name, drawn):
    fig, spec = drawn[name], CHARTS[name].chart
    assert len(spec.units) == len(fig.axes), (
        f"{name}: @chart(units=...) names {len(spec.units)} axes, it draws {len(fig.axes)}"
    )
    allowed = recorded_units(spec.tables) | DERIVED_UNITS
    for ax, unit in zip(fig.axes, spec.units):
        assert ax.get_title(loc="left") or ax.get_title(), f"{name}: an axes without a title"
        assert unit.lower() in allowed, f"{name}: {unit!r} is neither a unit of {spec.tables} nor a derived unit"
        labels = f"{ax.get_xlabel()} {ax.get_ylabel()}".lower()
        assert unit.lower() in labels, f"{name}: no axis label of {ax.get_title(loc='left')!r} says {unit!r}"


@pytest.mark.parametrize("name", CHARTS)
def test_every_source_line_names_the_book_its_chapters_and_tables(name, drawn):
    source, spec = source_of(drawn[name]), CHARTS[name].chart
    only_external = all(data.external(t) for t in spec.tables)
    assert source and source.startswith("Source: " if only_external else SOURCE), f"{name}: no source line"
    listed = source.split("Table: ", 1)[1]
    for table in spec.tables:
        assert table in listed, f"{name}: the source line does not name {table}"
        if data.external(table):
            assert data.external_credit(table) in source, f"{name}: the source line does not credit {table}'s sources"
            continue
        names = [data.CHAPTER_NAMES[c] for c in data.chapters_of(table)]
        assert any(n in source for n in names), f"{name}: the source line names none of {table}'s chapters"


def numbers(fig) -> list:
    """What a figure draws, as numbers: bars, lines, points and the text of its labels."""
    found = []
    for ax in fig.axes:
        found += [round(v, 6) for p in ax.patches for v in (p.get_x(), p.get_y(), p.get_width(), p.get_height())]
        found += [str(list(line.get_xydata().round(6).ravel())) for line in ax.lines]
        found += [str(c.get_offsets().round(6).tolist()) for c in ax.collections]
        found += [t.get_text() for t in ax.texts]
    return found


def changed(frame):
    """The chart's data, changed: its decimal numbers multiplied by 1.25, or (if it has none) its last row gone."""
    if isinstance(frame, pd.Series):
        return frame * 1.25
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    if not floats:
        return frame.iloc[:-1]
    out = frame.copy()
    out[floats] = out[floats] * 1.25
    return out


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_draws_the_data_it_is_given(name, drawn):
    chart = CHARTS[name]
    default = chart.chart.default()
    assert numbers(chart(default)) == numbers(drawn[name]), f"{name}: called without data, it draws something else"
    assert numbers(chart(changed(default))) != numbers(drawn[name]), f"{name}: it ignores the data it is given"


def events_of(lesson):
    """The events a lesson's timeline draws: its chapters' key events (tests/test_timeline.py tests the rest)."""
    return [r for r in rows("events") if r["chapter"] in lesson.chapters and r["key"] == "true"]


@pytest.mark.parametrize("lesson", [x for x in registry.lessons() if events_of(x)], ids=lambda x: x.number)
def test_every_lessons_timeline_shows_its_own_chapters_key_events(lesson):
    fig = lesson_timeline(lesson.number)
    ax = fig.axes[0]
    assert len(ax.patches) == len(events_of(lesson))
    assert lesson.book() in ax.get_title(loc="left")
    where = source_of(fig).split("(1978), ", 1)[1].split(". Table:")[0]
    assert set(where.split("; ")) == {data.CHAPTER_NAMES[r["chapter"]] for r in events_of(lesson)}, (
        "the source line names other chapters than those drawn"
    )
