"""The student edition (``make student``): no solutions or instructors' text, and a course that runs by itself.

The edition is built once into a scratch folder. Its lessons and worksheets are then executed from the edition
itself, by a kernel that imports the edition's copy of the helper package (never the checkout's), with the
stand-in pictures of the suite's shared kernels (tests/kernels.py). Student work: ``make mine`` never
overwrites, and a second nbgitpuller pull over an edited worksheet keeps the student's edit (nbgitpuller's own
``GitPuller``, on local repositories).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from kernels import reset
from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel

from nepcourse import paths, registry
from tools import student


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    return student.build(tmp_path_factory.mktemp("edition") / "course")


def notebook_texts(edition: Path):
    for path in sorted(edition.rglob("*.ipynb")):
        yield path, path.read_text(encoding="utf-8")


def test_the_edition_holds_no_solutions_and_no_instructors_text(edition):
    assert not (edition / "solutions").exists() and not (edition / "tests").exists()
    for path, text in notebook_texts(edition):
        for marker in student.FORBIDDEN:
            assert marker not in text, f"{path.relative_to(edition)} holds {marker!r}"
        cells = json.loads(text)["cells"]
        assert not [c for c in cells if "solution-only" in c.get("metadata", {}).get("tags", [])]
    readme = (edition / "README.md").read_text(encoding="utf-8")
    assert "solutions" not in readme.lower() and "](notebooks/00_course_guide.ipynb)" in readme
    assert student.problems(edition) == []


def test_every_lesson_and_worksheet_is_in_the_edition(edition):
    for lesson in registry.lessons():
        for folder in ("notebooks", "exercises"):
            assert (edition / folder / f"{lesson.name}.ipynb").exists()
            assert f"]({folder}/{lesson.name}.ipynb)" in (edition / "README.md").read_text(encoding="utf-8")


def test_the_checks_of_the_edition_can_fail(edition, tmp_path):
    broken = tmp_path / "broken"
    import shutil

    shutil.copytree(edition, broken)
    lesson = registry.lesson("01")
    shutil.copytree(lesson.notebook("solutions").parent, broken / "solutions")
    (broken / "exercises" / f"{lesson.name}.ipynb").unlink()
    found = student.problems(broken)
    assert any("solutions/" in p for p in found) and any("is missing" in p for p in found)
    assert any("BEGIN SOLUTION" in p for p in found)


def test_pointers_to_the_solutions_are_dropped_and_the_rest_is_kept():
    text = (
        "The worksheet `exercises/01.ipynb` (solutions in `solutions/01.ipynb`) has twelve exercises.\n"
        "Each exercise ends with a check. Worked solutions are in `solutions/`: try first, then compare.\n"
        "Seminar questions close the lesson; model notes and a rubric for them are in the solutions notebook."
    )
    assert student.without_pointers(text) == (
        "The worksheet `exercises/01.ipynb` has twelve exercises.\nEach exercise ends with a check."
    )


def outputs_of(kernel, code: str) -> list[str]:
    """Run ``code``; the text of what it shows. An error fails the test with its traceback."""
    msg_id = kernel.execute_cell_input(code, allow_stdin=False)
    shown = []
    while True:
        msg = kernel.get_message(stream="iopub", timeout=120)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        content = msg["content"]
        if msg["msg_type"] == "error":
            raise AssertionError("\n".join(content["traceback"]))
        if msg["msg_type"] in ("execute_result", "display_data"):
            shown.append(content["data"].get("text/plain", ""))
        if msg["msg_type"] == "stream":
            shown.append(content["text"])
        if msg["msg_type"] == "status" and content["execution_state"] == "idle":
            return shown


@pytest.fixture(scope="module")
def edition_kernel(edition):
    """One kernel whose helper package is the edition's (its src/ first on the path), drawing stand-ins."""
    kernel = RunningKernel(CURRENT_ENV_KERNEL_NAME, cwd=str(edition / "notebooks"))
    setup = (
        f"import os, sys\nsys.path.insert(0, {str(edition / 'src')!r})\nos.environ['NEPCOURSE_PICTURES'] = 'stand-in'\n"
        "import nepcourse\nprint(nepcourse.__file__)"
    )
    where = outputs_of(kernel, setup)
    assert where and where[0].strip().startswith(str(edition / "src")), f"the kernel imports {where}"
    yield kernel
    kernel.stop()


def code_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def test_the_edition_runs_the_very_cells_the_suite_executes(edition):
    """Every code cell of the edition is the cell nbval executes in the checkout, and the package and data it
    carries are the checkout's, byte for byte: what passes there passes here (only markdown differs)."""
    for folder in ("notebooks", "exercises"):
        for path in sorted((edition / folder).glob("*.ipynb")):
            assert code_cells(path) == code_cells(paths.ROOT / folder / path.name), f"{folder}/{path.name} differs"
    assert (edition / "binder" / "requirements.txt").is_file(), "Binder can build the student branch"
    for name in student.CARRIED:
        source = paths.ROOT / name
        files = [p for p in source.rglob("*") if p.is_file()] if source.is_dir() else [source]
        for file in files:
            if not student.SKIPPED & set(file.parts) and file.exists():
                copy = edition / file.relative_to(paths.ROOT)
                assert copy.read_bytes() == file.read_bytes(), f"{copy.relative_to(edition)} is not the checkout's"


