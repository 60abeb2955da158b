"""Lesson 06 (Part 2, ch. 3): charts and widget checked by what they draw, against values recomputed here
from the CSV files with the csv module; the exercises' answers and the author's one-half adjustment."""

import pytest
from csvdata import approx, heights, lesson_code, rows, value, widths

from nepcourse import check, paths
from nepcourse.lessons import rural_party_and_soviets
from nepcourse.plotting import source_of

PARTY = "p2c3_party_implantation"
RATES = [
    value(PARTY, indicator="communists_share_of_adult_rural_population", period=p)
    for p in ("Thirteenth Congress", "Fourteenth Congress")
]
MEMBERS = [value(PARTY, indicator="rural_cell_members", period=y) for y in ("1928", "1929")]


@pytest.mark.covers("rural_party_and_soviets.implantation_chart")
@pytest.mark.parametrize("share", [None, 50, 30, 100])
def test_implantation_chart_scales_the_printed_figures_by_the_chosen_share(share):
    fig = rural_party_and_soviets.implantation_chart(genuine_share=share)
    left, right = fig.axes
    kept = (50 if share is None else share) / 100
    assert heights(left) == approx(RATES + [r * kept for r in RATES])
    assert heights(right) == approx([m / 1000 for m in MEMBERS] + [m * kept / 1000 for m in MEMBERS])
    assert "Percent of the adult rural population" in left.get_ylabel()
    assert "Thousand Party members" in right.get_ylabel()
    assert "by about one-half" in source_of(fig) and f"× {kept * 100:g}%" in source_of(fig)
    population = next(
        float(r["value"]) for r in rows("intro_recovery") if r["indicator"] == "population" and r["measure"] == "level"
    )
    peasantry = population * 1e6 * value(PARTY, indicator="peasantry_share_of_population") / 100
    assert f"= {MEMBERS[1] * kept / peasantry * 100:.3f}%" in right.texts[-1].get_text()


def test_the_author_s_one_half_is_his_advice_and_not_stored_data():
    for book in (
        paths.ROOT.parent / "shared" / "book" / "000_a33086497c1aed1f.txt",
        paths.ROOT.parent.parent / "shared" / "book" / "000_a33086497c1aed1f.txt",
    ):
        if book.exists():  # the book is beside the project while the course is written, not in it
            flat = " ".join(book.read_text(encoding="utf-8").split())
            assert "reduce the numbers quoted by about one-half" in flat
    assert rural_party_and_soviets.AUTHOR_ADVICE.startswith("We need to reduce the numbers quoted by about one-half")
    assert not any(
        "one-half" in r["printed"] and r["indicator"] != "peasants_share_of_rural_cell_members" for r in rows(PARTY)
    )
    adjusted = rural_party_and_soviets.adjusted_implantation()
    assert list(adjusted["genuine_peasants"]) == approx([r / 2 for r in RATES])


@pytest.mark.covers("rural_party_and_soviets.implantation_widget")
def test_implantation_widget_follows_its_slider():
    widget = rural_party_and_soviets.implantation_widget()
    slider = widget.children[0]
    assert slider.value == 50
    first = heights(widget.result.axes[0])
    slider.value = 100
    left, right = widget.result.axes
    assert heights(left) == approx(RATES + RATES)
    assert heights(right)[2:] == approx([m / 1000 for m in MEMBERS])
    slider.value = 20
    assert heights(widget.result.axes[0])[2:] == approx([r * 0.2 for r in RATES])
    assert heights(widget.result.axes[0]) != first
    assert "= 0.041%" in widget.result.axes[1].texts[-1].get_text()  # 242,000 × 20% ÷ (80% of 147 million)


@pytest.mark.covers("rural_party_and_soviets.representation_chart")
def test_representation_chart_draws_party_against_population_and_asset_shares():
    fig = rural_party_and_soviets.representation_chart()
    left, right = fig.axes
    assert heights(left) == approx(
        [
            value(PARTY, indicator="peasants_share_of_party_membership"),
            value(PARTY, indicator="peasantry_share_of_population"),
        ]
    )
    assets = {r["group"]: float(r["value"]) for r in rows("p2c3_assets_inquiry_1929")}
    assert assets == {"rural_communists": 4, "all_peasants": 6}
    assert heights(right) == approx([100 / assets["rural_communists"], 100 / assets["all_peasants"]])
    assert any("more than 80%" in t.get_text() for t in left.texts)
    assert "Percent" in left.get_ylabel() and "100 ÷ N" in source_of(fig)


