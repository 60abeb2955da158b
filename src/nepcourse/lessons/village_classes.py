"""Lesson 04, Part 2 Chapter 1: classes in the village, who sold the grain, the "kulak strike",
harvest, procurement and the net grain balance, exports, and the peasants' lack of equipment.

Each chart is a function returning its figure; the numbers behind it come from small functions that
the tests check against the CSV files.
"""

from __future__ import annotations

import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import LookupProblem, load, value
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

#: Words for the groups and measures of p2c1_kulak_estimates.
GROUP_WORDS = {
    "poor": "poor peasants",
    "middle": "middle peasants",
    "poor_and_middle": "poor and middle peasants",
    "rich": "rich peasants (kulaks)",
    "collective_and_state": "collective and state farms",
}
MEASURE_WORDS = {
    "share_of_farms": "share of peasant farms",
    "share_of_grain_surplus": "share of the 'grain surplus'",
    "share_of_marketed_grain": "share of marketed grain",
    "share_of_grain_to_towns": "share of grain sent to towns",
    "share_of_manufactured_goods_bought": "share of manufactured goods bought",
}
#: Each group's colour (the course palette) and hatching (so that no group is told apart by colour alone).
GROUP_COLOURS = {
    "poor": "C5",
    "middle": "C0",
    "poor_and_middle": "C0",
    "rich": "C3",
    "collective_and_state": "C2",
}
GROUP_HATCHES = {"poor": "", "middle": "//", "poor_and_middle": "..", "rich": "xx", "collective_and_state": "\\\\"}
#: What each estimate of the kulaks' weight measures: colour and hatching.
MEASURE_STYLES = {
    "share_of_farms": ("C0", ""),
    "share_of_grain_surplus": ("C4", ".."),
    "share_of_marketed_grain": ("C3", "//"),
}
#: Short names of the estimators, for chart labels.
SHORT = {
    "strumilin_csb_1926_27": "Strumilin & CSB",
    "kamenev_1925": "Kamenev (CSB, by land)",
    "grosskopf_1925": "Grosskopf",
    "stalin_1926_27": "Stalin",
    "note17_mid_1920s": "unnamed (note 17)",
}


# ---- who the peasants were, and who sold the grain -------------------------------------------


def social_divisions() -> pd.Series:
    """Poor, middle and rich peasants as percent of peasant farms, 1926–1927 (the printed table)."""
    return load("p2c1_social_divisions").set_index("group")["share"]


def kulak_estimates() -> pd.DataFrame:
    """Every estimate of the rich peasants' (kulaks') weight, with who made it and what it measures."""
    table = load("p2c1_kulak_estimates")
    rich = table[table["group"] == "rich"].copy()
    rich["label"] = [
        f"{SHORT[e]}, {p}: {MEASURE_WORDS[m]}" for e, p, m in zip(rich["estimate"], rich["period"], rich["measure"])
    ]
    return rich[["estimate", "estimator", "basis", "period", "measure", "share", "qualifier", "label"]].reset_index(
        drop=True
    )


def marketed_grain_shares() -> pd.DataFrame:
    """Shares of marketed grain by class: one row per source (Grosskopf 1925, Stalin 1926–1927), one column per
    group."""
    table = load("p2c1_kulak_estimates")
    sold = table[table["measure"] == "share_of_marketed_grain"]
    wide = sold.pivot(index="estimate", columns="group", values="share").fillna(0.0)
    return wide.loc[["grosskopf_1925", "stalin_1926_27"], ["poor_and_middle", "rich", "collective_and_state"]]


def marketed_grain_bars() -> pd.DataFrame:
    """The stacked bars of ``marketed_grain_chart``: one row per segment (bar, group, share), in drawing order.

    The farms of 1926–1927 by stratum, then Grosskopf's and Stalin's shares of marketed grain (groups
    with no share left out)."""
    divisions = social_divisions()
    sold = marketed_grain_shares()
    segments = [
        ("Farms, 1926–1927\n(Strumilin & CSB)", group, divisions[group]) for group in ("poor", "middle", "rich")
    ]
    for estimate, title in [
        ("grosskopf_1925", "Marketed grain, 1925\n(Grosskopf)"),
        ("stalin_1926_27", "Marketed grain, 1926–1927\n(Stalin)"),
    ]:
        segments += [(title, g, sold.loc[estimate, g]) for g in sold.columns if sold.loc[estimate, g] > 0]
    return pd.DataFrame(segments, columns=["bar", "group", "share"])


def _marketed_grain_alt(data) -> str:
    bars = [
        f"{title.replace(chr(10), ' ')}: "
        + ", ".join(f"{GROUP_WORDS[g]} {num(v)}%" for g, v in zip(part["group"], part["share"]))
        for title, part in data.groupby("bar", sort=False)
    ]
    return f"Stacked bars, percent of the whole. {'. '.join(bars)}."


