"""Lesson 01, the Introduction: harvest and procurement, the 1927–1928 campaign, trade by sector,
the socialized sector in 1928, recovery against prewar, and the cultural and social indicators.

Each chart is a function returning its figure; the numbers behind it come from small functions that
the tests check against the CSV files.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..periods import period_midpoint
from ..plotting import add_source, chart, decorate, listing, live, moved, new_figure, num

NEP_YEARS = ["1925–1926", "1926–1927", "1927–1928"]
CAMPAIGN_START, CAMPAIGN_END = "1927-07", "1928-06"
#: Events of the 1927–1928 campaign marked on the campaign charts (ids in data/events.csv).
CAMPAIGN_EVENTS = {
    "emergency-measures-beginning-1928": "emergency measures",
    "stalin-circular-february-13-1928": "Stalin's circular",
    "cc-meeting-april-1928": "CC: back to NEP",
    "emergency-measures-reapplied-may-june-1928": "measures reapplied",
}


# ---- harvest and procurement ---------------------------------------------------------------


def grain() -> pd.DataFrame:
    """Harvest and procurement (million metric tons) by agricultural year, one column each."""
    table = load("intro_grain")
    return table.pivot(index="period", columns="series", values="value")


def share_procured(wide: pd.DataFrame | None = None) -> pd.Series:
    """Procurement as a percentage of the harvest, for the three NEP years with both figures."""
    wide = (grain() if wide is None else wide).loc[NEP_YEARS]
    return (wide["procurement"] / wide["harvest"] * 100).rename("share procured (%)")


#: Hatching that tells a chart's series apart without their colours, in the order they are drawn.
HATCHES = ("", "//", "..", "xx", "\\\\")


def _grain_alt(data) -> str:
    harvest, procured, shares = data.loc[NEP_YEARS, "harvest"], data.loc[NEP_YEARS, "procurement"], share_procured(data)
    first, last = shares.iloc[0], shares.iloc[-1]
    return (
        f"Bars: the grain harvest was {listing(num(v) for v in harvest)} million tons in {listing(NEP_YEARS)} "
        f"(prewar average {num(data.loc['1909–1913', 'harvest'])}); state procurement was "
        f"{listing(num(v, 2) for v in procured)} million tons. "
        f"The share of the harvest procured {moved(first, last)} from {num(first)}% to {num(last)}%."
    )


@chart("intro_grain", units=("million metric tons", "percent"), data=grain, alt=_grain_alt)
def grain_chart(data=None):
    """Harvest and procurement side by side, and the share of the harvest procured
    (``data``: one row per period, columns harvest and procurement, as ``grain()`` gives)."""
    wide = data
    fig, (left, right) = new_figure(ncols=2, figsize=(9.5, 4.8), gridspec_kw={"width_ratios": [3, 2]})
    x = range(len(NEP_YEARS))
    left.bar([i - 0.2 for i in x], wide.loc[NEP_YEARS, "harvest"], width=0.4, label="harvest")
    left.bar([i + 0.2 for i in x], wide.loc[NEP_YEARS, "procurement"], width=0.4, hatch="//", label="state procurement")
    left.axhline(
        wide.loc["1909–1913", "harvest"],
        color="black",
        linestyle="--",
        linewidth=1.2,
        label="prewar harvest (1909–1913 average)",
    )
    left.set_xticks(list(x), NEP_YEARS)
    decorate(
        left,
        title="Grain harvest and procurement",
        xlabel="Agricultural year (July–June)",
        ylabel="Million metric tons",
        ylim=(0, 95),
    )
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2, fontsize=8)
    shares = share_procured(wide)
    right.bar(list(x), shares.values, color="C1")
    for i, share in zip(x, shares.values):
        right.text(i, share + 0.3, f"{share:.1f}%", ha="center")
    right.set_xticks(list(x), NEP_YEARS, fontsize=9)
    decorate(
        right,
        title="Share procured",
        xlabel="Agricultural year (July–June)",
        ylabel="Percent of the harvest",
        ylim=(0, 17),
    )
    add_source(fig, "intro_grain", derived="Share computed by the course: procurement ÷ harvest × 100.")
    return fig


# ---- the 1927–1928 campaign, month by month -------------------------------------------------


def _campaign_row(start: str, statistic: str) -> float:
    return value("intro_procurement_1927_28", start_month=start, statistic=statistic)


def campaign_phases() -> pd.DataFrame:
    """The 1927–1928 campaign in phases: months, grain procured (Mt) and the rate per month.

    July–October and November–December are printed totals, January–March a printed monthly average,
    April a printed total; May–June is what remains of the campaign's printed total (10.38 Mt).
    """
    total = value("intro_grain", series="procurement", period="1927–1928")
    jul_oct = _campaign_row("1927-07", "total")
    nov_dec = _campaign_row("1927-11", "total")
    jan_mar = _campaign_row("1928-01", "monthly_average") * 3
    april = _campaign_row("1928-04", "total")
    may_jun = total - jul_oct - nov_dec - jan_mar - april
    phases = pd.DataFrame(
        {
            "phase": [
                "July–October 1927",
                "November–December 1927",
                "January–March 1928",
                "April 1928",
                "May–June 1928",
            ],
            "first": ["1927-07", "1927-11", "1928-01", "1928-04", "1928-05"],
            "last": ["1927-10", "1927-12", "1928-03", "1928-04", "1928-06"],
            "months": [4, 2, 3, 1, 2],
            "procured": [jul_oct, nov_dec, jan_mar, april, may_jun],
            "how": [
                "printed total",
                "printed total",
                "printed monthly average × 3",
                "printed total",
                "campaign total minus the other phases",
            ],
        }
    )
    phases["per_month"] = phases["procured"] / phases["months"]
    return phases


def campaign_months(rate_from_january: float | None = None) -> pd.DataFrame:
    """Grain procured in each month of the campaign (Mt), at each phase's average rate.

    With ``rate_from_january``, January–June 1928 go at that rate instead: a "what if" without the
    emergency measures and their reversals.
    """
    rows = []
    for phase in campaign_phases().itertuples():
        for month in pd.period_range(phase.first, phase.last, freq="M"):
            rate = phase.per_month
            if rate_from_january is not None and month >= pd.Period("1928-01", "M"):
                rate = rate_from_january
            rows.append({"month": month.to_timestamp(), "phase": phase.phase, "procured": rate})
    months = pd.DataFrame(rows)
    months["cumulative"] = months["procured"].cumsum()
    return months


def counterfactual_total(rate_from_january: float) -> float:
    """The campaign's total (Mt) if January–June 1928 had gone at ``rate_from_january`` Mt a month."""
    return float(campaign_months(rate_from_january)["cumulative"].iloc[-1])


