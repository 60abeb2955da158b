"""The course's notebook chores: worksheets from solutions, re-execution, the lesson table, students' copies.

* ``solutions/NN_topic.ipynb`` is the single source of each worksheet. ``make_worksheet`` turns it into
  ``exercises/NN_topic.ipynb``: code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes
  ``answer = ...``; cells tagged ``solution-only`` (model notes for seminar questions) are dropped; a
  cell with ``course_exercise_source`` in its metadata takes that text instead (headers, answer boxes).
* ``execute_changed`` runs the notebooks whose inputs (their cells, the data, this package) changed
  since they were last run, and records a fingerprint of those inputs in their metadata.
* ``lesson_table`` writes the README's table of lessons from the notebooks' own metadata.
* ``copy_for_student`` copies lessons and worksheets into ``my-work/`` and never overwrites a file there.

No command here loses what a student typed: a worksheet edited in place is copied into ``my-work/`` before
it is regenerated.
"""
from __future__ import annotations

import copy
import hashlib
import re
import shutil
from pathlib import Path

import nbformat

from . import paths

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUB = "answer = ...  # your answer here"
FOLDERS = ("notebooks", "solutions", "exercises")
NAME = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")


def course_notebooks(folder: str) -> list[Path]:
    """The numbered notebooks of a folder (``NN_topic.ipynb``), in order."""
    return sorted(p for p in (paths.ROOT / folder).glob("*.ipynb") if NAME.match(p.name))


# ---- worksheets ------------------------------------------------------------------------------

def _strip_solution(source: str) -> str:
    out, inside = [], False
    for line in source.splitlines():
        if line.strip() == BEGIN:
            inside = True
            out.append(line[: len(line) - len(line.lstrip())] + STUB)
        elif line.strip() == END:
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"a cell opens {BEGIN!r} without {END!r}")
    return "\n".join(out)


def make_worksheet(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The exercise notebook made from a solution notebook (outputs cleared; execute it afterwards)."""
    sheet = copy.deepcopy(solution)
    cells = []
    for cell in sheet.cells:
        if "solution-only" in cell.metadata.get("tags", []):
            continue
        if "course_exercise_source" in cell.metadata:
            cell.source = cell.metadata.pop("course_exercise_source")
        elif cell.cell_type == "code":
            cell.source = _strip_solution(cell.source)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    sheet.cells = cells
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
        sheet = make_worksheet(nbformat.read(solution_path, as_version=4))
        target = paths.EXERCISES / solution_path.name
        if target.exists():
            current = nbformat.read(target, as_version=4)
            if worksheet_sources(current) == worksheet_sources(sheet):
                if current.metadata.get("course", {}).get("generated") != sources_hash(sheet):
                    current.metadata.setdefault("course", {})["generated"] = sources_hash(sheet)
                    nbformat.write(current, target)     # same cells and outputs; only the record added
                continue
            if was_edited(current):
                saved = _save_students_work(target)
                print(f"{paths.relative(target)} had been edited: your version is saved as {paths.relative(saved)}")
        target.parent.mkdir(exist_ok=True)
        nbformat.write(sheet, target)
        written.append(target)
    return written


# ---- execution -------------------------------------------------------------------------------

#: Package modules a notebook never runs (build and measurement tools): editing them changes no output.
TOOLING = frozenset({"bench.py", "cli.py", "datapackage.py", "notebooks.py"})


def _input_files() -> list[Path]:
    package = Path(__file__).resolve().parent
    modules = [path for path in package.glob("*.py") if path.name not in TOOLING]
    return sorted([*paths.DATA.glob("*.csv"), *paths.DATA.glob("*.meta.json"), *modules, *package.glob("*.mplstyle")])


def fingerprint(nb: nbformat.NotebookNode) -> str:
    """A hash of what a notebook's outputs depend on: its cells, the data and the helper package."""
    digest = hashlib.sha256()
    for kind, source in worksheet_sources(nb):
        digest.update(f"{kind}\0{source}\0".encode())
    for path in _input_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _clean_outputs(nb: nbformat.NotebookNode) -> None:
    """Keep stored outputs deterministic: drop widget views (random ids) and widget state."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            output.get("data", {}).pop("application/vnd.jupyter.widget-view+json", None)


def execute(path: Path) -> None:
    """Run a notebook top to bottom in its folder and save it with its outputs."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False, store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    _clean_outputs(nb)
    nb.metadata.setdefault("course", {})["inputs"] = fingerprint(nb)
    nbformat.write(nb, path)


def needs_run(path: Path) -> bool:
    nb = nbformat.read(path, as_version=4)
    return nb.metadata.get("course", {}).get("inputs") != fingerprint(nb)


def execute_changed(force: bool = False) -> list[Path]:
    """Execute every course notebook whose inputs changed (all of them with ``force``)."""
    done = []
    for folder in FOLDERS:
        for path in course_notebooks(folder):
            if force or needs_run(path):
                print(f"executing {paths.relative(path)}")
                execute(path)
                done.append(path)
    return done


# ---- the README's lesson table ---------------------------------------------------------------

START, STOP = "<!-- lessons: generated by `make build`; do not edit by hand -->", "<!-- end of lessons -->"


def _title(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].split(" · ", 1)[-1].strip()
    return "(untitled)"


def lesson_table() -> str:
    from .data import CHAPTER_NAMES

    rows = ["| # | Lesson | Book | Worksheet | Solutions |", "|---|---|---|---|---|"]
    for path in course_notebooks("notebooks"):
        nb = nbformat.read(path, as_version=4)
        course = nb.metadata.get("course", {})
        covers = ", ".join(CHAPTER_NAMES.get(c, c) for c in course.get("covers", [])) or "—"
        if course.get("chapter") == "guide":
            covers = "Course guide; the book's glossary"
        sheet = f"[exercises/{path.name}](exercises/{path.name})" if (paths.EXERCISES / path.name).exists() else "—"
        sol = f"[solutions/{path.name}](solutions/{path.name})" if (paths.SOLUTIONS / path.name).exists() else "—"
        rows.append(f"| {path.name[:2]} | [{_title(nb)}](notebooks/{path.name}) | {covers} | {sheet} | {sol} |")
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


# ---- environment.yml from requirements.txt ---------------------------------------------------

def pins(requirements: str) -> dict[str, str]:
    """``name==version`` lines of a requirements file, as a dict (names lower-cased)."""
    found = {}
    for line in requirements.splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            found[name.strip().lower()] = version.strip()
    return found


def environment_yml() -> str:
    """environment.yml for conda and Binder users: the same pins, and the course package itself."""
    requirements = (paths.ROOT / "requirements.txt").read_text(encoding="utf-8")
    lines = ["# Generated from requirements.txt by `make build`: do not edit by hand.",
             "# conda env create -f environment.yml && conda activate nepcourse", "name: nepcourse",
             "channels:", "  - conda-forge", "dependencies:", "  - python=3.11", "  - pip", "  - pip:"]
    lines += [f"      - {name}=={version}" for name, version in sorted(pins(requirements).items())]
    lines += ["      - -e .", ""]
    return "\n".join(lines)


def write_environment_yml() -> bool:
    target = paths.ROOT / "environment.yml"
    text = environment_yml()
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True


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
