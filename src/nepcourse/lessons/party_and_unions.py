"""Lesson 12, Part 3 chapter 6: the forms of organization of the working class. How the Bolshevik Party grew,
who its members were under two different definitions of "worker", how present it was in the working class by
industry and city, and how the trade unions moved from defending workers in disputes to preventing strikes.

Each chart is a function returning its figure; the numbers behind it come from small functions that the tests
check against the CSV files. Every share, ratio and rate is computed here, never stored.

"Worker" is two measures in the book: a member's "social position" before joining, or the member's actual
occupation at the Party census of January 1927. ``DEFINITIONS`` lets the widget and the exercises choose.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import FuncFormatter

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

MEMBERSHIP = "p3c6_party_membership"
COMPOSITION = "p3c6_party_composition"
PRESENCE = "p3c6_party_presence"
DISPUTES = "p3c6_labour_disputes"
FIGURES = "p3c6_figures"

#: The ways the book counts the Party's workers: key → words for the widget.
DEFINITIONS = {
    "position_1923": "By social position, 1923",
    "position_1930": "By social position, 1930",
    "occupation_1927": "By actual occupation, January 1927 (industry and transport)",
    "occupation_1927_with_farm": "By actual occupation, January 1927 (with agricultural workers)",
}


def figure(indicator: str, **where) -> float:
    """One figure of p3c6_figures."""
    return value(FIGURES, indicator=indicator, **where)


def target() -> float:
    """The recruitment target: at least this percent of members to be actual workers (1927, reaffirmed 1928)."""
    return figure("recruitment_target_actual_workers")


# ---- membership -------------------------------------------------------------------------------------


def members(year: int, measure: str = "total") -> float:
    """Party members in ``year``: all of them ('total') or the workers by social position ('workers')."""
    return value(MEMBERSHIP, year=year, measure=measure)


def membership(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Members by year: columns total and workers (by social position; missing where the book gives none)."""
    table = load(MEMBERSHIP) if table is None else table
    return table.pivot(index="year", columns="measure", values="value")[["total", "workers"]].astype(float)


def _membership_alt(data) -> str:
    total = [f"{num(v / 1e6, 2)} million in {y}" for y, v in data["total"].dropna().items()]
    workers = [f"{num(v / 1e6, 2)} million in {y}" for y, v in data["workers"].dropna().items()]
    return (
        f"Lines with markers, Party members: all members {listing(total)}; worker members by social position "
        f"{listing(workers)}."
    )


@chart(MEMBERSHIP, units=("members",), data=membership, alt=_membership_alt)
def membership_chart(data=None):
    """All Party members and the worker members by social position, in millions (``data``: one row per year,
    columns total and workers, as ``membership()`` gives)."""
    fig, ax = new_figure(figsize=(8.5, 4.4))
    styles = {"total": ("C0", "-", "o", "All members"), "workers": ("C1", "--", "s", "Workers by 'social position'")}
    for column, (colour, line, marker, label) in styles.items():
        series = data[column].dropna()
        ax.plot(series.index, series.values, color=colour, linestyle=line, marker=marker, label=label)
        for year, v in series.items():
            ax.annotate(
                f"{v / 1e6:.2f} m", (year, v), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=9
            )
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    decorate(
        ax,
        title="The Party more than trebled in seven years",
        xlabel="Year (January 1 for all members)",
        ylabel="Party members (members)",
        ylim=(0, 2_000_000),
    )
    add_source(fig, MEMBERSHIP)
    return fig


# ---- who was a worker: two definitions ------------------------------------------------------------------


def composition(table: pd.DataFrame | None = None) -> pd.Series:
    """The census of January 10, 1927: percent of members by actual occupation."""
    table = load(COMPOSITION) if table is None else table
    return table.set_index("group")["value"].astype(float)


def worker_shares() -> pd.DataFrame:
    """Share of the Party counted as workers under each definition (percent). Columns: key, label, share."""
    census = composition()
    rows = [
        ("position_1923", members(1923, "workers") / members(1923) * 100),
        ("position_1930", members(1930, "workers") / members(1930) * 100),
        ("occupation_1927", census["workers in industry and transport"]),
        ("occupation_1927_with_farm", census["workers in industry and transport"] + census["agricultural workers"]),
    ]
    out = pd.DataFrame(rows, columns=["key", "share"])
    out.insert(1, "label", [DEFINITIONS[k] for k in out["key"]])
    return out


def verdict(share: float) -> str:
    """Whether a share of workers meets the target of the recruitment campaigns."""
    goal = target()
    return (
        f"meets the {goal:g}% target" if share >= goal else f"{goal - share:.1f} points short of the {goal:g}% target"
    )


