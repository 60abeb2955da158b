"""Lesson 13, Part 4 (opening) and chapter 1: the fight for the worker-peasant alliance, 1923–1927.

The chapter prints no table. Its structure is a sequence of congresses, conferences and plenums, the
positions leaders took at them and what happened to each opposition; its few figures are in the prose
(one vote count, the opposition's size, industrial investment, the budget, the agricultural tax, wages).
So this module reads three tables built from the chapter's words (``p4c1_meetings``, ``p4c1_positions``,
``p4c1_figures``) and draws them; every number a chart shows comes from small functions the tests check
against the CSV files. Derived numbers (a vote's share, an overrun, a ratio) are computed here, never stored.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

MEETINGS, POSITIONS, FIGURES = "p4c1_meetings", "p4c1_positions", "p4c1_figures"

#: The lanes of the meetings chart, top to bottom, and the bodies each holds.
LANES = {
    "Party congress": ("congress",),
    "Party conference": ("conference",),
    "Central Committee\n(plenum or decision)": ("cc_plenum", "cc"),
    "Comintern executive": ("comintern",),
}
#: What happened to the opposition: a colour of the course palette AND a marker shape, so that the legend
#: never tells them apart by colour alone.
OUTCOME_STYLE = {
    "condemned": ("C0", "s", "condemned by resolution"),
    "sanctioned": ("C1", "v", "leaders lost posts"),
    "compromise": ("C2", "D", "compromise, no break"),
    "expelled": ("C3", "X", "expulsion"),
    "none": ("#888888", "o", "no opposition at issue"),
}
#: The sides of p4c1_positions, each a colour and a shape.
SIDE_STYLE = {
    "leadership": ("C0", "o"),
    "opposition": ("C3", "X"),
    "left the opposition": ("C2", "D"),
}
#: The leaders the chapter follows meeting by meeting come first; then the others it gives a part.
LEADERS = ("trotsky", "zinoviev", "kamenev", "stalin", "bukharin")

#: The four stages of industrial investment for 1926–1927 (p4c1_figures), in the order the chapter gives them.
INVESTMENT_STAGES = {
    "industrial_investment_minimum_fifteenth_conference": "Minimum set by the\nFifteenth Conference\n(Nov. 1926)",
    "industrial_investment_vsnkh_plan": "VSNKh plan\n(Dec. 1926)",
    "industrial_investment_allocated": "Allocated",
    "industrial_investment_realized": "Spent",
}
#: The growth rates the chapter sets side by side: money spent against real resources (IV(b)).
GROWTH = {
    "budget_expenditure_growth": "Budget spending\n1926–1927",
    "national_income_growth_constant_prices": "National income\n(constant prices)\n1926–1927",
    "industrial_employment_growth": "Industrial\nemployment\n1927",
    "average_wages_growth": "Average wages\n1927",
}
EXEMPT = "households_exempt_from_agricultural_tax"


# ---- the tables -------------------------------------------------------------------------------


def meetings() -> pd.DataFrame:
    """The dated meetings of the Party's leading bodies (p4c1_meetings), in order of time."""
    return load(MEETINGS).sort_values("date_start").reset_index(drop=True)


def positions() -> pd.DataFrame:
    """What the chapter records each leader doing, meeting by meeting (p4c1_positions), in order of time."""
    return load(POSITIONS).sort_values(["date", "person"], kind="stable").reset_index(drop=True)


def figures() -> pd.DataFrame:
    """The chapter's figures (p4c1_figures)."""
    return load(FIGURES)


def figure(indicator: str, period: str | None = None, table: pd.DataFrame | None = None) -> float:
    """One figure of p4c1_figures (or of ``table``, rows of it); the period may be left out where there is one row."""
    where = {"indicator": indicator} if period is None else {"indicator": indicator, "period": period}
    return value(figures() if table is None else table, **where)


def names() -> dict[str, str]:
    """Each person's key → the name the people table gives."""
    people = load("people")
    return dict(zip(people["person"], people["name"]))


