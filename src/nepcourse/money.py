"""Lesson 02, Part 1 (opening) and Part 1, chapter 1: rebuilding money and the budget, 1921–1930.

The book prints most of its price figures as *changes* ("about 8 percent", "only 6.6 percent", "fell …
by 5.8 percent over the two years"). The data keep them so; this module chains them into an index,
rebases it, and turns it into the purchasing power of a rouble, showing the working at each step.
"""
from __future__ import annotations

import pandas as pd

from .checks import Exercise, Mistake, register
from .data import load
from .plotting import add_source, decorate, live, new_figure, styled

#: The dates of the Bureau of Labor Statistics index that the book's changes connect, in order.
INDEX_DATES = ["1924-01-01", "1925-01-01", "1926-01-01", "1928-01-01"]
DATE_LABELS = {"1924-01-01": "1 January 1924", "1925-01-01": "1 January 1925",
               "1926-01-01": "1 January 1926", "1928-01-01": "1 January 1928"}
SECTOR_WORDS = {"all": "all retail trade", "private": "private trade",
                "state_and_cooperative": "state and cooperative trade"}
MEASURES = ("prices", "purchasing power of the rouble")


def _stamp(date: str) -> pd.Timestamp:
    return pd.Timestamp(date)


# ---- the retail price index, chained from printed changes ------------------------------------

def retail_changes(sector: str = "all") -> pd.DataFrame:
    """The printed percent changes of the Bureau of Labor Statistics index for one sector, in order."""
    table = load("p1c1_retail_prices")
    rows = table[(table["series"] == "bls_retail_index") & (table["sector"] == sector)]
    return rows.sort_values("from_date")[["from_date", "to_date", "value", "qualifier", "printed"]] \
        .rename(columns={"value": "change"}).reset_index(drop=True)


def chained_retail_index(base: str = "1924-01-01") -> pd.DataFrame:
    """The all-trade retail index at each printed date, chained from the changes and rebased.

    Working: start at 100 on 1 January 1924; each change multiplies the level by (1 + change / 100);
    then every level is divided by the level at ``base`` and multiplied by 100.
    """
    if base not in INDEX_DATES:
        raise ValueError(f"base must be one of {', '.join(INDEX_DATES)}, not {base!r}")
    changes = retail_changes("all")
    rows = [{"date": INDEX_DATES[0], "change": None, "factor": None, "chained": 100.0}]
    for step in changes.itertuples():
        factor = 1 + step.change / 100
        rows.append({"date": step.to_date, "change": step.change, "factor": factor,
                     "chained": rows[-1]["chained"] * factor})
    chain = pd.DataFrame(rows)
    chain["index"] = chain["chained"] / chain.set_index("date").loc[base, "chained"] * 100
    chain["purchasing_power"] = 100 * 100 / chain["index"]
    return chain


def sector_levels(base: str = "1924-01-01") -> pd.DataFrame:
    """Each sector's index on 1 January 1926 and 1 January 1928, starting from the all-trade level of 1926.

    The book gives the two sectors only as changes over 1926–1927, so both start where the all-trade
    index stood on 1 January 1926 (on the chosen base).
    """
    start = chained_retail_index(base).set_index("date").loc["1926-01-01", "index"]
    rows = []
    for sector in ("private", "state_and_cooperative"):
        change = float(retail_changes(sector)["change"].iloc[0])
        rows += [{"sector": sector, "date": "1926-01-01", "index": start},
                 {"sector": sector, "date": "1928-01-01", "index": start * (1 + change / 100)}]
    levels = pd.DataFrame(rows)
    levels["purchasing_power"] = 100 * 100 / levels["index"]
    return levels


def implied_private_weight() -> float:
    """The weight (percent) of private trade that makes the two sector changes give the all-trade change."""
    whole = float(retail_changes("all").set_index("from_date").loc["1926-01-01", "change"])
    private = float(retail_changes("private")["change"].iloc[0])
    public = float(retail_changes("state_and_cooperative")["change"].iloc[0])
    return (whole - public) / (private - public) * 100


