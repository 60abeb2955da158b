"""Lesson 04 (Part 2, Chapter 1): its charts and widget, checked by what they draw against values
recomputed here from the CSV files with the csv module; and the data's own consistency."""

import pytest
from csvdata import approx, heights, rows, value, widths

from nepcourse import check
from nepcourse.checks import _registry
from nepcourse.lessons import village_classes
from nepcourse.plotting import source_of


def est(estimate, group="rich", measure=None):
    found = [
        r
        for r in rows("p2c1_kulak_estimates")
        if r["estimate"] == estimate and r["group"] == group and (measure is None or r["measure"] == measure)
    ]
    assert found, (estimate, group, measure)
    return float(found[0]["share"])


@pytest.mark.covers("village_classes.marketed_grain_chart")
def test_marketed_grain_chart_stacks_farms_beside_sellers():
    fig = village_classes.marketed_grain_chart()
    ax = fig.axes[0]
    farms = [value("p2c1_social_divisions", "share", group=g) for g in ("poor", "middle", "rich")]
    grosskopf = [est("grosskopf_1925", "poor_and_middle"), est("grosskopf_1925", "rich")]
    stalin = [est("stalin_1926_27", g) for g in ("poor_and_middle", "rich", "collective_and_state")]
    assert heights(ax) == approx(farms + grosskopf + stalin)
    # the stacks start at zero and sit on each other
    bottoms = [round(p.get_y(), 6) for p in ax.patches]
    assert bottoms[:3] == approx([0, farms[0], farms[0] + farms[1]])
    assert bottoms[-1] == pytest.approx(stalin[0] + stalin[1])
    assert "Percent" in ax.get_ylabel()
    assert "p2c1_social_divisions" in source_of(fig) and "over 88" in source_of(fig)


@pytest.mark.covers("village_classes.kulak_estimates_chart")
def test_kulak_estimates_chart_sets_every_estimate_of_the_rich_side_by_side():
    fig = village_classes.kulak_estimates_chart()
    ax = fig.axes[0]
    rich = sorted(float(r["share"]) for r in rows("p2c1_kulak_estimates") if r["group"] == "rich")
    assert widths(ax) == approx(rich)
    assert rich == approx([3.1, 11.8, 12, 20, 61])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("Strumilin") and labels[-1].startswith("Kamenev") and "grain surplus" in labels[-1]
    assert "percent" in ax.get_xlabel()


def nov_dec_fall():
    return -value("intro_procurement_1927_28", start_month="1927-11", statistic="change_on_previous_campaign")


@pytest.mark.parametrize("estimate,withheld", [("stalin_1926_27", 100), ("grosskopf_1925", 50), ("kamenev_1925", 100)])
@pytest.mark.covers("village_classes.kulak_strike_chart")
def test_kulak_strike_chart_multiplies_the_share_by_what_is_held_back(estimate, withheld):
    fig = village_classes.kulak_strike_chart(estimate=estimate, withheld=withheld)
    ax = fig.axes[0]
    share = est(estimate, measure="share_of_grain_surplus" if estimate == "kamenev_1925" else "share_of_marketed_grain")
    assert widths(ax) == approx([share * withheld / 100, nov_dec_fall()])
    title = ax.get_title(loc="left")
    assert ("could explain" in title) == (share * withheld / 100 >= nov_dec_fall())
    assert "percent" in ax.get_xlabel()


def test_a_kulak_strike_uses_the_share_of_grain_when_an_estimate_gives_one():
    assert village_classes.strike_measure("kamenev_1925") == "share_of_grain_surplus"
    assert village_classes.kulak_share("kamenev_1925") == est("kamenev_1925", measure="share_of_grain_surplus")
    assert village_classes.strike_measure("strumilin_csb_1926_27") == "share_of_farms"
    assert village_classes.strike_measure("stalin_1926_27") == "share_of_marketed_grain"


