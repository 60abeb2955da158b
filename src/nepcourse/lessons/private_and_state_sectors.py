"""Lesson 08, Part 3 chapter 2: the private sector and the state sector in industry and trade. Who produced
what by ownership sector in 1926–1927, the squeeze on private trade and industry from 1926, and what closing
private sales points without replacing them demanded of state and cooperative trade.

Each chart is a function returning its figure; the numbers behind it come from small functions that the tests
check against the CSV files. Derived numbers (remainders, totals, indices) are computed here, never stored.
"""

from __future__ import annotations

import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

SECTORS = ["state", "cooperative", "private", "concession"]
SECTOR_LABELS = {
    "state": "state",
    "cooperative": "cooperative",
    "private": "private",
    "concession": "foreign concession",
}
# colour and hatch together: a segment is told apart by its pattern and its label, not by colour alone
STYLE = {"state": ("C0", ""), "cooperative": ("C2", ".."), "private": ("C3", "//"), "concession": ("C4", "xx")}
INDUSTRY_LABELS = {"census": "census industry", "small_scale": "small-scale industry"}
TRADE_LABELS = {"wholesale": "wholesale trade", "retail": "retail trade"}
BASE, AFTER = "1926–1927", "1928–1929"


# ---- who produced what -------------------------------------------------------------------------


def sector_shares() -> pd.DataFrame:
    """Shares of gross production in 1926–1927, one row per sector, one column per kind of industry
    (census, small_scale); small-scale industry has no foreign-concession row (empty)."""
    table = load("p3c2_industry_sectors")
    return table.pivot(index="sector", columns="industry", values="value").loc[SECTORS, ["census", "small_scale"]]


def _ordered(wide: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Rows in the book's order of sectors and the given columns, whatever order a pivot left them in."""
    return wide.loc[[s for s in SECTORS if s in wide.index], columns]


def _stacked(ax, wide: pd.DataFrame, labels: dict[str, str], computed: tuple = ()) -> None:
    """Horizontal bars, one per column of ``wide``, stacked by sector (rows), each segment labelled with its
    value; ``computed`` lists the (row, column) segments the course computed, drawn with a black outline and
    their own hatch."""
    shown = set()  # legend entries already made: one per sector, and one for a computed segment
    for position, column in enumerate(wide.columns):
        left = 0.0
        for sector in wide.index:
            share = wide.loc[sector, column]
            if pd.isna(share) or share == 0:
                continue
            colour, hatch = STYLE[sector]
            done = (sector, column) in computed
            label = SECTOR_LABELS[sector] + (" (remainder, computed)" if done else "")
            ax.barh(
                position,
                share,
                left=left,
                color=colour,
                hatch="\\\\" if done else hatch,
                edgecolor="black" if done else "white",
                linewidth=1.5 if done else 0.5,
                label=None if label in shown else label,
            )
            shown.add(label)
            if share >= 4:
                ax.text(
                    left + share / 2,
                    position,
                    f"{share:g}",
                    ha="center",
                    va="center",
                    fontsize=9,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
                )
            left += share
    ax.set_yticks(range(len(wide.columns)), [labels[c] for c in wide.columns])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)


def _sectors_alt(data) -> str:
    data = _ordered(data, list(INDUSTRY_LABELS))
    parts = []
    for column in data.columns:
        shares = data[column].dropna()
        parts.append(
            f"{INDUSTRY_LABELS[column]}: " + listing(f"{SECTOR_LABELS[s]} {num(shares[s])}" for s in shares.index)
        )
    return f"Stacked bars, percent of gross production in 1926–1927 by ownership sector. {'; '.join(parts)}."


@chart(
    "p3c2_industry_sectors",
    units=("percent of gross production (current prices)",),
    data=sector_shares,
    alt=_sectors_alt,
)
def sectors_chart(data=None):
    """Census and small-scale industry side by side, each stacked by ownership sector, 1926–1927
    (``data``: one row per sector, columns census and small_scale, as ``sector_shares()`` gives)."""
    fig, ax = new_figure(figsize=(9, 3.8))
    _stacked(ax, _ordered(data, list(INDUSTRY_LABELS)), INDUSTRY_LABELS)
    decorate(
        ax,
        title="Who produced what, 1926–1927: the two kinds of industry by owner",
        xlabel="Percent of gross production (current prices)",
        xlim=(0, 100),
    )
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncols=4, fontsize=8)
    add_source(fig, "p3c2_industry_sectors")
    return fig


