"""Taught before used: every Python and pandas idiom a worksheet's code uses has been shown to the student first.

A worksheet (``exercises/NN``, and its worked answers in ``solutions/NN``) may use an idiom only if lesson 00's
code cells or its own lesson's notebook (``notebooks/NN``) show it. Idioms are collected with the ``ast``
module: methods and attributes called on objects (``.set_index``, ``.loc``, ``.dt.year``), operators (``&``,
``/``, ``>=``), the kinds of subscript (a column ``["name"]``, a tuple ``[("1927-11", "total")]``, a list of
columns, a condition, a slice), builtins (``len``, ``round``, ``sorted``) and a few constructs (f-strings and
their formats, comprehensions, ``for``, ``def``, ``lambda``). The course's own functions and modules
(whatever the notebooks import) are its API, taught where they are introduced, and not counted here.
"""

from __future__ import annotations

import ast
import builtins
import json
from pathlib import Path

import pytest

from nepcourse import registry

OPERATORS = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**",
    ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.In: "in",
    ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.And: "and", ast.Or: "or", ast.Not: "not",
    ast.Invert: "~", ast.USub: "unary -", ast.UAdd: "unary +",
}  # fmt: skip
CONSTRUCTS = {
    ast.ListComp: "list comprehension", ast.DictComp: "dict comprehension", ast.SetComp: "set comprehension",
    ast.GeneratorExp: "generator expression", ast.Lambda: "lambda", ast.For: "for loop", ast.While: "while loop",
    ast.If: "if statement", ast.IfExp: "x if c else y", ast.FunctionDef: "def", ast.JoinedStr: "f-string",
    ast.Dict: "dict literal", ast.Try: "try/except", ast.With: "with", ast.AugAssign: "augmented assignment (+=)",
}  # fmt: skip
BUILTINS = set(dir(builtins))


def code(source: str) -> str:
    """A cell's source without IPython's magics and shell lines (``%matplotlib``, ``!ls``), which ast cannot read."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def imported_names(sources) -> set[str]:
    """Names bound by an import anywhere in these cells: the course's functions and modules (its API)."""
    names = set()
    for source in sources:
        try:
            tree = ast.parse(code(source))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return names


def subscript_kind(index: ast.AST) -> str | None:
    if isinstance(index, ast.Tuple):
        return "[a, b] tuple lookup"
    if isinstance(index, ast.List):
        return "[[...]] list of columns"
    if isinstance(index, ast.Slice):
        return "[a:b] slice"
    if isinstance(index, (ast.Compare, ast.BoolOp)) or (
        isinstance(index, (ast.BinOp, ast.UnaryOp)) and isinstance(index.op, (ast.BitAnd, ast.BitOr, ast.Invert))
    ):
        return "[condition] filter"
    if isinstance(index, ast.Constant):
        return '["column"] lookup' if isinstance(index.value, str) else "[number] position"
    return None


def idioms(source: str, api: set[str]) -> set[str]:
    """The idioms one cell's code uses (see the module's docstring)."""
    try:
        tree = ast.parse(code(source))
    except SyntaxError:
        return set()
    found = set()

    def on_api(node) -> bool:
        while isinstance(node, ast.Attribute):
            node = node.value
        return isinstance(node, ast.Name) and node.id in api

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and not on_api(node.value):
            found.add(f".{node.attr}")
            if isinstance(node.value, ast.Attribute):
                found.add(f".{node.value.attr}.{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in BUILTINS:
            found.add(f"{node.func.id}()")
        elif isinstance(node, (ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.AugAssign)):
            found.add(OPERATORS.get(type(node.op), type(node.op).__name__))
        elif isinstance(node, ast.Compare):
            found |= {OPERATORS.get(type(op), type(op).__name__) for op in node.ops}
        elif isinstance(node, ast.Subscript) and (kind := subscript_kind(node.slice)):
            found.add(kind)
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            found.add("f-string format (:.1f)")
        if type(node) in CONSTRUCTS:
            found.add(CONSTRUCTS[type(node)])
    return found


def code_cells(path: Path) -> list[tuple[int, str, str]]:
    """(index, id, source) of every code cell."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [(i, c.get("id", ""), "".join(c["source"])) for i, c in enumerate(cells) if c["cell_type"] == "code"]


def taught(lesson: registry.Lesson, api: set[str]) -> set[str]:
    """What lesson 00's code cells and the lesson's own notebook show."""
    shown = set()
    for source_of in {registry.lesson("00").notebook(), lesson.notebook()}:
        for _, _, source in code_cells(source_of):
            shown |= idioms(source, api)
    return shown


def untaught(lesson: registry.Lesson) -> list[str]:
    """'solutions/04_….ipynb cell 12 (cell-011): .set_index, &' for every worksheet cell that uses an idiom
    not shown before."""
    sheets = [lesson.notebook(folder) for folder in ("exercises", "solutions") if lesson.notebook(folder).exists()]
    every = [lesson.notebook(), registry.lesson("00").notebook(), *sheets]
    api = imported_names(source for path in every for _, _, source in code_cells(path))
    shown = taught(lesson, api)
    problems = []
    for sheet in sheets:
        for index, cell_id, source in code_cells(sheet):
            missing = sorted(idioms(source, api) - shown)
            if missing:
                problems.append(f"{sheet.parent.name}/{sheet.name} cell {index} ({cell_id}): {', '.join(missing)}")
    return problems


@pytest.mark.parametrize("lesson", registry.lessons(), ids=lambda x: x.name)
def test_every_idiom_a_worksheet_uses_is_taught_first(lesson):
    problems = untaught(lesson)
    assert not problems, (
        f"idioms the worksheets of lesson {lesson.number} use, shown neither in lesson 00's code cells nor in "
        f"notebooks/{lesson.name}.ipynb:\n" + "\n".join(problems)
    )


def test_the_idiom_scan_reads_what_the_brief_names():
    api = {"load", "check", "campaign_module"}
    found = idioms(
        'x = table.set_index("period")\ny = campaign[("1927-11", "total")]\nz = t[(t["a"] > 1) & (t["b"] < 2)]\n'
        'w = t["date"].dt.year\nn = len(t)\nr = round(n / 3, 1)\ncheck("1.2", load("x").loc[0, "v"])\n'
        'campaign_module.chart()\nprint(f"{r:.1f}")',
        api,
    )
    assert {".set_index", "[a, b] tuple lookup", "&", ".dt.year", "len()", "round()", "[condition] filter"} <= found
    assert {'["column"] lookup', ".loc", "/", ">", "f-string", "f-string format (:.1f)", "print()"} <= found
    assert ".chart" not in found and "check()" not in found, "the course's own API is not an idiom"
    assert idioms("%matplotlib inline\nx = 1 + 2", set()) == {"+"}
