"""Lesson standard 2, part 2 — the history: works named beside the book, people, and rubrics.

Each test is a property over every lesson of the registry: a new lesson is held to all of it from its first
commit.
"""

from __future__ import annotations

import re
from functools import cache

import nbformat
import pandas as pd
import pytest

from nepcourse import load, registry
from tools import references

BOOK_LESSONS = [x for x in registry.lessons() if set(x.chapters) != {"front"}]
BOX = "**Words and people in this lesson**"


@cache
def notebook(path):
    """A notebook read once per test process: the tests below read every lesson many times over."""
    return nbformat.read(path, as_version=4) if path.exists() else None


def cells(lesson, folder, kind="markdown"):
    nb = notebook(lesson.notebook(folder))
    return [c for c in nb.cells if c.cell_type == kind] if nb else []


def each(lessons):
    return [pytest.param(x, id=x.number) for x in lessons]


# ---- works named beside the book ------------------------------------------------------------


def linked(lesson) -> set[str]:
    found = set()
    for folder in ("notebooks", "solutions"):
        for cell in cells(lesson, folder):
            found |= set(references.LINK.findall(cell.source))
    return found


def test_every_linked_work_is_in_the_references_table():
    keys = set(load("references")["key"])
    for lesson in registry.lessons():
        assert linked(lesson) <= keys, f"lesson {lesson.number} links to works not in data/references.csv"


def test_the_references_table_says_which_lessons_name_each_work():
    table = load("references")
    recorded = {key: set(str(lessons).split()) for key, lessons in zip(table["key"], table["lessons"].fillna(""))}
    actual = {key: {x.number for x in registry.lessons() if key in linked(x)} for key in recorded}
    assert recorded == actual, "the lessons column of data/references.csv is stale: run `make build`"


def surname(authors: str) -> list[str]:
    """The surnames in an authors field ('E. H. Carr and R. W. Davies' → Carr, Davies)."""
    names = re.split(r",| and ", re.sub(r"\(eds?\.\)", "", authors))
    return [n.strip().split()[-1] for n in names if n.strip() and "identified" not in n]


def test_a_lesson_that_names_an_author_links_to_the_work():
    table = load("references")
    authors = {name: row.key for row in table.itertuples() for name in surname(row.authors)}
    authors.pop("Bettelheim", None)  # the book's own author
    for lesson in registry.lessons():
        for folder in ("notebooks", "solutions"):
            for cell in cells(lesson, folder):
                for name in authors:
                    if re.search(rf"\b{name}\b", cell.source) and "references.md#" not in cell.source:
                        raise AssertionError(f"{folder}/{lesson.name}: names {name} without linking the work")


def test_the_references_page_is_current():
    assert references.PAGE.read_text(encoding="utf-8") == references.page(), "run `make build`"


# ---- people ---------------------------------------------------------------------------------


def box_entries(lesson) -> list[str]:
    """The bold entries of the lesson's 'Words and people in this lesson' box."""
    for cell in cells(lesson, "notebooks"):
        if cell.source.lstrip().startswith(BOX):
            body = cell.source.split(BOX, 1)[1]
            return re.findall(r"\*\*(.+?)\*\*", body)
    return []


@pytest.mark.parametrize("lesson", each(BOOK_LESSONS))
def test_every_lesson_opens_with_its_words_and_people(lesson):
    assert box_entries(lesson), f"{lesson.name} has no '{BOX}' box"


def test_every_entry_of_a_box_is_a_term_or_a_person():
    known = set(load("glossary")["term"]) | set(load("people")["name"])
    for lesson in registry.lessons():
        unknown = [e for e in box_entries(lesson) if e not in known]
        assert not unknown, f"{lesson.name}: {unknown} are in neither the glossary nor the people table"


def test_every_person_appears_in_some_lesson():
    named = {e for lesson in registry.lessons() for e in box_entries(lesson)}
    people = set(load("people")["name"])
    missing = sorted(people - named)
    assert not missing, f"no lesson mentions {missing}"


def test_a_person_has_one_name():
    people = load("people")
    names = people.groupby("person")["name"].nunique()
    assert (names == 1).all(), names[names > 1]


def test_lesson_00_searches_words_and_people_together():
    from nepcourse.lessons import course_guide

    found = course_guide.search_words_and_people("finance")
    assert {"term", "person"} <= set(found["kind"])
    assert set(course_guide.search_words_and_people("")["kind"]) == {"term", "person"}
    assert course_guide.search_words_and_people("no such word at all").empty


# ---- disagreements, the book and its critics, rubrics ----------------------------------------


@pytest.mark.parametrize("lesson", each(BOOK_LESSONS))
def test_every_lesson_says_where_historians_disagree(lesson):
    headings = [c.source for c in cells(lesson, "notebooks") if c.source.startswith("## Where historians disagree")]
    assert headings, f"{lesson.name} has no '## Where historians disagree' section"
    assert linked(lesson), f"{lesson.name} names no work from the references table"


@pytest.mark.parametrize("lesson", each([registry.lesson("01")]))
def test_lesson_01_presents_the_book_and_its_critics(lesson):
    text = "\n".join(c.source for c in cells(lesson, "notebooks"))
    assert "## The book and its critics" in text
    kinds = set(load("references").set_index("key").loc[sorted(linked(lesson)), "kind"])
    assert {"reader", "historian"} <= kinds, "name readers of the book and historians beside it"


def seminar_questions(lesson) -> int:
    for cell in cells(lesson, "solutions"):
        if cell.source.startswith("## Seminar questions"):
            return len(re.findall(r"^\d+\. ", cell.source, flags=re.M))
    return 0


@pytest.mark.parametrize("lesson", each(registry.lessons()))
def test_every_seminar_question_has_model_notes_and_a_rubric(lesson):
    questions = seminar_questions(lesson)
    assert questions >= 2, f"{lesson.name}: no seminar questions"
    only = [c for c in cells(lesson, "solutions") if "solution-only" in c.metadata.get("tags", [])]
    rubric = next((c.source for c in only if c.source.lstrip().startswith("**Rubric")), "")
    assert rubric, f"{lesson.name}: no solution-only cell starting '**Rubric**'"
    rows = [r for r in rubric.splitlines() if re.match(r"^\|\s*\d+", r)]
    assert len(rows) == questions, f"{lesson.name}: {questions} questions, {len(rows)} rubric rows"
    assert all(len([x for x in r.split("|")[2:-1] if x.strip()]) == 3 for r in rows), "weak, good, excellent"


def test_model_notes_and_rubrics_never_reach_students():
    for lesson in registry.lessons():
        for folder in ("notebooks", "exercises"):
            for cell in cells(lesson, folder):
                for word in ("Model notes", "**Rubric", "Model answer"):
                    assert word not in cell.source, f"{folder}/{lesson.name} shows '{word}' to students"


def test_people_and_references_load_as_tables():
    assert isinstance(load("people"), pd.DataFrame) and isinstance(load("references"), pd.DataFrame)
