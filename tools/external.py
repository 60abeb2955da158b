"""Take the Maddison Project Database's estimates for the former USSR into data/ (maintainers only).

    python -m tools.external [--source PATH/mpd2020.xlsx]

The course sets one standard national-income series beside the book's figures: real GDP per head of the
former USSR (code SUN) in the Maddison Project Database 2020, 1909–1930, enough to ask whether the NEP had
regained the prewar level per head by 1928. The workbook is a third-party file kept beside the course
(``../shared/external/mpd2020.xlsx``, whose README records its provenance and the citations it requires).
Students do not have it, so only maintainers run this script, and what it writes is committed:
``data/maddison_gdp_per_head.csv`` and its metadata, which record the table as external (``"external"``,
never ``"book"``), so the course never reports these figures as Bettelheim's.

The script checks the file byte for byte (sha256), reads one sheet with the standard library (the course
installs no spreadsheet reader), checks every row it takes, and writes nothing unless all of that passes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from nepcourse import paths

NAME = "maddison_gdp_per_head"
SCRIPT = "tools/external.py"
SOURCE_FILE = "mpd2020.xlsx"
#: The bytes the shared README describes (QuantEcon/data-lectures, lectures/mpd2020.xlsx, git blob d5076da…).
SHA256 = "f67af0fd599fcebd9b92a0ad65472998f4548ea006e6b7c0018d4ade76e3bceb"
SHEET = "Full data"
HEADER = ["countrycode", "country", "year", "gdppc", "pop"]
COUNTRY = ("SUN", "Former USSR")
FIRST, LAST = 1909, 1930
#: Years for which the workbook gives a population (it has none for 1909–1912 and 1914–1919).
POPULATION_YEARS = {1913, *range(1920, LAST + 1)}
#: The README's spot checks (done 2026-11-26): a workbook that disagrees is not the file it describes.
SPOT_CHECKS = {1913: 2254, 1921: 838, 1928: 2184}
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

CITATIONS = [
    {
        "years": f"{FIRST}–{LAST}",
        "short": "Maddison Project Database 2020 (Bolt and van Zanden 2020)",
        "full": "Maddison Project Database, version 2020. Bolt, Jutta and Jan Luiten van Zanden (2020), "
        "“Maddison style estimates of the evolution of the world economy. A new 2020 update”.",
    },
    {
        "years": f"{FIRST}–1913",
        "short": "Gregory (1982)",
        "full": "Gregory, P. R. (1982), Russian National Income, 1885–1913, Cambridge: Cambridge University Press.",
    },
    {
        "years": "1913–1928",
        "short": "Markevich and Harrison (2011), table 6",
        "full": "Markevich, A. and M. Harrison (2011), “Great War, Civil War, and Recovery: Russia's National Income, "
        "1913 to 1928”, The Journal of Economic History 71(3): 672–703, table 6.",
    },
    {
        "years": f"1929–{LAST}",
        "short": "Maddison's own estimates",
        "full": "Maddison's original estimates, carried over into the database: the Sources sheet names no work for "
        "these years, so they are cited as the Maddison Project Database 2020 as a whole and Maddison's own work.",
    },
]


class ExternalError(ValueError):
    """The workbook is not what the course expects: the message says what differs. Nothing is written."""


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _sheet_part(book: zipfile.ZipFile, sheet: str) -> str:
    """The zip member that holds the sheet called ``sheet`` (found through the workbook's relationships)."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    ids = {s.get("name"): s.get(OFFICE_REL) for s in workbook.iter(f"{MAIN}sheet")}
    if sheet not in ids:
        raise ExternalError(f"the workbook has no sheet {sheet!r} (it has {', '.join(ids)})")
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target") for r in rels.iter(f"{RELS}Relationship") if r.get("Id") == ids[sheet])
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in item.iter(f"{MAIN}t")) for item in root.iter(f"{MAIN}si")]


