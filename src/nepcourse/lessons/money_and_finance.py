"""Lesson 02, Part 1 (opening) and Part 1, chapter 1: rebuilding money and the budget, 1921–1930.

The book prints most of its price figures as *changes* ("about 8 percent", "only 6.6 percent", "fell …
by 5.8 percent over the two years"). The data keep them so; this module chains them into an index,
rebases it, and turns it into the purchasing power of a rouble, showing the working at each step.
"""

from __future__ import annotations

import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import add_source, chart, decorate, listing, live, moved, new_figure, num

#: The dates of the Bureau of Labor Statistics index that the book's changes connect, in order.
INDEX_DATES = ["1924-01-01", "1925-01-01", "1926-01-01", "1928-01-01"]
DATE_LABELS = {
    "1924-01-01": "1 January 1924",
    "1925-01-01": "1 January 1925",
    "1926-01-01": "1 January 1926",
    "1928-01-01": "1 January 1928",
}
SECTOR_WORDS = {
    "all": "all retail trade",
    "private": "private trade",
    "state_and_cooperative": "state and cooperative trade",
}
MEASURES = ("prices", "purchasing power of the rouble")


def _stamp(date: str) -> pd.Timestamp:
    return pd.Timestamp(date)


# ---- the retail price index, chained from printed changes ------------------------------------


