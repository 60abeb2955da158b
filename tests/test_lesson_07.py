"""Lesson 07 (Part 3, opening and Chapter 1): its charts and widget, checked by what they draw against values
recomputed here from the CSV files with the csv module; and the drawing exercise 7.9."""

import math

import pytest
from csvdata import approx, heights, rows, value

from nepcourse import check
from nepcourse.lessons import industry_costs_and_inflation as lesson
from nepcourse.plotting import alt_text, source_of

YEARS = ["1925–1926", "1926–1927", "1927–1928", "1928–1929"]


def changes(scenario):
    return [float(r["change"]) for r in rows("p3c1_costs") if r["scenario"] == scenario]


def compounded(rates):
    """100, then 100 × the product of (1 + rate ÷ 100), year after year."""
    out = [100.0]
    for rate in rates:
        out.append(out[-1] * (1 + rate / 100))
    return out


def infl(series, **where):
    return value("p3c1_inflation", series=series, **where)


@pytest.mark.covers("industry_costs_and_inflation.costs_chart")
def test_costs_chart_draws_each_years_change_and_the_compounded_index():
    fig = lesson.costs_chart()
    left, right = fig.axes
    planned, realized = changes("planned"), changes("realized")
    assert heights(left) == approx(planned + realized)
    assert planned == approx([-7, -5, -6, -7]) and realized == approx([1.7, -1.8, -5.1, -4])
    lines = {line.get_label(): list(line.get_ydata()) for line in right.lines}
    assert lines["planned"] == approx(compounded(planned))
    assert lines["realized"] == approx(compounded(realized))
    # the printed range of 1928–1929 is drawn from −4 to −4.5, on the left panel
    to = value("p3c1_costs", "change_to", scenario="realized", period="1928–1929")
    assert any(list(line.get_ydata()) == approx([-4, to]) for line in left.lines)
    assert f"{compounded(planned)[-1]:.1f}" in alt_text(fig)
    assert "– 4 to 4.5" in source_of(fig)


@pytest.mark.covers("industry_costs_and_inflation.finance_chart")
def test_finance_chart_draws_profits_and_what_industry_drew_per_100_paid_in():
    fig = lesson.finance_chart()
    left, right = fig.axes
    assert heights(left) == approx([value("p3c1_profits", period=p) for p in ["1924–1925", *YEARS[:2]]])
    net = value("p3c1_industry_finance", series="finance_to_industry_net", measure="percent_of_base")
    more = value("p3c1_industry_finance", series="finance_to_industry", measure="percent_change")
    assert heights(right) == approx([100 + net, 100 + more])
    assert [t.get_text() for t in right.get_xticklabels()] == ["1924–1925", "1926–1927"]


def expected_paths():
    """The growth paths, recomputed from the CSV: index 1925–1926 = 100 at each economic year."""
    goods = compounded([infl("census_consumer_goods", period=y) for y in ("1926", "1927", "1928")])
    wages_two = 100 * (1 + infl("wages", period="1927–1928") / 100)
    currency = infl("currency_in_circulation", period="1 July 1929") / infl(
        "currency_in_circulation", period="1 July 1926"
    )
    budget = (1 + infl("budget_expenditure", measure="percent_per_year") / 100) ** 3
    income = (1 + infl("real_national_income", measure="percent_per_year") / 100) ** 3

    def steady(multiple):
        return [100 * multiple ** (s / 3) for s in range(4)]

    return {
        "investment": steady(infl("investment", measure="ratio")),
        "budget_expenditure": steady(budget),
        "census_consumer_goods": goods,
        "currency_in_circulation": steady(currency),
        "wages": [100, math.nan, wages_two, wages_two * (1 + infl("wages", period="1928–1929") / 100)],
        "real_national_income": steady(income),
    }


@pytest.mark.parametrize("base", YEARS[:3])
@pytest.mark.covers("industry_costs_and_inflation.growth_chart")
def test_growth_chart_rebases_every_series_to_the_chosen_year(base):
    fig = lesson.growth_chart(base=base)
    ax = fig.axes[0]
    start = YEARS.index(base)
    drawn = {line.get_label(): list(line.get_ydata()) for line in ax.lines}
    for series, path in expected_paths().items():
        words = lesson.SERIES[series][0]
        if math.isnan(path[start]):
            assert words not in drawn, f"{series} has no figure for {base}: it cannot be rebased"
            continue
        kept = [v / path[start] * 100 for v in path[start:] if not math.isnan(v)]
        assert drawn[words] == approx(kept), series
    assert base in ax.get_ylabel()


def test_growth_paths_end_where_the_books_figures_put_them():
    ends = lesson.growth_paths().iloc[:, -1]
    assert ends["investment"] == pytest.approx(275)
    assert ends["currency_in_circulation"] == pytest.approx(2213 / 1157 * 100)
    assert ends["census_consumer_goods"] == pytest.approx(100 * 1.38 * 1.18 * 1.18)


@pytest.mark.covers("industry_costs_and_inflation.growth_widget")
def test_growth_widget_redraws_on_the_chosen_base_year():
    widget = lesson.growth_widget()
    (dropdown,) = widget.children[:1]
    assert "1925–1926 = 100" in widget.result.axes[0].get_ylabel()
    dropdown.value = "1926–1927"
    labels = [line.get_label() for line in widget.result.axes[0].lines]
    assert "1926–1927 = 100" in widget.result.axes[0].get_ylabel()
    assert lesson.SERIES["wages"][0] not in labels and len(labels) == len(lesson.SERIES) - 1


@pytest.mark.covers("industry_costs_and_inflation.rates_and_levels_chart")
def test_rates_and_levels_chart_sets_the_slowing_rate_beside_the_rising_level():
    fig = lesson.rates_and_levels_chart()
    left, right = fig.axes
    rises = [infl("census_consumer_goods", period=y) for y in ("1926", "1927", "1928")]
    assert heights(left) == approx(rises)
    assert list(right.lines[0].get_ydata()) == approx(compounded(rises))


# ---- exercise 7.9: a chart the student draws ---------------------------------------------------------------


def drawn(heights_, source=True):
    """A chart drawn as the worksheet teaches: new_figure, ax.bar, decorate, add_source."""
    from nepcourse import add_source, decorate, new_figure

    fig, ax = new_figure()
    ax.bar(YEARS, heights_)
    decorate(ax, title="Costs: result against plan", xlabel="Economic year", ylabel="Percentage points")
    if source:
        add_source(fig, "p3c1_costs")
    return fig


def test_exercise_7_9_the_shortfall_drawn_is_correct():
    shortfall = [r - p for r, p in zip(changes("realized"), changes("planned"))]
    assert shortfall == approx([8.7, 3.2, 0.9, 3.0])
    feedback = check("7.9", drawn(shortfall))
    assert feedback.correct, feedback
    assert "no source line" in check("7.9", drawn(shortfall, False)).message


def test_exercise_7_9_planned_minus_realized_gets_the_mistakes_message():
    feedback = check("7.9", drawn([p - r for r, p in zip(changes("realized"), changes("planned"))]))
    assert feedback.status == "wrong" and "planned minus realized" in feedback.message
