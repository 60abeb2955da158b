"""Lesson 06, Part 2 chapter 3: the Party and the soviets in the countryside, the skhod and the mir.

The chapter has few numbers: how many Communists there were in the villages and how many of them were
peasants, who was purged in 1929–1930, how many peasants voted for the rural soviets or attended the
skhod, how large the network of rural soviets was, and how much money the skhod and the land
communities had against the soviets. Each chart is a function returning its figure; the numbers behind
it come from small functions that the tests check against the CSV files.

The author's advice to count only "genuine" peasants by halving the Party's rural figures is applied
here, in code (``genuine_share``), never stored as data.
"""

from __future__ import annotations

import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import add_source, chart, decorate, listing, live, new_figure, num

#: The author's adjustment, in his words (Part 2, ch. 3, section I), and the share it implies.
AUTHOR_ADVICE = (
    "We need to reduce the numbers quoted by about one-half if we are to form an estimate of the "
    "Party’s implantation among the peasantry"
)
AUTHOR_GENUINE_SHARE = 50.0  # percent of rural-cell members counted as genuine peasants ("about one-half")
CONGRESSES = ["Thirteenth Congress", "Fourteenth Congress"]
CELL_TYPES = ["rural", "nonproductive", "factory"]
CELL_LABELS = {"rural": "Rural cells", "nonproductive": "“Nonproductive” cells", "factory": "Factory cells"}


# ---- the Party in the villages ----------------------------------------------------------------

PARTY = "p2c3_party_implantation"


def party_figure(indicator: str, period: str | None = None, table: pd.DataFrame | None = None) -> float:
    """One figure of ``p2c3_party_implantation`` (or of ``table``, rows of it); the period may be left out
    where there is one row."""
    where = {"indicator": indicator} if period is None else {"indicator": indicator, "period": period}
    return value(PARTY if table is None else table, **where)


