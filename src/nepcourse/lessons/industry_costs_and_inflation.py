"""Lesson 07, Part 3 opening and Chapter 1: the costs of state industry against the plans, its profits and its
finances, and the gap between money incomes and goods that became inflation (1925–1929).

Each chart is a function returning its figure; the numbers behind it come from small functions that the tests
check against the CSV files. Growth rates are the book's; every level, index and multiple is computed here.
"""

from __future__ import annotations

import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

#: The four economic years of the chapter's comparisons, the base first.
YEARS = ("1925–1926", "1926–1927", "1927–1928", "1928–1929")

#: Each scenario of the cost table: colour, hatching and words (planned hatched, so not by colour alone).
SCENARIOS = {"planned": ("C0", "//", "planned"), "realized": ("C3", "", "realized")}

#: The series of the growth chart: words, colour, marker, and whether the book prints only an average rate
#: (drawn dashed, with hollow markers: the path between the ends is the course's assumption of a steady rate).
SERIES = {
    "investment": ("investment (×2.75 to 1929)", "C5", "D", True),
    "budget_expenditure": ("budget expenditure (30% a year)", "C0", "s", True),
    "census_consumer_goods": ("consumer goods, census industry (calendar years)", "C2", "o", False),
    "currency_in_circulation": ("currency in circulation (1 July)", "C3", "^", True),
    "wages": ("wages", "C1", "v", False),
    "real_national_income": ("real national income (7% a year)", "C4", "P", True),
}


# ---- costs: the plans against the results -----------------------------------------------------------------