@chart(
    "p2c1_social_divisions",
    "p2c1_kulak_estimates",
    units=("percent",),
    data=marketed_grain_bars,
    alt=_marketed_grain_alt,
)
def marketed_grain_chart(data=None):
    """Who the peasants were (share of farms) beside who sold the grain (share of marketed grain)
    (``data``: one row per segment, columns bar, group and share, as ``marketed_grain_bars()`` gives)."""
    bars = [(title, list(zip(part["group"], part["share"]))) for title, part in data.groupby("bar", sort=False)]
    fig, ax = new_figure(figsize=(9, 5.2))
    shown = set()
    for x, (_title, parts) in enumerate(bars):
        bottom = 0.0
        for group, share in parts:
            label = GROUP_WORDS[group] if group not in shown else None
            shown.add(group)
            ax.bar(
                x,
                share,
                bottom=bottom,
                color=GROUP_COLOURS[group],
                hatch=GROUP_HATCHES[group],
                edgecolor="white",
                label=label,
                width=0.6,
            )
            ax.text(
                x,
                bottom + share / 2,
                f"{share:g}",
                ha="center",
                va="center",
                fontsize=9,
                color="white" if share > 8 else "black",
                fontweight="bold",
            )
            bottom += share
    ax.set_xticks(range(len(bars)), [b[0] for b in bars], fontsize=9)
    decorate(
        ax,
        title="Few kulaks, and a minor share of the grain sold",
        xlabel="What is divided up (source)",
        ylabel="Percent of the whole",
        ylim=(0, 105),
        legend=False,
    )
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3, fontsize=8)
    add_source(
        fig,
        "p2c1_social_divisions",
        "p2c1_kulak_estimates",
        derived="Values as printed; Grosskopf's 'over 88' is drawn at 88, so his bar stops just short of 100.",
    )
    return fig


def _kulak_estimates_alt(data) -> str:
    rich = data.sort_values("share", ascending=False)
    return (
        f"Bars: the rich peasants' share by {len(rich)} estimates: "
        f"{listing(f'{num(s)}% ({label})' for s, label in zip(rich['share'], rich['label']))}."
    )


@chart("p2c1_kulak_estimates", units=("percent",), data=kulak_estimates, alt=_kulak_estimates_alt)
def kulak_estimates_chart(data=None):
    """The rich peasants' weight by each estimate, side by side, coloured by what it measures
    (``data``: one row per estimate and measure, columns measure, share and label, as ``kulak_estimates()`` gives)."""
    rich = data.sort_values("share")
    fig, ax = new_figure(figsize=(9.5, 4.6))
    shown = set()
    for y, row in enumerate(rich.itertuples()):
        label = MEASURE_WORDS[row.measure] if row.measure not in shown else None
        shown.add(row.measure)
        colour, hatch = MEASURE_STYLES[row.measure]
        ax.barh(y, row.share, color=colour, hatch=hatch, edgecolor="white", label=label)
        ax.text(row.share + 1, y, f"{row.share:g}%", va="center", fontsize=9)
    ax.set_yticks(range(len(rich)), rich["label"], fontsize=8)
    ax.grid(axis="y", visible=False)
    decorate(
        ax,
        title="How big were the kulaks? Four estimates",
        xlabel="Rich peasants' share (percent)",
        xlim=(0, 75),
        legend=False,
    )
    ax.legend(loc="lower right", fontsize=8, title="what is measured")
    add_source(fig, "p2c1_kulak_estimates")
    return fig


# ---- the "kulak strike": how much could the kulaks withhold? ---------------------------------


def actual_fall_nov_dec_1927() -> float:
    """The fall of procurement in November–December 1927 on the same months of 1926 (percent, positive)."""
    return -value("intro_procurement_1927_28", start_month="1927-11", statistic="change_on_previous_campaign")


def strike_measure(estimate: str, rich: pd.DataFrame | None = None) -> str:
    """What a 'kulak strike' is measured by in one estimate: the rich peasants' share of grain (of the 'surplus',
    of marketed grain) when the estimate gives one, else their share of farms. Kamenev gives both (12% of the
    farms, 61% of the surplus): his share of the surplus is used. ``rich``: as ``kulak_estimates()`` gives."""
    rich = kulak_estimates() if rich is None else rich
    measures = list(dict.fromkeys(rich.loc[rich["estimate"] == estimate, "measure"]))
    chosen = [m for m in measures if m != "share_of_farms"] or measures
    if len(chosen) != 1:
        raise LookupProblem(
            f"p2c1_kulak_estimates: the estimate {estimate!r} gives the rich peasants' share as "
            f"{', '.join(chosen) or 'nothing'}; a kulak strike needs exactly one share of grain or of farms"
        )
    return chosen[0]


