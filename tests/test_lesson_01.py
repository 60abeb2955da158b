"""Lesson 01 (the Introduction): its charts and widget, checked by what they draw against values recomputed
here from the CSV files."""

import matplotlib.dates as mdates
import pytest
from csvdata import approx, heights, lesson_code, rows, value, widths

from nepcourse.lessons import introduction
from nepcourse.plotting import source_of

NEP = ["1925–1926", "1926–1927", "1927–1928"]
HARVEST = [value("intro_grain", series="harvest", period=p) for p in NEP]
PROCURED = [value("intro_grain", series="procurement", period=p) for p in NEP]


@pytest.mark.covers("introduction.grain_chart")
def test_grain_chart_draws_the_harvest_and_procurement():
    fig = introduction.grain_chart()
    left, right = fig.axes
    assert heights(left) == approx(HARVEST + PROCURED)
    assert left.lines[0].get_ydata()[0] == value("intro_grain", series="harvest", period="1909–1913")
    assert heights(right) == approx([p / h * 100 for p, h in zip(PROCURED, HARVEST)])
    assert "Million metric tons" in left.get_ylabel() and "Percent" in right.get_ylabel()
    assert "procurement ÷ harvest × 100" in source_of(fig)


def campaign_rates():
    """The monthly rates of 1927–1928, July to June, worked out here from the CSV."""
    jul_oct = value("intro_procurement_1927_28", start_month="1927-07", statistic="total")
    nov_dec = value("intro_procurement_1927_28", start_month="1927-11", statistic="total")
    jan_mar = value("intro_procurement_1927_28", start_month="1928-01", statistic="monthly_average")
    april = value("intro_procurement_1927_28", start_month="1928-04", statistic="total")
    total = value("intro_grain", series="procurement", period="1927–1928")
    may_jun = (total - jul_oct - nov_dec - 3 * jan_mar - april) / 2
    return [jul_oct / 4] * 4 + [nov_dec / 2] * 2 + [jan_mar] * 3 + [april] + [may_jun] * 2


@pytest.mark.covers("introduction.campaign_chart")
def test_campaign_chart_draws_the_monthly_rates():
    fig = introduction.campaign_chart()
    ax = fig.axes[0]
    assert heights(ax) == approx(campaign_rates())
    months = [mdates.num2date(p.get_x()).strftime("%Y-%m") for p in ax.patches]
    assert months[0] == "1927-07" and months[-1] == "1928-06" and len(months) == 12
    marks = ax.collections[0].get_offsets()[:, 1]
    assert list(marks) == approx(
        [
            value("intro_procurement_1927_28", start_month="1926-07", statistic="total") / 4,
            value("intro_procurement_1927_28", start_month="1927-04", statistic="total"),
        ]
    )


@pytest.mark.parametrize("rate", [None, 0.3, 1.2])
@pytest.mark.covers("introduction.counterfactual_chart")
def test_counterfactual_chart_adds_up(rate):
    fig = introduction.counterfactual_chart(rate_from_january=rate)
    actual, what_if = fig.axes[0].lines[:2]
    rates = campaign_rates()
    assert actual.get_ydata()[-1] == pytest.approx(value("intro_grain", series="procurement", period="1927–1928"))
    chosen = rates[4] if rate is None else rate
    assert what_if.get_ydata()[-1] == pytest.approx(sum(rates[:6]) + 6 * chosen)
    assert fig.axes[0].lines[2].get_ydata()[0] == value("intro_grain", series="procurement", period="1926–1927")


@pytest.mark.covers("introduction.counterfactual_widget")
def test_counterfactual_widget_redraws_when_the_slider_moves():
    widget = introduction.counterfactual_widget()
    slider = widget.children[0]
    assert slider.value == pytest.approx(campaign_rates()[4], abs=0.001)
    slider.value = 1.0
    what_if = widget.result.axes[0].lines[1]
    assert what_if.get_ydata()[-1] == pytest.approx(sum(campaign_rates()[:6]) + 6.0)


@pytest.mark.covers("introduction.trade_chart")
def test_trade_chart_stacks_the_shares_and_follows_private_retail():
    fig = introduction.trade_chart()
    left, right = fig.axes
    expected = [
        value("intro_trade_shares", "share", trade=t, period="1926–1927", sector=s)
        for s in ("state", "cooperative", "private")
        for t in ("retail", "wholesale")
    ]
    assert heights(left) == approx(expected)
    private = [
        value("intro_trade_shares", "share", trade="retail", period=p, sector="private")
        for p in ("1926–1927", "1928", "1929")
    ]
    assert list(right.lines[0].get_ydata()) == approx(private)


@pytest.mark.covers("introduction.socialized_sector_chart")
def test_socialized_sector_chart_draws_the_four_shares():
    fig = introduction.socialized_sector_chart()
    expected = sorted(float(r["share"]) for r in rows("intro_socialized_sector_1928"))
    assert widths(fig.axes[0]) == approx(expected)


@pytest.mark.covers("introduction.recovery_chart")
def test_recovery_chart_puts_each_figure_against_its_base():
    fig = introduction.recovery_chart()
    drawn = dict(zip([t.get_text() for t in fig.axes[0].get_yticklabels()], widths(fig.axes[0])))
    assert drawn["Agricultural output, 1926–1927"] == pytest.approx(
        100 + value("intro_recovery", indicator="agricultural_production", period="1926–1927", base_period="1913")
    )
    assert drawn["Manufacturing index, 1929"] == value("intro_recovery", indicator="processing_industry", period="1929")
    assert drawn["Grain harvest, 1926–1927"] == pytest.approx(
        HARVEST[1] / value("intro_grain", series="harvest", period="1909–1913") * 100
    )
    assert drawn["Consumer goods industry, 1928"] == value("intro_recovery", indicator="consumer_goods_industry")
    assert len(drawn) == 9


@pytest.mark.covers("introduction.library_chart")
def test_library_chart_draws_books_by_area():
    fig = introduction.library_chart()
    books = {
        (r["area"], r["period"]): float(r["value"])
        for r in rows("intro_social_indicators")
        if r["indicator"] == "library_books"
    }
    assert heights(fig.axes[0]) == approx(
        [
            books[("countryside", "1913")],
            books[("towns", "1913")],
            books[("countryside", "1927")],
            books[("towns", "1927")],
        ]
    )
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert f"× {books[('countryside', '1927')] / books[('countryside', '1913')]:.1f}" in labels


def test_the_grain_table_built_in_the_open_draws_the_grain_chart():
    """The lines the lesson shows (load, pivot, a share) build the table its grain chart draws, as the default does."""
    from nepcourse import load

    built = lesson_code("01", ".pivot(")
    assert "grain_chart(data=wide)" in lesson_code("01", "grain_chart(data=")
    assert 2 <= len(built.splitlines()) <= 5
    names = {"load": load}
    exec(built, names)
    wide = names["wide"]
    assert wide.loc["1926–1927", "share procured"] == pytest.approx(PROCURED[1] / HARVEST[1] * 100)
    drawn, default = introduction.grain_chart(data=wide), introduction.grain_chart()
    assert heights(drawn.axes[0]) == heights(default.axes[0]) and heights(drawn.axes[1]) == heights(default.axes[1])
