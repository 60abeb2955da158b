"""Lesson 14, Part 4, chapter 2: the fight for rapid industrialization and the "great change", 1928–1930.

The chapter prints no table. Its argument runs through three sets of figures in its prose, each kept in a
table built from the book's words: the successive variants of the First Five-Year Plan, dated and named by
the body that drafted them (``p4c2_plan_variants``); the share of peasant households collectivized from
June 1929 to October 1930 (``p4c2_collectivized``); and single figures on procurement, the members of the
collective farms, the targets and the kulak categories (``p4c2_figures``). The defeat of Bukharin, Rykov
and Tomsky is told by the events table and the lesson's timeline. Derived numbers (implied annual growth,
changes, ratios) are computed here, never stored.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

PLAN, COLLECTIVIZED, FIGURES = "p4c2_plan_variants", "p4c2_collectivized", "p4c2_figures"
POSITIONS = "p4c2_positions"

#: The five-year span over which the plan's coefficients multiply output.
PLAN_YEARS = 5
#: Each version of a variant: a colour of the course palette AND a marker, so that colour never carries it alone.
VERSION_STYLE = {"minimum": ("C0", "s"), "optimum": ("C3", "D"), "draft": ("C1", "o")}
#: The chapter's three periods of collectivization, each a colour and a hatch or marker.
PHASE_STYLE = {"voluntary": ("C2", "o"), "pressure": ("C3", "X"), "after the halt": ("C0", "s")}
#: The kinds of collective farm, from the most to the least socialized, and their rows of p4c2_figures.
FARM_KINDS = {
    "Communes": "poor_peasants_share_communes",
    "Artels": "poor_peasants_share_artels",
    "Tozes": "poor_peasants_share_tozes",
}
POPULATION = "poor_peasants_share_rural_population"
DIZZY = pd.Timestamp("1930-03-02")
PRESSURE = (pd.Timestamp("1929-11-01"), DIZZY)
PROCURED = "grain_procured_first_half"


# ---- the tables -------------------------------------------------------------------------------


def plan_variants() -> pd.DataFrame:
    """The plan's variants (p4c2_plan_variants), in order of date."""
    return load(PLAN).sort_values(["date", "variant"], kind="stable").reset_index(drop=True)