@pytest.mark.covers("rural_party_and_soviets.purge_chart")
def test_purge_chart_draws_the_three_rates():
    fig = rural_party_and_soviets.purge_chart()
    ax = fig.axes[0]
    expected = {r["cell_type"]: float(r["value"]) for r in rows("p2c3_purge_1929_30")}
    assert heights(ax) == approx([expected["rural"], expected["nonproductive"], expected["factory"]])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Rural cells", "“Nonproductive” cells", "Factory cells"]
    assert "Percent of members expelled" in ax.get_ylabel()


@pytest.mark.covers("rural_party_and_soviets.participation_chart")
def test_participation_chart_draws_turnout_and_the_skhod_range():
    fig = rural_party_and_soviets.participation_chart()
    ax = fig.axes[0]
    votes = [r for r in rows("p2c3_participation") if r["body"] == "soviet_elections"]
    exact = [r for r in votes if r["qualifier"] != "more than"]
    assert list(ax.lines[0].get_xdata()) == [int(r["year_from"]) for r in exact]
    assert list(ax.lines[0].get_ydata()) == approx([float(r["value"]) for r in exact])
    late = next(r for r in votes if r["qualifier"] == "more than")
    (segment,) = ax.collections[0].get_segments()
    assert segment.tolist() == [
        [int(late["year_from"]), float(late["value"])],
        [int(late["year_to"]), float(late["value"])],
    ]
    (skhod,) = ax.collections[1].get_segments()
    assert sorted(skhod[:, 1]) == approx([value("p2c3_participation", body="skhod", bound=b) for b in ("low", "high")])
    assert "Percent of those entitled" in ax.get_ylabel() and "different acts" in source_of(fig)


@pytest.mark.covers("rural_party_and_soviets.revenues_chart")
def test_revenues_chart_draws_the_range_and_the_soviets():
    fig = rural_party_and_soviets.revenues_chart()
    ax = fig.axes[0]
    low = value("p2c3_village_revenues", body="traditional_organizations", bound="low")
    high = value("p2c3_village_revenues", body="traditional_organizations", bound="high")
    soviets = value("p2c3_village_revenues", body="village_soviets", bound="point")
    assert widths(ax) == approx([soviets, low, high - low])
    assert ax.patches[2].get_x() == low
    assert any(f"× {low / soviets:.1f} to × {high / soviets:.2f}" in t.get_text() for t in ax.texts)
    assert "Million roubles a year" in ax.get_xlabel()


@pytest.mark.covers("rural_party_and_soviets.soviet_network_chart")
def test_soviet_network_chart_multiplies_the_averages_by_the_number_of_soviets():
    fig = rural_party_and_soviets.soviet_network_chart()
    left, right = fig.axes
    net = {(r["indicator"], r["bound"]): float(r["value"]) for r in rows("p2c3_rural_soviets_1929")}
    soviets, members = net[("rural_soviets", "point")], net[("members_per_soviet", "point")]
    low, high = net[("deputies_attending", "low")], net[("deputies_attending", "high")]
    assert heights(left) == approx([members, low, high - low])
    assert heights(right) == approx([soviets * members / 1000, soviets * low / 1000, soviets * (high - low) / 1000])
    assert "Members per soviet" in left.get_ylabel() and "Thousand deputies" in right.get_ylabel()


def test_genuine_share_of_the_peasantry_bears_out_about_one_tenth_of_a_percent():
    population = next(
        float(r["value"]) for r in rows("intro_recovery") if r["indicator"] == "population" and r["measure"] == "level"
    )
    expected = (
        MEMBERS[1] * 0.5 / (population * 1e6 * value(PARTY, indicator="peasantry_share_of_population") / 100) * 100
    )
    assert rural_party_and_soviets.genuine_share_of_peasantry() == pytest.approx(expected)
    assert abs(expected - value(PARTY, indicator="genuine_peasant_members_share_of_peasantry")) < 0.05


@pytest.mark.parametrize(
    "label, answer",
    [
        ("6.1", "rural"),
        ("6.2", (MEMBERS[1] / MEMBERS[0] - 1) * 100),
        ("6.3", RATES[1] / 2 * 100),
        ("6.4", 8),
        ("6.5", ((1 / 4) / (1 / 6) - 1) * 100),
        ("6.6", 5),
        ("6.7", 7 / 18 * 100),
        ("6.8", 0.1029),
    ],
)
def test_exercise_answers_computed_here_are_accepted(label, answer):
    assert check(label, answer).correct


