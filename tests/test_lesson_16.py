"""Lesson 16 (Part 5, the great change, and the course's close): its chart and widget checked by what they
draw, against values read from the CSV files of the four lessons it brings together."""

import pytest
from csvdata import rows, student_bars, value

from nepcourse.lessons import great_change as close
from nepcourse.plotting import source_of

EXPLANATIONS = rows("p5_explanations")


def drawn_lines(ax):
    """label → the (x, y) points of each line the axes draws."""
    return {line.get_label(): [tuple(map(float, p)) for p in line.get_xydata()] for line in ax.lines}


def expected_series():
    """Each panel's series, read straight from the CSV files: (panel, label) → values in order."""
    grain = [r for r in rows("intro_grain") if r["period_type"] == "agricultural"]
    prices = [r for r in rows("p2c2_price_ratios") if r["period_type"] == "economic"]
    procured = [float(r["value"]) for r in prices if r["series"] == "grain_procured"]
    return {
        ("grain", "harvest"): [float(r["value"]) for r in grain if r["series"] == "harvest"],
        ("grain", "state procurement"): [float(r["value"]) for r in grain if r["series"] == "procurement"],
        ("scissors", "all farm produce"): [float(r["value"]) for r in prices if r["series"] == "agricultural"],
        ("scissors", "grain procured by the state"): procured,
        ("industry", "industrial production"): [float(r["value"]) for r in rows("p2c2_industrial_production")],
        ("collectivized", "households collectivized"): [
            float(r["percent_households"]) for r in sorted(rows("p4c2_collectivized"), key=lambda r: r["date"])
        ],
    }


@pytest.mark.covers("great_change.course_chart")
def test_course_chart_draws_the_four_lessons_series_one_panel_each():
    fig = close.course_chart()
    panels = dict(zip(close.PANELS, fig.axes))
    for (panel, label), values in expected_series().items():
        lines = drawn_lines(panels[panel])
        assert [y for _, y in lines[label]] == pytest.approx(values), (panel, label)
    # every series of a panel is told apart by marker and line style, not colour alone
    for ax in fig.axes:
        looks = {(line.get_marker(), line.get_linestyle()) for line in ax.lines}
        assert len(looks) == len(ax.lines)
    source = source_of(fig)
    for table in ("intro_grain", "p2c2_price_ratios", "p2c2_industrial_production", "p4c2_collectivized"):
        assert table in source
    assert "59" in fig.nepcourse_alt and "73.6" in fig.nepcourse_alt


def test_the_lesson_passes_the_crisis_years_to_the_chart():
    """Computation in the open: the lesson keeps the points from 1925 on, and the chart draws only those."""
    import nbformat

    from nepcourse import registry

    code = [
        c.source for c in nbformat.read(registry.lesson("16").notebook(), as_version=4).cells if c.cell_type == "code"
    ]
    derive = next(i for i, s in enumerate(code) if 'crisis_years = series[series["x"] >= 1925]' in s)
    assert "close.course_chart(data=crisis_years)" in code[derive + 1]
    series = close.course_series()
    fig = close.course_chart(data=series[series["x"] >= 1925])
    scissors = drawn_lines(fig.axes[1])
    assert min(x for x, _ in scissors["all farm produce"]) == 1925
    printed = [r for r in rows("p2c2_price_ratios") if r["series"] == "agricultural"]
    assert len(scissors["all farm produce"]) == len(printed) - 2  # 1913 and 1923–1924 left out


@pytest.mark.parametrize("explanation", sorted({r["explanation"] for r in EXPLANATIONS}))
def test_choosing_an_explanation_marks_its_panels_and_gives_the_books_verdict(explanation):
    fig = close.course_chart(explanation=explanation)
    used = close.EVIDENCE[explanation]
    for panel, ax in zip(close.PANELS, fig.axes):
        title = ax.get_title(loc="left")
        assert ("▶ the book's evidence" in title) == (panel in used), (explanation, panel, title)
        assert ("(not used)" in title) == (panel not in used)
    own = [r for r in EXPLANATIONS if r["explanation"] == explanation]
    text = "\n".join(t.get_text() for t in fig.texts)
    assert own[0]["verdict_words"] in text
    assert all(r["holder"] in text for r in own)
    assert fig._suptitle.get_text() == f"Explanation: {own[0]['name']}"


@pytest.mark.covers("great_change.explanations_widget")
def test_explanations_widget_follows_the_choice():
    widget = close.explanations_widget()
    dropdown = widget.children[0]
    assert len(dropdown.options) == len({r["explanation"] for r in EXPLANATIONS})
    assert widget.result._suptitle.get_text().startswith("Explanation: NEP farming exhausted")
    dropdown.value = "middle_peasant_rally"
    titles = [ax.get_title(loc="left") for ax in widget.result.axes]
    assert ["▶" in t for t in titles] == [False, False, False, True]


def drawn_bars(labels, values):
    """The exercise's chart, drawn as a student draws it."""
    return student_bars(labels, values, title="Collectivized", xlabel="date", ylabel="percent of peasant households")


def test_exercise_16_6_checks_the_shares_drawn():
    from nepcourse import check

    table = close.collectivized_table()
    shares = [float(r["percent_households"]) for r in rows("p4c2_collectivized")]
    assert list(table["percent_households"]) == pytest.approx(shares)
    right = check("16.6", drawn_bars(table["date_printed"], table["percent_households"]))
    assert right.correct, right
    relative = [v / shares[0] * 100 for v in shares]
    wrong = check("16.6", drawn_bars(table["date_printed"], relative))
    assert not wrong.correct and "percent of the first" in wrong.message


def test_the_exercises_follow_the_tables():
    from nepcourse import check

    assert check("16.1", sum(r["verdict"] == "rejected" for r in EXPLANATIONS)).correct
    assert "counted the explanations" in check("16.1", 3).message
    march = value("p4c2_collectivized", "percent_households", date_printed="March 1, 1930")
    october = value("p4c2_collectivized", "percent_households", date_printed="October 1930")
    assert check("16.3", march - october).correct
    rich = [r for r in rows("p2c1_kulak_estimates") if r["group"] == "rich"]
    assert check("16.8", max(rich, key=lambda r: float(r["share"]))["estimate"]).correct