def test_every_worksheet_of_the_edition_shows_checks_not_answered_yet(edition):
    for path in sorted((edition / "exercises").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        shown = ["".join(o.get("text", "")) for c in cells if c["cell_type"] == "code" for o in c.get("outputs", [])]
        shown += ["".join(o.get("data", {}).get("text/plain", "")) for c in cells for o in c.get("outputs", [])]
        checks = [t for t in shown if "Exercise " in t and t[:1] in "…✔✘?"]
        assert checks and all("not answered yet" in t for t in checks), f"{path.name}: {checks}"


@pytest.mark.parametrize("lesson", [registry.lesson("01")], ids=lambda x: x.name)
def test_a_lesson_and_its_worksheet_run_from_the_edition(edition, edition_kernel, lesson):
    """Lesson 01 (the most charts) and its worksheet run in the edition, from its own copy of the package, and
    every self-check answers "not answered yet". One lesson is enough: the test above shows every other cell
    is one that nbval runs in the checkout, with the same package and data."""
    for folder in ("notebooks", "exercises"):
        path = edition / folder / f"{lesson.name}.ipynb"
        reset(edition_kernel, str(path.parent))
        shown = [text for source in code_cells(path) for text in outputs_of(edition_kernel, source)]
        if folder == "exercises":
            checks = [t for t in shown if "Exercise " in t and t[:1] in "…✔✘?"]
            assert checks and all("not answered yet" in t for t in checks), checks


def test_the_zip_holds_the_edition(edition, tmp_path):
    archive = student.write_zip(edition, tmp_path / "edition.zip")
    names = set(zipfile.ZipFile(archive).namelist())
    files = {f"class-struggles-course/{p.relative_to(edition).as_posix()}" for p in edition.rglob("*") if p.is_file()}
    assert names == files and "class-struggles-course/notebooks/00_course_guide.ipynb" in names


def git(*args, cwd):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def pull(url: str, branch: str, into: Path) -> None:
    """nbgitpuller's own pull, as a JupyterHub link runs it."""
    from nbgitpuller.pull import GitPuller

    for _ in GitPuller(url, str(into), branch=branch, depth=0).pull():
        pass


def test_a_second_pull_keeps_a_students_edit_and_brings_the_update(edition, tmp_path):
    """The instructor commits the edition to a branch (never pushed); a student pulls it with nbgitpuller,
    edits a worksheet; the instructor updates the course and commits again; the student's next pull keeps
    the edit and brings the update."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git("init", "-q", "-b", "main", cwd=origin)
    git("commit", "-q", "--allow-empty", "-m", "the course", cwd=origin)
    first = student.commit_to_branch(edition, "student", origin)
    assert git("status", "--porcelain", cwd=origin) == "", "the repository's working tree was touched"
    assert git("rev-parse", "--abbrev-ref", "HEAD", cwd=origin).strip() == "main"

    home = tmp_path / "home" / "course"
    pull(str(origin), "student", home)
    sheet = home / "exercises" / f"{registry.lesson('01').name}.ipynb"
    nb = json.loads(sheet.read_text(encoding="utf-8"))
    answer = next(c for c in nb["cells"] if c["cell_type"] == "code" and "answer = ..." in "".join(c["source"]))
    answer["source"] = "".join(answer["source"]).replace("answer = ...", "answer = 42  # my own answer")
    sheet.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    updated = (edition / "README.md").read_text(encoding="utf-8") + "\nA note added by the instructor.\n"
    (edition / "README.md").write_text(updated, encoding="utf-8")
    second = student.commit_to_branch(edition, "student", origin)
    assert git("rev-parse", f"{second}^", cwd=origin).strip() == first, "an update is a new commit on the branch"

    pull(str(origin), "student", home)
    assert "answer = 42  # my own answer" in sheet.read_text(encoding="utf-8"), "the student's edit was lost"
    assert "A note added by the instructor." in (home / "README.md").read_text(encoding="utf-8")


def test_make_mine_in_the_edition_never_overwrites(edition, tmp_path):
    import shutil

    course = tmp_path / "course"
    shutil.copytree(edition, course)
    mine = course / "my-work" / "exercises" / f"{registry.lesson('02').name}.ipynb"
    # `make mine` twice, with the student's work written in between (one process: the import is the slow part).
    script = (
        "from pathlib import Path\nfrom tools.notebooks import copy_for_student as c\nfirst = len(c()[0])\n"
        f"Path({str(mine)!r}).write_text('my own work', encoding='utf-8')\nprint(first, len(c()[0]))"
    )
    env = {**os.environ, "PYTHONPATH": f"{course / 'src'}{os.pathsep}{course}", "NEPCOURSE_ROOT": str(course)}
    done = subprocess.run([sys.executable, "-c", script], cwd=course, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    first, again = map(int, done.stdout.split())
    assert first == 2 * len(registry.lessons()) and again == 0
    assert mine.read_text(encoding="utf-8") == "my own work"
