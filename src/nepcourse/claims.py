"""The book's own arithmetic, recomputed from the course's tables.

Each row of ``data/claims.csv`` holds a statement of the book (its words in ``quote``), the value it
states, how loosely its wording states it (``comparison`` and ``tolerance``), and a ``computation``:
an arithmetic expression over table values, written with ``v(table, column=value, ...)``, which is
``nepcourse.value``: the ``value`` (or ``share``) cell of the one row that matches. ``evaluate`` recomputes every
claim and says whether it holds; the tests fail when a stored verdict disagrees.
"""

from __future__ import annotations

import ast
import operator

import pandas as pd

from .data import load, value

_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}
COMPARISONS = ("about", "exactly", "more than", "less than", "nearly")


def compute(expression: str) -> float:
    """Evaluate a claim's computation: numbers, + - * / **, brackets and v(...) lookups only."""

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.operand))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "v"
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Constant)
        ):
            return float(value(node.args[0].value, **{k.arg: k.value.value for k in node.keywords}))
        raise ValueError(f"not allowed in a claim's computation: {ast.dump(node)[:60]}")

    return float(walk(ast.parse(expression, mode="eval")))


def holds(computed: float, stated: float, comparison: str, tolerance: float) -> bool:
    """Whether a computed value bears out the stated one, given the wording of the claim."""
    if comparison in ("about", "exactly", "nearly"):
        return abs(computed - stated) <= tolerance + 1e-9
    if comparison == "more than":
        return computed > stated - tolerance
    if comparison == "less than":
        return computed < stated + tolerance
    raise ValueError(f"unknown comparison {comparison!r}; use one of {COMPARISONS}")


def evaluate(chapter: str | None = None, lesson: str | None = None) -> pd.DataFrame:
    """Every claim (of a chapter, or of a lesson's chapters) with its recomputed value and whether it holds."""
    claims = load("claims")
    if chapter is not None:
        claims = claims[claims["chapter"] == chapter]
    if lesson is not None:
        from .registry import lesson as find_lesson

        claims = claims[claims["chapter"].isin(find_lesson(lesson).chapters)]
    claims = claims.copy()
    claims["computed"] = [round(compute(e), 3) for e in claims["computation"]]
    claims["recomputed_verdict"] = [
        "holds" if holds(c, s, comp, t) else "does not hold"
        for c, s, comp, t in zip(claims["computed"], claims["stated"], claims["comparison"], claims["tolerance"])
    ]
    return claims.reset_index(drop=True)


def claims_table(lesson: str) -> pd.DataFrame:
    """A lesson's claims as a short table for the notebook: what the book says, what its numbers give."""
    df = evaluate(lesson=lesson)
    return df[["claim_id", "statement", "comparison", "stated", "computed", "recomputed_verdict"]].rename(
        columns={"claim_id": "claim", "recomputed_verdict": "verdict"}
    )
