"""Lesson 03, Part 1 Chapter 2: the machinery of planning under the NEP.

The chapter has few figures: Gosplan's members and staff, and the length of the annual "control
figures". Most of what it says is about *which* bodies planned, whom they answered to, and how binding
their plans were. So this module turns the chapter into small tables (bodies, control figures) and
charts that show them year by year; the numbers behind each chart come from small functions that the
tests check against the CSV files.
"""

from __future__ import annotations

import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

FIRST_YEAR, LAST_YEAR = 1920, 1928
#: The status codes of p1c2_control_figures, from least to most binding, with words for the charts. The order
#: is the course's reading of the book's words: the chart shows it as rows of words, never as a quantity.
STATUS_RANK = {"forecast": 1, "forecast_with_dispensation": 2, "directive": 3}
STATUS_SHORT = {
    "forecast": "forecast",
    "forecast_with_dispensation": "forecast +\ndispensation",
    "directive": "directive",
}
STATUS_WORDS = {
    "forecast": "forecast, not binding",
    "forecast_with_dispensation": "not binding, but plans that\nconform need no CLD ratification",
    "directive": "directives once ratified\n(CC decision, August 1927)",
}


# ---- the planning apparatus in figures ------------------------------------------------------


def apparatus() -> pd.DataFrame:
    """The chapter's figures (p1c2_planning_apparatus): Gosplan's people and the control figures' pages."""
    return load("p1c2_planning_apparatus")


def figure(indicator: str, bound: str = "point", table: pd.DataFrame | None = None) -> float:
    """One figure of p1c2_planning_apparatus (or of ``table``, shaped like it): the one row of that
    indicator and bound."""
    return value(apparatus() if table is None else table, indicator=indicator, bound=bound)


def pages(period: str, table: pd.DataFrame | None = None) -> float | None:
    """The length in pages of the control figures for an economic year (from p1c2_planning_apparatus,
    or ``table`` shaped like it), or None where the book gives none."""
    table = apparatus() if table is None else table
    lengths = table[table["indicator"] == "control_figures_length"]
    if not lengths["period"].str.replace("–", "-").eq(period.replace("–", "-")).any():
        return None
    return value(lengths, period=period)


def times(first: float, last: float) -> float:
    """How many times ``last`` is of ``first`` (a growth factor)."""
    return last / first


def annual_growth_percent(first: float, last: float, years: float) -> float:
    """The steady yearly growth (percent a year) that turns ``first`` into ``last`` in ``years`` years."""
    return ((last / first) ** (1 / years) - 1) * 100


def gosplan_years() -> int:
    """Years between the two Gosplan head counts (1921 and the beginning of 1927), from the table."""
    table = apparatus()
    return int(value(table, "period", indicator="gosplan_staff")) - int(
        value(table, "period", indicator="gosplan_members")
    )


def _apparatus_alt(data) -> str:
    members, staff = figure("gosplan_members", table=data), figure("gosplan_staff", table=data)
    low, high = figure("gosplan_party_members", "low", data), figure("gosplan_party_members", "high", data)
    lengths = [(p, pages(p, data)) for p in ("1925–1926", "1926–1927", "1927–1928")]
    given = [f"{num(v, 0)} pages for {p}" for p, v in lengths if v is not None]
    missing = [p for p, v in lengths if v is None]
    return (
        f"Left: Gosplan had about {num(members, 0)} members in 1921, {num(low, 0)} or {num(high, 0)} of them Party "
        f"members, and a staff of {num(staff, 0)} at the beginning of 1927 (× {num(times(members, staff))}). "
        f"Right: the control figures ran to {listing(given)}"
        + (f"; the book gives no length for {listing(missing)}." if missing else ".")
    )