def read_sheet(path: Path, sheet: str):
    """Yield (row number, {column letter: cell text}) for every row of one sheet, as the file stores it."""
    with zipfile.ZipFile(path) as book:
        strings = _shared_strings(book)
        with book.open(_sheet_part(book, sheet)) as part:
            for _, element in ElementTree.iterparse(part):
                if element.tag != f"{MAIN}row":
                    continue
                cells = {}
                for cell in element.iter(f"{MAIN}c"):
                    column = re.match(r"[A-Z]+", cell.get("r")).group()
                    raw = cell.find(f"{MAIN}v")
                    if cell.get("t") == "s" and raw is not None:
                        cells[column] = strings[int(raw.text)]
                    elif cell.get("t") == "inlineStr":
                        cells[column] = "".join(t.text or "" for t in cell.iter(f"{MAIN}t"))
                    elif raw is not None:
                        cells[column] = raw.text or ""
                yield int(element.get("r")), cells
                element.clear()


def _number(text: str | None, what: str) -> str:
    """The cell's text if it is a positive number, unchanged (no rounding), else an ExternalError."""
    try:
        ok = text is not None and float(text) > 0
    except ValueError:
        ok = False
    if not ok:
        raise ExternalError(f"{what}: {text!r} is not a positive number")
    return text


def extract(path: Path, expected_sha256: str = SHA256) -> tuple[list[dict], list[int]]:
    """The rows the course takes (year, gdp_per_head, population as the workbook writes them) and the sheet's
    row numbers they stand on; every check done first. Raises ExternalError, naming what differs."""
    path = Path(path)
    if not path.exists():
        raise ExternalError(
            f"{path} not found. Only maintainers have the workbook (../shared/external/{SOURCE_FILE}); the course "
            f"uses the committed data/{NAME}.csv. Give the file with --source PATH."
        )
    digest = sha256(path)
    if digest != expected_sha256:
        raise ExternalError(f"{path}: sha256 {digest}, not the {expected_sha256} its README describes")
    rows, found = iter(read_sheet(path, SHEET)), {}
    _, header = next(rows, (0, {}))
    if [header.get(c) for c in "ABCDE"] != HEADER:
        raise ExternalError(f"sheet {SHEET!r}: header {list(header.values())}, expected {HEADER}")
    for number, cells in rows:
        code, country, year, gdppc, pop = (cells.get(c) for c in "ABCDE")
        if code != COUNTRY[0] or not (year or "").isdigit() or not FIRST <= int(year) <= LAST:
            continue
        where = f"sheet {SHEET!r} row {number} ({code} {year})"
        if country != COUNTRY[1]:
            raise ExternalError(f"{where}: country {country!r}, expected {COUNTRY[1]!r}")
        if int(year) in found:
            raise ExternalError(f"{where}: the year appears twice")
        if (pop is not None) != (int(year) in POPULATION_YEARS):
            raise ExternalError(f"{where}: population {'missing' if pop is None else 'present'}, unlike the README")
        found[int(year)] = (
            number,
            {
                "year": year,
                "gdp_per_head": _number(gdppc, f"{where}, gdppc"),
                "population": "" if pop is None else _number(pop, f"{where}, pop"),
            },
        )
    missing = [y for y in range(FIRST, LAST + 1) if y not in found]
    if missing:
        raise ExternalError(f"sheet {SHEET!r}: no {COUNTRY[0]} row for {', '.join(map(str, missing))}")
    for year, expected in SPOT_CHECKS.items():
        if float(found[year][1]["gdp_per_head"]) != expected:
            raise ExternalError(f"{year}: gdppc {found[year][1]['gdp_per_head']}, the README's check says {expected}")
    years = sorted(found)
    return [found[y][1] for y in years], [found[y][0] for y in years]


