"""Lesson 05 (Part 2, ch. 2): charts and widgets checked by what they draw, from values computed here from the
CSV files."""

import pandas as pd
import pytest
from csvdata import approx, lesson_code, rows, value

from nepcourse import check
from nepcourse.lessons import price_scissors
from nepcourse.plotting import source_of

SOURCE_START = "Source: Bettelheim, Class Struggles in the USSR 1923–1930 (1978), Part 2, ch. 2"


NEP = ["1923–1924", "1925–1926", "1926–1927", "1927–1928", "1928–1929", "1929–1930"]
GOODS = ["textiles", "sugar", "kerosene", "salt", "nails"]
DEMAND_YEARS = ["1925–1926", "1926–1927", "1927–1928"]


def ratio(series, period):
    return value("p2c2_price_ratios", series=series, period=period)


def barter(good, year, sector):
    return value("p2c2_rye_barter", good=good, year=year, sector=sector)


def heights(ax):
    return [p.get_height() for p in ax.patches]


# ---- the data as printed -----------------------------------------------------------------------


def test_the_printed_tables_have_every_row():
    assert len(rows("p2c2_price_ratios")) == 14
    assert len(rows("p2c2_rye_barter")) == 15
    assert len(rows("p2c2_industrial_production")) == 3
    assert ratio("agricultural", "1913") == ratio("grain_procured", "1913") == 100.0


def test_every_printed_table_records_its_ocr_readings():
    from nepcourse import data

    for name in ("p2c2_price_ratios", "p2c2_rye_barter", "p2c2_peasant_demand", "p2c2_industrial_production"):
        book = data.metadata(name)["book"]
        assert book["printed_as"] == "table"
        assert book["corrections"], name
    printed = [c["printed"] for c in data.metadata("p2c2_price_ratios")["book"]["corrections"]]
    assert "1913 33 100.0" in printed and "1926–1927 56.6 1929–1930 76.9 34" in printed


def test_the_lesson_has_a_claim_that_fails():
    from nepcourse import claims

    evaluated = claims.evaluate(lesson="05").set_index("claim_id")
    assert evaluated.loc["p2c2-gap-1925-26", "recomputed_verdict"] == "does not hold"
    assert evaluated.loc["p2c2-gap-1926-27", "recomputed_verdict"] == "holds"


# ---- charts --------------------------------------------------------------------------------------


@pytest.mark.parametrize("base", ["1913", "1923–1924", "1927–1928"])
@pytest.mark.covers("price_scissors.scissors_chart")
def test_scissors_chart_draws_both_ratios_against_the_base(base):
    fig = price_scissors.scissors_chart(base=base)
    ax = fig.axes[0]
    agri, grain, reference = ax.lines[:3]
    assert list(agri.get_ydata()) == approx([ratio("agricultural", p) / ratio("agricultural", base) * 100 for p in NEP])
    assert list(grain.get_ydata()) == approx(
        [ratio("grain_procured", p) / ratio("grain_procured", base) * 100 for p in NEP]
    )
    assert list(reference.get_ydata()) == [100, 100]
    # an economic year runs October to September: its middle falls at the turn of March and April
    middles = [pd.Timestamp(x) for x in agri.get_xdata()]
    assert [m.year for m in middles] == [int(p[5:]) for p in NEP]
    assert all(pd.Timestamp(m.year, 3, 31) <= m <= pd.Timestamp(m.year, 4, 1) for m in middles)
    assert f"({base} = 100)" in ax.get_ylabel() and "Economic year" in ax.get_xlabel()
    assert source_of(fig).startswith(SOURCE_START) and "p2c2_price_ratios" in source_of(fig)
    assert ("Rebased" in source_of(fig)) == (base != "1913")


@pytest.mark.covers("price_scissors.scissors_widget")
def test_scissors_widget_rebases_when_the_base_year_changes():
    widget = price_scissors.scissors_widget()
    first = list(widget.result.axes[0].lines[0].get_ydata())
    assert first == approx([ratio("agricultural", p) for p in NEP])
    widget.children[0].value = "1923–1924"
    moved = widget.result.axes[0].lines[0].get_ydata()
    assert moved[0] == pytest.approx(100)
    assert moved[3] == pytest.approx(ratio("agricultural", "1927–1928") / ratio("agricultural", "1923–1924") * 100)


