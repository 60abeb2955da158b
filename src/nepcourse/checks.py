"""Self-checks for exercises: ``check("1.3", answer)`` says whether an answer is right.

The right answer is never written in a notebook or here as a literal: each exercise computes it from
the course's data when it is checked. A wrong answer gets feedback that says what probably went
wrong; ``...`` (the placeholder in the worksheets) gets "not answered yet". ``check`` never raises.

An answer can also be a chart the student drew (``check("4.9", fig)``, kind ``"figure"``): ``check`` reads
what the figure draws (its bars' heights, its line's points) and compares it with the values the exercise
computes from the tables, then looks for a title, axis labels and (if asked) a source line, and says
kindly what is missing.
"""

from __future__ import annotations

import html
import importlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

CORRECT, WRONG, UNANSWERED, INVALID = "correct", "wrong", "not answered", "invalid"


@dataclass(frozen=True)
class Mistake:
    """A likely wrong answer (computed the way a student might go wrong) and what to say about it."""

    compute: Callable[[], object]
    message: str


@dataclass(frozen=True)
class Drawing:
    """What a chart drawn for a "figure" exercise must show, besides the values ``compute`` gives (a pandas
    Series: its index names the bars or points, its values are their heights)."""

    marks: str = "bars"  # "bars" (ax.bar or ax.barh) or "line" (ax.plot)
    what: str = "values"  # what the values are, for the feedback: "periods", "groups"…
    title: bool = True
    xlabel: bool = True
    ylabel: bool = True
    source: bool = False  # a source line (add_source(fig, "table"))
    counts: bool = False  # the heights count rows (they follow the rows, not the values: like kind "count")


@dataclass(frozen=True)
class Exercise:
    label: str
    compute: Callable[[], object]
    kind: str = "number"  # "number", "count" (of rows: it does not change with the values), "choice" or "figure"
    tolerance: float = 0.05  # for numbers (and a figure's values): how far from the exact result still counts
    unit: str = ""
    hint: str = "Look again at the figures the exercise names."
    mistakes: tuple[Mistake, ...] = field(default_factory=tuple)
    choices: tuple[str, ...] = ()  # for "choice": the accepted spellings of all options
    drawing: Drawing | None = None  # for "figure": what the chart must show


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
    #: For a "figure" exercise, the chart the student drew: shown above the verdict, so that the cell that
    #: checks a drawing also shows it (a cell displays only its last value, the check).
    figure: object = field(default=None, compare=False, repr=False)

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    def __repr__(self) -> str:
        mark = {CORRECT: "✔", WRONG: "✘", UNANSWERED: "…", INVALID: "?"}[self.status]
        return f"{mark} Exercise {self.label}: {self.message}"

    def _repr_html_(self) -> str:
        colour = {CORRECT: "#e6f4ea", WRONG: "#fdecea", UNANSWERED: "#f1f3f4", INVALID: "#fff4e5"}[self.status]
        box = f'<div style="background:{colour};padding:6px 10px;border-radius:4px">{html.escape(repr(self))}</div>'
        if self.figure is None:
            return box
        from .plotting import picture_html

        return f"<div>{picture_html(self.figure)}</div>{box}"


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


# ---- charts drawn by students ----------------------------------------------------------------


