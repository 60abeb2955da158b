"""Lesson 02 (Part 1 opening and chapter 1): charts and the widget checked by what they draw.

Expected values are worked out here from the CSV files with the csv module, not with
nepcourse.lessons.money_and_finance.
"""

import math

import matplotlib.dates as mdates
import pytest
from csvdata import approx, heights, rows, student_bars, value

from nepcourse import check
from nepcourse.lessons import money_and_finance
from nepcourse.plotting import source_of


def change(sector="all", start="1926-01-01"):
    return value("p1c1_retail_prices", series="bls_retail_index", sector=sector, from_date=start)


def chain_from_csv():
    """Levels of the all-trade index on 1 Jan 1924, 1925, 1926, 1928, with 1 Jan 1924 = 100."""
    levels = [100.0]
    for start in ("1924-01-01", "1925-01-01", "1926-01-01"):
        levels.append(levels[-1] * (1 + change(start=start) / 100))
    return levels


@pytest.mark.covers("money_and_finance.retail_index_chart")
def test_retail_index_chart_chains_the_printed_changes():
    fig = money_and_finance.retail_index_chart()
    ax = fig.axes[0]
    whole, private, public = ax.lines[:3]
    assert list(whole.get_ydata()) == approx(chain_from_csv())
    assert [mdates.num2date(x).strftime("%Y-%m-%d") for x in mdates.date2num(whole.get_xdata())] == [
        "1924-01-01",
        "1925-01-01",
        "1926-01-01",
        "1928-01-01",
    ]
    start = chain_from_csv()[2]
    assert list(private.get_ydata()) == approx([start, start * (1 + change("private") / 100)])
    assert list(public.get_ydata()) == approx([start, start * (1 + change("state_and_cooperative") / 100)])
    assert "Index (1 January 1924 = 100)" == ax.get_ylabel()
    assert "1 + change ÷ 100" in source_of(fig)


@pytest.mark.covers("money_and_finance.retail_index_chart")
def test_retail_index_chart_rebases_and_inverts():
    levels = chain_from_csv()
    fig = money_and_finance.retail_index_chart(base="1928-01-01")
    assert list(fig.axes[0].lines[0].get_ydata()) == approx([v / levels[3] * 100 for v in levels])
    fig = money_and_finance.retail_index_chart(base="1926-01-01", measure="purchasing power of the rouble")
    assert list(fig.axes[0].lines[0].get_ydata()) == approx([levels[2] / v * 100 for v in levels])
    assert "Kopecks" in fig.axes[0].get_ylabel()
    with pytest.raises(ValueError):
        money_and_finance.retail_index_chart(base="1927-01-01")


@pytest.mark.covers("money_and_finance.retail_index_widget")
def test_retail_index_widget_moves_the_base_and_the_measure():
    widget = money_and_finance.retail_index_widget()
    base, measure = widget.children[:2]
    levels = chain_from_csv()
    assert list(widget.result.axes[0].lines[0].get_ydata())[0] == pytest.approx(100)
    base.value = "1925-01-01"
    assert list(widget.result.axes[0].lines[0].get_ydata()) == approx([v / levels[1] * 100 for v in levels])
    measure.value = "purchasing power of the rouble"
    drawn = list(widget.result.axes[0].lines[0].get_ydata())
    assert drawn == approx([levels[1] / v * 100 for v in levels])
    assert drawn[0] > 100 > drawn[2]  # a rouble of 1924 bought more than one of 1925, one of 1926 less


@pytest.mark.covers("money_and_finance.inflation_1921_chart")
def test_inflation_chart_draws_the_basket_and_the_rates():
    fig = money_and_finance.inflation_1921_chart()
    left, right = fig.axes
    october = value("p1c1_currency", item="basket_cost", date="1921-10")
    march = value("p1c1_currency", item="basket_cost", date="1922-03")
    monthly = ((march / october) ** (1 / 5) - 1) * 100
    path, printed = left.lines[:2]
    assert list(printed.get_ydata()) == approx([october / 1000, march / 1000])
    assert len(path.get_ydata()) == 6 and path.get_ydata()[-1] == pytest.approx(march / 1000)
    assert path.get_ydata()[1] == pytest.approx(october * (1 + monthly / 100) / 1000)
    assert heights(right) == approx(
        [
            monthly,
            value("p1c1_currency", item="gosbank_lending_rate", measure="minimum"),
            value("p1c1_currency", item="gosbank_lending_rate", measure="maximum"),
        ]
    )
    assert "Percent a month" in right.get_ylabel() and "Thousand roubles" in left.get_ylabel()


@pytest.mark.covers("money_and_finance.budget_chart")
def test_budget_chart_draws_levels_and_growth():
    fig = money_and_finance.budget_chart()
    left, right = fig.axes
    receipts = value("p1c1_budget", item="receipts", measure="level")
    growth = value("p1c1_budget", item="receipts", measure="percent_change")
    assert heights(left) == approx(
        [
            round(receipts / (1 + growth / 100), 6),
            receipts,
            value("p1c1_budget", item="expenditure"),
            value("p1c1_budget", item="capital_investment_in_industry_and_electrification"),
        ]
    )
    assert heights(right) == approx([growth, value("p1c1_budget", item="spending_on_industry_and_electrification")])
    assert left.get_ylabel() == "Milliard roubles"