@styled
def retail_index_chart(base: str = "1924-01-01", measure: str = "prices"):
    """The retail index chained from the book's changes, on a chosen base date, or a rouble's purchasing power."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    column = "index" if measure == "prices" else "purchasing_power"
    chain = chained_retail_index(base)
    sectors = sector_levels(base)
    fig, ax = new_figure(figsize=(9, 5.4))
    dates = [_stamp(d) for d in chain["date"]]
    ax.plot(dates, chain[column], marker="o", color="C0", label=SECTOR_WORDS["all"])
    for colour, sector in (("C1", "private"), ("C2", "state_and_cooperative")):
        part = sectors[sectors["sector"] == sector]
        ax.plot([_stamp(d) for d in part["date"]], part[column], marker="s", linestyle="--", color=colour,
                label=SECTOR_WORDS[sector])
    for date, value in zip(dates, chain[column]):
        ax.annotate(f"{value:.1f}", (date, value), textcoords="offset points", xytext=(0, 8), ha="center")
    ax.axhline(100, color="black", linewidth=0.8)
    ax.set_xticks(dates, [f"1 Jan\n{d.year}" for d in dates])
    base_words = DATE_LABELS[base]
    if measure == "prices":
        decorate(ax, title=f"Retail prices chained from the book's changes ({base_words} = 100)",
                 xlabel="Date", ylabel=f"Index ({base_words} = 100)")
    else:
        decorate(ax, title=f"What a rouble bought ({base_words} = 100 kopecks)",
                 xlabel="Date", ylabel=f"Kopecks' worth at prices of {base_words}")
    ax.margins(y=0.15)
    ax.legend(loc="best", fontsize=8)
    add_source(fig, "p1c1_retail_prices",
               derived="Chained by the course: level × (1 + change ÷ 100), rebased so the base date = 100; "
                       "purchasing power = 100 × 100 ÷ index. Lines only join printed dates (none for 1 Jan 1927).")
    return fig


def retail_index_widget():
    """Choose the base date and prices or purchasing power; the chained index redraws."""
    import ipywidgets as widgets

    base = widgets.Dropdown(options=[(DATE_LABELS[d], d) for d in INDEX_DATES], value=INDEX_DATES[0],
                            description="Base date (= 100)", style={"description_width": "initial"})
    measure = widgets.ToggleButtons(options=list(MEASURES), value=MEASURES[0], description="Show")
    return live(retail_index_chart, base=base, measure=measure)


# ---- 1921–1922: money losing its value, and Gosbank's rates ---------------------------------

def _currency(item: str, date: str | None = None, measure: str | None = None) -> float:
    table = load("p1c1_currency")
    rows = table[table["item"] == item]
    if date is not None:
        rows = rows[rows["date"] == date]
    if measure is not None:
        rows = rows[rows["measure"] == measure]
    if len(rows) != 1:
        raise LookupError(f"p1c1_currency: {len(rows)} rows for {item} {date} {measure}")
    return float(rows["value"].iloc[0])


def months_between(first: str, last: str) -> int:
    """Whole months from one 'YYYY-MM' to another (October 1921 → March 1922 is 5)."""
    a, b = pd.Period(first, "M"), pd.Period(last, "M")
    return (b - a).n


def monthly_price_rise() -> float:
    """The constant monthly rise (percent) that takes the basket from its October 1921 to its March 1922 cost."""
    ratio = _currency("basket_cost", "1922-03") / _currency("basket_cost", "1921-10")
    return (ratio ** (1 / months_between("1921-10", "1922-03")) - 1) * 100


def real_monthly_rate(nominal: float) -> float:
    """A monthly interest rate (percent) net of the monthly price rise of 1921–1922, in percent."""
    return ((1 + nominal / 100) / (1 + monthly_price_rise() / 100) - 1) * 100


def basket_path() -> pd.DataFrame:
    """The basket's cost each month from October 1921 to March 1922 at the constant monthly rise."""
    start = _currency("basket_cost", "1921-10")
    months = pd.period_range("1921-10", "1922-03", freq="M")
    rate = monthly_price_rise() / 100
    return pd.DataFrame({"month": months.to_timestamp(),
                         "cost": [start * (1 + rate) ** i for i in range(len(months))]})


