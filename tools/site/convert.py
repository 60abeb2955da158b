"""One conversion of each notebook, reused by its web page, its slides and its handout.

A notebook becomes a list of cells, each already in HTML: markdown through markdown-it-py (CommonMark with
tables, each heading with the id JupyterLab gives it; nbconvert's own mistune renderer gives the same HTML three
times slower), code through Pygments, and each output sorted into what the three outputs need to tell apart: a
chart (its PNG written once to the picture store, named by its content hash, with the alt text the course
stored beside it in the ``text/html`` output), an HTML table (its inline pictures moved to the store too),
plain text, or a widget (whose stored output is only the course's "[An interactive widget…]" line: its still
picture is the chart of the cell before it). Links are kept as the notebook has them; each page points them to
the site.

The conversion is cached under ``build/site-cache/``, keyed by the notebook's content and this package's own
code, so a second build converts nothing that did not change.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import struct
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from nepcourse import paths
from nepcourse.plotting import PLACEHOLDER_ALT, WIDGET_TEXT, stored_picture

CACHE = paths.ROOT / "build" / "site-cache"
PICTURES = CACHE / "img"
HERE = Path(__file__).resolve().parent
#: The cache's files this run used: ``prune`` removes the others (conversions of notebooks as they were).
USED: set[Path] = set()
INLINE_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"')
#: How an HTML output names a picture of the store; each page replaces it with the picture's path from the page.
STORED = "@stored-picture/"
STORED_NAME = re.compile(re.escape(STORED) + r"([0-9a-f]+\.png)")
#: JupyterLab's slide types (cell metadata ``slideshow.slide_type``), and the same as tags ``slides:TYPE``.
SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")


@dataclass
class Output:
    kind: str  # "chart", "html", "text" or "widget"
    html: str = ""
    picture: str = ""  # the chart's file name in the picture store
    alt: str = ""
    width: int = 0
    height: int = 0


@dataclass
class Cell:
    id: str
    kind: str  # "markdown" or "code"
    source: str
    html: str
    tags: list[str]
    slide_type: str | None  # an override from the notebook (see SLIDE_TYPES); None: the course's rule decides
    outputs: list[Output] = field(default_factory=list)

    @property
    def charts(self) -> list[Output]:
        return [o for o in self.outputs if o.kind == "chart"]


@cache
def code_version() -> str:
    """A hash of the converter's own code and templates, and of the student edition's rules (which give the
    students' form of a notebook): a change to them makes every cached conversion stale."""
    digest = hashlib.sha256((HERE.parent / "student.py").read_bytes())
    for path in sorted(HERE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".css"}:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def markdown_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def heading_id(text: str) -> str:
    """The id JupyterLab gives a heading (its text, spaces as hyphens), so a link to a section works the same."""
    return re.sub(r"\s+", "-", re.sub(r"[*_`]", "", text).strip())


def markdown_html(text: str) -> str:
    """Markdown in HTML (CommonMark with tables, raw HTML kept), each heading with its id."""
    parser = markdown_parser()
    tokens = parser.parse(text)
    for opening, inline in zip(tokens, tokens[1:]):
        if opening.type == "heading_open":
            opening.attrSet("id", heading_id(inline.content))
    return parser.renderer.render(tokens, parser.options, {})


def markdown_cached(text: str, stats: dict | None = None) -> str:
    """A markdown page (a guide, the references) in HTML, from the cache when this text was converted before."""
    key = hashlib.sha256(text.encode() + code_version().encode()).hexdigest()[:24]
    cached = CACHE / "markdown" / f"{key}.html"
    USED.add(cached)
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    made = markdown_html(text)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(made, encoding="utf-8")
    if stats is not None:
        stats["converted"] = stats.get("converted", 0) + 1
    return made


@cache
def highlighter():
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    return PythonLexer(), HtmlFormatter(cssclass="highlight")


def code_html(source: str) -> str:
    from pygments import highlight

    return highlight(source, *highlighter())


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (so a page reserves the picture's place before it loads)."""
    return struct.unpack(">II", png[16:24]) if png[:8] == b"\x89PNG\r\n\x1a\n" else (0, 0)


def store_picture(png: bytes) -> str:
    name = hashlib.sha256(png).hexdigest()[:20] + ".png"
    target = PICTURES / name
    USED.add(target)
    if not target.exists():
        PICTURES.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png)
    return name


def joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def convert_output(output: dict) -> Output | None:
    kind = output.get("output_type")
    if kind == "stream":
        return (
            Output("text", html=html.escape(joined(output.get("text", "")))) if output.get("name") == "stdout" else None
        )
    if kind == "error":
        return Output("text", html=html.escape(f"{output.get('ename')}: {output.get('evalue')}"))
    data = output.get("data", {})
    picture = stored_picture(output)
    if picture:
        png, alt = picture
        width, height = png_size(png)
        return Output("chart", picture=store_picture(png), alt=alt or PLACEHOLDER_ALT, width=width, height=height)
    if "text/html" in data:  # a table, or a widget's or a check's own HTML: its inline pictures go to the store
        return Output(
            "html",
            html=INLINE_PNG.sub(
                lambda m: f'src="{STORED}{store_picture(base64.b64decode(m.group(1)))}"', joined(data["text/html"])
            ),
        )
    text = joined(data.get("text/plain", ""))
    if text.strip() == WIDGET_TEXT:
        return Output("widget")
    return Output("text", html=html.escape(text)) if text else None


def slide_type(cell: dict) -> str | None:
    chosen = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
    for tag in cell.get("metadata", {}).get("tags", []):
        if tag.startswith("slides:"):
            chosen = tag.split(":", 1)[1]
    return chosen if chosen in SLIDE_TYPES else None


def convert_cell(cell: dict, index: int) -> Cell:
    source = joined(cell.get("source", ""))
    kind = cell["cell_type"]
    converted = Cell(
        id=cell.get("id", f"cell-{index}"),
        kind=kind,
        source=source,
        html=markdown_html(source) if kind == "markdown" else code_html(source) if kind == "code" else "",
        tags=list(cell.get("metadata", {}).get("tags", [])),
        slide_type=slide_type(cell),
    )
    for output in cell.get("outputs", []) if kind == "code" else []:
        made = convert_output(output)
        if made is not None:
            converted.outputs.append(made)
    return converted


_CELLS: dict[tuple, Cell] = {}  # in one build, a cell shared by a lesson and its student form is converted once


def convert(nb: dict, where: str = "") -> list[Cell]:
    """The notebook's cells in HTML (``where``, its path, tells its code cells from another notebook's)."""
    cells = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] in ("markdown", "code"):
            source = joined(cell.get("source", ""))
            metadata = json.dumps(cell.get("metadata", {}), sort_keys=True)
            key = (cell["cell_type"], source, metadata, *((where, i) if cell["cell_type"] == "code" else ()))
            if key not in _CELLS:
                _CELLS[key] = convert_cell(cell, i)
            cells.append(_CELLS[key])
    return cells