@chart("p1c2_planning_apparatus", units=("people", "pages"), data=apparatus, alt=_apparatus_alt)
def apparatus_chart(data=None):
    """Gosplan's people (1921 and 1927) and the length of the control figures (1925–1926 to 1927–1928)
    (``data``: the rows of p1c2_planning_apparatus, as ``apparatus()`` gives)."""
    fig, (left, right) = new_figure(ncols=2, figsize=(10, 4.8))
    members, staff = figure("gosplan_members", table=data), figure("gosplan_staff", table=data)
    low, high = figure("gosplan_party_members", "low", data), figure("gosplan_party_members", "high", data)
    left.bar(
        ["At the outset\n(1921)", "Beginning\nof 1927"],
        [members, staff],
        color="C0",
        label="members (1921) / staff (1927)",
    )
    left.bar(["At the outset\n(1921)"], [high], color="C3", hatch="//", label=f"Party members ({low:g} or {high:g})")
    left.text(0, members + 12, f"about {members:g}", ha="center")
    left.text(1, staff + 12, f"{staff:g}  (× {times(members, staff):.1f})", ha="center")
    decorate(left, title="Gosplan: members, then staff", xlabel="Date as printed", ylabel="People", ylim=(0, 600))
    left.legend(loc="upper left", fontsize=8)
    periods = ["1925–1926", "1926–1927", "1927–1928"]
    lengths = [pages(p, data) for p in periods]
    right.bar(periods, [0 if v is None else v for v in lengths], color="C1")
    for i, v in enumerate(lengths):
        right.text(
            i,
            (v or 0) + 12,
            "length not given" if v is None else f"{'about ' if i == 0 else ''}{v:g}",
            ha="center",
            fontsize=9,
        )
    decorate(
        right,
        title="Length of the control figures",
        xlabel="Economic year covered (October–September)",
        ylabel="Pages",
        ylim=(0, 600),
    )
    add_source(
        fig,
        "p1c2_planning_apparatus",
        derived="Growth factor (× n) computed by the course: 1927 staff ÷ 1921 members; "
        "the two may not count the same people.",
    )
    return fig


# ---- the planning bodies and the control figures, year by year ------------------------------


def bodies() -> pd.DataFrame:
    """The bodies the chapter names (p1c2_planning_bodies)."""
    return load("p1c2_planning_bodies")


def planning_bodies() -> pd.DataFrame:
    """The bodies that prepared plans (not the government organs that decided), in the table's order."""
    table = bodies()
    return table[table["kind"] == "planning"].reset_index(drop=True)


def at_work(year: int, table: pd.DataFrame | None = None) -> list[str]:
    """Planning bodies the chapter shows at work in ``year``: no later start and no earlier end than it gives
    (among ``table``, by default ``planning_bodies()``)."""
    table = planning_bodies() if table is None else table
    started = table["first_year"].isna() | (table["first_year"] <= year)
    not_ended = table["last_year"].isna() | (table["last_year"] >= year)
    return list(table.loc[started & not_ended, "body"])


def control_figures() -> pd.DataFrame:
    """The three sets of control figures with their status, its rank (1 = least binding) and pages."""
    table = load("p1c2_control_figures").copy()
    table["rank"] = table["status"].map(STATUS_RANK)
    table["pages"] = [pages(p) for p in table["period"]]
    table["start_year"] = table["period"].str[:4].astype(int)
    return table


def control_figures_for(year: int) -> pd.Series | None:
    """The control figures for the economic year that begins on 1 October ``year``, or None if the chapter has none."""
    table = control_figures()
    row = table[table["start_year"] == year]
    return row.iloc[0] if len(row) else None


def _short_date(printed: str) -> str:
    """The first clause of a body's printed dates, for a label on its bar."""
    return printed.split(";")[0]


def _span(row) -> tuple[float, float, bool]:
    """Where a body's bar starts and ends on the chart, and whether its start is undated (hatched)."""
    undated_start = pd.isna(row.first_year)
    start = FIRST_YEAR if undated_start else row.first_year
    end = LAST_YEAR + 1 if pd.isna(row.last_year) else row.last_year + 1
    return float(start), float(end), undated_start


def _machinery_alt(data, year: int | None = None) -> str:
    cf = control_figures()
    statuses = [f"{row.period} {STATUS_WORDS[row.status]}" for row in cf.itertuples()]
    if year is None:
        spans = [f"{row.body} ({_short_date(row.dates_printed)})" for row in data.itertuples()]
        left = f"Left: {len(data)} planning bodies on a time line, {FIRST_YEAR}–{LAST_YEAR}: {listing(spans)}."
    else:
        working = at_work(year, data)
        left = f"Left: {len(working)} of {len(data)} planning bodies at work in {year}: {listing(working) or 'none'}."
    right = " ".join(f"Right: the control figures, in the book's words: {'; '.join(statuses)}.".split())
    return f"{left} {right}"


