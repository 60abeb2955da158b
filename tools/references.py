"""docs/references.md: the course's list of works named beside the book, generated from data/references.csv.

A lesson names a work by linking to its entry here (``[Shanin](../docs/references.md#shanin_1972)``), so a
reader can see the full reference and the position the work takes, and the tests can check that every work a
lesson names is in the table. The table's ``lessons`` column is written by ``make build`` from those links
(never by hand, so two people adding links to different lessons never conflict there).
"""

from __future__ import annotations

import re

import pandas as pd

from nepcourse import load, paths, registry

PAGE = paths.ROOT / "docs" / "references.md"
LINK = re.compile(r"references\.md#([a-z0-9_]+)")
KINDS = {
    "reader": "The book's readers: reviews, critiques and defences",
    "historian": "Historians and economists set beside the book",
    "book_source": "Works the book relies on",
    "data": "Sources of external figures",
}


def text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def entry(row) -> str:
    year = text(row.year).removesuffix(".0")
    # an article (a journal or series with a number) in quotation marks, a book in italics
    article = bool(re.search(r"\d", text(row.published)))
    title = (f"“{row.title}”" if article else f"*{row.title}*") if text(row.title) else "(untitled as given)"
    where = ", ".join(x for x in (text(row.published), year) if x)
    lessons = ", ".join(f"[{n}](../notebooks/{registry.lesson(n).name}.ipynb)" for n in text(row.lessons).split())
    named = f" Named in lesson{'s' if len(text(row.lessons).split()) > 1 else ''} {lessons}." if lessons else ""
    return f'- <a id="{row.key}"></a>**{row.authors}**, {title}. {where}. {row.position}{named}'


def page() -> str:
    table = load("references")
    lines = [
        "# Works named beside the book",
        "",
        "Generated from `data/references.csv` by `make build`: do not edit by hand. These are the only works the",
        "lessons name besides Bettelheim's book and the works it cites. Each entry gives the position the work takes,",
        "in the course's words: read the work itself before relying on it.",
    ]
    for kind, heading in KINDS.items():
        rows = table[table["kind"] == kind]
        if len(rows):
            lines += ["", f"## {heading}", ""] + [entry(row) for row in rows.itertuples()]
    return "\n".join(lines) + "\n"


def linked_from(lesson: registry.Lesson) -> set[str]:
    """The keys of the works a lesson's notebooks (lesson and solutions) link to."""
    import nbformat

    found = set()
    for folder in ("notebooks", "solutions"):
        path = lesson.notebook(folder)
        if path.exists():
            for cell in nbformat.read(path, as_version=4).cells:
                if cell.cell_type == "markdown":
                    found |= set(LINK.findall(cell.source))
    return found


def lessons_column() -> dict[str, str]:
    """key → the lessons that link to the work, as the ``lessons`` column holds them ('01 04')."""
    links = {x.number: linked_from(x) for x in registry.lessons()}
    return {key: " ".join(n for n, keys in links.items() if key in keys) for key in load("references")["key"]}


def write_lessons_column() -> bool:
    """Rewrite the ``lessons`` column of data/references.csv from the notebooks' links (only it)."""
    import csv
    import io

    path = paths.DATA / "references.csv"
    old = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(old)))
    column = lessons_column()
    for row in rows:
        row["lessons"] = column[row["key"]]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if out.getvalue() == old:
        return False
    path.write_text(out.getvalue(), encoding="utf-8")
    return True


def write() -> bool:
    new = page()
    if PAGE.exists() and PAGE.read_text(encoding="utf-8") == new:
        return False
    PAGE.write_text(new, encoding="utf-8")
    return True
