"""Lesson 05, Part 2 chapter 2: the "scissors" between farm and industrial prices, what a hundredweight
of rye bought in 1927, the villages' supply of industrial goods, and peasant demand against industrial output.

Each chart is a function returning its figure; the numbers behind it come from small functions that the
tests check against the CSV files.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..periods import period_midpoint
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

SERIES_LABELS = {
    "agricultural": "all farm produce ÷ industrial retail prices",
    "grain_procured": "grain sold to the state ÷ industrial retail prices",
}
GOODS = ["textiles", "sugar", "kerosene", "salt", "nails"]
SECTORS = ["cooperative", "private"]
DEMAND_YEARS = ["1925–1926", "1926–1927", "1927–1928"]


# ---- the scissors ------------------------------------------------------------------------------


def price_ratios() -> pd.DataFrame:
    """Both printed ratio series (1913 = 100), one column each, one row per period in time order."""
    table = load("p2c2_price_ratios")
    wide = table.pivot(index="period", columns="series", values="value")
    order = sorted(wide.index, key=lambda p: (p != "1913", p))
    return wide.loc[order, ["agricultural", "grain_procured"]]


def rebased_ratios(base: str = "1913", wide: pd.DataFrame | None = None) -> pd.DataFrame:
    """The two ratio series (of ``price_ratios()``, or of ``wide`` shaped like it) with ``base`` = 100
    (each series divided by its own value in ``base``)."""
    wide = price_ratios() if wide is None else wide
    return wide / wide.loc[base] * 100


def grain_gap() -> pd.Series:
    """Index points by which the grain sellers' ratio stood below the ratio for all farm produce."""
    wide = price_ratios()
    return (wide["agricultural"] - wide["grain_procured"]).rename("gap (index points)")


def _scissors_alt(data, base: str = "1913") -> str:
    wide = (data if base == "1913" else rebased_ratios(base, data)).drop(index="1913")
    parts = [f"{SERIES_LABELS[series]}, {listing(num(v) for v in wide[series])}" for series in SERIES_LABELS]
    return (
        f"Lines, purchasing power with {base} = 100, for the economic years {listing(wide.index)}: {'; '.join(parts)}."
    )


@chart("p2c2_price_ratios", units=("index",), data=price_ratios, alt=_scissors_alt)
def scissors_chart(data=None, base: str = "1913"):
    """The two purchasing-power ratios on one time axis, against the base year (1913 = 100 unless chosen)
    (``data``: the two series as indices with 1913 = 100, one row per period, as ``price_ratios()`` gives;
    they are drawn as they are against 1913, and rebased on any other ``base``)."""
    wide = (data if base == "1913" else rebased_ratios(base, data)).drop(index="1913")
    when = [period_midpoint(p, "economic") for p in wide.index]
    fig, ax = new_figure(figsize=(9, 5))
    for i, series in enumerate(["agricultural", "grain_procured"]):
        ax.plot(
            when,
            wide[series],
            marker="os"[i],
            linestyle="-" if i == 0 else "--",
            color=f"C{i}",
            label=SERIES_LABELS[series],
        )
        for x, y in zip(when, wide[series]):
            ax.annotate(
                f"{y:.1f}",
                (x, y),
                textcoords="offset points",
                xytext=(0, 7 if i == 0 else -14),
                ha="center",
                fontsize=8,
                color=f"C{i}",
            )
    ax.axhline(100, color="black", linestyle="--", linewidth=1.2, label=f"{base} level = 100")
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    top = max(110.0, float(wide.max().max()) * 1.12)
    decorate(
        ax,
        title=f"The scissors: what farm produce could buy ({base} = 100)",
        xlabel="Economic year (points at mid-year; no figure for 1924–1925)",
        ylabel=f"Index of purchasing power\n({base} = 100)",
        ylim=(0, top),
    )
    ax.legend(loc="lower right", fontsize=8)
    derived = None if base == "1913" else f"Rebased by the course: each series ÷ its {base} value × 100."
    add_source(fig, "p2c2_price_ratios", derived=derived)
    return fig