@styled
def inflation_1921_chart():
    """The cost of a prewar rouble's worth of goods, October 1921–March 1922, against Gosbank's rates."""
    fig, (left, right) = new_figure(ncols=2, figsize=(10, 4.6), gridspec_kw={"width_ratios": [3, 2]})
    path = basket_path()
    left.plot(path["month"], path["cost"] / 1000, linestyle="--", color="C0",
              label="at a constant monthly rise (course)")
    printed = path.iloc[[0, -1]]
    left.plot(printed["month"], printed["cost"] / 1000, linestyle="none", marker="o", markersize=9, color="C3",
              label="printed by the book")
    decorate(left, title="What a prewar rouble's worth of goods cost", xlabel="Month",
             ylabel="Thousand roubles (1921 notes)", ylim=(0, 220))
    left.legend(loc="upper left", fontsize=8)
    left.set_xticks(list(path["month"]), [m.strftime("%b\n%Y") for m in path["month"]])
    rates = [monthly_price_rise(), _currency("gosbank_lending_rate", "1921-11", "minimum"),
             _currency("gosbank_lending_rate", "1921-11", "maximum")]
    names = ["prices\n(course)", "Gosbank\nlowest", "Gosbank\nhighest"]
    right.bar(names, rates, color=["C3", "C0", "C0"])
    for name, rate in zip(names, rates):
        right.text(name, rate + 0.5, f"{rate:.1f}%", ha="center")
    decorate(right, title="Prices against interest", xlabel="Monthly rate",
             ylabel="Percent a month", ylim=(0, 32))
    add_source(fig, "p1c1_currency",
               derived="Monthly price rise computed by the course: (200,000 ÷ 60,000)^(1/5) − 1 over the five months.")
    return fig


# ---- the budget, 1925–1926 to 1927–1928 ------------------------------------------------------

def _budget(item: str, measure: str) -> float:
    table = load("p1c1_budget")
    row = table[(table["item"] == item) & (table["measure"] == measure)]
    return float(row["value"].iloc[0])


def receipts_1925_26() -> float:
    """1925–1926 receipts (milliard roubles) implied by 'over 4.58' being '75 percent more'."""
    return _budget("receipts", "level") / (1 + _budget("receipts", "percent_change") / 100)


@styled
def budget_chart():
    """Budget receipts and spending (milliard roubles), and how fast receipts and industry spending grew."""
    fig, (left, right) = new_figure(ncols=2, figsize=(10, 4.8), gridspec_kw={"width_ratios": [3, 2]})
    names = ["receipts\n1925–1926\n(implied)", "receipts\n1927–1928", "expenditure\n1927–1928",
             "investment in\nindustry and\nelectrification\n1927–1928"]
    values = [receipts_1925_26(), _budget("receipts", "level"), _budget("expenditure", "level"),
              _budget("capital_investment_in_industry_and_electrification", "level")]
    bars = left.bar(names, values, color=["#9ecae1", "C0", "C1", "C2"])
    bars[0].set_hatch("//")
    for name, value in zip(names, values):
        left.text(name, value + 0.08, f"{value:.2f}", ha="center")
    decorate(left, title="The state budget", xlabel="Item and economic year (October–September)",
             ylabel="Milliard roubles", ylim=(0, 5.3))
    growth = [_budget("receipts", "percent_change"), _budget("spending_on_industry_and_electrification", "percent_change")]
    labels = ["budget\nreceipts", "budget spending\non industry and\nelectrification"]
    right.bar(labels, growth, color=["C0", "C2"])
    for label, value in zip(labels, growth):
        right.text(label, value + 3, f"+{value:g}%", ha="center")
    decorate(right, title="Growth, 1925–1926 to 1927–1928", xlabel="Budget item",
             ylabel="Percent increase", ylim=(0, 200))
    add_source(fig, "p1c1_budget",
               derived="1925–1926 receipts computed by the course: 4.58 ÷ 1.75. Receipts are 'over' 4.58; "
                       "investment 'nearly' 2 milliard, from all sources, not only the budget.")
    return fig


