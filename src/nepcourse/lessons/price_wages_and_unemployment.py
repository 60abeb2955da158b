"""Lesson 11, Part 3 chapter 5: price, wages and unemployment. How the unemployed were counted (the labour
exchanges' registers before and after the purge of 1924–1925, and the unions' own count of January 1927), the
'surplus' rural population that was blamed for them, and the remedies set against them (Strumilin's jobs,
organized migration).

The book's counts are of different things: a count after the purge is not the same series as one before, and the
unions counted their members, the exchanges whom they registered. Every function keeps the definition beside the
figure, and every ratio and change is computed here, never stored.
"""

from __future__ import annotations

import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

UNEMPLOYMENT = "p3c5_unemployment"
FIGURES = "p3c5_figures"

#: Mid-points on the time axis for periods that are economic years (the book dates those counts no closer).
MIDPOINTS = {"1924–1925": "1925-04-01", "1925–1926": "1926-04-01", "1927–1928": "1928-04-01"}
#: The purge of 1924–1925, an economic year: 1 October 1924 to 30 September 1925.
PURGE = ("1924-10-01", "1925-09-30")
#: The counts of unemployment the widget offers, as (series, counted_by, period) → words.
COUNTS = {
    ("labour_exchanges", "labour exchanges", "1924-07"): "Labour exchanges, July 1924 (before the purge)",
    ("labour_exchanges", "labour exchanges", "1924–1925"): "Labour exchanges, after the purge of 1924–1925",
    ("trade_unionists", "labour exchanges", "1927-01"): "Trade unionists, exchanges' count, January 1927",
    ("trade_unionists", "trade unions", "1927-01"): "Trade unionists, unions' own count, January 1927",
    ("labour_exchanges", "labour exchanges", "1929-04"): "Labour exchanges, April 1929",
}
#: The remedies the widget sets against a count: (indicator) → words.
REMEDIES = {
    "strumilin_new_industrial_jobs": "Strumilin's new industrial jobs (1927)",
    "organized_migrants": "Organized migrants ('colonisation')",
}


# ---- the registers ------------------------------------------------------------------------------------


