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

from .checks import Exercise, Mistake, register
from .data import load
from .plotting import add_source, decorate, live, new_figure, styled

#: The author's adjustment, in his words (Part 2, ch. 3, section I), and the share it implies.
AUTHOR_ADVICE = ("We need to reduce the numbers quoted by about one-half if we are to form an estimate of the "
                 "Party’s implantation among the peasantry")
AUTHOR_GENUINE_SHARE = 50.0  # percent of rural-cell members counted as genuine peasants ("about one-half")
CONGRESSES = ["Thirteenth Congress", "Fourteenth Congress"]
CELL_TYPES = ["rural", "nonproductive", "factory"]
CELL_LABELS = {"rural": "Rural cells", "nonproductive": "“Nonproductive” cells", "factory": "Factory cells"}


# ---- the Party in the villages ----------------------------------------------------------------

def party_figure(indicator: str, period: str | None = None) -> float:
    """One figure of ``p2c3_party_implantation`` (the period may be left out where there is one row)."""
    table = load("p2c3_party_implantation")
    rows = table[table["indicator"] == indicator]
    if period is not None:
        rows = rows[rows["period"] == period]
    if len(rows) != 1:
        raise LookupError(f"{indicator} {period or ''}: {len(rows)} rows, not one")
    return float(rows["value"].iloc[0])


def adjusted_implantation(genuine_share: float = AUTHOR_GENUINE_SHARE) -> pd.DataFrame:
    """Communists in village cells as a percent of the adult rural population, as printed and counting
    only the ``genuine_share`` percent of them who were really peasants (the author says about 50)."""
    table = load("p2c3_party_implantation")
    rows = table[table["indicator"] == "communists_share_of_adult_rural_population"].set_index("period").loc[CONGRESSES]
    out = pd.DataFrame({"year": rows["year"].astype(int), "printed": rows["value"]})
    out["genuine_peasants"] = out["printed"] * genuine_share / 100
    out["per_10000_adults"] = out["genuine_peasants"] * 100
    return out


def rural_members(genuine_share: float = AUTHOR_GENUINE_SHARE) -> pd.DataFrame:
    """Members of the Party's rural cells in 1928 and 1929, and how many were genuine peasants at ``genuine_share``."""
    table = load("p2c3_party_implantation")
    rows = table[table["indicator"] == "rural_cell_members"].set_index("period")
    out = pd.DataFrame({"members": rows["value"]})
    out["genuine_peasants"] = out["members"] * genuine_share / 100
    return out


def rural_growth_percent() -> float:
    """Percent growth of the membership of rural cells from 1928 to 1929."""
    members = rural_members()["members"]
    return float((members["1929"] / members["1928"] - 1) * 100)


def genuine_share_of_peasantry(year: str = "1929", genuine_share: float = AUTHOR_GENUINE_SHARE) -> float:
    """Genuine peasants in the rural cells as a percent of the peasantry.

    The peasantry is taken as the book's 'more than 80 percent' of the 147 million people of the 1926
    census (Introduction): both are the book's figures, but they come from different years and the 80 is
    a lower bound, so the result is an upper bound of the same order as the author's 'about 0.1 percent'.
    """
    population = load("intro_recovery").query("indicator == 'population' and measure == 'level'")["value"].iloc[0]
    peasantry = population * 1_000_000 * party_figure("peasantry_share_of_population") / 100
    return float(rural_members(genuine_share).loc[year, "genuine_peasants"] / peasantry * 100)


