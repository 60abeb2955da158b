"""Instructor guides (docs/instructors/, written by `make build`): one per lesson, current, with timed session
plans that add up and place every exercise, and every likely wrong answer the self-checks recognize."""

import pytest

from nepcourse import paths, registry
from nepcourse.checks import _registry
from tools import guides

LESSONS = registry.lessons()


def test_the_guides_are_current():
    stale = [paths.relative(p) for p, text in guides.expected().items() if not p.exists() or p.read_text() != text]
    assert not stale, f"stale instructor guides (run `make build`): {stale}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda x: x.name)
def test_every_lesson_has_a_guide_with_usable_session_plans(lesson):
    assert (guides.FOLDER / f"{lesson.name}.md").exists(), f"lesson {lesson.number} has no instructor guide"
    assert f"]({lesson.name}.md)" in (guides.FOLDER / "README.md").read_text(encoding="utf-8")
    assert guides.plan_problems(lesson) == []


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda x: x.name)
def test_every_guide_says_what_each_wrong_answer_reveals(lesson):
    text = (guides.FOLDER / f"{lesson.name}.md").read_text(encoding="utf-8")
    labels = guides.exercises(lesson)
    assert labels, f"lesson {lesson.number}'s worksheet has no exercises"
    for label in labels:
        exercise = _registry()[label]
        assert f"|{label}|" in text
        for mistake in exercise.mistakes:
            assert mistake.message.replace("|", "/").replace("\n", " ") in text, (label, mistake.message)
    for heading in ("## What to assign", "## Objectives", "**50 minutes**", "**90 minutes**", "**Rubric**"):
        assert heading in text, f"{lesson.name}: the guide lacks {heading}"


def test_the_plan_checks_can_fail(monkeypatch):
    lesson = registry.lesson("01")
    good = guides.plan_cell(lesson)
    bad = good.replace("| 5 | Who Bettelheim was", "| 15 | Who Bettelheim was").replace("1.13", "1.99")
    monkeypatch.setattr(guides, "plan_cell", lambda _: bad)
    found = " ".join(guides.plan_problems(lesson))
    assert "add up to 60 minutes, not 50" in found and "1.13" in found and "1.99" in found
    monkeypatch.setattr(guides, "plan_cell", lambda _: None)
    assert "instructor-plan" in guides.plan_problems(lesson)[0]


def test_ranges_of_exercises_count_as_named():
    assert guides.plan_minutes("**50 minutes**\n| 20 | a |\n| 30 | b |\n**90 minutes**\n| 90 | c |\n") == {
        "50 minutes": [20, 30],
        "90 minutes": [90],
    }


def test_the_readme_points_instructors_to_the_guides():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/instructors/README.md)" in readme