def converted(path: Path, form: str, read, stats: dict | None = None) -> list[Cell]:
    """The cells of the notebook at ``path`` in one ``form`` ("student": without pointers to the solutions, or
    "as-is"), in HTML; ``read(path)`` gives the notebook in that form. From the cache when this file was
    converted in this form, by this code, before."""
    digest = hashlib.sha256(path.read_bytes() + form.encode() + code_version().encode()).hexdigest()[:24]
    cached = CACHE / "notebooks" / f"{digest}.json"
    USED.add(cached)
    if cached.exists():
        cells = [Cell(**{**c, "outputs": [Output(**o) for o in c["outputs"]]}) for c in json.loads(cached.read_text())]
        pictures = [PICTURES / o.picture for c in cells for o in c.charts]
        pictures += [PICTURES / name for c in cells for o in c.outputs for name in STORED_NAME.findall(o.html)]
        if all(p.exists() for p in pictures):
            USED.update(pictures)
            if stats is not None:
                stats["cached"] = stats.get("cached", 0) + 1
            return cells
    cells = convert(read(path), str(path))
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps([asdict(c) for c in cells]), encoding="utf-8")
    if stats is not None:
        stats["converted"] = stats.get("converted", 0) + 1
    return cells


def prune() -> int:
    """Remove what the cache holds that this run did not use; returns how many files. Called after a build of
    every edition, so the cache keeps one conversion of each notebook as it is now."""
    removed = 0
    for path in CACHE.glob("*/*"):
        if path.is_file() and path not in USED:
            path.unlink()
            removed += 1
    return removed
