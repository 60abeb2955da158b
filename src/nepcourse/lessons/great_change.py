"""Lesson 16, Part 5: the "great change", the explanations the book sets against each other, and the course's close.

Part 5 prints no figures. It weighs four explanations of the "final crisis of the NEP" and of the great change
of the end of 1929, names who held each, and gives its verdict (``p5_explanations``); it ends with a balance
sheet of the change's consequences (``p5_consequences``). The closing seminar judges the book's thesis with
the numbers of the whole course, so this module also reads tables of earlier chapters (grain, the scissors,
industry, collectivization) and puts them side by side in one chart. Which series bears on which explanation
is the course's reading of Part 5's argument (``EVIDENCE``), said as such on the chart; every number drawn
comes from the tables, and derived numbers are computed here, never stored.
"""

from __future__ import annotations

import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

EXPLANATIONS, CONSEQUENCES = "p5_explanations", "p5_consequences"
GRAIN, SCISSORS, INDUSTRY, COLLECTIVIZED = (
    "intro_grain",
    "p2c2_price_ratios",
    "p2c2_industrial_production",
    "p4c2_collectivized",
)
KULAKS = "p2c1_kulak_estimates"

#: The four panels of the course chart: the table, what it shows, the lesson that teaches it, and the axes' labels.
PANELS = {
    "grain": (GRAIN, "Grain: harvest and state procurement", "01", "Agricultural year", "Million metric tons"),
    "scissors": (SCISSORS, "The scissors: farm prices against industry's", "05", "Economic year", "Index (1913 = 100)"),
    "industry": (INDUSTRY, "Industrial production", "05", "Economic year", "Index (1913 = 100)"),
    "collectivized": (
        COLLECTIVIZED,
        "Peasant households collectivized",
        "14",
        "Date (1929–1930)",
        "Percent of peasant households",
    ),
}
#: The series of each panel: its label, marker and line style (never told apart by colour alone).
SERIES = {
    ("grain", "harvest"): ("harvest", "o", "-"),
    ("grain", "procurement"): ("state procurement", "s", "--"),
    ("scissors", "agricultural"): ("all farm produce", "o", "-"),
    ("scissors", "grain_procured"): ("grain procured by the state", "s", "--"),
    ("industry", "industrial_production"): ("industrial production", "D", "-"),
    ("collectivized", "percent_households"): ("households collectivized", "^", "-"),
}
#: The course's reading of Part 5: for each explanation, the series of the course the book's argument turns
#: on, and what the book says they show (its words are in p5_explanations).
EVIDENCE = {
    "economistic": {
        "grain": "The thesis: marketable grain falling. The book: NEP farming still had 'considerable' potential.",
        "industry": "The book's answer: after 1929 farm output fell, yet industry advanced fast.",
    },
    "kulak_threat": {
        "grain": "Agriculture 'marking time', the book says, came from measures that left the NEP line.",
        "scissors": "One such measure: the price of grain procured was cut in 1926–1927 (lesson 05).",
    },
    "middle_peasant_rally": {
        "collectivized": "The share fell fast as soon as administrative pressure eased (March to October 1930).",
    },
    "industrialization_demands": {
        "industry": "Very rapid industrial growth was the aim the new forms of farming served.",
        "scissors": "Produce was to be had at prices that did not cut into industrial investment.",
        "collectivized": "Large kolkhozes and sovkhozes let the state levy a 'tribute' from the peasants.",
    },
}


# ---- the tables ----------------------------------------------------------------------------------


def explanations() -> pd.DataFrame:
    """The explanations of the great change (p5_explanations), one row per explanation and holder."""
    return load(EXPLANATIONS)


def consequences() -> pd.DataFrame:
    """The balance sheet of the great change (p5_consequences)."""
    return load(CONSEQUENCES)


def explanation_names(table: pd.DataFrame | None = None) -> dict[str, str]:
    """Each explanation's key → its name, in the book's order."""
    table = explanations() if table is None else table
    return dict(zip(table["explanation"], table["name"]))


def _start_year(period: str) -> float:
    """The first year of a printed period ('1926–1927' → 1926)."""
    return float(str(period)[:4])