def kulak_share(estimate: str, rich: pd.DataFrame | None = None) -> float:
    """The rich peasants' share (percent) in one estimate of p2c1_kulak_estimates, as ``strike_measure`` chooses it."""
    rich = kulak_estimates() if rich is None else rich
    return value(rich, "share", estimate=estimate, measure=strike_measure(estimate, rich))


def strike_effect(estimate: str, withheld: float, rich: pd.DataFrame | None = None) -> float:
    """The largest fall in marketed grain (percent) if the kulaks held back ``withheld`` percent of their sales."""
    return kulak_share(estimate, rich) * withheld / 100


def strike_options() -> list[tuple[str, str]]:
    """(label, estimate) for the widget: every estimate that gives the kulaks a share of farms, surplus or sales."""
    rich = kulak_estimates()
    options = []
    for estimate in dict.fromkeys(rich["estimate"]):
        share = kulak_share(estimate, rich)
        measure = strike_measure(estimate, rich)
        options.append((f"{SHORT[estimate]}: {share:g}% ({MEASURE_WORDS[measure]})", estimate))
    return options


def _kulak_strike_alt(data, estimate: str = "stalin_1926_27", withheld: float = 100.0) -> str:
    share, effect = kulak_share(estimate, data), strike_effect(estimate, withheld, data)
    actual = actual_fall_nov_dec_1927()
    verdict = "could explain" if effect >= actual else "cannot explain"
    return (
        f"Bars: if the kulaks ({num(share)}% by {SHORT[estimate]}) held back {num(withheld)}% of their sales, grain "
        f"delivered would fall by at most {num(effect)}%; it actually fell {num(actual)}% in November–December "
        f"1927, so such a strike {verdict} the fall."
    )


@chart(
    "p2c1_kulak_estimates",
    "intro_procurement_1927_28",
    units=("percent",),
    data=kulak_estimates,
    alt=_kulak_strike_alt,
)
def kulak_strike_chart(data=None, estimate: str = "stalin_1926_27", withheld: float = 100.0):
    """The largest fall a 'kulak strike' could cause, against the actual fall of November–December 1927
    (``data``: the estimates of the rich peasants' share, as ``kulak_estimates()`` gives)."""
    share = kulak_share(estimate, data)
    effect = strike_effect(estimate, withheld, data)
    actual = actual_fall_nov_dec_1927()
    fig, ax = new_figure(figsize=(9.5, 4.8))
    labels = [
        f"'Kulak strike': {withheld:g}% of the kulaks'\nsales held back ({SHORT[estimate]}, {share:g}%)",
        "Actual fall, November–December 1927\n(on the same months of 1926)",
    ]
    ax.barh([1, 0], [effect, actual], color=["C3", "#7f7f7f"])
    for y, v in zip([1, 0], [effect, actual]):
        ax.text(v + 1, y, f"{v:.1f}%", va="center")
    ax.set_yticks([1, 0], labels, fontsize=9)
    ax.grid(axis="y", visible=False)
    verdict = "could explain" if effect >= actual else "cannot explain"
    decorate(ax, title=f"A kulak strike {verdict} the fall", xlabel="Fall in grain delivered (percent)", xlim=(0, 100))
    add_source(
        fig,
        "p2c1_kulak_estimates",
        "intro_procurement_1927_28",
        derived="Computed by the course: kulak share × share held back ÷ 100.",
    )
    return fig


def kulak_strike_widget():
    """Choose an estimate of the kulaks' weight and how much they held back; the chart follows."""
    import ipywidgets as widgets

    dropdown = widgets.Dropdown(
        options=strike_options(),
        value="stalin_1926_27",
        description="Estimate",
        style={"description_width": "initial"},
        layout={"width": "600px"},
    )
    slider = widgets.FloatSlider(
        value=100,
        min=0,
        max=100,
        step=5,
        description="Share of their sales held back (%)",
        continuous_update=False,
        style={"description_width": "initial"},
        layout={"width": "600px"},
    )
    return live(kulak_strike_chart, estimate=dropdown, withheld=slider)


# ---- harvest, procurement and the net grain balance -----------------------------------------


def harvest_year(period: str) -> int:
    """The calendar year of the harvest a period refers to: 1926–1927 (a campaign) → 1926; 1928 → 1928."""
    return int(period[:4])


