"""Load the course's tables by name, checked against their metadata, with their provenance attached.

Every table is a CSV file in ``data/`` with a metadata file beside it (``NAME.meta.json``): title,
description, the columns with their units, and where in the book the figures stand (``"book"``). A few
tables are not the book's: standard estimates set beside it, whose metadata says ``"external"`` instead, with
the file, sheet and rows they were taken from and the works to cite (``tools/external.py`` writes them).
"""

from __future__ import annotations

import csv
import difflib
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from . import paths

BOOK = (
    "Charles Bettelheim, Class Struggles in the USSR, Second Period: 1923–1930 (New York: Monthly Review Press, 1978)"
)
CHAPTER_NAMES = {
    "front": "front matter (glossary)",
    "preface": "Preface",
    "intro": "Introduction",
    "1.0": "Part 1 (opening)",
    "1.1": "Part 1, ch. 1",
    "1.2": "Part 1, ch. 2",
    "2.0": "Part 2 (opening)",
    "2.1": "Part 2, ch. 1",
    "2.2": "Part 2, ch. 2",
    "2.3": "Part 2, ch. 3",
    "3.0": "Part 3 (opening)",
    "3.1": "Part 3, ch. 1",
    "3.2": "Part 3, ch. 2",
    "3.3": "Part 3, ch. 3",
    "3.4": "Part 3, ch. 4",
    "3.5": "Part 3, ch. 5",
    "3.6": "Part 3, ch. 6",
    "4.0": "Part 4 (opening)",
    "4.1": "Part 4, ch. 1",
    "4.2": "Part 4, ch. 2",
    "4.3": "Part 4, ch. 3",
    "5": "Part 5",
}


class UnknownTable(LookupError):
    """No table of that name; the message names the closest ones."""

    def __str__(self) -> str:  # LookupError would add quotes around the message
        return self.args[0]


class DataError(ValueError):
    """A CSV file that does not match its metadata: the message names the file, row and column."""


class LookupProblem(LookupError):
    """``value(...)`` found no row, or more than one: the message says which values there are."""

    def __str__(self) -> str:
        return self.args[0]


#: The copy of the tables an installed package carries (a wheel: pyproject.toml puts data/ there).
INSTALLED_DATA = Path(__file__).resolve().parent / "_data"


def data_dir() -> Path:
    """The folder of tables: a checkout's own ``data/`` (contributors edit it; the tests and the build read it),
    else the copy installed with the package (a wheel, on Colab or a hub)."""
    for folder in (paths.DATA, INSTALLED_DATA):
        if folder.is_dir():
            return folder
    raise DataError(
        f"The course's tables are missing: neither {paths.DATA} (a copy of the course's repository) nor "
        f"{INSTALLED_DATA} (an installed course) exists. Open the notebooks from the course's folder, or "
        "install the course with its tables (docs/launch/)."
    )


#: What the running notebook has read, table by table: "rows" (its cells) or "text" (its descriptions
#: too). The course's build records it when it executes a notebook, so that the notebook's stored outputs
#: go stale only when something it read changes (see tools/fingerprint.py).
READS: dict[str, str] = {}


def _record(name: str, level: str) -> None:
    if READS.get(name) != "text":
        READS[name] = level