def people_in_order(table: pd.DataFrame) -> list[str]:
    """The persons of ``table``: the five leaders the chapter follows first, then the others by first date."""
    present = list(dict.fromkeys(table.sort_values("date")["person"]))
    return [p for p in LEADERS if p in present] + [p for p in present if p not in LEADERS]


def vote_share(meeting: str, table: pd.DataFrame | None = None) -> float:
    """Percent of the votes cast that went to the resolution, where the chapter prints a count."""
    table = meetings() if table is None else table
    votes_for = value(table, "votes_for", meeting=meeting)
    return votes_for / (votes_for + value(table, "votes_against", meeting=meeting)) * 100


def first_year_in_opposition(person: str, table: pd.DataFrame | None = None) -> int:
    """The year of the first row that puts ``person`` on the opposition's side."""
    table = positions() if table is None else table
    rows = table[(table["person"] == person) & (table["side"] == "opposition")]
    return int(rows["date"].min().year)


def first_year_of(person: str, words: str, table: pd.DataFrame | None = None) -> int:
    """The year of the first row whose action for ``person`` contains ``words``."""
    table = positions() if table is None else table
    rows = table[(table["person"] == person) & table["action"].str.contains(words, regex=False)]
    return int(rows["date"].min().year)


# ---- chart 1: the meetings and what they did to the oppositions ------------------------------------------


def _lane(body: str) -> int:
    return next(i for i, bodies in enumerate(LANES.values()) if body in bodies)


def _meeting_label(row) -> str:
    when = row.date_start.strftime("%b %Y")
    if row.vote == "majority":
        return f"{when}\n{row.votes_for:g} to {row.votes_against:g}"
    return f"{when}\nunanimous" if row.vote == "unanimous" else when


def _meetings_alt(data) -> str:
    counts = data["outcome"].value_counts()
    outcomes = [f"{OUTCOME_STYLE[o][2]} at {counts[o]}" for o in OUTCOME_STYLE if o in counts]
    first, last = data["date_start"].min(), data["date_start"].max()
    votes = [
        f"{r.votes_for:g} to {r.votes_against:g} ({num(vote_share(r.meeting, data))} percent for) "
        f"at the {r.name_printed}"
        for r in data.itertuples()
        if r.vote == "majority"
    ]
    unanimous = int((data["vote"] == "unanimous").sum())
    return (
        f"{len(data)} meetings of the Party's leading bodies from {first:%B %Y} to {last:%B %Y}, on four lanes "
        f"(congresses, conferences, the Central Committee, the Comintern's executive). "
        f"What happened to the opposition: "
        f"{listing(outcomes)}. Vote counts printed: {listing(votes) if votes else 'none'}; "
        f"resolutions called unanimous: {unanimous}."
    )


@chart(MEETINGS, units=("date",), data=meetings, alt=_meetings_alt)
def meetings_chart(data=None):
    """The congresses, conferences and plenums the chapter dates (``data``: rows of p4c1_meetings), one marker
    per meeting on its body's lane, its shape and colour saying what happened to the opposition there, and
    the vote where the chapter gives it."""
    fig, ax = new_figure(figsize=(11, 4.6))
    for outcome, (colour, marker, words) in OUTCOME_STYLE.items():
        rows = data[data["outcome"] == outcome]
        if len(rows):
            ax.scatter(
                mdates.date2num(rows["date_start"]),
                [_lane(b) for b in rows["body"]],
                color=colour,
                marker=marker,
                s=90,
                label=words,
                zorder=3,
            )
    for i, row in enumerate(data.itertuples()):
        ax.annotate(
            _meeting_label(row),
            (mdates.date2num(row.date_start), _lane(row.body)),
            xytext=(0, 9 if i % 2 == 0 else -9),
            textcoords="offset points",
            ha="center",
            va="bottom" if i % 2 == 0 else "top",
            fontsize=7,
        )
    ax.set_yticks(range(len(LANES)), list(LANES))
    ax.set_ylim(len(LANES) + 0.1, -0.6)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlim(mdates.datestr2num("1923-07-01"), mdates.datestr2num("1928-03-01"))
    ax.grid(axis="x", color="#dddddd")
    decorate(
        ax,
        title="The Party's leading bodies, 1923–1927: what each meeting did to the opposition",
        xlabel="Date of the meeting (first day)",
    )
    ax.legend(loc="lower left", fontsize=8, ncols=3)
    add_source(fig, MEETINGS, derived="Outcome codes are the course's summary of the chapter's words.")
    return fig