@styled
def implantation_chart(genuine_share: float | None = None):
    """The Party in the villages, as printed and counting only the members who were really peasants."""
    share = AUTHOR_GENUINE_SHARE if genuine_share is None else float(genuine_share)
    rates, members = adjusted_implantation(share), rural_members(share)
    fig, (left, right) = new_figure(ncols=2, figsize=(10, 4.8))
    x = range(len(rates))
    left.bar([i - 0.2 for i in x], rates["printed"], width=0.4, color="#bbbbbb", label="all members of village cells")
    left.bar([i + 0.2 for i in x], rates["genuine_peasants"], width=0.4, color="C0",
             label=f"genuine peasants ({share:g}% of them)")
    for i, value in zip(x, rates["genuine_peasants"]):
        left.text(i + 0.2, value + 0.01, f"{value:.3f}%\n= {value * 100:.1f} per 10,000", ha="center", fontsize=8)
    left.set_xticks(list(x), [f"{c}\n({y})" for c, y in zip(rates.index, rates["year"])])
    decorate(left, title="Communists among adult villagers", xlabel="Party congress (year)",
             ylabel="Percent of the adult rural population", ylim=(0, 0.5))
    left.legend(loc="upper left", fontsize=8)
    x = range(len(members))
    right.bar([i - 0.2 for i in x], members["members"] / 1000, width=0.4, color="#bbbbbb", label="members of rural cells")
    right.bar([i + 0.2 for i in x], members["genuine_peasants"] / 1000, width=0.4, color="C0",
              label=f"genuine peasants ({share:g}% of them)")
    for i, value in zip(x, members["genuine_peasants"] / 1000):
        right.text(i + 0.2, value + 4, f"{value:.0f}", ha="center", fontsize=9)
    right.set_xticks(list(x), list(members.index))
    decorate(right, title="Members of rural cells", xlabel="Year", ylabel="Thousand Party members", ylim=(0, 300))
    right.legend(loc="upper left", fontsize=8)
    right.text(0.98, 0.78, f"1929: genuine peasants = {genuine_share_of_peasantry('1929', share):.3f}%\n"
                           "of the peasantry (author: 'about 0.1')", transform=right.transAxes, ha="right", fontsize=8)
    add_source(fig, "p2c3_party_implantation", "intro_recovery",
               derived=f"Genuine peasants computed by the course: printed figure × {share:g}% "
                       "(the author advises reducing the figures 'by about one-half'); peasantry = 80% of the "
                       "147 million people of 1926 (Introduction).")
    return fig


def implantation_widget():
    """A slider for the share of rural-cell members who really were peasants; both panels follow it."""
    import ipywidgets as widgets

    slider = widgets.IntSlider(value=int(AUTHOR_GENUINE_SHARE), min=0, max=100, step=5, continuous_update=False,
                               description="Genuine peasants among rural-cell members (%)",
                               style={"description_width": "initial"}, layout={"width": "600px"})
    return live(implantation_chart, genuine_share=slider)


# ---- who was in the Party, and who was purged ------------------------------------------------------

def asset_shares() -> pd.Series:
    """Percent holding assets over 800 roubles (RSFSR, 1929): rural Communists and all peasants (100 ÷ N)."""
    table = load("p2c3_assets_inquiry_1929").set_index("group")
    return (100 / table["value"]).rename("percent holding assets over 800 roubles")


@styled
def representation_chart():
    """Peasants in the Party against peasants in the country (1927), and the well-to-do among rural Communists (1929)."""
    fig, (left, right) = new_figure(ncols=2, figsize=(10, 4.6))
    party = party_figure("peasants_share_of_party_membership")
    country = party_figure("peasantry_share_of_population")
    left.bar(["Party members", "Population"], [party, country], color=["C0", "C2"])
    left.text(0, party + 2, f"{party:g}%", ha="center")
    left.text(1, country + 2, f"more than {country:g}%", ha="center")
    left.annotate("", xy=(1, country + 12), xytext=(1, country + 6), arrowprops={"arrowstyle": "->"})
    decorate(left, title="Genuine peasants' share, 1927", xlabel="Whole", ylabel="Percent of the whole", ylim=(0, 100))
    shares = asset_shares()
    right.bar(["Rural Communists", "All peasants"], [shares["rural_communists"], shares["all_peasants"]],
              color=["C0", "C2"])
    for i, group in enumerate(["rural_communists", "all_peasants"]):
        word = {"rural_communists": "one in 4", "all_peasants": "one in 6"}[group]
        right.text(i, shares[group] + 0.8, f"{shares[group]:.1f}%\n({word})", ha="center")
    decorate(right, title="Assets over 800 roubles, RSFSR, 1929", xlabel="Group",
             ylabel="Percent of the group", ylim=(0, 35))
    add_source(fig, "p2c3_party_implantation", "p2c3_assets_inquiry_1929",
               derived="Asset shares computed by the course: 100 ÷ N for 'one in N'.")
    return fig


def purge_rates() -> pd.Series:
    """Percent of members expelled in 1929–1930, by kind of cell, in the order rural, nonproductive, factory."""
    return load("p2c3_purge_1929_30").set_index("cell_type")["value"].loc[CELL_TYPES]


@styled
def purge_chart():
    """Members expelled in the purge of 1929–1930, by kind of cell."""
    rates = purge_rates()
    fig, ax = new_figure(figsize=(7, 4))
    ax.bar([CELL_LABELS[c] for c in rates.index], rates.values, color=["C3", "C1", "C0"])
    for i, value in enumerate(rates.values):
        ax.text(i, value + 0.4, f"{value:g}%", ha="center")
    decorate(ax, title="The purge of 1929–1930", xlabel="Kind of Party cell",
             ylabel="Percent of members expelled", ylim=(0, 20))
    add_source(fig, "p2c3_purge_1929_30")
    return fig


