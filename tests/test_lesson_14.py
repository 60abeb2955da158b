"""Lesson 14 (Part 4, ch. 2, rapid industrialization): its charts and widget checked by what they draw,
against values read from the CSV files."""

import pytest
from csvdata import heights, rows, student_bars, value

from nepcourse.lessons import rapid_industrialization as rapid
from nepcourse.plotting import source_of

PLAN = rows("p4c2_plan_variants")
SHARES = rows("p4c2_collectivized")
COEFS = [r for r in PLAN if r["quantity"] == "growth_coefficient"]


def offsets(ax):
    """The y values of every scatter of the axes, by legend label."""
    return {c.get_label(): [float(y) for _, y in c.get_offsets()] for c in ax.collections if len(c.get_offsets())}


def texts(ax):
    return [t.get_text() for t in ax.texts]


def rate(coefficient):
    return (float(coefficient) ** (1 / 5) - 1) * 100


@pytest.mark.covers("rapid_industrialization.plan_chart")
def test_plan_chart_draws_each_variant_and_its_yearly_rate():
    ax = rapid.plan_chart().axes[0]
    drawn = sorted(y for ys in offsets(ax).values() for y in ys)
    assert drawn == pytest.approx(sorted(float(r["value"]) for r in COEFS))
    for r in COEFS:
        assert f"{float(r['value']):g}\n({rate(r['value']):.1f}% a year)" in texts(ax)
    assert set(offsets(ax)) == {r["version"] for r in COEFS}
    assert "p4c2_plan_variants" in source_of(ax.figure)


@pytest.mark.covers("rapid_industrialization.path_chart")
def test_path_chart_draws_the_compounded_index_of_the_chosen_variant():
    chosen = next(r for r in COEFS if r["variant"] == "vsnkh_1928")
    ax = rapid.path_chart(variant="vsnkh_1928").axes[0]
    bars = heights(ax)
    assert len(bars) == 6 and bars[0] == pytest.approx(1)
    assert bars[-1] == pytest.approx(float(chosen["value"]))
    lowest = min(float(r["value"]) for r in COEFS)
    assert ax.lines[0].get_ydata()[-1] == pytest.approx(lowest)
    assert f"{rate(chosen['value']):.1f}% growth every year" in ax.get_title(loc="left")


@pytest.mark.covers("rapid_industrialization.path_widget")
def test_path_widget_follows_the_chosen_variant():
    widget = rapid.path_widget()
    assert heights(widget.result.axes[0])[-1] == pytest.approx(
        value("p4c2_plan_variants", variant="sixteenth_conference_optimum")
    )
    widget.children[0].value = "gosplan_1927_minimum"
    assert heights(widget.result.axes[0])[-1] == pytest.approx(
        value("p4c2_plan_variants", variant="gosplan_1927_minimum")
    )


@pytest.mark.covers("rapid_industrialization.collectivized_chart")
def test_collectivized_chart_draws_every_date_by_phase_and_marks_the_halt():
    ax = rapid.collectivized_chart().axes[0]
    drawn = offsets(ax)
    for phase in rapid.PHASE_STYLE:
        assert drawn[phase] == pytest.approx([float(r["percent_households"]) for r in SHARES if r["phase"] == phase])
    assert any("Dizzy with Success" in t for t in texts(ax))
    peak = max(float(r["percent_households"]) for r in SHARES)
    assert f"{peak:g}%" in texts(ax)


@pytest.mark.covers("rapid_industrialization.members_chart")
def test_members_chart_draws_the_shares_and_the_population_line():
    ax = rapid.members_chart().axes[0]
    expected = [value("p4c2_figures", indicator=k) for k in rapid.FARM_KINDS.values()]
    assert heights(ax) == pytest.approx(expected)
    population = value("p4c2_figures", indicator=rapid.POPULATION)
    assert ax.lines[0].get_ydata()[0] == pytest.approx(population)


def drawn_bars(labels, values):
    """The exercise's chart, drawn as a student draws it."""
    return student_bars(labels, values, title="Collectivized", xlabel="date", ylabel="percent")


def test_exercise_14_5_checks_the_shares_drawn():
    from nepcourse import check

    ordered = sorted(SHARES, key=lambda r: r["date"])
    labels = [r["date_printed"] for r in ordered]
    shares = [float(r["percent_households"]) for r in ordered]
    right = check("14.5", drawn_bars(labels, shares))
    assert right.correct, right
    changes = [0] + [b - a for a, b in zip(shares, shares[1:])]
    wrong = check("14.5", drawn_bars(labels, changes))
    assert not wrong.correct and "change since the previous date" in wrong.message


def test_the_exercises_follow_the_tables():
    from nepcourse import check

    conference = value("p4c2_plan_variants", variant="sixteenth_conference_optimum")
    assert check("14.2", rate(conference)).correct
    assert "compounds" in check("14.2", (conference - 1) / 5 * 100).message
    minimum = value("p4c2_plan_variants", variant="gosplan_1927_minimum")
    assert check("14.3", (conference / minimum - 1) * 100).correct
    assert not check("14.3", 60).correct, "the book's 60 percent is not what its figures give"


def test_positions_filter_by_leader_and_issue_in_order_of_date():
    table = rows("p4c2_positions")
    bukharin = rapid.positions(leader="Bukharin")
    assert len(bukharin) == sum(r["leader"] == "Bukharin" for r in table)
    assert list(bukharin["date"]) == sorted(bukharin["date"])
    tribute = rapid.positions(issue="tribute")
    assert set(tribute["leader"]) == {r["leader"] for r in table if r["issue"] == "tribute"}
    assert len(rapid.positions(leader="Bukharin", issue="tribute")) == sum(
        r["leader"] == "Bukharin" and r["issue"] == "tribute" for r in table
    )


def test_exercise_14_9_counts_leaders_not_rows():
    from nepcourse import check

    measures = [r for r in rows("p4c2_positions") if r["issue"] == "extraordinary measures"]
    leaders = {r["leader"] for r in measures}
    assert len(leaders) < len(measures), "the exercise's mistake needs a leader with two rows"
    assert check("14.9", len(leaders)).correct
    wrong = check("14.9", len(measures))
    assert not wrong.correct and "counted rows" in wrong.message


def test_the_investment_adopted_against_the_variant_forecast_note_142():
    adopted = value("p4c2_plan_variants", variant="investment_1929")
    drafted = value("p4c2_plan_variants", variant="optimum_variant_forecast_1929")
    assert rapid.plan_value("optimum_variant_forecast_1929") == pytest.approx(drafted)
    # the lesson's words: "9.6 milliard roubles, or about 13 percent, below"
    assert round(drafted - adopted, 1) == 9.6
    assert round((1 - adopted / drafted) * 100) == 13