def _mark_campaign_events(ax) -> None:
    for event_id, label in CAMPAIGN_EVENTS.items():
        when = value("events", "date_start", event_id=event_id)
        ax.axvline(when, color="#555555", linestyle=":", linewidth=1)
        ax.text(when, 1.55, " " + label, rotation=90, va="bottom", ha="left", fontsize=8, color="#333333")


def _campaign_alt(data) -> str:
    rates = data.groupby("phase", sort=False)["procured"].mean()
    steps = [f"{num(rates.iloc[0], 2)} in {rates.index[0]}"] + [
        f"{moved(before, rate)} to {num(rate, 2)} in {phase}"
        for before, (phase, rate) in zip(rates.values, list(rates.items())[1:])
    ]
    return (
        f"Bars: grain procured per month in the 1927–1928 campaign, in million tons: {', then '.join(steps)}. "
        "Emergency measures began in January 1928, were relaxed in April and reapplied in May–June."
    )


@chart(
    "intro_procurement_1927_28",
    "intro_grain",
    "events",
    units=("million metric tons",),
    data=campaign_months,
    alt=_campaign_alt,
)
def campaign_chart(data=None):
    """Grain procured per month in the 1927–1928 campaign, phase by phase, with the year before
    (``data``: one row per month, columns month, phase and procured, as ``campaign_months()`` gives)."""
    months = data
    fig, ax = new_figure(figsize=(9, 5.2))
    phases = list(dict.fromkeys(months["phase"]))
    for i, phase in enumerate(phases):
        part = months[months["phase"] == phase]
        ax.bar(
            part["month"], part["procured"], width=25, align="edge", color=f"C{i}", hatch=HATCHES[i % 5], label=phase
        )
    before = pd.DataFrame(
        {
            "month": [pd.Timestamp("1927-07-01"), pd.Timestamp("1928-04-01")],
            "procured": [_campaign_row("1926-07", "total") / 4, _campaign_row("1927-04", "total")],
        }
    )
    ax.scatter(
        before["month"] + pd.Timedelta(days=12),
        before["procured"],
        marker="_",
        s=600,
        color="black",
        linewidths=2.5,
        zorder=3,
        label="same months of 1926–1927",
    )
    decorate(
        ax,
        title="The 1927–1928 grain campaign, month by month",
        xlabel="Month",
        ylabel="Grain procured\n(million metric tons a month)",
        ylim=(0, 2.5),
    )
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    _mark_campaign_events(ax)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=3)
    add_source(
        fig,
        "intro_procurement_1927_28",
        "intro_grain",
        "events",
        derived="Monthly rates computed by the course: each phase's tonnage ÷ its months; "
        "May–June = campaign total minus the other phases.",
    )
    return fig


def nov_dec_rate() -> float:
    """Grain procured per month in November–December 1927 (million metric tons)."""
    return value(campaign_phases(), "per_month", phase="November–December 1927")


def _counterfactual_alt(data, rate_from_january=None) -> str:
    rate = nov_dec_rate() if rate_from_january is None else rate_from_january
    actual, what_if = data["cumulative"].iloc[-1], counterfactual_total(rate)
    before = value("intro_grain", series="procurement", period="1926–1927")
    return (
        f"Lines: grain procured since July 1927 reached {num(actual, 2)} million tons by June 1928 as it happened; "
        f"at {num(rate, 3)} million tons a month from January it would have reached {num(what_if, 2)}, "
        f"against {num(before, 2)} in the 1926–1927 campaign."
    )


