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
    assert {EXERCISES[label].kind for label in LABELS} <= {"number", "count", "choice", "figure"}


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
        if exercise.kind == "figure":  # answered with a chart: the mistake's values drawn as a student draws them
            assert not np.allclose(wrong.values, right.values)
            wrong = student_chart(wrong, source=exercise.drawing.source)[0]
        else:
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


# ---- a chart drawn by a student: a worked example of a "figure" exercise -------------------------


@pytest.fixture
def harvest_exercise(monkeypatch):
    """A fake exercise (registered for the test only): draw the harvest of each period of intro_grain as bars."""
    from nepcourse import load
    from nepcourse.checks import Drawing, Mistake

    def harvests():
        table = load("intro_grain")
        return table[table["series"] == "harvest"].set_index("period")["value"]

    exercise = Exercise(
        "1.98",
        harvests,
        kind="figure",
        tolerance=0.01,
        hint="Draw the rows of the harvest series, in the table's order.",
        drawing=Drawing(marks="bars", what="periods", source=True),
        mistakes=(Mistake(lambda: harvests() * 1000, "Your bars are 1,000 times too tall: the unit is million tons."),),
    )
    monkeypatch.setitem(EXERCISES, "1.98", exercise)
    return harvests()


def student_chart(values, title="Harvests", xlabel="Agricultural year", ylabel="Million metric tons", source=True):
    """A chart drawn the way the course teaches: new_figure, ax.bar, decorate, add_source."""
    from nepcourse import add_source, decorate, new_figure

    fig, ax = new_figure()
    ax.bar(list(values.index), list(values.values))
    decorate(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    if source:
        add_source(fig, "intro_grain")
    return fig, ax


def test_a_right_chart_is_correct_as_a_figure_or_axes(harvest_exercise):
    fig, ax = student_chart(harvest_exercise)
    for answer in (fig, ax, (fig, ax)):
        feedback = check("1.98", answer)
        assert feedback.status == CORRECT, feedback
    assert f"{len(harvest_exercise)} periods" in check("1.98", fig).message


def test_a_chart_with_a_missing_period_is_counted(harvest_exercise):
    fig, _ = student_chart(harvest_exercise.iloc[:-1])
    feedback = check("1.98", fig)
    n = len(harvest_exercise)
    assert feedback.status == WRONG
    assert f"your bars show {n - 1} values, the table has {n} periods" in feedback.message.lower()


def test_a_chart_without_title_labels_or_source_says_what_to_add(harvest_exercise):
    fig, _ = student_chart(harvest_exercise, title=None, ylabel=None, source=False)
    feedback = check("1.98", fig)
    assert feedback.status == WRONG and feedback.message.startswith("almost: the values are right")
    assert "no title: use decorate(ax, title=...)" in feedback.message
    assert "decorate(ax, ylabel=...)" in feedback.message and "add_source(fig" in feedback.message
    assert "xlabel" not in feedback.message


def test_wrong_values_get_specific_feedback(harvest_exercise):
    scaled = check("1.98", student_chart(harvest_exercise * 1000)[0])
    assert scaled.status == WRONG and "1,000 times too tall" in scaled.message
    shuffled = check("1.98", student_chart(harvest_exercise.iloc[::-1])[0])
    assert "in another order" in shuffled.message
    fractions = check("1.98", student_chart(harvest_exercise / 100)[0])
    assert "fractions" in fractions.message
    off = harvest_exercise.copy()
    off.iloc[1] += 5
    one_wrong = check("1.98", student_chart(off)[0])
    assert one_wrong.status == WRONG and off.index[1] in one_wrong.message and "harvest series" in one_wrong.message
    assert f"{harvest_exercise.iloc[1]:g}" not in one_wrong.message, "the feedback gives the answer away"


def test_a_line_where_bars_are_wanted_and_other_answers_are_explained(harvest_exercise):
    from nepcourse import new_figure

    fig, ax = new_figure()
    ax.plot(range(len(harvest_exercise)), harvest_exercise.values)
    assert "asks for bars" in check("1.98", fig).message
    empty, _ = new_figure()
    assert "draws no bars" in check("1.98", empty).message
    assert check("1.98", 82.6).status == INVALID and 'check("1.98", fig)' in check("1.98", 82.6).message
    assert check("1.98", ...).status == UNANSWERED


def test_mislabelled_bars_are_named(harvest_exercise):
    relabelled = harvest_exercise.copy()
    relabelled.index = [f"year {i}" for i in range(len(relabelled))]
    feedback = check("1.98", student_chart(relabelled)[0])
    assert feedback.status == WRONG and "labelled year 0" in feedback.message
    assert f"label each with its period ({', '.join(harvest_exercise.index)})" in feedback.message