@pytest.mark.covers("village_classes.kulak_strike_widget")
def test_kulak_strike_widget_follows_the_estimate_and_the_slider():
    widget = village_classes.kulak_strike_widget()
    dropdown, slider = widget.children[:2]
    assert widths(widget.result.axes[0])[0] == pytest.approx(est("stalin_1926_27", measure="share_of_marketed_grain"))
    dropdown.value = "kamenev_1925"
    assert widths(widget.result.axes[0])[0] == pytest.approx(est("kamenev_1925", measure="share_of_grain_surplus"))
    assert "could explain" in widget.result.axes[0].get_title(loc="left")
    slider.value = 50
    assert widths(widget.result.axes[0])[0] == pytest.approx(est("kamenev_1925", measure="share_of_grain_surplus") / 2)
    assert "cannot explain" in widget.result.axes[0].get_title(loc="left")
    dropdown.value = "strumilin_csb_1926_27"
    assert widths(widget.result.axes[0])[0] == pytest.approx(est("strumilin_csb_1926_27") / 2)


@pytest.mark.covers("village_classes.grain_chart")
def test_grain_chart_joins_the_introduction_and_the_chapter():
    fig = village_classes.grain_chart()
    ax = fig.axes[0]
    harvest, procurement, net = ax.lines[:3]
    intro_h = [value("intro_grain", series="harvest", period=p) for p in ("1925–1926", "1926–1927", "1927–1928")]
    chapter_h = [value("p2c1_grain", series="harvest", scenario="actual", period=p) for p in ("1928", "1929")]
    assert list(harvest.get_xdata()) == [1925, 1926, 1927, 1928, 1929]
    assert list(harvest.get_ydata()) == approx(intro_h + chapter_h)
    intro_p = [value("intro_grain", series="procurement", period=p) for p in ("1925–1926", "1926–1927", "1927–1928")]
    assert list(procurement.get_ydata()) == approx(
        intro_p + [value("p2c1_grain", series="procurement", scenario="actual", period="1928–1929")]
    )
    assert list(net.get_xdata()) == [1926, 1927]
    assert list(net.get_ydata()) == approx(
        [
            value("p2c1_grain", series="net_grain_balance", scenario="actual", period=p)
            for p in ("1926–1927", "1927–1928")
        ]
    )
    assert ax.lines[3].get_ydata()[0] == value("intro_grain", series="harvest", period="1909–1913")
    assert ax.lines[4].get_ydata()[0] == value(
        "p2c1_grain", series="net_grain_balance", scenario="actual", period="1913"
    )
    osvok, counter = ax.collections[:2]
    assert list(osvok.get_offsets()[:, 1]) == approx(
        [
            value("p2c1_grain", series=s, scenario="osvok_forecast", period="1931")
            for s in ("harvest", "net_grain_balance")
        ]
    )
    assert list(counter.get_offsets()[:, 1]) == approx(
        [
            value("p2c1_grain", series=s, scenario="author_counterfactual", period="1931")
            for s in ("harvest", "net_grain_balance")
        ]
    )
    assert "Million metric tons" in ax.get_ylabel()


@pytest.mark.covers("village_classes.exports_chart")
def test_exports_chart_derives_1913_and_draws_thousands_of_tons():
    fig = village_classes.exports_chart()
    ax = fig.axes[0]
    e27 = value("p2c1_foreign_trade", series="grain_exports", period="1926–1927", measure="level")
    share = value("p2c1_foreign_trade", series="grain_exports", period="1926–1927", measure="percent_of_base")
    expected = [
        e27 / share * 100,
        e27,
        value("p2c1_foreign_trade", series="grain_exports", period="1928"),
        value("p2c1_foreign_trade", series="grain_imports", period="summer 1928"),
    ]
    assert heights(ax) == approx([v / 1000 for v in expected])
    assert "Thousand metric tons" in ax.get_ylabel()
    assert "22.4" in source_of(fig)


