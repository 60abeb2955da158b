"""Lesson 00, the course guide: the glossary and the people as searchable tables, the timeline of events, and
the practice exercises of the Python steps the worksheets use."""

from __future__ import annotations

import unicodedata

import pandas as pd

from ..checks import Drawing, Exercise, Mistake, register
from ..data import load, value
from ..plotting import live
from ..timeline import TIMELINE_END, TIMELINE_START, categories, timeline_chart, timeline_events

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


def search_words_and_people(text: str = "") -> pd.DataFrame:
    """Glossary terms and people whose name or description contains ``text``: one table, a row per term and
    per place where the book gives a person a role (``kind`` says which), with the chapter it comes from."""
    terms = load("glossary").rename(columns={"term": "name", "definition": "meaning"}).assign(kind="term")
    people = load("people").rename(columns={"role": "meaning"}).assign(kind="person")
    both = pd.concat([terms, people], ignore_index=True)[["kind", "name", "meaning", "chapter"]]
    wanted = _fold(text).replace(" ", "")
    hay = (both["name"] + " " + both["meaning"]).map(lambda s: _fold(s).replace(" ", ""))
    return (both[hay.str.contains(wanted, regex=False)] if wanted else both).reset_index(drop=True)


def words_and_people_widget():
    """A search box over the glossary and the people: type part of a word or a name, see what matches."""
    import ipywidgets as widgets

    box = widgets.Text(value="", placeholder="a word or a name, e.g. finance", description="Search:")
    return live(search_words_and_people, text=box)


# ---- timeline ------------------------------------------------------------------------------


#: The book's own periods of the NEP years, as its Introduction divides them: each is an event of the
#: ``period`` category (its title and dates come from the events table), and runs until the next begins.
BOOK_PERIODS = (
    "nep-first-interpretation-until-1925",
    "party-policy-contradictions-from-1926",
    "economic-political-crisis-opens-1928",
    "peasant-government-conflict-decisive-1929",
    "five-year-plans-period-begins-1930",
)


def book_periods() -> list[tuple[str, tuple[int, int]]]:
    """The book's periods as (label, (first year, last year)): each from its own start to the year before
    the next period starts (the last, to its own end)."""
    events = load("events").set_index("event_id")
    firsts = [int(events.loc[key, "date_start"].year) for key in BOOK_PERIODS]
    lasts = [nxt - 1 for nxt in firsts[1:]] + [int(events.loc[BOOK_PERIODS[-1], "date_end"].year)]
    return [
        (f"{a}–{b}: {events.loc[key, 'title']}" if a != b else f"{a}: {events.loc[key, 'title']}", (a, b))
        for key, a, b in zip(BOOK_PERIODS, firsts, lasts)
    ]


def lesson_choices() -> list[tuple[str, str | None]]:
    """'all lessons', then each lesson whose chapters report events, by number and the book's chapters."""
    from ..registry import lessons

    reported = set(load("events")["chapter"])
    return [("all lessons", None)] + [
        (f"{x.number} · {x.book()}", x.number) for x in lessons() if set(x.chapters) & reported
    ]


def whole_book_events(categories, years, lesson=None) -> pd.DataFrame:
    """The events the whole-book timeline draws: of these categories, overlapping these years, and reported
    in the chapters of ``lesson`` (a lesson number; None: every lesson)."""
    from ..registry import lesson as find_lesson

    chapters = None if lesson is None else list(find_lesson(lesson).chapters)
    return timeline_events(list(categories), *years, chapters=chapters)


def timeline_widget():
    """The whole book in one view: choose the kinds of event, one of the book's periods (or any years) and
    a lesson; the timeline redraws (in a live notebook)."""
    import ipywidgets as widgets

    from ..registry import lesson as find_lesson

    names = sorted(categories())
    pick = widgets.SelectMultiple(
        options=names, value=("party", "procurement"), rows=len(names), description="Categories"
    )
    years = widgets.IntRangeSlider(
        value=(1927, 1929), min=TIMELINE_START, max=TIMELINE_END, description="Years", continuous_update=False
    )
    periods = book_periods()
    whole = (f"{TIMELINE_START}–{TIMELINE_END}: the whole book", (TIMELINE_START, TIMELINE_END))
    period = widgets.Dropdown(
        options=[("the years set below", None), whole, *periods], value=None, description="Period"
    )
    choose = widgets.Dropdown(options=lesson_choices(), value=None, description="Lesson")

    def draw(categories, years, lesson):
        events = whole_book_events(categories, years, lesson)
        where = "in the book" if lesson is None else f"in lesson {lesson} ({find_lesson(lesson).book()})"
        return timeline_chart(events, *years, title=f"Events {where}, {years[0]}–{years[1]}")

    def to_period(change) -> None:
        if change["new"] is not None:
            years.value = change["new"]

    def from_years(change) -> None:
        if period.value is not None and period.value != tuple(change["new"]):
            period.value = None

    period.observe(to_period, names="value")
    years.observe(from_years, names="value")
    box = live(draw, categories=pick, years=years, lesson=choose)
    box.children = (pick, period, years, choose, box.view)
    return box


