"""Self-checks for exercises: ``check("1.3", answer)`` says whether an answer is right.

The right answer is never written in a notebook or here as a literal: each exercise computes it from
the course's data when it is checked. A wrong answer gets feedback that says what probably went
wrong; ``...`` (the placeholder in the worksheets) gets "not answered yet". ``check`` never raises.
"""

from __future__ import annotations

import html
import importlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field

CORRECT, WRONG, UNANSWERED, INVALID = "correct", "wrong", "not answered", "invalid"


@dataclass(frozen=True)
class Mistake:
    """A likely wrong answer (computed the way a student might go wrong) and what to say about it."""

    compute: Callable[[], object]
    message: str


@dataclass(frozen=True)
class Exercise:
    label: str
    compute: Callable[[], object]
    kind: str = "number"  # "number", "count" (of rows: it does not change with the values) or "choice"
    tolerance: float = 0.05  # for numbers: how far from the exact result still counts
    unit: str = ""
    hint: str = "Look again at the figures the exercise names."
    mistakes: tuple[Mistake, ...] = field(default_factory=tuple)
    choices: tuple[str, ...] = ()  # for "choice": the accepted spellings of all options


EXERCISES: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add an exercise to the registry (lesson modules call this at import)."""
    EXERCISES[exercise.label] = exercise
    return exercise


def _registry() -> dict[str, Exercise]:
    """Every lesson's exercises (imports every lesson module)."""
    from .registry import lessons

    for lesson in lessons():
        importlib.import_module(lesson.module)
    return EXERCISES


def _exercise(label: object) -> Exercise | Feedback:
    """The exercise a label names (importing only its own lesson's module), or the feedback that says why not."""
    from .registry import UnknownLesson, of_label

    if not isinstance(label, str):
        return Feedback(
            str(label),
            INVALID,
            f'write the exercise\'s label in quotes, like check("{label}", answer), not check({label}, answer).',
        )
    label = label.strip()
    try:
        lesson = of_label(label)
        importlib.import_module(lesson.module)
    except UnknownLesson:
        lesson = None
    if label in EXERCISES:
        return EXERCISES[label]
    if lesson is None:
        where = "Labels look like \"4.2\": the lesson's number, a point, the exercise's number."
    else:
        known = sorted(
            (k for k in EXERCISES if k.startswith(lesson.exercise_prefix)), key=lambda s: [int(p) for p in s.split(".")]
        )
        where = f"Lesson {lesson.number}'s labels are: {', '.join(known)}."
    return Feedback(label, INVALID, f"there is no exercise {label!r}. {where}")


@dataclass(frozen=True)
class Feedback:
    """What ``check`` answers: a status and a message, shown as a coloured box in a notebook."""

    label: str
    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    def __repr__(self) -> str:
        mark = {CORRECT: "✔", WRONG: "✘", UNANSWERED: "…", INVALID: "?"}[self.status]
        return f"{mark} Exercise {self.label}: {self.message}"

    def _repr_html_(self) -> str:
        colour = {CORRECT: "#e6f4ea", WRONG: "#fdecea", UNANSWERED: "#f1f3f4", INVALID: "#fff4e5"}[self.status]
        return f'<div style="background:{colour};padding:6px 10px;border-radius:4px">{html.escape(repr(self))}</div>'


def _as_number(answer: object) -> tuple[float | None, str]:
    """The answer as a number, or None with the reason; a second string notes a forgiven slip."""
    if isinstance(answer, bool):
        return None, "this exercise wants a number, not True or False."
    if isinstance(answer, (int, float)) and not isinstance(answer, bool):
        if math.isnan(answer):
            return None, "your answer is NaN ('not a number'): check that the table lookup found a row."
        return float(answer), ""
    if isinstance(answer, str):
        cleaned = answer.strip().replace(",", "").replace("%", "").strip()
        try:
            return float(
                cleaned
            ), " (You gave text in quotes; I read it as a number. Next time write the number without quotes.)"
        except ValueError:
            return None, f"this exercise wants a number, like 12.5, not the text {answer!r}."
    try:  # a one-value pandas Series or numpy number
        return float(answer.item() if hasattr(answer, "item") else answer), ""
    except (TypeError, ValueError):
        kind = type(answer).__name__
        return None, f"this exercise wants one number; you gave a {kind}. Pick out the single value you need."