@chart(
    "p1c2_planning_bodies",
    "p1c2_control_figures",
    "p1c2_planning_apparatus",
    units=("calendar year", "year"),
    data=planning_bodies,
    alt=_machinery_alt,
)
def machinery_chart(data=None, year: int | None = None):
    """The planning bodies as the chapter dates them (``data``: one row per body, as ``planning_bodies()``
    gives), and the status of the control figures.

    With ``year``, the bodies at work that year stand out and the set of control figures for the
    economic year beginning that October is marked.
    """
    fig, (left, right) = new_figure(ncols=2, figsize=(12.5, 5.2), gridspec_kw={"width_ratios": [3, 2]})
    table = data
    working = set(at_work(year, table)) if year is not None else set(table["body"])
    for y, row in enumerate(table.itertuples()):
        start, end, undated = _span(row)
        colour = "C0" if row.body in working else "#cccccc"
        left.barh(
            y, end - start, left=start, height=0.6, color=colour, hatch="//" if undated else None, edgecolor="white"
        )
        early = start < FIRST_YEAR + 3
        left.text(
            start + 0.1 if early else start - 0.1,
            y,
            _short_date(row.dates_printed),
            va="center",
            ha="left" if early else "right",
            fontsize=7,
            color="white" if early and row.body in working else "#333333",
        )
    left.set_yticks(range(len(table)), table["body"])
    left.invert_yaxis()
    left.set_xlim(FIRST_YEAR, LAST_YEAR + 1)
    title = "Planning bodies, as the chapter dates them"
    if year is not None:
        left.axvspan(year, year + 1, color="C6", alpha=0.35, zorder=0)
        title = f"Planning bodies at work in {year}: {len(working)}"
    decorate(
        left,
        title=title,
        xlabel="Calendar year (hatched: start not dated; a bar runs on where the chapter gives no end)",
    )
    # The control figures as a table of words: one row per status the book names (least binding at the
    # bottom), one column per economic year, a dot where that year's figures had that status. No bar
    # heights: the order of the rows is the course's reading of the book's words, not a quantity.
    cf = control_figures()
    rows = list(STATUS_RANK)
    for i, row in enumerate(cf.itertuples()):
        chosen_year = year is None or row.start_year == year
        right.plot(
            [i],
            [rows.index(row.status)],
            marker="o",
            markersize=14,
            linestyle="none",
            color="C1" if chosen_year else "#bbbbbb",
        )
        length = "length not given" if pd.isna(row.pages) else f"{row.pages:g} pages"
        right.text(
            i,
            rows.index(row.status) + 0.22,
            f"{STATUS_WORDS[row.status]}\n{length}",
            ha="center",
            va="bottom",
            fontsize=7,
        )
    right.set_xticks(range(len(cf)), cf["period"])
    right.set_xlim(-0.6, len(cf) - 0.4)
    right.set_yticks(range(len(rows)), [STATUS_SHORT[r] for r in rows])
    right.grid(axis="both", color="#dddddd")
    chosen = control_figures_for(year) if year is not None else None
    right.tick_params(axis="x", labelsize=8)
    subtitle = (
        "Control figures: how binding?"
        if year is None or chosen is not None
        else f"None for {year}–{year + 1} in the chapter"
    )
    decorate(
        right,
        title=subtitle,
        xlabel="Economic year covered (October–September)",
        ylabel="Status, in the book's words",
        ylim=(-0.5, len(rows) - 0.1),
    )
    add_source(
        fig,
        "p1c2_planning_bodies",
        "p1c2_control_figures",
        "p1c2_planning_apparatus",
        derived="Statuses are the course's summary of the book's words (rows ordered from least to most binding).",
    )
    return fig