def retail_changes(sector: str = "all", table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The printed percent changes of the Bureau of Labor Statistics index for one sector, in order
    (from ``table``, the rows of p1c1_retail_prices; by default the course's)."""
    table = load("p1c1_retail_prices") if table is None else table
    rows = table[(table["series"] == "bls_retail_index") & (table["sector"] == sector)]
    return (
        rows.sort_values("from_date")[["from_date", "to_date", "value", "qualifier", "printed"]]
        .rename(columns={"value": "change"})
        .reset_index(drop=True)
    )


def retail_change(sector: str = "all", start: str = "1926-01-01", table: pd.DataFrame | None = None) -> float:
    """The printed percent change of the Bureau of Labor Statistics index for one sector from ``start``."""
    return value(
        "p1c1_retail_prices" if table is None else table, series="bls_retail_index", sector=sector, from_date=start
    )


def chained_retail_index(base: str = "1924-01-01", table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The all-trade retail index at each printed date, chained from the changes and rebased.

    Working: start at 100 on 1 January 1924; each change multiplies the level by (1 + change / 100);
    then every level is divided by the level at ``base`` and multiplied by 100. ``table``: the rows of
    p1c1_retail_prices (by default the course's).
    """
    if base not in INDEX_DATES:
        raise ValueError(f"base must be one of {', '.join(INDEX_DATES)}, not {base!r}")
    changes = retail_changes("all", table)
    rows = [{"date": INDEX_DATES[0], "change": None, "factor": None, "chained": 100.0}]
    for step in changes.itertuples():
        factor = 1 + step.change / 100
        rows.append(
            {"date": step.to_date, "change": step.change, "factor": factor, "chained": rows[-1]["chained"] * factor}
        )
    chain = pd.DataFrame(rows)
    chain["index"] = chain["chained"] / value(chain, "chained", date=base) * 100
    chain["purchasing_power"] = 100 * 100 / chain["index"]
    return chain


def sector_levels(base: str = "1924-01-01", table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each sector's index on 1 January 1926 and 1 January 1928, starting from the all-trade level of 1926.

    The book gives the two sectors only as changes over 1926–1927, so both start where the all-trade
    index stood on 1 January 1926 (on the chosen base). ``table``: the rows of p1c1_retail_prices.
    """
    start = value(chained_retail_index(base, table), "index", date="1926-01-01")
    rows = []
    for sector in ("private", "state_and_cooperative"):
        change = retail_change(sector, table=table)
        rows += [
            {"sector": sector, "date": "1926-01-01", "index": start},
            {"sector": sector, "date": "1928-01-01", "index": start * (1 + change / 100)},
        ]
    levels = pd.DataFrame(rows)
    levels["purchasing_power"] = 100 * 100 / levels["index"]
    return levels


def implied_private_weight() -> float:
    """The weight (percent) of private trade that makes the two sector changes give the all-trade change."""
    whole = retail_change("all")
    private = retail_change("private")
    public = retail_change("state_and_cooperative")
    return (whole - public) / (private - public) * 100


def _retail_index_alt(data, base: str = "1924-01-01", measure: str = "prices") -> str:
    column = "index" if measure == "prices" else "purchasing_power"
    chain, sectors = chained_retail_index(base, data), sector_levels(base, data)
    first, last = chain.iloc[0], chain.iloc[-1]
    ends = [
        f"{SECTOR_WORDS[sector]} {num(sectors[sectors['sector'] == sector][column].iloc[-1])}"
        for sector in ("private", "state_and_cooperative")
    ]
    what = "retail prices" if measure == "prices" else "what a rouble bought (kopecks' worth)"
    return (
        f"Lines: {what}, {DATE_LABELS[base]} = 100, chained from the book's yearly changes: "
        f"{listing(num(v) for v in chain[column])} on {listing(DATE_LABELS[d] for d in chain['date'])}, "
        f"so from {num(first[column])} to {num(last[column])} in all. By {DATE_LABELS[last.date]} the sectors "
        f"parted: {listing(ends)}."
    )


@chart("p1c1_retail_prices", units=("index",), data=lambda: load("p1c1_retail_prices"), alt=_retail_index_alt)
def retail_index_chart(data=None, base: str = "1924-01-01", measure: str = "prices"):
    """The retail index chained from the book's changes, on a chosen base date, or a rouble's purchasing power
    (``data``: the rows of p1c1_retail_prices)."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    column = "index" if measure == "prices" else "purchasing_power"
    chain = chained_retail_index(base, data)
    sectors = sector_levels(base, data)
    fig, ax = new_figure(figsize=(9, 5.4))
    dates = [_stamp(d) for d in chain["date"]]
    ax.plot(dates, chain[column], marker="o", color="C0", label=SECTOR_WORDS["all"])
    for colour, marker, style, sector in (("C1", "s", "--", "private"), ("C2", "^", ":", "state_and_cooperative")):
        part = sectors[sectors["sector"] == sector]
        ax.plot(
            [_stamp(d) for d in part["date"]],
            part[column],
            marker=marker,
            linestyle=style,
            color=colour,
            label=SECTOR_WORDS[sector],
        )
    for date, level in zip(dates, chain[column]):
        ax.annotate(f"{level:.1f}", (date, level), textcoords="offset points", xytext=(0, 8), ha="center")
    ax.axhline(100, color="black", linewidth=0.8)
    ax.set_xticks(dates, [f"1 Jan\n{d.year}" for d in dates])
    base_words = DATE_LABELS[base]
    if measure == "prices":
        decorate(
            ax,
            title=f"Retail prices chained from the book's changes ({base_words} = 100)",
            xlabel="Date",
            ylabel=f"Index ({base_words} = 100)",
        )
    else:
        decorate(
            ax,
            title=f"What a rouble bought ({base_words} = 100 kopecks)",
            xlabel="Date",
            ylabel=f"Kopecks' worth at prices of {base_words}",
        )
    ax.margins(y=0.15)
    ax.legend(loc="best", fontsize=8)
    add_source(
        fig,
        "p1c1_retail_prices",
        derived="Chained by the course: level × (1 + change ÷ 100), rebased so the base date = 100; "
        "purchasing power = 100 × 100 ÷ index. Lines only join printed dates (none for 1 Jan 1927).",
    )
    return fig


def retail_index_widget():
    """Choose the base date and prices or purchasing power; the chained index redraws."""
    import ipywidgets as widgets

    base = widgets.Dropdown(
        options=[(DATE_LABELS[d], d) for d in INDEX_DATES],
        value=INDEX_DATES[0],
        description="Base date (= 100)",
        style={"description_width": "initial"},
    )
    measure = widgets.ToggleButtons(options=list(MEASURES), value=MEASURES[0], description="Show")
    return live(retail_index_chart, base=base, measure=measure)


# ---- 1921–1922: money losing its value, and Gosbank's rates ---------------------------------


def _currency(
    item: str, date: str | None = None, measure: str | None = None, table: pd.DataFrame | None = None
) -> float:
    where = {"item": item, "date": date, "measure": measure}
    return value("p1c1_currency" if table is None else table, **{k: v for k, v in where.items() if v is not None})


def months_between(first: str, last: str) -> int:
    """Whole months from one 'YYYY-MM' to another (October 1921 → March 1922 is 5)."""
    a, b = pd.Period(first, "M"), pd.Period(last, "M")
    return (b - a).n


def monthly_price_rise(table: pd.DataFrame | None = None) -> float:
    """The constant monthly rise (percent) that takes the basket from its October 1921 to its March 1922 cost
    (``table``: the rows of p1c1_currency; by default the course's)."""
    ratio = _currency("basket_cost", "1922-03", table=table) / _currency("basket_cost", "1921-10", table=table)
    return (ratio ** (1 / months_between("1921-10", "1922-03")) - 1) * 100


def real_monthly_rate(nominal: float) -> float:
    """A monthly interest rate (percent) net of the monthly price rise of 1921–1922, in percent."""
    return ((1 + nominal / 100) / (1 + monthly_price_rise() / 100) - 1) * 100


def basket_path(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The basket's cost each month from October 1921 to March 1922 at the constant monthly rise
    (``table``: the rows of p1c1_currency; by default the course's)."""
    start = _currency("basket_cost", "1921-10", table=table)
    months = pd.period_range("1921-10", "1922-03", freq="M")
    rate = monthly_price_rise(table) / 100
    return pd.DataFrame({"month": months.to_timestamp(), "cost": [start * (1 + rate) ** i for i in range(len(months))]})


def _inflation_alt(data) -> str:
    path, rise = basket_path(data), monthly_price_rise(data)
    low = _currency("gosbank_lending_rate", "1921-11", "minimum", data)
    high = _currency("gosbank_lending_rate", "1921-11", "maximum", data)
    return (
        f"Left: a prewar rouble's worth of goods cost {num(path['cost'].iloc[0], 0)} roubles in October 1921 and "
        f"{num(path['cost'].iloc[-1], 0)} in March 1922, a rise of {num(rise)}% a month. Right: Gosbank lent at "
        f"{num(low)}% to {num(high)}% a month, {'below' if high < rise else 'not below'} the price rise."
    )


@chart(
    "p1c1_currency",
    units=("roubles (1921 notes)", "percent a month"),
    data=lambda: load("p1c1_currency"),
    alt=_inflation_alt,
)
def inflation_1921_chart(data=None):
    """The cost of a prewar rouble's worth of goods, October 1921–March 1922, against Gosbank's rates
    (``data``: the rows of p1c1_currency)."""
    fig, (left, right) = new_figure(ncols=2, figsize=(10, 4.6), gridspec_kw={"width_ratios": [3, 2]})
    path = basket_path(data)
    left.plot(
        path["month"], path["cost"] / 1000, linestyle="--", color="C0", label="at a constant monthly rise (course)"
    )
    printed = path.iloc[[0, -1]]
    left.plot(
        printed["month"],
        printed["cost"] / 1000,
        linestyle="none",
        marker="o",
        markersize=9,
        color="C3",
        label="printed by the book",
    )
    decorate(
        left,
        title="What a prewar rouble's worth of goods cost",
        xlabel="Month",
        ylabel="Thousand roubles (1921 notes)",
        ylim=(0, 220),
    )
    left.legend(loc="upper left", fontsize=8)
    left.set_xticks(list(path["month"]), [m.strftime("%b\n%Y") for m in path["month"]])
    rates = [
        monthly_price_rise(data),
        _currency("gosbank_lending_rate", "1921-11", "minimum", data),
        _currency("gosbank_lending_rate", "1921-11", "maximum", data),
    ]
    names = ["prices\n(course)", "Gosbank\nlowest", "Gosbank\nhighest"]
    right.bar(names, rates, color=["C3", "C0", "C0"])
    for name, rate in zip(names, rates):
        right.text(name, rate + 0.5, f"{rate:.1f}%", ha="center")
    decorate(right, title="Prices against interest", xlabel="Monthly rate", ylabel="Percent a month", ylim=(0, 32))
    add_source(
        fig,
        "p1c1_currency",
        derived="Monthly price rise computed by the course: (200,000 ÷ 60,000)^(1/5) − 1 over the five months.",
    )
    return fig


# ---- the budget, 1925–1926 to 1927–1928 ------------------------------------------------------


def _budget(item: str, measure: str, table: pd.DataFrame | None = None) -> float:
    return value("p1c1_budget" if table is None else table, item=item, measure=measure)


def receipts_1925_26(table: pd.DataFrame | None = None) -> float:
    """1925–1926 receipts (milliard roubles) implied by 'over 4.58' being '75 percent more'
    (``table``: the rows of p1c1_budget; by default the course's)."""
    return _budget("receipts", "level", table) / (1 + _budget("receipts", "percent_change", table) / 100)


def _budget_alt(data) -> str:
    receipts = _budget("receipts", "level", data)
    return (
        f"Left: budget receipts grew from {num(receipts_1925_26(data), 2)} milliard roubles in 1925–1926 (implied) to "
        f"{num(receipts, 2)} in 1927–1928, with expenditure {num(_budget('expenditure', 'level', data), 2)} and "
        f"investment in industry and electrification "
        f"{num(_budget('capital_investment_in_industry_and_electrification', 'level', data), 2)}. Right: receipts "
        f"rose {num(_budget('receipts', 'percent_change', data))}%, spending on industry and electrification "
        f"{num(_budget('spending_on_industry_and_electrification', 'percent_change', data))}%."
    )


@chart("p1c1_budget", units=("milliard roubles", "percent"), data=lambda: load("p1c1_budget"), alt=_budget_alt)
def budget_chart(data=None):
    """Budget receipts and spending (milliard roubles), and how fast receipts and industry spending grew
    (``data``: the rows of p1c1_budget)."""
    fig, (left, right) = new_figure(ncols=2, figsize=(10, 4.8), gridspec_kw={"width_ratios": [3, 2]})
    names = [
        "receipts\n1925–1926\n(implied)",
        "receipts\n1927–1928",
        "expenditure\n1927–1928",
        "investment in\nindustry and\nelectrification\n1927–1928",
    ]
    values = [
        receipts_1925_26(data),
        _budget("receipts", "level", data),
        _budget("expenditure", "level", data),
        _budget("capital_investment_in_industry_and_electrification", "level", data),
    ]
    bars = left.bar(names, values, color=["C0", "C0", "C1", "C2"], edgecolor="white")
    bars[0].set_alpha(0.45)  # implied, not printed: pale and hatched
    bars[0].set_hatch("//")
    for name, amount in zip(names, values):
        left.text(name, amount + 0.08, f"{amount:.2f}", ha="center")
    decorate(
        left,
        title="The state budget",
        xlabel="Item and economic year (October–September)",
        ylabel="Milliard roubles",
        ylim=(0, 5.3),
    )
    growth = [
        _budget("receipts", "percent_change", data),
        _budget("spending_on_industry_and_electrification", "percent_change", data),
    ]
    labels = ["budget\nreceipts", "budget spending\non industry and\nelectrification"]
    right.bar(labels, growth, color=["C0", "C2"])
    for label, rise in zip(labels, growth):
        right.text(label, rise + 3, f"+{rise:g}%", ha="center")
    decorate(
        right, title="Growth, 1925–1926 to 1927–1928", xlabel="Budget item", ylabel="Percent increase", ylim=(0, 200)
    )
    add_source(
        fig,
        "p1c1_budget",
        derived="1925–1926 receipts computed by the course: 4.58 ÷ 1.75. Receipts are 'over' 4.58; "
        "investment 'nearly' 2 milliard, from all sources, not only the budget.",
    )
    return fig


# ---- after mid-1927: prices and money out of control -----------------------------------------


def private_trade_index(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The private-trade retail index (July 1927 = 100) and what a rouble bought in private trade
    (from ``table``, the rows of p1c1_retail_prices; by default the course's)."""
    table = load("p1c1_retail_prices") if table is None else table
    rows = table[table["series"] == "private_trade_index"].sort_values("to_date")
    out = pd.DataFrame({"month": rows["to_date"].to_list(), "index": rows["value"].to_list()})
    out["purchasing_power"] = 100 * 100 / out["index"]
    return out


def farm_price_levels(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Market prices of 1928–1929 as a percentage of 1926–1927 (100 + printed rise), by product
    (from ``table``, the rows of p1c1_farm_prices; by default the course's)."""
    table = load("p1c1_farm_prices") if table is None else table
    return pd.DataFrame(
        {
            "product": table["product"],
            "rise": table["value"],
            "level": 100 + table["value"],
            "times": 1 + table["value"] / 100,
        }
    )


def notes_growth() -> float:
    """Percent growth of notes in circulation from 1 January 1928 to 1 January 1930."""
    return (_currency("notes_in_circulation", "1930-01-01") / _currency("notes_in_circulation", "1928-01-01") - 1) * 100


#: The three panels of the loss-of-control chart, as named in the ``panel`` column of its data.
CONTROL_PANELS = ("private retail prices", "farm market prices", "notes in circulation")
NOTE_DATES = ("1928-01-01", "1930-01-01")


def loss_of_control() -> pd.DataFrame:
    """What the loss-of-control chart draws, one row per bar: ``panel`` (one of ``CONTROL_PANELS``),
    ``label`` (the bar's name) and ``value``: the private-trade index (July 1927 = 100), farm market
    prices as a percentage of 1926–1927, and notes in circulation (million roubles)."""
    private = private_trade_index()
    farm = farm_price_levels()
    rows = [
        {"panel": CONTROL_PANELS[0], "label": pd.Period(m, "M").strftime("%b %Y"), "value": v}
        for m, v in zip(private["month"], private["index"])
    ]
    rows += [{"panel": CONTROL_PANELS[1], "label": p, "value": v} for p, v in zip(farm["product"], farm["level"])]
    rows += [
        {
            "panel": CONTROL_PANELS[2],
            "label": f"{pd.Timestamp(d).day} {pd.Timestamp(d):%b %Y}",
            "value": _currency("notes_in_circulation", d),
        }
        for d in NOTE_DATES
    ]
    return pd.DataFrame(rows)


def _loss_of_control_alt(data) -> str:
    private, farm, notes = (data[data["panel"] == panel] for panel in CONTROL_PANELS)
    first, last = notes["value"].iloc[0], notes["value"].iloc[-1]
    growth = num((last / first - 1) * 100)
    return (
        f"Three bar panels. Private retail prices (July 1927 = 100): {listing(num(v) for v in private['value'])} in "
        f"{listing(private['label'])}. Farm market prices in 1928–1929, percent of 1926–1927: "
        f"{listing(f'{p} {num(v)}' for p, v in zip(farm['label'], farm['value']))}. Notes in circulation "
        f"{moved(first, last)} from {num(first, 0)} to {num(last, 0)} million roubles (+{growth}%)."
    )


@chart(
    "p1c1_retail_prices",
    "p1c1_farm_prices",
    "p1c1_currency",
    units=("index (July 1927 = 100)", "percent", "million roubles"),
    data=loss_of_control,
    alt=_loss_of_control_alt,
)
def loss_of_control_chart(data=None):
    """After mid-1927: private retail prices, farm market prices and notes in circulation
    (``data``: one row per bar, columns panel, label and value, as ``loss_of_control()`` gives)."""
    private, farm, notes = (data[data["panel"] == panel] for panel in CONTROL_PANELS)
    fig, (left, middle, right) = new_figure(ncols=3, figsize=(12, 4.6))
    left.bar(private["label"], private["value"], color="C1")
    for i, level in enumerate(private["value"]):
        left.text(i, level + 3, f"{level:g}", ha="center")
    decorate(
        left, title="Retail prices in private trade", xlabel="Month", ylabel="Index (July 1927 = 100)", ylim=(0, 180)
    )
    middle.bar(farm["label"], farm["value"], color="C3")
    for product, level in zip(farm["label"], farm["value"]):
        middle.text(product, level + 6, f"{level:g}", ha="center")
    middle.axhline(100, color="black", linewidth=0.8)
    decorate(
        middle,
        title="Farm market prices, 1928–1929",
        xlabel="Product",
        ylabel="Percent of 1926–1927 level",
        ylim=(0, 380),
    )
    amounts = list(notes["value"])
    right.bar(list(notes["label"]), amounts, color="C0")
    right.text(1, amounts[1] + 60, f"+{(amounts[1] / amounts[0] - 1) * 100:.1f}%", ha="center")
    decorate(right, title="Notes in circulation", xlabel="Date", ylabel="Million roubles", ylim=(0, 3200))
    add_source(
        fig,
        "p1c1_retail_prices",
        "p1c1_farm_prices",
        "p1c1_currency",
        derived="Farm price levels computed by the course: 100 + printed rise; note growth: 2,773 ÷ 1,668 − 1.",
    )
    return fig


# ---- Part 1 opening, note 4: how big a private enterprise could be ---------------------------

ENTERPRISE_WORDS = {
    "without mechanical power": "limit, no mechanical power",
    "with mechanical power": "limit, with mechanical power",
    "private enterprises": "limit, private enterprises",
    "leased: the Moscow factory 'Proletarian Labor'": "'Proletarian Labor' (leased firm)",
}


def _private_enterprise_alt(data) -> str:
    parts = [
        f"{pd.Period(d[:7], 'M').strftime('%B %Y')}, {ENTERPRISE_WORDS.get(e, e)}: {q} {num(v, 0)}"
        for d, e, q, v in zip(data["date"], data["enterprises"], data["qualifier"], data["value"])
    ]
    return f"Bars: workers per private enterprise. {'; '.join(parts)}."


@chart(
    "p1c0_private_enterprise_limits",
    units=("workers per enterprise",),
    data=lambda: load("p1c0_private_enterprise_limits"),
    alt=_private_enterprise_alt,
)
def private_enterprise_chart(data=None):
    """The legal caps on workers per private enterprise (1921, 1925) and one large leased firm
    (``data``: the rows of p1c0_private_enterprise_limits)."""
    table = data
    labels = [
        f"{pd.Period(d[:7], 'M').strftime('%B %Y')}\n{ENTERPRISE_WORDS.get(e, e)}"
        for d, e in zip(table["date"], table["enterprises"])
    ]
    fig, ax = new_figure(figsize=(9, 4.2))
    ax.barh(labels[::-1], table["value"][::-1], color=["C2" if k == "example" else "C0" for k in table["kind"][::-1]])
    for label, workers, qualifier in zip(labels, table["value"], table["qualifier"]):
        ax.text(workers + 8, label, f"{qualifier} {workers:g}", va="center", fontsize=9)
    ax.grid(axis="y", visible=False)
    decorate(
        ax,
        title="Workers allowed per private enterprise, 1921 and 1925",
        xlabel="Workers per enterprise",
        xlim=(0, 800),
    )
    add_source(fig, "p1c0_private_enterprise_limits")
    return fig


# ---- exercises of lesson 02 ------------------------------------------------------------------


def _sector_that_fell() -> str:
    falls = [s for s in ("private", "state_and_cooperative") if retail_change(s) < 0]
    return SECTOR_WORDS[falls[0]] if len(falls) == 1 else "both"


def _limit(enterprises: str) -> float:
    return value("p1c0_private_enterprise_limits", enterprises=enterprises)


def _rise_1924_to_1926(chained: bool = True) -> float:
    changes = pd.Series([retail_change("all", start) for start in INDEX_DATES[:2]])
    if not chained:
        return float(changes.sum())
    return float(((1 + changes / 100).prod() - 1) * 100)


def _private_kopecks_1929() -> float:
    return value(private_trade_index(), "purchasing_power", month="1929-07")


def _private_rise_1929() -> float:
    return value(private_trade_index(), "index", month="1929-07") - 100


def _basket_ratio() -> float:
    return _currency("basket_cost", "1922-03") / _currency("basket_cost", "1921-10")


def _rye_times() -> float:
    return value(farm_price_levels(), "times", product="rye")


register(
    Exercise(
        "2.1",
        _sector_that_fell,
        kind="choice",
        choices=("private trade", "state and cooperative trade", "both"),
        hint="Look at the two dashed lines of the retail index chart: which one goes down?",
        mistakes=(
            Mistake(
                lambda: "private trade", "Private-trade prices rose (by 6.8 percent); look at the other dashed line."
            ),
        ),
    )
)
register(
    Exercise(
        "2.2",
        lambda: _limit("private enterprises") / _limit("without mechanical power"),
        tolerance=0.01,
        unit="times",
        hint="In 1921 the largest allowed was the enterprise without mechanical power; divide the 1925 limit by it.",
        mistakes=(
            Mistake(
                lambda: _limit("private enterprises") / _limit("with mechanical power"),
                "You used the limit for enterprises with mechanical power (10). The biggest allowed in 1921 had no "
                "mechanical power (20).",
            ),
            Mistake(
                lambda: _limit("leased: the Moscow factory 'Proletarian Labor'") / _limit("without mechanical power"),
                "That uses the example firm, which was a leased enterprise, not the legal limit.",
            ),
        ),
    )
)
register(
    Exercise(
        "2.3",
        _rise_1924_to_1926,
        tolerance=0.05,
        unit="percent",
        hint="Multiply the two growth factors, (1 + 8/100) × (1 + 6.6/100), then turn the product back into a "
        "percent change.",
        mistakes=(
            Mistake(
                lambda: _rise_1924_to_1926(chained=False),
                "You added the two changes (8 + 6.6). The second rise applies to prices already 8 percent higher: "
                "multiply the factors.",
            ),
        ),
    )
)
register(
    Exercise(
        "2.4",
        _private_kopecks_1929,
        tolerance=0.05,
        unit="kopecks",
        hint="Purchasing power is the inverse of the price index: 100 × 100 ÷ index.",
        mistakes=(
            Mistake(
                lambda: 100 - _private_rise_1929(),
                "You subtracted the price rise from 100. Prices 50.7 percent higher mean a rouble buys 100 ÷ 1.507 "
                "of what it did, not 49.3.",
            ),
            Mistake(
                lambda: value(private_trade_index(), "index", month="1929-07"),
                "That is the price index itself. A rouble buys less when prices are higher: divide, don't copy.",
            ),
        ),
    )
)
register(
    Exercise(
        "2.5",
        monthly_price_rise,
        tolerance=0.05,
        unit="percent a month",
        hint="Prices were multiplied by 200,000 ÷ 60,000 in five months: take the fifth root of that ratio, subtract "
        "1, times 100.",
        mistakes=(
            Mistake(
                lambda: (_basket_ratio() - 1) * 100 / 5,
                "You divided the total rise by five. Monthly rises compound: take the fifth root of the ratio instead.",
            ),
            Mistake(lambda: (_basket_ratio() ** (1 / 6) - 1) * 100, "October to March is five monthly steps, not six."),
            Mistake(lambda: (_basket_ratio() - 1) * 100, "That is the rise over all five months, not per month."),
        ),
    )
)
register(
    Exercise(
        "2.6",
        lambda: real_monthly_rate(_currency("gosbank_lending_rate", "1921-11", "maximum")),
        tolerance=0.05,
        unit="percent a month",
        hint="Divide the interest factor (1.12) by the price factor (1 + monthly rise ÷ 100), subtract 1, times 100.",
        mistakes=(
            Mistake(
                lambda: _currency("gosbank_lending_rate", "1921-11", "maximum") - monthly_price_rise(),
                "Subtracting rates is only an approximation when rates are this large: divide the factors.",
            ),
            Mistake(
                lambda: real_monthly_rate(_currency("gosbank_lending_rate", "1921-11", "minimum")),
                "That uses the lowest rate (8 percent); the question asks about the highest.",
            ),
        ),
    )
)
register(
    Exercise(
        "2.7",
        receipts_1925_26,
        tolerance=0.005,
        unit="milliard roubles",
        hint="'75 percent more' means 1925–1926 × 1.75 = 4.58: divide.",
        mistakes=(
            Mistake(
                lambda: _budget("receipts", "level") * (1 - _budget("receipts", "percent_change") / 100),
                "You took 75 percent off 4.58. The 75 percent is measured on the 1925–1926 figure: divide by 1.75.",
            ),
            Mistake(
                lambda: _budget("receipts", "level") / (_budget("receipts", "percent_change") / 100),
                "You divided by 0.75. '75 percent more' is a factor of 1.75.",
            ),
        ),
    )
)
register(
    Exercise(
        "2.8",
        _rye_times,
        tolerance=0.01,
        unit="times",
        hint="A rise of 220 percent means the new price is 100 + 220 = 320 percent of the old one.",
        mistakes=(
            Mistake(lambda: _rye_times() - 1, "A 220 percent rise is not 2.2 times: add the original 100 percent."),
        ),
    )
)
register(
    Exercise(
        "2.9",
        implied_private_weight,
        tolerance=0.05,
        unit="percent",
        hint="Solve w × 6.8 + (1 − w) × (−8) = −5.8 for w: w = (−5.8 + 8) ÷ (6.8 + 8).",
        mistakes=(
            Mistake(
                lambda: value("intro_trade_shares", trade="retail", sector="private", period="1926–1927"),
                "That is private traders' share of retail turnover (Introduction IV). The question asks what weight "
                "the index's own figures imply.",
            ),
            Mistake(lambda: 100 - implied_private_weight(), "That is the weight of state and cooperative trade."),
        ),
    )
)


# ---- exercises on where historians disagree (policy or circumstance; how to pay for industry) ---------------


def notes_years() -> int:
    """Whole years between the two printed counts of notes in circulation (1 January 1928 and 1930)."""
    first, last = (pd.Timestamp(d) for d in NOTE_DATES)
    return last.year - first.year


def notes_yearly_growth() -> float:
    """The steady yearly growth (percent a year) that takes notes in circulation from their 1928 to their 1930
    count: the yearly factor is the two-year factor's square root, since growth compounds."""
    factor = _currency("notes_in_circulation", NOTE_DATES[1]) / _currency("notes_in_circulation", NOTE_DATES[0])
    return (factor ** (1 / notes_years()) - 1) * 100


def industry_tilt() -> float:
    """How many times budget spending on industry and electrification grew relative to budget receipts,
    1925–1926 to 1927–1928: its growth factor (1 + 173/100) over that of receipts (1 + 75/100). Above 1, the
    budget turned towards industry."""
    industry = _budget("spending_on_industry_and_electrification", "percent_change")
    receipts = _budget("receipts", "percent_change")
    return (1 + industry / 100) / (1 + receipts / 100)


register(
    Exercise(
        "2.10",
        notes_yearly_growth,
        tolerance=0.05,
        unit="percent a year",
        hint="Divide the 1930 count by the 1928 count, take the square root of that factor (two years: "
        "** (1 / 2)), subtract 1, times 100.",
        mistakes=(
            Mistake(
                lambda: notes_growth() / notes_years(),
                "You halved the two-year rise. Growth compounds: take the square root of the two-year factor.",
            ),
            Mistake(notes_growth, "That is the rise over both years together, not per year."),
        ),
    )
)
register(
    Exercise(
        "2.11",
        industry_tilt,
        tolerance=0.005,
        unit="times",
        hint="Turn each rise into a growth factor (1 + percent ÷ 100) and divide industry's factor by that of "
        "receipts.",
        mistakes=(
            Mistake(
                lambda: (
                    _budget("spending_on_industry_and_electrification", "percent_change")
                    / _budget("receipts", "percent_change")
                ),
                "You divided the two percentages (173 ÷ 75). Compare growth factors: 2.73 ÷ 1.75.",
            ),
            Mistake(
                lambda: (
                    _budget("spending_on_industry_and_electrification", "percent_change")
                    - _budget("receipts", "percent_change")
                ),
                "That is the difference in percentage points. The question asks how many times: divide the factors.",
            ),
        ),
    )
)


# ---- exercise 2.12: the student draws how far each price and the notes rose after mid-1927 -------------------


def rises_after_mid_1927() -> pd.DataFrame:
    """The three panels of the loss-of-control chart on one scale: how many percent each rose over about two
    years after mid-1927. One row a bar (``what``, ``start``, ``end``, ``level`` with the start = 100, ``rise``
    in percent): private retail prices (July 1927 to July 1929), the market prices of rye, potatoes and milk
    (1926–1927 to 1928–1929) and notes in circulation (1 January 1928 to 1 January 1930)."""
    private = private_trade_index()
    farm = load("p1c1_farm_prices")
    first, last = (_currency("notes_in_circulation", d) for d in NOTE_DATES)
    months = [pd.Period(m, "M").strftime("%B %Y") for m in (private["month"].iloc[0], private["month"].iloc[-1])]
    rows = [("private retail prices", *months)]
    levels = [private["index"].iloc[-1] / private["index"].iloc[0] * 100]
    rows += [(p, a, b) for p, a, b in zip(farm["product"], farm["from_period"], farm["to_period"])]
    levels += list(100 + farm["value"])
    rows.append(("notes in circulation", *(f"{pd.Timestamp(d).day} {pd.Timestamp(d):%B %Y}" for d in NOTE_DATES)))
    levels.append(last / first * 100)
    table = pd.DataFrame(rows, columns=["what", "start", "end"])
    table["level"] = levels
    table["rise"] = table["level"] - 100
    return table


def _rises(column: str = "rise") -> pd.Series:
    """What exercise 2.12's bars should show: the rise of each row (``column="level"``: a likely mistake)."""
    return rises_after_mid_1927().set_index("what")[column]


register(
    Exercise(
        "2.12",
        _rises,
        kind="figure",
        tolerance=0.05,
        hint="One bar per row of the table, in its order: the what column along the bottom, the rise column as "
        "the height.",
        drawing=Drawing(marks="bars", what="measures", source=False),
        mistakes=(
            Mistake(
                lambda: _rises("level"),
                "Your bars are the levels (the start = 100), not the rises: draw the rise column, so that a bar "
                "of 0 would mean no change.",
            ),
        ),
    )
)