def coefficients(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The growth coefficients only: one row per variant, with a label for the chart."""
    table = plan_variants() if table is None else table
    rows = table[table["quantity"] == "growth_coefficient"].copy()
    rows["label"] = rows["body"] + ", " + rows["date_printed"] + " (" + rows["version"] + ")"
    return rows.reset_index(drop=True)


def annual_rate(coefficient: float, years: int = PLAN_YEARS) -> float:
    """The steady yearly growth, in percent, that multiplies output by ``coefficient`` in ``years`` years."""
    return (coefficient ** (1 / years) - 1) * 100


def collectivized() -> pd.DataFrame:
    """The share of households collectivized by date (p4c2_collectivized)."""
    return load(COLLECTIVIZED).sort_values("date").reset_index(drop=True)


def figures() -> pd.DataFrame:
    """The chapter's single figures (p4c2_figures)."""
    return load(FIGURES)


def figure(indicator: str, period: str | None = None, table: pd.DataFrame | None = None) -> float:
    """One figure of p4c2_figures (or of ``table``); the period may be left out where there is one row."""
    where = {"indicator": indicator} if period is None else {"indicator": indicator, "period": period}
    return value(figures() if table is None else table, **where)


def positions(leader: str | None = None, issue: str | None = None) -> pd.DataFrame:
    """The leaders' positions of 1928–1929 (p4c2_positions) in order of date, optionally for one leader or issue."""
    table = load(POSITIONS).sort_values(["date", "leader"], kind="stable").reset_index(drop=True)
    if leader is not None:
        table = table[table["leader"] == leader]
    if issue is not None:
        table = table[table["issue"] == issue]
    return table.reset_index(drop=True)


def plan_value(variant: str) -> float:
    """One figure of p4c2_plan_variants by its variant name."""
    return value(plan_variants(), variant=variant)


def share_on(date: str) -> float:
    """The percent of households collectivized at ``date`` (YYYY-MM-DD)."""
    table = collectivized()
    return float(table.loc[table["date"] == pd.Timestamp(date), "percent_households"].iloc[0])


# ---- chart 1: the plan's coefficient against the date of each draft ----------------------------------


def _plan_alt(data) -> str:
    steps = [
        f"{r.body} {r.date_printed} ({r.version}) {r.value:g}, {num(annual_rate(r.value))} percent a year"
        for r in data.itertuples()
    ]
    return (
        f"{len(data)} variants of the First Five-Year Plan, the coefficient by which each multiplied the output "
        f"of large-scale industry over five years, by the date of the draft: {'; '.join(steps)}."
    )


@chart(PLAN, units=("times",), data=coefficients, alt=_plan_alt)
def plan_chart(data=None):
    """Each variant's coefficient at the date of its draft (``data``: rows of ``coefficients``), its marker
    saying the version, each labelled with the steady annual growth it implies (computed)."""
    fig, ax = new_figure(figsize=(10, 4.8))
    for version, (colour, marker) in VERSION_STYLE.items():
        rows = data[data["version"] == version]
        if len(rows):
            ax.scatter(mdates.date2num(rows["date"]), rows["value"], color=colour, marker=marker, s=90, label=version)
    ax.plot(mdates.date2num(data["date"]), data["value"], color="#999999", linewidth=0.8, zorder=0)
    for r in data.itertuples():
        ax.annotate(
            f"{r.value:g}\n({annual_rate(r.value):.1f}% a year)",
            (mdates.date2num(r.date), r.value),
            xytext=(8, -4),
            textcoords="offset points",
            fontsize=8,
        )
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.set_xlim(mdates.datestr2num("1927-10-01"), mdates.datestr2num("1929-08-01"))
    decorate(
        ax,
        title="The First Five-Year Plan, draft after draft: how many times industry was to grow",
        xlabel="Date of the draft",
        ylabel="Times (output at end ÷ start)",
        ylim=(1, 3.2),
    )
    add_source(fig, PLAN, derived="Annual rates computed by the course: coefficient^(1/5) − 1.")
    return fig


# ---- the widget: one variant, year by year ------------------------------------------------------------


def _path_alt(data, variant: str = "sixteenth_conference_optimum") -> str:
    row = data[data["variant"] == variant].iloc[0]
    rate = annual_rate(row.value)
    path = [num((1 + rate / 100) ** year, 2) for year in range(PLAN_YEARS + 1)]
    return (
        f"The {row.body}'s variant of {row.date_printed} ({row.version}): output multiplied by {row.value:g} in "
        f"five years needs {num(rate)} percent growth every year; the index runs {', '.join(path)}."
    )


@chart(PLAN, units=("index",), data=coefficients, alt=_path_alt)
def path_chart(data=None, variant: str = "sixteenth_conference_optimum"):
    """The year-by-year index of industrial output one variant demanded (bars), at the steady rate that
    reaches its coefficient in five years, with the least ambitious variant's path drawn as a line beside it."""
    row = data[data["variant"] == variant].iloc[0]
    rate = annual_rate(row.value)
    years = list(range(PLAN_YEARS + 1))
    fig, ax = new_figure(figsize=(8.5, 4.6))
    ax.bar(years, [(1 + rate / 100) ** y for y in years], color=VERSION_STYLE.get(row.version, ("C1",))[0])
    lowest = data.loc[data["value"].idxmin()]
    low_rate = annual_rate(lowest.value)
    ax.plot(years, [(1 + low_rate / 100) ** y for y in years], "k--", marker="s", label=f"{lowest.label}")
    decorate(
        ax,
        title=f"{row.label}: {rate:.1f}% growth every year",
        xlabel="Year of the plan (0 = its start)",
        ylabel="Index of large-scale industrial output (start = 1)",
        ylim=(0, 3.2),
    )
    ax.legend(loc="upper left", fontsize=8)
    add_source(fig, PLAN, derived="Steady annual rate computed by the course from the five-year coefficient.")
    return fig


def path_widget():
    """Choose a plan variant: the growth it demanded, year by year, against the least ambitious one."""
    import ipywidgets as widgets

    rows = coefficients()
    choice = widgets.Dropdown(
        options=list(zip(rows["label"], rows["variant"])), value="sixteenth_conference_optimum", description="Variant"
    )
    return live(path_chart, variant=choice)


# ---- chart 2: the share of households collectivized ------------------------------------------------------


def _collectivized_alt(data) -> str:
    points = [f"{r.date_printed} {r.percent_households:g} percent ({r.phase})" for r in data.itertuples()]
    peak = data.loc[data["percent_households"].idxmax()]
    return (
        f"Percent of peasant households collectivized at {len(data)} dates: {listing(points)}. Peak "
        f"{peak.percent_households:g} percent on {peak.date_printed}; Stalin's 'Dizzy with Success' appeared on "
        f"March 2, 1930. Shaded: the period of pressure, November 1929 to early March 1930."
    )


@chart(COLLECTIVIZED, units=("percent of peasant households",), data=collectivized, alt=_collectivized_alt)
def collectivized_chart(data=None):
    """The share of households collectivized at each date the chapter gives (``data``: rows of
    p4c2_collectivized), marker by phase, with the pressure period shaded and the March 1930 article marked."""
    fig, ax = new_figure(figsize=(10, 4.8))
    ax.axvspan(*mdates.date2num(list(PRESSURE)), color="#dddddd", zorder=0, label="pressure (Nov. 1929 – Mar. 1930)")
    ax.plot(mdates.date2num(data["date"]), data["percent_households"], color="#555555", linewidth=1, zorder=1)
    for phase, (colour, marker) in PHASE_STYLE.items():
        rows = data[data["phase"] == phase]
        ax.scatter(
            mdates.date2num(rows["date"]),
            rows["percent_households"],
            color=colour,
            marker=marker,
            s=90,
            label=phase,
            zorder=3,
        )
    for r in data.itertuples():
        ax.annotate(
            f"{r.percent_households:g}%",
            (mdates.date2num(r.date), r.percent_households),
            xytext=(6, 6),
            textcoords="offset points",
            fontsize=8,
        )
    ax.axvline(mdates.date2num(DIZZY), color="C3", linestyle="--", linewidth=1)
    ax.text(mdates.date2num(DIZZY), 40, " 'Dizzy with Success'\n March 2, 1930", fontsize=8, va="top")
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    decorate(
        ax,
        title="Peasant households in collective farms, June 1929 – October 1930",
        xlabel="Date",
        ylabel="Percent of peasant households",
        ylim=(0, 70),
    )
    ax.legend(loc="upper left", fontsize=8)
    add_source(fig, COLLECTIVIZED)
    return fig


# ---- chart 3: who joined the collective farms -------------------------------------------------------------


def members_rows() -> pd.DataFrame:
    """The rows of p4c2_figures on the poor peasants' share, in the order of FARM_KINDS, then the population."""
    table = figures()
    keys = [*FARM_KINDS.values(), POPULATION]
    rows = table[table["indicator"].isin(keys)].set_index("indicator").loc[keys].reset_index()
    return rows


def _members_alt(data) -> str:
    shares = [f"{kind.lower()} {num(figure(k, table=data))} percent" for kind, k in FARM_KINDS.items()]
    return (
        f"Poor peasants' share of the members of collective farms, June–October 1929: {listing(shares)}, "
        f"against {num(figure(POPULATION, table=data))} percent of the rural population (dashed line)."
    )


@chart(FIGURES, units=("percent",), data=members_rows, alt=_members_alt)
def members_chart(data=None):
    """The poor peasants' share among the members of each kind of collective farm (bars) against their share
    of the rural population (a dashed line) (``data``: rows of ``members_rows``)."""
    fig, ax = new_figure(figsize=(8, 4.6))
    shares = [figure(k, table=data) for k in FARM_KINDS.values()]
    ax.bar(list(FARM_KINDS), shares, color="C0", hatch=["xx", "//", ".."])
    for i, v in enumerate(shares):
        ax.text(i, v + 1.5, f"{v:g}%", ha="center", va="bottom")
    population = figure(POPULATION, table=data)
    ax.axhline(population, color="C3", linestyle="--", label=f"share of the rural population ({population:g}%)")
    decorate(
        ax,
        title="Who joined, June–October 1929: poor peasants among the members",
        xlabel="Kind of collective farm (most to least socialized)",
        ylabel="Percent of members who were poor peasants",
        ylim=(0, 100),
    )
    ax.legend(loc="upper right", fontsize=8)
    add_source(fig, FIGURES)
    return fig


# ---- exercises of lesson 14 ---------------------------------------------------------------------------------


register(
    Exercise(
        "14.1",
        lambda: plan_value("sixteenth_conference_optimum"),
        tolerance=0.005,
        unit="times",
        hint="Read the coefficient of the variant the Sixteenth Conference adopted in April 1929.",
        mistakes=(Mistake(lambda: plan_value("gosplan_vsnkh_1928_optimum"), "That is December 1928's variant."),),
    )
)
register(
    Exercise(
        "14.2",
        lambda: annual_rate(plan_value("sixteenth_conference_optimum")),
        tolerance=0.1,
        unit="percent a year",
        hint="(coefficient ** (1 / 5) − 1) × 100: growth compounds, year on year.",
        mistakes=(
            Mistake(
                lambda: (plan_value("sixteenth_conference_optimum") - 1) / PLAN_YEARS * 100,
                "You divided the total growth by five. Growth compounds: each year's rise is on a larger base, "
                "so take the fifth root of the coefficient.",
            ),
        ),
    )
)
register(
    Exercise(
        "14.3",
        lambda: (plan_value("sixteenth_conference_optimum") / plan_value("gosplan_1927_minimum") - 1) * 100,
        tolerance=0.1,
        unit="percent",
        hint="(April 1929's coefficient ÷ the minimum variant of December 1927 − 1) × 100.",
        mistakes=(
            Mistake(
                lambda: (plan_value("sixteenth_conference_optimum") / plan_value("gosplan_1927_optimum") - 1) * 100,
                "You compared with the optimum variant of December 1927. The question asks about the minimum one.",
            ),
        ),
    )
)
register(
    Exercise(
        "14.4",
        lambda: figure(PROCURED, "first half of 1929") / figure(PROCURED, "first half of 1928") * 100,
        tolerance=0.05,
        unit="percent of 1928",
        hint="1929's six months ÷ 1928's × 100.",
        mistakes=(
            Mistake(
                lambda: figure(PROCURED, "first half of 1928") / figure(PROCURED, "first half of 1929") * 100,
                "You divided the wrong way round: 1928 as a percent of 1929.",
            ),
        ),
    )
)


def shares_by_date(table: pd.DataFrame | None = None) -> pd.Series:
    """What exercise 14.5's bars should show: the percent collectivized, indexed by the date as printed."""
    table = collectivized() if table is None else table
    return table.set_index("date_printed")["percent_households"]


def _changes() -> pd.Series:
    """A likely mistake for 14.5: the change since the previous date instead of the share itself."""
    return shares_by_date().diff().fillna(0)


register(
    Exercise(
        "14.5",
        shares_by_date,
        kind="figure",
        tolerance=0.05,
        hint="One bar per date, in order of time: the date as printed along the bottom, the percent as height.",
        drawing=Drawing(marks="bars", what="dates"),
        mistakes=(Mistake(_changes, "You drew the change since the previous date. Draw the shares themselves."),),
    )
)
register(
    Exercise(
        "14.6",
        lambda: share_on("1930-03-01") - share_on("1930-10-01"),
        tolerance=0.05,
        unit="percentage points",
        hint="The share on March 1, 1930 minus the share in October 1930.",
        mistakes=(
            Mistake(
                lambda: (1 - share_on("1930-10-01") / share_on("1930-03-01")) * 100,
                "That is the percent fall of the share. The question asks for percentage points: the difference.",
            ),
        ),
    )
)
register(
    Exercise(
        "14.7",
        lambda: figure(FARM_KINDS["Communes"]) / figure(POPULATION),
        tolerance=0.01,
        unit="times",
        hint="The poor peasants' share of the communes' members ÷ their share of the rural population.",
        mistakes=(
            Mistake(
                lambda: figure(FARM_KINDS["Communes"]) - figure(POPULATION),
                "That is the difference in percentage points. The question asks how many times.",
            ),
        ),
    )
)
register(
    Exercise(
        "14.8",
        lambda: figure("stalin_socialised_sown_area", "1930") / figure("socialised_sown_area", "1933"),
        tolerance=0.005,
        unit="times",
        hint="Stalin's 1930 target for the sown area (November 1929) ÷ the Sixteenth Conference's for 1933.",
        mistakes=(
            Mistake(
                lambda: figure("sovnarkom_collectivized_area", "1930") / figure("socialised_sown_area", "1933"),
                "That uses the Sovnarkom's target of a month later. The question asks about Stalin's article.",
            ),
        ),
    )
)
register(
    Exercise(
        "14.9",
        lambda: positions(issue="extraordinary measures")["leader"].nunique(),
        kind="count",
        tolerance=0,
        unit="leaders",
        hint="Keep the rows whose issue is 'extraordinary measures', then count the different names: .nunique().",
        mistakes=(
            Mistake(
                lambda: len(positions(issue="extraordinary measures")),
                "You counted rows. Some leaders have more than one row (at two dates): count different names.",
            ),
        ),
    )
)