@chart(
    "intro_procurement_1927_28",
    "intro_grain",
    units=("million metric tons",),
    data=campaign_months,
    alt=_counterfactual_alt,
)
def counterfactual_chart(data=None, rate_from_january: float | None = None):
    """Grain procured so far, month by month: as it happened (``data``, as ``campaign_months()`` gives),
    and if January–June had gone at a chosen rate (by default November–December's)."""
    actual = data
    rate = nov_dec_rate() if rate_from_january is None else rate_from_january
    what_if = campaign_months(rate)
    fig, ax = new_figure()
    ends = actual["month"] + pd.offsets.MonthEnd(0)
    ax.plot(ends, actual["cumulative"], marker="o", label="as it happened")
    ax.plot(
        ends,
        what_if["cumulative"],
        marker="o",
        linestyle="--",
        label=f"if January–June had gone at {rate:.3f} million tons a month",
    )
    ax.axhline(
        value("intro_grain", series="procurement", period="1926–1927"),
        color="black",
        linewidth=1,
        linestyle=":",
        label="total of the 1926–1927 campaign",
    )
    ax.text(ends.iloc[-1], what_if["cumulative"].iloc[-1], f"  {what_if['cumulative'].iloc[-1]:.2f}", va="center")
    decorate(
        ax,
        title="The 1927–1928 campaign: what if?",
        xlabel="End of month",
        ylabel="Grain procured since 1 July 1927\n(million metric tons)",
        ylim=(0, 16),
    )
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    ax.legend(loc="upper left", fontsize=9)
    add_source(
        fig,
        "intro_procurement_1927_28",
        "intro_grain",
        derived="Cumulative totals and the 'what if' line computed by the course from the monthly rates.",
    )
    return fig


def counterfactual_widget():
    """A slider for the January–June 1928 rate; the chart and the campaign's total follow it."""
    import ipywidgets as widgets

    slider = widgets.FloatSlider(
        value=round(nov_dec_rate(), 3),
        min=0.2,
        max=1.6,
        step=0.005,
        readout_format=".3f",
        description="January–June rate (million tons a month)",
        continuous_update=False,
        style={"description_width": "initial"},
        layout={"width": "600px"},
    )
    return live(counterfactual_chart, rate_from_january=slider)


# ---- trade by sector ------------------------------------------------------------------------