# ---- soviet and skhod ----------------------------------------------------------------------------

def participation() -> pd.DataFrame:
    """The participation table as loaded (turnout in soviet elections; attendance at the skhod)."""
    return load("p2c3_participation")


@styled
def participation_chart():
    """Peasants voting in rural soviet elections (1923 to the late 1920s) and attending the skhod (1927)."""
    table = participation()
    votes = table[table["body"] == "soviet_elections"]
    fig, ax = new_figure(figsize=(8.5, 4.8))
    exact = votes[votes["qualifier"] != "more than"]
    ax.plot(exact["year_from"], exact["value"], marker="o", color="C0", label="voted in rural soviet elections")
    for row in exact.itertuples():
        ax.annotate(f"{row.value:g}%", (row.year_from, row.value), textcoords="offset points", xytext=(0, 8), ha="center")
    late = votes[votes["qualifier"] == "more than"].iloc[0]
    ax.hlines(late["value"], late["year_from"], late["year_to"], color="C0", linewidth=3,
              label=f"more than {late['value']:g}% ({late['period']})")
    for year in range(int(late["year_from"]), int(late["year_to"]) + 1):
        ax.annotate("", xy=(year, late["value"] + 8), xytext=(year, late["value"]), arrowprops={"arrowstyle": "->", "color": "C0"})
    skhod = table[table["body"] == "skhod"].set_index("bound")
    low, high = skhod.loc["low", "value"], skhod.loc["high", "value"]
    ax.vlines(skhod.loc["low", "year_from"], low, high, color="C3", linewidth=8,
              label="attended the skhod (between the two ends)")
    ax.text(skhod.loc["low", "year_from"] + 0.15, (low + high) / 2, f"{low:g}–{high:g}%", va="center", color="C3")
    decorate(ax, title="How many peasants took part", xlabel="Year",
             ylabel="Percent of those entitled to take part", ylim=(0, 70), xlim=(1922.5, 1929.5))
    ax.legend(loc="upper left", fontsize=8)
    add_source(fig, "p2c3_participation",
               derived="Arrows: the book gives only a lower bound. Voting once and attending an assembly are different acts.")
    return fig


def village_revenues() -> pd.DataFrame:
    """Revenue of the traditional organizations (a range) and the village soviets' funds, million roubles a year."""
    return load("p2c3_village_revenues").set_index(["body", "bound"])["value"]


def revenue_ratio(bound: str = "low") -> float:
    """How many times the village soviets' funds the traditional organizations had (low or high end of their range)."""
    money = village_revenues()
    return float(money[("traditional_organizations", bound)] / money[("village_soviets", "point")])


@styled
def revenues_chart():
    """'Dual power' in money: the skhod and land communities against the village soviets."""
    money = village_revenues()
    low, high = money[("traditional_organizations", "low")], money[("traditional_organizations", "high")]
    soviets = money[("village_soviets", "point")]
    fig, ax = new_figure(figsize=(8.5, 3.6))
    labels = ["Village soviets", "Skhod, land communities\nand other traditional bodies"]
    ax.barh(labels, [soviets, low], color=["C0", "C2"], label="printed figure (lower end for the range)")
    ax.barh(labels[1], high - low, left=low, color="C2", alpha=0.35, hatch="//", label="upper end of the printed range")
    ax.text(soviets + 1.5, 0, f"{soviets:g}", va="center")
    ax.text(high + 1.5, 1, f"{low:g}–{high:g}  (× {revenue_ratio('low'):.1f} to × {revenue_ratio('high'):.2f})",
            va="center")
    ax.grid(axis="y", visible=False)
    decorate(ax, title="Money in the village (reported December 1927)",
             xlabel="Million roubles a year", xlim=(0, 175))
    ax.legend(loc="lower right", fontsize=8)
    add_source(fig, "p2c3_village_revenues", derived="Ratios computed by the course: revenue ÷ the soviets' 16 million.")
    return fig


def soviet_network() -> dict[str, float]:
    """The scale of the rural soviets at the beginning of 1929, computed from the per-soviet averages.

    Villages and deputies multiply the number of soviets by the averages; 'present' multiplies it by
    the 5–7 deputies who usually attended. The number of soviets is a lower bound ('upwards of').
    """
    table = load("p2c3_rural_soviets_1929").set_index(["indicator", "bound"])["value"]
    soviets = table[("rural_soviets", "point")]
    return {key: float(value) for key, value in {
        "soviets": soviets,
        "villages": soviets * table[("villages_per_soviet", "point")],
        "deputies": soviets * table[("members_per_soviet", "point")],
        "present_low": soviets * table[("deputies_attending", "low")],
        "present_high": soviets * table[("deputies_attending", "high")],
        "members_per_soviet": table[("members_per_soviet", "point")],
        "attending_low": table[("deputies_attending", "low")],
        "attending_high": table[("deputies_attending", "high")],
    }.items()}