# ---- who traded what ---------------------------------------------------------------------------


def trade_shares() -> pd.DataFrame:
    """Shares of wholesale and retail turnover in 1926–1927, one row per sector, one column per kind of
    trade; the state's retail share, which the chapter does not print, is the remainder (computed)."""
    table = load("p3c2_trade_shares")
    wide = table[table["period"] == BASE].pivot(index="sector", columns="trade", values="value")
    wide = wide.loc[["state", "cooperative", "private"], ["wholesale", "retail"]]
    wide.loc["state", "retail"] = 100 - wide.loc["cooperative", "retail"] - wide.loc["private", "retail"]
    return wide


def _trade_alt(data) -> str:
    data = _ordered(data, list(TRADE_LABELS))
    parts = [f"{TRADE_LABELS[c]}: " + listing(f"{s} {num(data.loc[s, c])}" for s in data.index) for c in data.columns]
    return (
        f"Stacked bars, percent of turnover in 1926–1927 by sector. {'; '.join(parts)}. "
        f"The state's retail share is the remainder, computed by the course."
    )


@chart("p3c2_trade_shares", units=("percent of turnover",), data=trade_shares, alt=_trade_alt)
def trade_chart(data=None):
    """Wholesale and retail trade side by side, stacked by sector, 1926–1927 (``data``: one row per sector,
    columns wholesale and retail, as ``trade_shares()`` gives; the state's retail share is outlined as computed)."""
    fig, ax = new_figure(figsize=(9, 3.8))
    _stacked(ax, _ordered(data, list(TRADE_LABELS)), TRADE_LABELS, computed=(("state", "retail"),))
    decorate(
        ax,
        title="Who traded what, 1926–1927: wholesale and retail turnover by sector",
        xlabel="Percent of turnover",
        xlim=(0, 100),
    )
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.28), ncols=4, fontsize=8)
    add_source(
        fig, "p3c2_trade_shares", derived="State retail share = 100 − private − cooperative, computed by the course."
    )
    return fig


# ---- the squeeze in four measures --------------------------------------------------------------


def _figure(indicator: str, period: str, table: pd.DataFrame | None = None) -> float:
    return float(value("p3c2_figures" if table is None else table, indicator=indicator, period=period))


def squeeze() -> pd.DataFrame:
    """Four measures of the squeeze, each before and after in its own unit, and the later value as an index
    of the earlier (= 100). The nonstate share of census industry in 1926–1927 is computed (100 − state);
    its 1928–1929 value is the book's bound 'less than 1'."""
    trade = load("p3c2_trade_shares")
    sectors = load("p3c2_industry_sectors")
    rows = [
        (
            "taxes and forced loans on private traders",
            "1925–1926",
            "1926–1927",
            _figure("taxes_and_forced_loans_on_private_sector", "1925–1926"),
            _figure("taxes_and_forced_loans_on_private_sector", "1926–1927"),
            "million roubles",
        ),
        (
            "private commercial units, RSFSR",
            "1926–1927",
            "1927–1928",
            _figure("private_commercial_units_rsfsr", "1926–1927"),
            _figure("private_commercial_units_rsfsr", "1927–1928"),
            "units",
        ),
        (
            "private share of retail trade",
            BASE,
            AFTER,
            value(trade, trade="retail", sector="private", period=BASE),
            value(trade, trade="retail", sector="private", period=AFTER),
            "percent",
        ),
        (
            "nonstate share of census industry",
            BASE,
            AFTER,
            100 - value(sectors, industry="census", sector="state"),
            _figure("nonstate_share_of_census_industry", AFTER),
            "percent",
        ),
    ]
    frame = pd.DataFrame(rows, columns=["measure", "before_period", "after_period", "before", "after", "unit"])
    # the book gives the last value as a bound only
    frame["after_is"] = ["", "", "", "less than "]
    frame["index"] = frame["after"] / frame["before"] * 100
    return frame.set_index("measure")


def _squeeze_alt(data) -> str:
    parts = [
        f"{m}: {num(r['before'])} in {r['before_period']} to {r['after_is']}{num(r['after'])} in {r['after_period']} "
        f"(index {num(r['index'])})"
        for m, r in data.iterrows()
    ]
    return f"Horizontal bars, each measure's later value as an index of its earlier value (= 100): {'; '.join(parts)}."


