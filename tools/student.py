"""``make student``: the student edition of the course, without solutions or instructors' notes.

The edition is a folder (``build/student/``) that runs by itself: the lessons and worksheets, the data, the
helper package (its self-checks compute their answers, so it ships), a student README and a Makefile with
``make lab`` and ``make mine``. Left out: ``solutions/`` (the worked cells, the model notes and rubrics), the
instructor guides, the tests and the build tools. Sentences of the lessons and worksheets that point to the
solutions are dropped, so no link leads to what the edition does not hold.

``--zip`` also writes ``build/student-edition.zip`` (for a learning platform); ``--branch NAME`` commits the
edition to a branch of this repository, for nbgitpuller to pull (a new commit on top of the branch's last one,
so students' pulls merge; the command never pushes). Nothing is written unless the edition passes its own
checks (``problems``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from nepcourse import paths, registry

from . import notebooks

TARGET = paths.ROOT / "build" / "student"
ZIP = paths.ROOT / "build" / "student-edition.zip"
#: Files and folders of the course that the edition carries, as they are.
CARRIED = [
    "binder",  # so that Binder can build the student branch too (docs/launch/binder.md)
    "data",
    "src/nepcourse",
    "requirements/run.in",
    "requirements/run.txt",
    "pyproject.toml",
    "environment.yml",
    "LICENSE",
    "tools/__init__.py",
    "tools/notebooks.py",
    "tools/lab_overrides.json",
]
SKIPPED = {"__pycache__", ".ipynb_checkpoints"}
#: What must never reach students: markers of worked answers, instructors' notes, or pointers to them.
FORBIDDEN = (
    "BEGIN SOLUTION",
    "solution-only",
    "instructor-plan",
    "Model notes",
    "Model answer",
    "**Rubric",
    "solutions/",
    "docs/instructors",
)
#: A sentence (or a parenthesis) of a lesson or worksheet that points to the solutions.
POINTER = re.compile(r"solutions/|[Ww]orked solutions|solutions notebook|model notes|rubric", re.I)

MAKEFILE = """\
# The student edition of the course. `make lab` opens it in JupyterLab (the first run creates a private Python
# environment in .venv, about a minute); `make mine` copies the lessons and worksheets into my-work/ to work in
# (it never overwrites a file there).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN    := $(VENV)/.run-installed
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=

.PHONY: lab mine setup

lab: $(RUN)
\t$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" $(LAB_ARGS) notebooks/00_course_guide.ipynb

mine: $(RUN)
\t$(BIN)/python -c "from tools.notebooks import copy_for_student as c; n, k = c(); \\
\tprint(f'{len(n)} copied into my-work/, {len(k)} of yours kept as they were')"

setup: $(RUN)

$(RUN): requirements/run.txt pyproject.toml
\t@$(PYTHON) -c 'import sys; sys.version_info >= (3, 11) or sys.exit("the course needs Python 3.11 or newer")'
\ttest -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
\t$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/run.txt
\t$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
\tmkdir -p $(VENV)/share/jupyter/lab/settings
\tcp tools/lab_overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
\ttouch $(RUN)
"""

GITIGNORE = ".venv/\n__pycache__/\n*.egg-info/\n.ipynb_checkpoints/\nbuild/\nmy-work/\n"


def readme() -> str:
    rows = "\n".join(
        f"| {x.number} | [{x.title}](notebooks/{x.name}.ipynb) | {x.book()} | "
        f"[exercises/{x.name}.ipynb](exercises/{x.name}.ipynb) |"
        for x in registry.lessons()
    )
    return f"""# Class Struggles in the USSR, 1923–1930: an open notebook course (student edition)

Jupyter notebooks on Charles Bettelheim, *Class Struggles in the USSR, Second Period: 1923–1930* (Monthly
Review Press, 1978). Each lesson follows one chapter of the book: it loads the figures the chapter prints, draws
them, explains what they show about the book's argument, and asks you to test that argument with the book's
own numbers. Start with lesson 00: it teaches the few Python commands the course uses.

## Opening the course

With Python 3.11 or newer and `make` (on Windows, in WSL): `make lab`. The first run installs what the course
needs into `.venv/` (about a minute); it then runs offline. If your instructor gave you a JupyterHub link, the
course is already open: start with `notebooks/00_course_guide.ipynb`.

## Your work

Each worksheet has a self-check, `check("N.M", answer)`, that tells you whether an answer is right and, if not,
what probably went wrong. Save your work where an update of the course cannot touch it: `make mine` copies the
lessons and worksheets into `my-work/` (it never overwrites a file there), or use JupyterLab's *File → Save As*
to put a copy under a name of your own. On JupyterHub, a course update keeps the changes you made to a notebook
(nbgitpuller keeps your version of any line both you and the update changed), but a copy of your own is safest.

## Lessons

| # | Lesson | Book | Worksheet |
|---|---|---|---|
{rows}

## Licences