@cache
def _metadata(folder: str) -> dict[str, dict]:
    found = {}
    for meta_path in sorted(Path(folder).glob("*.meta.json")):
        name = meta_path.name[: -len(".meta.json")]
        try:
            found[name] = json.loads(meta_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise DataError(f"{paths.relative(meta_path)}: not valid JSON ({err})") from None
    return found


def metadata(name: str | None = None) -> dict:
    """The metadata of one table (a dict), or of all tables by name when ``name`` is None."""
    every = _metadata(str(data_dir()))
    if name is None:
        return every
    if not isinstance(name, str) or name not in every:
        raise UnknownTable(_unknown_message(name, list(every)))
    return every[name]


def _unknown_message(name: object, known: list[str]) -> str:
    if not isinstance(name, str):
        return f'a table name is text in quotes, like load("intro_grain"), not {name!r}'
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    close += [k for k in known if name and name.lower() in k and k not in close][:3]
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    return f"There is no table called {name!r}.{hint} nepcourse.tables() lists them all."


def table_names() -> list[str]:
    return list(metadata())


def chapters_of(name: str) -> list[str]:
    """The book chapters a table draws on, in the order of its places."""
    seen = []
    for place in book_places(name):
        if place["chapter"] not in seen:
            seen.append(place["chapter"])
    return seen


def external(name: str) -> dict | None:
    """The provenance of a table that is not the book's (file, sha256, sheet, rows, citations), or None."""
    return metadata(name).get("external")


def shared(name: str) -> bool:
    """Whether a table is shared by all lessons (events, glossary, claims…): each row names its chapter."""
    return bool(metadata(name).get("shared"))


def listing_key(chapter: str | None = None, lesson: str | None = None) -> str:
    """How a call of :func:`tables` is recorded among a notebook's reads: ``tables(lesson='02')``."""
    return f"tables(lesson={lesson!r})" if lesson is not None else f"tables(chapter={chapter!r})"


def tables(chapter: str | None = None, lesson: str | None = None) -> pd.DataFrame:
    """The course's tables (name, title, chapters), optionally only a chapter's or a lesson's chapters'.

    >>> tables(lesson="04")  # doctest: +SKIP
    """
    # the listing itself is an input of the notebook that shows it: a new table in its chapters changes it
    READS[listing_key(chapter, lesson)] = "listing"
    wanted = None
    if lesson is not None:
        from .registry import lesson as find_lesson

        wanted = set(find_lesson(lesson).chapters)
    elif chapter is not None:
        wanted = {str(chapter)}
    rows = []
    for name, meta in metadata().items():
        chapters = chapters_of(name)
        shown = ", ".join(chapters)
        if "external" in meta:  # not the book's: listed with the chapters it is set beside
            chapters = meta["external"].get("beside", [])
            shown = f"beside {', '.join(chapters)} (external: {meta['external']['cite_as']})"
        if wanted is not None and not wanted & set(chapters):
            continue
        if wanted is not None and shared(name):  # its rows of these chapters only: other lessons' rows do not show
            shown = "shared: rows of " + ", ".join(c for c in chapters if c in wanted)
        _record(name, "text")
        rows.append({"name": name, "title": meta["title"], "chapters": shown})
    return pd.DataFrame(rows, columns=["name", "title", "chapters"])


# ---- reading and checking a CSV -------------------------------------------------------------


def _convert(value: str, field: dict) -> object:
    """One cell converted to the field's type; raises ValueError with the reason."""
    kind = field.get("type", "string")
    if value == "":
        if field.get("constraints", {}).get("required"):
            raise ValueError("is empty, but this column needs a value")
        return None
    if kind == "number":
        try:
            return float(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a number (use a point for decimals, no spaces)") from None
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError(f"{value!r} is not a whole number")
        return int(value)
    if kind == "boolean":
        if value not in ("true", "false"):
            raise ValueError(f"{value!r} is neither true nor false")
        return value == "true"
    if kind == "date":
        try:
            return pd.Timestamp(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date written YYYY-MM-DD") from None
    return value


def _check_constraints(value: object, field: dict) -> None:
    rules = field.get("constraints", {})
    if value is None:
        return
    if "enum" in rules and value not in rules["enum"]:
        raise ValueError(f"{value!r} is not one of the allowed values: {', '.join(map(str, rules['enum']))}")
    if "pattern" in rules and not re.fullmatch(rules["pattern"], str(value)):
        raise ValueError(f"{value!r} does not have the form {rules['pattern']}")
    if "minimum" in rules and value < rules["minimum"]:
        raise ValueError(f"{value!r} is below the minimum {rules['minimum']}")


def read_checked(path: Path, schema: dict) -> pd.DataFrame:
    """Read a CSV and check it cell by cell against ``schema``; DataError names file, row and column."""
    where = paths.relative(path)
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{where}: the file is missing (its metadata is there)") from None
    except UnicodeDecodeError as err:
        raise DataError(f"{where}: not UTF-8 text (byte {err.start}); save it as UTF-8 CSV") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise DataError(f"{where}: the file is empty")
    header = rows[0]
    if header != names:
        missing = [n for n in names if n not in header]
        extra = [h for h in header if h not in names]
        detail = "; ".join(
            filter(
                None,
                [
                    f"missing column(s) {', '.join(missing)}" if missing else "",
                    f"unexpected column(s) {', '.join(extra)}" if extra else "",
                    "columns in another order than the metadata" if not missing and not extra else "",
                ],
            )
        )
        raise DataError(f"{where}, line 1 (header): {detail}. Expected: {', '.join(names)}")
    records, keys = [], {}
    key = schema.get("primaryKey", [])
    for line, row in enumerate(rows[1:], start=2):
        if not row:
            raise DataError(f"{where}, line {line}: empty line inside the table")
        if len(row) != len(names):
            raise DataError(
                f"{where}, line {line}: {len(row)} values for {len(names)} columns "
                "(a comma inside a value needs the value in double quotes)"
            )
        record = {}
        for field, cell in zip(fields, row):
            try:
                record[field["name"]] = value = _convert(cell, field)
                _check_constraints(value, field)
            except ValueError as err:
                raise DataError(f"{where}, line {line}, column {field['name']!r}: {err}") from None
        if key:
            k = tuple(record[n] for n in key)
            if k in keys:
                raise DataError(
                    f"{where}, line {line}: the row repeats line {keys[k]} "
                    f"(same {', '.join(key)}: {', '.join(map(str, k))})"
                )
            keys[k] = line
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=names)
    for field in fields:
        if field.get("type") == "integer" and frame[field["name"]].isna().any():
            frame[field["name"]] = frame[field["name"]].astype("Int64")
    return frame


@lru_cache(maxsize=64)
def _read_cached(path: str, mtime_ns: int, size: int, schema: str) -> pd.DataFrame:
    """A checked read, reused while the file and its schema are unchanged (``load`` hands out copies)."""
    return read_checked(Path(path), json.loads(schema))


def load(name: str) -> pd.DataFrame:
    """A course table by name, e.g. ``load("intro_grain")``, with its provenance in ``.attrs``.

    ``df.attrs["title"]``, ``df.attrs["book"]`` (places in the book, corrections; for a table that is not
    the book's, ``df.attrs["external"]``: file, sheet, rows, citations) and ``df.attrs["units"]`` (column →
    unit) travel with the table. ``describe_table(name)`` prints them.
    """
    if not isinstance(name, str):
        raise UnknownTable(_unknown_message(name, table_names()))
    meta = metadata(name)
    _record(name, "rows")
    path = data_dir() / f"{name}.csv"
    stat = path.stat() if path.exists() else None
    if stat is None:
        frame = read_checked(path, meta["schema"])  # raises the clear "missing file" error
    else:
        frame = _read_cached(str(path), stat.st_mtime_ns, stat.st_size, json.dumps(meta["schema"])).copy()
    frame.attrs.update(_provenance(name, meta))
    return frame


class Provenance(dict):
    """A table's provenance as it travels in ``df.attrs``: read-only, so that pandas can hand it on from
    table to table without copying it. pandas deep-copies ``attrs`` after every filter, sort or column
    pick; with the book's places and corrections in them, that copying was 40% of a lookup's time."""

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return Provenance, (dict(self),)

    def _read_only(self, *args, **kwargs):
        raise TypeError("a table's provenance is read-only: make your own copy first, e.g. dict(df.attrs['book'])")

    __setitem__ = __delitem__ = __ior__ = update = pop = popitem = clear = setdefault = _read_only


class ProvenanceList(list):
    """A list inside a table's provenance: read-only, like ``Provenance``."""

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return ProvenanceList, (list(self),)

    def _read_only(self, *args, **kwargs):
        raise TypeError("a table's provenance is read-only: make your own copy first, e.g. list(...)")

    __setitem__ = __delitem__ = __iadd__ = __imul__ = append = extend = insert = pop = remove = clear = _read_only
    sort = reverse = _read_only


def _frozen(item: object) -> object:
    if isinstance(item, dict):
        return Provenance({key: _frozen(value) for key, value in item.items()})
    if isinstance(item, list):
        return ProvenanceList(_frozen(value) for value in item)
    return item


#: One frozen provenance per metadata record read (kept with the record, so an id is never reused).
_PROVENANCE: dict[int, tuple[dict, dict]] = {}


def _provenance(name: str, meta: dict) -> dict:
    kept = _PROVENANCE.get(id(meta))
    if kept is None or kept[0] is not meta:
        attrs = {
            "name": name,
            "title": meta["title"],
            "book": _frozen(meta.get("book", {})),
            **({"course": _frozen(meta["course"])} if "course" in meta else {}),
            "units": _frozen({f["name"]: f["unit"] for f in meta["schema"]["fields"] if "unit" in f}),
            **({"external": _frozen(meta["external"])} if "external" in meta else {}),
        }
        kept = _PROVENANCE[id(meta)] = (meta, attrs)
    return kept[1]


def place_text(place: dict) -> str:
    """A place in the book in words: 'Introduction, section IV(a), note 34'."""
    parts = [CHAPTER_NAMES.get(place["chapter"], place["chapter"])]
    if place.get("section") and place["section"] != "opening":
        parts.append(f"section {place['section']}")
    if place.get("note") is not None:
        parts.append(f"note {place['note']}")
    if place.get("page") is not None:
        parts.append(f"p. {place['page']}")
    return ", ".join(parts)


def text_or_none(value: object) -> str | None:
    """A cell as text, or None where it is empty (pandas reads empty cells as NaN)."""
    return value if isinstance(value, str) and value.strip() else None


def places_from_rows(frame: pd.DataFrame) -> list[dict]:
    """For a table with provenance on every row: one place per chapter it draws on (its first row there)."""
    places, seen = [], set()
    empty = [None] * len(frame)
    columns = [frame[c].tolist() if c in frame else empty for c in ("chapter", "section", "note", "source", "quote")]
    for chapter, section, note, source, quote in zip(*columns):
        if chapter in seen:
            continue
        seen.add(chapter)
        places.append(
            {
                "chapter": chapter,
                "section": section,
                "note": None if note is None or pd.isna(note) else int(note),
                "source": text_or_none(source),
                "page": None,
                "quote": quote,
            }
        )
    return places


@lru_cache(maxsize=256)
def _places_cached(path: str, mtime_ns: int, size: int, schema: str) -> tuple:
    """The places of a table kept with provenance per row, reused while its file is unchanged: listing the
    tables by chapter (``tables``, and every notebook's staleness check) asks for every table's places."""
    return tuple(places_from_rows(_read_cached(path, mtime_ns, size, schema)))


def book_places(name: str) -> list[dict]:
    """The places in the book a table's figures come from (made from its rows where it keeps them there)."""
    meta = metadata(name)
    places = meta.get("book", {}).get("places", [])
    if places != "from rows":
        return places
    path = data_dir() / f"{name}.csv"
    if not path.exists():
        return places_from_rows(load(name))  # raises the clear "missing file" error
    _record(name, "rows")
    stat = path.stat()
    return [dict(p) for p in _places_cached(str(path), stat.st_mtime_ns, stat.st_size, json.dumps(meta["schema"]))]


def external_credit(name: str) -> str:
    """How a chart credits an external table: the database and the original works its rules require."""
    cited = external(name)["citations"]
    return "; ".join([cited[0]["short"], *(f"{c['years']}: {c['short']}" for c in cited[1:])])


def source_line(*names: str, derived: str | None = None, chapters: list[str] | None = None) -> str:
    """The source line printed under a chart, made from the tables' metadata (``chapters``: name only
    these chapters, for a chart that draws only some rows of a table kept with provenance per row).
    A table that is not the book's is credited to its own sources, after the book's ('Beside the book: …')."""
    book = [n for n in names if not external(n)]
    beside = "; ".join(external_credit(n) for n in names if external(n))
    line = _book_source(book, chapters) if book else f"Source: {beside}."
    if book and beside:
        line += f" Beside the book: {beside}."
    line += f" Table: {', '.join(names)}."
    if any(metadata(n).get("book", {}).get("places") == "from rows" for n in book):
        line += " (Each row's place in the book is in the table.)"
    if derived:
        line += f" {derived}"
    return line


def _book_source(names: list[str], chapters: list[str] | None) -> str:
    """'Source: Bettelheim, … (1978), Introduction II(a), IV(b).' for the book's tables among a chart's."""
    sections: dict[str, list[str]] = {}
    for name in names:
        if metadata(name).get("book", {}).get("places") == "from rows":
            rows = load(name)
            places = [
                {"chapter": c, "section": None}
                for c in dict.fromkeys(rows["chapter"])
                if chapters is None or c in chapters
            ]
        else:
            places = book_places(name)
        for place in places:
            chapter = CHAPTER_NAMES.get(place["chapter"], place["chapter"])
            secs = sections.setdefault(chapter, [])
            if place.get("section") and place["section"] not in secs:
                secs.append(place["section"])
    where = "; ".join(f"{ch} {', '.join(s)}" if s else ch for ch, s in sections.items())
    return f"Source: Bettelheim, Class Struggles in the USSR 1923–1930 (1978), {where}."


def describe_table(name: str) -> None:
    """Print a table's title, units, and the places in the book its figures come from."""
    meta = metadata(name)
    _record(name, "text")
    print(meta["title"])
    print(meta["description"])
    print("\nColumns:")
    for f in meta["schema"]["fields"]:
        unit = f" [{f['unit']}]" if "unit" in f else ""
        print(f"  {f['name']}{unit}: {f['description']}")
    if external(name):
        _describe_external(external(name))
        return
    print("\nWhere the figures stand in the book:")
    for place in book_places(name):
        print(f"  {place_text(place)}: “{place['quote']}”")
    for c in meta.get("book", {}).get("corrections", []):
        print(
            f"\n{c.get('kind', 'correction').capitalize()} ({c['where']}): printed “{c['printed']}”; "
            f"read as {c['reading']}. Why: {c['why']}"
        )


def _describe_external(source: dict) -> None:
    print("\nNot the book's figures. Where they come from:")
    print(f"  {source['database']}: file {source['source_file']} (sha256 {source['sha256'][:12]}…),")
    print(f"  sheet {source['sheet']!r}, rows {source['rows']}; taken by {source['script']}.")
    print("\nCite:")
    for work in source["citations"]:
        print(f"  {work['years']}: {work['full']}")


# ---- one value from a table ------------------------------------------------------------------

VALUE_COLUMNS = ("value", "share")


def _same(cell: object, wanted: object) -> bool:
    """Whether a cell holds what was asked for: text compared without surrounding spaces and with a
    hyphen standing for the book's en dash ("1926-1927" finds "1926–1927"); numbers as numbers."""
    if isinstance(wanted, (int, float)) and not isinstance(wanted, bool) and not isinstance(cell, str):
        return cell is not None and not pd.isna(cell) and float(cell) == float(wanted)

    def norm(text: object) -> str:
        return str(text).strip().replace("–", "-").replace("—", "-")

    return norm(cell) == norm(wanted)


def _choices(values) -> str:
    shown = list(dict.fromkeys(str(v) for v in values if not (not isinstance(v, str) and pd.isna(v))))
    return ", ".join(repr(v) for v in shown[:12]) + (" …" if len(shown) > 12 else "")


def value(table: str | pd.DataFrame, column: str | None = None, **where) -> object:
    """The one cell of ``table`` in ``column`` whose row matches every ``column=value`` of ``where``.

    ``table`` is a table's name or a DataFrame; ``column`` defaults to its ``value`` (or ``share``)
    column. A number comes back as a plain Python number. When no row or several rows match, the
    message says which values there are to choose from::

        value("intro_grain", series="harvest", period="1926-1927")   # 76.4
    """
    frame = load(table) if isinstance(table, str) else table
    label = table if isinstance(table, str) else frame.attrs.get("name", "the table")
    if column is None:
        column = next((c for c in VALUE_COLUMNS if c in frame), None)
        if column is None:
            raise LookupProblem(
                f"{label} has no 'value' or 'share' column: say which, e.g. column=\"{frame.columns[-1]}\""
            )
    for name in [column, *where]:
        if name not in frame:
            raise LookupProblem(f"{label} has no column {name!r}; its columns are {_choices(frame.columns)}")
    # One mask over the columns asked about; rows are taken from the table only to explain a problem
    # (taking rows copies every column, and a lesson looks up hundreds of cells).
    mask = [True] * len(frame)
    for step, (name, wanted) in enumerate(where.items()):
        matched = [m and _same(cell, wanted) for m, cell in zip(mask, frame[name])]
        if not any(matched):
            rows = frame[mask]
            among = f" among the rows with {_conditions(where, name)}" if step else ""
            raise LookupProblem(f"no row of {label} has {name}={wanted!r}{among}; {name} can be {_choices(rows[name])}")
        mask = matched
    if not any(mask):
        raise LookupProblem(f"{label} has no rows")
    if sum(mask) > 1:
        rows = frame[mask]
        wordy = {column, "printed", "quote", "source", "qualifier", "description", "note", "section"}
        differ = [c for c in rows.columns if c not in where and c not in wordy and rows[c].astype(str).nunique() > 1]
        hint = "; ".join(f"{c} ({_choices(rows[c])})" for c in differ[:3]) or "another column"
        raise LookupProblem(f"{len(rows)} rows of {label} match {_conditions(where)}: say which with {hint}")
    cell = frame[column].iloc[mask.index(True)]
    if hasattr(cell, "item") and not isinstance(cell, pd.Timestamp):
        cell = cell.item()
    return cell


def _conditions(where: dict, upto: str | None = None) -> str:
    shown = []
    for name, wanted in where.items():
        if name == upto:
            break
        shown.append(f"{name}={wanted!r}")
    return ", ".join(shown) or "no condition"


# ---- which kind of year a printed period is ----------------------------------------------------

#: The book prints an economic year (1 October–30 September) as ``1926–1927`` (book README), and the
#: course keeps that reading unless a table's figures are of a kind listed in ``YEAR_KINDS``.
BOOK_CONVENTION = "economic"
#: Columns that hold a table's periods. Their kind of year is the row's ``period_type`` where the table
#: has that column; otherwise the field may fix it for the whole column (``"period_type": "agricultural"``
#: in its metadata); otherwise a two-year period is read as the book's convention, as ``period_bounds``
#: reads it ("auto").
PERIOD_COLUMNS = ("period", "from_period", "to_period", "campaign")


@dataclass(frozen=True)
class YearKind:
    """A kind of quantity whose printed two-year periods are one kind of year in every table.

    ``rows`` says which rows are of this kind: table → {column: regular expression the whole cell
    matches}; an empty dict takes every row of the table."""

    period_type: str
    what: str
    why: str
    rows: dict[str, dict[str, str]]


#: The registry behind the test that one period of one kind of quantity carries one period type in every
#: table (tests/test_period_types.py). A row of no kind here takes the book's convention.
YEAR_KINDS: dict[str, YearKind] = {
    "grain campaign": YearKind(
        period_type="agricultural",
        what=(
            "Grain from a harvest and what became of it in the campaign that followed: the harvest where it "
            "is printed as a two-year period, procurement (amounts, phases, targets, plan fulfilment), the net "
            "grain balance and the marketed share of grain, grain exports, who sold the marketed grain, and "
            "the coercive measures the book dates by the campaign or the farming season."
        ),
        why=(
            "The book dates the campaign 'July 1, 1927, to June 30, 1928' (Introduction, IV(b)); the harvest "
            "of 1926–1927 is the one that campaign bought. Read as economic years, these figures would stand "
            "three months after the grain they count."
        ),
        rows={
            "intro_grain": {"series": "harvest|procurement"},
            "intro_recovery": {"indicator": "grain_harvest"},
            "intro_procurement_1927_28": {},
            "p2c1_grain": {},
            "p2c1_grain_changes": {"series": "harvest|procurement|net_grain_balance|net_market_availability"},
            "p2c1_kulak_estimates": {"measure": "share_of_marketed_grain|share_of_grain_to_towns"},
            "p2c1_foreign_trade": {"series": "grain_exports|grain_imports"},
            "p2c1_coercion": {"indicator": "individual_tax_.*|hard_tax_payment_deadline"},
            "p2c2_figures": {"indicator": "grain_marketed_share"},
        },
    ),
    "peasant strata": YearKind(
        period_type="agricultural",
        what=(
            "Peasant farms by stratum in a farm year: Strumilin's classification into poor, middle and rich, "
            "every estimate of the strata's weight set beside it, and the Penza investigation of what each "
            "stratum could sow to grain and what it reaped."
        ),
        why=(
            "Strumilin sorts farms by the surplus their harvest left (the middle peasants had a surplus which, "
            "'when the harvest was good', let them accumulate: Part 2, ch. 1, I(b)), and the strata's shares of "
            "marketed grain in the same year are a campaign's; so these farm years are read as the agricultural "
            "year the grain campaign uses, in every table that shows the strata."
        ),
        rows={
            "p2c1_social_divisions": {},
            "p2c1_kulak_estimates": {},
            "p2c1_equipment": {"place": "Penza province"},
        },
    ),
    "school year": YearKind(
        period_type="school",
        what="Pupils at school, counted by school year.",
        why="A school year runs 1 September–31 August; 1914–1915 is not an economic year of the book's accounts.",
        rows={"intro_social_indicators": {"indicator": "school_pupils"}},
    ),
    "prices": YearKind(
        period_type="economic",
        what=(
            "Prices and price ratios of farm produce, grain among them: the two 'scissors' tables (all farm "
            "produce, and grain procured by the state, against retail industrial prices) and the rise in the "
            "market prices of rye, potatoes and milk."
        ),
        why=(
            "The book's convention for a two-year period. Each scissors table divides by an economy-wide index "
            "of retail industrial prices, the two tables are printed with one column of years and compared "
            "year by year, so they share one reading; their source notes (31–34, and 49 in Part 1, ch. 1) are "
            "missing. The agricultural-year reading is recorded in p2c2_price_ratios' corrections."
        ),
        rows={"p2c2_price_ratios": {}, "p1c1_farm_prices": {}},
    ),
}


def two_year_period(period: object) -> bool:
    """Whether a printed period is one year of two calendar years, like ``1926–1927`` or ``1926/27``."""
    from .periods import _PAIR, _second_year

    match = _PAIR.match(str(period)) if isinstance(period, str) else None
    return bool(match) and _second_year(int(match[1]), match[2]) == int(match[1]) + 1


def year_kinds(name: str, row: dict) -> list[str]:
    """The kinds of ``YEAR_KINDS`` a row of table ``name`` is of (usually none or one)."""
    found = []
    for kind, spec in YEAR_KINDS.items():
        where = spec.rows.get(name)
        if where is None:
            continue
        if all(re.fullmatch(pattern, str(row.get(column, ""))) for column, pattern in where.items()):
            found.append(kind)
    return found


def period_cells(name: str) -> pd.DataFrame:
    """Every two-year period of a table with the kind of year it is read as (``period_type``), where it comes
    from (``declared``: the row's period_type column, the field, or ``convention``) and the row's kinds."""
    meta = metadata(name)
    fields = {f["name"]: f for f in meta["schema"]["fields"]}
    columns = [c for c in fields if c in PERIOD_COLUMNS or "period_type" in fields[c]]
    out = []
    for line, row in enumerate(load(name).to_dict("records"), start=2):
        for column in columns:
            if not two_year_period(row[column]):
                continue
            if "period_type" in fields[column]:
                kind, declared = fields[column]["period_type"], "field"
            elif "period_type" in fields:
                kind, declared = row["period_type"], "column"
            else:
                kind, declared = BOOK_CONVENTION, "convention"
            out.append(
                {
                    "table": name,
                    "line": line,
                    "column": column,
                    "period": row[column],
                    "period_type": kind,
                    "declared": declared,
                    "kinds": tuple(year_kinds(name, row)),
                }
            )
    return pd.DataFrame(out, columns=["table", "line", "column", "period", "period_type", "declared", "kinds"])