@chart("p3c2_figures", "p3c2_trade_shares", "p3c2_industry_sectors", units=("index",), data=squeeze, alt=_squeeze_alt)
def squeeze_chart(data=None):
    """The squeeze in four measures, each on its own scale made comparable: later value as an index of the
    earlier (= 100) (``data``: one row per measure with before, after, their periods, unit and index, as
    ``squeeze()`` gives)."""
    fig, ax = new_figure(figsize=(9, 4.2))
    y = range(len(data))
    colours = ["C1" if i > 100 else "C5" for i in data["index"]]
    hatches = ["" if i > 100 else "//" for i in data["index"]]
    bars = ax.barh(list(y), data["index"], color=colours)
    for bar, hatch in zip(bars, hatches):
        bar.set_hatch(hatch)
    ax.axvline(100, color="black", linestyle="--", linewidth=1.2)
    for i, (_, r) in enumerate(data.iterrows()):
        direction = "up" if r["index"] > 100 else "down"
        ax.text(
            r["index"] + 3,
            i,
            f"{r['before']:,.6g} ({r['before_period']}) → {r['after_is']}{r['after']:,.6g} ({r['after_period']}), "
            f"{direction}",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(list(y), [f"{m}\n({u})" for m, u in zip(data.index, data["unit"])], fontsize=8)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    decorate(
        ax,
        title="The squeeze on the private sector, 1925–1929",
        xlabel="Later value as an index (earlier value = 100; dashed line: no change)",
        xlim=(0, max(260.0, float(data["index"].max()) * 1.6)),
    )
    add_source(
        fig,
        "p3c2_figures",
        "p3c2_trade_shares",
        "p3c2_industry_sectors",
        derived="Indices (after ÷ before × 100) and the 1926–1927 nonstate share (100 − state) computed by the course.",
    )
    return fig


# ---- what replacing private trade demanded -----------------------------------------------------


def retail_shares() -> pd.Series:
    """The retail turnover shares of 1926–1927 by sector (state = remainder, computed) and the private share
    of 1928–1929, as one series (what the replacement chart reads)."""
    wide = trade_shares()["retail"]
    after = value("p3c2_trade_shares", trade="retail", sector="private", period=AFTER)
    return pd.concat([wide, pd.Series({f"private {AFTER}": after})])


def official_growth_needed(private_share: float, before: pd.Series | None = None) -> float:
    """Percent by which state and cooperative retail turnover had to grow for total retail turnover to stay
    at its 1926–1927 level when the private share falls from the 1926–1927 share to ``private_share``."""
    before = retail_shares() if before is None else before
    official_before = 100 - before["private"]
    return ((100 - private_share) / official_before - 1) * 100


def _replacement_alt(data, private_share: float = 13.5) -> str:
    growth = official_growth_needed(private_share, data)
    return (
        f"Two stacked bars, retail turnover with 1926–1927 = 100. In 1926–1927: private {num(data['private'])}, "
        f"state and cooperative {num(100 - data['private'])}. With the same total and a private share of "
        f"{num(private_share)}: state and cooperative trade {num(100 - private_share)}, which is "
        f"{num(growth)}% more than in 1926–1927."
    )


@chart("p3c2_trade_shares", units=("index",), data=retail_shares, alt=_replacement_alt)
def replacement_chart(data=None, private_share: float = 13.5):
    """What replacing private retail trade demanded: 1926–1927 as printed, and the same total turnover with the
    private share cut to ``private_share`` (``data``: the retail shares, as ``retail_shares()`` gives)."""
    private = float(data["private"])
    official = 100 - private
    growth = official_growth_needed(private_share, data)
    fig, ax = new_figure(figsize=(9, 4.6))
    labels = ["1926–1927\n(as printed)", f"same total,\nprivate share {private_share:g}%"]
    ax.bar(labels, [official, 100 - private_share], color="C0", label="state and cooperative trade")
    ax.bar(
        labels,
        [private, private_share],
        bottom=[official, 100 - private_share],
        color="C3",
        hatch="//",
        edgecolor="white",
        label="private trade",
    )
    for i, (low, high) in enumerate([(official, private), (100 - private_share, private_share)]):
        ax.text(i, low / 2, f"{low:.1f}", ha="center", va="center", color="white", fontsize=11, weight="bold")
        if high >= 3:
            ax.text(
                i,
                low + high / 2,
                f"{high:.1f}",
                ha="center",
                va="center",
                fontsize=10,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            )
    book = float(data[f"private {AFTER}"])
    decorate(
        ax,
        title=f"Private share {private:g}% → {private_share:g}%: official trade must grow {growth:.1f}%",
        ylabel="Retail turnover\n(index, 1926–1927 total = 100)",
        xlabel=f"A thought experiment: the book gives shares, not totals (its {AFTER} share: {book:g}%)",
        ylim=(0, 118),
    )
    ax.legend(loc="upper center", ncols=2, fontsize=8)
    add_source(
        fig,
        "p3c2_trade_shares",
        derived="State retail share (remainder) and the growth needed, (100 − new private share) ÷ (100 − old) − 1, "
        "computed by the course.",
    )
    return fig


def replacement_widget():
    """Move the private share of retail trade: how much must state and cooperative trade grow to fill the gap?"""
    import ipywidgets as widgets

    before = float(retail_shares()["private"])
    slider = widgets.FloatSlider(
        value=13.5,
        min=0.0,
        max=before,
        step=0.5,
        description="Private share (%)",
        style={"description_width": "initial"},
        continuous_update=False,
    )
    return live(replacement_chart, private_share=slider)


# ---- exercises of lesson 08 --------------------------------------------------------------------


def _sector(industry: str, sector: str) -> float:
    return value("p3c2_industry_sectors", industry=industry, sector=sector)


def _trade(trade: str, sector: str, period: str = BASE) -> float:
    return value("p3c2_trade_shares", trade=trade, sector=sector, period=period)


def nonstate_census_share() -> float:
    """Cooperative + private + foreign-concession shares of census industry, 1926–1927."""
    return sum(_sector("census", s) for s in ("cooperative", "private", "concession"))


def total_industrial_output() -> float:
    """All industry's production in 1926–1927 implied by private industry's 4,391 million = 19.7 percent."""
    return _figure("private_industry_production", BASE) / _figure("private_industry_share_of_all_industry", BASE) * 100


def small_scale_weight() -> float:
    """Small-scale industry's share (percent) of all industrial production that makes the private shares agree:
    1.8 (census) and 79 (small-scale) must average to 19.7 for all industry."""
    whole = _figure("private_industry_share_of_all_industry", BASE)
    census, small = _sector("census", "private"), _sector("small_scale", "private")
    return (whole - census) / (small - census) * 100


def private_shares_1926_27() -> pd.Series:
    """The private sector's share in the four places the chapter gives it for 1926–1927 (exercise 8.8 draws it)."""
    return pd.Series(
        {
            "census industry": _sector("census", "private"),
            "small-scale industry": _sector("small_scale", "private"),
            "wholesale trade": _trade("wholesale", "private"),
            "retail trade": _trade("retail", "private"),
        }
    )


def shapiro_share() -> float:
    """D. Shapiro's share of small-scale enterprises employing no wage workers (the study is undated)."""
    return float(value("p3c2_figures", indicator="small_enterprises_without_wage_workers"))


def _retail_after_by_mistake() -> pd.Series:
    """Exercise 8.8 drawn with the 1928–1929 retail share instead of 1926–1927's (a likely mistake)."""
    shares = private_shares_1926_27()
    shares["retail trade"] = _trade("retail", "private", AFTER)
    return shares


def _units(period: str) -> float:
    return _figure("private_commercial_units_rsfsr", period)


def _levies(period: str) -> float:
    return _figure("taxes_and_forced_loans_on_private_sector", period)


register(
    Exercise(
        "8.1",
        nonstate_census_share,
        tolerance=0.05,
        unit="percent",
        hint="Add the cooperative, private and foreign-concession shares of census industry "
        "(or take the state's from 100).",
        mistakes=(
            Mistake(
                lambda: _sector("census", "private"),
                "That is the private sector alone. 'Nonstate' also counts the "
                "cooperatives and the foreign concessions.",
            ),
            Mistake(
                lambda: _sector("census", "state"), "That is the state's share. The question asks for all the others."
            ),
        ),
    )
)
register(
    Exercise(
        "8.2",
        total_industrial_output,
        tolerance=5,
        unit="million roubles",
        hint="If 4,391 million is 19.7 percent of the whole, the whole is 4,391 ÷ 19.7 × 100.",
        mistakes=(
            Mistake(
                lambda: (
                    _figure("private_industry_production", BASE)
                    * _figure("private_industry_share_of_all_industry", BASE)
                    / 100
                ),
                "You took 19.7 percent of 4,391 million. 4,391 million is itself the 19.7 percent: divide by it.",
            ),
            Mistake(
                lambda: (
                    _figure("private_industry_production", BASE)
                    / _figure("private_industry_share_of_all_industry", BASE)
                ),
                "You divided by 19.7 but forgot to multiply by 100 (19.7 is a percentage).",
            ),
        ),
    )
)
register(
    Exercise(
        "8.3",
        small_scale_weight,
        tolerance=0.1,
        unit="percent",
        hint="Call the small-scale share w (in percent). Then 1.8 × (100 − w) + 79 × w = 19.7 × 100, "
        "so w = (19.7 − 1.8) ÷ (79 − 1.8) × 100.",
        mistakes=(
            Mistake(
                lambda: (
                    _figure("private_industry_share_of_all_industry", BASE) / _sector("small_scale", "private") * 100
                ),
                "You left out the private output of census industry (1.8 percent of it). Take 1.8 from both "
                "19.7 and 79 before dividing.",
            ),
        ),
    )
)
register(
    Exercise(
        "8.4",
        lambda: _levies("1926–1927") / _levies("1925–1926"),
        tolerance=0.01,
        unit="times",
        hint="Divide the 1926–1927 amount by the 1925–1926 amount.",
        mistakes=(
            Mistake(
                lambda: _levies("1926–1927") - _levies("1925–1926"),
                "That is the increase in million roubles. 'How many times' asks for a ratio: divide.",
            ),
            Mistake(
                lambda: (_levies("1926–1927") / _levies("1925–1926") - 1) * 100,
                "That is the percent increase. The question asks how many times (a ratio).",
            ),
        ),
    )
)
register(
    Exercise(
        "8.5",
        lambda: (_units("1927–1928") / _units("1926–1927") - 1) * 100,
        tolerance=0.05,
        unit="percent",
        hint="Percent change = (later ÷ earlier − 1) × 100; a fall comes out negative.",
        mistakes=(
            Mistake(
                lambda: (1 - _units("1927–1928") / _units("1926–1927")) * 100,
                "The size is right but the sign is not: the number of units fell, so the change is negative.",
            ),
            Mistake(
                lambda: (_units("1926–1927") / _units("1927–1928") - 1) * 100,
                "You divided the earlier year by the later one. The base of a change is the earlier year.",
            ),
            Mistake(
                lambda: _units("1927–1928") - _units("1926–1927"),
                "That is the change in units. The question asks for a percentage.",
            ),
        ),
    )
)
register(
    Exercise(
        "8.6",
        lambda: official_growth_needed(_trade("retail", "private", AFTER)),
        tolerance=0.05,
        unit="percent",
        hint="State and cooperative trade held 100 − 36.9 percent in 1926–1927 and would need 100 − 13.5 percent of "
        "the same total: divide the second by the first, subtract 1, multiply by 100.",
        mistakes=(
            Mistake(
                lambda: _trade("retail", "private") - _trade("retail", "private", AFTER),
                "That is the fall of the private share in percentage points. The question asks how much state "
                "and cooperative trade had to grow, in percent of what it was.",
            ),
            Mistake(
                lambda: (1 - _trade("retail", "private", AFTER) / _trade("retail", "private")) * 100,
                "That is how much private trade shrank (if the total stayed the same). The question asks how "
                "much the state and cooperative trade had to grow.",
            ),
        ),
    )
)
register(
    Exercise(
        "8.7",
        lambda: 100 - shapiro_share(),
        tolerance=0.05,
        unit="percent",
        hint="Shapiro's 85 percent employed no wage workers: the rest employed at least one.",
        mistakes=(
            Mistake(
                shapiro_share,
                "That is the share that employed no wage workers. The question asks about those that did.",
            ),
        ),
    )
)
register(
    Exercise(
        "8.8",
        private_shares_1926_27,
        kind="figure",
        tolerance=0.05,
        hint="One bar per place, in the order census industry, small-scale industry, wholesale trade, retail trade; "
        "each the private sector's share in 1926–1927.",
        drawing=Drawing(marks="bars", what="groups", source=True),
        mistakes=(
            Mistake(
                _retail_after_by_mistake,
                "Your retail bar is the 1928–1929 share (13.5). The exercise asks for 1926–1927 everywhere (36.9).",
            ),
            Mistake(
                lambda: pd.Series(
                    {
                        "census industry": _sector("census", "state"),
                        "small-scale industry": _sector("small_scale", "state"),
                        "wholesale trade": _trade("wholesale", "state"),
                        "retail trade": 100 - _trade("retail", "private") - _trade("retail", "cooperative"),
                    }
                ),
                "Your bars are the state's shares. The exercise asks for the private sector's.",
            ),
        ),
    )
)
