"""Lesson 09 (Part 3, ch. 3): charts and widget checked by what they draw, against values recomputed here from
the CSV files with the csv module; the reading of the foundry's "16 to 40 roubles", and the drawing exercise."""

import pytest
from csvdata import approx, heights, rows, value, widths

from nepcourse import add_source, check, new_figure
from nepcourse.lessons import inside_the_factory
from nepcourse.plotting import alt_text, source_of

LADDER = "p3c3_wage_ladder"
FOUNDRY = {r["post"]: float(r["value"]) for r in rows(LADDER) if r["inquiry"] == "moscow_foundry_1924"}
SCALE = [
    value("p3c3_wage_differentials", indicator="lowest_to_highest", qualifier=q)
    for q in ("in general", "could even be")
]


def inquiry_1926(post, bound):
    return value(LADDER, inquiry="inquiry_march_1926", post=post, bound=bound)


def expected_ratios(unskilled, worker):
    foundry = [FOUNDRY[p] / unskilled for p in ("founder", "head_of_department", "manager")]
    later = [inquiry_1926("party_member_manager", "point") / worker, inquiry_1926("manager", "high") / worker]
    return [1.0, *foundry, 1.0, *later]


@pytest.mark.covers("inside_the_factory.pay_ladder_chart")
def test_pay_ladder_chart_draws_each_post_as_a_multiple_of_the_lowest_pay_against_the_scale():
    fig = inside_the_factory.pay_ladder_chart()
    ax = fig.axes[0]
    assert widths(ax) == approx(expected_ratios(FOUNDRY["unskilled_laborer"], inquiry_1926("worker", "high")))
    assert FOUNDRY["unskilled_laborer"] == 16.40  # the course's reading of the printed "16 to 40"
    lines = sorted(line.get_xdata()[0] for line in ax.lines)
    assert lines == approx(SCALE)
    assert "(times)" in ax.get_xlabel() and "read 16.40" in source_of(fig)
    assert "manager 116.08 roubles, 7.08 times" in alt_text(fig)


def test_the_reading_of_16_to_40_keeps_the_printed_words_and_its_ends():
    row = next(r for r in rows(LADDER) if r["post"] == "unskilled_laborer")
    assert "16 to 40" in row["printed"] and row["qualifier"] == "read"
    assert inside_the_factory.printed_ends() == (16.0, 40.0)
    assert inside_the_factory.unskilled_wage("high") == 40.0


@pytest.mark.covers("inside_the_factory.pay_ladder_widget")
def test_pay_ladder_widget_follows_the_post_the_reading_and_the_base():
    widget = inside_the_factory.pay_ladder_widget()
    post, reading, base = widget.children[:3]
    assert (post.value, reading.value, base.value) == ("Manager", "read", "high")
    assert "beyond 1:5, within the extreme 1:8" in widget.result.axes[0].get_title(loc="left")
    reading.value = "high"
    ax = widget.result.axes[0]
    assert widths(ax)[:4] == approx(expected_ratios(40.0, inquiry_1926("worker", "high"))[:4])
    assert "within the general 1:5" in ax.get_title(loc="left")
    base.value = "low"
    post.value = "Manager (as much as)"
    ax = widget.result.axes[0]
    assert widths(ax)[-1] == approx(inquiry_1926("manager", "high") / inquiry_1926("worker", "low"))
    assert "beyond even the extreme 1:8" in ax.get_title(loc="left")
    assert [p.get_linewidth() for p in ax.patches].count(2.5) == 1  # one bar marked


@pytest.mark.covers("inside_the_factory.piece_rates_chart")
def test_piece_rates_chart_draws_each_range_from_its_low_to_its_high_end():
    fig = inside_the_factory.piece_rates_chart()
    ax = fig.axes[0]
    ends = {(int(r["year"]), r["bound"]): float(r["value"]) for r in rows("p3c3_piece_rates")}
    assert [p.get_y() for p in ax.patches] == approx([ends[(1925, "low")], ends[(1928, "low")]])
    assert heights(ax) == approx([ends[(y, "high")] - ends[(y, "low")] for y in (1925, 1928)])
    assert "(percent)" in ax.get_ylabel()


@pytest.mark.covers("inside_the_factory.intensity_chart")
def test_intensity_chart_draws_productivity_the_computed_accident_rise_and_the_earnings_range():
    fig = inside_the_factory.intensity_chart()
    ax = fig.axes[0]
    accidents = [value("p3c3_intensity", indicator="mine_accidents", period=p) for p in ("1923–1924", "1924–1925")]
    low = value("p3c3_intensity", indicator="earnings_increase", bound="low")
    high = value("p3c3_intensity", indicator="earnings_increase", bound="high")
    assert widths(ax) == approx(
        [
            value("p3c3_intensity", indicator="productivity_per_person_day_increase"),
            (accidents[1] / accidents[0] - 1) * 100,
            low,
            high - low,
        ]
    )
    assert [t.get_text() for t in ax.texts] == ["+46%", "+39%", "+10 to +30%"]


@pytest.mark.covers("inside_the_factory.steel_chart")
def test_steel_chart_draws_both_original_targets_the_raised_one_and_1932():
    fig = inside_the_factory.steel_chart()
    places = [("original_plan", "text"), ("original_plan", "note 144"), ("raised_target", "text")]
    places.append(("actual_production", "note 144"))
    expected = [value("p3c3_steel_targets", figure=f, place=p) for f, p in places]
    assert heights(fig.axes[0]) == approx(expected)
    assert f"{expected[3] / expected[2] * 100:.1f}% of the raised target" in alt_text(fig)


def test_the_drawing_exercise_accepts_the_ratios_and_names_the_percent_mistake():
    spread = {(r["indicator"], r["period"]): float(r["value"]) for r in rows("p3c3_wage_differentials")}
    right = [
        1 + spread[("skilled_premium_over_unskilled", "1920")] / 100,
        1 + spread[("skilled_premium_over_unskilled", "1922")] / 100,
        spread[("first_to_second_category", "1924")],
        FOUNDRY["founder"] / FOUNDRY["unskilled_laborer"],
    ]
    years = ["1920", "1922", "1924", "Foundry, 1924"]
    for heights_drawn, verdict in ((right, True), ([4, 65, right[2], right[3]], False)):
        fig, ax = new_figure()
        ax.bar(years, heights_drawn)
        ax.set(title="Skill gap", xlabel="Year", ylabel="Times the unskilled")
        add_source(fig, "p3c3_wage_differentials", "p3c3_wage_ladder")
        feedback = check("9.8", fig)
        assert feedback.correct is verdict, feedback
        if not verdict:
            assert "printed premiums" in feedback.message
