"""What a notebook shows is for a reader, not a programmer: every stored output of every notebook is clean.

No numpy type names in a result (``np.float64(82.6)`` where a reader expects 82.6, as numpy 2 prints a
scalar); no code shown as text (an f-string's placeholders or a line of the cell's own code echoed, a string's
repr with its quotes and ``\\n``, a widget's Python repr); and a lesson does not open on a long or wide table
listing (more than 10 rows or 6 columns as its first output): a reader should meet the data, not a dump.
"""

from __future__ import annotations

import json
import re

import pytest

from nepcourse.plotting import stored_picture
from tools import execution

NUMPY_REPR = re.compile(r"\bnp\.(float|int|uint|bool|str)\w*\(")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][\w.]*(?:\[[^\]]*\])?(?:![rsa])?(?::[^{}\s]*)?\}")
WIDGET_REPR = re.compile(r"^\w+\((children|value|description)=")
MAX_ROWS, MAX_COLUMNS = 10, 6


def texts(output) -> list[str]:
    """The text a reader sees of one output: stream text and text/plain (a figure's '<Figure …>' aside)."""
    data = output.get("data", {})
    found = ["".join(output.get("text", ""))]
    if not stored_picture(output):
        found.append("".join(data.get("text/plain", "")))
    return [t for t in found if t]


def table_shape(html: str) -> tuple[int, int] | None:
    """(rows, columns) of a pandas table in HTML (the index not counted as a column), or None."""
    head = re.search(r"<thead>(.*?)</tr>", html, re.S)
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    if not (head and body):
        return None
    return len(re.findall(r"<tr", body[1])), len(re.findall(r"<th", head[1])) - 1


def problems(path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found, first = [], path.parent.name == "notebooks"
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        echoed = [line.strip() for line in source.splitlines() if len(line.strip()) >= 25]
        for output in cell.get("outputs", []):
            for text in texts(output):
                if NUMPY_REPR.search(text):
                    found.append(f"cell {i}: a numpy type name in {text[:60]!r}: show the number (float(...), round)")
                if PLACEHOLDER.search(text):
                    found.append(f"cell {i}: code shown as text, a placeholder {PLACEHOLDER.search(text)[0]!r}")
                if any(line in text for line in echoed):
                    found.append(f"cell {i}: code shown as text, the cell's own code in its output")
                if text.startswith(("'", '"')) and "\\n" in text:
                    found.append(f"cell {i}: a string shown as its repr (quotes and \\n): print() it")
                if WIDGET_REPR.search(text):
                    found.append(f"cell {i}: a widget's Python repr {text[:40]!r}: build it with plotting.live")
            if first and output.get("output_type") in ("execute_result", "display_data"):
                shape = table_shape("".join(output.get("data", {}).get("text/html", "")))
                if shape and (shape[0] > MAX_ROWS or shape[1] > MAX_COLUMNS):
                    found.append(
                        f"cell {i}: the lesson opens on a table listing of {shape[0]} rows × {shape[1]} columns"
                    )
            first = False
    return found


@pytest.mark.parametrize("path", execution.all_notebooks(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_stored_output_is_clean(path):
    found = problems(path)
    assert not found, f"{path.parent.name}/{path.name}:\n" + "\n".join(found)


def test_the_output_checks_can_fail(tmp_path):
    def notebook(*cells):
        path = tmp_path / "notebooks" / "99_x.ipynb"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps({"cells": list(cells)}), encoding="utf-8")
        return path

    def cell(source, text, html=""):
        data = {"text/plain": text, **({"text/html": html} if html else {})}
        return {"cell_type": "code", "source": source, "outputs": [{"output_type": "execute_result", "data": data}]}

    listing = "<table><thead><tr><th></th><th>a</th></tr></thead><tbody>" + "<tr><td>1</td></tr>" * 11 + "</tbody>"
    found = problems(
        notebook(
            cell("tables()", "…", listing),
            cell("value('intro_grain')", "np.float64(82.6)"),
            cell("x", "'prices × {ratio:.2f} a month'"),
            cell("print(f'the share is {share:.1f} percent')", "print(f'the share is {share:.1f} percent')"),
            cell("'a\\nb'", "'a\\nb'"),
            cell("w", "VBox(children=(FloatSlider(value=0.695,"),
            cell("fine", "12.5"),
        )
    )
    assert len(found) == 7 and all(f"cell {i}" in " ".join(found) for i in range(6)), found
    assert "11 rows × 1 columns" in found[0]
