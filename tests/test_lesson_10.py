"""Lesson 10 (Part 3, ch. 4): the phases chart, its widget and the coverage chart checked by what they draw,
against values recomputed here from the CSV files; the drawing exercise and its mistake."""

from datetime import date

import pytest
from csvdata import approx, heights, rows, value, widths

from nepcourse import add_source, check, new_figure
from nepcourse.lessons import khozraschet_and_the_plan
from nepcourse.plotting import alt_text

FIGURES = "p3c4_figures"


def total_workers():
    return value(FIGURES, indicator="trust_workers") / (value(FIGURES, indicator="trust_workers_share") / 100)


def expected_coverage():
    textile = value(FIGURES, indicator="textile_syndicate_workers") / total_workers() * 100
    return [
        value(FIGURES, indicator="trust_workers_share"),
        value(FIGURES, indicator="syndicates_workers_share"),
        textile,
    ]


def lane_lengths(lane):
    starts = sorted(date.fromisoformat(r["begins"]) for r in rows("p3c4_management_phases") if r["lane"] == lane)
    ends = [*starts[1:], date(1930, 1, 1)]
    return [(e - s).days / 365.25 for s, e in zip(starts, ends)]


@pytest.mark.covers("khozraschet_and_the_plan.phases_chart")
def test_phases_chart_draws_each_phase_up_to_the_next_of_its_lane():
    fig = khozraschet_and_the_plan.phases_chart()
    drawn = widths(fig.axes[0])
    expected = lane_lengths("management of enterprises") + lane_lengths("khozraschet and the plan")
    assert drawn == approx(expected)
    assert "recentralization (printed 'November 12, 1923', 2.8 years)" in alt_text(fig)


@pytest.mark.covers("khozraschet_and_the_plan.management_widget")
def test_management_widget_marks_the_date_and_names_the_form_in_force():
    widget = khozraschet_and_the_plan.management_widget()
    slider = widget.children[0]
    assert "Khozraschet (beginning of the NEP)" in widget.result.axes[0].get_title(loc="left")
    slider.value = "1921-01"
    assert "War communism" in widget.result.axes[0].get_title(loc="left")
    slider.value = "1927-07"
    ax = widget.result.axes[0]
    assert "under the plan" in ax.get_title(loc="left")
    assert ax.lines[0].get_xdata()[0] == approx(1927 + 181 / 365.25)
    assert "prices were 'planned'" in "".join(t.get_text() for t in ax.texts)


@pytest.mark.covers("khozraschet_and_the_plan.coverage_chart")
def test_coverage_chart_draws_the_trusts_the_syndicates_and_the_textile_estimate():
    fig = khozraschet_and_the_plan.coverage_chart()
    assert heights(fig.axes[0]) == approx(expected_coverage())
    assert "textile syndicate alone (course's estimate) 40.1%" in alt_text(fig)


def test_the_drawing_exercise_accepts_the_shares_and_names_the_wrong_denominator():
    right = expected_coverage()
    wrong = [*right[:2], value(FIGURES, indicator="textile_syndicate_workers") / 1e4]
    for drawn, verdict in ((right, True), (wrong, False)):
        fig, ax = new_figure()
        ax.bar(["Trusts, 1923", "All syndicates", "Textile syndicate"], drawn)
        ax.set(title="Trusts and syndicates", xlabel="Grouping", ylabel="Percent")
        add_source(fig, FIGURES)
        feedback = check("10.6", fig)
        assert feedback.correct is verdict, feedback
        if not verdict:
            assert "one million" in feedback.message
