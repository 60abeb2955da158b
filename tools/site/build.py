"""``make site``: the course as a static website, with slides and a printable handout per lesson.

Two builds, from the stored notebooks, into ``build/site/``:

* ``student/``: every lesson of the registry and its worksheet as pages, its slides, its handout (HTML and
  PDF), a page per data table with its provenance and its CSV, the works named beside the book. No solutions
  and no instructor guides, and the lessons' sentences that point to them are dropped: the student edition's
  own rules (``tools/student.py``), and its list of what must never reach students is checked on every page.
* ``instructor/``: the same, with the worked solutions and the instructor guides.

Nothing is fetched when the site is built or read: no CDN, no web font, no MathJax or require.js (no lesson
uses maths, and the widgets are shown as their still picture); the slides' reveal.js is copied from the npm
package the Makefile installs at set-up. Each notebook is converted once (``convert.py``) and the conversion
serves its page, its deck and its handout; conversions and PDFs are cached in ``build/site-cache/`` by content,
so a second build redoes only what changed.
"""

from __future__ import annotations

import functools
import html
import json
import os
import posixpath
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from nepcourse import paths, registry
from nepcourse.data import CHAPTER_NAMES

from .. import student
from . import convert, decks, handouts
from .links import relinked, site_map

HERE = Path(__file__).resolve().parent
TARGET = paths.ROOT / "build" / "site"
REVEAL = paths.ROOT / "build" / "npm" / "node_modules" / "reveal.js"
#: What the slides need from the reveal.js package (its white theme loads no web font).
REVEAL_FILES = ["dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "dist/plugin/notes.js", "LICENSE"]
COURSE = "Class Struggles in the USSR, 1923–1930"
WIDGET_NOTE = (
    "This is a live widget in JupyterLab: open the lesson there (<code>make lab</code>) and run its cells to move "
    "its controls. The picture above shows its starting state."
)
EDITIONS = {"student": False, "instructor": True}


class SiteError(RuntimeError):
    """The site cannot be built, or would hold what it must not; the message says why and what to do."""


@functools.cache
def templates():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=False)


@dataclass
class Site:
    """One build being written: its folder, whether it is the instructors', its map and what it used."""

    target: Path
    instructor: bool
    where: dict[str, str]
    stats: dict = field(default_factory=dict)
    pictures: set[str] = field(default_factory=set)
    handouts: dict[str, str] = field(default_factory=dict)  # lesson name -> handout HTML (for the PDFs)

    @property
    def edition(self) -> str:
        return "Instructor edition (with solutions and guides)" if self.instructor else "Student edition"

    def write(self, page: str, text: str) -> None:
        path = self.target / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def root(self, page: str) -> str:
        depth = page.count("/")
        return "../" * depth

    def picture(self, output: convert.Output, page: str) -> str:
        self.pictures.add(output.picture)
        src = posixpath.relpath(f"img/{output.picture}", posixpath.dirname(page) or ".")
        size = f' width="{output.width}" height="{output.height}"' if output.width else ""
        return f'<img src="{src}" alt="{html.escape(output.alt)}"{size}>'

    def stored_pictures(self, fragment: str, page: str) -> str:
        """An HTML output with the pictures it holds pointed to the site's picture folder."""

        def point(match: re.Match) -> str:
            self.pictures.add(match.group(1))
            return posixpath.relpath(f"img/{match.group(1)}", posixpath.dirname(page) or ".")

        return re.sub(re.escape(convert.STORED) + r"([0-9a-f]+\.png)", point, fragment)

    def page(self, page: str, title: str, body: str, source: str, extras: str = "") -> None:
        text = (
            templates()
            .get_template("page.html")
            .render(
                title=html.escape(title),
                course=COURSE,
                root=self.root(page),
                instructor=self.instructor,
                edition=self.edition,
                extras=extras,
                body=relinked(body, source, page, self.where),
            )
        )
        self.write(page, text)


def tables() -> list[str]:
    return sorted(p.name[: -len(".meta.json")] for p in paths.DATA.glob("*.meta.json"))


def notebook(path: Path, instructor: bool, stats: dict) -> list[convert.Cell]:
    """A notebook's cells as the build shows them: for students, without the sentences that point to solutions
    (the student edition's own rule)."""
    if instructor:
        return convert.converted(path, "as-is", lambda p: json.loads(p.read_text(encoding="utf-8")), stats)
    return convert.converted(path, "student", student_form, stats)