# ---- after mid-1927: prices and money out of control -----------------------------------------

def private_trade_index() -> pd.DataFrame:
    """The private-trade retail index (July 1927 = 100) and what a rouble bought in private trade."""
    table = load("p1c1_retail_prices")
    rows = table[table["series"] == "private_trade_index"].sort_values("to_date")
    out = pd.DataFrame({"month": rows["to_date"].to_list(), "index": rows["value"].to_list()})
    out["purchasing_power"] = 100 * 100 / out["index"]
    return out


def farm_price_levels() -> pd.DataFrame:
    """Market prices of 1928–1929 as a percentage of 1926–1927 (100 + printed rise), by product."""
    table = load("p1c1_farm_prices")
    return pd.DataFrame({"product": table["product"], "rise": table["value"],
                         "level": 100 + table["value"], "times": 1 + table["value"] / 100})


def notes_growth() -> float:
    """Percent growth of notes in circulation from 1 January 1928 to 1 January 1930."""
    return (_currency("notes_in_circulation", "1930-01-01") / _currency("notes_in_circulation", "1928-01-01") - 1) * 100


@styled
def loss_of_control_chart():
    """After mid-1927: private retail prices, farm market prices and notes in circulation."""
    fig, (left, middle, right) = new_figure(ncols=3, figsize=(12, 4.6))
    private = private_trade_index()
    left.bar(private["month"].map(lambda m: pd.Period(m, "M").strftime("%b %Y")), private["index"], color="C1")
    for i, value in enumerate(private["index"]):
        left.text(i, value + 3, f"{value:g}", ha="center")
    decorate(left, title="Retail prices in private trade", xlabel="Month",
             ylabel="Index (July 1927 = 100)", ylim=(0, 180))
    farm = farm_price_levels()
    middle.bar(farm["product"], farm["level"], color="C3")
    for product, level in zip(farm["product"], farm["level"]):
        middle.text(product, level + 6, f"{level:g}", ha="center")
    middle.axhline(100, color="black", linewidth=0.8)
    decorate(middle, title="Farm market prices, 1928–1929", xlabel="Product",
             ylabel="Percent of 1926–1927 level", ylim=(0, 380))
    notes = [_currency("notes_in_circulation", d) for d in ("1928-01-01", "1930-01-01")]
    right.bar(["1 Jan 1928", "1 Jan 1930"], notes, color="C0")
    right.text(1, notes[1] + 60, f"+{notes_growth():.1f}%", ha="center")
    decorate(right, title="Notes in circulation", xlabel="Date", ylabel="Million roubles", ylim=(0, 3200))
    add_source(fig, "p1c1_retail_prices", "p1c1_farm_prices", "p1c1_currency",
               derived="Farm price levels computed by the course: 100 + printed rise; note growth: 2,773 ÷ 1,668 − 1.")
    return fig


# ---- Part 1 opening, note 4: how big a private enterprise could be ---------------------------

ENTERPRISE_WORDS = {"without mechanical power": "limit, no mechanical power",
                    "with mechanical power": "limit, with mechanical power",
                    "private enterprises": "limit, private enterprises",
                    "leased: the Moscow factory 'Proletarian Labor'": "'Proletarian Labor' (leased firm)"}

