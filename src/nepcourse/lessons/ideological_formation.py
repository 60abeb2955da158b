"""Lesson 15, Part 4, chapter 3: the Bolshevik ideological formation and its transformations.

The chapter is an argument about ideas, not a set of statistics: it prints two figures (the working-class share
of the Party that the Thirteenth Congress aimed at, and the share Molotov thought of). So the lesson is taught
with two tables built from the chapter's words: ``p4c3_notions`` (each notion the book analyses, what it says
the notion meant, who held it, when) and ``p4c3_formulas`` (a dated sequence of what the leaders said, in the
book's words). Every chart here draws rows of those tables: lanes of notions over the years, markers of
formulas in time, and the two figures beside the Party census of 1927 (lesson 12's table). Counts and
differences are computed, never stored.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

NOTIONS, FORMULAS, FIGURES = "p4c3_notions", "p4c3_formulas", "p4c3_figures"
CENSUS = "p3c6_party_composition"
#: The census groups (by actual occupation, January 1927) that count as workers.
WORKER_GROUPS = ("workers in industry and transport", "agricultural workers")

#: The book's two verdicts: a colour of the course palette AND a hatching, so that colour never carries
#: the meaning alone.
VERDICT_STYLE = {
    "revolutionary Marxism": ("C2", "", "revolutionary Marxism (the book's standard)"),
    "alien to revolutionary Marxism": ("C3", "//", "alien to revolutionary Marxism (the book's verdict)"),
}
#: One marker and colour per speaker, so that the legend tells them apart by shape as well as colour.
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*", "h", "<", ">")
COLOURS = ("C0", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "#555555", "C0", "C1")


# ---- the tables -------------------------------------------------------------------------------------------


def notions() -> pd.DataFrame:
    """The notions of the ideological formation and their periods (p4c3_notions), in order of time."""
    return load(NOTIONS).sort_values(["from_year", "to_year"], kind="stable").reset_index(drop=True)


def formulas() -> pd.DataFrame:
    """The leaders' formulas the chapter quotes (p4c3_formulas), in order of date."""
    return load(FORMULAS).sort_values("date", kind="stable").reset_index(drop=True)


def figures() -> pd.DataFrame:
    """The chapter's two figures (p4c3_figures)."""
    return load(FIGURES)


def census_workers(table: pd.DataFrame | None = None) -> float:
    """Percent of Party members who were workers by actual occupation in January 1927 (industry and transport,
    and agriculture), from lesson 12's census table (or ``table``, rows of it)."""
    table = load(CENSUS) if table is None else table
    return float(table[table["group"].isin(WORKER_GROUPS)]["value"].sum())


def lanes(table: pd.DataFrame) -> list[str]:
    """The notions' names, each once, in the order in which they first appear in ``table``."""
    return list(dict.fromkeys(table["name"]))


def speakers(table: pd.DataFrame) -> list[str]:
    """The speakers of ``table``, each once, in order of their first formula."""
    return list(dict.fromkeys(table.sort_values("date", kind="stable")["speaker"]))


def notion_names() -> dict[str, str]:
    """Each notion's key → the name p4c3_notions gives it (bogdanovism, which has no row there, as itself)."""
    table = notions()
    names = dict(zip(table["notion"], table["name"]))
    return names | {"bogdanovism": "Bogdanov's prestige"}


# ---- chart 1: the notions, lane by lane, over the years -----------------------------------------------------


def _notions_alt(data) -> str:
    verdicts = data["verdict"].value_counts()
    late = data[data["from_year"] >= 1928]
    return (
        f"{len(data)} periods of {data['notion'].nunique()} notions from {data['from_year'].min()} to "
        f"{data['to_year'].max()}: {listing([f'{verdicts[v]} judged {v}' for v in VERDICT_STYLE if v in verdicts])}. "
        f"{len(late)} periods begin in 1928 or later: {listing(sorted(set(late['name'])))}."
    )


