"""The timeline of the book's events: the whole book (lesson 00) or one lesson's chapters.

Every lesson ends its history with ``lesson_timeline("04")``: the events its own chapters report, on an
axis fitted to them.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.dates as mdates
import pandas as pd

from .data import load, metadata
from .plotting import add_source, chart, decorate, new_figure

TIMELINE_START, TIMELINE_END = 1917, 1930


def categories() -> dict[str, str]:
    """The event categories and what each covers (from the events table's metadata)."""
    return metadata("events")["categories"]


def timeline_events(
    categories: list[str] | None = None,
    start_year: int = TIMELINE_START,
    end_year: int = TIMELINE_END,
    chapters: list[str] | None = None,
) -> pd.DataFrame:
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


@chart("events", units=("date",), data=timeline_events)
def timeline_chart(data=None, start_year: int = TIMELINE_START, end_year: int = TIMELINE_END, title: str | None = None):
    """The timeline: one line per event of ``data`` (rows of the events table), a bar from its first to
    its last day, coloured by category, on the years ``start_year``–``end_year``."""
    events = data.sort_values(["date_start", "date_end"])
    height = max(2.5, 0.28 * len(events) + 1.4)
    fig, ax = new_figure(figsize=(11, height))
    palette = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    colours = dict(zip(sorted(categories()), palette))
    shown = set()
    for y, row in enumerate(events.itertuples()):
        start = max(row.date_start, pd.Timestamp(start_year, 1, 1))
        end = min(row.date_end, pd.Timestamp(end_year, 12, 31))
        width = max((end - start).days, 20)
        label = row.category if row.category not in shown else None
        shown.add(row.category)
        ax.barh(y, width, left=start, height=0.6, color=colours[row.category], label=label)
        ax.text(
            start + pd.Timedelta(days=width + 25), y, f"{event_date_label(row)}: {row.title}", va="center", fontsize=8
        )
    ax.set_yticks([])
    ax.invert_yaxis()
    ax.set_xlim(pd.Timestamp(start_year, 1, 1), pd.Timestamp(end_year + max(3, (end_year - start_year) // 2), 12, 31))
    ax.xaxis.set_major_locator(mdates.YearLocator(2 if end_year - start_year > 8 else 1))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", color="#dddddd")
    chapters = list(dict.fromkeys(events["chapter"]))
    decorate(
        ax,
        title=title or f"Events in the book, {start_year}–{end_year}",
        xlabel="Date (bars run from the first to the last day the printed date can mean)",
    )
    ax.legend(loc="upper right", fontsize=8, title="category")
    add_source(fig, "events", chapters=chapters)
    return fig


def lesson_timeline(
    lesson: str, start_year: int | None = None, end_year: int | None = None, categories: list[str] | None = None
):
    """The timeline of one lesson: the events its chapters report (of some ``categories`` only, if given),
    on the years ``start_year``–``end_year`` or, by default, years fitted to them."""
    from .registry import lesson as find_lesson

    found = find_lesson(lesson)
    events = timeline_events(categories, start_year=0, end_year=9999, chapters=list(found.chapters))
    first = start_year or int(events["date_start"].dt.year.min())
    last = end_year or int(events["date_end"].dt.year.max())
    events = events[(events["date_end"].dt.year >= first) & (events["date_start"].dt.year <= last)]
    return timeline_chart(
        events.reset_index(drop=True), first, last, title=f"Events reported in {found.book()}, {first}–{last}"
    )
