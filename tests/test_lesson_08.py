"""Lesson 08 (Part 3, ch. 2): charts and the widget checked by what they draw, from values computed here from
the CSV files (tests/csvdata.py), never from the lesson module's own helpers."""

import pytest
from csvdata import approx, rows, value

from nepcourse import check
from nepcourse.lessons import private_and_state_sectors as lesson
from nepcourse.plotting import source_of

SOURCE_START = "Source: Bettelheim, Class Struggles in the USSR 1923–1930 (1978), Part 3, ch. 2"


def sector(industry, name):
    return value("p3c2_industry_sectors", industry=industry, sector=name)


def trade(kind, name, period="1926–1927"):
    return value("p3c2_trade_shares", trade=kind, sector=name, period=period)


def figure(indicator, period=None):
    found = [
        r for r in rows("p3c2_figures") if r["indicator"] == indicator and (period is None or r["period"] == period)
    ]
    assert len(found) == 1
    return float(found[0]["value"])


def widths(ax):
    return [p.get_width() for p in ax.patches]


# ---- the data as printed -----------------------------------------------------------------------


def test_the_printed_tables_have_every_row_and_record_their_readings():
    from nepcourse import data

    assert len(rows("p3c2_industry_sectors")) == 7
    assert len(rows("p3c2_trade_shares")) == 6
    assert not [r for r in rows("p3c2_trade_shares") if r["sector"] == "state" and r["trade"] == "retail"], (
        "the chapter prints no state retail share: the remainder is computed, never stored"
    )
    printed = [c["printed"] for c in data.metadata("p3c2_industry_sectors")["book"]["corrections"]]
    assert any("1926–1927 4" in p for p in printed)
    assert all(
        r["source"] == "" for name in ("p3c2_industry_sectors", "p3c2_trade_shares", "p3c2_figures") for r in rows(name)
    ), "Part 3, ch. 2's notes are lost: no source may be guessed"


# ---- charts --------------------------------------------------------------------------------------


@pytest.mark.covers("private_and_state_sectors.sectors_chart")
def test_sectors_chart_stacks_each_kind_of_industry_by_owner():
    fig = lesson.sectors_chart()
    ax = fig.axes[0]
    census = [sector("census", s) for s in ("state", "cooperative", "private", "concession")]
    small = [sector("small_scale", s) for s in ("state", "cooperative", "private")]
    assert widths(ax) == approx(census + small)
    assert [p.get_x() for p in ax.patches][:4] == approx([0, census[0], sum(census[:2]), sum(census[:3])])
    assert "Percent of gross production (current prices)" in ax.get_xlabel()
    assert source_of(fig).startswith(SOURCE_START)


@pytest.mark.covers("private_and_state_sectors.trade_chart")
def test_trade_chart_draws_the_printed_shares_and_the_state_retail_remainder():
    fig = lesson.trade_chart()
    ax = fig.axes[0]
    remainder = 100 - trade("retail", "private") - trade("retail", "cooperative")
    expected = [trade("wholesale", s) for s in ("state", "cooperative", "private")]
    expected += [remainder, trade("retail", "cooperative"), trade("retail", "private")]
    assert widths(ax) == approx(expected)
    outlined = [p for p in ax.patches if p.get_linewidth() > 1]
    assert [p.get_width() for p in outlined] == approx([remainder]), "only the computed segment is outlined"
    assert "remainder, computed" in " ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert "100 − private − cooperative" in source_of(fig)


@pytest.mark.covers("private_and_state_sectors.squeeze_chart")
def test_squeeze_chart_draws_each_measure_as_an_index_of_its_first_value():
    fig = lesson.squeeze_chart()
    ax = fig.axes[0]
    levies = figure("taxes_and_forced_loans_on_private_sector", "1926–1927") / figure(
        "taxes_and_forced_loans_on_private_sector", "1925–1926"
    )
    units = figure("private_commercial_units_rsfsr", "1927–1928") / figure(
        "private_commercial_units_rsfsr", "1926–1927"
    )
    retail = trade("retail", "private", "1928–1929") / trade("retail", "private")
    nonstate = figure("nonstate_share_of_census_industry", "1928–1929") / (100 - sector("census", "state"))
    assert widths(ax) == approx([x * 100 for x in (levies, units, retail, nonstate)])
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "less than 1 (1928–1929)" in texts and "226,760 (1926–1927) → 159,254 (1927–1928)" in texts
    assert ax.patches[0].get_hatch() in (None, "") and ax.patches[1].get_hatch() == "//", "up and down differ by hatch"


