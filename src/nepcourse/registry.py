"""The course's lessons: one registry that everything else reads.

The table itself is in ``nepcourse/lessons/__init__.py`` (one line a lesson). From it come the notebooks'
names (``notebooks/04_village_classes.ipynb``), the lesson module (``nepcourse.lessons.village_classes``),
the book chapters a lesson covers (and so which events, terms and claims are its own), the README's table
of lessons, the notebooks' navigation, what makes a notebook's stored outputs stale, the tests and the
benchmark. Nothing else lists the lessons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import paths

FOLDERS = ("notebooks", "solutions", "exercises")


class UnknownLesson(LookupError):
    """No lesson matches; the message lists the lessons there are."""

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Lesson:
    number: str  # "04"
    slug: str  # "village_classes": the notebook's name and the module's
    title: str  # as the lesson's first heading gives it
    chapters: tuple[str, ...]  # the book's chapters it covers (ids of data.CHAPTER_NAMES)
    reads_shared_whole: bool = False  # lesson 00 shows the shared tables whole, not only its chapters' rows

    @property
    def name(self) -> str:
        """``04_village_classes``: the file name of its three notebooks, without ``.ipynb``."""
        return f"{self.number}_{self.slug}"

    @property
    def module(self) -> str:
        """``nepcourse.lessons.village_classes``: its charts, widgets and self-checks."""
        return f"nepcourse.lessons.{self.slug}"

    @property
    def exercise_prefix(self) -> str:
        """Exercise labels of this lesson start with this (``"4."``)."""
        return f"{int(self.number)}."

    def notebook(self, folder: str = "notebooks") -> Path:
        return paths.ROOT / folder / f"{self.name}.ipynb"

    def book(self) -> str:
        """The chapters in words: 'Part 2 (opening), Part 2, ch. 1'."""
        from .data import CHAPTER_NAMES

        return ", ".join(CHAPTER_NAMES[c] for c in self.chapters)


def lessons() -> tuple[Lesson, ...]:
    """Every lesson, in order."""
    from .lessons import LESSONS

    return LESSONS


def lesson(key: object) -> Lesson:
    """The one lesson a key names: its number (``"04"`` or ``4``), its name, or a notebook's path."""
    if isinstance(key, Lesson):
        return key
    text = Path(str(key)).stem if isinstance(key, (str, Path)) else key
    for candidate in lessons():
        if text in (candidate.number, candidate.name, candidate.slug) or (
            isinstance(text, int) and not isinstance(text, bool) and int(candidate.number) == text
        ):
            return candidate
    known = ", ".join(f"{x.number} ({x.slug})" for x in lessons())
    raise UnknownLesson(f"there is no lesson {key!r}; the lessons are {known}")


def of_chapter(chapter: str) -> Lesson:
    """The lesson that covers a chapter of the book."""
    found = [x for x in lessons() if chapter in x.chapters]
    if len(found) != 1:
        raise UnknownLesson(f"chapter {chapter!r} is covered by {len(found)} lessons, not one")
    return found[0]


LABEL = re.compile(r"^(\d+)\.(\d+)$")


def of_label(label: str) -> Lesson:
    """The lesson an exercise label belongs to ("4.2" → lesson 04)."""
    match = LABEL.match(label)
    if not match:
        raise UnknownLesson(f'{label!r} is not an exercise label like "4.2"')
    return lesson(int(match[1]))


def notebooks(folder: str) -> list[Path]:
    """The lessons' notebooks in one of the three folders, in order (only those that exist)."""
    return [x.notebook(folder) for x in lessons() if x.notebook(folder).exists()]