# ---- chart 2 and the widget: one leader, meeting by meeting ----------------------------------------------


def _positions_alt(data, person: str | None = None) -> str:
    if person is None:
        sides = data["side"].value_counts()
        return (
            f"{len(data)} dated positions of {data['person'].nunique()} people, {data['date'].min():%B %Y} to "
            f"{data['date'].max():%B %Y}: {listing([f'{sides[s]} with the {s}' for s in SIDE_STYLE if s in sides])}."
        ).replace("with the left the opposition", "leaving the opposition")
    rows = data[data["person"] == person]
    name = names().get(person, person)
    steps = [f"{r.date_printed}: {r.action} ({r.side})" for r in rows.itertuples()]
    return f"{name}, {len(rows)} positions the chapter records: " + "; ".join(steps) + "."


@chart(POSITIONS, "people", units=("date",), data=positions, alt=_positions_alt)
def positions_chart(data=None, person: str | None = None):
    """Each person's dated positions on a lane (``data``: rows of p4c1_positions), the marker saying the side;
    with ``person``, that lane stands out, its markers are numbered, and the list below says what each one is."""
    who = people_in_order(data)
    chosen = data[data["person"] == person] if person else data.iloc[0:0]
    height = 4.4 + 0.19 * len(chosen)
    fig, ax = new_figure(figsize=(11, height))
    label = names()
    for side, (colour, marker) in SIDE_STYLE.items():
        rows = data[data["side"] == side]
        faded = person is not None
        ax.scatter(
            mdates.date2num(rows["date"]),
            [who.index(p) for p in rows["person"]],
            color="#bbbbbb" if faded else colour,
            marker=marker,
            s=45 if faded else 70,
            label=side if not faded else None,
            zorder=2,
        )
    shown = set()
    for n, row in enumerate(chosen.itertuples(), start=1):
        colour, marker = SIDE_STYLE[row.side]
        x, y = mdates.date2num(row.date), who.index(row.person)
        ax.scatter(
            [x], [y], color=colour, marker=marker, s=110, zorder=3, label=None if row.side in shown else row.side
        )
        shown.add(row.side)
        ax.annotate(str(n), (x, y), xytext=(0, 8 + 8 * (n % 2)), textcoords="offset points", ha="center", fontsize=8)
    if person:
        ax.axhspan(who.index(person) - 0.4, who.index(person) + 0.4, color="C5", alpha=0.15, zorder=0)
        handles, texts = ax.get_legend_handles_labels()
        unique = dict(zip(texts, handles))
        ax.legend(unique.values(), unique.keys(), loc="lower right", fontsize=8)
    ax.set_yticks(range(len(who)), [label.get(p, p) for p in who])
    ax.set_ylim(len(who) - 0.5, -1.0)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlim(mdates.datestr2num("1923-07-01"), mdates.datestr2num("1928-03-01"))
    ax.grid(axis="x", color="#dddddd")
    title = (
        f"{label.get(person, person)}: {len(chosen)} positions, meeting by meeting"
        if person
        else "Who stood where, 1923–1927: the leadership and the oppositions"
    )
    decorate(ax, title=title, xlabel="Date (as the chapter dates it)", legend=person is None)
    if person is None:
        ax.legend(loc="lower right", fontsize=8)
    add_source(
        fig, POSITIONS, "people", derived="Sides are the course's summary of the chapter's words.", chapters=["4.1"]
    )
    if person:
        lines = [f"{n}. {r.date_printed}: {r.action}  [{r.side}]" for n, r in enumerate(chosen.itertuples(), start=1)]
        share = 0.19 * len(chosen) / height
        fig.get_layout_engine().set(rect=(0, 0.07 + share, 1, 0.93 - share))
        fig.text(0.01, 0.06 + share, "\n".join(lines), ha="left", va="top", fontsize=8, linespacing=1.35)
    return fig


