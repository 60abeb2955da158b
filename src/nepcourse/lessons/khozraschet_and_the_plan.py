"""Lesson 10, Part 3 chapter 4: khozraschet and the plan. How the state enterprises were tied into the economy:
financial autonomy (khozraschet) from August 1921, the trusts and the sales syndicates, and the plan that from
1926 and decisively from 1928–1929 put profitability in a 'dominated' place.

The chapter has few numbers. The lesson teaches with what it has: the dates of its reorganizations (a table of
phases and the events), its few figures on the trusts and the syndicates, and a comparison, from the book's
words, of the three forms of management it sets side by side. Every span and share is computed here.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

FIGURES = "p3c4_figures"
PHASES = "p3c4_management_phases"
FORMS = "p3c4_forms_of_management"

#: The end of the book's period: the last phase of each lane is drawn up to it (the book gives no end).
PERIOD_END = pd.Timestamp("1930-01-01")
LANES = ("management of enterprises", "khozraschet and the plan")
FORM_WORDS = {
    "war_communism": "War communism",
    "khozraschet": "Khozraschet (beginning of the NEP)",
    "plan": "Khozraschet under the plan (end of the NEP)",
}
ASPECT_WORDS = {
    "production_program": "Production program",
    "selling_and_prices": "Selling and prices",
    "investment": "Investment",
    "criterion": "What decided",
}
#: When each form of management begins, from the phases table: khozraschet with its decree, the plan's form
#: with the obligatory targets 'after 1926'. Before khozraschet, war communism.
FORM_STARTS = {"khozraschet": "khozraschet_1921", "plan": "obligatory_targets_1926"}


# ---- the phases --------------------------------------------------------------------------------------------


def phases(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per phase, with its start and its end (the start of the next phase of its lane, or the end of
    the book's period). Columns: phase, lane, what, begins_printed, start, end, years."""
    table = load(PHASES) if table is None else table
    out = table[["phase", "lane", "what", "begins_printed"]].copy()
    out["start"] = pd.to_datetime(table["begins"])
    out = out.sort_values(["lane", "start"])
    out["end"] = out.groupby("lane")["start"].shift(-1).fillna(PERIOD_END)
    out["years"] = (out["end"] - out["start"]).dt.days / 365.25
    return out.reset_index(drop=True)


def in_force(when: str, data: pd.DataFrame | None = None) -> dict[str, str]:
    """The phase of each lane in force at ``when`` (a date such as '1924-06'); 'not yet begun' before the first."""
    data = phases() if data is None else data
    moment = pd.Timestamp(when)
    found = {}
    for lane in LANES:
        rows = data[(data["lane"] == lane) & (data["start"] <= moment)]
        found[lane] = rows.iloc[-1]["what"] if len(rows) else "not yet begun"
    return found


def form_at(when: str) -> str:
    """The form of management in force at ``when``: war_communism, khozraschet or plan (from the phases table)."""
    table = load(PHASES)
    moment, form = pd.Timestamp(when), "war_communism"
    for name, phase in FORM_STARTS.items():
        if pd.Timestamp(value(table, "begins", phase=phase)) <= moment:
            form = name
    return form


def _phases_alt(data, when: str | None = None) -> str:
    parts = [
        f"{row.what} (printed '{row.begins_printed}', {num(row.years)} years)"
        for row in data.itertuples()
        if row.lane == LANES[0]
    ]
    plan = [f"{row.what} (printed '{row.begins_printed}')" for row in data.itertuples() if row.lane == LANES[1]]
    text = (
        f"Two lanes of bars on a time axis, 1921 to 1930. Management of enterprises: {listing(parts)}. "
        f"Khozraschet and the plan: {listing(plan)}."
    )
    if when:
        now = in_force(when, data)
        text += f" Marked: {when}, {now[LANES[0]]}; {now[LANES[1]]}."
    return text