def scissors_widget():
    """Choose the base year: the same two series, measured against 1913 or against any year of the NEP."""
    import ipywidgets as widgets

    choice = widgets.Dropdown(
        options=list(price_ratios().index),
        value="1913",
        description="Base year (= 100)",
        style={"description_width": "initial"},
    )
    return live(scissors_chart, base=choice)


# ---- what a hundredweight of rye bought --------------------------------------------------------


def rye_barter() -> pd.DataFrame:
    """Quantities bought with one hundredweight of rye: one row per good, columns cooperative, private, 1913, unit."""
    table = load("p2c2_rye_barter")
    table["column"] = table["sector"].where(table["year"] == "1927", "1913")
    wide = table.pivot(index="good", columns="column", values="value").loc[GOODS, ["cooperative", "private", "1913"]]
    # each good's three rows carry the same unit: take the one of its 1927 cooperative row
    wide["unit"] = [value(table, "unit", good=good, year="1927", sector="cooperative") for good in GOODS]
    return wide


def percent_of_1913(wide: pd.DataFrame | None = None) -> pd.DataFrame:
    """The 1927 quantities of each sector as a percentage of the 1913 quantity (from ``rye_barter()``,
    or from ``wide`` shaped like it)."""
    wide = rye_barter() if wide is None else wide
    return pd.DataFrame({s: wide[s] / wide["1913"] * 100 for s in SECTORS})


def private_premium(wide: pd.DataFrame | None = None) -> pd.Series:
    """How much dearer the private trader was, percent: cooperative quantity ÷ private quantity − 1
    (from ``rye_barter()``, or from ``wide`` shaped like it)."""
    wide = rye_barter() if wide is None else wide
    return ((wide["cooperative"] / wide["private"] - 1) * 100).rename("private premium (%)")


def barter_percent() -> pd.DataFrame:
    """What the barter chart draws: ``percent_of_1913()`` with the unit in which each good was counted."""
    wide = rye_barter()
    return percent_of_1913(wide).assign(unit=wide["unit"])


def _barter_alt(data) -> str:
    parts = [f"{g} {num(data.loc[g, 'cooperative'], 0)} and {num(data.loc[g, 'private'], 0)}" for g in data.index]
    below = [g for g in data.index if data.loc[g, "private"] < 100]
    return (
        f"Bars: what a hundredweight of rye bought in 1927, percent of the 1913 quantity, cooperative then private "
        f"sector: {listing(parts)}. In private trade it bought less than in 1913 for {len(below)} of "
        f"{len(data)} goods."
    )


@chart("p2c2_rye_barter", units=("percent",), data=barter_percent, alt=_barter_alt)
def barter_chart(data=None):
    """For each good, the 1927 quantity a hundredweight of rye bought, as percent of 1913, by sector
    (``data``: one row per good, columns cooperative, private (percent of 1913) and unit, as
    ``barter_percent()`` gives)."""
    shares = data
    goods = list(shares.index)
    fig, ax = new_figure(figsize=(9, 4.8))
    x = range(len(goods))
    for offset, sector, colour, hatch in [(-0.2, "cooperative", "C0", ""), (0.2, "private", "C3", "//")]:
        ax.bar(
            [i + offset for i in x],
            shares[sector],
            width=0.4,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=f"1927, {sector} sector",
        )
        for i, share in zip(x, shares[sector]):
            ax.text(i + offset, share + 1.5, f"{share:.0f}", ha="center", fontsize=8)
    ax.axhline(100, color="black", linestyle="--", linewidth=1.2, label="1913 quantity = 100")
    units = shares["unit"]
    ax.set_xticks(list(x), [f"{g}\n({units[g]})" for g in goods])
    decorate(
        ax,
        title="What a hundredweight of rye bought in 1927",
        xlabel="Industrial good (unit of the book's table)",
        ylabel="Quantity bought\n(percent of the 1913 quantity)",
        ylim=(0, 125),
    )
    ax.legend(loc="upper left", fontsize=8, ncols=3)
    add_source(
        fig, "p2c2_rye_barter", derived="Percent of 1913 computed by the course: 1927 quantity ÷ 1913 quantity × 100."
    )
    return fig