def positions_widget():
    """Choose a leader: the positions the chapter records for them, meeting by meeting, numbered and listed."""
    import ipywidgets as widgets

    who = people_in_order(positions())
    label = names()
    choice = widgets.Dropdown(options=[(label.get(p, p), p) for p in who], value="zinoviev", description="Leader")
    return live(positions_chart, person=choice)


# ---- chart 3: investment, budget, wages ----------------------------------------------------------------


def _economy_alt(data) -> str:
    stages = [f"{num(figure(k, table=data), 0)}" for k in INVESTMENT_STAGES]
    growth = [f"{v.replace(chr(10), ' ').lower()} +{num(figure(k, table=data))}" for k, v in GROWTH.items()]
    low, high = figure(list(INVESTMENT_STAGES)[0], table=data), figure(list(INVESTMENT_STAGES)[-1], table=data)
    return (
        f"Left: industrial investment for 1926–1927 at four stages, {' → '.join(stages)} million roubles: "
        f"the sum spent was {num((high / low - 1) * 100)} percent above the Fifteenth Conference's minimum. "
        f"Right: growth in percent over the previous year, {listing(growth)}."
    )


def economy_rows() -> pd.DataFrame:
    """The rows of p4c1_figures the economy chart draws: investment stages and growth rates."""
    table = figures()
    return table[table["indicator"].isin([*INVESTMENT_STAGES, *GROWTH])].reset_index(drop=True)


@chart(FIGURES, units=("million roubles", "percent over the previous year"), data=economy_rows, alt=_economy_alt)
def economy_chart(data=None):
    """Industrial investment for 1926–1927 from the conference's minimum to what was spent, and the growth of
    budget spending, national income, employment and wages (``data``: rows of p4c1_figures)."""
    fig, (left, right) = new_figure(ncols=2, figsize=(12, 4.8), gridspec_kw={"width_ratios": [1.1, 1]})
    stages = [figure(k, table=data) for k in INVESTMENT_STAGES]
    left.bar(list(INVESTMENT_STAGES.values()), stages, color=["#999999", "C0", "C0", "C3"])
    for i, v in enumerate(stages):
        above = f"\n(+{(v / stages[0] - 1) * 100:.1f}%)" if i else ""
        left.text(i, v + 15, f"{v:,.0f}{above}", ha="center", va="bottom", fontsize=8)
    decorate(
        left,
        title="Industrial investment, 1926–1927: each step higher",
        xlabel="Stage, as the chapter gives it (percent above the minimum, computed)",
        ylabel="Million roubles",
        ylim=(0, max(stages) * 1.25),
    )
    left.tick_params(axis="x", labelsize=8)
    rates = [figure(k, table=data) for k in GROWTH]
    right.bar(list(GROWTH.values()), rates, color=["C3", "C0", "C1", "C1"], hatch=["//", "", "..", ".."])
    for i, v in enumerate(rates):
        right.text(i, v + 0.8, f"+{v:g}%", ha="center", va="bottom", fontsize=8)
    decorate(
        right,
        title="Money against resources, growth in percent",
        xlabel="Quantity and year",
        ylabel="Percent over the previous year",
        ylim=(0, max(rates) * 1.2),
    )
    right.tick_params(axis="x", labelsize=8)
    add_source(fig, FIGURES, derived="Percent above the minimum computed by the course.")
    return fig


# ---- chart 4: the agricultural tax ------------------------------------------------------------------------


def tax_rows() -> pd.DataFrame:
    """The rows of p4c1_figures on the agricultural tax: exemptions, then arrears."""
    table = figures()
    return table[table["topic"] == "tax"].reset_index(drop=True)


def _tax_alt(data) -> str:
    before, after = figure(EXEMPT, "the previous year", data), figure(EXEMPT, "October 1927", data)
    arrears = figure("agricultural_tax_arrears", table=data)
    return (
        f"Share of peasant households freed from the agricultural tax: {num(before)} percent the year before, "
        f"{num(after)} percent in October 1927 ({num(after - before)} percentage points more). "
        f"Arrears at the beginning of 1928: {num(arrears)} percent of the tax payable in the fiscal year begun in 1927."
    )