def trade_shares(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """1926–1927 shares of wholesale and retail trade: one row per trade, one column per sector."""
    table = load("intro_trade_shares") if table is None else table
    year = table[table["period"] == "1926–1927"]
    return year.pivot(index="trade", columns="sector", values="share")[["state", "cooperative", "private"]]


def private_retail_share(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The private share of retail trade at each date the book gives, with the middle of each period."""
    table = load("intro_trade_shares") if table is None else table
    private = table[(table["trade"] == "retail") & (table["sector"] == "private")].copy()
    private["mid"] = [period_midpoint(p) for p in private["period"]]
    return private[["period", "mid", "share"]].reset_index(drop=True)


def _trade_alt(data) -> str:
    shares, private = trade_shares(data), private_retail_share(data)
    held = [
        f"{trade}: {', '.join(f'{sector} {num(shares.loc[trade, sector])}%' for sector in shares.columns)}"
        for trade in ("wholesale", "retail")
    ]
    first, last = private.iloc[0], private.iloc[-1]
    return (
        f"Stacked bars, shares of trade in 1926–1927, {'; '.join(held)}. "
        f"Line: the private share of retail trade {moved(first.share, last.share)} from {num(first.share)}% "
        f"({first.period}) to {num(last.share)}% ({last.period})."
    )


@chart("intro_trade_shares", units=("percent", "percent"), data=lambda: load("intro_trade_shares"), alt=_trade_alt)
def trade_chart(data=None):
    """Who traded in 1926–1927 (stacked shares), and the private traders' retail share to 1929
    (``data``: rows of the table intro_trade_shares)."""
    shares = trade_shares(data)
    fig, (left, right) = new_figure(ncols=2)
    bottom = pd.Series(0.0, index=shares.index)
    for i, sector in enumerate(shares.columns):
        left.bar(shares.index, shares[sector], bottom=bottom, hatch=HATCHES[i], edgecolor="white", label=sector)
        for trade in shares.index:
            left.text(
                trade,
                bottom[trade] + shares.loc[trade, sector] / 2,
                f"{shares.loc[trade, sector]:.1f}",
                ha="center",
                va="center",
                color="white",
                fontweight="bold",
            )
        bottom += shares[sector]
    decorate(
        left, title="Trade by sector, 1926–1927", xlabel="Trade", ylabel="Share of turnover (percent)", ylim=(0, 100)
    )
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=3, fontsize=9)
    private = private_retail_share(data)
    right.plot(private["mid"], private["share"], marker="o", color="C2")
    for row in private.itertuples():
        right.annotate(
            f"{row.share:.1f}\n({row.period})",
            (row.mid, row.share),
            textcoords="offset points",
            xytext=(0, 8),
            ha="center",
            fontsize=9,
        )
    right.xaxis.set_major_locator(mdates.YearLocator())
    right.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    right.set_xlim(pd.Timestamp("1926-09-01"), pd.Timestamp("1930-03-31"))
    decorate(
        right,
        title="Private share of retail trade",
        xlabel="Middle of the period",
        ylabel="Share of retail turnover (percent)",
        ylim=(0, 50),
    )
    add_source(
        fig, "intro_trade_shares", derived="Points placed at the middle of each period (1926–1927 is an economic year)."
    )
    return fig


# ---- the socialized sector in 1928 -----------------------------------------------------------


def _socialized_alt(data) -> str:
    table = data.sort_values("share", ascending=False)
    parts = [f"{label.lower()} {num(share)}%" for label, share in zip(table["label"], table["share"])]
    return f"Bars: the state and cooperative sector's share in 1928 of {listing(parts)}."


@chart(
    "intro_socialized_sector_1928",
    units=("percent",),
    data=lambda: load("intro_socialized_sector_1928"),
    alt=_socialized_alt,
)
def socialized_sector_chart(data=None):
    """The state and cooperative sector's share of four aggregates in 1928 (``data``: rows with label and share)."""
    table = data.sort_values("share")
    fig, ax = new_figure(figsize=(8, 3.8))
    ax.barh(table["label"], table["share"], color="C0")
    for label, share in zip(table["label"], table["share"]):
        ax.text(share + 1, label, f"{share:g}%", va="center")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    decorate(ax, title="The socialized sector's share, 1928", xlabel="Share of the whole (percent)", xlim=(0, 100))
    add_source(fig, "intro_socialized_sector_1928")
    return fig


# ---- recovery against prewar -----------------------------------------------------------------


def recovery_against_prewar() -> pd.DataFrame:
    """Each indicator of section II as a percentage of its prewar (or other base) level.

    Percent changes become 100 + change; indices are used as printed; the grain harvest is divided by
    the 1909–1913 average. The base differs between rows: the ``base`` column says which.
    """
    rec = load("intro_recovery")
    prewar = rec[rec["base_period"].isin(["1913", "prewar", "1914"])]

    def pick(indicator, period, measure):
        row = prewar[(prewar["indicator"] == indicator) & (prewar["period"] == period) & (prewar["measure"] == measure)]
        if len(row) != 1:
            raise LookupError(f"intro_recovery: {len(row)} prewar-based rows for {indicator}, {period}, {measure}")
        return row.iloc[0]

    rows = []
    for label, indicator, period, measure in [
        ("Agricultural output", "agricultural_production", "1926–1927", "percent_change"),
        ("Industrial output", "industrial_production", "1926–1927", "percent_change"),
        ("Cotton goods", "cotton_goods", "1926–1927", "percent_change"),
        ("Manufacturing index", "processing_industry", "1927", "index"),
        ("Manufacturing index", "processing_industry", "1929", "index"),
        ("Consumer goods industry", "consumer_goods_industry", "1928", "index"),
        ("Railway freight", "railway_freight", "1927", "percent_change"),
        ("Population", "population", "1926", "percent_change"),
    ]:
        row = pick(indicator, period, measure)
        value = 100 + row["value"] if measure == "percent_change" else row["value"]
        rows.append({"indicator": f"{label}, {period}", "percent_of_base": value, "base": row["base_period"]})
    wide = grain()
    rows.insert(
        1,
        {
            "indicator": "Grain harvest, 1926–1927",
            "percent_of_base": wide.loc["1926–1927", "harvest"] / wide.loc["1909–1913", "harvest"] * 100,
            "base": "1909–1913 average",
        },
    )
    return pd.DataFrame(rows)


def _recovery_alt(data) -> str:
    top, bottom = data.loc[data["percent_of_base"].idxmax()], data.loc[data["percent_of_base"].idxmin()]
    below = data[data["percent_of_base"] < 100]
    names = [f"{i.lower()} ({num(v)})" for i, v in zip(below["indicator"], below["percent_of_base"])]
    under = f"{len(below)} below it, hatched: {listing(names)}" if len(below) else "none below it"
    return (
        f"Bars: {len(data)} indicators as a percentage of their prewar level (base = 100), from "
        f"{top.indicator.lower()} at {num(top.percent_of_base)} down to {bottom.indicator.lower()} at "
        f"{num(bottom.percent_of_base)}; {under}."
    )


@chart("intro_recovery", "intro_grain", units=("percent",), data=recovery_against_prewar, alt=_recovery_alt)
def recovery_chart(data=None):
    """How far each indicator stood above or below its prewar level (base = 100)
    (``data``: rows with indicator, percent_of_base and base, as ``recovery_against_prewar()`` gives)."""
    table = data.iloc[::-1]
    fig, ax = new_figure(figsize=(8, 5))
    below = [v < 100 for v in table["percent_of_base"]]
    bars = ax.barh(table["indicator"], table["percent_of_base"], color=["C3" if b else "C0" for b in below])
    for bar, low in zip(bars, below):
        bar.set_hatch("//" if low else "")  # below the base: hatched as well as coloured
    ax.axvline(100, color="black", linewidth=1.2)
    for name, percent, base in zip(table["indicator"], table["percent_of_base"], table["base"]):
        ax.text(percent + 2, name, f"{percent:.1f}  (base {base})", va="center", fontsize=8)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    decorate(ax, title="Recovery against prewar", xlabel="Percent of the base level", xlim=(0, 230))
    add_source(
        fig,
        "intro_recovery",
        "intro_grain",
        derived="Computed by the course: percent changes as 100 + change; harvest ÷ 1909–1913 average × 100.",
    )
    return fig


# ---- culture and health ----------------------------------------------------------------------


def growth_factor(indicator: str, area: str, first: str, last: str) -> float:
    """How many times an indicator of intro_social_indicators multiplied between two periods."""

    def level(period):
        return value("intro_social_indicators", indicator=indicator, area=area, measure="level", period=period)

    return level(last) / level(first)


def library_books() -> pd.DataFrame:
    """Books in public libraries (millions): one row per area, one column per year."""
    table = load("intro_social_indicators")
    return table[table["indicator"] == "library_books"].pivot(index="area", columns="period", values="value")


def _library_alt(data) -> str:
    parts = [
        f"in the {area} from {num(data.loc[area, '1913'])} to {num(data.loc[area, '1927'])} million "
        f"(× {num(data.loc[area, '1927'] / data.loc[area, '1913'])})"
        for area in data.index
    ]
    gap = (data["1913"].max() - data["1913"].min(), data["1927"].max() - data["1927"].min())
    return (
        f"Bars: books in public libraries, 1913 and 1927, grew {listing(parts)}; the gap between towns and "
        f"countryside {moved(*gap, up='widened', down='narrowed')} from {num(gap[0])} to {num(gap[1])} million books."
    )


@chart("intro_social_indicators", units=("million books",), data=library_books, alt=_library_alt)
def library_chart(data=None):
    """Books in public libraries, towns against countryside, 1913 and 1927
    (``data``: one row per area, columns 1913 and 1927, as ``library_books()`` gives)."""
    books = data
    fig, ax = new_figure(figsize=(7, 4))
    x = range(len(books.index))
    for offset, period, hatch in [(-0.2, "1913", ""), (0.2, "1927", "//")]:
        ax.bar([i + offset for i in x], books[period], width=0.4, hatch=hatch, label=period)
    for i, area in enumerate(books.index):
        ax.text(
            i + 0.2,
            books.loc[area, "1927"] + 1,
            f"× {books.loc[area, '1927'] / books.loc[area, '1913']:.1f}",
            ha="center",
        )
    ax.set_xticks(list(x), [a.capitalize() for a in books.index])
    decorate(ax, title="Books in public libraries", xlabel="Area", ylabel="Million books", ylim=(0, 50))
    add_source(fig, "intro_social_indicators", derived="Growth factors (× n) computed by the course: 1927 ÷ 1913.")
    return fig


# ---- exercises of lesson 01 ------------------------------------------------------------------


def _largest_harvest_year() -> str:
    return str(grain().loc[NEP_YEARS, "harvest"].idxmax())


def _harvest_fall_percent(base: str = "1926–1927") -> float:
    wide = grain()
    return float(
        (wide.loc["1926–1927", "harvest"] - wide.loc["1927–1928", "harvest"]) / wide.loc[base, "harvest"] * 100
    )


def _phase(phase: str, column: str) -> float:
    return value(campaign_phases(), column, phase=phase)


def _private_share(period: str) -> float:
    return value("intro_trade_shares", trade="retail", sector="private", period=period)


def _recovery_value(indicator: str, measure: str) -> float:
    return value("intro_recovery", indicator=indicator, measure=measure)


def _volume_growth() -> float:
    return (
        _recovery_value("trade_turnover", "ratio") / (1 + _recovery_value("prices", "percent_change") / 100) - 1
    ) * 100


def _retail_1928_gap() -> float:
    return 100 - value("intro_socialized_sector_1928", indicator="retail_trade") - _private_share("1928")


SECTOR_WORDS = {
    "national_income": "national income",
    "industrial_output": "industry",
    "retail_trade": "retail trade",
    "agricultural_output": "agriculture",
}


def _smallest_socialized_share() -> str:
    table = load("intro_socialized_sector_1928")
    return SECTOR_WORDS[table.loc[table["share"].idxmin(), "indicator"]]


def _largest_socialized_share() -> str:
    table = load("intro_socialized_sector_1928")
    return SECTOR_WORDS[table.loc[table["share"].idxmax(), "indicator"]]


register(
    Exercise(
        "1.1",
        _largest_harvest_year,
        kind="choice",
        choices=("1909–1913", *NEP_YEARS),
        hint="Compare the blue bars of the three NEP years in the first chart.",
        mistakes=(
            Mistake(lambda: "1909–1913", "1909–1913 is the prewar average (the dashed line), not a year of the NEP."),
        ),
    )
)
register(
    Exercise(
        "1.2",
        lambda: share_procured()["1926–1927"],
        tolerance=0.05,
        unit="percent",
        hint="Divide the 1926–1927 procurement by the 1926–1927 harvest and multiply by 100.",
        mistakes=(
            Mistake(
                lambda: grain().loc["1926–1927", "harvest"] / grain().loc["1926–1927", "procurement"],
                "You divided the harvest by the procurement: the other way round.",
            ),
            Mistake(
                lambda: grain().loc["1926–1927", "procurement"] / grain().loc["1927–1928", "harvest"] * 100,
                "You divided by the 1927–1928 harvest; use the harvest of the same year, 1926–1927.",
            ),
        ),
    )
)
register(
    Exercise(
        "1.3",
        _harvest_fall_percent,
        tolerance=0.05,
        unit="percent",
        hint="Take the fall in tons, divide it by the 1926–1927 harvest, multiply by 100.",
        mistakes=(
            Mistake(
                lambda: grain().loc["1926–1927", "harvest"] - grain().loc["1927–1928", "harvest"],
                "That is the fall in million tons. The question asks for it as a percentage of the 1926–1927 harvest.",
            ),
            Mistake(
                lambda: _harvest_fall_percent("1927–1928"),
                "You divided by the 1927–1928 harvest. A change is measured against the starting year, 1926–1927.",
            ),
        ),
    )
)
register(
    Exercise(
        "1.4",
        lambda: _phase("January–March 1928", "per_month") / _phase("November–December 1927", "per_month"),
        tolerance=0.02,
        unit="times",
        hint="Turn both figures into tons per month first, then divide January–March by November–December.",
        mistakes=(
            Mistake(
                lambda: _campaign_row("1928-01", "monthly_average") / _campaign_row("1927-11", "total"),
                "The November–December figure is a two-month total, while January–March is a monthly average: divide "
                "the total by 2 first.",
            ),
        ),
    )
)
register(
    Exercise(
        "1.5",
        lambda: _private_share("1926–1927") - _private_share("1929"),
        tolerance=0.05,
        unit="percentage points",
        hint="Subtract the 1929 share from the 1926–1927 share.",
        mistakes=(
            Mistake(
                lambda: (_private_share("1926–1927") - _private_share("1929")) / _private_share("1926–1927") * 100,
                "That is the fall in percent of the private share (a relative change). The question asks for "
                "percentage points: the plain difference of the two shares.",
            ),
        ),
    )
)
register(
    Exercise(
        "1.6",
        _volume_growth,
        tolerance=0.1,
        unit="percent",
        hint="Volume = value ÷ price: divide the turnover ratio by the price ratio (1.5), then turn the ratio into a "
        "percent change.",
        mistakes=(
            Mistake(
                lambda: (
                    (_recovery_value("trade_turnover", "ratio") - 1) * 100 - _recovery_value("prices", "percent_change")
                ),
                "You subtracted the price rise from the value rise (150 − 50). Price and volume multiply, so divide: "
                "2.5 ÷ 1.5.",
            ),
            Mistake(
                lambda: (_recovery_value("trade_turnover", "ratio") - 1) * 100,
                "That is the growth at current prices. Take out the rise in prices first.",
            ),
        ),
    )
)
register(
    Exercise(
        "1.7",
        lambda: growth_factor("library_books", "countryside", "1913", "1927"),
        tolerance=0.02,
        unit="times",
        hint="Divide the 1927 figure for the country areas by the 1913 figure.",
        mistakes=(
            Mistake(
                lambda: growth_factor("library_books", "towns", "1913", "1927"),
                "That is the towns' growth. The question is about the countryside.",
            ),
            Mistake(
                lambda: (growth_factor("library_books", "countryside", "1913", "1927") - 1) * 100,
                "That is the percent increase. The question asks how many times (a ratio).",
            ),
        ),
    )
)
register(
    Exercise(
        "1.8",
        lambda: counterfactual_total(_phase("November–December 1927", "per_month")),
        tolerance=0.05,
        unit="million metric tons",
        hint="Grain procured July–December, plus six months at the November–December rate per month.",
        mistakes=(
            Mistake(
                lambda: counterfactual_total(_campaign_row("1927-11", "total")),
                "You used the November–December total as a monthly rate: it covers two months.",
            ),
            Mistake(
                lambda: 6 * _phase("November–December 1927", "per_month"),
                "That is only January–June. Add what had been procured from July to December.",
            ),
        ),
    )
)
register(
    Exercise(
        "1.9",
        _retail_1928_gap,
        tolerance=0.05,
        unit="percentage points",
        hint="Add the socialized sector's 1928 retail share (section III) and the private share for 1928 (section "
        "IV), and subtract from 100.",
        mistakes=(
            Mistake(
                lambda: 100 - value("intro_socialized_sector_1928", indicator="retail_trade"),
                "That is the non-socialized share implied by section III alone. Compare it with the private share "
                "for 1928 printed in section IV.",
            ),
        ),
    )
)
register(
    Exercise(
        "1.10",
        _smallest_socialized_share,
        kind="choice",
        choices=tuple(SECTOR_WORDS.values()),
        hint="Look for the shortest bar in the chart of the socialized sector.",
        mistakes=(Mistake(_largest_socialized_share, "That is where the share was largest."),),
    )
)


# ---- beside the book: output per head in the Maddison Project Database -----------------------

MADDISON = "maddison_gdp_per_head"
#: The book's recovery figures set beside the estimate: label, indicator of intro_recovery, its base.
BOOK_OUTPUT = [
    ("agricultural output", "agricultural_production", "1913"),
    ("industrial output", "industrial_production", "prewar"),
]


def maddison_beside_book() -> pd.DataFrame:
    """Output per head against 1913, by two measures: GDP per head in the Maddison Project Database 2020 (not
    the book's: an external table), year by year 1913–1930, as a percentage of 1913; and the book's output
    totals for 1926–1927 against prewar (100 + the printed change), with the same totals divided by the
    book's growth of population from 1913 to 1926 (a per-head reading computed by the course).

    One row per point: ``series``, ``measure`` (per head or total), ``when`` (a date: mid-year, or the
    middle of the book's period) and ``percent_of_1913``."""
    gdp = load(MADDISON).set_index("year")["gdp_per_head"]
    rows = [
        {
            "series": "GDP per head (Maddison Project Database 2020)",
            "measure": "per head",
            "when": pd.Timestamp(int(year), 7, 1),
            "percent_of_1913": gdp[year] / gdp[1913] * 100,
        }
        for year in gdp.index
        if 1913 <= year <= 1930
    ]
    recovery = load("intro_recovery")
    population = 1 + value(recovery, indicator="population", base_period="1913", measure="percent_change") / 100
    for label, indicator, base in BOOK_OUTPUT:
        row = recovery[
            (recovery["indicator"] == indicator)
            & (recovery["base_period"] == base)
            & (recovery["measure"] == "percent_change")
        ].iloc[0]
        when = period_midpoint(row["period"], row["period_type"])
        total = 100 + row["value"]
        rows.append({"series": f"the book: {label}", "measure": "total", "when": when, "percent_of_1913": total})
        rows.append(
            {"series": f"the book: {label}", "measure": "per head", "when": when, "percent_of_1913": total / population}
        )
    return pd.DataFrame(rows)


def _maddison_alt(data) -> str:
    rows = data[~data["series"].str.startswith("the book")]
    estimate = rows.set_index(rows["when"].dt.year)["percent_of_1913"]
    book = data[data["series"].str.startswith("the book")]
    parts = [f"{row.series[len('the book: ') :]} {row.measure} {num(row.percent_of_1913)}" for row in book.itertuples()]
    return (
        f"Line: the Maddison estimate of GDP per head, as a percent of 1913, was {num(estimate.get(1921))} in 1921 "
        f"and {num(estimate.get(1928))} in 1928. Squares and triangles: the book's 1926–1927 figures against "
        f"prewar, {'; '.join(parts)}. A dashed line marks the 1913 level, 100."
    )


@chart("intro_recovery", MADDISON, units=("percent",), data=maddison_beside_book, alt=_maddison_alt)
def maddison_chart(data=None):
    """The Maddison Project Database's GDP per head, 1913–1930, beside the book's recovery figures for
    1926–1927 (totals, and per head by the book's own population figure), all against 1913 = 100
    (``data``: rows with series, measure, when and percent_of_1913, as ``maddison_beside_book()`` gives)."""
    fig, ax = new_figure(figsize=(10, 6))
    estimate = data[~data["series"].str.startswith("the book")]
    ax.plot(estimate["when"], estimate["percent_of_1913"], marker="o", color="C0", label=estimate["series"].iloc[0])
    for when, percent in zip(estimate["when"], estimate["percent_of_1913"]):
        if when.year in (1921, 1928):
            ax.annotate(f"{when.year}: {percent:.1f}", (when, percent), textcoords="offset points", xytext=(0, -16))
    book = data[data["series"].str.startswith("the book")]
    for i, (series, points) in enumerate(book.groupby("series", sort=False)):
        for measure, points_of in points.groupby("measure", sort=False):
            ax.plot(
                points_of["when"],
                points_of["percent_of_1913"],
                linestyle="none",
                marker=("s" if i == 0 else "^") if measure == "total" else ("D" if i == 0 else "v"),
                markersize=7,
                color=f"C{i + 1}",
                markerfacecolor=f"C{i + 1}" if measure == "total" else "white",
                label=f"{series[len('the book: ') :].capitalize()}, 1926–1927 (the book), {measure}",
            )
    ax.axhline(100, color="black", linestyle="--", linewidth=1.2, label="1913 level = 100")
    ax.text(
        0.01,
        0.03,
        "Population: the database counts it within the frontiers of 1991, the book within those of the 1920s.",
        transform=ax.transAxes,
        fontsize=8,
        color="#444444",
    )
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    decorate(
        ax,
        title="Had output per head regained the 1913 level by 1928?",
        xlabel="Year (points at mid-year; the book's 1926–1927 at the middle of the economic year)",
        ylabel="Percent of the 1913 level\n(industrial output: of prewar)",
        ylim=(0, 125),
    )
    ax.legend(loc="lower right", fontsize=8)
    add_source(
        fig,
        "intro_recovery",
        MADDISON,
        derived="Computed by the course: ÷ 1913 × 100; the book's changes as 100 + change, per head ÷ its population "
        "growth (1926 on 1913).",
    )
    return fig


# ---- what the yearly share hides, and recovery per head (issue 12) -------------------------------


def _after_january_share(base: str = "procurement") -> float:
    """Percent of the 1927–1928 campaign's grain procured in January–June 1928, the months of the emergency
    measures (applied, relaxed, applied again). ``base="harvest"`` gives the mistake of dividing by the harvest."""
    total = value("intro_grain", series="procurement", period="1927–1928")
    before = _campaign_row("1927-07", "total") + _campaign_row("1927-11", "total")
    whole = total if base == "procurement" else value("intro_grain", series="harvest", period="1927–1928")
    return float((total - before) / whole * 100)


def _agriculture_per_head(subtract: bool = False) -> float:
    """Agricultural output per head in 1926–1927 as a percentage of 1913: output (+6 percent on 1913) divided by
    population (+7 percent between 1913 and 1926). ``subtract`` gives the mistake 100 + 6 − 7."""
    output = value("intro_recovery", indicator="agricultural_production", period="1926–1927", base_period="1913")
    people = value("intro_recovery", indicator="population", measure="percent_change")
    if subtract:
        return float(100 + output - people)
    return float((100 + output) / (100 + people) * 100)


register(
    Exercise(
        "1.11",
        _after_january_share,
        tolerance=0.1,
        unit="percent",
        hint="January–June 1928 = the campaign's total minus July–October and November–December 1927. Divide by "
        "the campaign's total and multiply by 100.",
        mistakes=(
            Mistake(
                lambda: _after_january_share("harvest"),
                "You divided by the harvest. The question asks what part of the grain procured that year came in "
                "January–June: divide by the campaign's total, 10.38 million tons.",
            ),
            Mistake(
                lambda: (
                    3
                    * _campaign_row("1928-01", "monthly_average")
                    / value("intro_grain", series="procurement", period="1927–1928")
                    * 100
                ),
                "That is January–March only. The measures were relaxed in April and applied again in May–June: "
                "count all six months (the campaign's total minus July–December).",
            ),
        ),
    )
)
register(
    Exercise(
        "1.12",
        _agriculture_per_head,
        tolerance=0.02,
        unit="percent of 1913",
        hint="Output and population both grew; per head = (100 + 6) ÷ (100 + 7) × 100.",
        mistakes=(
            Mistake(
                lambda: _agriculture_per_head(subtract=True),
                "You subtracted the population's growth from the output's (100 + 6 − 7). Per head means dividing: "
                "(100 + 6) ÷ (100 + 7) × 100.",
            ),
            Mistake(
                lambda: (
                    (100 + value("intro_recovery", indicator="agricultural_production", period="1925–1926"))
                    / (100 + value("intro_recovery", indicator="population", measure="percent_change"))
                    * 100
                ),
                "You took agriculture's advance for 1925–1926. Use 1926–1927, the year of the census's population.",
            ),
        ),
    )
)


# ---- beside the book: a chart the student draws (exercise 1.13) ------------------------------


def _maddison_percent_of_1913(first: int = 1921, last: int = 1930, base: int = 1913) -> pd.Series:
    """GDP per head in the Maddison Project Database, ``first``–``last``, as a percentage of ``base``: the
    line exercise 1.13 asks the student to draw (index: the years, values: percent of 1913)."""
    table = load(MADDISON)
    level = value(table, "gdp_per_head", year=base)
    years = table[(table["year"] >= first) & (table["year"] <= last)]
    return pd.Series((years["gdp_per_head"] / level * 100).values, index=years["year"].values)


register(
    Exercise(
        "1.13",
        _maddison_percent_of_1913,
        kind="figure",
        tolerance=0.1,
        unit="percent of 1913",
        hint="For each year from 1921 to 1930, divide GDP per head by its 1913 value and multiply by 100; draw the "
        "ten values as one line, in the order of the years.",
        drawing=Drawing(marks="line", what="years", source=True),
        mistakes=(
            Mistake(
                lambda: load(MADDISON).query("1921 <= year <= 1930").set_index("year")["gdp_per_head"],
                "You drew GDP per head in dollars. The question asks for a percentage of 1913: divide each year "
                "by the 1913 value and multiply by 100.",
            ),
            Mistake(
                lambda: _maddison_percent_of_1913(base=1928),
                "You divided by 1928. Divide each year by 1913, the last year before the war.",
            ),
        ),
    )
)