def _barter_good_alt(data, good: str = "salt", sector: str = "private") -> str:
    row = data.loc[good]
    return (
        f"Bars: one hundredweight of rye bought {num(row['1913'], 2)} {row['unit']} of {good} in 1913, and in 1927 "
        f"{num(row['cooperative'], 2)} in the cooperative sector and {num(row['private'], 2)} in the private one; "
        f"the {sector} sector's quantity, outlined, is {num(row[sector] / row['1913'] * 100)}% of 1913."
    )


@chart("p2c2_rye_barter", units=("kilograms",), data=rye_barter, alt=_barter_good_alt)
def barter_good_chart(data=None, good: str = "salt", sector: str = "private"):
    """One good: what the rye bought in 1913 and in 1927 in each sector, the chosen sector picked out
    (``data``: one row per good, columns cooperative, private, 1913 and unit, as ``rye_barter()`` gives)."""
    wide = data
    row = wide.loc[good]
    labels = ["1913", "1927\ncooperative", "1927\nprivate"]
    values = [row["1913"], row["cooperative"], row["private"]]
    chosen = 1 + SECTORS.index(sector)
    fig, ax = new_figure(figsize=(8, 4.8))
    bars = ax.bar(labels, values, color=["#999999", "C0", "C3"], alpha=0.45)
    # the chosen sector stands out by its full colour and a black outline (not by colour alone)
    bars[chosen].set_alpha(1)
    bars[chosen].set_edgecolor("black")
    bars[chosen].set_linewidth(2)
    for i, height in enumerate(values):
        ax.text(i, height * 1.02, f"{height:g}", ha="center")
    share = row[sector] / row["1913"] * 100
    premium = private_premium(wide)[good]
    decorate(
        ax,
        title=f"{good.capitalize()}: {row[sector]:g} {row['unit']} in the {sector} sector = {share:.1f}% of 1913",
        xlabel=f"Year and sector (private prices {premium:.1f}% above the cooperative's)",
        ylabel=f"{good.capitalize()} bought with one\nhundredweight of rye ({row['unit']})",
        ylim=(0, max(values) * 1.18),
    )
    add_source(
        fig,
        "p2c2_rye_barter",
        derived="Percent of 1913 and the private premium (cooperative ÷ private − 1) computed by the course.",
    )
    return fig


def barter_widget():
    """Choose a good and a sector: what a hundredweight of rye bought, against 1913 and the other sector."""
    import ipywidgets as widgets

    good = widgets.Dropdown(options=GOODS, value="salt", description="Good")
    sector = widgets.ToggleButtons(options=SECTORS, value="private", description="Sector")
    return live(barter_good_chart, good=good, sector=sector)


# ---- the villages' share of trade --------------------------------------------------------------


def figure(indicator: str, period: str, table: pd.DataFrame | None = None) -> float:
    """One value of p2c2_figures (or of ``table``, shaped like it): the one row of that indicator and period."""
    return float(value("p2c2_figures" if table is None else table, indicator=indicator, period=period))


def _villages_alt(data) -> str:
    population = figure("population_in_villages", "1928", data)
    turnover = figure("official_retail_turnover_in_villages", "1928", data)
    return (
        f"Bars, 1928: more than {num(population)}% of the Soviet population lived in villages, which made less "
        f"than {num(turnover)}% of official retail turnover."
    )