def machinery_widget():
    """A year slider: which planning bodies were at work, and how binding that year's control figures were."""
    import ipywidgets as widgets

    slider = widgets.IntSlider(
        value=1925, min=FIRST_YEAR, max=LAST_YEAR, step=1, description="Year", continuous_update=False
    )
    return live(machinery_chart, year=slider)


# ---- exercises of lesson 03 -----------------------------------------------------------------


def _cf(period: str, column: str) -> str:
    return str(value(control_figures(), column, period=period))


def _first_period_with(status: str) -> str:
    """The economic year of the earliest set of control figures with that status."""
    table = control_figures()
    first = int(table.loc[table["status"] == status, "start_year"].min())
    return str(value(table, "period", start_year=first))


def _first_directive_year() -> str:
    return _first_period_with("directive")


def _first_dispensation_year() -> str:
    return _first_period_with("forecast_with_dispensation")


def _body_close_to(words: str) -> str:
    table = bodies()
    return str(value(table[table["close_to"].fillna("").str.contains(words)], "body"))


PERIODS = ("1925–1926", "1926–1927", "1927–1928")

register(
    Exercise(
        "3.1",
        lambda: _cf("1925–1926", "drawn_up_by"),
        kind="choice",
        choices=("Gosplan", "VSNKh", "Osvok", "CLD"),
        hint="Look at the column drawn_up_by of p1c2_control_figures, or reread section II.",
        mistakes=(
            Mistake(
                lambda: _cf("1926–1927", "ratified_by"),
                "The CLD ratified control figures (those of 1926–1927); it did not draw them up.",
            ),
        ),
    )
)
register(
    Exercise(
        "3.2",
        lambda: len(at_work(1926)),
        kind="count",
        tolerance=0,
        unit="bodies",
        hint="Move the widget's slider to 1926 and count the coloured bars (or call planning.at_work(1926)).",
        mistakes=(
            Mistake(
                lambda: len(at_work(1926)) + int((bodies()["kind"] == "decision").sum()),
                "You counted Sovnarkom and the CLD too: they are government organs that took decisions, not planning "
                "bodies.",
            ),
            Mistake(
                lambda: len(planning_bodies()),
                "You counted every planning body, Goselro included; Gosplan succeeded Goselro in 1921.",
            ),
        ),
    )
)
register(
    Exercise(
        "3.3",
        lambda: times(figure("gosplan_members"), figure("gosplan_staff")),
        tolerance=0.05,
        unit="times",
        hint="Divide the 1927 staff by the number of members at the outset.",
        mistakes=(
            Mistake(
                lambda: figure("gosplan_staff") - figure("gosplan_members"),
                "That is the difference in people. The question asks how many times: divide.",
            ),
            Mistake(
                lambda: (times(figure("gosplan_members"), figure("gosplan_staff")) - 1) * 100,
                "That is the percent increase. The question asks how many times (a ratio).",
            ),
        ),
    )
)
register(
    Exercise(
        "3.4",
        lambda: figure("gosplan_party_members", "high") / figure("gosplan_members") * 100,
        tolerance=0.05,
        unit="percent",
        hint="Divide the higher number of Party members ('seven or eight') by the number of members, times 100.",
        mistakes=(
            Mistake(
                lambda: figure("gosplan_party_members", "low") / figure("gosplan_members") * 100,
                "That uses the lower figure (seven). The question asks for the higher one.",
            ),
            Mistake(
                lambda: figure("gosplan_party_members", "high") / figure("gosplan_staff") * 100,
                "You divided by the 1927 staff. The Party members are counted among the members at the outset.",
            ),
        ),
    )
)
register(
    Exercise(
        "3.5",
        lambda: annual_growth_percent(figure("gosplan_members"), figure("gosplan_staff"), gosplan_years()),
        tolerance=0.1,
        unit="percent a year",
        hint="Take the growth factor to the power 1/6 (six years from 1921 to 1927), subtract 1, multiply by 100.",
        mistakes=(
            Mistake(
                lambda: (times(figure("gosplan_members"), figure("gosplan_staff")) - 1) / gosplan_years() * 100,
                "You divided the total increase by six. Growth compounds: take the sixth root of the growth factor.",
            ),
            Mistake(
                lambda: annual_growth_percent(figure("gosplan_members"), figure("gosplan_staff"), gosplan_years() + 1),
                "From 1921 to 1927 is six years, not seven.",
            ),
        ),
    )
)
register(
    Exercise(
        "3.6",
        lambda: times(pages("1925–1926"), pages("1927–1928")),
        tolerance=0.05,
        unit="times",
        hint="Divide the pages of 1927–1928 by the pages of 1925–1926.",
        mistakes=(
            Mistake(
                lambda: pages("1927–1928") - pages("1925–1926"),
                "That is the difference in pages (or the percent increase, which happens to be the same number). The "
                "question asks how many times.",
            ),
        ),
    )
)
register(
    Exercise(
        "3.7",
        _first_directive_year,
        kind="choice",
        choices=PERIODS,
        hint="Step the widget through 1925, 1926 and 1927 and read the status of each set.",
        mistakes=(
            Mistake(
                _first_dispensation_year,
                "In 1926–1927 the control figures were still not obligatory: the CLD only spared plans that "
                "conformed to them from ratification.",
            ),
        ),
    )
)
register(
    Exercise(
        "3.8",
        lambda: _body_close_to("Narkomfin"),
        kind="choice",
        choices=("Gosplan", "VSNKh", "Osvok"),
        hint="Look at the column close_to of p1c2_planning_bodies.",
        mistakes=(
            Mistake(
                lambda: _body_close_to("leaders of industry"),
                "The chapter links the VSNKh to the leaders of industry, not to the financial organs.",
            ),
            Mistake(
                lambda: _body_close_to("opposition"),
                "Osvok served for a time as a support for the 'united opposition'.",
            ),
        ),
    )
)