@chart(NOTIONS, units=("year",), data=notions, alt=_notions_alt)
def notions_chart(data=None):
    """Each notion the chapter analyses on a lane (``data``: rows of p4c3_notions), a bar from the first to the
    last year of each period the book gives it, its colour and hatching saying the book's verdict, with the
    book's words for the period beside it."""
    names = lanes(data)
    fig, ax = new_figure(figsize=(11, 0.42 * len(names) + 1.8))
    shown = set()
    for row in data.itertuples():
        colour, hatch, words = VERDICT_STYLE[row.verdict]
        y = names.index(row.name)
        ax.barh(
            y,
            row.to_year + 1 - row.from_year,
            left=row.from_year,
            height=0.6,
            color=colour,
            hatch=hatch,
            edgecolor="#333333",
            alpha=0.75,
            label=None if row.verdict in shown else words,
        )
        shown.add(row.verdict)
        ax.text(row.to_year + 1.15, y, row.when_printed[:48], va="center", fontsize=7)
    ax.set_yticks(range(len(names)), names)
    ax.set_ylim(len(names) - 0.4, -0.8)
    ax.set_xlim(data["from_year"].min() - 0.5, data["to_year"].max() + 8)
    ax.grid(axis="x", color="#dddddd")
    decorate(
        ax,
        title="The notions of the Bolshevik ideological formation, and when the book says they held sway",
        xlabel="Year (the course's reading of the book's words for each period)",
    )
    ax.legend(loc="lower right", fontsize=8)
    add_source(fig, NOTIONS, derived="Years and verdict codes are the course's reading of the chapter's words.")
    return fig


# ---- chart 2 and the widget: the dated formulas ------------------------------------------------------------------


def _style(table: pd.DataFrame) -> dict[str, tuple[str, str]]:
    return {s: (COLOURS[i % len(COLOURS)], MARKERS[i % len(MARKERS)]) for i, s in enumerate(speakers(table))}


def _formulas_alt(data, speaker: str | None = None) -> str:
    if speaker is None:
        counts = data["speaker"].value_counts()
        most = counts.index[0]
        return (
            f"{len(data)} formulas of {data['speaker'].nunique()} speakers on {data['notion'].nunique()} notions, "
            f"{data['date'].min():%B %Y} to {data['date'].max():%B %Y}; {most} gives the most, {counts[most]}."
        )
    rows = data[data["speaker"] == speaker]
    steps = [f"{r.date_printed}: {r.formula}" for r in rows.itertuples()]
    return f"{speaker}, {len(rows)} formulas the chapter quotes: " + "; ".join(steps) + "."


@chart(FORMULAS, NOTIONS, units=("date",), data=formulas, alt=_formulas_alt)
def formulas_chart(data=None, speaker: str | None = None):
    """Each formula (``data``: rows of p4c3_formulas) as a marker on the lane of its notion, at its date, the
    marker's shape and colour saying who spoke; with ``speaker``, the others fade, his formulas are numbered
    and the list under the chart gives each in the course's words."""
    names = notion_names()
    lane_keys = list(dict.fromkeys(data["notion"]))
    style = _style(data)
    chosen = data[data["speaker"] == speaker] if speaker else data.iloc[0:0]
    height = 4.6 + 0.19 * len(chosen)
    fig, ax = new_figure(figsize=(11, height))
    for who, (colour, marker) in style.items():
        rows = data[data["speaker"] == who]
        faded = speaker is not None and who != speaker
        ax.scatter(
            mdates.date2num(rows["date"]),
            [lane_keys.index(n) for n in rows["notion"]],
            color="#bbbbbb" if faded else colour,
            marker=marker,
            s=40 if faded else 80,
            label=None if faded else who,
            zorder=3 if not faded else 2,
        )
    for n, row in enumerate(chosen.itertuples(), start=1):
        x, y = mdates.date2num(row.date), lane_keys.index(row.notion)
        ax.annotate(str(n), (x, y), xytext=(0, 8 + 8 * (n % 2)), textcoords="offset points", ha="center", fontsize=8)
    ax.set_yticks(range(len(lane_keys)), [names.get(k, k) for k in lane_keys])
    ax.set_ylim(len(lane_keys) - 0.5, -1.0)
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", color="#dddddd")
    title = f"{speaker}: {len(chosen)} formulas the chapter quotes" if speaker else "Who said what, when: the formulas"
    decorate(ax, title=title, xlabel="Date (as the chapter dates it)")
    ax.legend(loc="lower left", fontsize=7, ncols=3)
    add_source(
        fig, FORMULAS, NOTIONS, derived="Notion codes are the course's classification of the chapter's formulas."
    )
    if speaker:
        lines = [f"{n}. {r.date_printed}: {r.formula}" for n, r in enumerate(chosen.itertuples(), start=1)]
        share = 0.19 * len(chosen) / height
        fig.get_layout_engine().set(rect=(0, 0.07 + share, 1, 0.93 - share))
        fig.text(0.01, 0.06 + share, "\n".join(lines), ha="left", va="top", fontsize=8, linespacing=1.35)
    return fig


