"""A notebook's stored outputs go stale only when something it read changes (tools/execution.py).

Each test edits a scratch copy of data/ (or pretends a module changed) and asks which notebooks became
stale: exactly those that read what changed, never every notebook of the course."""

import json
from functools import cache

import pytest

from nepcourse import registry
from tools import execution

ALL = execution.all_notebooks()


@cache
def reads(path):
    import nbformat

    return nbformat.read(path, as_version=4).metadata.get("course", {}).get("inputs", {}).get("tables", {})


@pytest.fixture(scope="module")
def before():
    """Every notebook's staleness before any edit: computed once (each test edits its own scratch copy of
    data/, identical to data/ until it edits it)."""
    return {path: execution.stale_reasons(path) for path in ALL}


def newly_stale(before):
    return {path for path in ALL if execution.stale_reasons(path) != before[path]}


def of_lesson(number):
    return {x.notebook(folder) for x in [registry.lesson(number)] for folder in registry.FOLDERS}


def edit_csv(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_value_in_a_lesson_04_table_makes_only_lesson_04_stale(scratch_data, before):
    # p2c1_foreign_trade: a table only lesson 04 reads (p2c1_kulak_estimates is read by lesson 06's worksheet too)
    edit_csv(scratch_data / "p2c1_foreign_trade.csv", ",22.4,", ",22.5,")
    stale = newly_stale(before)
    assert registry.lesson("04").notebook() in stale
    assert stale <= of_lesson("04"), sorted(p.name for p in stale - of_lesson("04"))
    assert stale == {p for p in ALL if "p2c1_foreign_trade" in reads(p)}


def test_a_table_read_by_two_lessons_makes_both_stale_and_no_other(scratch_data, before):
    edit_csv(scratch_data / "intro_recovery.csv", ",11.17,", ",11.18,")
    stale = newly_stale(before)
    readers = {p for p in ALL if "intro_recovery" in reads(p)}
    assert stale == readers and {registry.lesson(p).number for p in readers} >= {"01", "06"}


def test_an_event_of_one_chapter_makes_only_its_lesson_and_the_guide_stale(scratch_data, before):
    import csv

    path = scratch_data / "events.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    chapter, title = rows[0].index("chapter"), rows[0].index("title")
    next(r for r in rows[1:] if r[chapter] == "2.2")[title] += " (edited)"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    stale = newly_stale(before)
    readers = {p for p in ALL if "events" in reads(p)}
    assert stale == {p for p in readers if registry.lesson(p).number in ("00", "05")}
    assert registry.lesson("05").notebook() in stale and registry.lesson("00").notebook() in stale


def test_a_description_changes_only_what_prints_descriptions(scratch_data, before):
    meta = json.loads((scratch_data / "events.meta.json").read_text(encoding="utf-8"))
    meta["description"] += " Edited."
    (scratch_data / "events.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    stale = newly_stale(before)
    assert stale == {p for p in ALL if reads(p).get("events", [None])[0] == "text"}
    assert len(stale) < len([p for p in ALL if "events" in reads(p)])


def test_a_lesson_module_makes_only_its_lesson_stale(monkeypatch, before):
    real = execution.module_hash
    monkeypatch.setattr(
        execution, "module_hash", lambda m: "edited" if m == "nepcourse.lessons.price_scissors" else real(m)
    )
    assert newly_stale(before) == of_lesson("05")


def test_markdown_never_makes_a_notebook_stale(tmp_path):
    import shutil

    import nbformat

    copy = tmp_path / "notebooks" / "03_planning.ipynb"
    copy.parent.mkdir()
    shutil.copy(registry.lesson("03").notebook(), copy)
    nb = nbformat.read(copy, as_version=4)
    before = execution.stale_reasons(copy)
    next(c for c in nb.cells if c.cell_type == "markdown").source += "\n\nAn added sentence."
    nbformat.write(nb, copy)
    assert execution.stale_reasons(copy) == before
    next(c for c in nb.cells if c.cell_type == "code").source += "\n1 + 1"
    nbformat.write(nb, copy)
    assert "its code cells" in execution.stale_reasons(copy)


def test_a_new_table_makes_stale_only_the_notebooks_that_list_its_chapters_tables(scratch_data, before):
    import shutil

    for suffix in (".csv", ".meta.json"):
        shutil.copy(scratch_data / f"p2c2_rye_barter{suffix}", scratch_data / f"p2c2_copy{suffix}")
    stale = newly_stale(before)
    listing = {p for p in ALL if any(level == "listing" for level, _ in reads(p).values())}
    assert registry.lesson("05").notebook() in stale
    assert stale <= listing and all(registry.lesson(p).number in ("00", "05") for p in stale), sorted(
        p.name for p in stale
    )


def test_a_new_lessons_event_leaves_the_other_lessons_listings_alone(scratch_data, before):
    """A lesson being written adds rows of its own chapter to the shared tables: the other lessons' listings of
    their chapters' tables (which show a shared table by the rows of those chapters) do not change."""
    import csv

    path = scratch_data / "events.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    key, chapter = rows[0].index("key"), rows[0].index("chapter")
    new = list(next(r for r in rows[1:] if r[chapter] == "2.2"))
    new[0], new[chapter], new[key] = "a-new-event-of-part-5", "5", "false"
    with open(path, "a", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerow(new)
    stale = newly_stale(before)
    # lesson 00 shows the shared tables whole; the lesson of Part 5 (once written) lists its own chapter's rows
    own = {"00"} | {x.number for x in registry.lessons() if "5" in x.chapters}
    assert stale and all(registry.lesson(p).number in own for p in stale), sorted(map(str, stale))