@pytest.mark.covers("village_classes.equipment_chart")
def test_equipment_chart_draws_the_penza_ranges_and_yields():
    fig = village_classes.equipment_chart()
    left, right = fig.axes
    eq = {(r["indicator"], r["group"]): float(r["value"]) for r in rows("p2c1_equipment")}
    lows = [
        eq[("sowable_land_sown_to_grain_low", "poor")],
        eq[("sowable_land_sown_to_grain_low", "middle")],
        eq[("sowable_land_sown_to_grain_high", "rich")],
    ]
    highs = [eq[("sowable_land_sown_to_grain_high", g)] for g in ("poor", "middle", "rich")]
    assert heights(left) == approx(lows + [h - lo for h, lo in zip(highs, lows)])
    assert heights(right) == approx(
        [eq[("yield_against_average", "hired_horse_and_plough")], eq[("yield_against_average", "owned_iron_plough")]]
    )
    assert "Percent" in left.get_ylabel() and "Percent" in right.get_ylabel()


# ---- the data's own consistency ----------------------------------------------------------------


def test_the_rich_share_of_the_printed_table_is_the_same_in_the_estimates_table():
    assert value("p2c1_social_divisions", "share", group="rich") == est("strumilin_csb_1926_27")


def test_kulak_estimates_keep_their_source_on_every_row():
    for r in rows("p2c1_kulak_estimates"):
        assert r["estimator"] and r["basis"] and r["note"] and r["quote"]
        assert (
            r["printed"].replace("“", "").replace("”", "").rstrip(".") in r["quote"].replace("“", "").replace("”", "")
            or r["printed"] == "Rich peasants 3.1"
        )


def test_printed_words_hold_the_printed_value():
    """Every row's `printed` words contain its value as the book prints it (digits, or the word for it)."""
    words = {
        2 / 3: "two-thirds",
        20: "one-fifth",
        75: "three-quarters",
        5: "five",
        7: "seven",
        10: "ten",
        24: "twenty-four",
        3: "three",
        4: "four",
        2: "two",
        0.5: "half",
    }
    for name in (
        "p2c1_farm_sectors",
        "p2c1_social_divisions",
        "p2c1_grain",
        "p2c1_grain_changes",
        "p2c1_foreign_trade",
        "p2c1_equipment",
        "p2c1_peasant_organization",
        "p2c1_coercion",
        "p2c1_kulak_estimates",
    ):
        for r in rows(name):
            number = abs(float(r.get("value") or r.get("share")))
            text = r["printed"].replace(",", "")
            shown = f"{number:.10g}"
            assert shown in text or any(abs(number - k) < 1e-6 and w in text for k, w in words.items()), (name, r)


def test_the_1926_harvest_is_the_same_from_both_differences():
    base_1928 = value("p2c1_grain", series="harvest", scenario="actual", period="1928") - value(
        "p2c1_grain_changes", series="harvest", scenario="actual", period="1928", measure="difference"
    )
    base_1929 = value("p2c1_grain", series="harvest", scenario="actual", period="1929") - value(
        "p2c1_grain_changes", series="harvest", scenario="actual", period="1929", measure="difference"
    )
    assert (
        base_1928
        == pytest.approx(base_1929)
        == pytest.approx(value("intro_grain", series="harvest", period="1926–1927"))
    )


# ---- exercises --------------------------------------------------------------------------------


def test_lesson_04_has_graded_exercises_with_right_answers_from_the_data():
    exercises = {k: v for k, v in _registry().items() if k.startswith("4.")}
    assert len(exercises) >= 6
    assert check("4.1", "middle").correct
    assert check("4.2", 12 / 3.1).correct and not check("4.2", 12 - 3.1).correct
    assert check("4.4", "only on Kamenev's figures").correct
    assert check("4.5", 76.4).correct and "add" in check("4.5", 71.7 - 4.7).message
    assert check("4.6", 14.6 / 87.8 * 100).correct and not check("4.6", 18.7).correct
    assert check("4.7", 2_160_000 / 22.4 * 100).correct
    assert check("4.8", 122.1 / 0.8 * 100 / 1000).correct and "milliards" in check("4.8", 122.1 / 0.8 * 100).message