Code: MIT. The course's text and data: CC BY 4.0. The figures are the book's; quotations from the book remain
the copyright of the publisher and are used, briefly, for citation.
"""


def without_pointers(text: str) -> str:
    """A markdown text without the sentences and parentheses that point to solutions or instructors' notes."""
    text = re.sub(r"\s*\([^()]*\)", lambda m: "" if POINTER.search(m.group(0)) else m.group(0), text)
    lines = []
    for line in text.split("\n"):
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z*_`\[(])", line)
        kept = [s for s in sentences if not POINTER.search(s)]
        if kept or not line.strip():
            lines.append(" ".join(kept))
    return "\n".join(lines)


def student_notebook(path: Path) -> dict:
    """A lesson or worksheet as the edition carries it: outputs kept, pointers to solutions dropped."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"])
            cleaned = without_pointers(source)
            if cleaned != source:
                cell["source"] = cleaned.splitlines(keepends=True)
    return nb


def problems(edition: Path) -> list[str]:
    """Why the edition may not be handed to students (empty when it may)."""
    found = []
    if (edition / "solutions").exists():
        found.append("it holds solutions/")
    for path in sorted(p for p in edition.rglob("*") if p.is_file() and p.suffix in {".ipynb", ".md", ".py"}):
        if path.name == "student.py":
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":  # code may name the markers it strips; only notebooks and pages may not hold them
            continue
        for marker in FORBIDDEN:
            if marker in text:
                found.append(f"{path.relative_to(edition)} holds {marker!r}")
    for lesson in registry.lessons():
        for folder in ("notebooks", "exercises"):
            if not (edition / folder / f"{lesson.name}.ipynb").exists():
                found.append(f"{folder}/{lesson.name}.ipynb is missing")
    return found


def build(target: Path = TARGET) -> Path:
    """Write the edition into ``target`` (replacing what is there, after checking it in a scratch folder)."""
    with tempfile.TemporaryDirectory() as scratch:
        edition = Path(scratch) / "edition"
        for name in CARRIED:
            source = paths.ROOT / name
            if source.is_dir():
                shutil.copytree(source, edition / name, ignore=shutil.ignore_patterns(*SKIPPED, "*.egg-info"))
            elif source.exists():
                (edition / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, edition / name)
        for folder in ("notebooks", "exercises"):
            (edition / folder).mkdir(parents=True, exist_ok=True)
            for path in notebooks.course_notebooks(folder):
                content = json.dumps(student_notebook(path), indent=1, ensure_ascii=False) + "\n"
                (edition / folder / path.name).write_text(content, encoding="utf-8")
        (edition / "README.md").write_text(readme(), encoding="utf-8")
        (edition / "Makefile").write_text(MAKEFILE, encoding="utf-8")
        (edition / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
        found = problems(edition)
        if found:
            raise ValueError("the student edition is not ready:\n" + "\n".join(found))
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(edition, target)
    return target


def write_zip(edition: Path, archive: Path = ZIP) -> Path:
    """The edition as one zip file, its files under ``class-struggles-course/``."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(p for p in edition.rglob("*") if p.is_file()):
            out.write(path, Path("class-struggles-course") / path.relative_to(edition))
    return archive


def commit_to_branch(edition: Path, branch: str, repository: Path = paths.ROOT) -> str:
    """Commit the edition's files as the next commit of ``branch`` in ``repository`` (created if new); the
    repository's working tree, index and current branch are not touched, and nothing is pushed. Returns the
    commit's id."""

    def git(*args, cwd=repository, env=None, check=True):
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)
        if check and done.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout.strip()

    git_dir = git("rev-parse", "--absolute-git-dir")
    env = dict(os.environ)
    if not git("config", "user.name", check=False):  # a machine with no git identity (CI, a fresh hub)
        env.update(GIT_AUTHOR_NAME="make student", GIT_COMMITTER_NAME="make student")
        env.update(GIT_AUTHOR_EMAIL="student-edition@localhost", GIT_COMMITTER_EMAIL="student-edition@localhost")
    with tempfile.TemporaryDirectory() as scratch:
        env["GIT_INDEX_FILE"] = str(Path(scratch) / "index")
        where = ["--git-dir", git_dir, "--work-tree", str(edition)]
        git(*where, "add", "--all", ".", cwd=edition, env=env)
        tree = git(*where, "write-tree", cwd=edition, env=env)
    parent = git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False)
    source = git("rev-parse", "--short", "HEAD", check=False) or "an unborn branch"
    message = f"Student edition, built from {source} by make student"
    commit = git("commit-tree", tree, *(["-p", parent] if parent else []), "-m", message, env=env)
    git("update-ref", f"refs/heads/{branch}", commit)
    return commit


def main(args) -> int:
    try:
        edition = build()
    except ValueError as err:
        print(err)
        return 1
    print(f"wrote the student edition to {paths.relative(edition)}/")
    if args.zip:
        print(f"wrote {paths.relative(write_zip(edition))}")
    if args.branch:
        commit = commit_to_branch(edition, args.branch)
        print(f"committed it to the branch {args.branch} ({commit[:10]}); push it yourself for nbgitpuller")
    return 0
