"""Charts and widgets are checked by what they draw: values recomputed here from the CSV files themselves."""
import re

import matplotlib.dates as mdates
import pytest

from nepcourse import guide, intro, paths
from nepcourse.plotting import source_of

from csvdata import approx, heights, rows, value, widths


NEP = ["1925–1926", "1926–1927", "1927–1928"]
HARVEST = [value("intro_grain", series="harvest", period=p) for p in NEP]
PROCURED = [value("intro_grain", series="procurement", period=p) for p in NEP]


def discovered_charts():
    """Every chart of every lesson module that can be drawn with its default arguments."""
    import importlib
    import inspect

    from nepcourse.checks import lesson_modules
    found = []
    for name in lesson_modules():
        module = importlib.import_module(name)
        for attr, chart in list(vars(module).items()):
            if inspect.isfunction(chart) and chart.__module__ == name and getattr(chart, "is_chart", False):
                if all(p.default is not p.empty for p in inspect.signature(chart).parameters.values()):
                    found.append(chart)
    return found


ALL_CHARTS = discovered_charts()
UNIT_WORDS = re.compile(r"percent|%|tons|roubles|rubles|index|= 100|people|pages|members|deputies|workers|"
                        r"kilograms|met(er|re)s|books|date|year|month|times|ratio|status|\(", re.I)


def test_the_chart_list_is_discovered_not_listed():
    assert intro.grain_chart in ALL_CHARTS and guide.timeline_chart in ALL_CHARTS and len(ALL_CHARTS) > 20


@pytest.mark.parametrize("chart", ALL_CHARTS, ids=lambda c: f"{c.__module__.removeprefix('nepcourse.')}.{c.__name__}")
def test_every_chart_is_titled_labelled_and_sourced(chart):
    fig = chart()
    for ax in fig.axes:
        assert ax.get_title(loc="left") or ax.get_title(), f"{chart.__name__}: an axes without a title"
        labels = ax.get_xlabel() + " " + ax.get_ylabel()
        assert labels.strip(), f"{chart.__name__}: an axes without axis labels"
    assert any(UNIT_WORDS.search(ax.get_xlabel() + " " + ax.get_ylabel()) for ax in fig.axes), (
        f"{chart.__name__}: no axis label names a unit")
    source = source_of(fig)
    assert source and source.startswith("Source: Bettelheim, Class Struggles in the USSR 1923–1930 (1978)")
    assert "Table:" in source


@pytest.mark.covers("intro.grain_chart")
def test_grain_chart_draws_the_harvest_and_procurement():
    fig = intro.grain_chart()
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


@pytest.mark.covers("intro.campaign_chart")
def test_campaign_chart_draws_the_monthly_rates():
    fig = intro.campaign_chart()
    ax = fig.axes[0]
    assert heights(ax) == approx(campaign_rates())
    months = [mdates.num2date(p.get_x()).strftime("%Y-%m") for p in ax.patches]
    assert months[0] == "1927-07" and months[-1] == "1928-06" and len(months) == 12
    marks = ax.collections[0].get_offsets()[:, 1]
    assert list(marks) == approx([value("intro_procurement_1927_28", start_month="1926-07", statistic="total") / 4,
                                  value("intro_procurement_1927_28", start_month="1927-04", statistic="total")])


@pytest.mark.parametrize("rate", [None, 0.3, 1.2])
@pytest.mark.covers("intro.counterfactual_chart")
def test_counterfactual_chart_adds_up(rate):
    fig = intro.counterfactual_chart(rate)
    actual, what_if = fig.axes[0].lines[:2]
    rates = campaign_rates()
    assert actual.get_ydata()[-1] == pytest.approx(value("intro_grain", series="procurement", period="1927–1928"))
    chosen = rates[4] if rate is None else rate
    assert what_if.get_ydata()[-1] == pytest.approx(sum(rates[:6]) + 6 * chosen)
    assert fig.axes[0].lines[2].get_ydata()[0] == value("intro_grain", series="procurement", period="1926–1927")


@pytest.mark.covers("intro.counterfactual_widget")
def test_counterfactual_widget_redraws_when_the_slider_moves():
    widget = intro.counterfactual_widget()
    slider = widget.children[0]
    assert slider.value == pytest.approx(campaign_rates()[4], abs=0.001)
    slider.value = 1.0
    what_if = widget.result.axes[0].lines[1]
    assert what_if.get_ydata()[-1] == pytest.approx(sum(campaign_rates()[:6]) + 6.0)