def _shares_alt(data, highlight: str | None = None) -> str:
    parts = [f"{label} {num(s)}%" for label, s in zip(data["label"], data["share"])]
    text = f"Horizontal bars: share of Party members counted as workers, {listing(parts)}. Dashed line: the "
    text += f"target of {num(target())}% actual workers."
    if highlight:
        row = data[data["key"] == highlight].iloc[0]
        text += f" Marked: {row['label']}, {num(row['share'])}%, {verdict(row['share'])}."
    return text


@chart(MEMBERSHIP, COMPOSITION, FIGURES, units=("percent",), data=worker_shares, alt=_shares_alt)
def worker_share_chart(data=None, highlight: str | None = None):
    """The Party's working-class share under each definition against the 50 percent target (``data``: columns
    key, label and share, as ``worker_shares()`` gives; ``highlight``: the key of a definition to mark)."""
    fig, ax = new_figure(figsize=(9.5, 4.4))
    y = list(range(len(data)))[::-1]
    for pos, row in zip(y, data.itertuples()):
        by_position = row.key.startswith("position")
        marked = row.key == highlight
        ax.barh(
            pos,
            row.share,
            color="C1" if by_position else "C0",
            hatch="//" if by_position else "",
            edgecolor="black" if marked else "white",
            linewidth=2.5 if marked else 0.5,
        )
        ax.text(row.share + 1, pos, f"{row.share:.1f}%", va="center", fontsize=9)
    ax.axvline(target(), color="#555555", linestyle="--", label=f"target: {target():g}% actual workers")
    ax.set_yticks(y, [label.replace(", January", ",\nJanuary") for label in data["label"]], fontsize=9)
    ax.grid(axis="y", visible=False)
    title = "How working-class was the Party? It depends on the definition"
    if highlight is not None:
        row = data[data["key"] == highlight].iloc[0]
        title = f"{row['label'].split(' (')[0]}: {row['share']:.1f}%, {verdict(row['share'])}"
    decorate(ax, title=title, xlabel="Party members counted as workers (percent of all members)", xlim=(0, 100))
    add_source(
        fig,
        MEMBERSHIP,
        COMPOSITION,
        FIGURES,
        derived="Shares by social position computed by the course (worker members ÷ all members). Hatched: "
        "social position; plain: actual occupation.",
    )
    return fig


def _share_view(definition: str = "occupation_1927"):
    return worker_share_chart(worker_shares(), highlight=definition)


def worker_share_widget():
    """Choose what counts as a 'worker' and see whether the Party met its own target."""
    import ipywidgets as widgets

    choice = widgets.Dropdown(
        options=[(words, key) for key, words in DEFINITIONS.items()],
        value="occupation_1927",
        description="Count as workers",
        style={"description_width": "initial"},
        layout={"width": "620px"},
    )
    return live(_share_view, definition=choice)


# ---- presence in the working class -----------------------------------------------------------------------


def presence(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Party members as a percentage of the workers, one row per place and period. Columns: scope, label,
    value, qualifier."""
    table = load(PRESENCE) if table is None else table
    out = table[["scope", "place", "period", "value", "qualifier"]].copy()
    out["label"] = [
        f"All workers, {period}"
        if scope == "all"
        else f"{place.capitalize()} ({qualifier})"
        if scope == "industry"
        else place
        for scope, place, period, qualifier in zip(out["scope"], out["place"], out["period"], out["qualifier"])
    ]
    out["label"] = [
        label.replace("a little under", "under") if q == "a little under" else label
        for label, q in zip(out["label"], out["qualifier"])
    ]
    out["value"] = out["value"].astype(float)
    return out[["scope", "label", "value", "qualifier"]]


def _presence_alt(data) -> str:
    parts = [
        f"{label} {'a little under ' if q == 'a little under' else ''}{num(v)}%"
        for label, v, q in zip(data["label"], data["value"], data["qualifier"])
    ]
    return f"Horizontal bars: Party members as a percentage of the workers: {listing(parts)}."


@chart(PRESENCE, units=("percent",), data=presence, alt=_presence_alt)
def presence_chart(data=None):
    """The Party's presence among the workers, overall, by industry and by city (``data``: columns scope, label,
    value and qualifier, as ``presence()`` gives)."""
    fig, ax = new_figure(figsize=(9, 4.8))
    styles = {"all": ("#7f7f7f", ""), "industry": ("C0", "//"), "city": ("C2", "..")}
    names = {"all": "whole working class", "industry": "by industry", "city": "by city"}
    y = list(range(len(data)))[::-1]
    shown = set()
    for pos, row in zip(y, data.itertuples()):
        colour, hatch = styles[row.scope]
        ax.barh(
            pos,
            row.value,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=names[row.scope] if row.scope not in shown else None,
        )
        shown.add(row.scope)
        mark = "< " if row.qualifier == "a little under" else ""
        ax.text(row.value + 0.3, pos, f"{mark}{row.value:g}%", va="center", fontsize=9)
    ax.set_yticks(y, list(data["label"]), fontsize=9)
    ax.grid(axis="y", visible=False)
    decorate(
        ax,
        title="Few workers were Party members: about one in twelve",
        xlabel="Party members as a percentage of the workers (percent)",
        xlim=(0, 22),
        legend=False,
    )
    ax.legend(loc="lower right", fontsize=8)
    add_source(fig, PRESENCE, derived="The industries and cities are undated in the book. '<': 'a little under'.")
    return fig


# ---- disputes and strikes ---------------------------------------------------------------------------------


def disputes(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The two series of p3c6_labour_disputes with a rate per month (workers ÷ months of the period)."""
    table = load(DISPUTES) if table is None else table
    out = table[["measure", "period", "months", "sector", "value"]].copy()
    out["value"] = out["value"].astype(float)
    out["per_month"] = out["value"] / out["months"]
    return out