@chart("p2c2_figures", units=("percent",), data=lambda: load("p2c2_figures"), alt=_villages_alt)
def villages_chart(data=None):
    """1928: the villages' share of the population against their share of official retail trade
    (``data``: the rows of p2c2_figures, as ``load("p2c2_figures")`` gives)."""
    population = figure("population_in_villages", "1928", data)
    turnover = figure("official_retail_turnover_in_villages", "1928", data)
    fig, ax = new_figure(figsize=(8, 3.2))
    labels = [
        "Share of the Soviet population\nliving in villages (more than)",
        "Share of official retail turnover\nmade in villages (less than)",
    ]
    ax.barh(labels, [population, turnover], color=["C2", "C1"])
    for label, percent in zip(labels, [population, turnover]):
        ax.text(percent + 1, label, f"{percent:g}%", va="center")
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    decorate(ax, title="Villages and state and cooperative trade, 1928", xlabel="Percent", xlim=(0, 100))
    add_source(fig, "p2c2_figures")
    return fig


def urban_to_rural_turnover_per_head() -> float:
    """How many times more official retail turnover per head town dwellers had than villagers (at least)."""
    population = figure("population_in_villages", "1928")
    turnover = figure("official_retail_turnover_in_villages", "1928")
    return ((100 - turnover) / (100 - population)) / (turnover / population)


# ---- peasant demand against industrial output ---------------------------------------------------


def demand_and_output() -> pd.DataFrame:
    """Peasant demand (money, 1912–1913 = 100) and industrial production (1913 = 100), with the gap."""
    demand = load("p2c2_peasant_demand")
    money = demand[demand["indicator"] == "demand_index"].set_index("period")["value"]
    output = load("p2c2_industrial_production").set_index("period")["value"]
    frame = pd.DataFrame({"peasant_demand": money.loc[DEMAND_YEARS], "industrial_production": output.loc[DEMAND_YEARS]})
    frame["gap"] = frame["industrial_production"] - frame["peasant_demand"]
    return frame


def demand_in_volume(table: pd.DataFrame | None = None) -> float:
    """The 1925–1926 demand index deflated by the rise in industrial retail prices (the book's 33)
    (from p2c2_peasant_demand, or from ``table`` shaped like it)."""
    table = load("p2c2_peasant_demand") if table is None else table
    return float(
        value(table, indicator="demand_index", period="1925–1926")
        / value(table, indicator="industrial_retail_prices", period="1925–1926")
    )


def printed_gaps(claims: pd.DataFrame | None = None) -> pd.Series:
    """The gaps the book prints (from the claims table, or from ``claims`` shaped like it), by year."""
    claims = load("claims") if claims is None else claims
    return pd.Series(
        {year: float(value(claims, "stated", claim_id=f"p2c2-gap-{year[:4]}-{year[7:9]}")) for year in DEMAND_YEARS}
    )


def demand_gaps() -> pd.DataFrame:
    """What the demand chart draws: ``demand_and_output()``, with the gap the book prints
    (``printed_gap``) and the demand in volume where the course computes it (``demand_in_volume``,
    1925–1926 only)."""
    frame = demand_and_output()
    frame["printed_gap"] = printed_gaps()
    frame["demand_in_volume"] = pd.Series({"1925–1926": demand_in_volume()}).reindex(frame.index)
    return frame


def _demand_alt(data) -> str:
    years = list(data.index)
    gaps = [num(data.loc[y, "gap"]) for y in years]
    volume = data["demand_in_volume"].dropna()
    extra = f" In volume, peasant demand in {volume.index[0]} was {num(volume.iloc[0])}." if len(volume) else ""
    return (
        f"Lines, prewar = 100: industrial production {listing(num(v) for v in data['industrial_production'])} and "
        f"peasant demand in money {listing(num(v) for v in data['peasant_demand'])} in {listing(years)}; "
        f"the gap, production minus demand, was {listing(gaps)} index points.{extra}"
    )


