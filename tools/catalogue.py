"""docs/catalogue.md: the catalogue of the course's data, generated from data/datapackage.json by `make build`.

One row per table: what it holds, where in the book it comes from, its units, the lessons whose notebooks read
it (as recorded when they last ran), how many rows it has and how many readings of damaged or contradictory
print its metadata records. It is written from the data package, which `make build` writes only after every
table has passed its checks, so the catalogue never lists a table the checks refused; a test fails when it is
stale or leaves a table out.
"""

from __future__ import annotations

import csv
import json

from nepcourse import paths, registry
from nepcourse.data import CHAPTER_NAMES

PAGE = paths.ROOT / "docs" / "catalogue.md"
PACKAGE = paths.DATA / "datapackage.json"
SEE_COLUMN = "see the unit column"


def _rows(name: str) -> list[dict]:
    with open(paths.DATA / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def chapters(resource: dict) -> str:
    """The book's places the table comes from, in the book's order (or the table's own origin)."""
    if "external" in resource:
        return f"beside the book: {resource['external']['cite_as']}"
    if "course" in resource:
        return "compiled by the course"
    found = {place["chapter"] for place in resource["book"]["places"]}
    return "; ".join(CHAPTER_NAMES[c] for c in CHAPTER_NAMES if c in found)


def units(resource: dict, rows: list[dict]) -> str:
    """Every unit the table records: a column's unit, or the values of its unit column."""
    found = []
    for field in resource["schema"]["fields"]:
        unit = field.get("unit")
        if unit == SEE_COLUMN:
            found += [r["unit"] for r in rows if r.get("unit")]
        elif unit:
            found.append(unit)
    shown = list(dict.fromkeys(found))
    return "; ".join(shown[:6]) + (f"; and {len(shown) - 6} more" if len(shown) > 6 else "") if shown else "—"


def corrections(resource: dict) -> int:
    return len(resource.get("book", {}).get("corrections", []))


def lessons(resource: dict) -> str:
    return ", ".join(f"[{n}](../notebooks/{registry.lesson(n).name}.ipynb)" for n in resource.get("lessons", []))


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def page() -> str:
    package = json.loads(PACKAGE.read_text(encoding="utf-8"))
    resources = package["resources"]
    lines = [
        "# Catalogue of the course's data",
        "",
        "Generated from `data/datapackage.json` by `make build`: do not edit by hand. Every table of `data/`,",
        "with where in the book it comes from, its units, the lessons whose notebooks read it, its number of rows",
        "and the number of corrections its metadata records (each a reading of damaged or contradictory print:",
        "the printed text, the course's reading and why; `describe_table(name)` in a notebook prints them).",
        "",
        f"{len(resources)} tables, {sum(len(_rows(r['name'])) for r in resources)} rows.",
        "",
        "| Table | What it holds | From | Units | Read by lessons | Rows | Corrections |",
        "|---|---|---|---|---|---:|---:|",
    ]
    for resource in resources:
        rows = _rows(resource["name"])
        lines.append(
            f"| [`{resource['name']}`](../data/{resource['path']}) | {cell(resource['title'])} "
            f"| {cell(chapters(resource))} | {cell(units(resource, rows))} | {lessons(resource) or '—'} "
            f"| {len(rows)} | {corrections(resource)} |"
        )
    return "\n".join(lines) + "\n"


def write() -> bool:
    """Write docs/catalogue.md; True if it changed."""
    text = page()
    if PAGE.exists() and PAGE.read_text(encoding="utf-8") == text:
        return False
    PAGE.write_text(text, encoding="utf-8")
    return True