def student_form(path: Path) -> dict:
    """The notebook as the student edition carries it (``student.without_pointers`` on each markdown cell that
    points to the solutions; the others, most, are left as they are without splitting them into sentences)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and student.POINTER.search(source):
            cell["source"] = student.without_pointers(source)
    return nb


def cells_html(site: Site, cells: list[convert.Cell], page: str) -> str:
    parts = []
    for cell in cells:
        if cell.kind == "markdown":
            parts.append(f'<div class="cell-md">{cell.html}</div>')
            continue
        parts.append(f'<div class="cell-code">{cell.html}</div>')
        for output in cell.outputs:
            if output.kind == "chart":
                parts.append(f"<figure>{site.picture(output, page)}</figure>")
            elif output.kind == "html":
                parts.append(f'<div class="output-html">{site.stored_pictures(output.html, page)}</div>')
            elif output.kind == "widget":
                parts.append(f'<p class="widget-note">{WIDGET_NOTE}</p>')
            else:
                parts.append(f'<pre class="output">{output.html}</pre>')
    return "\n".join(parts)


def lesson_links(site: Site, lesson: registry.Lesson, here: str) -> str:
    """The line above a lesson's pages: its other pages on the site."""
    links = [("lessons", "lesson"), ("worksheets", "worksheet")]
    if site.instructor:
        links += [("solutions", "worked solutions"), ("guides", "instructor guide")]
    links += [("slides", "slides"), ("handouts", "printable handout")]
    parts = []
    for folder, words in links:
        if folder != here:
            target = f"{lesson.name}.pdf" if folder == "handouts" and has_pdf(site, lesson) else f"{lesson.name}.html"
            parts.append(f'<a href="../{folder}/{target}">{words}</a>')
    return f"{lesson.number} · {html.escape(lesson.title.split(':')[0])}: " + " · ".join(parts)


def has_pdf(site: Site, lesson: registry.Lesson) -> bool:
    return site.stats.get("pdf", True)


def lesson_pages(site: Site, lesson: registry.Lesson) -> None:
    folders = [("notebooks", "lessons"), ("exercises", "worksheets")]
    if site.instructor:
        folders.append(("solutions", "solutions"))
    for folder, here in folders:
        path = lesson.notebook(folder)
        if not path.exists():
            continue
        cells = notebook(path, site.instructor, site.stats)
        page = f"{here}/{lesson.name}.html"
        words = {"lessons": "", "worksheets": "Worksheet: ", "solutions": "Worked solutions: "}[here]
        title = f"{words}{lesson.number} · {lesson.title}"
        site.page(page, title, cells_html(site, cells, page), f"{folder}/{path.name}", lesson_links(site, lesson, here))
        if here == "lessons":
            lesson_deck(site, lesson, cells)
            worksheet = lesson.notebook("exercises")
            questions = notebook(worksheet, False, site.stats) if worksheet.exists() else []
            lesson_handout(site, lesson, cells if not site.instructor else None, questions)


def lesson_deck(site: Site, lesson: registry.Lesson, cells: list[convert.Cell]) -> None:
    page = f"slides/{lesson.name}.html"
    if site.instructor:  # the decks are made from the students' form of the lesson, the same in both builds
        cells = notebook(lesson.notebook(), False, site.stats)
    stacks = decks.deck(cells, lambda output: site.picture(output, page))
    rendered = [
        [{"content": "\n".join(s.content), "notes": "\n".join(s.notes)} for s in stack] for stack in stacks if stack
    ]
    text = templates().get_template("deck.html").render(title=html.escape(lesson.title), stacks=rendered)
    site.write(page, relinked(text, f"notebooks/{lesson.name}.ipynb", page, site.where))


def lesson_handout(site: Site, lesson: registry.Lesson, cells, questions) -> None:
    page = f"handouts/{lesson.name}.html"
    if cells is None:
        cells = notebook(lesson.notebook(), False, site.stats)
    body = handouts.body(cells, questions, lambda output: site.picture(output, page))
    text = templates().get_template("handout.html").render(title=html.escape(lesson.title), course=COURSE, body=body)
    text = relinked(text, f"notebooks/{lesson.name}.ipynb", page, site.where)
    site.write(page, text)
    site.handouts[lesson.name] = text


