"""Lesson 11 (Part 3, ch. 5): charts and widget checked by what they draw, against values recomputed here from
the CSV files with the csv module; the two counts of January 1927 and the drawing exercise."""

import pytest
from csvdata import approx, rows, value, widths

from nepcourse import add_source, check, new_figure
from nepcourse.lessons import price_wages_and_unemployment as lesson
from nepcourse.plotting import alt_text, source_of

UNEMPLOYMENT = "p3c5_unemployment"
FIGURES = "p3c5_figures"
EXCHANGES = [r for r in rows(UNEMPLOYMENT) if r["series"] == "labour_exchanges"]


@pytest.mark.covers("price_wages_and_unemployment.unemployment_chart")
def test_unemployment_chart_draws_the_register_the_purge_and_the_two_counts_of_january_1927():
    fig = lesson.unemployment_chart()
    ax = fig.axes[0]
    line = ax.lines[0]
    assert list(line.get_ydata()) == approx([float(r["value"]) / 1e6 for r in EXCHANGES])
    points = sorted(float(c.get_offsets()[0][1]) for c in ax.collections if len(c.get_offsets()) == 1)
    unions = sorted(float(r["value"]) / 1e6 for r in rows(UNEMPLOYMENT) if r["series"] == "trade_unionists")
    assert points == approx(unions)
    assert any("purge" in t.get_text() for t in ax.get_legend().get_texts())
    assert "(million persons)" in ax.get_ylabel()
    assert "more than 1 million" in alt_text(fig) and "nearly 1.3 million" in alt_text(fig)


def test_the_two_counts_of_january_1927_are_not_more_than_double():
    unions = value(UNEMPLOYMENT, series="trade_unionists", counted_by="trade unions")
    exchanges = value(UNEMPLOYMENT, series="trade_unionists", counted_by="labour exchanges")
    assert lesson.count_ratio() == pytest.approx(unions / exchanges) and 1.9 < lesson.count_ratio() < 2
    assert lesson.purge_removed() == pytest.approx(float(EXCHANGES[0]["value"]) - float(EXCHANGES[1]["value"]))


@pytest.mark.covers("price_wages_and_unemployment.remedy_chart")
def test_remedy_chart_draws_the_count_and_the_remedy_and_says_the_share():
    fig = lesson.remedy_chart()
    april = value(UNEMPLOYMENT, series="labour_exchanges", period="1929-04")
    jobs = value(FIGURES, indicator="strumilin_new_industrial_jobs")
    assert widths(fig.axes[0]) == approx([april / 1e6, jobs / 1e6])
    assert f"{jobs / april * 100:.0f}%" in fig.axes[0].get_title(loc="left") + fig.axes[0].get_title()
    assert "p3c5_figures" in source_of(fig)


@pytest.mark.covers("price_wages_and_unemployment.remedy_widget")
def test_remedy_widget_follows_the_count_and_the_remedy():
    widget = lesson.remedy_widget()
    count, remedy = widget.children[:2]
    count.value = ("labour_exchanges", "labour exchanges", "1924–1925")
    remedy.value = "organized_migrants"
    after_purge = value(UNEMPLOYMENT, series="labour_exchanges", period="1924–1925")
    migrants = value(FIGURES, indicator="organized_migrants")
    assert widths(widget.result.axes[0]) == approx([after_purge / 1e6, migrants / 1e6])
    assert f"{migrants / after_purge * 100:.1f}%" in alt_text(widget.result)
    assert f"{migrants / after_purge * 100:.0f}% of this count" in "".join(
        ax.get_title(loc="left") + ax.get_title() for ax in widget.result.axes
    )


def test_the_drawing_exercise_accepts_the_percentages_and_names_the_fraction_mistake():
    republics = ["RSFSR", "Byelorussia", "Ukraine"]
    right = [value(FIGURES, indicator="surplus_rural_population_share", where=r) for r in republics]
    for drawn, verdict in ((right, True), ([v / 100 for v in right], False)):
        fig, ax = new_figure()
        ax.bar(republics, drawn)
        ax.set(title="Surplus", xlabel="Republic", ylabel="Percent of the rural population")
        add_source(fig, FIGURES)
        feedback = check("11.6", fig)
        assert feedback.correct is verdict, feedback
        if not verdict:
            assert "fractions" in feedback.message
