"""Lesson 13 (Part 4, opening and ch. 1, the worker-peasant alliance): its charts and widget checked by what
they draw, against values read from the CSV files."""

import pytest
from csvdata import heights, marks, rows, student_bars, value

from nepcourse.lessons import worker_peasant_alliance as alliance
from nepcourse.plotting import source_of

MEETINGS = rows("p4c1_meetings")
POSITIONS = rows("p4c1_positions")


def texts(ax):
    return [t.get_text() for t in ax.texts]


@pytest.mark.covers("worker_peasant_alliance.meetings_chart")
def test_meetings_chart_draws_each_meeting_with_its_outcome_and_the_printed_vote():
    ax = alliance.meetings_chart().axes[0]
    drawn = marks(ax)
    for outcome, (_, _, words) in alliance.OUTCOME_STYLE.items():
        assert drawn.get(words, 0) == sum(r["outcome"] == outcome for r in MEETINGS), outcome
    counted = [r for r in MEETINGS if r["votes_for"]]
    assert len(counted) == 1
    row = counted[0]
    assert any(f"{float(row['votes_for']):g} to {float(row['votes_against']):g}" in t for t in texts(ax))
    assert sum("unanimous" in t for t in texts(ax)) == sum(r["vote"] == "unanimous" for r in MEETINGS)
    assert "p4c1_meetings" in source_of(ax.figure)


def test_the_lesson_passes_the_meetings_at_issue_to_the_chart():
    """Computation in the open: the lesson drops the meetings where no opposition was at issue, and the chart
    draws the rows it is given."""
    import nbformat

    from nepcourse import registry

    code = [
        c.source for c in nbformat.read(registry.lesson("13").notebook(), as_version=4).cells if c.cell_type == "code"
    ]
    derive = next(i for i, s in enumerate(code) if 'at_issue = meetings[meetings["outcome"] != "none"]' in s)
    assert "alliance.meetings_chart(data=at_issue)" in code[derive + 1]
    at_issue = alliance.meetings()
    at_issue = at_issue[at_issue["outcome"] != "none"]
    drawn = marks(alliance.meetings_chart(data=at_issue).axes[0])
    assert sum(drawn.values()) == sum(r["outcome"] != "none" for r in MEETINGS)
    assert "no opposition at issue" not in drawn


@pytest.mark.parametrize("person", [None, "zinoviev", "krupskaya"])
@pytest.mark.covers("worker_peasant_alliance.positions_chart")
def test_positions_chart_draws_every_position_and_lists_the_chosen_leaders(person):
    fig = alliance.positions_chart(person=person)
    ax = fig.axes[0]
    own = [r for r in POSITIONS if r["person"] == person]
    # every row once in the background, and the chosen person's rows again, highlighted
    assert sum(marks(ax).values()) == len(POSITIONS) + len(own)
    assert len(ax.get_yticklabels()) == len({r["person"] for r in POSITIONS})
    if person is None:
        assert ax.get_title(loc="left").startswith("Who stood where")
        return
    name = next(r["name"] for r in rows("people") if r["person"] == person)
    assert ax.get_title(loc="left") == f"{name}: {len(own)} positions, meeting by meeting"
    assert texts(ax) == [str(n) for n in range(1, len(own) + 1)]
    listed = [t.get_text() for t in fig.texts if t.get_text().startswith("1. ")][0].split("\n")
    assert len(listed) == len(own) and own[0]["action"] in listed[0]
    sides = [r["side"] for r in sorted(own, key=lambda r: r["date"])]
    assert [line.rsplit("[", 1)[1].rstrip("]") for line in listed] == sides


@pytest.mark.covers("worker_peasant_alliance.positions_widget")
def test_positions_widget_follows_the_chosen_leader():
    widget = alliance.positions_widget()
    dropdown = widget.children[0]
    zinoviev = sum(r["person"] == "zinoviev" for r in POSITIONS)
    assert widget.result.axes[0].get_title(loc="left") == f"Zinoviev: {zinoviev} positions, meeting by meeting"
    dropdown.value = "stalin"
    stalin = [r for r in POSITIONS if r["person"] == "stalin"]
    assert widget.result.axes[0].get_title(loc="left") == f"Stalin: {len(stalin)} positions, meeting by meeting"
    assert {r["side"] for r in stalin} == {"leadership"}


def figure(indicator, **where):
    return value("p4c1_figures", indicator=indicator, **where)


@pytest.mark.covers("worker_peasant_alliance.economy_chart")
def test_economy_chart_draws_the_investment_stages_and_the_growth_rates():
    left, right = alliance.economy_chart().axes
    stages = [figure(k) for k in alliance.INVESTMENT_STAGES]
    assert heights(left) == pytest.approx(stages)
    assert stages == sorted(stages), "the chapter's point: each stage higher than the last"
    assert f"(+{(stages[-1] / stages[0] - 1) * 100:.1f}%)" in " ".join(texts(left))
    assert heights(right) == pytest.approx([figure(k) for k in alliance.GROWTH])
    assert left.get_ylabel() == "Million roubles" and right.get_ylabel() == "Percent over the previous year"


@pytest.mark.covers("worker_peasant_alliance.tax_chart")
def test_tax_chart_draws_the_exemptions_and_writes_the_arrears():
    ax = alliance.tax_chart().axes[0]
    exempt = "households_exempt_from_agricultural_tax"
    assert heights(ax) == pytest.approx(
        [figure(exempt, period="the previous year"), figure(exempt, period="October 1927")]
    )
    arrears = figure("agricultural_tax_arrears")
    assert any(f"{arrears:g}% of the tax payable" in t for t in texts(ax))


def drawn_bars(labels, values):
    """The exercise's chart, drawn as a student draws it."""
    return student_bars(labels, values, title="Industrial investment", xlabel="stage", ylabel="million roubles")


def test_exercise_13_7_checks_the_investment_stages_drawn():
    from nepcourse import check

    stages = alliance.investment_table()
    assert list(stages["million_roubles"]) == [figure(k) for k in alliance.INVESTMENT_STAGES]
    right = check("13.7", drawn_bars(stages["stage"], stages["million_roubles"]))
    assert right.correct, right
    above = [(v / stages["million_roubles"][0] - 1) * 100 for v in stages["million_roubles"]]
    wrong = check("13.7", drawn_bars(stages["stage"], above))
    assert not wrong.correct and "percent above the minimum" in wrong.message


def test_the_exercises_follow_the_tables():
    from nepcourse import check

    punished = sum(r["outcome"] in ("sanctioned", "expelled") for r in MEETINGS)
    assert check("13.1", punished).correct
    first = min(r["date"] for r in POSITIONS if r["person"] == "zinoviev" and r["side"] == "opposition")
    assert check("13.3", first[:4]).correct
    assert "lost his seat" in check("13.3", "1926").message