def markdown_page(site: Site, source: str, page: str) -> None:
    text = (paths.ROOT / source).read_text(encoding="utf-8")
    title = next((line[2:] for line in text.splitlines() if line.startswith("# ")), source)
    site.page(page, title, convert.markdown_cached(text, site.stats), source)


def index_page(site: Site) -> None:
    head = ["#", "Lesson", "Book", "Worksheet", "Slides", "Handout"]
    if site.instructor:
        head += ["Solutions", "Guide"]
    rows = []
    for lesson in registry.lessons():
        cells = [
            lesson.number,
            f'<a href="lessons/{lesson.name}.html">{html.escape(lesson.title)}</a>',
            html.escape(lesson.book()),
            f'<a href="worksheets/{lesson.name}.html">worksheet</a>',
            f'<a href="slides/{lesson.name}.html">slides</a>',
            f'<a href="handouts/{lesson.name}.pdf">PDF</a> · <a href="handouts/{lesson.name}.html">page</a>'
            if has_pdf(site, lesson)
            else f'<a href="handouts/{lesson.name}.html">page</a>',
        ]
        if site.instructor:
            cells += [
                f'<a href="solutions/{lesson.name}.html">solutions</a>',
                f'<a href="guides/{lesson.name}.html">guide</a>',
            ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    table = "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"
    body = f"""<h1>{COURSE}: an open notebook course</h1>
<p>A course of Jupyter notebooks on Charles Bettelheim, <i>Class Struggles in the USSR, Second Period: 1923–1930</i>
(Monthly Review Press, 1978; translated by Brian Pearce). Each lesson follows one chapter of the book: it loads the
figures the chapter prints, draws them, explains what they show about the book's argument, and asks the reader to
test that argument against the book's own numbers.</p>
<p>These pages show each lesson as it was last run, with its charts; each chart has a description for screen
readers. To run the code, change it and move the widgets, open the course in JupyterLab. Each lesson also has
slides to project and a handout to print, without code.</p>
<h2 id="lessons">Lessons</h2>
{table}{"".join(rows)}</tbody></table>
<h2>Data and sources</h2>
<p>Every figure comes from the book. <a href="data/index.html">The tables</a> each have a page with the book's
words, chapter, section and note, the corrections made and why, and the CSV file to download.
<a href="references.html">The works named beside the book</a> are listed with the lessons that name them.</p>"""
    if site.instructor:
        body += (
            '\n<p><a href="guides/index.html">The instructor guides</a>: session plans, likely wrong answers, '
            "model notes and rubrics.</p>"
        )
    site.page("index.html", COURSE, body, "README.md")


def data_pages(site: Site) -> None:
    package = json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))
    read_by = {r["name"]: r.get("lessons", []) for r in package["resources"]}
    rows = []
    for name in tables():
        meta = json.loads((paths.DATA / f"{name}.meta.json").read_text(encoding="utf-8"))
        lessons = read_by.get(name, [])
        shutil.copy2(paths.DATA / f"{name}.csv", site.target / "data" / f"{name}.csv")
        site.page(f"data/{name}.html", meta["title"], data_body(name, meta, lessons), f"data/{name}.meta.json")
        listed = ", ".join(lesson_link(x, "../") for x in lessons) or "—"
        rows.append(
            f'<tr><td><a href="{name}.html">{name}</a></td><td>{html.escape(meta["title"])}</td>'
            f'<td>{listed}</td><td><a href="{name}.csv">CSV</a></td></tr>'
        )
    shutil.copy2(paths.DATA / "datapackage.json", site.target / "data" / "datapackage.json")
    body = f"""<h1>The course's tables</h1>
<p>One page for each table: what it holds, where in the book each figure is printed (with the book's own words),
what was corrected or read and why, its columns, and its CSV file. The whole set is also a
<a href="datapackage.json">Frictionless Data Package</a>.</p>
<table><thead><tr><th>Table</th><th>What it holds</th><th>Lessons</th><th>File</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>"""
    site.page("data/index.html", "The course's tables", body, "data/index")


def lesson_link(number: str, root: str) -> str:
    try:
        lesson = registry.lesson(number)
    except registry.UnknownLesson:
        return html.escape(number)
    return f'<a href="{root}lessons/{lesson.name}.html">{lesson.number}</a>'