def course_series() -> pd.DataFrame:
    """The course's series set side by side, one row a point: ``panel``, ``series``, ``period`` (as printed),
    ``x`` (its place on the axis: the first year of the period, or the date as a fraction of a year) and
    ``value``. Grain (lesson 01), the scissors and industry (lesson 05), collectivization (lesson 14)."""
    grain = load(GRAIN)
    grain = grain[grain["period_type"] == "agricultural"].assign(panel="grain")
    prices = load(SCISSORS)
    prices = prices[prices["period_type"] == "economic"].assign(panel="scissors")
    industry = load(INDUSTRY).assign(panel="industry", series="industrial_production")
    frames = [frame[["panel", "series", "period", "value"]] for frame in (grain, prices, industry)]
    shares = load(COLLECTIVIZED)
    frames.append(
        pd.DataFrame(
            {
                "panel": "collectivized",
                "series": "percent_households",
                "period": shares["date_printed"],
                "value": shares["percent_households"].astype(float),
            }
        )
    )
    out = pd.concat(frames, ignore_index=True)
    dates = pd.to_datetime(shares["date"])
    fraction = (dates.dt.year + (dates.dt.day_of_year - 1) / 365).tolist()
    out["x"] = [_start_year(p) for p in out["period"][: len(out) - len(shares)]] + fraction
    out["value"] = out["value"].astype(float)
    return out[["panel", "series", "period", "x", "value"]]


def points(data: pd.DataFrame, panel: str, series: str) -> pd.DataFrame:
    """The rows of one series of ``course_series`` (or of rows of it), in order along the axis."""
    return data[(data["panel"] == panel) & (data["series"] == series)].sort_values("x")


def _first_last(data, panel, series) -> tuple[float, float]:
    rows = points(data, panel, series)
    return rows["value"].iloc[0], rows["value"].iloc[-1]


# ---- the course chart and the widget ------------------------------------------------------------------


def _course_alt(data, explanation: str | None = None) -> str:
    parts = []
    for (panel, series), (label, _, _) in SERIES.items():
        rows = points(data, panel, series)
        if len(rows):
            first, last = rows.iloc[0], rows.iloc[-1]
            span = f"({first['period']} to {last['period']})"
            parts.append(f"{label} {num(first['value'])} to {num(last['value'])} {span}")
    peak = points(data, "collectivized", "percent_households")
    peak_text = f", peaking at {num(peak['value'].max())}" if len(peak) else ""
    chosen = ""
    if explanation:
        chosen = f" Marked as the book's evidence for '{explanation}': {listing(list(EVIDENCE[explanation]))}."
    return (
        f"Four panels: {listing(parts)}{peak_text}. Grain in million metric tons, prices and industry as indices "
        f"(1913 = 100), collectivization in percent of peasant households.{chosen}"
    )


def _draw_panel(ax, data, panel: str, highlighted: bool | None) -> None:
    """One panel: its series with their markers and line styles, greyed (and said so) when not highlighted."""
    table, title, lesson, xlabel, ylabel = PANELS[panel]
    for (where, series), (label, marker, style) in SERIES.items():
        rows = points(data, where, series)
        if where != panel or rows.empty:
            continue
        colour = "#aaaaaa" if highlighted is False else None
        ax.plot(rows["x"], rows["value"], marker=marker, linestyle=style, label=label, color=colour)
        if panel != "collectivized":
            ax.set_xticks(rows["x"], [p[:4] + "–" + p[-2:] for p in rows["period"]], fontsize=7)
    if panel == "collectivized":
        ax.set_xticks([1929.5, 1930.0, 1930.5], ["July 1929", "January 1930", "July 1930"], fontsize=7)
    mark = "" if highlighted is None else ("  ▶ the book's evidence" if highlighted else "  (not used)")
    decorate(ax, xlabel=xlabel, ylabel=ylabel, legend=False)
    ax.set_title(f"{title}\n(lesson {lesson}){mark}", fontsize=9)
    if len(ax.lines) > 1:
        ax.legend(fontsize=7, loc="best")


def _chosen_text(rows: pd.DataFrame, used: dict) -> str:
    """Who held the chosen explanation, the book's verdict in its words, and what each marked panel shows."""
    held = "; ".join(f"{h}, {w}" for h, w in zip(rows["holder"], rows["when_printed"]))
    own = rows["verdict"].iloc[0] != "rejected"
    verdict = "The book's conclusion" if own else "The book's verdict: rejected"
    return "\n".join(
        [
            f"Held by: {held}",
            f"{verdict}: “{rows['verdict_words'].iloc[0]}”",
            *[f"{PANELS[p][1]}: {note}" for p, note in used.items()],
        ]
    )


