"""The notebooks as files: executed, current, deterministic, generated where they should be, and safe for students."""
import json
import re

import nbformat
import pytest

from nepcourse import notebooks, paths
from nepcourse.checks import _registry
from nepcourse.data import CHAPTER_NAMES

ALL = [p for folder in notebooks.FOLDERS for p in notebooks.course_notebooks(folder)]
IDS = [f"{p.parent.name}/{p.name}" for p in ALL]


def read(path):
    return nbformat.read(path, as_version=4)


def test_folders_match_by_name():
    names = {folder: [p.name for p in notebooks.course_notebooks(folder)] for folder in notebooks.FOLDERS}
    assert names["solutions"] == names["exercises"]
    assert set(names["solutions"]) <= set(names["notebooks"])
    assert names["notebooks"][:2] == ["00_course_guide.ipynb", "01_introduction.ipynb"]
    stray = [p.name for folder in notebooks.FOLDERS for p in (paths.ROOT / folder).glob("*.ipynb")
             if not notebooks.NAME.match(p.name)]
    assert not stray, f"notebooks not named NN_topic.ipynb: {stray}"


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_course_metadata(path):
    course = read(path).metadata["course"]
    assert course["chapter"] == "guide" or course["chapter"] in CHAPTER_NAMES
    assert course["covers"] and set(course["covers"]) <= set(CHAPTER_NAMES)


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_every_code_cell_was_executed(path):
    for i, cell in enumerate(read(path).cells):
        if cell.cell_type == "code" and cell.source.strip():
            assert cell.execution_count is not None, f"cell {i} has never been run: run `make build`"


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_stored_outputs_are_current(path):
    assert not notebooks.needs_run(path), f"{path.name}: inputs changed since it was run: run `make build`"


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_stored_outputs_are_deterministic_and_clean(path):
    nb = read(path)
    assert "widgets" not in nb.metadata
    for i, cell in enumerate(nb.cells):
        assert re.fullmatch(r"cell-\d{3}", cell.get("id", "")), f"cell {i}: random or missing id"
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"cell {i} stored an error"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"cell {i} wrote to stderr"
            text = json.dumps(out.get("data", {}).get("text/plain", "")) + out.get("text", "")
            assert not re.search(r"0x[0-9a-f]{6,}", text), f"cell {i}: a memory address"
            assert "Warning" not in text, f"cell {i}: a warning"
            assert "application/vnd.jupyter.widget-view+json" not in out.get("data", {})


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_every_chart_cell_stores_a_picture(path):
    """nbval does not compare pictures, so check here that each chart was drawn, not just announced."""
    charts = 0
    for i, cell in enumerate(read(path).cells):
        if cell.cell_type == "code" and re.search(r"_chart\(", cell.source) and "_widget()" not in cell.source:
            charts += 1
            kinds = [set(o.get("data", {})) for o in cell.outputs]
            assert any("image/png" in k for k in kinds), f"cell {i} shows no picture, only {kinds}"
    if path.parent.name == "notebooks":
        assert charts >= 1


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_notebooks_fetch_nothing(path):
    for cell in read(path).cells:
        if cell.cell_type == "code":
            assert not re.search(r"https?://|urlopen|requests\.|read_csv\(['\"]http", cell.source)


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_code_cells_stay_short(path):
    for i, cell in enumerate(read(path).cells):
        if cell.cell_type == "code" and path.parent.name == "notebooks":
            assert len(cell.source.splitlines()) <= 5, f"cell {i} is longer than 5 lines"


@pytest.mark.parametrize("solution", notebooks.course_notebooks("solutions"), ids=lambda p: p.name)
def test_worksheet_is_generated_from_its_solution(solution):
    expected = notebooks.make_worksheet(read(solution))
    actual = read(paths.EXERCISES / solution.name)
    assert notebooks.worksheet_sources(actual) == notebooks.worksheet_sources(expected), \
        "exercises/ is stale: run `make build`"
    assert actual.metadata["course"]["generated"] == notebooks.sources_hash(expected)


def check_outputs(path):
    """(label, text) for every check(...) cell's stored output."""
    found = []
    for cell in read(path).cells:
        match = re.search(r'check\("([\d.]+)"', cell.source) if cell.cell_type == "code" else None
        if match:
            texts = [o.get("data", {}).get("text/plain", "") for o in cell.outputs if o.output_type == "execute_result"]
            found.append((match[1], "".join(texts)))
    return found


@pytest.mark.parametrize("solution", notebooks.course_notebooks("solutions"), ids=lambda p: p.name)
def test_every_check_in_the_solutions_is_correct(solution):
    results = check_outputs(solution)
    assert results
    for label, text in results:
        assert text.startswith(f"✔ Exercise {label}: correct"), (label, text)


@pytest.mark.parametrize("sheet", notebooks.course_notebooks("exercises"), ids=lambda p: p.name)
def test_every_check_in_the_worksheets_is_unanswered(sheet):
    nb = read(sheet)
    assert "BEGIN SOLUTION" not in json.dumps([c.source for c in nb.cells])
    assert not any("solution-only" in c.metadata.get("tags", []) for c in nb.cells)
    for label, text in check_outputs(sheet):
        assert text.startswith(f"… Exercise {label}: not answered yet"), (label, text)


@pytest.mark.parametrize("solution", notebooks.course_notebooks("solutions"), ids=lambda p: p.name)
def test_every_exercise_has_a_heading_and_a_check(solution):
    lesson = int(solution.name[:2])
    labels = sorted((lab for lab in _registry() if int(lab.split(".")[0]) == lesson),
                    key=lambda s: int(s.split(".")[1]))
    text = "\n".join(c.source for c in read(solution).cells)
    for label in labels:
        assert re.search(rf"^### Exercise {re.escape(label)} — \S", text, re.M), f"no heading for {label}"
    assert [lab for lab, _ in check_outputs(solution)] == labels