@pytest.mark.parametrize(
    "label, wrong, says",
    [
        ("6.1", "nonproductive", "resolution"),
        ("6.2", MEMBERS[1] - MEMBERS[0], "growth in members"),
        ("6.3", RATES[1] * 100, "one-half"),
        ("6.4", 70, "percentage points"),
        ("6.5", (4 / 6 - 1) * 100, "N's"),
        ("6.5", 25 - 100 / 6, "percentage points"),
        ("6.6", 6.25, "upper end"),
        ("6.7", 5 / 18 * 100, "lower end"),
        ("6.8", MEMBERS[1] * 0.5 / 147e6 * 100, "whole population"),
    ],
)
def test_likely_mistakes_get_their_own_feedback(label, wrong, says):
    feedback = check(label, wrong)
    assert not feedback.correct and says in feedback.message


# ---- computation in the open, and the line between rich and the rest -------------------------------


def test_the_table_the_lesson_builds_in_the_open_is_what_the_purge_chart_draws():
    from nepcourse import load

    namespace = {"load": load}
    exec(lesson_code("06", "expelled = "), namespace)
    expelled = namespace["expelled"]
    assert "purge_chart(data=expelled)" in lesson_code("06", "purge_chart(")
    printed = {r["cell_type"]: float(r["value"]) for r in rows("p2c3_purge_1929_30")}
    assert list(expelled.index) == sorted(printed, key=printed.get, reverse=True)
    assert list(expelled) == approx(sorted(printed.values(), reverse=True))
    fig = rural_party_and_soviets.purge_chart(data=expelled)
    assert [p.get_height() for p in fig.axes[0].patches] == approx(list(expelled))
    namespace["expelled"] = expelled
    relative = eval(lesson_code("06", 'expelled["factory"]'), namespace)
    assert relative["rural"] == pytest.approx((printed["rural"] / printed["factory"] - 1) * 100)


def test_exercise_6_9_sets_the_wealth_line_against_lenins_criteria():
    one_in_six = next(float(r["value"]) for r in rows("p2c3_assets_inquiry_1929") if r["group"] == "all_peasants")
    rich = next(float(r["share"]) for r in rows("p2c1_social_divisions") if r["group"] == "rich")
    assert check("6.9", 100 / one_in_six / rich).correct
    assert 100 / one_in_six / rich > 5, "on the book's figures the wealth line takes in over five times as many"
    assert "percentage first" in check("6.9", one_in_six / rich).message
    assert "Kamenev" in check("6.9", 100 / one_in_six / 12).message


# ---- exercise 6.10: a chart the student draws ---------------------------------------------------

LINES = ["Lenin's criteria", "land held", "assets over 800 roubles", "rural Communists, assets over 800"]


def drawn(heights_, labels=LINES):
    """A chart drawn as the worksheet teaches: new_figure, ax.bar, decorate, add_source."""
    from nepcourse import add_source, decorate, new_figure

    fig, ax = new_figure()
    ax.bar(labels, heights_)
    decorate(ax, title="Who counts as rich", xlabel="Line", ylabel="Percent above the line")
    add_source(fig, "p2c1_social_divisions", "p2c1_kulak_estimates", "p2c3_assets_inquiry_1929")
    return fig


def one_in(group):
    return value("p2c3_assets_inquiry_1929", group=group)


def rich_lines():
    return [
        value("p2c1_social_divisions", "share", group="rich"),
        value("p2c1_kulak_estimates", "share", estimate="kamenev_1925", measure="share_of_farms"),
        100 / one_in("all_peasants"),
        100 / one_in("rural_communists"),
    ]


def test_exercise_6_10_the_four_lines_drawn_are_correct():
    heights_ = rich_lines()
    assert heights_ == sorted(heights_), "each line counts more as rich, and the rural Communists stand above all"
    feedback = check("6.10", drawn(heights_))
    assert feedback.correct, feedback
    relabelled = check("6.10", drawn(heights_, ["a", "b", "c", "d"]))
    assert relabelled.status == "wrong" and "label each with its line" in relabelled.message


def test_exercise_6_10_one_in_n_kept_as_n_gets_the_mistakes_message():
    heights_ = rich_lines()[:2] + [one_in("all_peasants"), one_in("rural_communists")]
    feedback = check("6.10", drawn(heights_))
    assert feedback.status == "wrong" and "the N of 'one in N'" in feedback.message
