"""The lesson registry: one table (src/nepcourse/lessons/__init__.py) from which everything else is found."""

import importlib

import pytest

from nepcourse import data, registry
from nepcourse.registry import UnknownLesson

LESSONS = registry.lessons()


def test_lessons_are_numbered_in_the_books_order_from_00_to_16():
    """Lesson numbers are fixed by the course's plan (lesson 00 shows it): a lesson not yet written keeps its
    number, so lessons may be added out of order (13 before 10), but never renumbered or out of the book's order."""
    numbers = [x.number for x in LESSONS]
    assert numbers[0] == "00" and numbers == sorted(set(numbers)), numbers
    assert all(len(n) == 2 and n.isdigit() and int(n) <= 16 for n in numbers), numbers
    order = list(data.CHAPTER_NAMES)
    firsts = [min(order.index(c) for c in x.chapters) for x in LESSONS]
    assert firsts == sorted(firsts), "the lessons follow the book's chapters in order"
    assert len({x.slug for x in LESSONS}) == len(LESSONS)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda x: x.name)
def test_every_lesson_has_its_module_chapters_and_title(lesson):
    module = importlib.import_module(lesson.module)
    assert module.__doc__ and module.__name__ == f"nepcourse.lessons.{lesson.slug}"
    assert lesson.chapters and set(lesson.chapters) <= set(data.CHAPTER_NAMES)
    assert lesson.title.strip() == lesson.title and lesson.title


def test_no_chapter_is_covered_twice_and_the_preface_goes_with_lesson_01():
    covered = [c for x in LESSONS for c in x.chapters]
    assert len(covered) == len(set(covered))
    assert registry.of_chapter("preface").number == "01"
    assert [c for c in covered if c not in data.CHAPTER_NAMES] == []


def test_the_course_is_complete_every_chapter_of_the_book_has_its_lesson():
    """Seventeen lessons, 00 to 16, and every chapter of the book (the Preface with 01) in exactly one."""
    assert [x.number for x in LESSONS] == [f"{n:02d}" for n in range(17)]
    assert sorted(c for x in LESSONS for c in x.chapters) == sorted(data.CHAPTER_NAMES)


def test_only_the_guide_reads_the_shared_tables_whole():
    assert [x.number for x in LESSONS if x.reads_shared_whole] == ["00"]


def test_one_lookup_finds_a_lesson_by_number_name_or_notebook():
    four = registry.lesson("04")
    assert registry.lesson(4) is four and registry.lesson("04_village_classes") is four
    assert registry.lesson(four.notebook("exercises")) is four and registry.lesson("village_classes") is four
    assert registry.of_label("4.2") is four and four.exercise_prefix == "4."
    assert four.book() == "Part 2 (opening), Part 2, ch. 1"


@pytest.mark.parametrize("key", ["99", "4.2", None, True])
def test_an_unknown_lesson_lists_the_lessons(key):
    with pytest.raises(UnknownLesson, match="the lessons are 00 .course_guide."):
        registry.lesson(key)


def test_a_bad_label_says_what_a_label_looks_like():
    with pytest.raises(UnknownLesson, match='like "4.2"'):
        registry.of_label("four")