def _disputes_alt(data) -> str:
    d = data[data["measure"] == "disputes"]
    s = data[(data["measure"] == "strikes") & (data["sector"] == "all")]
    parts_d = [f"{num(v / 1e6, 2)} million in {p}" for p, v in zip(d["period"], d["value"])]
    parts_s = [f"{num(v, 0)} a month in {p}" for p, v in zip(s["period"], s["per_month"])]
    return (
        f"Two panels. Left, bars: workers involved in disputes, {listing(parts_d)}. Right, bars: strikers per "
        f"month in all enterprises, {listing(parts_s)}, with state-owned enterprises beside them."
    )


@chart(DISPUTES, units=("workers", "workers"), data=disputes, alt=_disputes_alt)
def disputes_chart(data=None):
    """Workers in disputes (millions, by economic year) and strikers per month (all and state enterprises)
    (``data``: as ``disputes()`` gives)."""
    fig, (left, right) = new_figure(ncols=2, figsize=(10.5, 4.4))
    d = data[data["measure"] == "disputes"]
    left.bar(d["period"], d["value"], color="C0", width=0.6)
    for i, v in enumerate(d["value"]):
        left.text(i, v + 50_000, f"{v / 1e6:.2f} m", ha="center", fontsize=9)
    decorate(
        left,
        title="Workers involved in disputes",
        xlabel="Economic year",
        ylabel="Workers involved (workers)",
        ylim=(0, 3_800_000),
    )
    s = data[data["measure"] == "strikes"]
    periods = list(dict.fromkeys(s["period"]))
    for offset, (sector, colour, hatch, label) in zip(
        (-0.2, 0.2), (("all", "C3", "", "all enterprises"), ("state", "C4", "//", "state-owned enterprises"))
    ):
        rows = s[s["sector"] == sector].set_index("period").loc[periods]
        xs = [i + offset for i in range(len(periods))]
        right.bar(xs, rows["per_month"], width=0.4, color=colour, hatch=hatch, edgecolor="white", label=label)
    right.set_xticks(range(len(periods)), [p.replace("first half of ", "Jan.–June ") for p in periods])
    for ax in (left, right):
        ax.grid(axis="x", visible=False)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    decorate(right, title="Strikers per month", xlabel="Period", ylabel="Strikers per month (workers)")
    fig.suptitle("Fewer disputes, fewer strikes, 1925–1928", x=0.01, ha="left", fontweight="bold")
    add_source(fig, DISPUTES, derived="Strikers per month computed by the course (the 1928 figure covers six months).")
    return fig


# ---- exercises of lesson 12 ---------------------------------------------------------------------------


def _share(key: str) -> float:
    shares = worker_shares()
    return float(shares.loc[shares["key"] == key, "share"].iloc[0])


def _dispute(period: str) -> float:
    return value(DISPUTES, measure="disputes", period=period, sector="all")


def _arbitration_share() -> float:
    """Share of all disputes of 1928 that ended in an arbitration tribunal (percent)."""
    not_settled = 100 - figure("rkk_share_of_disputes")
    return not_settled * figure("arbitration_tribunal_share") / 100


PLACES = ("principal industries", "oil", "textiles", "Leningrad", "Moscow")


def highest_presence(scopes: tuple[str, ...] = ("industry", "city")) -> str:
    """The industry or city where the largest share of workers were Party members."""
    table = load(PRESENCE)
    table = table[table["scope"].isin(scopes)]
    return str(table.loc[table["value"].astype(float).idxmax(), "place"])


