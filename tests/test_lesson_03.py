"""Lesson 03 (Part 1, ch. 2, planning): its charts and widget checked by what they draw, from the CSV files."""

import pytest
from csvdata import heights, rows, student_bars, value

from nepcourse.lessons import planning
from nepcourse.plotting import source_of


def titles(fig):
    return [ax.get_title(loc="left") for ax in fig.axes]


MEMBERS = value("p1c2_planning_apparatus", indicator="gosplan_members")
STAFF = value("p1c2_planning_apparatus", indicator="gosplan_staff")
PARTY_HIGH = value("p1c2_planning_apparatus", indicator="gosplan_party_members", bound="high")
PAGES = {
    r["period"]: float(r["value"])
    for r in rows("p1c2_planning_apparatus")
    if r["indicator"] == "control_figures_length"
}
RANK = {"forecast": 1, "forecast_with_dispensation": 2, "directive": 3}
PLANNING = [r for r in rows("p1c2_planning_bodies") if r["kind"] == "planning"]


def working_in(year):
    """Planning bodies dated at work in ``year``, worked out here from the CSV."""
    return [
        r["body"]
        for r in PLANNING
        if (not r["first_year"] or int(r["first_year"]) <= year) and (not r["last_year"] or int(r["last_year"]) >= year)
    ]


@pytest.mark.covers("planning.apparatus_chart")
def test_apparatus_chart_draws_people_and_pages():
    fig = planning.apparatus_chart()
    left, right = fig.axes
    assert heights(left) == pytest.approx([MEMBERS, STAFF, PARTY_HIGH])
    assert heights(right) == pytest.approx([PAGES["1925–1926"], 0, PAGES["1927–1928"]])
    assert f"× {STAFF / MEMBERS:.1f}" in " ".join(t.get_text() for t in left.texts)
    assert "length not given" in [t.get_text() for t in right.texts]
    assert left.get_ylabel() == "People" and right.get_ylabel() == "Pages"
    assert "p1c2_planning_apparatus" in source_of(fig) and "may not count the same people" in source_of(fig)


@pytest.mark.parametrize("year", [None, 1920, 1925, 1926, 1928])
@pytest.mark.covers("planning.machinery_chart")
def test_machinery_chart_colours_the_bodies_at_work_and_ranks_the_control_figures(year):
    fig = planning.machinery_chart(year=year)
    left, right = fig.axes
    bars = [p for p in left.patches if p.get_height() == pytest.approx(0.6)]
    assert len(bars) == len(PLANNING)
    expected = {r["body"] for r in PLANNING} if year is None else set(working_in(year))
    coloured = {
        r["body"] for r, bar in zip(PLANNING, bars) if bar.get_facecolor()[:3] != pytest.approx((0.8, 0.8, 0.8))
    }
    assert coloured == expected
    goselro = next(bar for r, bar in zip(PLANNING, bars) if r["body"] == "Goselro")
    assert goselro.get_x() == planning.FIRST_YEAR and goselro.get_hatch() == "//"
    assert goselro.get_x() + goselro.get_width() == 1922
    cf = rows("p1c2_control_figures")
    # one dot per set of control figures, in the row of its status (rows: least binding first); no bars
    assert [line.get_ydata()[0] for line in right.lines] == [list(RANK).index(r["status"]) for r in cf]
    assert not right.patches
    if year is not None:
        assert titles(fig)[0] == f"Planning bodies at work in {year}: {len(expected)}"


@pytest.mark.covers("planning.machinery_widget")
def test_machinery_widget_steps_through_the_years():
    widget = planning.machinery_widget()
    slider = widget.children[0]
    slider.value = 1921
    assert titles(widget.result)[0] == f"Planning bodies at work in 1921: {len(working_in(1921))}"
    slider.value = 1926
    assert titles(widget.result)[0] == f"Planning bodies at work in 1926: {len(working_in(1926))}"
    assert working_in(1921) != working_in(1926)
    slider.value = 1928
    assert titles(widget.result)[1] == "None for 1928–1929 in the chapter"


def test_at_work_and_status_follow_the_csv():
    for year in range(1920, 1929):
        assert planning.at_work(year) == working_in(year)
    directive = [r["period"] for r in rows("p1c2_control_figures") if r["status"] == "directive"]
    assert planning.control_figures_for(1927)["period"] == directive[0]
    assert planning.control_figures_for(1924) is None


def test_the_lesson_passes_the_rows_it_derives_to_the_machinery_chart():
    """Computation in the open: the lesson keeps the planning bodies in visible pandas and the chart draws them."""
    import nbformat
    import pandas as pd

    from nepcourse import registry

    code = [
        c.source for c in nbformat.read(registry.lesson("03").notebook(), as_version=4).cells if c.cell_type == "code"
    ]
    derive = next(i for i, s in enumerate(code) if 'planners = bodies[bodies["kind"] == "planning"]' in s)
    assert any('bodies = load("p1c2_planning_bodies")' in s for s in code[:derive])
    assert "machinery_chart(data=planners)" in code[derive]
    table = pd.DataFrame(rows("p1c2_planning_bodies")).replace("", None)
    for column in ("first_year", "last_year"):
        table[column] = pd.to_numeric(table[column])
    planners = table[table["kind"] == "planning"]
    left = planning.machinery_chart(data=planners, year=1926).axes[0]
    bars = [p for p in left.patches if p.get_height() == pytest.approx(0.6)]
    assert len(bars) == len(PLANNING)
    assert left.get_title(loc="left") == f"Planning bodies at work in 1926: {len(working_in(1926))}"


def test_the_planners_quarrel_exercise_follows_the_statuses():
    from nepcourse import check

    status = {r["period"]: r["status"] for r in rows("p1c2_control_figures")}
    first = "teleological" if status["1925–1926"] == "directive" else "geneticist"
    assert first == "geneticist" and check("3.9", first).correct
    assert "1927–1928" in check("3.9", "teleological").message


def draw_bars(labels, values):
    """The exercise's chart, drawn as a student draws it."""
    return student_bars(
        labels, values, title="Planning bodies at work", xlabel="year", ylabel="planning bodies (number)"
    )


def test_exercise_3_10_checks_the_bodies_drawn_year_by_year():
    from nepcourse import check

    years = list(range(planning.FIRST_YEAR, planning.LAST_YEAR + 1))
    right = check("3.10", draw_bars(years, [len(working_in(y)) for y in years]))
    assert right.correct, right
    undated = [r for r in rows("p1c2_planning_bodies") if r["kind"] != "planning" and not r["first_year"]]
    every = check("3.10", draw_bars(years, [len(working_in(y)) + len(undated) for y in years]))
    assert not every.correct and "Sovnarkom and the CLD" in every.message