@pytest.mark.parametrize("lesson", notebooks.course_notebooks("notebooks"), ids=lambda p: p.name)
def test_each_lesson_ends_by_pointing_to_its_worksheet(lesson):
    last = read(lesson).cells[-1]
    assert last.cell_type == "markdown" and f"exercises/{lesson.name}" in last.source


def test_widget_cells_run_but_their_output_is_ignored():
    for path in notebooks.course_notebooks("notebooks"):
        for cell in read(path).cells:
            if "_widget()" in cell.source:
                assert "nbval-ignore-output" in cell.metadata.get("tags", [])
                assert cell.execution_count is not None


def test_readme_lesson_table_is_current():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert notebooks.readme_with_table(readme) == readme, "README lesson table is stale: run `make build`"
    for path in notebooks.course_notebooks("notebooks"):
        assert f"(notebooks/{path.name})" in readme


def test_environment_yml_agrees_with_requirements():
    env = (paths.ROOT / "environment.yml").read_text(encoding="utf-8")
    requirements = (paths.ROOT / "requirements.txt").read_text(encoding="utf-8")
    env_pins = notebooks.pins("\n".join(line.strip().lstrip("- ") for line in env.splitlines()))
    assert env_pins == notebooks.pins(requirements)
    assert "python=3.11" in env and "- -e ." in env
    assert env == notebooks.environment_yml()


def test_student_copies_are_never_overwritten(tmp_path):
    mine = tmp_path / "my-work"
    copied, kept = notebooks.copy_for_student(mine)
    assert copied and not kept
    precious = mine / "exercises" / "01_introduction.ipynb"
    precious.write_text("my answers", encoding="utf-8")
    copied_again, kept_again = notebooks.copy_for_student(mine)
    assert not copied_again and precious in kept_again
    assert precious.read_text(encoding="utf-8") == "my answers"


def test_student_folder_is_ignored_by_git_and_pytest():
    assert "my-work/" in (paths.ROOT / ".gitignore").read_text(encoding="utf-8")
    assert '"my-work"' in (paths.ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert "| Run the whole test suite | `make test` |" in readme
    ci = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test\s*$", ci, re.M)
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert "[docs/benchmark.md](docs/benchmark.md)" in readme and (paths.ROOT / "docs" / "benchmark.md").exists()
    assert "apt-get install -y -qq chromium" in ci and 'export CI="${CI:-true}"' in ci, (
        "CI must install Chromium and mark itself as CI, so the browser test cannot be skipped there")


def test_worksheet_generation_strips_solutions():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1\n### BEGIN SOLUTION\nanswer = x + 1\n### END SOLUTION\ncheck('1.1', answer)"),
        nbformat.v4.new_markdown_cell("model notes", metadata={"tags": ["solution-only"]}),
        nbformat.v4.new_markdown_cell("model", metadata={"course_exercise_source": "*Your answer:*"})])
    sheet = notebooks.make_worksheet(nb)
    assert [c.source for c in sheet.cells] == ["x = 1\nanswer = ...  # your answer here\ncheck('1.1', answer)",
                                               "*Your answer:*"]
    with pytest.raises(ValueError, match="without"):
        notebooks.make_worksheet(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("### BEGIN SOLUTION\n1")]))


def test_regenerating_worksheets_saves_a_students_edits_first(tmp_path, monkeypatch):
    import shutil

    sheets = tmp_path / "exercises"
    shutil.copytree(paths.EXERCISES, sheets)
    monkeypatch.setattr(paths, "EXERCISES", sheets)
    monkeypatch.setattr(paths, "STUDENT_WORK", tmp_path / "my-work")
    assert notebooks.write_worksheets() == []          # nothing changed, nothing written
    edited = sheets / "01_introduction.ipynb"
    nb = read(edited)
    cell = next(c for c in nb.cells if 'check("1.2"' in c.source)
    cell.source = cell.source.replace("answer = ...", "answer = 13.9  # mine")
    nbformat.write(nb, edited)
    assert notebooks.was_edited(read(edited))
    assert notebooks.write_worksheets() == [edited]
    saved = tmp_path / "my-work" / "exercises" / "01_introduction.ipynb"
    assert "answer = 13.9  # mine" in saved.read_text(encoding="utf-8")
    assert "answer = 13.9" not in edited.read_text(encoding="utf-8")
    nbformat.write(nb, edited)                          # edit again: the first saved copy is kept too
    notebooks.write_worksheets()
    assert (tmp_path / "my-work" / "exercises" / "01_introduction-saved-1.ipynb").exists()
    assert "answer = 13.9  # mine" in saved.read_text(encoding="utf-8")


LESSONS = [p for p in notebooks.course_notebooks("notebooks") if not p.name.startswith("00_")]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.name)
def test_every_lesson_has_what_a_teacher_needs(lesson):
    """Objectives, the chapter's own timeline, its claims checked, a widget, caveats, seminar questions."""
    nb = nbformat.read(lesson, as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "After this lesson you will be able to" in prose, "no learning objectives"
    assert re.search(r"timeline_chart\([^)]*chapters=", code), "the chapter's events are not on a timeline"
    assert "claims_table(" in code or "claims.evaluate(" in code, "the book's arithmetic is not checked"
    assert re.search(r"\w+_widget\(", code), "no widget"
    assert re.search(r"^#+ .*(cannot show|[Cc]aveat)", prose, re.M), "no caveats section"
    assert re.search(r"^#+ .*[Ss]eminar", prose, re.M), "no seminar questions"
