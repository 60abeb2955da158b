"""Lesson 12 (Part 3, ch. 6): charts and widget checked by what they draw, against values recomputed here from
the CSV files with the csv module; the two definitions of a Party "worker", and the drawing exercise."""

import pytest
from csvdata import approx, heights, rows, value, widths

from nepcourse import add_source, check, new_figure
from nepcourse.lessons import party_and_unions
from nepcourse.plotting import alt_text, source_of

MEMBERS = {(int(r["year"]), r["measure"]): float(r["value"]) for r in rows("p3c6_party_membership")}
CENSUS = {r["group"]: float(r["value"]) for r in rows("p3c6_party_composition")}
TARGET = value("p3c6_figures", indicator="recruitment_target_actual_workers")
STRIKES = {
    r["period"]: float(r["value"])
    for r in rows("p3c6_labour_disputes")
    if r["measure"] == "strikes" and r["sector"] == "all"
}


def shares():
    return [
        MEMBERS[(1923, "workers")] / MEMBERS[(1923, "total")] * 100,
        MEMBERS[(1930, "workers")] / MEMBERS[(1930, "total")] * 100,
        CENSUS["workers in industry and transport"],
        CENSUS["workers in industry and transport"] + CENSUS["agricultural workers"],
    ]


@pytest.mark.covers("party_and_unions.membership_chart")
def test_membership_chart_draws_all_members_and_worker_members():
    fig = party_and_unions.membership_chart()
    ax = fig.axes[0]
    total, workers = ax.lines[:2]
    assert list(total.get_ydata()) == approx([MEMBERS[(y, "total")] for y in (1923, 1926, 1930)])
    assert list(workers.get_ydata()) == approx([MEMBERS[(y, "workers")] for y in (1923, 1930)])
    assert "(members)" in ax.get_ylabel() and "1.68 million in 1930" in alt_text(fig)


@pytest.mark.covers("party_and_unions.worker_share_chart")
def test_worker_share_chart_draws_each_definition_against_the_target():
    fig = party_and_unions.worker_share_chart()
    ax = fig.axes[0]
    assert widths(ax) == approx(shares())
    assert [line.get_xdata()[0] for line in ax.lines] == approx([TARGET])
    assert "social position" in source_of(fig)


@pytest.mark.covers("party_and_unions.worker_share_widget")
def test_worker_share_widget_marks_the_chosen_definition_and_its_verdict():
    widget = party_and_unions.worker_share_widget()
    choice = widget.children[0]
    assert choice.value == "occupation_1927"
    title = widget.result.axes[0].get_title(loc="left")
    assert f"{TARGET - CENSUS['workers in industry and transport']:.1f} points short" in title
    choice.value = "position_1930"
    ax = widget.result.axes[0]
    assert "meets the 50% target" in ax.get_title(loc="left")
    assert [p.get_linewidth() for p in ax.patches].count(2.5) == 1
    assert ax.patches[[p.get_linewidth() for p in ax.patches].index(2.5)].get_width() == approx(shares()[1])


@pytest.mark.covers("party_and_unions.presence_chart")
def test_presence_chart_draws_every_printed_share_and_marks_the_bound():
    fig = party_and_unions.presence_chart()
    ax = fig.axes[0]
    assert widths(ax) == approx([float(r["value"]) for r in rows("p3c6_party_presence")])
    assert "< 8%" in [t.get_text() for t in ax.texts]
    assert "a little under 8%" in alt_text(fig)


@pytest.mark.covers("party_and_unions.disputes_chart")
def test_disputes_chart_draws_workers_in_disputes_and_strikers_per_month():
    fig = party_and_unions.disputes_chart()
    left, right = fig.axes[:2]
    disputes = [float(r["value"]) for r in rows("p3c6_labour_disputes") if r["measure"] == "disputes"]
    assert heights(left) == approx(disputes)
    state = {r["period"]: float(r["value"]) for r in rows("p3c6_labour_disputes") if r["sector"] == "state"}
    months = {"1926": 12, "1927": 12, "first half of 1928": 6}
    expected = [STRIKES[p] / m for p, m in months.items()] + [state[p] / m for p, m in months.items()]
    assert heights(right) == approx(expected)


def test_one_claim_of_the_chapter_does_not_hold_and_says_why():
    claim = next(r for r in rows("claims") if r["claim_id"] == "p3c6-worker-members-five-times-faster")
    workers = MEMBERS[(1930, "workers")] / MEMBERS[(1923, "workers")] - 1
    total = MEMBERS[(1930, "total")] / MEMBERS[(1923, "total")] - 1
    assert abs(workers / total - float(claim["stated"])) > float(claim["tolerance"])
    assert claim["verdict"] == "does not hold"


def test_the_drawing_exercise_accepts_strikers_per_month_and_names_the_six_month_mistake():
    periods = ["1926", "1927", "first half of 1928"]
    right = [STRIKES["1926"] / 12, STRIKES["1927"] / 12, STRIKES["first half of 1928"] / 6]
    wrong = [*right[:2], STRIKES["first half of 1928"] / 12]
    for drawn, verdict in ((right, True), (wrong, False)):
        fig, ax = new_figure()
        ax.bar(periods, drawn)
        ax.set(title="Strikes", xlabel="Period", ylabel="Strikers a month")
        add_source(fig, "p3c6_labour_disputes")
        feedback = check("12.7", fig)
        assert feedback.correct is verdict, feedback
        if not verdict:
            assert "divide by 6" in feedback.message