@chart(PHASES, FORMS, units=("year",), data=phases, alt=_phases_alt)
def phases_chart(data=None, when: str | None = None):
    """The chapter's phases on a time axis, one lane for the management of enterprises and one for khozraschet
    and the plan (``data``: one row per phase with lane, what, start and end, as ``phases()`` gives; ``when``:
    a date to mark, with the form of management then in force written below the lanes)."""
    fig, ax = new_figure(figsize=(10, 5.2))
    styles = [("C0", ""), ("C1", "//"), ("C2", ".."), ("C4", "xx")]
    for y, lane in zip((1, 0), LANES):
        rows = data[data["lane"] == lane]
        for i, ((colour, hatch), row) in enumerate(zip(styles, rows.itertuples())):
            width = row.years
            start = row.start.year + (row.start.day_of_year - 1) / 365.25
            ax.barh(y, width, left=start, height=0.5, color=colour, hatch=hatch, edgecolor="white")
            words = textwrap.fill(f"{row.what} ({row.begins_printed})", 24)
            below = y == 0 and i % 2 == 1
            ax.text(start + 0.05, y - 0.3 if below else y + 0.3, words, fontsize=8, va="top" if below else "bottom")
    ax.set_yticks([1, 0], ["Management\nof enterprises", "Khozraschet\nand the plan"])
    ax.grid(axis="y", visible=False)
    title = "Decentralized, recentralized, decentralized, then planned from above"
    rules = load(FORMS).set_index(["form", "aspect"])["practice"]
    if when:
        moment = pd.Timestamp(when)
        ax.axvline(moment.year + (moment.day_of_year - 1) / 365.25, color="black", linestyle="--", linewidth=2)
        form = form_at(when)
        title = f"{when}: {FORM_WORDS[form]}"
        lines = [f"{ASPECT_WORDS[a]}: {rules[(form, a)]}" for a in ASPECT_WORDS]
    else:
        lines = [f"{FORM_WORDS[f]}: {rules[(f, 'criterion')]}" for f in FORM_WORDS]
    box = {"facecolor": "white", "edgecolor": "none"}
    ax.text(1921.05, -0.85, "\n".join(lines), fontsize=8, va="top", wrap=True, bbox=box)
    decorate(ax, title=title, xlabel="Date (year)", xlim=(1921, 1930), ylim=(-2.1, 1.9))
    add_source(fig, PHASES, FORMS, derived="Each phase is drawn up to the next of its lane (the last to 1930).")
    return fig


def _phase_view(when: str = "1924-06"):
    """The phases chart for the widget: one date marked, the form then in force spelled out."""
    return phases_chart(when=when)


def management_widget():
    """Move through the years: the lanes say which phase was in force, the text what the enterprise did."""
    import ipywidgets as widgets

    dates = [f"{y}-{m:02d}" for y in range(1921, 1930) for m in (1, 7)]
    when = widgets.SelectionSlider(
        options=dates,
        value="1924-07",
        description="Date",
        continuous_update=False,
        style={"description_width": "initial"},
        layout={"width": "620px"},
    )
    return live(_phase_view, when=when)


# ---- the trusts and the syndicates -------------------------------------------------------------------------


def figure(indicator: str, table: pd.DataFrame | None = None) -> float:
    """One figure of p3c4_figures (or of ``table``)."""
    return value(FIGURES if table is None else table, indicator=indicator)


def state_industry_workers(table: pd.DataFrame | None = None) -> float:
    """The workforce of state-owned industry in summer 1923 that the book's figures imply: the trusts' one
    million workers were 75 percent of it."""
    return figure("trust_workers", table) / (figure("trust_workers_share", table) / 100)


def coverage(table: pd.DataFrame | None = None) -> pd.Series:
    """Share of the workers of state-owned industry (percent): in the VSNKh trusts (summer 1923), in all the
    sales syndicates ('nearly'), and in the textile syndicate alone (1924–1925 workers over the 1923 total:
    a rough estimate the course computes)."""
    table = load(FIGURES) if table is None else table
    textile = figure("textile_syndicate_workers", table) / state_industry_workers(table) * 100
    return pd.Series(
        {
            "VSNKh trusts\n(summer 1923)": figure("trust_workers_share", table),
            "All sales syndicates\n('nearly')": figure("syndicates_workers_share", table),
            "Textile syndicate alone\n(course's estimate)": textile,
        },
        dtype=float,
    )


def _coverage_alt(data) -> str:
    parts = [f"{label.replace(chr(10), ' ').lower()} {num(v)}%" for label, v in data.items()]
    return f"Bars: share of the workers of state-owned industry: {listing(parts)}."


@chart(FIGURES, units=("percent",), data=coverage, alt=_coverage_alt)
def coverage_chart(data=None):
    """How much of state industry the trusts and the syndicates held (``data``: percent by grouping, as
    ``coverage()`` gives)."""
    fig, ax = new_figure(figsize=(8, 4.4))
    styles = [("C0", ""), ("C1", "//"), ("#7f7f7f", "..")]
    for i, ((_label, v), (colour, hatch)) in enumerate(zip(data.items(), styles)):
        ax.bar(i, v, color=colour, hatch=hatch, edgecolor="white", width=0.6)
        ax.text(i, v + 2, f"{v:.0f}%", ha="center")
    ax.set_xticks(range(len(data)), list(data.index), fontsize=9)
    ax.grid(axis="x", visible=False)
    decorate(
        ax,
        title="The trusts and the syndicates held most of state industry",
        xlabel="Grouping (and date)",
        ylabel="Workers of state-owned industry (percent)",
        ylim=(0, 100),
    )
    add_source(
        fig,
        FIGURES,
        derived="Textile: 535,000 workers (1924–1925) ÷ the 1923 total implied by 'one million = 75 percent'.",
    )
    return fig