@chart(
    GRAIN,
    SCISSORS,
    INDUSTRY,
    COLLECTIVIZED,
    EXPLANATIONS,
    units=("million metric tons", "index (1913 = 100)", "index (1913 = 100)", "percent of peasant households"),
    data=course_series,
    alt=_course_alt,
)
def course_chart(data=None, explanation: str | None = None):
    """Four of the course's series side by side (``data``: rows of ``course_series``). With ``explanation``
    (a key of p5_explanations), the panels the book's argument about it turns on stand out, marked in their
    titles, and the text below gives who held it, the book's verdict in its words, and what each panel shows."""
    table = explanations()
    fig, axes = new_figure(ncols=2, nrows=2, figsize=(11, 7.6 if explanation else 6.6))
    used = EVIDENCE.get(explanation, {})
    for ax, panel in zip(axes.ravel(), PANELS):
        _draw_panel(ax, data, panel, None if explanation is None else panel in used)
    if explanation is None:
        names = list(explanation_names(table).values())
        fig.suptitle(f"The course's numbers side by side, 1923–1930: {len(names)} explanations to test", fontsize=11)
    else:
        rows = table[table["explanation"] == explanation]
        fig.suptitle(f"Explanation: {rows['name'].iloc[0]}", fontsize=11)
        fig.text(0.01, 0.19, _chosen_text(rows, used), ha="left", va="top", fontsize=8, linespacing=1.4, wrap=True)
    add_source(
        fig,
        GRAIN,
        SCISSORS,
        INDUSTRY,
        COLLECTIVIZED,
        EXPLANATIONS,
        derived="Which series bears on which explanation is the course's reading of Part 5.",
    )
    if explanation:
        fig.get_layout_engine().set(rect=(0, 0.2, 1, 0.8))
    return fig


def explanations_widget():
    """Choose an explanation of the great change: the course's series the book's argument turns on stand out,
    with who held it and the book's verdict."""
    import ipywidgets as widgets

    names = explanation_names()
    choice = widgets.Dropdown(
        options=[(name, key) for key, name in names.items()], value="economistic", description="Explanation"
    )
    return live(course_chart, explanation=choice)


# ---- numbers of the whole course, for the lesson and the exercises ---------------------------------------


def collectivized(date_printed: str) -> float:
    """The percent of peasant households collectivized at a date of p4c2_collectivized."""
    return value(COLLECTIVIZED, "percent_households", date_printed=date_printed)


def grain(series: str, period: str) -> float:
    return value(GRAIN, series=series, period=period)


def industry(period: str) -> float:
    return value(INDUSTRY, period=period)


def collectivized_table() -> pd.DataFrame:
    """What exercise 16.6 draws: the date as printed and the percent of households collectivized."""
    return load(COLLECTIVIZED)[["date_printed", "percent_households"]].reset_index(drop=True)


def collectivized_bars() -> pd.Series:
    """The bars exercise 16.6 expects, indexed by the date as printed."""
    return collectivized_table().set_index("date_printed")["percent_households"].astype(float)


def _rejected_rows(table: pd.DataFrame | None = None) -> int:
    table = explanations() if table is None else table
    return int((table["verdict"] == "rejected").sum())


register(
    Exercise(
        "16.1",
        _rejected_rows,
        kind="count",
        tolerance=0,
        unit="rows",
        hint="Count the rows of p5_explanations whose verdict is 'rejected'.",
        mistakes=(
            Mistake(
                lambda: int(explanations().loc[explanations()["verdict"] == "rejected", "explanation"].nunique()),
                "You counted the explanations. The question asks for the holders: one row each.",
            ),
            Mistake(lambda: len(explanations()), "You counted every row, the book's own explanation included."),
        ),
    )
)