@pytest.mark.covers("price_scissors.barter_chart")
def test_barter_chart_draws_each_sector_as_percent_of_1913():
    fig = price_scissors.barter_chart()
    ax = fig.axes[0]
    expected = [
        barter(g, "1927", s) / barter(g, "1913", "all") * 100 for s in ("cooperative", "private") for g in GOODS
    ]
    assert heights(ax) == approx(expected)
    assert ax.lines[0].get_ydata()[0] == 100
    assert [t.get_text() for t in ax.get_xticklabels()][0] == "textiles\n(meters)"
    assert "percent of the 1913 quantity" in ax.get_ylabel()
    assert "1927 quantity ÷ 1913 quantity × 100" in source_of(fig)


@pytest.mark.parametrize("good, sector", [("salt", "private"), ("kerosene", "cooperative"), ("textiles", "private")])
@pytest.mark.covers("price_scissors.barter_good_chart")
def test_barter_good_chart_draws_the_three_quantities(good, sector):
    fig = price_scissors.barter_good_chart(good=good, sector=sector)
    ax = fig.axes[0]
    assert heights(ax) == approx(
        [barter(good, "1913", "all"), barter(good, "1927", "cooperative"), barter(good, "1927", "private")]
    )
    share = barter(good, "1927", sector) / barter(good, "1913", "all") * 100
    assert f"= {share:.1f}% of 1913" in ax.get_title(loc="left")
    premium = (barter(good, "1927", "cooperative") / barter(good, "1927", "private") - 1) * 100
    assert f"{premium:.1f}%" in ax.get_xlabel()
    unit = next(r["unit"] for r in rows("p2c2_rye_barter") if r["good"] == good)
    assert f"({unit})" in ax.get_ylabel()


@pytest.mark.covers("price_scissors.barter_widget")
def test_barter_widget_follows_the_good_and_the_sector():
    widget = price_scissors.barter_widget()
    good, sector = widget.children[:2]
    assert heights(widget.result.axes[0])[2] == barter("salt", "1927", "private")
    good.value = "nails"
    assert heights(widget.result.axes[0]) == approx(
        [barter("nails", "1913", "all"), barter("nails", "1927", "cooperative"), barter("nails", "1927", "private")]
    )
    sector.value = "cooperative"
    share = barter("nails", "1927", "cooperative") / barter("nails", "1913", "all") * 100
    assert f"in the cooperative sector = {share:.1f}% of 1913" in widget.result.axes[0].get_title(loc="left")


@pytest.mark.covers("price_scissors.villages_chart")
def test_villages_chart_draws_population_against_turnover():
    fig = price_scissors.villages_chart()
    ax = fig.axes[0]
    widths = [p.get_width() for p in ax.patches]
    population = next(float(r["value"]) for r in rows("p2c2_figures") if r["indicator"] == "population_in_villages")
    turnover = next(
        float(r["value"]) for r in rows("p2c2_figures") if r["indicator"] == "official_retail_turnover_in_villages"
    )
    assert widths == approx([population, turnover])
    assert ax.get_xlabel() == "Percent"
    assert source_of(fig).startswith(SOURCE_START)


@pytest.mark.covers("price_scissors.demand_chart")
def test_demand_chart_draws_output_demand_and_the_gaps():
    fig = price_scissors.demand_chart()
    ax = fig.axes[0]
    output = [value("p2c2_industrial_production", period=p) for p in DEMAND_YEARS]
    demand = [value("p2c2_peasant_demand", indicator="demand_index", period=p) for p in DEMAND_YEARS]
    assert list(ax.lines[0].get_ydata()) == approx(output)
    assert list(ax.lines[1].get_ydata()) == approx(demand)
    volume = demand[0] / value("p2c2_peasant_demand", indicator="industrial_retail_prices", period="1925–1926")
    assert ax.lines[2].get_ydata()[0] == pytest.approx(volume)
    texts = " ".join(t.get_text() for t in ax.texts)
    for o, d in zip(output, demand):
        assert f"gap {o - d:.1f}" in texts
    assert "book prints 12.2" in texts and texts.count("book prints") == 1
    assert "Index" in ax.get_ylabel() and "Economic year" in ax.get_xlabel()
    assert "p2c2_industrial_production" in source_of(fig)


# ---- exercises -------------------------------------------------------------------------------------


