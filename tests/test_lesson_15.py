"""Lesson 15 (Part 4, ch. 3, the Bolshevik ideological formation): its charts and widget checked by what they
draw, against values read from the CSV files."""

from collections import Counter

import pytest
from csvdata import heights, marks, rows, student_bars, value, widths

from nepcourse.lessons import ideological_formation as ideology
from nepcourse.plotting import source_of

NOTIONS = rows("p4c3_notions")
FORMULAS = rows("p4c3_formulas")
IN_PERIOD = [r for r in FORMULAS if r["date"][:4] <= "1938"]


@pytest.mark.covers("ideological_formation.notions_chart")
def test_notions_chart_draws_each_period_from_its_first_year_to_its_last():
    ax = ideology.notions_chart().axes[0]
    expected = sorted(int(r["to_year"]) + 1 - int(r["from_year"]) for r in NOTIONS)
    assert sorted(widths(ax)) == pytest.approx(expected)
    assert len(ax.get_yticklabels()) == len({r["name"] for r in NOTIONS})
    # the verdict is told by hatching as well as colour
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == sum(r["verdict"] == "alien to revolutionary Marxism" for r in NOTIONS)
    assert "p4c3_notions" in source_of(ax.figure)


@pytest.mark.parametrize("speaker", [None, "Stalin", "Zinoviev"])
@pytest.mark.covers("ideological_formation.formulas_chart")
def test_formulas_chart_draws_every_formula_and_lists_the_chosen_speakers(speaker):
    fig = ideology.formulas_chart(speaker=speaker)
    ax = fig.axes[0]
    assert sum(marks(ax).values()) == len(FORMULAS)
    assert len(ax.get_yticklabels()) == len({r["notion"] for r in FORMULAS})
    if speaker is None:
        assert marks(ax) == dict(Counter(r["speaker"] for r in FORMULAS))
        return
    own = sorted((r for r in FORMULAS if r["speaker"] == speaker), key=lambda r: r["date"])
    assert ax.get_title(loc="left") == f"{speaker}: {len(own)} formulas the chapter quotes"
    assert marks(ax)[speaker] == len(own)
    listed = [t.get_text() for t in fig.texts if t.get_text().startswith("1. ")][0].split("\n")
    assert [line.split(": ", 1)[1] for line in listed] == [r["formula"] for r in own]


@pytest.mark.covers("ideological_formation.formulas_widget")
def test_formulas_widget_follows_the_chosen_speaker_within_the_books_period():
    widget = ideology.formulas_widget()
    dropdown = widget.children[0]
    assert "Mao Tse-tung" not in dropdown.options, "the widget keeps the formulas up to 1938"
    stalin = [r for r in IN_PERIOD if r["speaker"] == "Stalin"]
    assert widget.result.axes[0].get_title(loc="left") == f"Stalin: {len(stalin)} formulas the chapter quotes"
    dropdown.value = "Bukharin"
    bukharin = [r for r in IN_PERIOD if r["speaker"] == "Bukharin"]
    assert widget.result.axes[0].get_title(loc="left") == f"Bukharin: {len(bukharin)} formulas the chapter quotes"
    assert sum(marks(widget.result.axes[0]).values()) == len(IN_PERIOD)


@pytest.mark.covers("ideological_formation.recruitment_chart")
def test_recruitment_chart_draws_the_two_figures_and_the_census():
    ax = ideology.recruitment_chart().axes[0]
    census = value("p3c6_party_composition", group="workers in industry and transport") + value(
        "p3c6_party_composition", group="agricultural workers"
    )
    assert heights(ax) == pytest.approx(
        [
            value("p4c3_figures", indicator="working_class_share_target"),
            value("p4c3_figures", indicator="working_class_share_molotov"),
            census,
        ]
    )
    source = source_of(ax.figure)
    assert "p4c3_figures" in source and "p3c6_party_composition" in source


def drawn_bars(labels, values):
    """The exercise's chart, drawn as a student draws it."""
    return student_bars(labels, values, title="Formulas by speaker", xlabel="speaker", ylabel="number of formulas")


def test_exercise_15_6_checks_the_formulas_drawn_per_speaker():
    from nepcourse import check

    counts = Counter(r["speaker"] for r in FORMULAS).most_common()
    right = check("15.6", drawn_bars([s for s, _ in counts], [n for _, n in counts]))
    assert right.correct, right
    shares = [n / len(FORMULAS) * 100 for _, n in counts]
    wrong = check("15.6", drawn_bars([s for s, _ in counts], shares))
    assert not wrong.correct and "shares in percent" in wrong.message


def test_the_exercises_follow_the_tables():
    from nepcourse import check

    assert check("15.1", sum(r["speaker"] == "Stalin" for r in FORMULAS)).correct
    party_state = sorted((r for r in FORMULAS if r["notion"] == "party_state"), key=lambda r: r["date"])
    assert check("15.3", party_state[0]["speaker"]).correct
    late = [r for r in NOTIONS if r["verdict"] == "alien to revolutionary Marxism" and int(r["from_year"]) >= 1928]
    assert check("15.4", len(late)).correct
    after = [r for r in late if int(r["from_year"]) > 1928]
    assert len(after) < len(late) and "(> instead of >=)" in check("15.4", len(after)).message
    earliest = min(r["date"] for r in FORMULAS if r["notion"] == "productive_forces")
    assert check("15.7", earliest[:4]).correct
    assert "not its first formula" in check("15.7", "1938").message