def cost_index(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cost table with each year's change as a factor and the compounded index (1924–1925 = 100), by
    scenario; for the realized range of 1928–1929 the first figure (−4) is used, ``change_to`` holds the other."""
    costs = load("p3c1_costs") if table is None else table.copy()
    costs["factor"] = 1 + costs["change"] / 100
    costs["index"] = costs.groupby("scenario")["factor"].cumprod() * 100
    return costs


def _index_to(costs: pd.DataFrame) -> float:
    """The realized index at the end of 1928–1929 with the range's other figure (−4.5)."""
    realized = costs[costs["scenario"] == "realized"]
    factors = 1 + realized["change_to"].fillna(realized["change"]) / 100
    return float(factors.prod() * 100)


def _costs_alt(data) -> str:
    data = data if "index" in data else cost_index(data)
    planned, realized = (data[data["scenario"] == s] for s in ("planned", "realized"))
    changes = [
        f"{c:+g}" + (f" to {t:+g}" if pd.notna(t) else "") for c, t in zip(realized["change"], realized["change_to"])
    ]
    return (
        f"Left, bars: industrial costs were planned to change by {listing(f'{c:+g}' for c in planned['change'])} "
        f"percent in the four years from 1925–1926, and changed by {listing(changes)} percent. Right, lines: "
        f"compounded, the plans would have brought costs to {num(planned['index'].iloc[-1])} (1924–1925 = 100) by "
        f"1928–1929; they came to {num(realized['index'].iloc[-1])} (or {num(_index_to(data))})."
    )


@chart("p3c1_costs", units=("percent", "index"), data=cost_index, alt=_costs_alt)
def costs_chart(data=None):
    """Planned against realized change of industrial costs, year by year and compounded over four years
    (``data``: rows of p3c1_costs, with the ``index`` column ``cost_index`` adds, or without it)."""
    data = data if "index" in data else cost_index(data)
    fig, (left, right) = new_figure(ncols=2, figsize=(11, 4.8))
    for offset, (scenario, (colour, hatch, words)) in zip((-0.2, 0.2), SCENARIOS.items()):
        rows = data[data["scenario"] == scenario]
        x = [YEARS.index(p) + offset for p in rows["period"]]
        left.bar(x, rows["change"], width=0.4, color=colour, hatch=hatch, edgecolor="white", label=words)
        for xi, c, t in zip(x, rows["change"], rows["change_to"]):
            text = f"{c:+g}" + (f" to {t:+g}" if pd.notna(t) else "")
            low = min(c, t) if pd.notna(t) else c
            y = c + 0.3 if c > 0 else low - 0.3
            left.text(xi, y, text, ha="center", va="bottom" if c > 0 else "top", fontsize=8)
            if pd.notna(t):
                left.plot([xi, xi], [c, t], color="black", linewidth=2)
        indices = [100.0, *rows["index"]]
        right.plot(
            range(-1, len(rows)),
            indices,
            color=colour,
            marker="o" if scenario == "realized" else "s",
            linestyle="-" if scenario == "realized" else "--",
            label=words,
        )
        right.annotate(
            f"{indices[-1]:.1f}", (len(rows) - 1, indices[-1]), textcoords="offset points", xytext=(8, -3), fontsize=9
        )
    left.axhline(0, color="black", linewidth=0.8)
    left.set_xticks(range(4), YEARS, fontsize=8)
    decorate(
        left,
        title="Each year: cost change on the year before",
        xlabel="Economic year",
        ylabel="Change of costs (percent)",
        ylim=(-9, 4),
    )
    right.set_xticks(range(-1, 4), ["1924–1925\n(base)", *YEARS], fontsize=8)
    decorate(
        right,
        title="Compounded: costs, 1924–1925 = 100",
        xlabel="Economic year",
        ylabel="Industrial costs (index, 1924–1925 = 100)",
        ylim=(70, 105),
    )
    add_source(
        fig,
        "p3c1_costs",
        derived="Index computed by the course: 100 × the product of (1 + change ÷ 100). "
        "Realized 1928–1929 printed as a range ('– 4 to 4.5', black line); the index uses −4.",
    )
    return fig


# ---- profits and the flows between industry and the financial system ----------------------------------------


def finance_figures() -> pd.DataFrame:
    """Net profits (p3c1_profits, as series net_profits) and the rows of p3c1_industry_finance in one table."""
    profits = load("p3c1_profits").assign(series="net_profits", measure="level")
    return pd.concat([profits, load("p3c1_industry_finance")], ignore_index=True)


def received_per_100(data: pd.DataFrame) -> pd.Series:
    """What industry received from the financial system for each 100 roubles it paid into it: 1924–1925 (net
    contribution 11.6 percent of what it paid) and 1926–1927 ('nearly 35 percent' more than it paid)."""
    net = value(data, series="finance_to_industry_net", measure="percent_of_base")
    more = value(data, series="finance_to_industry", measure="percent_change")
    return pd.Series({"1924–1925": 100 + net, "1926–1927": 100 + more})


def paid_in_1924_25(data: pd.DataFrame | None = None) -> float:
    """Industry's contribution to the financial system in 1924–1925 (million roubles) implied by a net
    contribution of the system to industry of 20 million being 11.6 percent of it."""
    data = load("p3c1_industry_finance") if data is None else data
    level = value(data, series="finance_to_industry_net", measure="level")
    return level / value(data, series="finance_to_industry_net", measure="percent_of_base") * 100


def _finance_alt(data) -> str:
    profits = data[data["series"] == "net_profits"]
    flows = received_per_100(data)
    return (
        f"Left, bars: net profits of state industry, "
        f"{listing(f'{num(v)} ({p})' for p, v in zip(profits['period'], profits['value']))} "
        f"million roubles. Right, bars: for each 100 roubles industry paid into the financial system it received "
        f"{num(flows['1924–1925'])} in 1924–1925 and {num(flows['1926–1927'])} in 1926–1927."
    )


@chart(
    "p3c1_profits",
    "p3c1_industry_finance",
    units=("million roubles", "percent"),
    data=finance_figures,
    alt=_finance_alt,
)
def finance_chart(data=None):
    """Net profits of state industry, and what it drew from the financial system per 100 roubles it paid in
    (``data``: net profits and the rows of p3c1_industry_finance, as ``finance_figures()`` gives)."""
    profits = data[data["series"] == "net_profits"]
    flows = received_per_100(data)
    fig, (left, right) = new_figure(ncols=2, figsize=(11, 4.6))
    left.bar(profits["period"], profits["value"], color="C0")
    for i, v in enumerate(profits["value"]):
        left.text(i, v + 10, f"{v:,.0f}", ha="center")
    decorate(
        left,
        title="Net profits of state industry",
        xlabel="Economic year",
        ylabel="Million roubles",
        ylim=(0, max(profits["value"]) * 1.2),
    )
    right.bar(flows.index, flows.values, color=["#999999", "C3"], hatch="//", edgecolor="white")
    right.axhline(100, color="black", linewidth=1, linestyle="--")
    right.text(0.5, 103, "100: industry pays its own way", fontsize=8, ha="center")
    for i, v in enumerate(flows.values):
        right.text(i, v + 3, f"{v:.1f}", ha="center")
    decorate(
        right,
        title="Drawn from the financial system\nper 100 roubles paid into it",
        xlabel="Economic year",
        ylabel="Percent of what industry paid in",
        ylim=(0, max(flows.values) * 1.25),
    )
    add_source(
        fig,
        "p3c1_profits",
        "p3c1_industry_finance",
        derived="Right: 100 + 11.6 (1924–1925) and 100 + 'nearly 35' (1926–1927), computed by the course.",
    )
    return fig


# ---- the inflationary gap: every series rebased to one year --------------------------------------------------


def _steady(multiple: float, steps: int = 3) -> list[float]:
    """A steady path (index, start = 100) that reaches ``multiple`` after ``steps`` years."""
    return [100 * multiple ** (s / steps) for s in range(steps + 1)]


def growth_paths(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each series of p3c1_inflation as an index on its first year = 100, one column per economic year of
    ``YEARS`` (NaN where the book gives no figure). Census industry's calendar years 1925–1928 and the currency
    of 1 July 1926–1929 are set on the economic years 1925–1926 to 1928–1929, and investment's '1929' on
    1928–1929. Series the book gives only as a multiple or an average rate take a steady path between the ends."""
    t = load("p3c1_inflation") if table is None else table
    goods = t[t["series"] == "census_consumer_goods"].sort_values("period")["value"]
    goods_path = [100.0]
    for rise in goods:
        goods_path.append(goods_path[-1] * (1 + rise / 100))
    wages_two = value(t, series="wages", period="1927–1928") / 100 + 1
    wages_next = value(t, series="wages", period="1928–1929") / 100 + 1
    currency = value(t, series="currency_in_circulation", period="1 July 1929") / value(
        t, series="currency_in_circulation", period="1 July 1926"
    )
    rates = {s: value(t, series=s, measure="percent_per_year") for s in ("budget_expenditure", "real_national_income")}
    paths = {
        "investment": _steady(value(t, series="investment", measure="ratio")),
        "budget_expenditure": _steady((1 + rates["budget_expenditure"] / 100) ** 3),
        "census_consumer_goods": goods_path,
        "currency_in_circulation": _steady(currency),
        "wages": [100.0, float("nan"), 100 * wages_two, 100 * wages_two * wages_next],
        "real_national_income": _steady((1 + rates["real_national_income"] / 100) ** 3),
    }
    return pd.DataFrame(paths, index=list(YEARS)).T


def rebased(table: pd.DataFrame | None = None, base: str = YEARS[0]) -> pd.DataFrame:
    """``growth_paths`` from ``base`` on, with ``base`` = 100; a series with no figure for ``base`` is dropped."""
    paths = growth_paths(table)
    after = paths.loc[:, base:]
    after = after[after[base].notna()]
    return after.div(after[base], axis=0) * 100


def _growth_alt(data, base: str = YEARS[0]) -> str:
    ends = rebased(data, base).iloc[:, -1].sort_values(ascending=False)
    missing = [SERIES[s][0].split(" (")[0] for s in growth_paths(data).index if s not in ends.index]
    gone = f" Wages are left out: the book gives no figure for {base}." if missing else ""
    return (
        f"Lines, index {base} = 100, to 1928–1929: "
        f"{listing(f'{SERIES[s][0].split(chr(32) + chr(40))[0]} {num(v)}' for s, v in ends.items())}.{gone}"
    )


@chart("p3c1_inflation", units=("index",), data=lambda: load("p3c1_inflation"), alt=_growth_alt)
def growth_chart(data=None, base: str = YEARS[0]):
    """Money incomes and spending against goods and real income, each rebased to ``base`` = 100
    (``data``: rows of p3c1_inflation)."""
    paths = rebased(data, base)
    fig, ax = new_figure(figsize=(10, 5.4))
    ends = paths.ffill(axis=1).iloc[:, -1]
    for series, row in paths.iterrows():
        words, colour, marker, steady = SERIES[series]
        row = row.dropna()
        x = [YEARS.index(p) for p in row.index]
        ax.plot(
            x,
            row.values,
            color=colour,
            marker=marker,
            linestyle="--" if steady else "-",
            markerfacecolor="white" if steady else colour,
            label=words,
        )
    for series, y in _spread(ends).items():
        ax.annotate(
            f"{ends[series]:.0f}",
            (len(YEARS) - 1, y),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_xticks(range(len(YEARS)), YEARS)
    ax.set_xlim(YEARS.index(base) - 0.2, len(YEARS) - 0.6)
    decorate(
        ax,
        title=f"Money ran ahead of goods (index, {base} = 100)",
        xlabel="Economic year",
        ylabel=f"Index ({base} = 100)",
        legend=False,
    )
    ax.legend(
        loc="upper left",
        fontsize=8,
        title="dashed, hollow: a steady rate between the book's two ends",
        title_fontsize=8,
    )
    add_source(
        fig,
        "p3c1_inflation",
        derived="Indices computed by the course from the book's rates and multiples; "
        "census industry's calendar years 1925–1928 and currency on 1 July 1926–1929 are set on the economic "
        "years 1925–1926 to 1928–1929, investment's '1929' on 1928–1929.",
    )
    return fig


def _spread(ends: pd.Series, gap_share: float = 0.045) -> pd.Series:
    """Label heights for the line ends: the ends themselves, pushed apart where two would overlap."""
    order = ends.sort_values()
    gap = (order.max() - min(order.min(), 100)) * gap_share or 1
    heights, last = {}, None
    for series, y in order.items():
        last = y if last is None else max(y, last + gap)
        heights[series] = last
    return pd.Series(heights)


def growth_widget():
    """Choose the base year: every series is rebased to it, and the order of who ran ahead can change."""
    import ipywidgets as widgets

    dropdown = widgets.Dropdown(
        options=list(YEARS[:-1]),
        value=YEARS[0],
        description="Base year (= 100)",
        style={"description_width": "initial"},
        layout={"width": "400px"},
    )
    return live(growth_chart, base=dropdown)


# ---- growth rates are not levels: the 1979 objection --------------------------------------------------------


def consumer_goods(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Census industry's consumer goods: the book's yearly rises (percent) and the level they imply (1925 = 100)."""
    t = load("p3c1_inflation") if table is None else table
    goods = t[t["series"] == "census_consumer_goods"].sort_values("period")[["period", "value"]]
    goods = goods.rename(columns={"value": "rise"}).reset_index(drop=True)
    goods["level"] = (1 + goods["rise"] / 100).cumprod() * 100
    return goods


def _rates_alt(data) -> str:
    goods = consumer_goods(data)
    return (
        f"Left, bars: the book's yearly rises of consumer goods from census industry, "
        f"{listing(f'{num(r)}% in {p}' for p, r in zip(goods['period'], goods['rise']))}. Right, line: the level "
        f"they imply, 1925 = 100: {listing(f'{num(v)} in {p}' for p, v in zip(goods['period'], goods['level']))}."
    )


@chart("p3c1_inflation", units=("percent", "index"), data=lambda: load("p3c1_inflation"), alt=_rates_alt)
def rates_and_levels_chart(data=None):
    """A slowing rate of growth beside the still rising level it implies (``data``: rows of p3c1_inflation)."""
    goods = consumer_goods(data)
    fig, (left, right) = new_figure(ncols=2, figsize=(10, 4.4))
    left.bar(goods["period"], goods["rise"], color="C2")
    for i, r in enumerate(goods["rise"]):
        left.text(i, r + 1, f"+{r:g}%", ha="center")
    decorate(
        left,
        title="The rate of growth slows",
        xlabel="Calendar year",
        ylabel="Rise on the year before (percent)",
        ylim=(0, 50),
    )
    right.plot(["1925", *goods["period"]], [100, *goods["level"]], color="C2", marker="o")
    for x, v in zip(["1925", *goods["period"]], [100, *goods["level"]]):
        right.annotate(f"{v:.0f}", (x, v), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=9)
    decorate(right, title="The level still rises", xlabel="Calendar year", ylabel="Index (1925 = 100)", ylim=(0, 230))
    add_source(fig, "p3c1_inflation", derived="Level computed by the course: 100 × (1 + rise ÷ 100), year after year.")
    return fig


# ---- exercises of lesson 07 ---------------------------------------------------------------------------------


def _cost(scenario: str, period: str) -> float:
    return value("p3c1_costs", "change", scenario=scenario, period=period)


def _compounded_reduction(scenario: str) -> float:
    """How far (percent) costs fell over the four years, the yearly changes compounded."""
    return 100 - float(cost_index().loc[lambda c: c["scenario"] == scenario, "index"].iloc[-1])


def _summed_reduction(scenario: str) -> float:
    return -float(cost_index().loc[lambda c: c["scenario"] == scenario, "change"].sum())


def _year_costs_rose() -> str:
    rows = cost_index()
    rose = rows[(rows["scenario"] == "realized") & (rows["change"] > 0)]
    return rose["period"].iloc[0] if len(rose) else "none"


def _profits(period: str) -> float:
    return value("p3c1_profits", period=period)


def _flow(series: str, measure: str) -> float:
    return value("p3c1_industry_finance", series=series, measure=measure)


def currency_ahead_of_goods(base: str = "1926–1927") -> float:
    """By how many index points (``base`` = 100) currency in circulation ended 1928–1929 above census industry's
    consumer goods (negative if below)."""
    ends = rebased(base=base).iloc[:, -1]
    return float(ends["currency_in_circulation"] - ends["census_consumer_goods"])


def _goods(period: str) -> float:
    return value("p3c1_inflation", series="census_consumer_goods", period=period)


def _wages(period: str) -> float:
    return value("p3c1_inflation", series="wages", period=period)


def cost_shortfall() -> pd.Series:
    """Realized minus planned change of costs, by year (percentage points; exercise 7.9: the student draws it)."""
    rows = cost_index().pivot(index="period", columns="scenario", values="change")
    return rows["realized"] - rows["planned"]


register(
    Exercise(
        "7.1",
        _year_costs_rose,
        kind="choice",
        choices=(*YEARS, "none"),
        hint="Look at the red (solid) bars of the left panel: which one stands above zero?",
        mistakes=(
            Mistake(
                lambda: "1927–1928",
                "In 1927–1928 costs fell by 5.1 percent, close to the plan. Which bar is above zero?",
            ),
        ),
    )
)
register(
    Exercise(
        "7.2",
        lambda: _compounded_reduction("planned"),
        tolerance=0.05,
        unit="percent",
        hint="Multiply the four factors (1 − 7/100)(1 − 5/100)(1 − 6/100)(1 − 7/100); the fall is 100 minus 100 "
        "times it.",
        mistakes=(
            Mistake(
                lambda: _summed_reduction("planned"),
                "You added the four percentages. Each cut applies to costs already cut: multiply the factors.",
            ),
            Mistake(
                lambda: 100 - _compounded_reduction("planned"),
                "That is the level costs were to reach (the index), not how far they were to fall.",
            ),
        ),
    )
)
register(
    Exercise(
        "7.3",
        lambda: _compounded_reduction("realized") / _compounded_reduction("planned") * 100,
        tolerance=0.1,
        unit="percent",
        hint="Compound the realized changes as you did the planned ones (use −4 for 1928–1929), then divide the "
        "realized fall by the planned fall and multiply by 100.",
        mistakes=(
            Mistake(
                lambda: _summed_reduction("realized") / _summed_reduction("planned") * 100,
                "You divided the sums of the yearly changes. Compound each first, as in exercise 7.2.",
            ),
            Mistake(
                lambda: _compounded_reduction("planned") / _compounded_reduction("realized") * 100,
                "You divided the planned fall by the realized one: the other way round.",
            ),
        ),
    )
)
register(
    Exercise(
        "7.4",
        paid_in_1924_25,
        tolerance=0.1,
        unit="million roubles",
        hint="If 20 million is 11.6 percent of what industry paid in, that amount is 20 ÷ 11.6 × 100.",
        mistakes=(
            Mistake(
                lambda: (
                    _flow("finance_to_industry_net", "level")
                    * _flow("finance_to_industry_net", "percent_of_base")
                    / 100
                ),
                "You took 11.6 percent of 20 million. The 20 million is the 11.6 percent: divide by it.",
            ),
            Mistake(
                lambda: paid_in_1924_25() + _flow("finance_to_industry_net", "level"),
                "That is what industry received (what it paid in plus the net 20 million). The question asks "
                "what it paid in.",
            ),
        ),
    )
)
register(
    Exercise(
        "7.5",
        lambda: (_profits("1926–1927") / _profits("1925–1926") - 1) * 100,
        tolerance=0.01,
        unit="percent",
        hint="(539 ÷ 536 − 1) × 100.",
        mistakes=(
            Mistake(
                lambda: _profits("1926–1927") - _profits("1925–1926"),
                "That is the rise in million roubles. The question asks for percent.",
            ),
            Mistake(
                lambda: (_profits("1925–1926") / _profits("1924–1925") - 1) * 100,
                "That is the rise of 1925–1926 on 1924–1925. The question asks about 1926–1927.",
            ),
        ),
    )
)
register(
    Exercise(
        "7.6",
        currency_ahead_of_goods,
        tolerance=0.1,
        unit="index points",
        hint="In the widget, choose the base year 1926–1927 and subtract the end label of consumer goods (green) from "
        "that of currency (red).",
        mistakes=(
            Mistake(
                lambda: currency_ahead_of_goods("1925–1926"),
                "That is with the base year 1925–1926. Choose 1926–1927.",
            ),
            Mistake(
                lambda: -currency_ahead_of_goods(),
                "The sign is reversed: currency minus consumer goods.",
            ),
        ),
    )
)
register(
    Exercise(
        "7.7",
        lambda: float(consumer_goods()["level"].iloc[-1]),
        tolerance=0.1,
        unit="index (1925 = 100)",
        hint="Start from 100 and multiply by (1 + 38/100), then by (1 + 18/100) twice.",
        mistakes=(
            Mistake(
                lambda: 100 + _goods("1926") + _goods("1927") + _goods("1928"),
                "You added the rises. Each year's rise applies to a level that has already risen: multiply.",
            ),
            Mistake(
                lambda: 100 + _goods("1928"),
                "That treats the last year's rate as the level. 18 percent is how much 1928 added to 1927, "
                "not how far 1928 stood above 1925.",
            ),
        ),
    )
)
register(
    Exercise(
        "7.9",
        cost_shortfall,
        kind="figure",
        tolerance=0.05,
        hint="Realized change minus planned change, one bar per year, in the order of the table's years.",
        drawing=Drawing(marks="bars", what="periods", source=True),
        mistakes=(
            Mistake(
                lambda: -cost_shortfall(),
                "Your bars are planned minus realized. Draw realized minus planned: how far the result fell "
                "short of the plan, above zero.",
            ),
        ),
    )
)
register(
    Exercise(
        "7.8",
        lambda: ((1 + _wages("1927–1928") / 100) * (1 + _wages("1928–1929") / 100) - 1) * 100,
        tolerance=0.05,
        unit="percent",
        hint="(1 + 34/100) × (1 + 14/100), minus 1, times 100.",
        mistakes=(
            Mistake(
                lambda: _wages("1927–1928") + _wages("1928–1929"),
                "You added the two rises. The second applies to wages already 34 percent higher: multiply.",
            ),
        ),
    )
)
