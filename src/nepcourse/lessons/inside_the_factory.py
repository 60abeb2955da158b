"""Lesson 09, Part 3 chapter 3: inside the state factory. Who gave orders (one-person management, the
production conferences), how work was measured and paid (norms, piece rates), what it cost (accidents), how
far pay spread from the unskilled laborer to the manager, and how plan targets drifted from workshop reality.

Each chart is a function returning its figure; the numbers behind it come from small functions that the tests
check against the CSV files. Every ratio and change is computed here, never stored.

One figure is a reading: the foundry's unskilled wage, printed "16 to 40 roubles", is read as 16.40 (see the
table's corrections). ``READINGS`` lets the widget and an exercise try the printed ends instead.
"""

from __future__ import annotations

import re

import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

LADDER = "p3c3_wage_ladder"
SCALE = "p3c3_wage_differentials"
PIECE = "p3c3_piece_rates"
INTENSITY = "p3c3_intensity"
STEEL = "p3c3_steel_targets"

#: Words for the posts of p3c3_wage_ladder, bottom of the ladder first.
POST_WORDS = {
    "unskilled_laborer": "Unskilled laborer",
    "founder": "Founder (skilled)",
    "head_of_department": "Head of department",
    "manager": "Manager",
    "worker": "Worker",
    "party_member_manager": "Party-member manager (average)",
}
FOUNDRY = ["unskilled_laborer", "founder", "head_of_department", "manager"]
#: The three readings of the printed "16 to 40 roubles": the course's (16.40) and the printed ends.
READINGS = {
    "read": "16.40 (the course's reading)",
    "low": "16 (the printed low end)",
    "high": "40 (the printed high end)",
}
#: The two ends of the March 1926 workers' wage ('often between 13 and 20 roubles') as the base of a ratio.
WORKER_BASES = {"high": "20 roubles (top of the workers' range)", "low": "13 roubles (bottom of the range)"}


# ---- the pay ladder ---------------------------------------------------------------------------------


def printed_ends(table: pd.DataFrame | None = None) -> tuple[float, float]:
    """The two numbers of the printed '16 to 40 roubles' (from the row's printed words, not typed in)."""
    table = load(LADDER) if table is None else table
    words = value(table, "printed", inquiry="moscow_foundry_1924", post="unskilled_laborer")
    low, high = (float(n) for n in re.findall(r"\d+(?:\.\d+)?", words)[:2])
    return low, high


def unskilled_wage(reading: str = "read", table: pd.DataFrame | None = None) -> float:
    """The foundry's unskilled wage (roubles a month) under one reading: 'read' (16.40, stored), or the printed
    ends 'low' (16) and 'high' (40)."""
    table = load(LADDER) if table is None else table
    if reading == "read":
        return value(table, inquiry="moscow_foundry_1924", post="unskilled_laborer")
    low, high = printed_ends(table)
    return {"low": low, "high": high}[reading]


