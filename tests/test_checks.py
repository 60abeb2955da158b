"""Self-checks: the right answer is computed from the data; wrong answers get specific feedback; nothing raises."""

import numpy as np
import pandas as pd
import pytest

from nepcourse import check
from nepcourse.checks import CORRECT, INVALID, UNANSWERED, WRONG, Exercise, _normal, _registry

EXERCISES = _registry()
LABELS = sorted(EXERCISES)
NUMERIC = [label for label in LABELS if EXERCISES[label].kind in ("number", "count")]
CHOICE = [label for label in LABELS if EXERCISES[label].kind == "choice"]


def test_every_exercise_is_of_a_known_kind():
    assert {EXERCISES[label].kind for label in LABELS} <= {"number", "count", "choice"}


@pytest.mark.parametrize("label", LABELS)
def test_the_placeholder_is_not_answered_yet(label):
    feedback = check(label, ...)
    assert feedback.status == UNANSWERED and "not answered yet" in repr(feedback)


@pytest.mark.parametrize("label", LABELS)
def test_each_likely_mistake_gets_its_own_feedback(label):
    exercise = EXERCISES[label]
    right = exercise.compute()
    for mistake in exercise.mistakes:
        wrong = mistake.compute()
        assert wrong != right
        feedback = check(label, wrong)
        assert feedback.status == WRONG, (label, wrong, feedback)
        assert mistake.message in feedback.message


@pytest.mark.parametrize("label", NUMERIC)
def test_a_far_wrong_number_gets_the_hint(label):
    exercise = EXERCISES[label]
    feedback = check(label, float(exercise.compute()) * 1.7 + 13.1)
    assert feedback.status == WRONG and exercise.hint in feedback.message


@pytest.mark.parametrize("label", CHOICE)
def test_a_wrong_option_gets_the_hint_and_a_misspelling_is_named(label):
    exercise = EXERCISES[label]
    taken = {_normal(exercise.compute())} | {_normal(m.compute()) for m in exercise.mistakes}
    others = [c for c in exercise.choices if _normal(c) not in taken]
    if others:
        assert exercise.hint in check(label, others[0]).message
    assert check(label, "no such option").status == INVALID
    assert "not one of the options" in check(label, "no such option").message
    assert check(label, str(exercise.compute()).upper()).status == CORRECT


@pytest.mark.parametrize("label", NUMERIC)
def test_mistyped_answers_are_explained(label):
    right = float(EXERCISES[label].compute())
    assert check(label, "twelve").status == INVALID
    assert "wants a number" in check(label, "twelve").message
    assert check(label, None).status == INVALID
    assert check(label, True).status == INVALID
    assert check(label, [right, right]).status == INVALID
    assert check(label, float("nan")).status == INVALID
    as_text = check(label, f"{right}")
    assert as_text.status == CORRECT and "without quotes" in as_text.message
    assert check(label, np.float64(right)).status == CORRECT
    assert check(label, pd.Series([right])).status == CORRECT


def test_common_slips_are_recognized():
    share = EXERCISES["1.2"].compute()
    assert "fraction" in check("1.2", share / 100).message
    fall = EXERCISES["1.3"].compute()
    assert "sign" in check("1.3", -fall).message
    assert "keep more decimals" in check("1.2", round(share, 0)).message


def test_an_unknown_label_lists_the_lessons_labels():
    feedback = check("1.99", 1)
    assert feedback.status == INVALID and "1.2" in feedback.message and "0.1" not in feedback.message
    assert 'like "4.2"' in check("99.1", 1).message and 'like "4.2"' in check("one", 1).message


def test_a_label_written_as_a_number_is_explained():
    feedback = check(1.2, EXERCISES["1.2"].compute())
    assert feedback.status == INVALID and 'check("1.2", answer)' in feedback.message


def test_a_label_with_spaces_around_it_is_accepted():
    assert check(" 1.2 ", EXERCISES["1.2"].compute()).status == CORRECT


def test_a_check_imports_only_its_own_lesson(monkeypatch):
    import subprocess
    import sys

    code = (
        "import sys; from nepcourse import check; check('1.2', 3); "
        "print(sorted(m for m in sys.modules if m.startswith('nepcourse.lessons.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['nepcourse.lessons.introduction']"


def test_a_broken_check_never_raises(monkeypatch):
    def boom():
        raise KeyError("no such row")

    monkeypatch.setitem(EXERCISES, "1.99", Exercise("1.99", boom))
    feedback = check("1.99", 3)
    assert feedback.status == INVALID and "tell your instructor" in feedback.message


def test_feedback_shows_as_text_and_html():
    feedback = check("1.2", ...)
    assert repr(feedback).startswith("… Exercise 1.2")
    assert "<div" in feedback._repr_html_()