@pytest.mark.covers("intro.trade_chart")
def test_trade_chart_stacks_the_shares_and_follows_private_retail():
    fig = intro.trade_chart()
    left, right = fig.axes
    expected = [value("intro_trade_shares", "share", trade=t, period="1926–1927", sector=s)
                for s in ("state", "cooperative", "private") for t in ("retail", "wholesale")]
    assert heights(left) == approx(expected)
    private = [value("intro_trade_shares", "share", trade="retail", period=p, sector="private")
               for p in ("1926–1927", "1928", "1929")]
    assert list(right.lines[0].get_ydata()) == approx(private)


@pytest.mark.covers("intro.socialized_sector_chart")
def test_socialized_sector_chart_draws_the_four_shares():
    fig = intro.socialized_sector_chart()
    expected = sorted(float(r["share"]) for r in rows("intro_socialized_sector_1928"))
    assert widths(fig.axes[0]) == approx(expected)


@pytest.mark.covers("intro.recovery_chart")
def test_recovery_chart_puts_each_figure_against_its_base():
    fig = intro.recovery_chart()
    drawn = dict(zip([t.get_text() for t in fig.axes[0].get_yticklabels()], widths(fig.axes[0])))
    assert drawn["Agricultural output, 1926–1927"] == pytest.approx(
        100 + value("intro_recovery", indicator="agricultural_production", period="1926–1927", base_period="1913"))
    assert drawn["Manufacturing index, 1929"] == value("intro_recovery", indicator="processing_industry", period="1929")
    assert drawn["Grain harvest, 1926–1927"] == pytest.approx(
        HARVEST[1] / value("intro_grain", series="harvest", period="1909–1913") * 100)
    assert drawn["Consumer goods industry, 1928"] == value("intro_recovery", indicator="consumer_goods_industry")
    assert len(drawn) == 9


@pytest.mark.covers("intro.library_chart")
def test_library_chart_draws_books_by_area():
    fig = intro.library_chart()
    books = {(r["area"], r["period"]): float(r["value"]) for r in rows("intro_social_indicators")
             if r["indicator"] == "library_books"}
    assert heights(fig.axes[0]) == approx([books[("countryside", "1913")], books[("towns", "1913")],
                                           books[("countryside", "1927")], books[("towns", "1927")]])
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert f"× {books[('countryside', '1927')] / books[('countryside', '1913')]:.1f}" in labels


def events_between(first, last, categories=None):
    return [r for r in rows("events") if int(r["date_end"][:4]) >= first and int(r["date_start"][:4]) <= last
            and (categories is None or r["category"] in categories)]


@pytest.mark.covers("guide.timeline_chart")
def test_timeline_draws_one_bar_per_event_in_range():
    fig = guide.timeline_chart()
    assert len(fig.axes[0].patches) == len(events_between(1917, 1930))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("February 13, 1928" in t for t in texts)
    assert any(t.startswith("February [1928]: ") for t in texts)


@pytest.mark.covers("guide.timeline_chart")
def test_a_lessons_timeline_keeps_only_its_chapters_events():
    fig = guide.timeline_chart(chapters=["intro"])
    expected = [r for r in events_between(1917, 1930) if r["chapter"] == "intro"]
    assert 0 < len(fig.axes[0].patches) == len(expected) < len(events_between(1917, 1930))
    assert "reported in Introduction" in fig.axes[0].get_title(loc="left")
    assert "(1978), Introduction. Table: events." in source_of(fig), "the source names only the chapter drawn"


@pytest.mark.covers("guide.timeline_widget")
def test_timeline_widget_filters_categories_and_years():
    widget = guide.timeline_widget()
    picker, years = widget.children[:2]
    picker.value = ("procurement",)
    years.value = (1927, 1929)
    expected = events_between(1927, 1929, {"procurement"})
    assert len(widget.result.axes[0].patches) == len(expected) > 0
    widget.children[2].value = "2.1"
    in_chapter = [r for r in expected if r["chapter"] == "2.1"]
    assert len(widget.result.axes[0].patches) == len(in_chapter) < len(expected)


@pytest.mark.covers("guide.glossary_widget")
def test_glossary_search_ignores_case_accents_and_hyphens():
    assert {"Gosbank", "Prombank"} <= set(guide.search_glossary("BANK")["term"])
    assert "Kontraktatsiya" in set(guide.search_glossary("purchasing agen-cies")["term"])
    assert len(guide.search_glossary("")) == len(rows("glossary"))
    assert guide.search_glossary("zzzz").empty
    widget = guide.glossary_widget()
    widget.children[0].value = "bank"
    assert set(widget.result["term"]) == set(guide.search_glossary("bank")["term"]) >= {"Gosbank", "Prombank"}
    widget.children[0].value = "zzzz"
    assert widget.result.empty
