"""Lesson 00 (the course guide): the glossary search and the timeline widget, checked against the CSV files."""

import pytest
from csvdata import rows, student_bars

from nepcourse import timeline
from nepcourse.lessons import course_guide
from nepcourse.plotting import stored_picture


def events_between(first, last, categories=None):
    return [
        r
        for r in rows("events")
        if int(r["date_end"][:4]) >= first
        and int(r["date_start"][:4]) <= last
        and (categories is None or r["category"] in categories)
    ]


@pytest.mark.covers("timeline.timeline_chart")
def test_timeline_draws_one_bar_per_event_in_range():
    fig = timeline.timeline_chart()
    assert len(fig.axes[0].patches) == len(events_between(1917, 1930))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("February 13, 1928" in t for t in texts)
    assert any(t.startswith("February [1928]: ") for t in texts)


@pytest.mark.covers("course_guide.timeline_widget")
def test_timeline_widget_filters_categories_periods_years_and_lessons():
    widget = course_guide.timeline_widget()
    picker, period, years, lesson = widget.children[:4]
    picker.value = ("procurement",)
    years.value = (1927, 1929)
    expected = events_between(1927, 1929, {"procurement"})
    assert len(widget.result.axes[0].patches) == len(expected) > 0
    lesson.value = "04"  # Part 2 (opening) and chapter 1
    in_lesson = [r for r in expected if r["chapter"] in {"2.0", "2.1"}]
    assert len(widget.result.axes[0].patches) == len(in_lesson) < len(expected)
    label, window = course_guide.book_periods()[2]  # the crisis of 1928
    assert label.startswith("1928: ") and window == (1928, 1928)
    period.value = window
    assert years.value == (1928, 1928)
    assert len(widget.result.axes[0].patches) == len(
        [r for r in events_between(1928, 1928, {"procurement"}) if r["chapter"] in {"2.0", "2.1"}]
    )
    years.value = (1920, 1930)  # moving the years leaves the period
    assert period.value is None


def test_the_books_periods_follow_each_other_from_the_events_table():
    periods = course_guide.book_periods()
    windows = [w for _, w in periods]
    assert windows[0][0] == 1921 and all(a[1] + 1 == b[0] for a, b in zip(windows, windows[1:]))
    titles = {r["title"] for r in rows("events") if r["category"] == "period"}
    assert all(label.split(": ", 1)[1] in titles for label, _ in periods)


@pytest.mark.covers("course_guide.glossary_widget")
def test_glossary_search_ignores_case_accents_and_hyphens():
    assert {"Gosbank", "Prombank"} <= set(course_guide.search_glossary("BANK")["term"])
    assert "Kontraktatsiya" in set(course_guide.search_glossary("purchasing agen-cies")["term"])
    assert len(course_guide.search_glossary("")) == len(rows("glossary"))
    assert course_guide.search_glossary("zzzz").empty
    widget = course_guide.glossary_widget()
    widget.children[0].value = "bank"
    assert set(widget.result["term"]) == set(course_guide.search_glossary("bank")["term"]) >= {"Gosbank", "Prombank"}
    widget.children[0].value = "zzzz"
    assert widget.result.empty


@pytest.mark.covers("course_guide.words_and_people_widget")
def test_words_and_people_widget_finds_terms_and_people():
    widget = course_guide.words_and_people_widget()
    assert set(widget.result["kind"]) == {"term", "person"}
    widget.children[0].value = "commissar of finance"
    assert list(widget.result["name"]) == list(course_guide.search_words_and_people("commissar of finance")["name"])
    assert "person" in set(widget.result["kind"])


def test_exercise_0_5_compares_the_nep_average_with_the_prewar_average():
    from nepcourse.checks import _registry

    harvest = {r["period"]: float(r["value"]) for r in rows("intro_grain") if r["series"] == "harvest"}
    prewar = harvest.pop("1909–1913")
    nep_average = sum(harvest.values()) / len(harvest)
    assert _registry()["0.5"].compute() == pytest.approx(nep_average / prewar * 100)


def test_lesson_00_searches_words_and_people_and_draws_a_chart_by_hand():
    """The guide shows the combined search (not the glossary alone) and a chart a student draws with decorate."""
    import nbformat

    from nepcourse import registry

    cells = nbformat.read(registry.lesson("00").notebook(), as_version=4).cells
    code = [c.source for c in cells if c.cell_type == "code"]
    assert "course_guide.words_and_people_widget()" in code
    drawn = [c for c in cells if "student-drawing" in c.metadata.get("tags", [])]
    assert drawn and "new_figure()" in drawn[0].source and "decorate(ax" in drawn[0].source
    assert any(stored_picture(o) for o in drawn[0].outputs), "the chart was not drawn"


def draw_bars(labels, values):
    """The exercise's chart, drawn as a student draws it."""
    return student_bars(
        labels, values, title="Harvests against prewar", xlabel="period", ylabel="percent of 1909–1913 (= 100)"
    )


def test_exercise_0_6_checks_the_harvests_drawn_against_prewar():
    from nepcourse import check

    harvest = {r["period"]: float(r["value"]) for r in rows("intro_grain") if r["series"] == "harvest"}
    prewar = harvest["1909–1913"]
    right = check("0.6", draw_bars(harvest, [v / prewar * 100 for v in harvest.values()]))
    assert right.correct, right
    as_printed = check("0.6", draw_bars(harvest, harvest.values()))
    assert not as_printed.correct and "million metric tons, as printed" in as_printed.message