@chart(FIGURES, units=("percent of peasant households",), data=tax_rows, alt=_tax_alt)
def tax_chart(data=None):
    """The share of peasant households freed from the agricultural tax, the year before and in October 1927,
    with the arrears of early 1928 written beside (another unit) (``data``: the tax rows of p4c1_figures)."""
    fig, ax = new_figure(figsize=(7.5, 4.4))
    before, after = figure(EXEMPT, "the previous year", data), figure(EXEMPT, "October 1927", data)
    arrears = figure("agricultural_tax_arrears", table=data)
    ax.bar(["The previous year", "October 1927\n(tenth anniversary)"], [before, after], color=["#999999", "C2"])
    for i, v in enumerate([before, after]):
        ax.text(i, v + 1, f"{v:g}%", ha="center", va="bottom")
    ax.text(
        0.98,
        0.95,
        f"Arrears, beginning of 1928:\n{arrears:g}% of the tax payable\nin the fiscal year begun in 1927",
        transform=ax.transAxes,
        ha="right",
        va="top",
        fontsize=8,
        bbox={"facecolor": "white", "edgecolor": "#999999"},
    )
    decorate(
        ax,
        title="Freed from the agricultural tax",
        xlabel="When, as printed",
        ylabel="Percent of peasant households",
        ylim=(0, 60),
    )
    add_source(fig, FIGURES)
    return fig


# ---- exercises of lesson 13 --------------------------------------------------------------------------------


def _punished(outcomes=("sanctioned", "expelled")) -> int:
    return int(meetings()["outcome"].isin(outcomes).sum())


register(
    Exercise(
        "13.1",
        _punished,
        kind="count",
        tolerance=0,
        unit="meetings",
        hint="Count the rows of p4c1_meetings whose outcome is 'sanctioned' or 'expelled' (the triangles and crosses).",
        mistakes=(
            Mistake(
                lambda: _punished(("sanctioned",)), "You left out the meetings that expelled or ratified expulsions."
            ),
            Mistake(
                lambda: _punished(("sanctioned", "expelled", "condemned")),
                "You counted the meetings that only condemned the opposition by resolution: no one lost a post there.",
            ),
        ),
    )
)
register(
    Exercise(
        "13.2",
        lambda: vote_share("congress_14"),
        tolerance=0.05,
        unit="percent",
        hint="Votes for ÷ (votes for + votes against) × 100.",
        mistakes=(
            Mistake(
                lambda: 100 - vote_share("congress_14"),
                "That is the opposition's share. The question asks for the share that voted for the resolution.",
            ),
            Mistake(
                lambda: (
                    value(meetings(), "votes_for", meeting="congress_14")
                    / value(meetings(), "votes_against", meeting="congress_14")
                    * 100
                ),
                "You divided by the votes against only. Divide by all the votes cast (for plus against).",
            ),
        ),
    )
)
register(
    Exercise(
        "13.3",
        lambda: str(first_year_in_opposition("zinoviev")),
        kind="choice",
        choices=("1924", "1925", "1926", "1927"),
        hint="Choose Zinoviev in the widget and find the first cross (opposition).",
        mistakes=(
            Mistake(
                lambda: str(first_year_of("zinoviev", "Removed from the PB")),
                "That is the year he lost his seat in the PB. He was in opposition before he was punished for it.",
            ),
        ),
    )
)
register(
    Exercise(
        "13.4",
        lambda: figure("opposition_active_supporters_high") / figure("party_membership") * 100,
        tolerance=0.005,
        unit="percent",
        hint="The higher estimate of active supporters ÷ the membership × 100.",
        mistakes=(
            Mistake(
                lambda: figure("opposition_active_supporters_low") / figure("party_membership") * 100,
                "That uses the lower estimate (four thousand). The question asks for the higher one.",
            ),
            Mistake(
                lambda: figure("opposition_active_supporters_high") / figure("party_membership"),
                "That is a fraction, not a percentage: multiply by 100.",
            ),
        ),
    )
)