def _format(value: float, unit: str) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()


def _check_number(ex: Exercise, answer: object) -> Feedback:
    value, note = _as_number(answer)
    if value is None:
        return Feedback(ex.label, INVALID, note[0].upper() + note[1:])
    right = float(ex.compute())
    close = lambda target: abs(value - float(target)) <= ex.tolerance  # noqa: E731
    if close(right):
        return Feedback(ex.label, CORRECT, f"correct: {_format(right, ex.unit)}.{note}")
    for mistake in ex.mistakes:
        if close(mistake.compute()):
            return Feedback(ex.label, WRONG, f"not yet. {mistake.message}{note}")
    if right and close(right / 100):
        return Feedback(
            ex.label, WRONG, f"not yet. Your answer looks like a fraction: multiply by 100 to get percent.{note}"
        )
    if right and close(right * 100):
        return Feedback(
            ex.label,
            WRONG,
            f"not yet. Your answer is 100 times too big: is it a percentage where a plain ratio is wanted?{note}",
        )
    if right and close(-right):
        return Feedback(
            ex.label, WRONG, f"not yet. The size is right but the sign is not: which way did the figure move?{note}"
        )
    if right and abs(value - right) <= max(1.0, abs(right) * 0.02):
        return Feedback(
            ex.label, WRONG, f"close, but not within {ex.tolerance:g}: keep more decimals until the last step.{note}"
        )
    return Feedback(ex.label, WRONG, f"not yet. {ex.hint}{note}")


def _normal(text: object) -> str:
    text = str(text).lower().replace("–", "-").replace("—", "-").replace("’", "'")
    return " ".join(text.split())


def _check_choice(ex: Exercise, answer: object) -> Feedback:
    if not isinstance(answer, str):
        return Feedback(ex.label, INVALID, f"this exercise wants one of these, in quotes: {', '.join(ex.choices)}.")
    given, right = _normal(answer), _normal(ex.compute())
    if given == right:
        return Feedback(ex.label, CORRECT, f"correct: {ex.compute()}.")
    for mistake in ex.mistakes:
        if given == _normal(mistake.compute()):
            return Feedback(ex.label, WRONG, f"not yet. {mistake.message}")
    if ex.choices and given not in {_normal(c) for c in ex.choices}:
        return Feedback(
            ex.label, INVALID, f"{answer!r} is not one of the options: {', '.join(ex.choices)}. Check the spelling."
        )
    return Feedback(ex.label, WRONG, f"not yet. {ex.hint}")


def check(label: str, answer: object) -> Feedback:
    """Check an exercise's answer. ``answer`` is a number (or one of the options for a choice).

    >>> check("1.2", ...)
    … Exercise 1.2: not answered yet: replace ... with your answer and run the cell again.
    """
    try:
        ex = _exercise(label)
        if isinstance(ex, Feedback):
            return ex
        label = ex.label
        if answer is Ellipsis:
            return Feedback(label, UNANSWERED, "not answered yet: replace ... with your answer and run the cell again.")
        if answer is None:
            return Feedback(
                label, INVALID, "your answer is None: did the cell compute a value and store it in `answer`?"
            )
        return _check_choice(ex, answer) if ex.kind == "choice" else _check_number(ex, answer)
    except Exception as err:  # a self-check must never stop a student's notebook
        return Feedback(
            str(label), INVALID, f"the check itself failed ({type(err).__name__}: {err}); tell your instructor."
        )