def formulas_widget(data: pd.DataFrame | None = None):
    """Choose a speaker: his formulas stand out, numbered in order of date, and are listed under the chart."""
    import ipywidgets as widgets

    table = formulas() if data is None else data
    in_period = table[table["date"].dt.year <= 1938]
    choice = widgets.Dropdown(options=speakers(in_period), value="Stalin", description="Speaker")
    return live(lambda speaker: formulas_chart(data=in_period, speaker=speaker), speaker=choice)


# ---- chart 3: the two figures, and the census of 1927 -------------------------------------------------------


def _recruitment_alt(data) -> str:
    target = value(data, indicator="working_class_share_target")
    molotov = value(data, indicator="working_class_share_molotov")
    census = census_workers()
    return (
        f"Working-class share of the Party: the Thirteenth Congress's target (May 1924) {num(target)} percent, "
        f"Molotov's thought {num(molotov)} percent; the census of January 1927 counts {num(census)} percent "
        f"workers by occupation, {num(target - census)} points short of the target."
    )


@chart(FIGURES, CENSUS, units=("percent of Party membership",), data=figures, alt=_recruitment_alt)
def recruitment_chart(data=None):
    """The two figures of the chapter (``data``: rows of p4c3_figures) beside what the Party census of January
    1927 found (workers by actual occupation, lesson 12's table), with the target as a line."""
    fig, ax = new_figure(figsize=(8, 4.4))
    target = value(data, indicator="working_class_share_target")
    molotov = value(data, indicator="working_class_share_molotov")
    census = census_workers()
    labels = [
        "Thirteenth Congress's\ntarget (May 1924)",
        "Molotov's thought\n(May 1924)",
        "Census, January 1927\n(workers by occupation)",
    ]
    ax.bar(labels, [target, molotov, census], color=["C0", "C1", "#999999"], hatch=["", "..", "//"])
    for i, v in enumerate([target, molotov, census]):
        ax.text(i, v + 1.5, f"{v:g}%", ha="center", va="bottom")
    ax.axhline(target, color="C0", linestyle="--", linewidth=1)
    decorate(
        ax,
        title="A working-class Party? Aims of 1924 and the census of 1927",
        xlabel="Figure, and when",
        ylabel="Percent of Party membership",
        ylim=(0, 100),
    )
    add_source(fig, FIGURES, CENSUS, derived="The census share (two groups added) is computed by the course.")
    return fig


# ---- exercises of lesson 15 ---------------------------------------------------------------------------------


def _count(speaker: str = "Stalin", table: pd.DataFrame | None = None) -> int:
    table = formulas() if table is None else table
    return int((table["speaker"] == speaker).sum())


register(
    Exercise(
        "15.1",
        _count,
        kind="count",
        tolerance=0,
        unit="formulas",
        hint="Keep the rows of p4c3_formulas whose speaker is 'Stalin' and count them with len().",
        mistakes=(
            Mistake(lambda: len(formulas()), "That is every formula in the table. Keep Stalin's rows only."),
            Mistake(
                lambda: _count(table=formulas()[formulas()["date"].dt.year <= 1930]),
                "You left out the formulas after 1930: the question asks for all of Stalin's rows.",
            ),
        ),
    )
)


def stalins_main_notion(table: pd.DataFrame | None = None) -> str:
    """The notion most of Stalin's formulas illustrate (its key)."""
    table = formulas() if table is None else table
    return table[table["speaker"] == "Stalin"]["notion"].value_counts().index[0]


register(
    Exercise(
        "15.2",
        stalins_main_notion,
        kind="choice",
        choices=("productive_forces", "party_state", "distrust_of_peasants", "revolution_from_above"),
        hint="Keep Stalin's rows, then value_counts() on the notion column: the first line is the largest.",
        mistakes=(
            Mistake(
                lambda: "productive_forces" if stalins_main_notion() != "productive_forces" else "party_state",
                "That notion has fewer of Stalin's formulas. Count again with value_counts() on his rows only.",
            ),
        ),
    )
)


