"""The timeline of the book's events: the whole book (lesson 00) or one lesson's chapters.

Every lesson ends its history with ``lesson_timeline("04")``: the key events its own chapters report (the
``key`` column of the events table), on an axis fitted to them; ``key_only=False`` draws all of them.

The chart lays itself out by hand, in inches, instead of with matplotlib's constrained layout: each event
has a row of fixed height, its label goes right of its bar, left of it where the right side has no room, or
above it where neither side has; so labels never overlap each other, other rows' bars or the axes' edges, and
the chart draws once, fast (constrained layout measured every label twice per draw).
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.layout_engine import LayoutEngine

from . import plotting
from .data import load, metadata
from .plotting import SOURCE_TAG, add_source, chart, decorate

TIMELINE_START, TIMELINE_END = 1917, 1930
#: The most key events a lesson's chapters may have (its timeline draws them, one row each).
KEY_EVENTS_PER_LESSON = 25

#: Each category's colour, from the course's Okabe–Ito palette (``course.mplstyle``) but without its yellow,
#: which cannot be read on white, and its marker shape. The shape, drawn at the start of every bar and shown
#: in the legend beside the colour, carries the category for readers who cannot tell the colours apart or
#: print in grey. A shape rather than a word before each label: the labels are already long, a word would
#: push more of them to a second line, and a marker also shows one-day events, whose bars are too thin to see.
CATEGORY_STYLE = {
    "party": ("#0072B2", "o"),
    "policy": ("#009E73", "s"),
    "procurement": ("#D55E00", "D"),
    "period": ("#E69F00", "^"),
    "writing": ("#CC79A7", "P"),
    "war": ("#000000", "X"),
    "revolution": ("#56B4E9", "*"),
}
UNSTYLED = ("#666666", "o")  # a category added to the metadata before it is given a style here

# The layout, in inches (the figure is WIDTH wide; its height follows the number of rows).
WIDTH, SIDE = 11.0, 0.2  # figure width; margin left and right of the axes
TOP = 0.7  # above the axes: the title, and the legend under it
BOTTOM = 0.62  # below the axes: tick labels and the axis label (the source line adds its own lines)
SOURCE_LINE = 0.16  # height of one line of the source line
FONT = 8  # points, the labels and the legend
ROW, STACKED_ROW = 0.24, 0.40  # a row with its label beside the bar; with its label above it
BAR = 0.09  # bar thickness (thinner than the marker, so that its shape shows)
PAD = 0.05  # between a row's top and its label, in a stacked row
TEXT = 0.15  # height of a line of label text
GAP = 0.06  # between a bar (or its marker) and its label
MARK = 0.06  # half the marker's width
MARKER_SIZE = 8.5  # points
TITLE_PAD = 24  # points between the axes and the title: room for the legend


class FixedLayout(LayoutEngine):
    """The timeline places its axes itself; this engine only tells matplotlib (and ``add_source``, which asks
    for room under the axes) that nothing is to be moved at draw time."""

    _adjust_compatible = False
    _colorbar_gridspec = False

    def set(self, **kwargs) -> None:
        self._params.update(kwargs)

    def execute(self, fig) -> None:
        pass


def categories() -> dict[str, str]:
    """The event categories and what each covers (from the events table's metadata)."""
    return metadata("events")["categories"]


def timeline_events(
    categories: list[str] | None = None,
    start_year: int = TIMELINE_START,
    end_year: int = TIMELINE_END,
    chapters: list[str] | None = None,
    key_only: bool = False,
) -> pd.DataFrame:
    """Events that overlap the years ``start_year``–``end_year``, of the given categories and chapters
    of the book (``chapters=["1.1"]``: only events that chapter reports), by date; ``key_only``: only those
    marked key (shown on their lesson's timeline)."""
    events = load("events")
    if categories is not None:
        categories = [categories] if isinstance(categories, str) else list(categories)
        known = list(metadata("events")["categories"])
        unknown = [c for c in categories if c not in known]
        if unknown:
            raise ValueError(
                f"no event category {', '.join(map(repr, unknown))}; the categories are {', '.join(known)}"
            )
    keep = (events["date_end"].dt.year >= start_year) & (events["date_start"].dt.year <= end_year)
    if categories is not None:
        keep &= events["category"].isin(categories)
    if chapters is not None:
        keep &= events["chapter"].isin(list(chapters))
    if key_only:
        keep &= events["key"]
    return events[keep].sort_values(["date_start", "date_end"]).reset_index(drop=True)


def event_date_label(event) -> str:
    """The date as printed, with its year added where the book leaves it to the context ("February")."""
    printed = str(event.date_printed)
    year = str(event.date_start.year)
    return printed if any(ch.isdigit() for ch in printed) else f"{printed} [{year}]"


def text_width(text: str, size: float = FONT) -> float:
    """The width in inches a one-line text takes, measured from the font (without drawing anything)."""
    return plotting.text_width(text, size)


@dataclass
class Row:
    """Where one event is drawn: its bar's centre line and its label's place, in inches from the axes' top
    left corner (y grows downwards)."""

    bar_y: float
    text_x: float
    text_y: float
    align: str  # the label's horizontal alignment: "left" (right of the bar, or above it) or "right"
    height: float


def place_rows(starts, ends, widths, axes_width: float) -> list[Row]:
    """Rows for bars from ``starts`` to ``ends`` with labels ``widths`` wide (all in inches): the label goes
    right of its bar and marker if it fits, else left of them, else above the bar (a taller row)."""
    rows, top = [], 0.0
    for x0, x1, w in zip(starts, ends, widths):
        right = max(x1, x0 + MARK) + GAP
        left = x0 - MARK - GAP
        if right + w <= axes_width:
            row = Row(top + ROW / 2, right, top + ROW / 2, "left", ROW)
        elif left - w >= 0:
            row = Row(top + ROW / 2, left, top + ROW / 2, "right", ROW)
        else:
            x = min(max(x0 - MARK, 0.0), axes_width - w)
            bar_y = top + PAD + TEXT + (STACKED_ROW - PAD - TEXT) / 2
            row = Row(bar_y, x, top + PAD + TEXT / 2, "left", STACKED_ROW)
        rows.append(row)
        top += row.height
    return rows


def year_ticks(first: int, last: int, axes_width: float) -> list[int]:
    """The years to label: every 1, 2, 5, 10 or 20 years, the closest step that leaves room between labels."""
    years = last - first + 1
    step = next((s for s in (1, 2, 5, 10, 20) if years / s * 0.8 <= axes_width), 50)
    return [y for y in range(first, last + 1) if y % step == 0]


def _legend(ax, shown: list[str]) -> None:
    """One entry per category drawn, with its marker in its colour, in a line above the axes."""
    handles = [c for c in ax.collections if c.get_label() in shown]
    ax.legend(
        handles=handles,
        labels=[h.get_label() for h in handles],
        loc="lower left",
        bbox_to_anchor=(0, 1),
        ncols=len(handles),
        fontsize=FONT,
        borderaxespad=0.2,
        handletextpad=0.2,
        columnspacing=1.2,
        scatterpoints=1,
    )


def _source_lines(fig) -> int:
    """The number of lines the source line takes (``add_source`` wraps it to the figure's width)."""
    return next(t for t in fig.texts if t.get_gid() == SOURCE_TAG).get_text().count("\n") + 1


def _draw_events(ax, events: pd.DataFrame, starts, ends, rows: list[Row], per_inch: float) -> list[str]:
    """Bars and markers, one call each per category (not per event: that is what cost time), and the labels;
    every bar and label carries its event's id as gid. Returns the categories drawn, in legend order."""
    bar_y = np.array([r.bar_y for r in rows])
    present = set(events["category"])
    drawn = [c for c in CATEGORY_STYLE if c in present] + sorted(present - set(CATEGORY_STYLE))
    for category in drawn:
        colour, marker = CATEGORY_STYLE.get(category, UNSTYLED)
        mine = (events["category"] == category).to_numpy()
        bars = ax.barh(bar_y[mine], (ends - starts)[mine], left=starts[mine], height=BAR, color=colour)
        for bar, event_id in zip(bars, events["event_id"][mine]):
            bar.set_gid(f"event:{event_id}")
        ax.scatter(
            starts[mine], bar_y[mine], s=MARKER_SIZE**2, marker=marker, color=colour, edgecolors="#222222",
            linewidths=0.6, zorder=3, clip_on=False, label=category,
        )  # fmt: skip
    xmin = ax.get_xlim()[0]
    labels = [f"{event_date_label(e)}: {e.title}" for e in events.itertuples()]
    for event_id, label, row in zip(events["event_id"], labels, rows):
        ax.text(xmin + row.text_x / per_inch, row.text_y, label, ha=row.align, va="center", fontsize=FONT,
                gid=f"event:{event_id}")  # fmt: skip
    if not rows:
        ax.text(0.5, 0.5, "No events match.", transform=ax.transAxes, ha="center", va="center", fontsize=FONT)
    return drawn


@dataclass
class Layout:
    """Where a timeline puts everything, computed before anything is drawn (so it can be checked without
    drawing): the axes' date range (matplotlib date numbers) and width in inches, each event's bar from
    ``starts`` to ``ends`` (date numbers), its label's width in inches, and its row."""

    xmin: float
    xmax: float
    axes_width: float
    per_inch: float
    starts: np.ndarray
    ends: np.ndarray
    widths: list[float]
    rows: list[Row]


def layout(events: pd.DataFrame, start_year: int = TIMELINE_START, end_year: int = TIMELINE_END) -> Layout:
    """The layout of a timeline of ``events`` (sorted by date) on the years ``start_year``–``end_year``."""
    days = np.array([f"{start_year}-01-01", f"{end_year + 1}-01-01"], dtype="datetime64[ns]")
    xmin, xmax = mdates.date2num(days)
    starts = np.clip(mdates.date2num(events["date_start"].to_numpy()), xmin, xmax)
    ends = np.clip(mdates.date2num((events["date_end"] + pd.Timedelta(days=1)).to_numpy()), xmin, xmax)
    axes_width = WIDTH - 2 * SIDE
    per_inch = axes_width / (xmax - xmin)
    widths = [text_width(f"{event_date_label(e)}: {e.title}") for e in events.itertuples()]
    rows = place_rows((starts - xmin) * per_inch, (ends - xmin) * per_inch, widths, axes_width)
    return Layout(xmin, xmax, axes_width, per_inch, starts, ends, widths, rows)


def _date_axis(ax, start_year: int, end_year: int, axes_width: float) -> None:
    """Years on the x axis, no y axis: the rows have no scale."""
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ticks = year_ticks(start_year, end_year, axes_width)
    ax.set_xticks(mdates.date2num(np.array([f"{y}-01-01" for y in ticks], dtype="datetime64[ns]")))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", color="#dddddd")


def _timeline_alt(data, start_year: int = TIMELINE_START, end_year: int = TIMELINE_END) -> str:
    """What the timeline shows, in words: how many events of which categories, and its first and last."""
    events = data.sort_values(["date_start", "date_end"])
    if not len(events):
        return f"An empty timeline, {start_year}–{end_year}: no events match."
    counts = events["category"].value_counts()
    kinds = ", ".join(f"{n} {category}" for category, n in counts.items())
    first, last = events.iloc[0], events.iloc[-1]
    return (
        f"Timeline, {start_year}–{end_year}, of {len(events)} events, one bar each from its first to its last "
        f"day ({kinds}). The first is {first['title']} ({event_date_label(first)}); the last, "
        f"{last['title']} ({event_date_label(last)})."
    )


@chart("events", units=("date",), data=timeline_events, alt=_timeline_alt)
def timeline_chart(data=None, start_year: int = TIMELINE_START, end_year: int = TIMELINE_END, title: str | None = None):
    """The timeline: one row per event of ``data`` (rows of the events table), a bar from its first to its
    last day with a marker at its start, coloured and shaped by category, on the years ``start_year``–``end_year``
    (an event that runs past them is cut at the axis)."""
    events = data.sort_values(["date_start", "date_end"])
    plan = layout(events, start_year, end_year)
    xmin, xmax, per_inch, axes_width = plan.xmin, plan.xmax, plan.per_inch, plan.axes_width
    starts, ends, rows = plan.starts, plan.ends, plan.rows
    axes_height = sum(r.height for r in rows) or 0.5

    fig = Figure(figsize=(WIDTH, 4), layout=FixedLayout())
    ax = fig.add_axes((0, 0, 1, 1), xlim=(xmin, xmax), ylim=(axes_height, 0), autoscale_on=False)
    shown = _draw_events(ax, events, starts, ends, rows, per_inch)
    _date_axis(ax, start_year, end_year, axes_width)
    decorate(ax, xlabel="Date (bars run from the first to the last day the printed date can mean)", legend=False)
    ax.set_title(title or f"Events in the book, {start_year}–{end_year}", pad=TITLE_PAD)
    if shown:
        _legend(ax, shown)
    add_source(fig, "events", chapters=list(dict.fromkeys(events["chapter"])))

    bottom = BOTTOM + SOURCE_LINE * _source_lines(fig)
    height = (TOP + axes_height + bottom) / 0.995  # add_source puts its line 0.5 percent above the bottom
    fig.set_size_inches(WIDTH, height)
    ax.set_position((SIDE / WIDTH, (height - TOP - axes_height) / height, axes_width / WIDTH, axes_height / height))
    return fig


def lesson_timeline(
    lesson: str,
    start_year: int | None = None,
    end_year: int | None = None,
    categories: list[str] | None = None,
    key_only: bool = True,
):
    """The timeline of one lesson: the key events its chapters report (all of them with ``key_only=False``;
    of some ``categories`` only, if given), on the years ``start_year``–``end_year`` or, by default, the
    years from its first event to its last."""
    from .registry import lesson as find_lesson

    found = find_lesson(lesson)
    events = timeline_events(categories, 0, 9999, chapters=list(found.chapters), key_only=key_only)
    first = start_year or (int(events["date_start"].dt.year.min()) if len(events) else TIMELINE_START)
    last = end_year or (int(events["date_end"].dt.year.max()) if len(events) else TIMELINE_END)
    if last < first:
        raise ValueError(f"end_year ({last}) is before start_year ({first})")
    events = events[(events["date_end"].dt.year >= first) & (events["date_start"].dt.year <= last)]
    which = "Key events" if key_only else "Events"
    return timeline_chart(
        events.reset_index(drop=True), first, last, title=f"{which} reported in {found.book()}, {first}–{last}"
    )
