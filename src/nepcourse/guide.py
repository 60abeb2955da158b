"""Lesson 00, the course guide: the glossary as a searchable table and the timeline of events."""
from __future__ import annotations

import unicodedata

import matplotlib as mpl
import matplotlib.dates as mdates
import pandas as pd

from .checks import Exercise, Mistake, register
from .data import CHAPTER_NAMES, load, metadata
from .plotting import add_source, decorate, live, new_figure, styled

TIMELINE_START, TIMELINE_END = 1917, 1930


# ---- glossary ------------------------------------------------------------------------------

def _fold(text: str) -> str:
    """Lower case without accents, so 'cooperative' finds 'co-operative' and 'serednyaki' finds 'Serednyaki'."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum() or ch == " ")


def search_glossary(text: str = "") -> pd.DataFrame:
    """Glossary rows whose term or definition contains ``text`` (any case, spacing or hyphens)."""
    glossary = load("glossary")
    wanted = _fold(text).replace(" ", "")
    hay = (glossary["term"] + " " + glossary["definition"]).map(lambda s: _fold(s).replace(" ", ""))
    found = glossary[hay.str.contains(wanted, regex=False)] if wanted else glossary
    return found[["term", "definition", "origin", "chapter"]].reset_index(drop=True)


def glossary_widget():
    """A search box over the glossary: type part of a word, see the matching terms."""
    import ipywidgets as widgets

    box = widgets.Text(value="", placeholder="type part of a word, e.g. bank", description="Search:")
    return live(search_glossary, text=box)


# ---- timeline ------------------------------------------------------------------------------

def categories() -> dict[str, str]:
    """The event categories and what each covers (from the events table's metadata)."""
    return metadata("events")["categories"]


def timeline_events(categories: list[str] | None = None, start_year: int = TIMELINE_START,
                    end_year: int = TIMELINE_END, chapters: list[str] | None = None) -> pd.DataFrame:
    """Events that overlap the years ``start_year``–``end_year``, of the given categories and chapters
    of the book (``chapters=["1.1"]``: only events that chapter reports), by date."""
    events = load("events")
    keep = (events["date_end"].dt.year >= start_year) & (events["date_start"].dt.year <= end_year)
    if categories is not None:
        keep &= events["category"].isin(list(categories))
    if chapters is not None:
        keep &= events["chapter"].isin(list(chapters))
    return events[keep].sort_values(["date_start", "date_end"]).reset_index(drop=True)


def event_date_label(event) -> str:
    """The date as printed, with its year added where the book leaves it to the context ("February")."""
    printed = str(event.date_printed)
    year = str(event.date_start.year)
    return printed if any(ch.isdigit() for ch in printed) else f"{printed} [{year}]"


@styled
def timeline_chart(categories: list[str] | None = None, start_year: int = TIMELINE_START,
                   end_year: int = TIMELINE_END, chapters: list[str] | None = None):
    """The timeline: one line per event, a bar from its first to its last day, coloured by category.

    ``chapters=["1.1"]`` keeps the events one chapter reports (a lesson's own timeline)."""
    events = timeline_events(categories, start_year, end_year, chapters)
    height = max(2.5, 0.28 * len(events) + 1.4)
    fig, ax = new_figure(figsize=(11, height))
    palette = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    colours = dict(zip(sorted(metadata("events")["categories"]), palette))
    shown = set()
    for y, row in enumerate(events.itertuples()):
        start = max(row.date_start, pd.Timestamp(start_year, 1, 1))
        end = min(row.date_end, pd.Timestamp(end_year, 12, 31))
        width = max((end - start).days, 20)
        label = row.category if row.category not in shown else None
        shown.add(row.category)
        ax.barh(y, width, left=start, height=0.6, color=colours[row.category], label=label)
        ax.text(start + pd.Timedelta(days=width + 25), y, f"{event_date_label(row)}: {row.title}",
                va="center", fontsize=8)
    ax.set_yticks([])
    ax.invert_yaxis()
    ax.set_xlim(pd.Timestamp(start_year, 1, 1), pd.Timestamp(end_year + max(3, (end_year - start_year) // 2), 12, 31))
    ax.xaxis.set_major_locator(mdates.YearLocator(2 if end_year - start_year > 8 else 1))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", color="#dddddd")
    where = "in the book" if chapters is None else "reported in " + ", ".join(CHAPTER_NAMES[c] for c in chapters)
    decorate(ax, title=f"Events {where}, {start_year}–{end_year}",
             xlabel="Date (bars run from the first to the last day the printed date can mean)")
    ax.legend(loc="upper right", fontsize=8, title="category")
    add_source(fig, "events", chapters=list(dict.fromkeys(events["chapter"])))
    return fig


def timeline_widget():
    """Choose categories, years and a chapter of the book; the timeline redraws (in a live notebook)."""
    import ipywidgets as widgets

    names = sorted(categories())
    pick = widgets.SelectMultiple(options=names, value=("party", "procurement"), rows=len(names),
                                  description="Categories")
    years = widgets.IntRangeSlider(value=(1927, 1929), min=TIMELINE_START, max=TIMELINE_END,
                                   description="Years", continuous_update=False)
    reported = sorted(set(load("events")["chapter"]), key=list(CHAPTER_NAMES).index)
    chapter = widgets.Dropdown(options=[("all chapters", None)] + [(CHAPTER_NAMES[c], c) for c in reported],
                               value=None, description="Reported in")
    return live(lambda categories, years, chapter: timeline_chart(list(categories), *years,
                                                                  chapters=None if chapter is None else [chapter]),
                categories=pick, years=years, chapter=chapter)


# ---- practice exercises of lesson 00 -------------------------------------------------------

def _definition(term: str) -> str:
    glossary = load("glossary")
    return glossary.loc[glossary["term"] == term, "definition"].iloc[0]


def _events_starting_in(year: int) -> int:
    return int((load("events")["date_start"].dt.year == year).sum())


def _events_touching(year: int) -> int:
    events = load("events")
    return int(((events["date_start"].dt.year <= year) & (events["date_end"].dt.year >= year)).sum())


def _harvest(period: str) -> float:
    grain = load("intro_grain")
    return float(grain.loc[(grain["series"] == "harvest") & (grain["period"] == period), "value"].iloc[0])


register(Exercise(
    "0.1", "What is Gosplan, according to the glossary?", lambda: _definition("Gosplan"), kind="choice",
    choices=("State bank", "State Planning Commission", "People's Commissariat of Finance"),
    hint="Search the glossary for 'Gosplan' and copy its definition.",
    mistakes=(Mistake(lambda: _definition("Gosbank"), "That is Gosbank, the State bank. Gosplan is another body."),
              Mistake(lambda: _definition("Narkomfin"), "That is Narkomfin. Search for 'Gosplan'."))))
register(Exercise(
    "0.2", "How many events in the timeline start in 1928?", lambda: _events_starting_in(1928), tolerance=0,
    unit="events", hint="Keep the rows whose date_start is in 1928 and count them with len(...).",
    mistakes=(Mistake(lambda: _events_touching(1928),
                      "You counted every event that overlaps 1928, including ones that began earlier. Count only those whose date_start is in 1928."),)))
register(Exercise(
    "0.3", "How big was the grain harvest of 1926–1927, in million metric tons?", lambda: _harvest("1926–1927"),
    tolerance=0.001, unit="million metric tons",
    hint="Load intro_grain, keep the row with series 'harvest' and period '1926–1927', and read its value.",
    mistakes=(Mistake(lambda: _harvest("1927–1928"), "That is the 1927–1928 harvest, the year after."),
              Mistake(lambda: _harvest("1909–1913"), "That is the prewar average of 1909–1913."))))