def metadata(rows: list[dict], row_numbers: list[int], digest: str) -> dict:
    """The table's metadata: an external table, with the file, sheet and rows it comes from, and its citations."""
    first, last = row_numbers[0], row_numbers[-1]
    rows_text = f"{first}–{last}" if last - first == len(rows) - 1 else ", ".join(map(str, row_numbers))
    return {
        "title": f"Real GDP per head of the former USSR, {FIRST}–{LAST}: the Maddison Project Database 2020, "
        "beside the book",
        "description": (
            "Not the book's figures: a standard estimate set beside them. Real GDP per head of the former USSR "
            f"(code {COUNTRY[0]}) in 2011 international dollars, and its population in thousands (given for 1913 and "
            "1920–1930 only), from the Maddison Project Database 2020, copied from the workbook without rounding by "
            f"{SCRIPT}. For 1913–1928 the database takes Markevich and Harrison's estimates (2011, table 6), which "
            "found that output per head in 1928 had not regained the 1913 level. The population is counted within "
            "the frontiers of 1991 (162.6 million in 1926), not the interwar frontiers of the book's census (147 "
            "million in December 1926), so a per-head figure here and the book's totals cover different territories."
        ),
        "external": {
            "database": "Maddison Project Database, version 2020",
            "source_file": SOURCE_FILE,
            "sha256": digest,
            "sheet": SHEET,
            "rows": f"{rows_text} (countrycode {COUNTRY[0]}, years {FIRST}–{LAST})",
            "columns": "countrycode, country, year, gdppc, pop → year, gdp_per_head, population",
            "upstream": "https://www.rug.nl/ggdc/historicaldevelopment/maddison/releases/maddison-project-database-2020",
            "copy": "QuantEcon/data-lectures, lectures/mpd2020.xlsx (git blob "
            "d5076da2523137ad8c8cdaae8fdcc8ad75dcdcf0)",
            "licence": "CC-BY-4.0",
            "citation_policy": "The workbook's Notes sheet requires the original papers to be cited when the data are "
            "shown in a chart or fewer than twelve countries are used; both apply here.",
            "cite_as": CITATIONS[0]["short"],
            "citations": CITATIONS,
            "beside": ["intro"],
            "script": SCRIPT,
        },
        "schema": {
            "fields": [
                {
                    "name": "year",
                    "type": "integer",
                    "description": "Calendar year.",
                    "constraints": {"required": True},
                },
                {
                    "name": "gdp_per_head",
                    "type": "number",
                    "description": "Real GDP per head (the workbook's gdppc), 2011 international dollars per person.",
                    "unit": "2011 international dollars",
                    "constraints": {"required": True, "minimum": 0},
                },
                {
                    "name": "population",
                    "type": "number",
                    "description": "Mid-year population (the workbook's pop) within the frontiers of 1991, thousands; "
                    "empty where the workbook gives none.",
                    "unit": "thousand people",
                    "constraints": {"minimum": 0},
                },
            ],
            "primaryKey": ["year"],
        },
    }


def render_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["year", "gdp_per_head", "population"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write(source: Path, folder: Path | None = None, expected_sha256: str = SHA256) -> list[Path]:
    """Check the workbook, then write the CSV and its metadata into ``folder`` (data/); returns the paths."""
    rows, numbers = extract(source, expected_sha256)
    meta = metadata(rows, numbers, sha256(source))
    folder = paths.DATA if folder is None else Path(folder)
    csv_path, meta_path = folder / f"{NAME}.csv", folder / f"{NAME}.meta.json"
    csv_path.write_text(render_csv(rows), encoding="utf-8")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [csv_path, meta_path]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.external", description=__doc__.split("\n\n")[0])
    default = paths.ROOT.parent / "shared" / "external" / SOURCE_FILE
    parser.add_argument("--source", type=Path, default=default, help=f"the workbook (default: {default})")
    args = parser.parse_args(argv)
    try:
        written = write(args.source)
    except ExternalError as err:
        print(f"nothing written: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {paths.relative(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
