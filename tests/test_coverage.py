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
from nepcourse.plotting import drawing_functions

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
    """A widget must show its result (ipywidgets.interactive alone keeps a figure without showing it)."""
    from matplotlib.figure import Figure

    for name, function in drawing_functions().items():
        if name.endswith("_widget"):
            widget = function()
            assert widget.result is not None, f"{name}: nothing drawn"
            shown = getattr(widget.children[-1], "value", "")
            if isinstance(widget.result, Figure):
                title = widget.result.axes[0].get_title(loc="left")
                assert shown.startswith('<img src="data:image/png;base64,') and title[:20] in shown, (
                    f"{name}: build it with nepcourse.plotting.live(...) so a live notebook shows what it draws"
                )
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
                yield path.name, cell


def test_notebooks_draw_only_through_tested_charts_and_widgets():
    short_names = {name.rsplit(".", 1)[1] for name in drawing_functions()}
    short_names.add("lesson_timeline")  # draws through timeline_chart; tests/test_charts.py tests every lesson's
    offenders = []
    for notebook, cell in lesson_cells():
        source = "".join(cell["source"])
        draws = any("image/png" in out.get("data", {}) for out in cell.get("outputs", []))
        tags = cell.get("metadata", {}).get("tags", [])
        draws |= "nbval-ignore-output" in tags
        called = set(re.findall(r"(\w+)\(", source))
        if "student-drawing" in tags and "decorate" in called:
            continue  # a chart drawn the way a student draws one (lesson 00 shows how), titled with decorate
        if draws and not called & short_names:
            offenders.append(f"{notebook} {cell.get('id')}: {source[:60]!r}")
    assert not offenders, "cells that draw without a tested chart or widget function:\n" + "\n".join(offenders)


def test_the_coverage_scan_can_fail(tmp_path, monkeypatch):
    """A test file that covers only one chart leaves the others reported as missing."""
    (tmp_path / "test_one.py").write_text('@pytest.mark.covers("introduction.grain_chart")\n', encoding="utf-8")
    monkeypatch.setattr(__import__("test_coverage"), "TESTS", tmp_path)
    assert declared_covers() == {"introduction.grain_chart"}
    with pytest.raises(AssertionError, match="introduction.trade_chart"):
        test_every_chart_and_widget_has_a_test_of_what_it_draws()
