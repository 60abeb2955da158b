"""The course's notebook chores: worksheets from solutions, navigation, the lesson table, students' copies.

* ``solutions/NN_topic.ipynb`` is the single source of each worksheet. ``make_worksheet`` turns it into
  ``exercises/NN_topic.ipynb``: code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes
  ``answer = ...``; cells tagged ``solution-only`` (worked answers, model notes) are dropped; cells tagged
  ``worksheet-only`` (the worksheet's own header) are kept, and are visible in the solutions too.
* ``add_navigation`` writes the previous/next links at the top and bottom of every notebook, from the
  lesson registry (cells tagged ``navigation``; never edit them by hand).
* ``lesson_table`` writes the README's table of lessons from the registry.
* ``copy_for_student`` copies lessons and worksheets into ``my-work/`` and never overwrites a file there.

No command here loses what a student typed: a worksheet edited in place is copied into ``my-work/`` before
it is regenerated.
"""

from __future__ import annotations

import copy
import hashlib
import shutil
from pathlib import Path

import nbformat

from nepcourse import paths, registry

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUB = "answer = ...  # your answer here"
#: In a cell where the student draws (tagged ``student-drawing``), the solution becomes a comment: the cell
#: already made ``fig, ax`` and checks ``fig``.
DRAWING_STUB = "# your drawing here: draw on ax (ax.bar or ax.plot), then decorate(ax, ...) and add_source(fig, ...)"
STUDENT_DRAWING = "student-drawing"
NAV_TAG, SOLUTION_ONLY, WORKSHEET_ONLY = "navigation", "solution-only", "worksheet-only"


def course_notebooks(folder: str) -> list[Path]:
    """The lessons' notebooks in a folder, in the registry's order."""
    return registry.notebooks(folder)


# ---- navigation ------------------------------------------------------------------------------

FOLDER_WORDS = {"notebooks": "lesson", "exercises": "worksheet", "solutions": "worked solutions"}


def _link(lesson: registry.Lesson, folder: str, here: str, text: str | None = None) -> str:
    prefix = "" if folder == here else f"../{folder}/"
    return f"[{text or f'{lesson.number} · ' + lesson.title.split(':')[0]}]({prefix}{lesson.name}.ipynb)"


def navigation(lesson: registry.Lesson, folder: str, where: str) -> str:
    """The navigation line of a notebook (``where`` is "top" or "bottom"): the previous and next lesson's
    notebook in the same folder, the list of lessons, and the lesson's other notebooks (a worksheet never
    links to the solutions)."""
    every = [x for x in registry.lessons() if x.notebook(folder).exists() or x == lesson]
    i = every.index(lesson)
    parts = ["← " + _link(every[i - 1], folder, folder)] if i > 0 else []
    parts.append("[all lessons](../README.md#lessons)")
    siblings = {"notebooks": ["exercises"], "exercises": ["notebooks"], "solutions": ["notebooks", "exercises"]}[folder]
    others = [
        _link(lesson, other, folder, FOLDER_WORDS[other]) for other in siblings if lesson.notebook(other).exists()
    ]
    if others:
        owner = {"notebooks": "this lesson's", "exercises": "this worksheet's", "solutions": "these solutions'"}[folder]
        parts.append(f"{owner} " + " and ".join(others))
    if i + 1 < len(every):
        parts.append(_link(every[i + 1], folder, folder) + " →")
    line = " | ".join(parts)
    return line if where == "top" else f"---\n{line}"


def add_navigation(nb: nbformat.NotebookNode, lesson: registry.Lesson, folder: str) -> nbformat.NotebookNode:
    """The notebook with its navigation cells (made anew; any old ones removed)."""
    cells = [c for c in nb.cells if NAV_TAG not in c.metadata.get("tags", [])]
    top, bottom = (
        nbformat.v4.new_markdown_cell(
            navigation(lesson, folder, where), id=f"nav-{where}", metadata={"tags": [NAV_TAG]}
        )
        for where in ("top", "bottom")
    )
    nb.cells = [top, *cells, bottom]
    return nb


def write_navigation() -> list[Path]:
    """Rewrite the navigation of every lesson and solutions notebook where it changed (worksheets get
    theirs when they are generated); returns the notebooks written. Outputs are untouched."""
    written = []
    for folder in ("notebooks", "solutions"):
        for lesson in registry.lessons():
            path = lesson.notebook(folder)
            if not path.exists():
                continue
            nb = nbformat.read(path, as_version=4)
            before = [(c.cell_type, c.source) for c in nb.cells]
            add_navigation(nb, lesson, folder)
            if [(c.cell_type, c.source) for c in nb.cells] != before:
                nbformat.write(nb, path)
                written.append(path)
    return written


# ---- worksheets ------------------------------------------------------------------------------


def _strip_solution(source: str, stub: str = STUB) -> str:
    out, inside = [], False
    for line in source.splitlines():
        if line.strip() == BEGIN:
            inside = True
            out.append(line[: len(line) - len(line.lstrip())] + stub)
        elif line.strip() == END:
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"a cell opens {BEGIN!r} without {END!r}")
    return "\n".join(out)