def _investment(key: str) -> float:
    return figure(f"industrial_investment_{key}")


register(
    Exercise(
        "13.5",
        lambda: (_investment("realized") / _investment("minimum_fifteenth_conference") - 1) * 100,
        tolerance=0.05,
        unit="percent",
        hint="(spent ÷ the conference's minimum − 1) × 100.",
        mistakes=(
            Mistake(
                lambda: (_investment("realized") / _investment("allocated") - 1) * 100,
                "You compared with the sum allocated. The question asks about the Fifteenth Conference's minimum.",
            ),
            Mistake(
                lambda: _investment("realized") - _investment("minimum_fifteenth_conference"),
                "That is the difference in million roubles. The question asks for percent above the minimum.",
            ),
        ),
    )
)
register(
    Exercise(
        "13.6",
        lambda: figure("budget_expenditure_growth") / figure("national_income_growth_constant_prices"),
        tolerance=0.05,
        unit="times",
        hint="Divide the growth of budget spending by the growth of national income.",
        mistakes=(
            Mistake(
                lambda: figure("budget_expenditure_growth") - figure("national_income_growth_constant_prices"),
                "That is the difference in percentage points. The question asks how many times faster.",
            ),
        ),
    )
)


def investment_table(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Industrial investment for 1926–1927 at each stage, in the chapter's order: one row a stage, its name
    (``stage``) and the sum (``million_roubles``), from p4c1_figures (or ``table``, rows of it)."""
    table = figures() if table is None else table
    return pd.DataFrame(
        {
            "stage": [v.replace("\n", " ") for v in INVESTMENT_STAGES.values()],
            "million_roubles": [figure(k, table=table) for k in INVESTMENT_STAGES],
        }
    )


def investment_stages(table: pd.DataFrame | None = None) -> pd.Series:
    """What exercise 13.7's bars should show: the sums of ``investment_table``, indexed by stage."""
    return investment_table(table).set_index("stage")["million_roubles"]


def _overrun_percent() -> pd.Series:
    """A likely mistake for 13.7: each stage drawn as percent above the minimum instead of in roubles."""
    stages = investment_stages()
    return (stages / stages.iloc[0] - 1) * 100


register(
    Exercise(
        "13.7",
        investment_stages,
        kind="figure",
        tolerance=0.5,
        hint="One bar per stage, in the table's order: the stage names along the bottom, million roubles as height.",
        drawing=Drawing(marks="bars", what="stages"),
        mistakes=(
            Mistake(
                _overrun_percent,
                "You drew the percent above the minimum. Draw the sums themselves, in million roubles.",
            ),
        ),
    )
)
register(
    Exercise(
        "13.8",
        lambda: figure(EXEMPT, "October 1927") - figure(EXEMPT, "the previous year"),
        tolerance=0.05,
        unit="percentage points",
        hint="Subtract the earlier share from the later one.",
        mistakes=(
            Mistake(
                lambda: (figure(EXEMPT, "October 1927") / figure(EXEMPT, "the previous year") - 1) * 100,
                "That is the percent change of the share (40 percent more households). The question asks for "
                "percentage points: the difference between the two shares.",
            ),
        ),
    )
)


def _repeated_by_congress() -> str:
    """Whose formulations the chapter says the Fifteenth Congress repeated 'almost word for word'."""
    table = positions()
    row = table[table["action"].str.contains("repeated his formulations", regex=False)]
    return names()[row["person"].iloc[0]]


register(
    Exercise(
        "13.9",
        _repeated_by_congress,
        kind="choice",
        choices=("Bukharin", "Stalin", "Trotsky", "Zinoviev"),
        hint="Choose each leader in the widget and read what the chapter says of them at the Fifteenth Congress.",
        mistakes=(
            Mistake(
                lambda: "Stalin",
                "Stalin spoke at the Fifteenth Congress of collectivization; the chapter says the resolutions on "
                "'optimum' accumulation repeated another leader's formulations.",
            ),
        ),
    )
)