def cell(value) -> str:
    return "" if value is None else html.escape(str(value))


def data_body(name: str, meta: dict, lessons: list[str]) -> str:
    parts = [f"<h1>{html.escape(meta['title'])}</h1>", f"<p>{html.escape(meta.get('description', ''))}</p>"]
    size = (paths.DATA / f"{name}.csv").stat().st_size
    parts.append(f'<p class="extras">Download: <a href="{name}.csv">{name}.csv</a> ({size:,} bytes, CSV, UTF-8). ')
    parts[-1] += "Read by lessons " + (", ".join(lesson_link(x, "../") for x in lessons) or "none yet") + ".</p>"
    book = meta.get("book")
    if book:
        parts.append("<h2>Where the figures come from</h2>")
        parts.append(f"<p>Printed in the book as: {cell(book.get('printed_as'))}.</p>")
        places = book.get("places")
        parts.append(rows_table(name) if isinstance(places, str) else places_table(places or []))
        if book.get("corrections"):
            parts.append(
                "<h2>Corrections and readings</h2><p>Where the text is damaged, ambiguous or contradicts itself: "
                "what is printed, how the course reads it, and why.</p>"
            )
            for c in book["corrections"]:
                if not isinstance(c, dict):
                    parts.append(f"<p>{facts(c)}</p>")
                    continue
                parts.append(
                    f'<dl class="facts"><dt>{cell(c.get("kind"))}: {cell(c.get("where"))}</dt>'
                    f"<dd>Printed: <q>{cell(c.get('printed'))}</q></dd><dd>Read as: {cell(c.get('reading'))}</dd>"
                    f"<dd>Why: {cell(c.get('why'))}</dd></dl>"
                )
    for key in ("external", "shared", "processing", "course", "categories"):
        if key in meta:
            parts.append(f"<h2>{key.capitalize()}</h2>{facts(meta[key])}")
    fields = meta.get("schema", {}).get("fields", [])
    rows = "".join(
        f"<tr><td><code>{cell(f['name'])}</code></td><td>{cell(f.get('type'))}</td><td>{cell(f.get('description'))}"
        + (
            f" (one of: {cell(', '.join(map(str, f['constraints']['enum'])))})"
            if "enum" in f.get("constraints", {})
            else ""
        )
        + "</td></tr>"
        for f in fields
    )
    parts.append(
        f"<h2>Columns</h2><table><thead><tr><th>Column</th><th>Type</th><th>Meaning</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return "\n".join(parts)


def places_table(places: list[dict]) -> str:
    """Where each figure is printed: chapter, section, note, the source the note cites, and the book's words."""
    rows = "".join(
        f"<tr><td>{cell(CHAPTER_NAMES.get(p.get('chapter'), p.get('chapter')))}</td><td>{cell(p.get('section'))}</td>"
        f"<td>{cell(p.get('note'))}</td><td>{cell(p.get('source'))}</td><td>{cell(p.get('page'))}</td>"
        f"<td><q>{cell(p.get('quote'))}</q></td></tr>"
        for p in places
    )
    return (
        "<table><thead><tr><th>Chapter</th><th>Section</th><th>Note</th><th>Source the note cites</th>"
        f"<th>Page</th><th>The book's words</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def rows_table(name: str) -> str:
    """A table whose rows each name their place in the book (chapter, section, note, the book's words): all of it."""
    import csv

    with open(paths.DATA / f"{name}.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    head = "".join(f"<th>{cell(x)}</th>" for x in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{cell(x)}</td>" for x in row) + "</tr>" for row in rows[1:])
    note = "<p>Each row records its own place in the book and the book's words (its columns below).</p>"
    return f'{note}<div class="output-html"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def facts(value) -> str:
    """Any metadata value as nested lists (links kept as links)."""
    if isinstance(value, dict):
        return (
            '<dl class="facts">' + "".join(f"<dt>{cell(k)}</dt><dd>{facts(v)}</dd>" for k, v in value.items()) + "</dl>"
        )
    if isinstance(value, list):
        return "<ul>" + "".join(f"<li>{facts(v)}</li>" for v in value) + "</ul>"
    text = cell(value)
    return f'<a href="{text}">{text}</a>' if text.startswith("https://") else text


def copy_assets(site: Site) -> None:
    from pygments.formatters import HtmlFormatter

    assets = site.target / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for path in (HERE / "assets").glob("*.css"):
        shutil.copy2(path, assets / path.name)
    (assets / "pygments.css").write_text(HtmlFormatter().get_style_defs(".highlight"), encoding="utf-8")
    if not (REVEAL / "package.json").exists():
        raise SiteError(
            f"reveal.js is not installed in {paths.relative(REVEAL)}: run `make site`, which installs it with npm "
            "(the slides use it; nothing is fetched when they are shown)"
        )
    for name in REVEAL_FILES:
        target = site.target / "slides" / "reveal" / name.removeprefix("dist/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REVEAL / name, target)
    pictures = site.target / "img"
    pictures.mkdir(exist_ok=True)
    for name in site.pictures:
        try:
            os.link(convert.PICTURES / name, pictures / name)
        except OSError:
            shutil.copy2(convert.PICTURES / name, pictures / name)


def problems(site: Path) -> list[str]:
    """Why a student build may not be handed to students (empty when it may): the student edition's rules."""
    found = [f"it holds {folder}/" for folder in ("solutions", "guides") if (site / folder).exists()]
    for path in sorted(site.rglob("*.html")):
        if "reveal" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(site)} holds {m!r}" for m in student.FORBIDDEN if m in text]
    return found


def build_edition(target: Path, instructor: bool, pdf: bool = True, stats: dict | None = None) -> Site:
    """Write one build into ``target`` (replaced only when the new one is complete and, for students, clean)."""
    scratch = target.with_name(target.name + ".new")
    if scratch.exists():
        shutil.rmtree(scratch)
    site = Site(scratch, instructor, site_map(instructor, tables()), stats if stats is not None else {})
    site.stats["pdf"] = pdf and handouts.can_print()
    (scratch / "data").mkdir(parents=True)
    for lesson in registry.lessons():
        lesson_pages(site, lesson)
    index_page(site)
    data_pages(site)
    markdown_page(site, "docs/references.md", "references.html")
    if instructor:
        markdown_page(site, "docs/instructors/README.md", "guides/index.html")
        for lesson in registry.lessons():
            guide = f"docs/instructors/{lesson.name}.md"
            if (paths.ROOT / guide).exists():
                markdown_page(site, guide, f"guides/{lesson.name}.html")
    copy_assets(site)
    if site.stats["pdf"]:
        handouts.print_pdfs({scratch / "handouts" / f"{k}.html": v for k, v in site.handouts.items()}, site.stats)
    found = [] if instructor else problems(scratch)
    if found:
        shutil.rmtree(scratch)
        raise SiteError("the student site is not ready:\n" + "\n".join(found))
    if target.exists():
        shutil.rmtree(target)
    scratch.rename(target)
    site.target = target
    return site


def build(target: Path = TARGET, editions=tuple(EDITIONS), pdf: bool = True) -> dict:
    """Both builds (or those named); returns what was done, for the report."""
    stats = {}
    for edition in editions:
        build_edition(target / edition, EDITIONS[edition], pdf, stats)
    return stats


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tools.site", description=__doc__.split("\n\n")[0])
    parser.add_argument("--edition", choices=[*EDITIONS, "both"], default="both")
    parser.add_argument("--no-pdf", action="store_true", help="write the handouts as pages only")
    parser.add_argument("--target", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    clock = time.monotonic()
    editions = tuple(EDITIONS) if args.edition == "both" else (args.edition,)
    try:
        stats = build(args.target, editions, pdf=not args.no_pdf)
    except (SiteError, ValueError) as err:
        print(f"make site: {err}")
        return 1
    print(
        f"wrote {', '.join(paths.relative(args.target / e) + '/' for e in editions)} "
        f"in {time.monotonic() - clock:.1f} s "
        f"(notebooks converted {stats.get('converted', 0)}, from the cache {stats.get('cached', 0)}; "
        f"handout PDFs printed {stats.get('printed', 0)}, from the cache {stats.get('pdf_cached', 0)})"
    )
    if not stats.get("pdf") and not args.no_pdf:
        print(
            f"no PDF handouts: {handouts.why_not_print()} (the handouts are written as pages, printable from a browser)"
        )
    print("serve it: python -m http.server --directory build/site/student 8000, then open http://127.0.0.1:8000/")
    return 0