def _figure_and_axes(answer: object):
    """(figure, the axes to read) from a Figure, an Axes or a (fig, ax) pair; (None, None) otherwise."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(answer, tuple) and answer and isinstance(answer[0], Figure):
        answer = answer[0]
    if isinstance(answer, Axes):
        return answer.figure, [answer]
    if isinstance(answer, Figure):
        return answer, list(answer.axes)
    return None, None


def drawn_marks(ax) -> dict[str, list]:
    """What an axes draws, as the check reads it: ``bars`` (one height a bar; widths for ax.barh),
    ``bar_labels`` (the category of each bar, where the axis has categories) and ``line`` (the y values of
    its first plotted line; reference lines such as ax.axhline are not counted)."""
    bars, labels = [], []
    for container in ax.containers:
        if type(container).__name__ != "BarContainer":
            continue
        horizontal = getattr(container, "orientation", "vertical") == "horizontal"
        axis = ax.yaxis if horizontal else ax.xaxis
        names = {v: k for k, v in getattr(axis.get_units(), "_mapping", {}).items()}
        for patch in container.patches:
            bars.append(patch.get_width() if horizontal else patch.get_height())
            where = patch.get_y() + patch.get_height() / 2 if horizontal else patch.get_x() + patch.get_width() / 2
            labels.append(names.get(round(where)))
    lines = [line for line in ax.lines if line.get_transform() == ax.transData and len(line.get_ydata()) > 1]
    line = [float(v) for v in lines[0].get_ydata()] if lines else []
    return {"bars": bars, "bar_labels": labels if all(x is not None for x in labels) else [], "line": line}


def _same_values(drawn: list, wanted: list, tolerance: float) -> bool:
    return len(drawn) == len(wanted) and all(abs(float(a) - float(b)) <= tolerance for a, b in zip(drawn, wanted))


def _as_series(expected: object):
    import pandas as pd

    return expected if isinstance(expected, pd.Series) else pd.Series(list(expected))


def _presentation_problems(fig, ax, wants: Drawing) -> list[str]:
    """What the chart lacks that every course chart has: a title, labelled axes, a source line."""
    from .plotting import source_of

    problems = []
    if wants.title and not (ax.get_title(loc="left") or ax.get_title() or ax.get_title(loc="right")):
        problems.append("your chart has no title: use decorate(ax, title=...) to say what it shows")
    if wants.xlabel and not ax.get_xlabel():
        problems.append("its horizontal axis has no label: use decorate(ax, xlabel=...)")
    if wants.ylabel and not ax.get_ylabel():
        problems.append(
            "its vertical axis has no label: say what it measures, and in which unit, with decorate(ax, ylabel=...)"
        )
    if wants.source and source_of(fig) is None:
        problems.append('it has no source line: add one with add_source(fig, "the table\'s name")')
    return problems


def _check_figure(ex: Exercise, answer: object) -> Feedback:
    wants = ex.drawing or Drawing()
    fig, candidates = _figure_and_axes(answer)
    if fig is None:
        kind = type(answer).__name__
        return Feedback(
            ex.label,
            INVALID,
            f'this exercise wants the chart you drew: pass its figure or its axes, like check("{ex.label}", fig), '
            f"not a {kind}.",
        )
    drawn = [(ax, drawn_marks(ax)) for ax in candidates]
    if not any(marks["bars"] or marks["line"] or ax.get_title() or ax.get_ylabel() for ax, marks in drawn):
        return Feedback(
            ex.label, UNANSWERED, "not answered yet: draw your chart on ax in the cell above, then run it again."
        )
    key = "bars" if wants.marks == "bars" else "line"
    with_marks = [(ax, marks) for ax, marks in drawn if marks[key]]
    if not with_marks:
        other = "line" if key == "bars" else "bars"
        if any(marks[other] for _, marks in drawn):
            how = "ax.bar(labels, values)" if key == "bars" else "ax.plot(x, values, marker='o')"
            return Feedback(ex.label, WRONG, f"not yet. This exercise asks for {wants.marks}: draw them with {how}.")
        return Feedback(ex.label, WRONG, f"not yet. Your chart draws no {wants.marks} yet: use ax.bar(labels, values).")
    ax, marks = with_marks[0]
    expected = _as_series(ex.compute())
    wanted, values = [float(v) for v in expected.values], marks[key]
    noun = "bars show" if key == "bars" else "line has"
    if len(values) != len(wanted):
        return Feedback(
            ex.label,
            WRONG,
            f"not yet. Your {noun} {len(values)} values, the table has {len(wanted)} {wants.what}: "
            f"one {'bar' if key == 'bars' else 'point'} for each.",
        )
    if not _same_values(values, wanted, ex.tolerance):
        for mistake in ex.mistakes:
            if _same_values(values, [float(v) for v in _as_series(mistake.compute()).values], ex.tolerance):
                return Feedback(ex.label, WRONG, f"not yet. {mistake.message}")
        if _same_values(sorted(values), sorted(wanted), ex.tolerance):
            return Feedback(
                ex.label,
                WRONG,
                f"not yet. The values are right but in another order: keep the table's order of {wants.what}.",
            )
        if _same_values([v * 100 for v in values], wanted, ex.tolerance):
            return Feedback(
                ex.label, WRONG, "not yet. Your values look like fractions: multiply by 100 to draw percent."
            )
        wrong = next(i for i, (a, b) in enumerate(zip(values, wanted)) if abs(a - b) > ex.tolerance)
        name = str(expected.index[wrong]) if not isinstance(expected.index[wrong], int) else f"number {wrong + 1}"
        return Feedback(
            ex.label,
            WRONG,
            f"not yet. Your {'bar' if key == 'bars' else 'point'} for {name} shows {values[wrong]:g}, which is not "
            f"what the table gives. {ex.hint}",
        )
    labels = marks["bar_labels"] if key == "bars" else []
    if labels and not all(isinstance(i, int) for i in expected.index) and list(map(str, expected.index)) != labels:
        return Feedback(
            ex.label,
            WRONG,
            f"not yet. The heights are right, but the bars are labelled {', '.join(labels)}: "
            f"label each with its {wants.what[:-1] if wants.what.endswith('s') else wants.what} "
            f"({', '.join(map(str, expected.index))}).",
        )
    problems = _presentation_problems(fig, ax, wants)
    if problems:
        return Feedback(ex.label, WRONG, f"almost: the values are right, but {'; '.join(problems)}.")
    return Feedback(
        ex.label, CORRECT, f"correct: your chart draws the {len(wanted)} {wants.what}, titled and labelled."
    )


def check(label: str, answer: object) -> Feedback:
    """Check an exercise's answer. ``answer`` is a number (or one of the options for a choice, or the
    figure or axes a student drew for a "figure" exercise).

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
        if ex.kind == "figure":
            feedback = _check_figure(ex, answer)
            fig = _figure_and_axes(answer)[0]
            return feedback if fig is None or feedback.status == UNANSWERED else replace(feedback, figure=fig)
        return _check_choice(ex, answer) if ex.kind == "choice" else _check_number(ex, answer)
    except Exception as err:  # a self-check must never stop a student's notebook
        return Feedback(
            str(label), INVALID, f"the check itself failed ({type(err).__name__}: {err}); tell your instructor."
        )