def grain_figures() -> pd.DataFrame:
    """Every grain figure of intro_grain and p2c1_grain (Mt) in one table: series, scenario, period,
    period_type and value (the introduction's figures are all actual)."""
    intro = load("intro_grain").assign(scenario="actual")
    chapter = load("p2c1_grain")
    columns = ["series", "scenario", "period", "period_type", "value"]
    return pd.concat([intro[columns], chapter[columns]], ignore_index=True)


def grain_series(figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """Harvest, procurement and net grain balance (Mt) by harvest year, from intro_grain and p2c1_grain
    (``figures``: as ``grain_figures()`` gives).

    Only actual figures for single years; the 1909–1913 average and the 1931 forecasts are kept apart."""
    figures = grain_figures() if figures is None else figures
    actual = figures[(figures["scenario"] == "actual") & figures["period_type"].isin(["calendar", "agricultural"])]
    both = actual[["series", "period", "value"]].copy()
    both["year"] = both["period"].map(harvest_year)
    return both.pivot(index="year", columns="series", values="value").sort_index()


def forecasts_1931(figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """Osvok's forecast and the author's counterfactual for 1931: harvest and net balance (Mt)
    (``figures``: as ``grain_figures()`` gives)."""
    figures = grain_figures() if figures is None else figures
    wanted = figures[figures["scenario"].isin(["osvok_forecast", "author_counterfactual"])]
    return wanted.pivot(index="scenario", columns="series", values="value")


def _grain_alt(data) -> str:
    series, future = grain_series(data), forecasts_1931(data)
    recent = series[series.index >= 1925]

    def path(name, words):
        column = recent[name].dropna()
        return f"{words} {listing(f'{num(v, 2)} ({y})' for y, v in column.items())}"

    return (
        f"Lines, million tons: {path('harvest', 'harvest')}, against a prewar average of "
        f"{num(value(data, series='harvest', period='1909–1913'))}; {path('procurement', 'procurement')}; "
        f"{path('net_grain_balance', 'net grain balance')}, against {num(series.loc[1913, 'net_grain_balance'])} "
        f"in 1913. For 1931, Osvok forecast a harvest of {num(future.loc['osvok_forecast', 'harvest'])}, the author "
        f"{num(future.loc['author_counterfactual', 'harvest'])}."
    )


@chart("intro_grain", "p2c1_grain", units=("million metric tons",), data=grain_figures, alt=_grain_alt)
def grain_chart(data=None):
    """Harvest, procurement and net grain balance by harvest year, 1925–1929, against prewar, with the two views of 1931
    (``data``: the grain figures of both tables, as ``grain_figures()`` gives)."""
    series = grain_series(data)
    prewar = value(data, series="harvest", period="1909–1913")
    fig, ax = new_figure(figsize=(9.5, 5.2))
    styles = {
        "harvest": ("C0", "o", "harvest"),
        "procurement": ("C1", "s", "state procurement"),
        "net_grain_balance": ("C2", "^", "net grain balance (marketed outside the village)"),
    }
    offsets = {"harvest": 6, "procurement": 6, "net_grain_balance": -13}
    for name, (colour, marker, label) in styles.items():
        column = series[name].dropna()
        column = column[column.index >= 1925]
        ax.plot(column.index, column.values, marker=marker, color=colour, label=label)
        for year, level in column.items():
            ax.annotate(
                f"{level:g}",
                (year, level),
                textcoords="offset points",
                xytext=(0, offsets[name]),
                ha="center",
                fontsize=8,
            )
    ax.axhline(prewar, color="C0", linestyle="--", linewidth=1, label=f"harvest, 1909–1913 average ({prewar:g})")
    net_1913 = float(series.loc[1913, "net_grain_balance"])
    ax.axhline(net_1913, color="C2", linestyle=":", linewidth=1.4, label=f"net grain balance, 1913 ({net_1913:g})")
    future = forecasts_1931(data)
    for scenario, marker, word in [
        ("osvok_forecast", "D", "Osvok's forecast"),
        ("author_counterfactual", "*", "author's counterfactual"),
    ]:
        ax.scatter(
            [1931, 1931],
            [future.loc[scenario, "harvest"], future.loc[scenario, "net_grain_balance"]],
            marker=marker,
            s=80,
            color="black",
            zorder=3,
            label=f"1931: {word}",
        )
    decorate(
        ax,
        title="Grain: harvest, procurement and net balance",
        xlabel="Year of the harvest (a campaign runs July–June from it)",
        ylabel="Million metric tons",
        ylim=(0, 100),
        legend=False,
    )
    ax.set_xticks([1925, 1926, 1927, 1928, 1929, 1930, 1931])
    ax.set_xlim(1924.5, 1931.5)
    ax.tick_params(axis="x", labelsize=8)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=3, fontsize=8)
    add_source(
        fig,
        "intro_grain",
        "p2c1_grain",
        derived="A campaign (1926–1927) is placed at its harvest year (1926); prewar levels drawn as dashed lines.",
    )
    return fig


# ---- foreign trade ---------------------------------------------------------------------------


def trade_value(series: str, period: str, measure: str = "level", table: pd.DataFrame | None = None) -> float:
    """One figure of p2c1_foreign_trade (or of ``table``, rows of it)."""
    return value("p2c1_foreign_trade" if table is None else table, series=series, period=period, measure=measure)


def exports_1913(table: pd.DataFrame | None = None) -> float:
    """1913 grain exports (metric tons) implied by 1926–1927's 2.16 Mt being 22.4 percent of them."""
    return (
        trade_value("grain_exports", "1926–1927", table=table)
        / trade_value("grain_exports", "1926–1927", "percent_of_base", table=table)
        * 100
    )


def _exports_alt(data) -> str:
    early, late = (
        trade_value("grain_exports", "1926–1927", table=data),
        trade_value("grain_exports", "1928", table=data),
    )
    return (
        f"Bars, thousand tons: grain exports of {num(exports_1913(data) / 1000, 0)} in 1913 (implied), "
        f"{num(early / 1000, 0)} in 1926–1927 and {num(late / 1000, 0)} in 1928, while "
        f"{num(trade_value('grain_imports', 'summer 1928', table=data) / 1000, 0)} were imported in summer 1928."
    )


@chart("p2c1_foreign_trade", units=("metric tons",), data=lambda: load("p2c1_foreign_trade"), alt=_exports_alt)
def exports_chart(data=None):
    """Grain exports 1913 (implied), 1926–1927 and 1928, and the grain imported in summer 1928
    (``data``: rows of the table p2c1_foreign_trade)."""
    bars = [
        ("Exports 1913\n(implied)", exports_1913(data), "#bbbbbb"),
        ("Exports\n1926–1927", trade_value("grain_exports", "1926–1927", table=data), "C0"),
        ("Exports\n1928", trade_value("grain_exports", "1928", table=data), "C0"),
        ("Imports\nsummer 1928", trade_value("grain_imports", "summer 1928", table=data), "C3"),
    ]
    fig, ax = new_figure(figsize=(8, 4.6))
    thousands = [v / 1000 for _, v, _ in bars]
    ax.bar([b[0] for b in bars], thousands, color=[b[2] for b in bars])
    for i, v in enumerate(thousands):
        ax.text(i, v + 150, f"{v:,.0f}", ha="center")
    decorate(
        ax, title="Grain exports collapse", xlabel="Flow and period", ylabel="Thousand metric tons", ylim=(0, 11000)
    )
    add_source(fig, "p2c1_foreign_trade", derived="1913 computed by the course: 2,160,000 t ÷ 22.4 × 100.")
    return fig


# ---- equipment and class ---------------------------------------------------------------------


def penza_sowing(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Penza 1924–1925: share of their sowable land each stratum could sow to grain (low and high, percent)
    (``table``: rows of p2c1_equipment)."""
    table = load("p2c1_equipment") if table is None else table
    sown = table[table["indicator"].str.startswith("sowable_land_sown_to_grain")].copy()
    sown["bound"] = sown["indicator"].str.rsplit("_", n=1).str[1]
    wide = sown.pivot(index="group", columns="bound", values="value")
    wide["low"] = wide["low"].fillna(wide["high"])
    return wide.loc[["poor", "middle", "rich"], ["low", "high"]]


def penza_yields(table: pd.DataFrame | None = None) -> pd.Series:
    """Penza 1924–1925: yield against the average (percent) by how the land was ploughed
    (``table``: rows of p2c1_equipment)."""
    table = load("p2c1_equipment") if table is None else table
    return table[table["indicator"] == "yield_against_average"].set_index("group")["value"]


def _equipment_alt(data) -> str:
    sown, yields = penza_sowing(data), penza_yields(data)
    strata = [
        f"{GROUP_WORDS[g].split(' (')[0]} {num(lo)}" + (f"–{num(hi)}%" if lo != hi else "%")
        for g, lo, hi in zip(sown.index, sown["low"], sown["high"])
    ]
    words = {"hired_horse_and_plough": "who hired a horse and plough", "owned_iron_plough": "who owned an iron plough"}
    effects = [
        f"{num(abs(v))}% {'below' if v < 0 else 'above'} average for peasants {words[g]}" for g, v in yields.items()
    ]
    return (
        f"Penza, 1924–1925. Left bars: share of their sowable land each stratum sowed to grain: {listing(strata)}. "
        f"Right bars: yields {listing(effects)}."
    )


@chart("p2c1_equipment", units=("percent", "percent"), data=lambda: load("p2c1_equipment"), alt=_equipment_alt)
def equipment_chart(data=None):
    """Penza, 1924–1925: land sown to grain by stratum, and yields by equipment
    (``data``: rows of the table p2c1_equipment)."""
    sown = penza_sowing(data)
    yields = penza_yields(data)
    fig, (left, right) = new_figure(ncols=2, figsize=(10, 4.6))
    x = range(len(sown))
    left.bar(x, sown["low"], color="C0", label="lowest figure printed")
    left.bar(
        x,
        sown["high"] - sown["low"],
        bottom=sown["low"],
        color="C0",
        alpha=0.4,
        hatch="//",
        label="up to the highest figure printed",
    )
    for i, (low, high) in enumerate(zip(sown["low"], sown["high"])):
        left.text(i, high + 1, f"{low:g}–{high:g}" if low != high else f"{high:g}", ha="center")
    left.set_xticks(list(x), [GROUP_WORDS[g].split(" (")[0] for g in sown.index])
    decorate(
        left,
        title="Sowable land sown to grain",
        xlabel="Stratum",
        ylabel="Percent of the sowable land held",
        ylim=(0, 50),
        legend=False,
    )
    left.legend(loc="upper left", fontsize=8)
    names = {"hired_horse_and_plough": "hired a horse\nand plough", "owned_iron_plough": "owned an\niron plough"}
    # Below average: vermillion and hatched; above: blue (no red against green, and not by colour alone).
    bars = right.bar(
        [names[g] for g in yields.index], yields.values, color=["C3" if v < 0 else "C0" for v in yields.values]
    )
    for bar, v in zip(bars, yields.values):
        bar.set_hatch("//" if v < 0 else "")
    right.axhline(0, color="black", linewidth=1)
    for i, v in enumerate(yields.values):
        right.text(i, v + (1.5 if v > 0 else -3), f"{v:+g}%", ha="center")
    decorate(
        right,
        title="Yield against the average",
        xlabel="Peasants who…",
        ylabel="Percent above (+) or below (−) average",
        ylim=(-30, 30),
    )
    add_source(
        fig,
        "p2c1_equipment",
        derived="Ranges as printed ('between 29 and 37', '18 or 19'); the rich peasants' 'nearly 40' is one figure. "
        "The −18 is 'more than 18 percent below'.",
    )
    return fig


# ---- exercises of lesson 04 ------------------------------------------------------------------


def _estimate(estimate: str, measure: str, group: str = "rich") -> float:
    return value("p2c1_kulak_estimates", "share", estimate=estimate, measure=measure, group=group)


def _grain(series: str, scenario: str, period: str) -> float:
    return value("p2c1_grain", series=series, scenario=scenario, period=period)


def _change(series: str, scenario: str, period: str, measure: str) -> float:
    return value("p2c1_grain_changes", series=series, scenario=scenario, period=period, measure=measure)


def _equipment(indicator: str) -> float:
    return value("p2c1_equipment", indicator=indicator)


def _largest_stratum() -> str:
    return {"poor": "poor", "middle": "middle", "rich": "rich"}[social_divisions().idxmax()]


VERDICTS = ("on every estimate", "only on Kamenev's figures", "on several estimates", "on no estimate")


def _strike_verdict() -> str:
    """Which estimates let a total kulak strike explain the November–December 1927 fall."""
    enough = [e for _, e in strike_options() if strike_effect(e, 100) >= actual_fall_nov_dec_1927()]
    if not enough:
        return VERDICTS[3]
    if set(enough) == {e for _, e in strike_options()}:
        return VERDICTS[0]
    return VERDICTS[1] if enough == ["kamenev_1925"] else VERDICTS[2]


def others_fall(estimate: str = "stalin_1926_27", rich: pd.DataFrame | None = None) -> float:
    """The least fall (percent) in the grain everyone but the kulaks delivered in November–December 1927, on
    the same months of 1926, if the kulaks delivered nothing at all: what the Party's 'kulak strike' leaves
    for the poor and middle peasants to explain. Negative when the kulaks' share alone covers the fall.

    With B the grain of November–December 1926 and s the kulaks' share of it, the others delivered (100 − s)
    percent of B in 1926 and, at most, all of the (100 − fall) percent that came in 1927."""
    delivered_1927 = 100 - actual_fall_nov_dec_1927()
    others_1926 = 100 - kulak_share(estimate, rich)
    return (1 - delivered_1927 / others_1926) * 100


def _procurement_total(start_month: str) -> float:
    return value("intro_procurement_1927_28", start_month=start_month, statistic="total")


def october_shortfall() -> float:
    """The least shortfall (Mt) of October 1927 on October 1926 if, as Part 2 ch. 1 says, July–September 1927
    brought more grain than July–September 1926, while the Introduction's July–October 1927 brought less:
    the whole July–October shortfall must then fall in October."""
    return _procurement_total("1926-07") - _procurement_total("1927-07")


def _osvok_availability() -> float:
    return _grain("net_grain_balance", "osvok_forecast", "1931") / _grain("harvest", "osvok_forecast", "1931") * 100


def _implied_national_income() -> float:
    """National income in 1926–1927 (milliard prewar roubles) implied by 122.1 million = 0.8 percent."""
    return (
        _equipment("equipment_supplied_value") / _equipment("equipment_supplied_share_of_national_income") * 100 / 1000
    )


register(
    Exercise(
        "4.1",
        _largest_stratum,
        kind="choice",
        choices=("poor", "middle", "rich"),
        hint="Look at the first bar of the chart of who sold the grain: the tallest segment.",
        mistakes=(
            Mistake(
                lambda: "poor", "The poor peasants were under a third of the farms; look again at the middle segment."
            ),
        ),
    )
)
register(
    Exercise(
        "4.2",
        lambda: _estimate("kamenev_1925", "share_of_farms") / _estimate("strumilin_csb_1926_27", "share_of_farms"),
        tolerance=0.02,
        unit="times",
        hint="Divide Kamenev's share of farms by Strumilin's (both are shares of farms).",
        mistakes=(
            Mistake(
                lambda: (
                    _estimate("kamenev_1925", "share_of_farms") - _estimate("strumilin_csb_1926_27", "share_of_farms")
                ),
                "That is the difference in percentage points. The question asks how many times (a ratio).",
            ),
            Mistake(
                lambda: (
                    _estimate("strumilin_csb_1926_27", "share_of_farms") / _estimate("kamenev_1925", "share_of_farms")
                ),
                "You divided Strumilin's figure by Kamenev's: the other way round.",
            ),
        ),
    )
)
register(
    Exercise(
        "4.3",
        lambda: strike_effect("stalin_1926_27", 100),
        tolerance=0.05,
        unit="percent",
        hint="If the kulaks sold nothing, marketed grain loses exactly the kulaks' share of it.",
        mistakes=(
            Mistake(
                lambda: _estimate("strumilin_csb_1926_27", "share_of_farms"),
                "That is the kulaks' share of farms (Strumilin), not Stalin's share of marketed grain.",
            ),
            Mistake(
                lambda: _estimate("stalin_1926_27", "share_of_marketed_grain", "poor_and_middle"),
                "That is the poor and middle peasants' share: what would still come if the kulaks sold nothing.",
            ),
        ),
    )
)
register(
    Exercise(
        "4.4",
        _strike_verdict,
        kind="choice",
        choices=VERDICTS,
        hint="For each estimate in the widget, set 'held back' to 100 and compare the red bar with the grey one.",
        mistakes=(
            Mistake(
                lambda: VERDICTS[0],
                "Try Stalin's or Grosskopf's figure with 100 percent held back: does the red bar reach the grey one?",
            ),
            Mistake(lambda: VERDICTS[2], "Only one estimate reaches the grey bar: which?"),
            Mistake(
                lambda: VERDICTS[3],
                "Try Kamenev's figure: 61 percent of the 'surplus' is more than the 55 percent fall.",
            ),
        ),
    )
)
register(
    Exercise(
        "4.5",
        lambda: _grain("harvest", "actual", "1929") - _change("harvest", "actual", "1929", "difference"),
        tolerance=0.05,
        unit="million metric tons",
        hint="The fall is stored as a negative difference (1929 minus 1926): 1926 = 1929 − difference.",
        mistakes=(
            Mistake(
                lambda: _grain("harvest", "actual", "1929") + _change("harvest", "actual", "1929", "difference"),
                "You subtracted the fall from the 1929 harvest: the 1926 harvest was bigger, so add it.",
            ),
        ),
    )
)
register(
    Exercise(
        "4.6",
        _osvok_availability,
        tolerance=0.05,
        unit="percent",
        hint="Net balance ÷ harvest × 100, both for Osvok's 1931 forecast.",
        mistakes=(
            Mistake(
                lambda: (
                    _grain("harvest", "osvok_forecast", "1931")
                    / _grain("net_grain_balance", "osvok_forecast", "1931")
                    * 100
                ),
                "You divided the harvest by the net balance: the other way round.",
            ),
            Mistake(
                lambda: (
                    _grain("net_grain_balance", "author_counterfactual", "1931")
                    / _grain("harvest", "author_counterfactual", "1931")
                    * 100
                ),
                "That is the author's counterfactual (17 ÷ 92), not Osvok's forecast.",
            ),
        ),
    )
)
register(
    Exercise(
        "4.7",
        exports_1913,
        tolerance=500,
        unit="metric tons",
        hint="If 2,160,000 is 22.4 percent of X, then X = 2,160,000 ÷ 22.4 × 100.",
        mistakes=(
            Mistake(
                lambda: (
                    trade_value("grain_exports", "1926–1927")
                    * trade_value("grain_exports", "1926–1927", "percent_of_base")
                    / 100
                ),
                "You took 22.4 percent of the 1926–1927 exports. It is 1926–1927 that is 22.4 percent of 1913: divide.",
            ),
        ),
    )
)
register(
    Exercise(
        "4.8",
        _implied_national_income,
        tolerance=0.05,
        unit="milliard prewar roubles",
        hint="National income = 122.1 ÷ 0.8 × 100 million roubles; a milliard is a thousand million.",
        mistakes=(
            Mistake(
                lambda: _implied_national_income() * 1000,
                "That is in million roubles; the question asks for milliards (thousand millions).",
            ),
            Mistake(
                lambda: (
                    _equipment("equipment_supplied_value")
                    * _equipment("equipment_supplied_share_of_national_income")
                    / 100
                    / 1000
                ),
                "You took 0.8 percent of 122.1. The 122.1 million is the 0.8 percent: divide by it.",
            ),
        ),
    )
)
register(
    Exercise(
        "4.9",
        others_fall,
        tolerance=0.05,
        unit="percent",
        hint="In 1926 the others delivered (100 − 20) percent of the grain; in 1927, if the kulaks sold nothing, they "
        "delivered all of the (100 − 55) percent that came. Their fall: 1 − (100 − 55) ÷ (100 − 20), times 100.",
        mistakes=(
            Mistake(
                lambda: actual_fall_nov_dec_1927() - kulak_share("stalin_1926_27"),
                "That is 55 − 20, in points of the whole. The question asks how far the others' own deliveries fell, "
                "as a percentage of what they delivered in 1926.",
            ),
            Mistake(
                lambda: (100 - actual_fall_nov_dec_1927()) / (100 - kulak_share("stalin_1926_27")) * 100,
                "That is what the others still delivered, as a percentage of 1926. The fall is 100 minus it.",
            ),
            Mistake(
                actual_fall_nov_dec_1927,
                "That is the fall of all procurement. Take the kulaks' 20 percent out of 1926 first.",
            ),
        ),
    )
)
register(
    Exercise(
        "4.10",
        october_shortfall,
        tolerance=0.005,
        unit="million metric tons",
        hint="July–October 1927 brought 3.74 Mt against 3.96. If July–September 1927 brought at least as much as "
        "July–September 1926, the whole difference must lie in October.",
        mistakes=(
            Mistake(
                lambda: -october_shortfall(),
                "The sign is reversed: you subtracted 1926 from 1927. Give the shortfall as a positive number.",
            ),
            Mistake(
                lambda: october_shortfall() / _procurement_total("1926-07") * 100,
                "That is the July–October fall in percent. The question asks for million metric tons.",
            ),
        ),
    )
)


def harvests_against_prewar() -> pd.Series:
    """Every actual harvest of intro_grain and p2c1_grain, as a percent of the 1909–1913 average, in the tables'
    order (exercise 4.11: the student draws it)."""
    figures = grain_figures()
    rows = figures[(figures["series"] == "harvest") & (figures["scenario"] == "actual")]
    prewar = value(figures, series="harvest", period="1909–1913")
    return rows.set_index("period")["value"] / prewar * 100


def _actual_harvests() -> pd.Series:
    """The same harvests in million metric tons (what a student draws who forgets to divide by the prewar average)."""
    figures = grain_figures()
    rows = figures[(figures["series"] == "harvest") & (figures["scenario"] == "actual")]
    return rows.set_index("period")["value"]


register(
    Exercise(
        "4.11",
        harvests_against_prewar,
        kind="figure",
        tolerance=0.05,
        hint="Divide each harvest by the 1909–1913 average and multiply by 100, one bar per row, in the table's order.",
        drawing=Drawing(marks="bars", what="periods", source=True),
        mistakes=(
            Mistake(
                _actual_harvests,
                "Your bars are the harvests in million metric tons. The exercise asks for each as a percent of the "
                "1909–1913 average: divide by it and multiply by 100.",
            ),
            Mistake(
                lambda: _actual_harvests() / value("intro_grain", series="harvest", period="1926–1927") * 100,
                "You divided by the 1926–1927 harvest. The base is the prewar average, 1909–1913.",
            ),
        ),
    )
)