@styled
def soviet_network_chart():
    """A rural soviet on paper and in its meetings, one soviet and the whole network (beginning of 1929)."""
    net = soviet_network()
    fig, (left, right) = new_figure(ncols=2, figsize=(10, 4.4))
    left.bar(["Members", "Usually present"], [net["members_per_soviet"], net["attending_low"]], color=["#bbbbbb", "C0"])
    left.bar("Usually present", net["attending_high"] - net["attending_low"], bottom=net["attending_low"],
             color="C0", alpha=0.35, hatch="//")
    left.text(0, net["members_per_soviet"] + 0.4, f"{net['members_per_soviet']:g}", ha="center")
    left.text(1, net["attending_high"] + 0.4, f"{net['attending_low']:g}–{net['attending_high']:g}", ha="center")
    decorate(left, title="One rural soviet (average)", xlabel="Deputies", ylabel="Deputies per soviet", ylim=(0, 21))
    thousands = [net["deputies"] / 1000, net["present_low"] / 1000]
    right.bar(["Deputies elected", "Present at a meeting"], thousands, color=["#bbbbbb", "C0"])
    right.bar("Present at a meeting", (net["present_high"] - net["present_low"]) / 1000, bottom=net["present_low"] / 1000,
              color="C0", alpha=0.35, hatch="//")
    right.text(0, thousands[0] + 20, f"{thousands[0]:,.0f}", ha="center")
    right.text(1, net["present_high"] / 1000 + 20, f"{net['present_low'] / 1000:,.0f}–{net['present_high'] / 1000:,.0f}",
               ha="center")
    decorate(right, title=f"All {net['soviets']:,.0f}+ rural soviets", xlabel="Deputies",
             ylabel="Thousand deputies", ylim=(0, 1500))
    add_source(fig, "p2c3_rural_soviets_1929",
               derived="Network totals computed by the course: number of soviets × the per-soviet averages "
                       "(hatched: the range 5–7 present).")
    return fig


# ---- exercises of lesson 06 ---------------------------------------------------------------------

def _most_purged() -> str:
    return str(purge_rates().idxmax())


def _members(year: str) -> float:
    return float(rural_members()["members"][year])


def _fourteenth_printed() -> float:
    return float(adjusted_implantation()["printed"]["Fourteenth Congress"])


register(Exercise(
    "6.1", "In which kind of Party cell did the purge of 1929–1930 expel the largest share of members?", _most_purged,
    kind="choice", choices=tuple(CELL_TYPES),
    hint="Find the tallest bar in the purge chart.",
    mistakes=(Mistake(lambda: "nonproductive",
                      "A Party resolution said the worst abuses were in the 'nonproductive' cells, but the purge hit them "
                      "less hard than another kind of cell. Read the bars, not the resolution."),)))
register(Exercise(
    "6.2", "By what percentage did the membership of the Party's rural cells grow from 1928 to 1929?",
    rural_growth_percent, tolerance=0.1, unit="percent",
    hint="Divide the 1929 figure by the 1928 figure, subtract 1, multiply by 100.",
    mistakes=(Mistake(lambda: _members("1929") - _members("1928"),
                      "That is the growth in members. The question asks for it as a percentage of the 1928 figure."),
              Mistake(lambda: (_members("1929") - _members("1928")) / _members("1929") * 100,
                      "You divided by the 1929 figure. A change is measured against the starting year, 1928."),
              Mistake(lambda: _members("1929") / _members("1928") * 100,
                      "That is 1929 as a percentage of 1928. Subtract 100 to get the growth."))))
register(Exercise(
    "6.3", "Applying the author's 'about one-half', how many genuine peasant Communists were there per 10,000 adult "
           "villagers at the time of the Fourteenth Congress?",
    lambda: float(adjusted_implantation()["per_10000_adults"]["Fourteenth Congress"]), tolerance=0.05,
    unit="per 10,000 adults",
    hint="0.37 percent means 0.37 per 100 adults. Halve it, then turn 'per 100' into 'per 10,000' (× 100).",
    mistakes=(Mistake(lambda: _fourteenth_printed() * 100,
                      "You did not apply the author's one-half: not every member of a village cell was a peasant."),
              Mistake(lambda: _fourteenth_printed() / 2,
                      "That is the adjusted figure in percent (per 100 adults). The question asks per 10,000: multiply by 100."),
              Mistake(lambda: adjusted_implantation()["per_10000_adults"]["Thirteenth Congress"],
                      "That is the Thirteenth Congress. The question asks about the Fourteenth."))))