@styled
def private_enterprise_chart():
    """The legal caps on workers per private enterprise (1921, 1925) and one large leased firm."""
    table = load("p1c0_private_enterprise_limits")
    labels = [f"{pd.Period(d[:7], 'M').strftime('%B %Y')}\n{ENTERPRISE_WORDS.get(e, e)}"
              for d, e in zip(table["date"], table["enterprises"])]
    fig, ax = new_figure(figsize=(9, 4.2))
    ax.barh(labels[::-1], table["value"][::-1], color=["C2" if k == "example" else "C0" for k in table["kind"][::-1]])
    for label, value, qualifier in zip(labels, table["value"], table["qualifier"]):
        ax.text(value + 8, label, f"{qualifier} {value:g}", va="center", fontsize=9)
    ax.grid(axis="y", visible=False)
    decorate(ax, title="Workers allowed per private enterprise, 1921 and 1925", xlabel="Workers per enterprise",
             xlim=(0, 800))
    add_source(fig, "p1c0_private_enterprise_limits")
    return fig


# ---- exercises of lesson 02 ------------------------------------------------------------------

def _sector_that_fell() -> str:
    falls = [s for s in ("private", "state_and_cooperative") if float(retail_changes(s)["change"].iloc[0]) < 0]
    return SECTOR_WORDS[falls[0]] if len(falls) == 1 else "both"


def _limit(enterprises: str) -> float:
    table = load("p1c0_private_enterprise_limits")
    return float(table.loc[table["enterprises"] == enterprises, "value"].iloc[0])


def _rise_1924_to_1926(chained: bool = True) -> float:
    changes = retail_changes("all")["change"].iloc[:2]
    if not chained:
        return float(changes.sum())
    return float(((1 + changes / 100).prod() - 1) * 100)


def _private_kopecks_1929() -> float:
    return float(private_trade_index().set_index("month").loc["1929-07", "purchasing_power"])


def _private_rise_1929() -> float:
    return float(private_trade_index().set_index("month").loc["1929-07", "index"]) - 100


def _basket_ratio() -> float:
    return _currency("basket_cost", "1922-03") / _currency("basket_cost", "1921-10")


def _rye_times() -> float:
    return float(farm_price_levels().set_index("product").loc["rye", "times"])


register(Exercise(
    "2.1", "Between 1 January 1926 and 1 January 1928, in which trade did retail prices fall?", _sector_that_fell,
    kind="choice", choices=("private trade", "state and cooperative trade", "both"),
    hint="Look at the two dashed lines of the retail index chart: which one goes down?",
    mistakes=(Mistake(lambda: "private trade", "Private-trade prices rose (by 6.8 percent); look at the other dashed line."),)))
register(Exercise(
    "2.2", "How many times larger was the biggest private enterprise the law allowed in May 1925 than in July 1921?",
    lambda: _limit("private enterprises") / _limit("without mechanical power"), tolerance=0.01, unit="times",
    hint="In 1921 the largest allowed was the enterprise without mechanical power; divide the 1925 limit by it.",
    mistakes=(Mistake(lambda: _limit("private enterprises") / _limit("with mechanical power"),
                      "You used the limit for enterprises with mechanical power (10). The biggest allowed in 1921 had no mechanical power (20)."),
              Mistake(lambda: _limit("leased: the Moscow factory 'Proletarian Labor'") / _limit("without mechanical power"),
                      "That uses the example firm, which was a leased enterprise, not the legal limit."))))
register(Exercise(
    "2.3", "By what percentage did retail prices rise from 1 January 1924 to 1 January 1926 (chain the two printed changes)?",
    _rise_1924_to_1926, tolerance=0.05, unit="percent",
    hint="Multiply the two growth factors, (1 + 8/100) × (1 + 6.6/100), then turn the product back into a percent change.",
    mistakes=(Mistake(lambda: _rise_1924_to_1926(chained=False),
                      "You added the two changes (8 + 6.6). The second rise applies to prices already 8 percent higher: multiply the factors."),)))