register(
    Exercise(
        "16.2",
        lambda: next(iter(EVIDENCE["middle_peasant_rally"])),
        kind="choice",
        choices=("grain", "scissors", "industry", "collectivized"),
        hint="Choose the middle peasants' 'mass rallying' in the widget: which panel is marked as the book's evidence?",
        mistakes=(
            Mistake(
                lambda: "industry",
                "Industry is the evidence the book sets against the economistic thesis and uses for its own. For the "
                "middle peasants' rally it looks at who stayed in the collective farms.",
            ),
        ),
    )
)
register(
    Exercise(
        "16.3",
        lambda: collectivized("March 1, 1930") - collectivized("October 1930"),
        tolerance=0.05,
        unit="percentage points",
        hint="Subtract the October 1930 share from the March 1, 1930 share.",
        mistakes=(
            Mistake(
                lambda: (1 - collectivized("October 1930") / collectivized("March 1, 1930")) * 100,
                "That is the fall in percent of the March share. The question asks for percentage points.",
            ),
            Mistake(
                lambda: collectivized("October 1930") - collectivized("March 1, 1930"),
                "Right size, wrong sign: the question asks how far the share fell, as a positive number.",
            ),
        ),
    )
)
register(
    Exercise(
        "16.4",
        lambda: (industry("1927–1928") / industry("1925–1926") - 1) * 100,
        tolerance=0.05,
        unit="percent",
        hint="(index for 1927–1928 ÷ index for 1925–1926 − 1) × 100.",
        mistakes=(
            Mistake(
                lambda: industry("1927–1928") - industry("1925–1926"),
                "That is the rise in index points. The question asks for percent of the 1925–1926 level.",
            ),
        ),
    )
)
register(
    Exercise(
        "16.5",
        lambda: grain("procurement", "1927–1928") / grain("harvest", "1927–1928") * 100,
        tolerance=0.05,
        unit="percent",
        hint="State procurement ÷ harvest × 100, both for 1927–1928.",
        mistakes=(
            Mistake(
                lambda: grain("harvest", "1927–1928") / grain("procurement", "1927–1928") * 100,
                "You divided the other way round: procurement is the part, the harvest the whole.",
            ),
            Mistake(
                lambda: grain("procurement", "1926–1927") / grain("harvest", "1926–1927") * 100,
                "That is 1926–1927. The question asks about 1927–1928.",
            ),
        ),
    )
)


def _percent_above() -> pd.Series:
    """A likely mistake for 16.6: each share drawn as percent of the first."""
    bars = collectivized_bars()
    return bars / bars.iloc[0] * 100


register(
    Exercise(
        "16.6",
        collectivized_bars,
        kind="figure",
        tolerance=0.05,
        hint="One bar per date, in the table's order: date_printed along the bottom, percent_households as height.",
        drawing=Drawing(marks="bars", what="dates"),
        mistakes=(Mistake(_percent_above, "You drew each share as percent of the first. Draw the shares themselves."),),
    )
)
register(
    Exercise(
        "16.7",
        lambda: (grain("harvest", "1927–1928") / grain("harvest", "1926–1927") - 1) * 100,
        tolerance=0.05,
        unit="percent",
        hint="(harvest 1927–1928 ÷ harvest 1926–1927 − 1) × 100: a negative number if it fell.",
        mistakes=(
            Mistake(
                lambda: grain("harvest", "1927–1928") - grain("harvest", "1926–1927"),
                "That is the change in million metric tons. The question asks for percent.",
            ),
            Mistake(
                lambda: (1 - grain("harvest", "1927–1928") / grain("harvest", "1926–1927")) * 100,
                "Right size, wrong sign: a fall is a negative percent change.",
            ),
        ),
    )
)


def largest_kulak_share() -> str:
    """The estimate of p2c1_kulak_estimates that gives the rich peasants the largest share, of any measure."""
    table = load(KULAKS)
    rich = table[table["group"] == "rich"]
    return str(rich.loc[rich["share"].idxmax(), "estimate"])


register(
    Exercise(
        "16.8",
        largest_kulak_share,
        kind="choice",
        choices=("strumilin_csb_1926_27", "kamenev_1925", "grosskopf_1925", "note17_mid_1920s", "stalin_1926_27"),
        hint="Keep the rows whose group is 'rich' and find the largest share.",
        mistakes=(
            Mistake(
                lambda: "stalin_1926_27",
                "Stalin's figure (20 percent of marketed grain) is one the book uses against the kulak threat; "
                "look for a larger share, of another measure.",
            ),
        ),
    )
)