@chart(
    "p2c2_peasant_demand",
    "p2c2_industrial_production",
    "claims",
    units=("index",),
    data=demand_gaps,
    alt=_demand_alt,
)
def demand_chart(data=None):
    """Peasant demand for industrial goods against industrial production, 1925–1926 to 1927–1928
    (``data``: one row per economic year, columns industrial_production, peasant_demand, gap,
    printed_gap and demand_in_volume, as ``demand_gaps()`` gives)."""
    frame = data
    years = list(frame.index)
    printed = frame["printed_gap"]
    volume = frame["demand_in_volume"].dropna()
    fig, ax = new_figure(figsize=(9, 5.8))
    x = list(range(len(years)))
    ax.plot(x, frame["industrial_production"], marker="o", color="C0", label="industrial production (1913 = 100)")
    ax.plot(
        x,
        frame["peasant_demand"],
        marker="s",
        linestyle="--",
        color="C1",
        label="peasant demand for industrial goods, in money (1912–1913 = 100)",
    )
    ax.plot(
        [years.index(y) for y in volume.index],
        list(volume),
        marker="D",
        linestyle="none",
        color="C3",
        label="peasant demand in volume, 1925–1926 (book: 33)",
    )
    for i, year in enumerate(years):
        top, bottom = frame.loc[year, "industrial_production"], frame.loc[year, "peasant_demand"]
        ax.vlines(i, bottom, top, color="#777777", linestyle=":")
        note = f" gap {frame.loc[year, 'gap']:.1f}"
        if abs(frame.loc[year, "gap"] - printed[year]) > 0.05:
            note += f"\n (book prints {printed[year]:.1f})"
        ax.text(i, (top + bottom) / 2, note, va="center", fontsize=9)
    ax.set_xticks(x, years)
    ax.set_xlim(-0.3, 2.6)
    decorate(
        ax,
        title="Peasant demand against industrial output",
        xlabel="Economic year (October–September)",
        ylabel="Index (prewar = 100)",
        ylim=(0, 135),
    )
    ax.legend(loc="lower right", fontsize=8)
    add_source(
        fig,
        "p2c2_peasant_demand",
        "p2c2_industrial_production",
        "claims",
        derived="Gaps (production − demand) and volume (72.7 ÷ 2.2) computed by the course.",
    )
    return fig


# ---- exercises of lesson 05 ---------------------------------------------------------------------


def _ratio(series: str, period: str) -> float:
    return value("p2c2_price_ratios", series=series, period=period)


def _largest_fall(series: str) -> str:
    nep = price_ratios().drop(index="1913")[series]
    return str(nep.diff().idxmin())


def _barter(good: str, column: str) -> float:
    return value(rye_barter().reset_index(), column, good=good)


def _demand(indicator: str, period: str) -> float:
    return value("p2c2_peasant_demand", indicator=indicator, period=period)


def _growth(before: float, after: float) -> float:
    """Percent growth from ``before`` to ``after``."""
    return (after / before - 1) * 100


def output_and_demand_growth() -> pd.Series:
    """Percent growth of industrial production and of peasant money demand, 1925–1926 to 1927–1928: the test
    of the Left Opposition's reading of the goods famine (peasant incomes outgrowing industry)."""
    frame = demand_and_output()
    first, last = DEMAND_YEARS[0], DEMAND_YEARS[-1]
    return pd.Series(
        {
            column: _growth(frame.loc[first, column], frame.loc[last, column])
            for column in ("industrial_production", "peasant_demand")
        }
    ).rename("growth (%)")


def _points(column: str) -> float:
    frame = demand_and_output()
    return frame.loc[DEMAND_YEARS[-1], column] - frame.loc[DEMAND_YEARS[0], column]


def _volume_verdict() -> str:
    frame = demand_and_output()
    volume_gap = frame.loc["1925–1926", "industrial_production"] - demand_in_volume()
    return "strengthens" if volume_gap > frame.loc["1925–1926", "gap"] else "weakens"


NEP_PERIODS = ("1923–1924", "1925–1926", "1926–1927", "1927–1928", "1928–1929", "1929–1930")