@pytest.mark.parametrize("share", [13.5, 0.0, 30.0])
@pytest.mark.covers("private_and_state_sectors.replacement_chart")
def test_replacement_chart_keeps_the_total_and_computes_the_growth_needed(share):
    fig = lesson.replacement_chart(private_share=share)
    ax = fig.axes[0]
    private = trade("retail", "private")
    heights = [p.get_height() for p in ax.patches]
    assert heights == approx([100 - private, 100 - share, private, share])
    growth = ((100 - share) / (100 - private) - 1) * 100
    assert f"official trade must grow {growth:.1f}%" in ax.get_title(loc="left")
    assert "index, 1926–1927 total = 100" in ax.get_ylabel()


@pytest.mark.covers("private_and_state_sectors.replacement_widget")
def test_replacement_widget_redraws_when_the_private_share_moves():
    widget = lesson.replacement_widget()
    slider = widget.children[0]
    assert slider.value == trade("retail", "private", "1928–1929") and slider.max == trade("retail", "private")
    slider.value = 20.0
    assert widget.result.axes[0].patches[1].get_height() == pytest.approx(80.0)
    growth = (80 / (100 - trade("retail", "private")) - 1) * 100
    assert f"{growth:.1f}%" in widget.result.axes[0].get_title(loc="left")


# ---- exercises -----------------------------------------------------------------------------------


def test_exercises_accept_the_right_answer_and_explain_the_likely_mistakes():
    total = figure("private_industry_production") / figure("private_industry_share_of_all_industry") * 100
    assert check("8.2", total).correct
    assert "is itself the 19.7 percent" in check("8.2", total * 19.7**2 / 100**2).message
    weight = (19.7 - sector("census", "private")) / (sector("small_scale", "private") - sector("census", "private"))
    assert check("8.3", weight * 100).correct
    change = (
        figure("private_commercial_units_rsfsr", "1927–1928") / figure("private_commercial_units_rsfsr", "1926–1927")
        - 1
    )
    assert check("8.5", change * 100).correct
    assert "sign" in check("8.5", -change * 100).message
    needed = ((100 - trade("retail", "private", "1928–1929")) / (100 - trade("retail", "private")) - 1) * 100
    assert check("8.6", needed).correct and needed > 30
    assert (
        "percentage points"
        in check("8.6", trade("retail", "private") - trade("retail", "private", "1928–1929")).message
    )


def drawn(labels, heights_):
    """A chart drawn as the worksheet teaches: new_figure, ax.bar, decorate, add_source."""
    from nepcourse import add_source, decorate, new_figure

    fig, ax = new_figure()
    ax.bar(labels, heights_)
    decorate(ax, title="The private sector's share", xlabel="Where", ylabel="Percent")
    add_source(fig, "p3c2_industry_sectors", "p3c2_trade_shares")
    return fig


PLACES = ["census industry", "small-scale industry", "wholesale trade", "retail trade"]


def test_exercise_8_8_accepts_the_private_shares_and_names_the_likely_mistakes():
    right = [
        sector("census", "private"),
        sector("small_scale", "private"),
        trade("wholesale", "private"),
        trade("retail", "private"),
    ]
    assert check("8.8", drawn(PLACES, right)).correct
    late = right[:3] + [trade("retail", "private", "1928–1929")]
    verdict = check("8.8", drawn(PLACES, late))
    assert not verdict.correct and "1928–1929" in verdict.message
    state = [
        sector("census", "state"),
        sector("small_scale", "state"),
        trade("wholesale", "state"),
        100 - trade("retail", "private") - trade("retail", "cooperative"),
    ]
    assert "state's shares" in check("8.8", drawn(PLACES, state)).message