# ---- practice exercises of lesson 00 -------------------------------------------------------


def _definition(term: str) -> str:
    return value("glossary", "definition", term=term, origin="glossary")


def _events_starting_in(year: int) -> int:
    return int((load("events")["date_start"].dt.year == year).sum())


def _events_touching(year: int) -> int:
    events = load("events")
    return int(((events["date_start"].dt.year <= year) & (events["date_end"].dt.year >= year)).sum())


def _harvest(period: str) -> float:
    return value("intro_grain", series="harvest", period=period)


def _procurement(period: str) -> float:
    return value("intro_grain", series="procurement", period=period)


def _mean_harvest_as_percent_of_prewar(include_prewar: bool = False) -> float:
    """The average of the harvests in intro_grain as a percent of the prewar average (1909–1913): with the
    prewar row left out (the NEP years, the exercise), or wrongly kept in (a mistake to recognize)."""
    grain = load("intro_grain")
    harvests = grain[grain["series"] == "harvest"]
    if not include_prewar:
        harvests = harvests[harvests["period"] != "1909–1913"]
    return float(harvests["value"].mean()) / _harvest("1909-1913") * 100


register(
    Exercise(
        "0.1",
        lambda: _definition("Gosplan"),
        kind="choice",
        choices=("State bank", "State Planning Commission", "People's Commissariat of Finance"),
        hint="Search the words and people for 'Gosplan' and copy what its row means.",
        mistakes=(
            Mistake(lambda: _definition("Gosbank"), "That is Gosbank, the State bank. Gosplan is another body."),
            Mistake(lambda: _definition("Narkomfin"), "That is Narkomfin. Search for 'Gosplan'."),
        ),
    )
)
register(
    Exercise(
        "0.2",
        lambda: _events_starting_in(1928),
        kind="count",
        tolerance=0,
        unit="events",
        hint="Keep the rows whose date_start is in 1928 and count them with len(...).",
        mistakes=(
            Mistake(
                lambda: _events_touching(1928),
                "You counted every event that overlaps 1928, including ones that began earlier. Count only those "
                "whose date_start is in 1928.",
            ),
        ),
    )
)
register(
    Exercise(
        "0.3",
        lambda: _harvest("1926–1927"),
        tolerance=0.001,
        unit="million metric tons",
        hint="Load intro_grain, keep the row with series 'harvest' and period '1926–1927', and read its value.",
        mistakes=(
            Mistake(lambda: _harvest("1927–1928"), "That is the 1927–1928 harvest, the year after."),
            Mistake(lambda: _harvest("1909–1913"), "That is the prewar average of 1909–1913."),
        ),
    )
)
register(
    Exercise(
        "0.4",
        lambda: _procurement("1927-1928"),
        tolerance=0.001,
        unit="million metric tons",
        hint='value("intro_grain", series="procurement", period="1927-1928") reads it; a hyphen is fine.',
        mistakes=(
            Mistake(lambda: _procurement("1926-1927"), "That is the procurement of 1926–1927, the year before."),
            Mistake(lambda: _harvest("1927-1928"), 'That is the harvest of 1927–1928: ask for series="procurement".'),
        ),
    )
)
register(
    Exercise(
        "0.5",
        lambda: _mean_harvest_as_percent_of_prewar(),
        unit="percent",
        hint="Keep the harvest rows except 1909–1913, take the .mean() of their values, divide by the prewar "
        "average and multiply by 100.",
        mistakes=(
            Mistake(
                lambda: _mean_harvest_as_percent_of_prewar(include_prewar=True),
                "Your average includes the prewar average itself: keep only the three NEP years.",
            ),
            Mistake(
                lambda: _harvest("1927-1928") / _harvest("1909-1913") * 100,
                "That is the last year alone (1927–1928): average the three NEP years first.",
            ),
        ),
    )
)


def harvests_as_percent_of_prewar(as_percent: bool = True) -> pd.Series:
    """Each harvest of intro_grain, labelled by its period in the table's order: as a percent of the prewar
    average (1909–1913), the chart exercise 0.6 asks for, or in million metric tons as printed (a mistake)."""
    grain = load("intro_grain")
    harvests = grain[grain["series"] == "harvest"].set_index("period")["value"]
    return harvests / _harvest("1909-1913") * 100 if as_percent else harvests


register(
    Exercise(
        "0.6",
        harvests_as_percent_of_prewar,
        kind="figure",
        tolerance=0.05,
        hint="One bar per harvest row of grain: the period along the bottom, the value divided by the prewar "
        "average and multiplied by 100 as the height (Step 9).",
        drawing=Drawing(marks="bars", what="periods", source=False),
        mistakes=(
            Mistake(
                lambda: harvests_as_percent_of_prewar(as_percent=False),
                "Your bars are the harvests in million metric tons, as printed: divide each by the prewar average "
                "and multiply by 100, so that the prewar bar stands at 100.",
            ),
        ),
    )
)