def test_exercises_4_9_and_4_10_test_the_strike_and_the_two_windows():
    fall = nov_dec_fall()
    stalin = est("stalin_1926_27", measure="share_of_marketed_grain")
    assert check("4.9", (1 - (100 - fall) / (100 - stalin)) * 100).correct
    assert "points" in check("4.9", fall - stalin).message
    assert "100 minus" in check("4.9", (100 - fall) / (100 - stalin) * 100).message
    # on Kamenev's 61 percent of the 'surplus' the kulaks alone cover the fall: the others need not fall at all
    assert village_classes.others_fall("kamenev_1925") < 0 < village_classes.others_fall("stalin_1926_27")
    procurement = rows("intro_procurement_1927_28")
    totals = {r["start_month"]: float(r["value"]) for r in procurement if r["statistic"] == "total"}
    shortfall = totals["1926-07"] - totals["1927-07"]
    assert check("4.10", shortfall).correct and shortfall > 0
    assert "sign" in check("4.10", -shortfall).message


def test_the_kulak_strike_verdict_changes_if_the_data_change(monkeypatch):
    assert village_classes._strike_verdict() == "only on Kamenev's figures"
    monkeypatch.setattr(village_classes, "actual_fall_nov_dec_1927", lambda: 10.0)
    assert village_classes._strike_verdict() == "on several estimates"
    monkeypatch.setattr(village_classes, "actual_fall_nov_dec_1927", lambda: 1.0)
    assert village_classes._strike_verdict() == "on every estimate"
    monkeypatch.setattr(village_classes, "actual_fall_nov_dec_1927", lambda: 99.0)
    assert village_classes._strike_verdict() == "on no estimate"


# ---- exercise 4.11: a chart the student draws ---------------------------------------------------


def drawn(labels, heights_, source=True):
    """A chart drawn as the worksheet teaches: new_figure, ax.bar, decorate, add_source."""
    from nepcourse import add_source, decorate, new_figure

    fig, ax = new_figure()
    ax.bar(labels, heights_)
    decorate(ax, title="Harvests", xlabel="Period", ylabel="Percent of the 1909–1913 average")
    if source:
        add_source(fig, "intro_grain", "p2c1_grain")
    return fig


def actual_harvests():
    """(period, million tons) of every actual harvest, the Introduction's rows then the chapter's (csv module)."""
    intro = [(r["period"], float(r["value"])) for r in rows("intro_grain") if r["series"] == "harvest"]
    chapter = [
        (r["period"], float(r["value"]))
        for r in rows("p2c1_grain")
        if r["series"] == "harvest" and r["scenario"] == "actual"
    ]
    return intro + chapter


def test_exercise_4_11_harvests_drawn_against_prewar_are_correct():
    harvests = actual_harvests()
    prewar = value("intro_grain", series="harvest", period="1909–1913")
    labels = [p for p, _ in harvests]
    assert labels == ["1909–1913", "1925–1926", "1926–1927", "1927–1928", "1928", "1929"]
    feedback = check("4.11", drawn(labels, [v / prewar * 100 for _, v in harvests]))
    assert feedback.correct, feedback
    assert "6 periods" in feedback.message
    assert "no source line" in check("4.11", drawn(labels, [v / prewar * 100 for _, v in harvests], False)).message


def test_exercise_4_11_harvests_in_million_tons_get_the_mistakes_message():
    harvests = actual_harvests()
    feedback = check("4.11", drawn([p for p, _ in harvests], [v for _, v in harvests]))
    assert feedback.status == "wrong" and "million metric tons" in feedback.message
    assert "divide by it and multiply by 100" in feedback.message