register(Exercise(
    "2.4", "In July 1929, how many kopecks' worth of July 1927 goods did a rouble buy in private trade?",
    _private_kopecks_1929, tolerance=0.05, unit="kopecks",
    hint="Purchasing power is the inverse of the price index: 100 × 100 ÷ index.",
    mistakes=(Mistake(lambda: 100 - _private_rise_1929(),
                      "You subtracted the price rise from 100. Prices 50.7 percent higher mean a rouble buys 100 ÷ 1.507 of what it did, not 49.3."),
              Mistake(lambda: float(private_trade_index().set_index("month").loc["1929-07", "index"]),
                      "That is the price index itself. A rouble buys less when prices are higher: divide, don't copy."))))
register(Exercise(
    "2.5", "At a constant monthly rate, how fast did prices rise each month from October 1921 to March 1922?",
    monthly_price_rise, tolerance=0.05, unit="percent a month",
    hint="Prices were multiplied by 200,000 ÷ 60,000 in five months: take the fifth root of that ratio, subtract 1, times 100.",
    mistakes=(Mistake(lambda: (_basket_ratio() - 1) * 100 / 5,
                      "You divided the total rise by five. Monthly rises compound: take the fifth root of the ratio instead."),
              Mistake(lambda: (_basket_ratio() ** (1 / 6) - 1) * 100,
                      "October to March is five monthly steps, not six."),
              Mistake(lambda: (_basket_ratio() - 1) * 100, "That is the rise over all five months, not per month."))))
register(Exercise(
    "2.6", "Net of that monthly price rise, what was the real monthly interest rate on a Gosbank loan at its highest rate?",
    lambda: real_monthly_rate(_currency("gosbank_lending_rate", "1921-11", "maximum")), tolerance=0.05,
    unit="percent a month",
    hint="Divide the interest factor (1.12) by the price factor (1 + monthly rise ÷ 100), subtract 1, times 100.",
    mistakes=(Mistake(lambda: _currency("gosbank_lending_rate", "1921-11", "maximum") - monthly_price_rise(),
                      "Subtracting rates is only an approximation when rates are this large: divide the factors."),
              Mistake(lambda: real_monthly_rate(_currency("gosbank_lending_rate", "1921-11", "minimum")),
                      "That uses the lowest rate (8 percent); the question asks about the highest."))))
register(Exercise(
    "2.7", "Receipts of 1927–1928 (4.58 milliard) were 75 percent more than in 1925–1926. What were the 1925–1926 receipts?",
    receipts_1925_26, tolerance=0.005, unit="milliard roubles",
    hint="'75 percent more' means 1925–1926 × 1.75 = 4.58: divide.",
    mistakes=(Mistake(lambda: _budget("receipts", "level") * (1 - _budget("receipts", "percent_change") / 100),
                      "You took 75 percent off 4.58. The 75 percent is measured on the 1925–1926 figure: divide by 1.75."),
              Mistake(lambda: _budget("receipts", "level") / (_budget("receipts", "percent_change") / 100),
                      "You divided by 0.75. '75 percent more' is a factor of 1.75."))))
register(Exercise(
    "2.8", "How many times did the market price of rye multiply between 1926–1927 and 1928–1929?",
    _rye_times, tolerance=0.01, unit="times",
    hint="A rise of 220 percent means the new price is 100 + 220 = 320 percent of the old one.",
    mistakes=(Mistake(lambda: _rye_times() - 1, "A 220 percent rise is not 2.2 times: add the original 100 percent."),)))
register(Exercise(
    "2.9", "What weight (percent) must private trade have in the retail index for +6.8 and −8 to average to −5.8?",
    implied_private_weight, tolerance=0.05, unit="percent",
    hint="Solve w × 6.8 + (1 − w) × (−8) = −5.8 for w: w = (−5.8 + 8) ÷ (6.8 + 8).",
    mistakes=(Mistake(lambda: float(load("intro_trade_shares").query(
        "trade == 'retail' and sector == 'private' and period == '1926–1927'")["share"].iloc[0]),
                      "That is private traders' share of retail turnover (Introduction IV). The question asks what weight the index's own figures imply."),
              Mistake(lambda: 100 - implied_private_weight(), "That is the weight of state and cooperative trade."))))