# ---- the planners' quarrel: geneticist or teleological (Part 3, chapter 4, section II) ----------------------

#: The two conceptions of the plan the book names, in its own words.
CONCEPTIONS = ("geneticist", "teleological")


def conception(period: str) -> str:
    """The conception of the plan a set of control figures fits, by the book's account (Part 3, ch. 4): a plan
    whose targets bind once ratified ('directive') is teleological; a forecast without binding power, which
    harmonizes the economy's 'spontaneous tendencies', is geneticist."""
    return CONCEPTIONS[1] if _cf(period, "status") == "directive" else CONCEPTIONS[0]


register(
    Exercise(
        "3.9",
        lambda: conception("1925–1926"),
        kind="choice",
        choices=CONCEPTIONS,
        hint="Read the status of the 1925–1926 control figures: did they bind anyone, or did they forecast?",
        mistakes=(
            Mistake(
                lambda: conception("1927–1928"),
                "That fits the control figures of 1927–1928, which were to be directives. The first set had 'no "
                "binding power' and, the book says, reflected the economy's 'spontaneous tendencies'.",
            ),
        ),
    )
)


# ---- exercise 3.10: the student draws how many planning bodies were at work each year -----------------------


def bodies_by_year(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many planning bodies the chapter shows at work in each year from FIRST_YEAR to LAST_YEAR, and which
    (``table``: the bodies to count, by default ``planning_bodies()``; ``at_work`` decides what counts)."""
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    working = [at_work(year, table) for year in years]
    return pd.DataFrame(
        {"year": years, "bodies": [len(names) for names in working], "which": [", ".join(n) for n in working]}
    )


def _bodies_per_year(table: pd.DataFrame | None = None) -> pd.Series:
    """What exercise 3.10's bars should show (with ``table=bodies()``: a likely mistake, every body counted)."""
    return bodies_by_year(table).set_index("year")["bodies"]


register(
    Exercise(
        "3.10",
        _bodies_per_year,
        kind="figure",
        tolerance=0,
        hint="One bar per year of the table, in its order: the year column along the bottom, the bodies column "
        "as the height.",
        drawing=Drawing(marks="bars", what="years", source=False, counts=True),
        mistakes=(
            Mistake(
                lambda: _bodies_per_year(bodies()),
                "You counted Sovnarkom and the CLD too: they decided, they did not prepare plans. Count the "
                "planning bodies only, as the table does.",
            ),
        ),
    )
)
