"""Every chart and widget of every lesson is checked by what it draws, and lessons draw only through them.

A chart is a function marked ``@chart``; a widget is one whose name ends in ``_widget`` (both found by
``nepcourse.plotting.drawing_functions`` through the lesson registry). A test declares what it checks with a
``covers`` mark naming "module.function" strings. These tests fail when a new chart or widget has no such
test, or when a notebook draws a figure some other way.
"""

import json
import re

import pytest

from nepcourse import paths, registry
from nepcourse.plotting import drawing_functions, stored_picture

TESTS = paths.ROOT / "tests"


def declared_covers() -> set[str]:
    names = set()
    for path in TESTS.glob("test_*.py"):
        for args in re.findall(r"mark\.covers\(([^)]*)\)", path.read_text(encoding="utf-8")):
            names.update(re.findall(r"""["']([\w.]+)["']""", args))
    return names


def test_the_lessons_have_charts_and_widgets():
    found = drawing_functions()
    assert any(hasattr(f, "chart") for f in found.values())
    assert any(name.endswith("_widget") for name in found)


def test_every_chart_and_widget_has_a_test_of_what_it_draws():
    missing = sorted(set(drawing_functions()) - declared_covers())
    assert not missing, f"no test is marked @pytest.mark.covers(...) for: {', '.join(missing)}"


def test_every_widget_shows_what_it_draws():
    """A widget must show its result (ipywidgets.interactive alone keeps a figure without showing it), a
    figure as a picture with the chart's alt text."""
    import html

    from matplotlib.figure import Figure

    from nepcourse.plotting import PLACEHOLDER_ALT, WIDGET_TEXT, alt_text

    for name, function in drawing_functions().items():
        if name.endswith("_widget"):
            widget = function()
            assert widget.result is not None, f"{name}: nothing drawn"
            assert repr(widget) == WIDGET_TEXT, f"{name}: a static view would show the widget's Python repr"
            shown = getattr(widget.children[-1], "value", "")
            if isinstance(widget.result, Figure):
                alt = re.search(r'<img alt="([^"]*)" src="data:image/png;base64,', shown)
                assert alt, f"{name}: build it with nepcourse.plotting.live(...) so a live notebook shows what it draws"
                assert alt[1] == html.escape(alt_text(widget.result)) and alt[1], f"{name}: not the chart's alt text"
                assert PLACEHOLDER_ALT not in alt[1]
            else:
                assert "<table" in shown or "Nothing matches" in shown, f"{name}: its table is not shown"


def test_every_covers_mark_names_a_real_chart_or_widget():
    unknown = sorted(declared_covers() - set(drawing_functions()))
    assert not unknown, f"covers(...) names no chart or widget: {', '.join(unknown)}"


def lesson_cells():
    for path in [p for folder in registry.FOLDERS for p in registry.notebooks(folder)]:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                yield f"{path.parent.name}/{path.name}", cell


#: The tag of a cell where students draw a chart themselves (a "figure" exercise): it may draw without a
#: course chart function, but must title and label it with ``decorate`` and have it checked with ``check``.
STUDENT_DRAWING = "student-drawing"


def drawing_offenders(cells) -> list[str]:
    """(notebook, cell) pairs that draw a figure other than through a tested chart or widget function; and
    student-drawing cells that do not call ``decorate`` (where the drawing is: lessons and solutions) and ``check``."""
    short_names = {name.rsplit(".", 1)[1] for name in drawing_functions()}
    short_names.add("lesson_timeline")  # draws through timeline_chart; tests/test_charts.py tests every lesson's
    offenders = []
    for notebook, cell in cells:
        source = "".join(cell["source"])
        tags = cell.get("metadata", {}).get("tags", [])
        called = set(re.findall(r"(\w+)\(", source))
        where = f"{notebook} {cell.get('id')}: {source[:60]!r}"
        if STUDENT_DRAWING in tags:
            # a lesson shows how a student draws (decorate); a worksheet's exercise is checked (check); its solution
            # does both
            folder = notebook.split("/")[0]
            needed = {"notebooks": {"decorate"}, "exercises": {"check"}}.get(folder, {"decorate", "check"})
            if not needed <= called:
                offenders.append(f"{where} (a student-drawing cell must call {' and '.join(sorted(needed))})")
            continue
        draws = any(stored_picture(out) for out in cell.get("outputs", []))
        draws |= "nbval-ignore-output" in tags
        if draws and not called & short_names:
            offenders.append(where)
    return offenders


def test_notebooks_draw_only_through_tested_charts_and_widgets():
    offenders = drawing_offenders(lesson_cells())
    assert not offenders, "cells that draw without a tested chart or widget function:\n" + "\n".join(offenders)


def test_student_drawing_cells_are_exempt_but_must_decorate_and_check():
    png = [
        {"output_type": "display_data", "data": {"text/html": '<img alt="A chart." src="data:image/png;base64,iVBO">'}}
    ]

    def cell(source, tags=()):
        return {"source": source, "metadata": {"tags": list(tags)}, "outputs": png, "id": "cell-900"}

    drawn = "fig, ax = new_figure()\nax.bar(labels, values)\n"
    assert drawing_offenders([("notebooks/x", cell(drawn + "fig"))]), "drawing by hand is refused untagged"
    assert not drawing_offenders(
        [("solutions/x", cell(drawn + "decorate(ax, title='t')\ncheck('4.9', fig)", [STUDENT_DRAWING]))]
    )
    assert not drawing_offenders([("exercises/x", cell("answer = ...\ncheck('4.9', answer)", [STUDENT_DRAWING]))])
    (missing,) = drawing_offenders([("solutions/x", cell(drawn + "check('4.9', fig)", [STUDENT_DRAWING]))])
    assert "must call check and decorate" in missing


def test_the_coverage_scan_can_fail(tmp_path, monkeypatch):
    """A test file that covers only one chart leaves the others reported as missing."""
    (tmp_path / "test_one.py").write_text('@pytest.mark.covers("introduction.grain_chart")\n', encoding="utf-8")
    monkeypatch.setattr(__import__("test_coverage"), "TESTS", tmp_path)
    assert declared_covers() == {"introduction.grain_chart"}
    with pytest.raises(AssertionError, match="introduction.trade_chart"):
        test_every_chart_and_widget_has_a_test_of_what_it_draws()


def drawing_exercises(path) -> list[str]:
    """The labels of the figure exercises a worksheet checks in its student-drawing cells."""
    from nepcourse.checks import _registry

    exercises = _registry()
    found = []
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if STUDENT_DRAWING in cell.get("metadata", {}).get("tags", []):
            for label in re.findall(r'check\("([^"]+)"', "".join(cell["source"])):
                if label in exercises and exercises[label].kind == "figure":
                    found.append(label)
    return found


@pytest.mark.parametrize("lesson", registry.lessons(), ids=lambda x: x.name)
def test_every_worksheet_has_an_exercise_the_student_draws(lesson):
    """Lesson standard 2: in every worksheet the student draws at least one chart, in a student-drawing cell,
    and check reads the figure (an exercise of kind "figure")."""
    for folder in ("solutions", "exercises"):
        assert drawing_exercises(lesson.notebook(folder)), (
            f"{folder}/{lesson.name}.ipynb has no exercise in which the student draws a chart: add one "
            '(Exercise(kind="figure", drawing=Drawing(...)); a cell tagged student-drawing that calls '
            "check(label, fig))"
        )