def make_worksheet(solution: nbformat.NotebookNode, lesson: registry.Lesson | None = None) -> nbformat.NotebookNode:
    """The exercise notebook made from a solution notebook (outputs cleared; execute it afterwards).
    With ``lesson``, it gets the worksheets' navigation."""
    sheet = copy.deepcopy(solution)
    cells = []
    for cell in sheet.cells:
        tags = cell.metadata.get("tags", [])
        if SOLUTION_ONLY in tags or NAV_TAG in tags:
            continue
        if cell.cell_type == "code":
            cell.source = _strip_solution(cell.source, DRAWING_STUB if STUDENT_DRAWING in tags else STUB)
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    sheet.cells = cells
    if lesson is not None:
        add_navigation(sheet, lesson, "exercises")
    sheet.metadata.get("course", {}).pop("inputs", None)
    sheet.metadata.setdefault("course", {})["generated"] = sources_hash(sheet)
    return sheet


def sources_hash(nb: nbformat.NotebookNode) -> str:
    """A short hash of a notebook's cell sources (outputs and metadata left out)."""
    return hashlib.sha256(repr(worksheet_sources(nb)).encode()).hexdigest()[:16]


def was_edited(sheet: nbformat.NotebookNode) -> bool:
    """Whether someone typed into a generated worksheet since it was generated."""
    generated = sheet.metadata.get("course", {}).get("generated")
    return generated is not None and generated != sources_hash(sheet)


def _save_students_work(path: Path) -> Path:
    """Copy an edited worksheet into my-work/ under a name that is free; returns where it went."""
    folder = paths.STUDENT_WORK / "exercises"
    folder.mkdir(parents=True, exist_ok=True)
    target, n = folder / path.name, 1
    while target.exists():
        target, n = folder / f"{path.stem}-saved-{n}{path.suffix}", n + 1
    shutil.copyfile(path, target)
    return target


def worksheet_sources(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """What a stale-check compares: each cell's type and source."""
    return [(c.cell_type, c.source) for c in nb.cells]


def write_worksheets() -> list[Path]:
    """Regenerate every worksheet whose source changed; returns the worksheets written."""
    written = []
    for solution_path in course_notebooks("solutions"):
        sheet = make_worksheet(nbformat.read(solution_path, as_version=4), registry.lesson(solution_path))
        target = paths.EXERCISES / solution_path.name
        if target.exists():
            current = nbformat.read(target, as_version=4)
            if worksheet_sources(current) == worksheet_sources(sheet):
                if current.metadata.get("course", {}).get("generated") != sources_hash(sheet):
                    current.metadata.setdefault("course", {})["generated"] = sources_hash(sheet)
                    nbformat.write(current, target)  # same cells and outputs; only the record added
                continue
            if was_edited(current):
                saved = _save_students_work(target)
                print(f"{paths.relative(target)} had been edited: your version is saved as {paths.relative(saved)}")
        target.parent.mkdir(exist_ok=True)
        nbformat.write(sheet, target)
        written.append(target)
    return written


# ---- the README's lesson table ---------------------------------------------------------------

START, STOP = "<!-- lessons: generated by `make build`; do not edit by hand -->", "<!-- end of lessons -->"


def heading_in(nb: nbformat.NotebookNode) -> str | None:
    """A notebook's first heading (``# 04 · The village…`` → ``04 · The village…``)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and NAV_TAG not in cell.metadata.get("tags", []):
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


def lesson_table() -> str:
    """The README's table of lessons, from the registry."""
    rows = ["| # | Lesson | Book | Worksheet | Solutions |", "|---|---|---|---|---|"]
    for lesson in registry.lessons():
        cells = []
        for folder in registry.FOLDERS[1:][::-1]:
            path = lesson.notebook(folder)
            cells.append(f"[{folder}/{path.name}]({folder}/{path.name})" if path.exists() else "—")
        rows.append(
            f"| {lesson.number} | [{lesson.title}](notebooks/{lesson.name}.ipynb) | {lesson.book()} | "
            f"{' | '.join(cells)} |"
        )
    return "\n".join(rows)


def readme_with_table(readme: str) -> str:
    if START not in readme or STOP not in readme:
        raise ValueError("README.md lacks the lesson-table markers")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(STOP, 1)
    return f"{head}{START}\n{lesson_table()}\n{STOP}{tail}"


def write_readme_table() -> bool:
    readme = paths.ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = readme_with_table(text)
    if new != text:
        readme.write_text(new, encoding="utf-8")
        return True
    return False


# ---- students' own copies --------------------------------------------------------------------


def copy_for_student(target: Path | None = None) -> tuple[list[Path], list[Path]]:
    """Copy lessons and worksheets into ``my-work/`` (git-ignored); an existing file is never touched.

    Returns (copied, kept): the files copied now, and the student's files left as they were.
    """
    target = Path(target or paths.STUDENT_WORK)
    copied, kept = [], []
    for folder in ("notebooks", "exercises"):
        for source in course_notebooks(folder):
            dest = target / folder / source.name
            if dest.exists():
                kept.append(dest)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
            copied.append(dest)
    return copied, kept