register(
    Exercise(
        "12.1",
        highest_presence,
        kind="choice",
        choices=PLACES,
        hint="Compare the bars of the industries and the cities: which is the longest?",
        mistakes=(
            Mistake(
                lambda: highest_presence(("industry",)),
                "That is the highest industry; one of the cities is higher still.",
            ),
        ),
    )
)
register(
    Exercise(
        "12.2",
        lambda: members(1930) / members(1923),
        tolerance=0.005,
        unit="times",
        hint="Members on January 1, 1930 ÷ members on January 1, 1923.",
        mistakes=(
            Mistake(lambda: members(1926) / members(1923), "That is 1926 against 1923. The question asks about 1930."),
            Mistake(lambda: members(1923) / members(1930), "You divided the wrong way round: 1930 ÷ 1923."),
        ),
    )
)
register(
    Exercise(
        "12.3",
        lambda: _share("position_1930"),
        tolerance=0.05,
        unit="percent",
        hint="Worker members by social position in 1930 ÷ all members in 1930 × 100.",
        mistakes=(
            Mistake(lambda: _share("position_1923"), "That is 1923. The question asks about 1930."),
            Mistake(
                lambda: members(1930) / members(1930, "workers") * 100,
                "You divided all members by the worker members. Divide the workers by all members.",
            ),
        ),
    )
)
register(
    Exercise(
        "12.4",
        lambda: (_dispute("1927–1928") / _dispute("1925–1926") - 1) * 100,
        tolerance=0.05,
        unit="percent (a fall is negative)",
        hint="1927–1928 ÷ 1925–1926, minus 1, times 100.",
        mistakes=(
            Mistake(
                lambda: (1 - _dispute("1927–1928") / _dispute("1925–1926")) * 100,
                "Right size, wrong sign: a fall is written as a negative number here.",
            ),
            Mistake(
                lambda: (_dispute("1925–1926") / _dispute("1927–1928") - 1) * 100,
                "You divided by the later year. A change is measured against the starting year, 1925–1926.",
            ),
        ),
    )
)
register(
    Exercise(
        "12.5",
        _arbitration_share,
        tolerance=0.05,
        unit="percent of all disputes",
        hint="First the share the RKK did not settle (100 − 84.9); then 80 percent of that.",
        mistakes=(
            Mistake(
                lambda: figure("arbitration_tribunal_share"),
                "80 percent is a share of the disputes the RKK did not settle, not of all disputes.",
            ),
            Mistake(
                lambda: figure("rkk_share_of_disputes") * figure("arbitration_tribunal_share") / 100,
                "You took 80 percent of the disputes the RKK dealt with. Take it of the rest (100 − 84.9).",
            ),
        ),
    )
)


def office_share_of_employees() -> float:
    """Office workers as a percentage of office and manual workers in the population, 1926–1927."""
    office, manual = figure("office_workers_population"), figure("manual_workers_population")
    return office / (office + manual) * 100


register(
    Exercise(
        "12.6",
        office_share_of_employees,
        tolerance=0.05,
        unit="percent",
        hint="3.5 ÷ (3.5 + 4.6) × 100.",
        mistakes=(
            Mistake(
                lambda: figure("office_workers_population") / figure("manual_workers_population") * 100,
                "You divided by the manual workers alone. Divide by office and manual workers together.",
            ),
        ),
    )
)


def strikers_per_month() -> pd.Series:
    """Strikers a month in all enterprises: 1926, 1927 and the first half of 1928. Exercise 12.7: the student
    draws it."""
    d = disputes()
    s = d[(d["measure"] == "strikes") & (d["sector"] == "all")]
    return pd.Series(s["per_month"].values, index=list(s["period"]), dtype=float)


def _strikers_as_printed() -> pd.Series:
    """What a student draws who forgets that the 1928 figure covers six months only."""
    d = disputes()
    s = d[(d["measure"] == "strikes") & (d["sector"] == "all")]
    return pd.Series((s["value"] / 12).values, index=list(s["period"]), dtype=float)


register(
    Exercise(
        "12.7",
        strikers_per_month,
        kind="figure",
        tolerance=0.5,
        hint="Three bars: 43,200 ÷ 12, 25,400 ÷ 12 and 9,700 ÷ 6.",
        drawing=Drawing(marks="bars", what="periods", source=True),
        mistakes=(
            Mistake(
                _strikers_as_printed,
                "Your last bar divides 9,700 by 12. The 1928 figure covers the first half of the year: divide by 6.",
            ),
        ),
    )
)
register(
    Exercise(
        "12.8",
        lambda: target() - _share("occupation_1927"),
        tolerance=0.05,
        unit="percentage points",
        hint="The target minus the share of actual workers in industry and transport at the census of 1927.",
        mistakes=(
            Mistake(
                lambda: target() - _share("position_1930"),
                "That uses social position in 1930. The target was about actual workers: use the 1927 census.",
            ),
        ),
    )
)