register(Exercise(
    "6.4", "In 1927, how many times larger was the peasantry's share of the population than genuine peasants' "
           "share of the Party (use the printed bound)?",
    lambda: party_figure("peasantry_share_of_population") / party_figure("peasants_share_of_party_membership"),
    tolerance=0.05, unit="times",
    hint="Divide the peasantry's share of the population by the peasants' share of the Party.",
    mistakes=(Mistake(lambda: party_figure("peasantry_share_of_population") - party_figure("peasants_share_of_party_membership"),
                      "That is the gap in percentage points. The question asks how many times (a ratio)."),
              Mistake(lambda: party_figure("peasants_share_of_party_membership") / party_figure("peasantry_share_of_population"),
                      "That is the ratio the other way round."))))
def _assets_more_common_percent(first: str = "rural_communists", second: str = "all_peasants") -> float:
    shares = asset_shares()
    return float((shares[first] / shares[second] - 1) * 100)


register(Exercise(
    "6.5", "By what percentage were holders of assets over 800 roubles more common among rural Communists than "
           "among all peasants (RSFSR, 1929)?",
    _assets_more_common_percent, tolerance=0.1, unit="percent",
    hint="'One-quarter' is a share of 1/4 and 'one in six' a share of 1/6: divide the first share by the second, "
         "subtract 1, multiply by 100.",
    mistakes=(Mistake(lambda: float(asset_shares()["rural_communists"] - asset_shares()["all_peasants"]),
                      "That is the gap in percentage points. The question asks by what percentage (relative to all peasants)."),
              Mistake(lambda: _assets_more_common_percent("all_peasants", "rural_communists"),
                      "You compared the other way round (or divided the N's of 'one in N' directly, which gives the "
                      "same): turn the N's into shares first, 1/4 and 1/6, and measure against all peasants."),
              Mistake(lambda: float(asset_shares()["rural_communists"] / asset_shares()["all_peasants"]) * 100,
                      "That is the rural Communists' share as a percentage of the peasants' share. Subtract 100."))))
register(Exercise(
    "6.6", "At the lower end of the printed range, how many times the village soviets' funds did the skhod, land "
           "communities and other traditional bodies have?",
    lambda: revenue_ratio("low"), tolerance=0.01, unit="times",
    hint="Divide the lower end of the traditional bodies' revenue by the soviets' funds.",
    mistakes=(Mistake(lambda: revenue_ratio("high"), "That is the upper end of the range (100 million). Use the lower end."),
              Mistake(lambda: village_revenues()[("traditional_organizations", "low")] - village_revenues()[("village_soviets", "point")],
                      "That is the difference in million roubles. The question asks how many times."),
              Mistake(lambda: 1 / revenue_ratio("low"), "That is the ratio the other way round."))))
register(Exercise(
    "6.7", "At most, what percentage of a rural soviet's members usually attended its meetings (beginning of 1929)?",
    lambda: soviet_network()["attending_high"] / soviet_network()["members_per_soviet"] * 100, tolerance=0.1,
    unit="percent",
    hint="Use the upper end of 'between five and seven' and the average of eighteen members.",
    mistakes=(Mistake(lambda: soviet_network()["attending_low"] / soviet_network()["members_per_soviet"] * 100,
                      "That is the lower end (five). 'At most' asks for the upper end."),
              Mistake(lambda: soviet_network()["members_per_soviet"] / soviet_network()["attending_high"] * 100,
                      "You divided the members by those attending: the other way round."))))
register(Exercise(
    "6.8", "Using the 1929 rural membership, the author's 'one-half', and a peasantry of 80 percent of 147 million, "
           "what percentage of the peasantry were genuine peasant Communists?",
    genuine_share_of_peasantry, tolerance=0.002, unit="percent",
    hint="Halve the 1929 rural membership; divide by 80 percent of 147 million people; multiply by 100.",
    mistakes=(Mistake(lambda: genuine_share_of_peasantry(genuine_share=100),
                      "You did not halve the membership: fewer than half the members of rural cells were peasants."),
              Mistake(lambda: _members("1929") * 0.5 / 147_000_000 * 100,
                      "You divided by the whole population. The question asks about the peasantry (80 percent of it)."),
              Mistake(lambda: genuine_share_of_peasantry("1928"), "That is 1928. Use 1929, the end of the NEP."))))