register(
    Exercise(
        "5.1",
        lambda: _largest_fall("grain_procured"),
        kind="choice",
        choices=NEP_PERIODS,
        hint="Follow the lower line of the scissors chart: where does it drop most steeply?",
        mistakes=(
            Mistake(
                lambda: _largest_fall("agricultural"),
                "That is where the line for all farm produce falls most. The question is about grain sold to the "
                "state.",
            ),
        ),
    )
)
register(
    Exercise(
        "5.2",
        lambda: _ratio("agricultural", "1927–1928") / _ratio("agricultural", "1923–1924"),
        tolerance=0.01,
        unit="times",
        hint="Divide the 1927–1928 index by the 1923–1924 index.",
        mistakes=(
            Mistake(
                lambda: _ratio("grain_procured", "1927–1928") / _ratio("grain_procured", "1923–1924"),
                "You used the grain series. The book's '2.3' is about all agricultural products.",
            ),
            Mistake(
                lambda: _ratio("agricultural", "1927–1928") - _ratio("agricultural", "1923–1924"),
                "That is the rise in index points. 'How many times' asks for a ratio: divide.",
            ),
            Mistake(
                lambda: (_ratio("agricultural", "1927–1928") / _ratio("agricultural", "1923–1924") - 1) * 100,
                "That is the percent increase. The question asks how many times (a ratio).",
            ),
        ),
    )
)
register(
    Exercise(
        "5.3",
        lambda: grain_gap()["1926–1927"],
        tolerance=0.05,
        unit="index points",
        hint="Subtract the grain figure of 1926–1927 from the all-produce figure of the same year.",
        mistakes=(
            Mistake(lambda: grain_gap()["1925–1926"], "That is the gap of 1925–1926, the year before the price cut."),
            Mistake(
                lambda: grain_gap()["1926–1927"] / _ratio("agricultural", "1926–1927") * 100,
                "That is the gap as a percent of the all-produce figure. The question asks for index points: a plain "
                "difference.",
            ),
        ),
    )
)
register(
    Exercise(
        "5.4",
        lambda: _barter("textiles", "private") / _barter("textiles", "1913") * 100,
        tolerance=0.1,
        unit="percent",
        hint="Divide the 1927 private-sector quantity by the 1913 quantity and multiply by 100.",
        mistakes=(
            Mistake(
                lambda: _barter("textiles", "cooperative") / _barter("textiles", "1913") * 100,
                "That is the cooperative sector. The question asks about the private trader.",
            ),
            Mistake(
                lambda: _barter("textiles", "1913") / _barter("textiles", "private") * 100,
                "You divided the other way round: 1913 by 1927. Put 1927 on top.",
            ),
        ),
    )
)
register(
    Exercise(
        "5.5",
        lambda: private_premium()["salt"],
        tolerance=0.1,
        unit="percent",
        hint="The same rye buys less salt where salt is dearer: price ratio = cooperative quantity ÷ private "
        "quantity. Subtract 1 and multiply by 100.",
        mistakes=(
            Mistake(
                lambda: (
                    (_barter("salt", "cooperative") - _barter("salt", "private")) / _barter("salt", "cooperative") * 100
                ),
                "That is how much less salt the private trader gave (as a percent of the cooperative quantity), not "
                "how much dearer salt was. Prices are the inverse of quantities: divide cooperative by private.",
            ),
            Mistake(
                lambda: _barter("salt", "cooperative") - _barter("salt", "private"),
                "That is the difference in kilograms. The question asks for a percentage.",
            ),
        ),
    )
)
register(
    Exercise(
        "5.6",
        demand_in_volume,
        tolerance=0.05,
        unit="index (1912–1913 = 100)",
        hint="Volume = money value ÷ price: divide the index by 2.2.",
        mistakes=(
            Mistake(
                lambda: _demand("demand_index", "1925–1926") * _demand("industrial_retail_prices", "1925–1926"),
                "You multiplied by the price rise. Higher prices mean the same money buys less: divide.",
            ),
            Mistake(
                lambda: (
                    _demand("demand_index", "1925–1926") - (_demand("industrial_retail_prices", "1925–1926") - 1) * 100
                ),
                "You subtracted the price rise (120 points). Prices and volumes multiply: divide by 2.2 instead.",
            ),
        ),
    )
)
register(
    Exercise(
        "5.7",
        lambda: demand_and_output().loc["1925–1926", "gap"],
        tolerance=0.05,
        unit="index points",
        hint="Industrial production index of 1925–1926 minus the peasant demand index of 1925–1926.",
        mistakes=(
            Mistake(
                lambda: printed_gaps()["1925–1926"],
                "That is the figure the book prints. Do the subtraction from the two indices yourself.",
            ),
            Mistake(
                lambda: demand_and_output().loc["1925–1926", "industrial_production"] - demand_in_volume(),
                "You used the volume index (33). The book's comparison uses the money index, 72.7.",
            ),
        ),
    )
)
register(
    Exercise(
        "5.8",
        _volume_verdict,
        kind="choice",
        choices=("strengthens", "weakens"),
        hint="Compute the gap between industrial production and demand both ways: which gap is bigger?",
        mistakes=(
            Mistake(
                lambda: "weakens" if _volume_verdict() == "strengthens" else "strengthens",
                "Compare 89.9 − 33 with 89.9 − 72.7: a smaller demand makes the gap bigger.",
            ),
        ),
    )
)
register(
    Exercise(
        "5.9",
        urban_to_rural_turnover_per_head,
        tolerance=0.05,
        unit="times",
        hint="Per head = share of turnover ÷ share of population. Towns: (100 − 34) ÷ (100 − 80); villages: 34 ÷ 80. "
        "Divide the two.",
        mistakes=(
            Mistake(
                lambda: (
                    figure("population_in_villages", "1928") / figure("official_retail_turnover_in_villages", "1928")
                ),
                "That compares the villages' share of population with their share of turnover, but leaves out the "
                "towns. Work out turnover per head in both, then divide.",
            ),
            Mistake(
                lambda: (
                    (figure("official_retail_turnover_in_villages", "1928") / figure("population_in_villages", "1928"))
                    / (
                        (100 - figure("official_retail_turnover_in_villages", "1928"))
                        / (100 - figure("population_in_villages", "1928"))
                    )
                ),
                "You divided villages by towns: the other way round.",
            ),
        ),
    )
)
register(
    Exercise(
        "5.10",
        lambda: output_and_demand_growth()["industrial_production"] / output_and_demand_growth()["peasant_demand"],
        tolerance=0.02,
        unit="times",
        hint="Growth in percent = (later ÷ earlier − 1) × 100, for each index from 1925–1926 to 1927–1928. "
        "Then divide the growth of industrial production by the growth of peasant demand.",
        mistakes=(
            Mistake(
                lambda: _points("industrial_production") / _points("peasant_demand"),
                "You compared rises in index points. The two indices start from different levels (89.9 and 72.7): "
                "compare growth in percent.",
            ),
            Mistake(
                lambda: (
                    demand_and_output().loc[DEMAND_YEARS[-1], "industrial_production"]
                    / demand_and_output().loc[DEMAND_YEARS[-1], "peasant_demand"]
                ),
                "That compares the two levels in 1927–1928. The question is about growth from 1925–1926.",
            ),
            Mistake(
                lambda: (
                    output_and_demand_growth()["peasant_demand"] / output_and_demand_growth()["industrial_production"]
                ),
                "You divided the other way round: put the growth of industrial production on top.",
            ),
        ),
    )
)


register(
    Exercise(
        "5.11",
        grain_gap,
        kind="figure",
        tolerance=0.05,
        hint="For each period, subtract the grain ratio from the ratio for all farm produce: one bar per period.",
        drawing=Drawing(marks="bars", what="periods", source=True),
        mistakes=(
            Mistake(
                lambda: -grain_gap(),
                "Your bars point below zero: you subtracted the other way round. Take the grain ratio from the "
                "ratio for all farm produce.",
            ),
            Mistake(
                lambda: price_ratios()["grain_procured"],
                "Your bars are the grain sellers' ratio itself. The exercise asks for the gap: all farm produce "
                "minus grain.",
            ),
        ),
    )
)