def test_exercises_accept_the_right_answer_and_explain_the_likely_mistakes():
    salt_coop, salt_private = barter("salt", "1927", "cooperative"), barter("salt", "1927", "private")
    assert check("5.5", (salt_coop / salt_private - 1) * 100).correct
    wrong = check("5.5", (salt_coop - salt_private) / salt_coop * 100)
    assert not wrong.correct and "Prices are the inverse of quantities" in wrong.message
    assert check(
        "5.7",
        value("p2c2_industrial_production", period="1925–1926")
        - value("p2c2_peasant_demand", indicator="demand_index", period="1925–1926"),
    ).correct
    assert "the book prints" in check("5.7", 12.2).message
    assert check("5.1", "1926–1927").correct and not check("5.1", "1929–1930").correct
    assert check("5.8", "strengthens").correct


# ---- computation in the open, and the test of one side of a debate ---------------------------------


def test_the_table_the_lesson_builds_in_the_open_is_what_the_chart_draws():
    from nepcourse import load

    namespace = {"load": load}
    exec(lesson_code("05", "scissors = "), namespace)
    exec(lesson_code("05", "gap = "), namespace)
    scissors, gap = namespace["scissors"], namespace["gap"]
    assert "scissors_chart(data=scissors)" in lesson_code("05", "scissors_chart(")
    assert list(scissors.index) == ["1913", *NEP]
    for series in ("agricultural", "grain_procured"):
        assert list(scissors[series]) == approx([ratio(series, p) for p in ["1913", *NEP]])
    assert list(gap) == approx([ratio("agricultural", p) - ratio("grain_procured", p) for p in ["1913", *NEP]])
    lines = price_scissors.scissors_chart(data=scissors).axes[0].lines
    assert list(lines[1].get_ydata()) == approx([ratio("grain_procured", p) for p in NEP])


def test_exercise_5_10_compares_growth_not_points_or_levels():
    output = {p: value("p2c2_industrial_production", period=p) for p in ("1925–1926", "1927–1928")}
    demand = {p: value("p2c2_peasant_demand", indicator="demand_index", period=p) for p in output}
    growth = [(d["1927–1928"] / d["1925–1926"] - 1) * 100 for d in (output, demand)]
    assert check("5.10", growth[0] / growth[1]).correct
    assert growth[0] / growth[1] > 3, "on the book's figures output grew over three times as fast as demand"
    points = (output["1927–1928"] - output["1925–1926"]) / (demand["1927–1928"] - demand["1925–1926"])
    assert "growth in percent" in check("5.10", points).message
    assert "other way round" in check("5.10", growth[1] / growth[0]).message


# ---- exercise 5.11: a chart the student draws ---------------------------------------------------


def drawn(labels, heights_):
    """A chart drawn as the worksheet teaches: new_figure, ax.bar, decorate, add_source."""
    from nepcourse import add_source, decorate, new_figure

    fig, ax = new_figure()
    ax.bar(labels, heights_)
    decorate(ax, title="The grain sellers' gap", xlabel="Year", ylabel="Index points")
    add_source(fig, "p2c2_price_ratios")
    return fig


def printed_gaps_by_period():
    """(period, all produce minus grain) for every period of p2c2_price_ratios, in time order (csv module)."""
    table = rows("p2c2_price_ratios")
    periods = sorted({r["period"] for r in table})
    ratio = {(r["series"], r["period"]): float(r["value"]) for r in table}
    return [(p, ratio[("agricultural", p)] - ratio[("grain_procured", p)]) for p in periods]


def test_exercise_5_11_the_gap_drawn_year_by_year_is_correct():
    gaps = printed_gaps_by_period()
    assert [p for p, _ in gaps][:2] == ["1913", "1923–1924"] and len(gaps) == 7
    assert max(gaps, key=lambda g: g[1])[0] == "1926–1927", "the gap opened widest with the 1926–1927 price cut"
    feedback = check("5.11", drawn([p for p, _ in gaps], [g for _, g in gaps]))
    assert feedback.correct, feedback


def test_exercise_5_11_the_gap_the_other_way_round_gets_the_mistakes_message():
    gaps = printed_gaps_by_period()
    feedback = check("5.11", drawn([p for p, _ in gaps], [-g for _, g in gaps]))
    assert feedback.status == "wrong" and "subtracted the other way round" in feedback.message