def adjusted_implantation(
    genuine_share: float = AUTHOR_GENUINE_SHARE, table: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Communists in village cells as a percent of the adult rural population, as printed and counting
    only the ``genuine_share`` percent of them who were really peasants (the author says about 50);
    from ``table`` (rows of ``p2c3_party_implantation``) when given."""
    table = load(PARTY) if table is None else table
    rows = table[table["indicator"] == "communists_share_of_adult_rural_population"].set_index("period").loc[CONGRESSES]
    out = pd.DataFrame({"year": rows["year"].astype(int), "printed": rows["value"]})
    out["genuine_peasants"] = out["printed"] * genuine_share / 100
    out["per_10000_adults"] = out["genuine_peasants"] * 100
    return out


def rural_members(genuine_share: float = AUTHOR_GENUINE_SHARE, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Members of the Party's rural cells in 1928 and 1929, and how many were genuine peasants at ``genuine_share``;
    from ``table`` (rows of ``p2c3_party_implantation``) when given."""
    table = load(PARTY) if table is None else table
    rows = table[table["indicator"] == "rural_cell_members"].set_index("period")
    out = pd.DataFrame({"members": rows["value"]})
    out["genuine_peasants"] = out["members"] * genuine_share / 100
    return out


def rural_growth_percent() -> float:
    """Percent growth of the membership of rural cells from 1928 to 1929."""
    members = rural_members()["members"]
    return float((members["1929"] / members["1928"] - 1) * 100)


def genuine_share_of_peasantry(
    year: str = "1929", genuine_share: float = AUTHOR_GENUINE_SHARE, table: pd.DataFrame | None = None
) -> float:
    """Genuine peasants in the rural cells as a percent of the peasantry (from ``table``, rows of
    ``p2c3_party_implantation``, when given).

    The peasantry is taken as the book's 'more than 80 percent' of the 147 million people of the 1926
    census (Introduction): both are the book's figures, but they come from different years and the 80 is
    a lower bound, so the result is an upper bound of the same order as the author's 'about 0.1 percent'.
    """
    population = value("intro_recovery", indicator="population", measure="level")
    peasantry = population * 1_000_000 * party_figure("peasantry_share_of_population", table=table) / 100
    return float(rural_members(genuine_share, table).loc[year, "genuine_peasants"] / peasantry * 100)


def _implantation_alt(data, genuine_share: float | None = None) -> str:
    share = AUTHOR_GENUINE_SHARE if genuine_share is None else float(genuine_share)
    rates, members = adjusted_implantation(share, data), rural_members(share, data)
    congresses = [
        f"{num(p, 2)}% printed, {num(g, 3)}% genuine peasants at the {c} ({y})"
        for c, y, p, g in zip(rates.index, rates["year"], rates["printed"], rates["genuine_peasants"])
    ]
    counts = [f"{num(m / 1000, 0)} thousand ({num(g / 1000, 0)} genuine) in {y}" for y, m, g in members.itertuples()]
    return (
        f"Left bars, Communists among adult villagers, counting {num(share, 0)}% of them as genuine peasants: "
        f"{listing(congresses)}. Right bars, members of rural cells: {listing(counts)}."
    )


@chart(
    PARTY,
    "intro_recovery",
    units=("percent of the adult rural population", "Party members"),
    data=lambda: load(PARTY),
    alt=_implantation_alt,
)
def implantation_chart(data=None, genuine_share: float | None = None):
    """The Party in the villages, as printed and counting only the members who were really peasants
    (``data``: rows of the table p2c3_party_implantation)."""
    share = AUTHOR_GENUINE_SHARE if genuine_share is None else float(genuine_share)
    rates, members = adjusted_implantation(share, data), rural_members(share, data)
    fig, (left, right) = new_figure(ncols=2, figsize=(10, 4.8))
    x = range(len(rates))
    left.bar([i - 0.2 for i in x], rates["printed"], width=0.4, color="#bbbbbb", label="all members of village cells")
    left.bar(
        [i + 0.2 for i in x],
        rates["genuine_peasants"],
        width=0.4,
        color="C0",
        hatch="//",
        label=f"genuine peasants ({share:g}% of them)",
    )
    for i, height in zip(x, rates["genuine_peasants"]):
        left.text(i + 0.2, height + 0.01, f"{height:.3f}%\n= {height * 100:.1f} per 10,000", ha="center", fontsize=8)
    left.set_xticks(list(x), [f"{c}\n({y})" for c, y in zip(rates.index, rates["year"])])
    decorate(
        left,
        title="Communists among adult villagers",
        xlabel="Party congress (year)",
        ylabel="Percent of the adult rural population",
        ylim=(0, 0.5),
    )
    left.legend(loc="upper left", fontsize=8)
    x = range(len(members))
    right.bar(
        [i - 0.2 for i in x], members["members"] / 1000, width=0.4, color="#bbbbbb", label="members of rural cells"
    )
    right.bar(
        [i + 0.2 for i in x],
        members["genuine_peasants"] / 1000,
        width=0.4,
        color="C0",
        hatch="//",
        label=f"genuine peasants ({share:g}% of them)",
    )
    for i, height in zip(x, members["genuine_peasants"] / 1000):
        right.text(i + 0.2, height + 4, f"{height:.0f}", ha="center", fontsize=9)
    right.set_xticks(list(x), list(members.index))
    decorate(right, title="Members of rural cells", xlabel="Year", ylabel="Thousand Party members", ylim=(0, 300))
    right.legend(loc="upper left", fontsize=8)
    right.text(
        0.98,
        0.78,
        f"1929: genuine peasants = {genuine_share_of_peasantry('1929', share, data):.3f}%\n"
        "of the peasantry (author: 'about 0.1')",
        transform=right.transAxes,
        ha="right",
        fontsize=8,
    )
    add_source(
        fig,
        PARTY,
        "intro_recovery",
        derived=f"Genuine peasants computed by the course: printed figure × {share:g}% "
        "(the author advises reducing the figures 'by about one-half'); peasantry = 80% of the "
        "147 million people of 1926 (Introduction).",
    )
    return fig


def implantation_widget():
    """A slider for the share of rural-cell members who really were peasants; both panels follow it."""
    import ipywidgets as widgets

    slider = widgets.IntSlider(
        value=int(AUTHOR_GENUINE_SHARE),
        min=0,
        max=100,
        step=5,
        continuous_update=False,
        description="Genuine peasants among rural-cell members (%)",
        style={"description_width": "initial"},
        layout={"width": "600px"},
    )
    return live(implantation_chart, genuine_share=slider)


# ---- who was in the Party, and who was purged ------------------------------------------------------


def asset_shares(table: pd.DataFrame | None = None) -> pd.Series:
    """Percent holding assets over 800 roubles (RSFSR, 1929): rural Communists and all peasants (100 ÷ N);
    from ``table`` (rows of ``p2c3_assets_inquiry_1929``) when given."""
    table = (load("p2c3_assets_inquiry_1929") if table is None else table).set_index("group")
    return (100 / table["value"]).rename("percent holding assets over 800 roubles")


def representation(party: pd.DataFrame | None = None, assets: pd.DataFrame | None = None) -> pd.DataFrame:
    """The shares the representation chart draws, one row each (``panel``, ``group``, ``share`` in percent):
    genuine peasants' share of the Party and the peasantry's share of the population (1927), and the
    share of rural Communists and of all peasants holding assets over 800 roubles (RSFSR, 1929)."""
    shares = asset_shares(assets)
    return pd.DataFrame(
        [
            {
                "panel": "party",
                "group": "Party members",
                "share": party_figure("peasants_share_of_party_membership", table=party),
            },
            {
                "panel": "party",
                "group": "Population",
                "share": party_figure("peasantry_share_of_population", table=party),
            },
            {"panel": "assets", "group": "rural_communists", "share": float(shares["rural_communists"])},
            {"panel": "assets", "group": "all_peasants", "share": float(shares["all_peasants"])},
        ]
    )


def _representation_alt(data) -> str:
    party = value(data, "share", panel="party", group="Party members")
    country = value(data, "share", panel="party", group="Population")
    communists = value(data, "share", panel="assets", group="rural_communists")
    peasants = value(data, "share", panel="assets", group="all_peasants")
    return (
        f"Left bars, 1927: genuine peasants were {num(party)}% of Party members but more than {num(country)}% of the "
        f"population. Right bars, RSFSR 1929: {num(communists)}% of rural Communists had assets over 800 roubles, "
        f"against {num(peasants)}% of all peasants."
    )


@chart(PARTY, "p2c3_assets_inquiry_1929", units=("percent", "percent"), data=representation, alt=_representation_alt)
def representation_chart(data=None):
    """Peasants in the Party against peasants in the country (1927), and the well-to-do among rural Communists
    (1929) (``data``: rows with panel, group and share, as ``representation()`` gives)."""
    fig, (left, right) = new_figure(ncols=2, figsize=(10, 4.6))
    party = value(data, "share", panel="party", group="Party members")
    country = value(data, "share", panel="party", group="Population")
    left.bar(["Party members", "Population"], [party, country], color=["C0", "C2"])
    left.text(0, party + 2, f"{party:g}%", ha="center")
    left.text(1, country + 2, f"more than {country:g}%", ha="center")
    left.annotate("", xy=(1, country + 12), xytext=(1, country + 6), arrowprops={"arrowstyle": "->"})
    decorate(left, title="Genuine peasants' share, 1927", xlabel="Whole", ylabel="Percent of the whole", ylim=(0, 100))
    groups = ["rural_communists", "all_peasants"]
    shares = {group: value(data, "share", panel="assets", group=group) for group in groups}
    right.bar(["Rural Communists", "All peasants"], [shares[g] for g in groups], color=["C0", "C2"])
    for i, group in enumerate(groups):
        right.text(i, shares[group] + 0.8, f"{shares[group]:.1f}%\n(one in {100 / shares[group]:.0f})", ha="center")
    decorate(
        right, title="Assets over 800 roubles, RSFSR, 1929", xlabel="Group", ylabel="Percent of the group", ylim=(0, 35)
    )
    add_source(
        fig, PARTY, "p2c3_assets_inquiry_1929", derived="Asset shares computed by the course: 100 ÷ N for 'one in N'."
    )
    return fig


def purge_rates(table: pd.DataFrame | None = None) -> pd.Series:
    """Percent of members expelled in 1929–1930, by kind of cell, in the order rural, nonproductive, factory;
    from ``table`` (rows of ``p2c3_purge_1929_30``) when given."""
    table = load("p2c3_purge_1929_30") if table is None else table
    return table.set_index("cell_type")["value"].loc[CELL_TYPES]


def _purge_alt(data) -> str:
    parts = [f"{CELL_LABELS[c].replace(chr(10), ' ').lower()} {num(v)}%" for c, v in data.items()]
    return f"Bars: members expelled in the purge of 1929–1930, by kind of Party cell: {listing(parts)}."


@chart("p2c3_purge_1929_30", units=("percent",), data=purge_rates, alt=_purge_alt)
def purge_chart(data=None):
    """Members expelled in the purge of 1929–1930, by kind of cell
    (``data``: percent expelled by kind of cell, as ``purge_rates()`` gives)."""
    rates = data
    fig, ax = new_figure(figsize=(7, 4))
    ax.bar([CELL_LABELS[c] for c in rates.index], rates.values, color=["C3", "C1", "C0"])
    for i, rate in enumerate(rates.values):
        ax.text(i, rate + 0.4, f"{rate:g}%", ha="center")
    decorate(
        ax,
        title="The purge of 1929–1930",
        xlabel="Kind of Party cell",
        ylabel="Percent of members expelled",
        ylim=(0, 20),
    )
    add_source(fig, "p2c3_purge_1929_30")
    return fig


# ---- soviet and skhod ----------------------------------------------------------------------------


def participation() -> pd.DataFrame:
    """The participation table as loaded (turnout in soviet elections; attendance at the skhod)."""
    return load("p2c3_participation")


def _participation_alt(data) -> str:
    votes = data[data["body"] == "soviet_elections"]
    exact = votes[votes["qualifier"] != "more than"]
    late = votes[votes["qualifier"] == "more than"].iloc[0]
    skhod = data[data["body"] == "skhod"]
    turnout = listing(f"{num(v)}% in {y}" for y, v in zip(exact["year_from"], exact["value"]))
    low, high = num(skhod["value"].min()), num(skhod["value"].max())
    return (
        f"Line: turnout in rural soviet elections was {turnout}, then more than {num(late.value)}% ({late.period}). "
        f"Bar: only {low}–{high}% attended the skhod in {int(skhod['year_from'].iloc[0])}."
    )


@chart("p2c3_participation", units=("percent",), data=participation, alt=_participation_alt)
def participation_chart(data=None):
    """Peasants voting in rural soviet elections (1923 to the late 1920s) and attending the skhod (1927)
    (``data``: rows of the table p2c3_participation, as ``participation()`` gives)."""
    table = data
    votes = table[table["body"] == "soviet_elections"]
    fig, ax = new_figure(figsize=(8.5, 4.8))
    exact = votes[votes["qualifier"] != "more than"]
    ax.plot(exact["year_from"], exact["value"], marker="o", color="C0", label="voted in rural soviet elections")
    for row in exact.itertuples():
        ax.annotate(
            f"{row.value:g}%", (row.year_from, row.value), textcoords="offset points", xytext=(0, 8), ha="center"
        )
    late = {
        column: value(votes, column, qualifier="more than") for column in ("value", "year_from", "year_to", "period")
    }
    ax.hlines(
        late["value"],
        late["year_from"],
        late["year_to"],
        color="C0",
        linewidth=3,
        label=f"more than {late['value']:g}% ({late['period']})",
    )
    for year in range(int(late["year_from"]), int(late["year_to"]) + 1):
        ax.annotate(
            "",
            xy=(year, late["value"] + 8),
            xytext=(year, late["value"]),
            arrowprops={"arrowstyle": "->", "color": "C0"},
        )
    low, high = (value(table, body="skhod", bound=bound) for bound in ("low", "high"))
    year = value(table, "year_from", body="skhod", bound="low")
    ax.vlines(year, low, high, color="C3", linewidth=8, label="attended the skhod (between the two ends)")
    ax.text(year + 0.15, (low + high) / 2, f"{low:g}–{high:g}%", va="center", color="C3")
    decorate(
        ax,
        title="How many peasants took part",
        xlabel="Year",
        ylabel="Percent of those entitled to take part",
        ylim=(0, 70),
        xlim=(1922.5, 1929.5),
    )
    ax.legend(loc="upper left", fontsize=8)
    add_source(
        fig,
        "p2c3_participation",
        derived="Arrows: the book gives only a lower bound. Voting once and attending an assembly are different acts.",
    )
    return fig


def village_revenues() -> pd.Series:
    """Revenue of the traditional organizations (a range) and the village soviets' funds, million roubles a year."""
    return load("p2c3_village_revenues").set_index(["body", "bound"])["value"]


def revenue_ratio(bound: str = "low", table: pd.DataFrame | None = None) -> float:
    """How many times the village soviets' funds the traditional organizations had (low or high end of their
    range); from ``table`` (rows of ``p2c3_village_revenues``) when given."""
    table = "p2c3_village_revenues" if table is None else table
    return value(table, body="traditional_organizations", bound=bound) / value(
        table, body="village_soviets", bound="point"
    )


def _revenues_alt(data) -> str:
    low, high = (value(data, body="traditional_organizations", bound=bound) for bound in ("low", "high"))
    soviets = value(data, body="village_soviets", bound="point")
    return (
        f"Bars, million roubles a year: the skhod, land communities and other traditional bodies had {num(low)} to "
        f"{num(high)}, the village soviets {num(soviets)}: {num(revenue_ratio('low', data))} to "
        f"{num(revenue_ratio('high', data), 2)} times as much."
    )


@chart(
    "p2c3_village_revenues",
    units=("million roubles a year",),
    data=lambda: load("p2c3_village_revenues"),
    alt=_revenues_alt,
)
def revenues_chart(data=None):
    """'Dual power' in money: the skhod and land communities against the village soviets
    (``data``: rows of the table p2c3_village_revenues)."""
    low, high = (value(data, body="traditional_organizations", bound=bound) for bound in ("low", "high"))
    soviets = value(data, body="village_soviets", bound="point")
    fig, ax = new_figure(figsize=(8.5, 3.6))
    labels = ["Village soviets", "Skhod, land communities\nand other traditional bodies"]
    # one colour for both bodies (the axis names them); the legend's keys differ by hatching, not colour
    ax.barh(labels, [soviets, low], color="C0", label="printed figure (lower end for the range)")
    ax.barh(labels[1], high - low, left=low, color="C0", alpha=0.35, hatch="//", label="upper end of the printed range")
    ax.text(soviets + 1.5, 0, f"{soviets:g}", va="center")
    ax.text(
        high + 1.5,
        1,
        f"{low:g}–{high:g}  (× {revenue_ratio('low', data):.1f} to × {revenue_ratio('high', data):.2f})",
        va="center",
    )
    ax.grid(axis="y", visible=False)
    decorate(ax, title="Money in the village (reported December 1927)", xlabel="Million roubles a year", xlim=(0, 175))
    ax.legend(loc="lower right", fontsize=8)
    add_source(
        fig, "p2c3_village_revenues", derived="Ratios computed by the course: revenue ÷ the soviets' 16 million."
    )
    return fig


def soviet_network(table: pd.DataFrame | None = None) -> dict[str, float]:
    """The scale of the rural soviets at the beginning of 1929, computed from the per-soviet averages
    (from ``table``, rows of ``p2c3_rural_soviets_1929``, when given).

    Villages and deputies multiply the number of soviets by the averages; 'present' multiplies it by
    the 5–7 deputies who usually attended. The number of soviets is a lower bound ('upwards of').
    """
    table = "p2c3_rural_soviets_1929" if table is None else table

    def figure(indicator: str, bound: str = "point") -> float:
        return value(table, indicator=indicator, bound=bound)

    soviets = figure("rural_soviets")
    return {
        key: float(number)
        for key, number in {
            "soviets": soviets,
            "villages": soviets * figure("villages_per_soviet"),
            "deputies": soviets * figure("members_per_soviet"),
            "present_low": soviets * figure("deputies_attending", "low"),
            "present_high": soviets * figure("deputies_attending", "high"),
            "members_per_soviet": figure("members_per_soviet"),
            "attending_low": figure("deputies_attending", "low"),
            "attending_high": figure("deputies_attending", "high"),
        }.items()
    }


def _soviet_network_alt(data) -> str:
    net = soviet_network(data)
    return (
        f"Left bars: an average rural soviet had {num(net['members_per_soviet'])} members, of whom "
        f"{num(net['attending_low'])}–{num(net['attending_high'])} were usually present. Right bars: across upwards "
        f"of {num(net['soviets'], 0)} rural soviets, {num(net['deputies'] / 1000, 0)} thousand deputies elected, "
        f"{num(net['present_low'] / 1000, 0)}–{num(net['present_high'] / 1000, 0)} thousand present at a meeting."
    )


@chart(
    "p2c3_rural_soviets_1929",
    units=("members per soviet", "rural soviets"),
    data=lambda: load("p2c3_rural_soviets_1929"),
    alt=_soviet_network_alt,
)
def soviet_network_chart(data=None):
    """A rural soviet on paper and in its meetings, one soviet and the whole network (beginning of 1929)
    (``data``: rows of the table p2c3_rural_soviets_1929)."""
    net = soviet_network(data)
    fig, (left, right) = new_figure(ncols=2, figsize=(10, 4.4))
    left.bar(["Members", "Usually present"], [net["members_per_soviet"], net["attending_low"]], color=["#bbbbbb", "C0"])
    left.bar(
        "Usually present",
        net["attending_high"] - net["attending_low"],
        bottom=net["attending_low"],
        color="C0",
        alpha=0.35,
        hatch="//",
    )
    left.text(0, net["members_per_soviet"] + 0.4, f"{net['members_per_soviet']:g}", ha="center")
    left.text(1, net["attending_high"] + 0.4, f"{net['attending_low']:g}–{net['attending_high']:g}", ha="center")
    decorate(left, title="One rural soviet (average)", xlabel="Deputies", ylabel="Members per soviet", ylim=(0, 21))
    thousands = [net["deputies"] / 1000, net["present_low"] / 1000]
    right.bar(["Deputies elected", "Present at a meeting"], thousands, color=["#bbbbbb", "C0"])
    right.bar(
        "Present at a meeting",
        (net["present_high"] - net["present_low"]) / 1000,
        bottom=net["present_low"] / 1000,
        color="C0",
        alpha=0.35,
        hatch="//",
    )
    right.text(0, thousands[0] + 20, f"{thousands[0]:,.0f}", ha="center")
    right.text(
        1,
        net["present_high"] / 1000 + 20,
        f"{net['present_low'] / 1000:,.0f}–{net['present_high'] / 1000:,.0f}",
        ha="center",
    )
    decorate(
        right,
        title=f"All {net['soviets']:,.0f}+ rural soviets",
        xlabel="Deputies",
        ylabel="Thousand deputies in all rural soviets",
        ylim=(0, 1500),
    )
    add_source(
        fig,
        "p2c3_rural_soviets_1929",
        derived="Network totals computed by the course: number of soviets × the per-soviet averages "
        "(hatched: the range 5–7 present).",
    )
    return fig


# ---- exercises of lesson 06 ---------------------------------------------------------------------


def _most_purged() -> str:
    return str(purge_rates().idxmax())


def _members(year: str) -> float:
    return float(rural_members()["members"][year])


def _fourteenth_printed() -> float:
    return float(adjusted_implantation()["printed"]["Fourteenth Congress"])


register(
    Exercise(
        "6.1",
        _most_purged,
        kind="choice",
        choices=tuple(CELL_TYPES),
        hint="Find the tallest bar in the purge chart.",
        mistakes=(
            Mistake(
                lambda: "nonproductive",
                "A Party resolution said the worst abuses were in the 'nonproductive' cells, but the purge hit them "
                "less hard than another kind of cell. Read the bars, not the resolution.",
            ),
        ),
    )
)
register(
    Exercise(
        "6.2",
        rural_growth_percent,
        tolerance=0.1,
        unit="percent",
        hint="Divide the 1929 figure by the 1928 figure, subtract 1, multiply by 100.",
        mistakes=(
            Mistake(
                lambda: _members("1929") - _members("1928"),
                "That is the growth in members. The question asks for it as a percentage of the 1928 figure.",
            ),
            Mistake(
                lambda: (_members("1929") - _members("1928")) / _members("1929") * 100,
                "You divided by the 1929 figure. A change is measured against the starting year, 1928.",
            ),
            Mistake(
                lambda: _members("1929") / _members("1928") * 100,
                "That is 1929 as a percentage of 1928. Subtract 100 to get the growth.",
            ),
        ),
    )
)
register(
    Exercise(
        "6.3",
        lambda: float(adjusted_implantation()["per_10000_adults"]["Fourteenth Congress"]),
        tolerance=0.05,
        unit="per 10,000 adults",
        hint="0.37 percent means 0.37 per 100 adults. Halve it, then turn 'per 100' into 'per 10,000' (× 100).",
        mistakes=(
            Mistake(
                lambda: _fourteenth_printed() * 100,
                "You did not apply the author's one-half: not every member of a village cell was a peasant.",
            ),
            Mistake(
                lambda: _fourteenth_printed() / 2,
                "That is the adjusted figure in percent (per 100 adults). The question asks per 10,000: multiply by "
                "100.",
            ),
            Mistake(
                lambda: adjusted_implantation()["per_10000_adults"]["Thirteenth Congress"],
                "That is the Thirteenth Congress. The question asks about the Fourteenth.",
            ),
        ),
    )
)
register(
    Exercise(
        "6.4",
        lambda: party_figure("peasantry_share_of_population") / party_figure("peasants_share_of_party_membership"),
        tolerance=0.05,
        unit="times",
        hint="Divide the peasantry's share of the population by the peasants' share of the Party.",
        mistakes=(
            Mistake(
                lambda: (
                    party_figure("peasantry_share_of_population") - party_figure("peasants_share_of_party_membership")
                ),
                "That is the gap in percentage points. The question asks how many times (a ratio).",
            ),
            Mistake(
                lambda: (
                    party_figure("peasants_share_of_party_membership") / party_figure("peasantry_share_of_population")
                ),
                "That is the ratio the other way round.",
            ),
        ),
    )
)


def _assets_more_common_percent(first: str = "rural_communists", second: str = "all_peasants") -> float:
    shares = asset_shares()
    return float((shares[first] / shares[second] - 1) * 100)


register(
    Exercise(
        "6.5",
        _assets_more_common_percent,
        tolerance=0.1,
        unit="percent",
        hint="'One-quarter' is a share of 1/4 and 'one in six' a share of 1/6: divide the first share by the second, "
        "subtract 1, multiply by 100.",
        mistakes=(
            Mistake(
                lambda: float(asset_shares()["rural_communists"] - asset_shares()["all_peasants"]),
                "That is the gap in percentage points. The question asks by what percentage (relative to all "
                "peasants).",
            ),
            Mistake(
                lambda: _assets_more_common_percent("all_peasants", "rural_communists"),
                "You compared the other way round (or divided the N's of 'one in N' directly, which gives the "
                "same): turn the N's into shares first, 1/4 and 1/6, and measure against all peasants.",
            ),
            Mistake(
                lambda: float(asset_shares()["rural_communists"] / asset_shares()["all_peasants"]) * 100,
                "That is the rural Communists' share as a percentage of the peasants' share. Subtract 100.",
            ),
        ),
    )
)
register(
    Exercise(
        "6.6",
        lambda: revenue_ratio("low"),
        tolerance=0.01,
        unit="times",
        hint="Divide the lower end of the traditional bodies' revenue by the soviets' funds.",
        mistakes=(
            Mistake(
                lambda: revenue_ratio("high"), "That is the upper end of the range (100 million). Use the lower end."
            ),
            Mistake(
                lambda: (
                    village_revenues()[("traditional_organizations", "low")]
                    - village_revenues()[("village_soviets", "point")]
                ),
                "That is the difference in million roubles. The question asks how many times.",
            ),
            Mistake(lambda: 1 / revenue_ratio("low"), "That is the ratio the other way round."),
        ),
    )
)
register(
    Exercise(
        "6.7",
        lambda: soviet_network()["attending_high"] / soviet_network()["members_per_soviet"] * 100,
        tolerance=0.1,
        unit="percent",
        hint="Use the upper end of 'between five and seven' and the average of eighteen members.",
        mistakes=(
            Mistake(
                lambda: soviet_network()["attending_low"] / soviet_network()["members_per_soviet"] * 100,
                "That is the lower end (five). 'At most' asks for the upper end.",
            ),
            Mistake(
                lambda: soviet_network()["members_per_soviet"] / soviet_network()["attending_high"] * 100,
                "You divided the members by those attending: the other way round.",
            ),
        ),
    )
)
register(
    Exercise(
        "6.8",
        genuine_share_of_peasantry,
        tolerance=0.002,
        unit="percent",
        hint="Halve the 1929 rural membership; divide by 80 percent of 147 million people; multiply by 100.",
        mistakes=(
            Mistake(
                lambda: genuine_share_of_peasantry(genuine_share=100),
                "You did not halve the membership: fewer than half the members of rural cells were peasants.",
            ),
            Mistake(
                lambda: _members("1929") * 0.5 / 147_000_000 * 100,
                "You divided by the whole population. The question asks about the peasantry (80 percent of it).",
            ),
            Mistake(lambda: genuine_share_of_peasantry("1928"), "That is 1928. Use 1929, the end of the NEP."),
        ),
    )
)


def above_the_800_rouble_line() -> float:
    """Percent of all peasants holding assets over 800 roubles (RSFSR, 1929): the inquiry's 'one peasant in six'."""
    return float(asset_shares()["all_peasants"])


def rich_by_lenins_criteria() -> float:
    """Percent of farms counted rich by Lenin's criteria, 1926–1927 (Part 2, ch. 1)."""
    return float(value("p2c1_social_divisions", group="rich"))


def rich_by_land_area() -> float:
    """Kamenev's 1925 share of 'kulak' farms, classified by land area, not income (Part 2, ch. 1)."""
    return float(value("p2c1_kulak_estimates", estimate="kamenev_1925", measure="share_of_farms"))


register(
    Exercise(
        "6.9",
        lambda: above_the_800_rouble_line() / rich_by_lenins_criteria(),
        tolerance=0.05,
        unit="times",
        hint="Turn 'one in six' into a percentage (100 ÷ 6), then divide it by the percentage of farms counted rich "
        "by Lenin's criteria.",
        mistakes=(
            Mistake(
                lambda: value("p2c3_assets_inquiry_1929", group="all_peasants") / rich_by_lenins_criteria(),
                "You divided the N of 'one in six' by a percentage. Turn one in six into a percentage first: 100 ÷ 6.",
            ),
            Mistake(
                lambda: rich_by_lenins_criteria() / above_the_800_rouble_line(),
                "You divided the other way round: put the share above the 800-rouble line on top.",
            ),
            Mistake(
                lambda: above_the_800_rouble_line() / rich_by_land_area(),
                "That uses Kamenev's 12 percent, which classified farms by the land they held. The question asks for "
                "the rich by Lenin's criteria (Strumilin and the Central Statistical Board, 1926–1927).",
            ),
        ),
    )
)


#: The bars of exercise 6.10, as the worksheet labels them.
RICH_LINES = (
    "Lenin's criteria",
    "land held",
    "assets over 800 roubles",
    "rural Communists, assets over 800",
)


def rich_by_each_line() -> pd.Series:
    """The share of the well-to-do by each line the book draws (percent): farms rich by Lenin's criteria
    (1926–1927), farms 'kulak' by land held (Kamenev, 1925), peasants above the 800-rouble line (1929), and rural
    Communists above it (1929). Exercise 6.10: the student draws it."""
    values = [
        rich_by_lenins_criteria(),
        rich_by_land_area(),
        above_the_800_rouble_line(),
        float(asset_shares()["rural_communists"]),
    ]
    return pd.Series(values, index=list(RICH_LINES))


def _one_in_n_kept_as_n() -> pd.Series:
    """What a student draws who keeps the inquiry's 'one in N' as N."""
    assets = load("p2c3_assets_inquiry_1929").set_index("group")["value"]
    wrong = rich_by_each_line()
    wrong[RICH_LINES[2]], wrong[RICH_LINES[3]] = assets["all_peasants"], assets["rural_communists"]
    return wrong


register(
    Exercise(
        "6.10",
        rich_by_each_line,
        kind="figure",
        tolerance=0.05,
        hint="Four bars, in percent: the rich by Lenin's criteria, Kamenev's kulak farms by land held, 100 ÷ 6 and "
        "100 ÷ 4.",
        drawing=Drawing(marks="bars", what="lines", source=True),
        mistakes=(
            Mistake(
                _one_in_n_kept_as_n,
                "Two of your bars are the N of 'one in N'. Turn each into a percentage first: one in six is 100 ÷ 6.",
            ),
        ),
    )
)