def pay_ladder(reading: str = "read", worker_base: str = "high", table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per post: the foundry of March 1924 (ratio to the unskilled laborer's wage under ``reading``) and
    the inquiry of March 1926 (ratio to the workers' wage at ``worker_base``, the top or bottom of their range).
    Columns: inquiry, post, label, roubles, base, ratio."""
    table = load(LADDER) if table is None else table
    rows = []
    base = unskilled_wage(reading, table)
    for post in FOUNDRY:
        roubles = base if post == "unskilled_laborer" else value(table, inquiry="moscow_foundry_1924", post=post)
        rows.append(("Foundry, March 1924", post, POST_WORDS[post], roubles, base))
    worker = value(table, inquiry="inquiry_march_1926", post="worker", bound=worker_base)
    rows.append(("Inquiry, March 1926", "worker", f"Worker ({num(worker)} roubles)", worker, worker))
    rows.append(
        (
            "Inquiry, March 1926",
            "party_member_manager",
            POST_WORDS["party_member_manager"],
            value(table, inquiry="inquiry_march_1926", post="party_member_manager"),
            worker,
        )
    )
    rows.append(
        (
            "Inquiry, March 1926",
            "manager",
            "Manager (as much as)",
            value(table, inquiry="inquiry_march_1926", post="manager", bound="high"),
            worker,
        )
    )
    out = pd.DataFrame(rows, columns=["inquiry", "post", "label", "roubles", "base"])
    out["ratio"] = out["roubles"] / out["base"]
    return out


def official_scale(table: pd.DataFrame | None = None) -> tuple[float, float]:
    """The scale of about 1924: the highest rate as a multiple of the lowest, in general (5) and at most (8)."""
    table = SCALE if table is None else table
    return (
        value(table, indicator="lowest_to_highest", qualifier="in general"),
        value(table, indicator="lowest_to_highest", qualifier="could even be"),
    )


def beyond_scale(ratio: float) -> str:
    """Where a ratio stands against the official scale: within 1:5, between 1:5 and 1:8, or beyond 1:8."""
    general, extreme = official_scale()
    if ratio <= general:
        return f"within the general 1:{general:g}"
    if ratio <= extreme:
        return f"beyond 1:{general:g}, within the extreme 1:{extreme:g}"
    return f"beyond even the extreme 1:{extreme:g}"


def _ladder_alt(data, highlight: str | None = None) -> str:
    general, extreme = official_scale()
    parts = [
        f"{label.lower()} {num(r, 2)} roubles, {num(x, 2)} times"
        for label, r, x in zip(data["label"], data["roubles"], data["ratio"])
    ]
    text = (
        f"Horizontal bars: monthly pay as a multiple of the lowest pay in each inquiry: {listing(parts)}. "
        f"Dashed line: the official scale's general 1:{num(general)}; dotted line: its extreme 1:{num(extreme)}."
    )
    if highlight:
        row = data[data["label"] == highlight].iloc[0]
        text += f" Marked: {row['label'].lower()}, {num(row['ratio'], 2)} times, {beyond_scale(row['ratio'])}."
    return text


@chart(LADDER, SCALE, units=("times",), data=pay_ladder, alt=_ladder_alt)
def pay_ladder_chart(data=None, highlight: str | None = None):
    """The pay ladder of the foundry (1924) and of the 1926 inquiry, as multiples of the lowest pay, against the
    official scale's 1:5 and 1:8 (``data``: one row per post, columns inquiry, label, roubles and ratio, as
    ``pay_ladder()`` gives; ``highlight``: the label of a post to mark)."""
    general, extreme = official_scale()
    fig, ax = new_figure(figsize=(9.5, 5.2))
    y = list(range(len(data)))[::-1]
    styles = {"Foundry, March 1924": ("C0", ""), "Inquiry, March 1926": ("C1", "//")}
    shown = set()
    for pos, row in zip(y, data.itertuples()):
        colour, hatch = styles[row.inquiry]
        marked = highlight is not None and row.label == highlight
        ax.barh(
            pos,
            row.ratio,
            color=colour,
            hatch=hatch,
            edgecolor="black" if marked else "white",
            linewidth=2.5 if marked else 0.5,
            label=row.inquiry if row.inquiry not in shown else None,
        )
        shown.add(row.inquiry)
        ax.text(
            row.ratio + 0.3,
            pos,
            f"× {row.ratio:.2f}  ({row.roubles:g} roubles)",
            va="center",
            fontsize=9,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
    ax.axvline(general, color="#555555", linestyle="--", label=f"official scale, in general: 1:{general:g}")
    ax.axvline(extreme, color="#555555", linestyle=":", linewidth=2, label=f"official scale, at most: 1:{extreme:g}")
    ax.set_yticks(y, list(data["label"]), fontsize=9)
    ax.grid(axis="y", visible=False)
    title = "From the laborer to the manager: the pay ladder"
    if highlight is not None:
        row = data[data["label"] == highlight].iloc[0]
        title = f"{row['label']}: × {row['ratio']:.2f}, {beyond_scale(row['ratio'])}"
    decorate(
        ax,
        title=title,
        xlabel="Monthly pay as a multiple of the lowest pay in the same inquiry (times)",
        xlim=(0, max(35.0, float(data["ratio"].max()) * 1.3)),
        legend=False,
    )
    ax.legend(loc="upper right", fontsize=8)
    add_source(
        fig,
        LADDER,
        SCALE,
        derived="Ratios computed by the course. Foundry: ÷ the unskilled wage (printed '16 to 40', read 16.40); "
        "1926: ÷ the workers' wage. Bonuses and benefits in kind are left out.",
    )
    return fig


def post_options() -> list[str]:
    """The posts for the widget's slider (their labels), up the ladder of the foundry and then of the 1926
    inquiry; the 1926 workers, the base of their ladder, are left out (their label changes with the base)."""
    ladder = pay_ladder()
    return [label for label, post in zip(ladder["label"], ladder["post"]) if post != "worker"]


def _ladder_view(reading: str = "read", worker_base: str = "high", highlight: str = "Manager"):
    """The ladder chart for the widget: the data recomputed for the chosen readings, one post marked."""
    return pay_ladder_chart(pay_ladder(reading, worker_base), highlight=highlight)


def pay_ladder_widget():
    """Move up the ladder and change the reading of the unskilled wage: the ratio and the scale's verdict follow."""
    import ipywidgets as widgets

    style, layout = {"description_width": "initial"}, {"width": "620px"}
    post = widgets.SelectionSlider(
        options=post_options(),
        value="Manager",
        description="Post",
        continuous_update=False,
        style=style,
        layout=layout,
    )
    reading = widgets.Dropdown(
        options=[(words, key) for key, words in READINGS.items()],
        value="read",
        description="Foundry: unskilled wage read as",
        style=style,
        layout=layout,
    )
    base = widgets.Dropdown(
        options=[(words, key) for key, words in WORKER_BASES.items()],
        value="high",
        description="1926: workers' wage taken as",
        style=style,
        layout=layout,
    )
    return live(_ladder_view, highlight=post, reading=reading, worker_base=base)


# ---- piece rates ---------------------------------------------------------------------------------------


def piece_rate_ranges(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Share of workers on piece rates, one row per year, columns low and high (percent)."""
    table = load(PIECE) if table is None else table
    return table.pivot(index="year", columns="bound", values="value")[["low", "high"]].astype(float)


def _piece_alt(data) -> str:
    parts = [f"{num(lo)} to {num(hi)}% in {year}" for year, lo, hi in zip(data.index, data["low"], data["high"])]
    return f"Range bars: workers paid at piece rates, {listing(parts)}."


@chart(PIECE, units=("percent",), data=piece_rate_ranges, alt=_piece_alt)
def piece_rates_chart(data=None):
    """Workers on piece rates: the printed range of each year as a bar from its low to its high end
    (``data``: one row per year, columns low and high, as ``piece_rate_ranges()`` gives)."""
    fig, ax = new_figure(figsize=(8, 4.2))
    labels = {1925: "1925: large-scale industry\nand mining", 1928: "1928: inquiry in some\nlarge-scale industries"}
    for i, (_year, row) in enumerate(data.iterrows()):
        ax.bar(i, row["high"] - row["low"], bottom=row["low"], color="C0", width=0.5, hatch="//", edgecolor="white")
        ax.text(i, row["high"] + 2, f"{row['low']:g}–{row['high']:g}%", ha="center")
    ax.set_xticks(range(len(data)), [labels.get(int(y), str(y)) for y in data.index])
    ax.grid(axis="x", visible=False)
    decorate(
        ax,
        title="Piece rates spread: from half the workers to most of them",
        xlabel="Year and workers covered",
        ylabel="Workers paid at piece rates (percent)",
        ylim=(0, 100),
    )
    add_source(fig, PIECE, derived="Each bar runs from the low to the high end of the printed range.")
    return fig


# ---- norms and their price: productivity, accidents, earnings ----------------------------------------------


def intensity_value(indicator: str, table: pd.DataFrame | None = None, **where) -> float:
    """One figure of p3c3_intensity (or of ``table``)."""
    return value(INTENSITY if table is None else table, indicator=indicator, **where)


def accident_rise(table: pd.DataFrame | None = None) -> float:
    """The rise of the accident rate in the mines from 1923–1924 to 1924–1925, in percent."""
    before = intensity_value("mine_accidents", table, period="1923–1924")
    after = intensity_value("mine_accidents", table, period="1924–1925")
    return (after / before - 1) * 100


def rises_1924_25(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """What rose in 1924–1925 (percent): productivity per person-day, the accident rate in the mines (computed),
    workers' earnings (a printed range). Columns low and high; a single figure has both equal."""
    table = load(INTENSITY) if table is None else table
    productivity = intensity_value("productivity_per_person_day_increase", table)
    accidents = accident_rise(table)
    rows = {
        "Productivity per person-day": (productivity, productivity),
        "Accident rate in the mines": (accidents, accidents),
        "Workers' earnings": (
            intensity_value("earnings_increase", table, bound="low"),
            intensity_value("earnings_increase", table, bound="high"),
        ),
    }
    return pd.DataFrame(rows, index=["low", "high"]).T.astype(float)


def _intensity_alt(data) -> str:
    parts = [
        f"{what.lower()} {num(lo)}%" if lo == hi else f"{what.lower()} {num(lo)} to {num(hi)}%"
        for what, lo, hi in zip(data.index, data["low"], data["high"])
    ]
    return f"Bars: rises in 1924–1925: {listing(parts)}."


@chart(INTENSITY, units=("percent",), data=rises_1924_25, alt=_intensity_alt)
def intensity_chart(data=None):
    """What the revision of norms brought in 1924–1925: productivity, accidents in the mines and earnings, as
    percent rises (``data``: one row per measure, columns low and high, as ``rises_1924_25()`` gives)."""
    fig, ax = new_figure(figsize=(8.5, 4.2))
    styles = [("C0", ""), ("C3", "xx"), ("C2", "..")]
    for i, ((_what, row), (colour, hatch)) in enumerate(zip(data.iterrows(), styles)):
        ax.barh(i, row["low"], color=colour, hatch=hatch, edgecolor="white")
        if row["high"] > row["low"]:
            ax.barh(i, row["high"] - row["low"], left=row["low"], color=colour, alpha=0.35, hatch=hatch)
        text = f"+{row['low']:.0f}%" if row["high"] == row["low"] else f"+{row['low']:.0f} to +{row['high']:.0f}%"
        ax.text(row["high"] + 1, i, text, va="center")
    ax.set_yticks(range(len(data)), list(data.index))
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    decorate(ax, title="Norms revised from above, 1924–1925", xlabel="Rise in 1924–1925 (percent)", xlim=(0, 60))
    add_source(
        fig,
        INTENSITY,
        derived="Accident rise computed by the course from the rates per 10,000; pale part of the earnings bar: the "
        "printed range.",
    )
    return fig


# ---- targets against outcomes ---------------------------------------------------------------------------


def steel_figures(table: pd.DataFrame | None = None) -> pd.Series:
    """Steel, million metric tons: the original target (text, and note 144), the raised target, 1932's output."""
    table = load(STEEL) if table is None else table
    labels = {
        ("original_plan", "text"): "Original target\n(text)",
        ("original_plan", "note 144"): "Original target\n(note 144)",
        ("raised_target", "text"): "Raised target,\n1929",
        ("actual_production", "note 144"): "Produced\nin 1932",
    }
    series = table.set_index(["figure", "place"])["value"].astype(float)
    return pd.Series([series[k] for k in labels], index=list(labels.values()))


def _steel_alt(data) -> str:
    parts = [f"{label.replace(chr(10), ' ').lower()} {num(v)}" for label, v in data.items()]
    actual, raised = data.iloc[-1], data.iloc[2]
    return (
        f"Bars, million metric tons of steel: {listing(parts)}; 1932 reached {num(actual / raised * 100)}% of "
        "the raised target."
    )


@chart(STEEL, units=("million metric tons",), data=steel_figures, alt=_steel_alt)
def steel_chart(data=None):
    """The 'targets race': steel targets against what was produced (``data``: million metric tons by figure,
    as ``steel_figures()`` gives)."""
    fig, ax = new_figure(figsize=(8, 4.4))
    styles = [("C0", ""), ("C0", ".."), ("C3", "//"), ("#7f7f7f", "")]
    for i, ((_label, v), (colour, hatch)) in enumerate(zip(data.items(), styles)):
        ax.bar(i, v, color=colour, hatch=hatch, edgecolor="white", width=0.6)
        ax.text(i, v + 0.3, f"{v:g}", ha="center")
    ax.set_xticks(range(len(data)), list(data.index), fontsize=9)
    ax.grid(axis="x", visible=False)
    decorate(
        ax,
        title="The steel target 'grew'; production did not",
        xlabel="Target or outcome (First Five-Year Plan)",
        ylabel="Steel (million metric tons)",
        ylim=(0, 20),
    )
    add_source(fig, STEEL)
    return fig


# ---- exercises of lesson 09 -------------------------------------------------------------------------------


def _foundry_ratio(post: str, reading: str = "read") -> float:
    ladder = pay_ladder(reading)
    return float(ladder.loc[(ladder["inquiry"] == "Foundry, March 1924") & (ladder["post"] == post), "ratio"].iloc[0])


def _first_beyond_general() -> str:
    general, _ = official_scale()
    return next(p for p in FOUNDRY if _foundry_ratio(p) > general)


def _ladder_value(post: str, inquiry: str = "inquiry_march_1926", bound: str = "point") -> float:
    return value(LADDER, inquiry=inquiry, post=post, bound=bound)


def _mid(year: int) -> float:
    ranges = piece_rate_ranges()
    return float(ranges.loc[year].mean())


def _wage(indicator: str) -> float:
    return intensity_value(indicator)


def _steel(figure: str, place: str) -> float:
    return value(STEEL, figure=figure, place=place)


register(
    Exercise(
        "9.1",
        _first_beyond_general,
        kind="choice",
        choices=tuple(FOUNDRY),
        hint="Read the foundry's bars from the bottom of the ladder up: which is the first to pass the dashed line?",
        mistakes=(
            Mistake(
                lambda: "head_of_department",
                "The head of department comes close to the dashed line, but stays short of it. Look one post higher.",
            ),
        ),
    )
)
register(
    Exercise(
        "9.2",
        accident_rise,
        tolerance=0.1,
        unit="percent",
        hint="Divide the 1924–1925 rate by the 1923–1924 rate, subtract 1, multiply by 100.",
        mistakes=(
            Mistake(
                lambda: _accident_rate("1924–1925") - _accident_rate("1923–1924"),
                "That is the rise in accidents per 10,000. The question asks for it in percent of the 1923–1924 rate.",
            ),
            Mistake(
                lambda: (_accident_rate("1924–1925") / _accident_rate("1923–1924")) * 100,
                "That is 1924–1925 as a percentage of 1923–1924. Subtract 100 to get the rise.",
            ),
            Mistake(
                lambda: (1 - _accident_rate("1923–1924") / _accident_rate("1924–1925")) * 100,
                "You divided by the 1924–1925 rate. A rise is measured against the starting year, 1923–1924.",
            ),
        ),
    )
)


def _accident_rate(period: str) -> float:
    """The accident rate in the mines in one economic year (per 10,000)."""
    return intensity_value("mine_accidents", period=period)


register(
    Exercise(
        "9.3",
        lambda: _ladder_value("party_member_manager") / _ladder_value("worker", bound="high"),
        tolerance=0.05,
        unit="times",
        hint="187.9 ÷ the top of the workers' range (20 roubles).",
        mistakes=(
            Mistake(
                lambda: _ladder_value("party_member_manager") / _ladder_value("worker", bound="low"),
                "You divided by the bottom of the workers’ range (13). The question asks for the smallest ratio: "
                "divide by the top (20).",
            ),
            Mistake(
                lambda: _ladder_value("manager", bound="high") / _ladder_value("worker", bound="high"),
                "That is the best-paid manager (400 roubles). The question asks about Party-member managers' average.",
            ),
        ),
    )
)
register(
    Exercise(
        "9.4",
        lambda: _mid(1928) - _mid(1925),
        tolerance=0.05,
        unit="percentage points",
        hint="The middle of a range is (low + high) ÷ 2. Subtract 1925's middle from 1928's.",
        mistakes=(
            Mistake(
                lambda: (_mid(1928) / _mid(1925) - 1) * 100,
                "That is the growth in percent of the 1925 share. The question asks for percentage points: subtract.",
            ),
            Mistake(
                lambda: piece_rate_ranges().loc[1928, "high"] - piece_rate_ranges().loc[1925, "high"],
                "You compared the high ends only. Take the middle of each range.",
            ),
        ),
    )
)
register(
    Exercise(
        "9.5",
        lambda: (_wage("average_monthly_wage_actual") / _wage("average_monthly_wage_gosplan_plan") - 1) * 100,
        tolerance=0.05,
        unit="percent",
        hint="Actual ÷ planned, minus 1, times 100.",
        mistakes=(
            Mistake(
                lambda: _wage("average_monthly_wage_actual") - _wage("average_monthly_wage_gosplan_plan"),
                "That is the difference in roubles. The question asks for it in percent of the planned wage.",
            ),
            Mistake(
                lambda: (1 - _wage("average_monthly_wage_gosplan_plan") / _wage("average_monthly_wage_actual")) * 100,
                "You divided by the actual wage. 'Above the plan' is measured against the plan, 48 roubles.",
            ),
        ),
    )
)
register(
    Exercise(
        "9.6",
        lambda: _steel("actual_production", "note 144") / _steel("raised_target", "text") * 100,
        tolerance=0.05,
        unit="percent",
        hint="Steel produced in 1932 ÷ the raised target × 100.",
        mistakes=(
            Mistake(
                lambda: _steel("actual_production", "note 144") / _steel("original_plan", "note 144") * 100,
                "That is the share of the original target (10.4). The question asks about the raised target of 1929.",
            ),
            Mistake(
                lambda: _steel("actual_production", "note 144") / _steel("original_plan", "text") * 100,
                "That is the share of the original target in the text (10). The question asks about the raised target.",
            ),
        ),
    )
)
register(
    Exercise(
        "9.7",
        lambda: _foundry_ratio("founder", "high"),
        tolerance=0.005,
        unit="times",
        hint="The founder's 31.95 roubles ÷ the printed high end, 40 roubles.",
        mistakes=(
            Mistake(
                lambda: _foundry_ratio("founder", "read"),
                "That is the course's reading (16.40). The exercise asks what the other reading implies: divide by 40.",
            ),
            Mistake(
                lambda: _foundry_ratio("founder", "low"),
                "That divides by 16, the printed low end. The exercise asks about the high end, 40.",
            ),
        ),
    )
)


def skill_ratios() -> pd.Series:
    """Skilled pay as a multiple of unskilled pay: 1920 and 1922 (from the printed premiums), 1924 (the first
    category against the second) and the foundry of March 1924 (founder ÷ unskilled laborer). Exercise 9.8:
    the student draws it."""
    table = load(SCALE)
    premium = table[table["indicator"] == "skilled_premium_over_unskilled"].set_index("period")["value"]
    values = {
        "1920": 1 + premium["1920"] / 100,
        "1922": 1 + premium["1922"] / 100,
        "1924": value(table, indicator="first_to_second_category"),
        "Foundry, 1924": _foundry_ratio("founder"),
    }
    return pd.Series(values, dtype=float)


def _premiums_as_printed() -> pd.Series:
    """What a student draws who forgets to turn 'N percent more' into a multiple."""
    wrong = skill_ratios()
    table = load(SCALE)
    premium = table[table["indicator"] == "skilled_premium_over_unskilled"].set_index("period")["value"]
    wrong["1920"], wrong["1922"] = premium["1920"], premium["1922"]
    return wrong


register(
    Exercise(
        "9.8",
        skill_ratios,
        kind="figure",
        tolerance=0.05,
        hint="Four bars, each 'times the unskilled wage': 1 + 4 ÷ 100, 1 + 65 ÷ 100, 2, and 31.95 ÷ 16.40.",
        drawing=Drawing(marks="bars", what="years", source=True),
        mistakes=(
            Mistake(
                _premiums_as_printed,
                "Two of your bars are the printed premiums in percent (4 and 65). Turn each into a multiple first: "
                "'65 percent more' is 1 + 65 ÷ 100 = 1.65 times.",
            ),
        ),
    )
)
register(
    Exercise(
        "9.9",
        lambda: (
            intensity_value("productivity_per_person_day_increase") - intensity_value("earnings_increase", bound="high")
        ),
        tolerance=0.05,
        unit="percentage points",
        hint="The productivity rise minus the highest rise of earnings the book gives (the high end of its range).",
        mistakes=(
            Mistake(
                lambda: (
                    intensity_value("productivity_per_person_day_increase")
                    - intensity_value("earnings_increase", bound="low")
                ),
                "You used the low end of the earnings range (10). The question asks for the smallest gap: use the "
                "high end (30).",
            ),
            Mistake(
                lambda: accident_rise() - intensity_value("earnings_increase", bound="high"),
                "That starts from the accident rise. The question compares productivity with earnings.",
            ),
        ),
    )
)