# ---- exercises of lesson 10 ---------------------------------------------------------------------------------


register(
    Exercise(
        "10.1",
        lambda: "khozraschet",
        kind="choice",
        choices=tuple(FORM_WORDS),
        hint="Look at the rows of aspect selling_and_prices: under which form were prices 'determined by contract'?",
        mistakes=(
            Mistake(lambda: "plan", "Under the plan prices were 'planned': the enterprise lost that freedom."),
            Mistake(lambda: "war_communism", "Under war communism products were assigned in advance, not sold."),
        ),
    )
)
register(
    Exercise(
        "10.2",
        lambda: figure("trust_enterprises") / figure("vsnkh_trusts"),
        tolerance=0.05,
        unit="enterprises per trust",
        hint="Enterprises ÷ trusts.",
        mistakes=(
            Mistake(
                lambda: figure("vsnkh_trusts") / figure("trust_enterprises"),
                "That is trusts per enterprise. Divide the enterprises by the trusts.",
            ),
        ),
    )
)
register(
    Exercise(
        "10.3",
        state_industry_workers,
        tolerance=1000,
        unit="workers",
        hint="One million is 75 percent of the whole: the whole is one million ÷ 0.75.",
        mistakes=(
            Mistake(
                lambda: figure("trust_workers") * figure("trust_workers_share") / 100,
                "You took 75 percent of one million. One million already is the 75 percent: divide by 0.75.",
            ),
            Mistake(
                lambda: figure("trust_workers") / figure("trust_workers_share"),
                "You divided by 75, not by 0.75: turn the percentage into a fraction first.",
            ),
        ),
    )
)
register(
    Exercise(
        "10.4",
        lambda: figure("textile_syndicate_capital") * 1_000_000 / figure("textile_syndicate_shares"),
        tolerance=0.5,
        unit="gold roubles",
        hint="The capital is printed in millions: 20 × 1,000,000 roubles ÷ the number of shares.",
        mistakes=(
            Mistake(
                lambda: figure("textile_syndicate_capital") / figure("textile_syndicate_shares"),
                "That is in millions of roubles. Multiply the capital by 1,000,000 first.",
            ),
        ),
    )
)


def textile_share() -> float:
    """The textile syndicate's workers (1924–1925) as a percentage of the 1923 workforce of state industry."""
    return figure("textile_syndicate_workers") / state_industry_workers() * 100


register(
    Exercise(
        "10.5",
        textile_share,
        tolerance=0.05,
        unit="percent",
        hint="535,000 ÷ the workforce you found in 10.3, × 100.",
        mistakes=(
            Mistake(
                lambda: figure("textile_syndicate_workers") / figure("trust_workers") * 100,
                "You divided by the trusts' one million. The whole workforce of state industry was larger (10.3).",
            ),
        ),
    )
)


#: The labels of the bars the student draws in exercise 10.6.
DRAWN_BARS = ["Trusts, 1923", "All syndicates", "Textile syndicate"]


def coverage_bars() -> pd.Series:
    """The three shares of ``coverage()`` under the labels exercise 10.6 asks for."""
    return pd.Series(coverage().to_numpy(), index=DRAWN_BARS, dtype=float)


def _coverage_against_trusts() -> pd.Series:
    """What a student draws who sets the textile workers against the trusts' million, not the whole."""
    wrong = coverage_bars()
    wrong.iloc[2] = figure("textile_syndicate_workers") / figure("trust_workers") * 100
    return wrong


register(
    Exercise(
        "10.6",
        coverage_bars,
        kind="figure",
        tolerance=0.05,
        hint="Three bars in percent: 75, 80, and your answer to 10.5.",
        drawing=Drawing(marks="bars", what="groupings", source=True),
        mistakes=(
            Mistake(
                _coverage_against_trusts,
                "Your textile bar divides by the trusts' one million workers. Divide by the whole workforce (10.3).",
            ),
        ),
    )
)
register(
    Exercise(
        "10.7",
        lambda: "plan",
        kind="choice",
        choices=tuple(FORM_WORDS),
        hint="Which form set targets by political decision rather than by profitability?",
        mistakes=(
            Mistake(
                lambda: "khozraschet",
                "Under khozraschet at the beginning of the NEP profit decided: that is the 'geneticist' world of "
                "harmonizing spontaneous tendencies, not the 'teleological' plan.",
            ),
            Mistake(
                lambda: "war_communism",
                "War communism did dictate targets, but the chapter's 'teleological' conception is the plan of "
                "1926–1929.",
            ),
        ),
    )
)