def register_series(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per count of the chapter, with a date to draw it at and the count in millions.
    Columns: series, counted_by, register, period, date, qualifier, millions."""
    table = load(UNEMPLOYMENT) if table is None else table
    out = table[["series", "counted_by", "register", "period", "qualifier"]].copy()
    out["date"] = pd.to_datetime([MIDPOINTS.get(p, f"{p}-01") for p in table["period"]])
    out["millions"] = table["value"].astype(float) / 1e6
    return out.reset_index(drop=True)


def _exchanges(data: pd.DataFrame) -> pd.DataFrame:
    return data[data["series"] == "labour_exchanges"].sort_values("date")


def _unionists(data: pd.DataFrame) -> pd.DataFrame:
    return data[data["series"] == "trade_unionists"]


def _unemployment_alt(data) -> str:
    ex = _exchanges(data)
    parts = [
        f"{p} {q if q != 'exactly' else ''} {num(m, 2)} million".replace("  ", " ")
        for p, q, m in zip(ex["period"], ex["qualifier"], ex["millions"])
    ]
    un = _unionists(data)
    pair = [f"{c} {num(m, 3)} million" for c, m in zip(un["counted_by"], un["millions"])]
    return (
        f"Line with markers, registered unemployed counted by the labour exchanges: {listing(parts)}; a shaded band "
        f"marks the purge of the registers in 1924–1925. Two separate markers for unemployed trade unionists on "
        f"1 January 1927: {listing(pair)}."
    )


@chart(UNEMPLOYMENT, units=("persons",), data=register_series, alt=_unemployment_alt)
def unemployment_chart(data=None):
    """The labour exchanges' count of the unemployed, 1924–1929, with the purge of 1924–1925 shaded and the two
    counts of unemployed trade unionists of January 1927 beside it (``data``: as ``register_series()`` gives)."""
    fig, ax = new_figure(figsize=(9, 4.8))
    ax.axvspan(
        pd.Timestamp(PURGE[0]),
        pd.Timestamp(PURGE[1]),
        color="#cccccc",
        hatch="//",
        alpha=0.5,
        label="purge of the registers, 1924–1925",
    )
    ex = _exchanges(data)
    ax.plot(ex["date"], ex["millions"], color="C0", marker="o", label="registered unemployed (labour exchanges)")
    for row in ex.itertuples():
        mark = {"more than": "more than ", "nearly": "nearly "}.get(row.qualifier, "")
        ax.annotate(
            f"{mark}{row.millions:g} m",
            (row.date, row.millions),
            textcoords="offset points",
            xytext=(0, 8),
            ha="center",
            fontsize=9,
        )
    styles = {"labour exchanges": ("C1", "s"), "trade unions": ("C2", "^")}
    for row in _unionists(data).itertuples():
        colour, marker = styles[row.counted_by]
        ax.scatter(
            [row.date],
            [row.millions],
            color=colour,
            marker=marker,
            s=70,
            zorder=3,
            label=f"unemployed trade unionists, counted by the {row.counted_by}",
        )
        ax.annotate(
            f"{row.millions:g} m", (row.date, row.millions), textcoords="offset points", xytext=(10, -4), fontsize=9
        )
    decorate(
        ax,
        title="Registered unemployment rose after the purge; the unions counted more",
        xlabel="Date of the count (economic years drawn at their middle)",
        ylabel="Unemployed (million persons)",
        ylim=(0, 2.0),
        legend=False,
    )
    ax.legend(loc="lower right", fontsize=8)
    add_source(
        fig, UNEMPLOYMENT, derived="Millions computed by the course; 'more than' and 'nearly' are the book's bounds."
    )
    return fig


def two_counts(table: pd.DataFrame | None = None) -> pd.Series:
    """The unemployed trade unionists of 1 January 1927 by the two counts, in millions (index: who counted)."""
    data = _unionists(register_series(table))
    return pd.Series(list(data["millions"]), index=list(data["counted_by"]), dtype=float)


def count_ratio(table: pd.DataFrame | None = None) -> float:
    """The unions' count ÷ the exchanges' count, January 1927 (the book says 'more than double')."""
    counts = two_counts(table)
    return float(counts["trade unions"] / counts["labour exchanges"])


def purge_removed(table: pd.DataFrame | None = None) -> float:
    """How many fewer were registered after the purge of 1924–1925 than on 1 July 1924 (persons)."""
    table = load(UNEMPLOYMENT) if table is None else table
    return value(table, series="labour_exchanges", period="1924-07") - value(
        table, series="labour_exchanges", period="1924–1925"
    )


# ---- the problem against its remedies -------------------------------------------------------------------


def remedy_size(indicator: str, table: pd.DataFrame | None = None) -> float:
    """A remedy's size in persons (jobs or migrants), from p3c5_figures."""
    table = load(FIGURES) if table is None else table
    return value(table, indicator=indicator)


def set_against(
    count: tuple = ("labour_exchanges", "labour exchanges", "1929-04"), remedy: str = "strumilin_new_industrial_jobs"
) -> pd.Series:
    """One count of the unemployed and one remedy, in millions of persons (index: their words)."""
    series, counted_by, period = count
    unemployed = value(UNEMPLOYMENT, series=series, counted_by=counted_by, period=period)
    return pd.Series({COUNTS[count]: unemployed / 1e6, REMEDIES[remedy]: remedy_size(remedy) / 1e6}, dtype=float)


def _remedy_alt(data) -> str:
    (who, unemployed), (what, size) = data.items()
    return (
        f"Two bars, million persons: {who.lower()} {num(unemployed, 3)}; {what.lower()} {num(size, 3)}; the "
        f"remedy equals {num(size / unemployed * 100)}% of the count."
    )


@chart(UNEMPLOYMENT, FIGURES, units=("persons",), data=set_against, alt=_remedy_alt)
def remedy_chart(data=None):
    """One count of the unemployed against one remedy (``data``: two values in millions, as ``set_against()``
    gives: the count first, then the remedy)."""
    fig, ax = new_figure(figsize=(8.5, 3.6))
    (who, unemployed), (what, size) = data.items()
    ax.barh([1, 0], [unemployed, size], color=["C0", "C4"], hatch=["", "//"], edgecolor="white", height=0.6)
    for y, v in zip([1, 0], [unemployed, size]):
        ax.text(v + 0.03, y, f"{v:g} million", va="center", fontsize=9)
    ax.set_yticks([1, 0], [who, what], fontsize=9)
    ax.grid(axis="y", visible=False)
    decorate(
        ax,
        title=f"The remedy would cover {size / unemployed * 100:.0f}% of this count",
        xlabel="Persons (million persons)",
        xlim=(0, max(2.0, unemployed * 1.3)),
        legend=False,
    )
    add_source(fig, UNEMPLOYMENT, FIGURES, derived="Millions and the percentage computed by the course.")
    return fig


def _remedy_view(count=("labour_exchanges", "labour exchanges", "1929-04"), remedy="strumilin_new_industrial_jobs"):
    """The remedy chart for the widget: the chosen count against the chosen remedy."""
    return remedy_chart(set_against(count, remedy))


def remedy_widget():
    """Choose how the unemployed are counted and which remedy is set against them: the share covered follows."""
    import ipywidgets as widgets

    style, layout = {"description_width": "initial"}, {"width": "620px"}
    count = widgets.Dropdown(
        options=[(w, k) for k, w in COUNTS.items()],
        value=("labour_exchanges", "labour exchanges", "1929-04"),
        description="Unemployed counted as",
        style=style,
        layout=layout,
    )
    remedy = widgets.Dropdown(
        options=[(w, k) for k, w in REMEDIES.items()],
        value="strumilin_new_industrial_jobs",
        description="Remedy",
        style=style,
        layout=layout,
    )
    return live(_remedy_view, count=count, remedy=remedy)


# ---- exercises of lesson 11 ------------------------------------------------------------------------------


def _u(**where) -> float:
    return value(UNEMPLOYMENT, **where)


def _figure(indicator: str, **where) -> float:
    return value(FIGURES, indicator=indicator, **where)


def surplus_shares() -> pd.Series:
    """Schlichter's 'surplus' shares of the rural population, April 1927 (percent; index: republic). Exercise
    11.6: the student draws it."""
    table = load(FIGURES)
    rows = table[table["indicator"] == "surplus_rural_population_share"]
    return pd.Series(list(rows["value"].astype(float)), index=list(rows["where"]), dtype=float)


def _railway_cut_percent() -> float:
    before = _figure("railway_wage_earners", bound="before")
    return (before - _figure("railway_wage_earners", bound="after")) / before * 100


def _fairest_pair() -> str:
    """Of three comparisons, the one whose counts share a definition: both after the purge, both by the exchanges."""
    after = register_series()
    after = after[(after["series"] == "labour_exchanges") & (after["qualifier"] == "exactly")]
    periods = list(after.loc[after["register"].str.startswith("after"), "period"])
    return "after the purge to April 1929" if "1929-04" in periods else "July 1924 to April 1929"


register(
    Exercise(
        "11.1",
        lambda: purge_removed() / 1e3,
        tolerance=0.5,
        unit="thousand persons",
        hint="The count of 1 July 1924 minus the count after the purge, in thousands.",
        mistakes=(
            Mistake(
                lambda: purge_removed() / _u(series="labour_exchanges", period="1924-07") * 100,
                "That is the fall in percent. The question asks for the number of persons, in thousands.",
            ),
            Mistake(
                lambda: _u(series="labour_exchanges", period="1924–1925") / 1e3,
                "That is the count after the purge. Subtract it from the count of July 1924.",
            ),
        ),
    )
)
register(
    Exercise(
        "11.2",
        count_ratio,
        tolerance=0.005,
        unit="times",
        hint="The unions' own count divided by the labour exchanges' count, both of 1 January 1927.",
        mistakes=(
            Mistake(lambda: 1 / count_ratio(), "You divided the other way round: the unions' count goes on top."),
            Mistake(
                lambda: (count_ratio() - 1) * 100,
                "That is how many percent more the unions counted. The question asks for a ratio (times).",
            ),
        ),
    )
)
register(
    Exercise(
        "11.3",
        _railway_cut_percent,
        tolerance=0.1,
        unit="percent",
        hint="(before − after) ÷ before × 100, with the railway payroll figures.",
        mistakes=(
            Mistake(
                lambda: (
                    _figure("railway_wage_earners", bound="after")
                    / _figure("railway_wage_earners", bound="before")
                    * 100
                ),
                "That is what was left, as a percentage of the start. Subtract it from 100 to get the cut.",
            ),
            Mistake(
                lambda: (
                    (_figure("railway_wage_earners", bound="before") - _figure("railway_wage_earners", bound="after"))
                    / _figure("railway_wage_earners", bound="after")
                    * 100
                ),
                "You divided by the number after the cut. A cut is measured against where it started.",
            ),
        ),
    )
)
register(
    Exercise(
        "11.4",
        lambda: remedy_size("strumilin_new_industrial_jobs") / _u(series="labour_exchanges", period="1929-04") * 100,
        tolerance=0.1,
        unit="percent",
        hint="Strumilin's jobs divided by the labour exchanges' count of April 1929, times 100.",
        mistakes=(
            Mistake(
                lambda: (
                    remedy_size("strumilin_new_industrial_jobs")
                    / _u(series="trade_unionists", counted_by="trade unions")
                    * 100
                ),
                "You used the unions' count of January 1927. The question asks about the exchanges' count of "
                "April 1929.",
            ),
            Mistake(
                lambda: (
                    _u(series="labour_exchanges", period="1929-04") / remedy_size("strumilin_new_industrial_jobs") * 100
                ),
                "You divided the other way round: the jobs go on top.",
            ),
        ),
    )
)
register(
    Exercise(
        "11.5",
        _fairest_pair,
        kind="choice",
        choices=("July 1924 to April 1929", "after the purge to April 1929"),
        hint="Which two counts were made under the same rules (the same registers, after the same purge)?",
        mistakes=(
            Mistake(
                lambda: "July 1924 to April 1929",
                "The count of July 1924 was made before the purge: it includes people the later registers "
                "no longer counted, so the rise from it is understated.",
            ),
        ),
    )
)
register(
    Exercise(
        "11.6",
        surplus_shares,
        kind="figure",
        tolerance=0.05,
        hint="Three bars: the RSFSR, Byelorussia and the Ukraine, each Schlichter's percentage.",
        drawing=Drawing(marks="bars", what="republics", source=True),
        mistakes=(
            Mistake(
                lambda: surplus_shares() / 100,
                "Your bars are fractions (0.1 …). Draw the percentages as the book prints them (10, 16, 18).",
            ),
        ),
    )
)
register(
    Exercise(
        "11.7",
        lambda: remedy_size("organized_migrants") / _figure("surplus_rural_population", bound="low") * 100,
        tolerance=0.1,
        unit="percent",
        hint="The organized migrants divided by the LOW end of the 'surplus' rural population, times 100.",
        mistakes=(
            Mistake(
                lambda: remedy_size("organized_migrants") / _figure("surplus_rural_population", bound="high") * 100,
                "You used the high end (15 million). The question asks for the most generous share: "
                "divide by the low end (10 million).",
            ),
        ),
    )
)