def first_speaker(notion: str = "party_state") -> str:
    """Who gives the earliest formula the chapter quotes on ``notion``."""
    rows = formulas()[formulas()["notion"] == notion]
    return rows.sort_values("date")["speaker"].iloc[0]


register(
    Exercise(
        "15.3",
        first_speaker,
        kind="choice",
        choices=("Lenin", "Zinoviev", "Stalin", "Trotsky"),
        hint="Keep the rows whose notion is 'party_state', sort them by date and read the first speaker.",
        mistakes=(
            Mistake(
                lambda: formulas()[formulas()["notion"] == "party_state"].sort_values("date")["speaker"].iloc[-1],
                "That is the last speaker: sort_values puts the earliest date first.",
            ),
        ),
    )
)


def late_alien_periods(year: int = 1928) -> int:
    """How many periods of p4c3_notions the book judges alien to revolutionary Marxism begin in ``year`` or later."""
    table = notions()
    return int(((table["verdict"] == "alien to revolutionary Marxism") & (table["from_year"] >= year)).sum())


register(
    Exercise(
        "15.4",
        late_alien_periods,
        kind="count",
        tolerance=0,
        unit="periods",
        hint="Two conditions joined with &: the verdict is 'alien to revolutionary Marxism' and from_year >= 1928.",
        mistakes=(
            Mistake(
                lambda: late_alien_periods(1929),
                "You kept only the periods beginning after 1928 (> instead of >=).",
            ),
            Mistake(
                lambda: int((notions()["verdict"] == "alien to revolutionary Marxism").sum()),
                "You counted every period the book judges alien, whenever it begins. Add the condition on from_year.",
            ),
        ),
    )
)


def _shortfall() -> float:
    return value(figures(), indicator="working_class_share_target") - census_workers()


register(
    Exercise(
        "15.5",
        _shortfall,
        tolerance=0.05,
        unit="percentage points",
        hint="The target minus the census share of workers (industry and transport plus agricultural workers).",
        mistakes=(
            Mistake(
                lambda: (
                    value(figures(), indicator="working_class_share_target")
                    - value(CENSUS, group="workers in industry and transport")
                ),
                "You left out the agricultural workers: the target counts the whole working class.",
            ),
            Mistake(
                lambda: value(figures(), indicator="working_class_share_molotov") - census_workers(),
                "You started from Molotov's 90 percent. The Party's target was the congress's 50 percent.",
            ),
        ),
    )
)


def formulas_per_speaker() -> pd.Series:
    """What exercise 15.6's bars should show: how many formulas each speaker gives, the most first (ties in the
    table's order, as the student's ``load`` gives it)."""
    return load(FORMULAS)["speaker"].value_counts()


def _shares_per_speaker() -> pd.Series:
    """A likely mistake for 15.6: each speaker's share of the formulas in percent, instead of the count."""
    counts = formulas_per_speaker()
    return counts / counts.sum() * 100


register(
    Exercise(
        "15.6",
        formulas_per_speaker,
        kind="figure",
        tolerance=0,
        hint="formulas['speaker'].value_counts() gives one number per speaker; draw them as bars with ax.bar.",
        drawing=Drawing(marks="bars", what="speakers", counts=True),
        mistakes=(
            Mistake(
                _shares_per_speaker, "Your bars are shares in percent. Draw the number of formulas of each speaker."
            ),
        ),
    )
)


def first_year_of(notion: str = "productive_forces") -> str:
    """The year of the earliest formula on ``notion`` (as text, for a choice)."""
    rows = formulas()[formulas()["notion"] == notion]
    return str(int(rows["date"].dt.year.min()))


register(
    Exercise(
        "15.7",
        first_year_of,
        kind="choice",
        choices=("1921", "1923", "1929", "1938"),
        hint="Keep the rows on 'productive_forces' and take the smallest year: .dt.year.min().",
        mistakes=(
            Mistake(
                lambda: "1938",
                "Dialectical and Historical Materialism (1938) is the book's fullest statement of the notion, "
                "not its first formula.",
            ),
        ),
    )
)