@pytest.mark.covers("money_and_finance.loss_of_control_chart")
def test_loss_of_control_chart_draws_three_panels():
    fig = money_and_finance.loss_of_control_chart()
    left, middle, right = fig.axes
    assert heights(left) == approx(
        [
            value("p1c1_retail_prices", series="private_trade_index", to_date=d)
            for d in ("1927-07", "1928-07", "1929-07")
        ]
    )
    assert heights(middle) == approx([100 + float(r["value"]) for r in rows("p1c1_farm_prices")])
    notes = [value("p1c1_currency", item="notes_in_circulation", date=d) for d in ("1928-01-01", "1930-01-01")]
    assert heights(right) == approx(notes)
    assert f"+{(notes[1] / notes[0] - 1) * 100:.1f}%" in [t.get_text() for t in right.texts]
    assert right.get_ylabel() == "Million roubles"


@pytest.mark.covers("money_and_finance.private_enterprise_chart")
def test_private_enterprise_chart_draws_each_limit():
    fig = money_and_finance.private_enterprise_chart()
    widths = [round(p.get_width(), 6) for p in fig.axes[0].patches]
    assert widths == approx([float(r["value"]) for r in rows("p1c0_private_enterprise_limits")][::-1])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "no more than 20" in texts and "over 650" in texts


def test_offset_claim_fails_with_turnover_weights_and_the_weight_it_needs():
    private_share = value("intro_trade_shares", "share", trade="retail", period="1926–1927", sector="private") / 100
    weighted = private_share * change("private") + (1 - private_share) * change("state_and_cooperative")
    assert abs(weighted - change()) > 0.5
    needed = (change() - change("state_and_cooperative")) / (change("private") - change("state_and_cooperative"))
    assert money_and_finance.implied_private_weight() == pytest.approx(needed * 100)
    assert check("2.9", needed * 100).correct and not check("2.9", private_share * 100).correct


def test_exercises_catch_the_likely_mistakes():
    assert "multiply the factors" in check("2.3", change(start="1924-01-01") + change(start="1925-01-01")).message
    ratio = value("p1c1_currency", item="basket_cost", date="1922-03") / value(
        "p1c1_currency", item="basket_cost", date="1921-10"
    )
    assert check("2.5", (ratio**0.2 - 1) * 100).correct
    assert "compound" in check("2.5", (ratio - 1) * 100 / 5).message
    receipts = value("p1c1_budget", item="receipts", measure="level")
    growth = value("p1c1_budget", item="receipts", measure="percent_change")
    assert check("2.7", receipts / (1 + growth / 100)).correct
    assert "divide by 1.75" in check("2.7", receipts * (1 - growth / 100)).message
    assert check("2.1", "state and cooperative trade").correct and not check("2.1", "private trade").correct
    assert math.isclose(
        money_and_finance.real_monthly_rate(0), (1 / (1 + money_and_finance.monthly_price_rise() / 100) - 1) * 100
    )


def test_the_lesson_passes_the_rows_it_derives_to_the_retail_chart():
    """Computation in the open: the lesson keeps the Bureau's rows in visible pandas and the chart draws them."""
    import nbformat
    import pandas as pd

    from nepcourse import registry

    cells = nbformat.read(registry.lesson("02").notebook(), as_version=4).cells
    code = [c.source for c in cells if c.cell_type == "code"]
    derive = next(i for i, s in enumerate(code) if 'bls = prices[prices["series"] == "bls_retail_index"]' in s)
    assert 'load("p1c1_retail_prices")' in code[derive]
    assert any("retail_index_chart(data=bls)" in s for s in code[derive + 1 :])
    table = pd.DataFrame(rows("p1c1_retail_prices"))
    table["value"] = table["value"].astype(float)
    bls = table[table["series"] == "bls_retail_index"]
    drawn = [list(line.get_ydata()) for line in money_and_finance.retail_index_chart(data=bls).axes[0].lines]
    assert drawn[0] == approx(chain_from_csv())


def notes(date):
    return value("p1c1_currency", item="notes_in_circulation", date=date)


def test_the_disagreement_exercises_follow_the_csv():
    yearly = ((notes("1930-01-01") / notes("1928-01-01")) ** 0.5 - 1) * 100
    assert check("2.10", yearly).correct
    assert "compounds" in check("2.10", (notes("1930-01-01") / notes("1928-01-01") - 1) * 100 / 2).message
    assert "both years" in check("2.10", (notes("1930-01-01") / notes("1928-01-01") - 1) * 100).message
    industry = value("p1c1_budget", item="spending_on_industry_and_electrification")
    receipts = value("p1c1_budget", item="receipts", measure="percent_change")
    assert check("2.11", (1 + industry / 100) / (1 + receipts / 100)).correct
    assert "growth factors" in check("2.11", industry / receipts).message
    assert "percentage points" in check("2.11", industry - receipts).message


def draw_bars(labels, values):
    """The exercise's chart, drawn as a student draws it."""
    return student_bars(labels, values, title="Rises after mid-1927", xlabel="what rose", ylabel="percent")


def test_exercise_2_12_checks_the_rises_drawn_on_one_scale():
    """The student draws, from the CSV: private retail prices July 1927 to July 1929, the three farm prices,
    notes 1928 to 1930, each as a percent rise."""
    index = {d: value("p1c1_retail_prices", series="private_trade_index", to_date=d) for d in ("1927-07", "1929-07")}
    farm = rows("p1c1_farm_prices")
    labels = ["private retail prices", *(r["product"] for r in farm), "notes in circulation"]
    rises = [
        (index["1929-07"] / index["1927-07"] - 1) * 100,
        *(float(r["value"]) for r in farm),
        (notes("1930-01-01") / notes("1928-01-01") - 1) * 100,
    ]
    right = check("2.12", draw_bars(labels, rises))
    assert right.correct, right
    levels = check("2.12", draw_bars(labels, [100 + r for r in rises]))
    assert not levels.correct and "levels (the start = 100)" in levels.message
