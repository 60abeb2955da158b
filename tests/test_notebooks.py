"""The notebooks as files: executed, current, deterministic, generated where they should be, and safe for students."""

import functools
import json
import re
from pathlib import Path

import nbformat
import pytest

from nepcourse import paths, registry
from nepcourse.checks import _registry
from nepcourse.plotting import stored_picture
from tools import execution, notebooks

ALL = execution.all_notebooks()
IDS = [f"{p.parent.name}/{p.name}" for p in ALL]


def read(path):
    """The notebook, read and validated once per version of its file (about ten tests read each notebook;
    validating a lesson against the schema is most of reading it); each call gets its own copy to change."""
    stat = Path(path).stat()
    return nbformat.from_dict(_validated(str(path), stat.st_mtime_ns, stat.st_size))


@functools.cache
def _validated(path: str, mtime_ns: int, size: int):
    return nbformat.read(path, as_version=4)


def test_every_lesson_has_its_three_notebooks_and_every_notebook_a_lesson():
    for lesson in registry.lessons():
        for folder in registry.FOLDERS:
            assert lesson.notebook(folder).exists(), f"lesson {lesson.number} has no {folder}/{lesson.name}.ipynb"
    known = {f"{x.name}.ipynb" for x in registry.lessons()}
    stray = [
        f"{folder}/{p.name}"
        for folder in registry.FOLDERS
        for p in (paths.ROOT / folder).glob("*.ipynb")
        if p.name not in known
    ]
    assert not stray, f"notebooks that are no lesson of the registry (src/nepcourse/lessons/__init__.py): {stray}"


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_the_heading_is_the_registrys_number_and_title(path):
    heading, lesson = notebooks.heading_in(read(path)), registry.lesson(path)
    number, title = heading.split(" · ", 1)
    assert number == lesson.number
    if path.parent.name == "notebooks":
        assert title == lesson.title
    else:  # worksheets and solutions: the short title, then "— worksheet"
        assert lesson.title.startswith(title.split(" — ")[0]), (title, lesson.title)


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_navigation_is_generated(path):
    nb, lesson = read(path), registry.lesson(path)
    first, last = nb.cells[0], nb.cells[-1]
    assert first.source == notebooks.navigation(lesson, path.parent.name, "top"), "stale navigation: run `make build`"
    assert last.source == notebooks.navigation(lesson, path.parent.name, "bottom"), "stale navigation: run `make build`"
    assert sum(notebooks.NAV_TAG in c.metadata.get("tags", []) for c in nb.cells) == 2
    if path.parent.name == "exercises":
        assert "solutions/" not in first.source + last.source, "a worksheet links to its solutions"


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_every_code_cell_was_executed(path):
    for i, cell in enumerate(read(path).cells):
        if cell.cell_type == "code" and cell.source.strip():
            assert cell.execution_count is not None, f"cell {i} has never been run: run `make build`"


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_stored_outputs_are_current(path):
    reasons = execution.stale_reasons(path)
    assert not reasons, f"{path.name}: {', '.join(reasons)} changed since it was run: run `make build`"


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_stored_outputs_are_deterministic_and_clean(path):
    nb = read(path)
    assert "widgets" not in nb.metadata
    for i, cell in enumerate(nb.cells):
        assert re.fullmatch(r"cell-\d{3}|nav-top|nav-bottom", cell.get("id", "")), f"cell {i}: random or missing id"
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
        if (
            cell.cell_type == "code"
            and re.search(r"_chart\(|lesson_timeline\(", cell.source)
            and "_widget()" not in cell.source
        ):
            charts += 1
            kinds = [set(o.get("data", {})) for o in cell.outputs]
            assert any(stored_picture(o) for o in cell.outputs), f"cell {i} shows no picture, only {kinds}"
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
    expected = notebooks.make_worksheet(read(solution), registry.lesson(solution))
    actual = read(paths.EXERCISES / solution.name)
    assert notebooks.worksheet_sources(actual) == notebooks.worksheet_sources(expected), (
        "exercises/ is stale: run `make build`"
    )
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
    assert not any("course_exercise_source" in c.metadata for c in nb.cells), "worksheet text hidden in metadata"
    for label, text in check_outputs(sheet):
        assert text.startswith(f"… Exercise {label}: not answered yet"), (label, text)


@pytest.mark.parametrize("solution", notebooks.course_notebooks("solutions"), ids=lambda p: p.name)
def test_every_exercise_has_a_heading_and_a_check(solution):
    prefix = registry.lesson(solution).exercise_prefix
    labels = sorted((lab for lab in _registry() if lab.startswith(prefix)), key=lambda s: int(s.split(".")[1]))
    text = "\n".join(c.source for c in read(solution).cells)
    for label in labels:
        assert re.search(rf"^### Exercise {re.escape(label)} — \S", text, re.M), f"no heading for {label}"
    assert [lab for lab, _ in check_outputs(solution)] == labels


@pytest.mark.parametrize("lesson", notebooks.course_notebooks("notebooks"), ids=lambda p: p.name)
def test_each_lesson_ends_by_pointing_to_its_worksheet(lesson):
    last = read(lesson).cells[-1]
    assert last.cell_type == "markdown" and f"exercises/{lesson.name}" in last.source


@pytest.mark.parametrize("lesson", registry.lessons(), ids=lambda x: x.number)
def test_each_lesson_has_its_exercises(lesson):
    labels = [label for label in _registry() if label.startswith(lesson.exercise_prefix)]
    assert len(labels) >= (3 if lesson.number == "00" else 6)


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
    assert re.search(r"apt-get install -y -qq \$MISSING", ci) and 'export CI="${CI:-true}"' in ci, (
        "CI must install what the browser and site tests need and mark itself as CI, so they cannot skip there"
    )
    assert 'MISSING="$MISSING chromium"' in ci and 'MISSING="$MISSING npm"' in ci


def test_worksheet_generation_strips_solutions():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# worksheet", metadata={"tags": ["worksheet-only"]}),
            nbformat.v4.new_code_cell(
                "x = 1\n### BEGIN SOLUTION\nanswer = x + 1\n### END SOLUTION\ncheck('1.1', answer)"
            ),
            nbformat.v4.new_markdown_cell("model notes", metadata={"tags": ["solution-only"]}),
            nbformat.v4.new_markdown_cell("*Your answer:*"),
        ]
    )
    sheet = notebooks.make_worksheet(nb)
    assert [c.source for c in sheet.cells] == [
        "# worksheet",
        "x = 1\nanswer = ...  # your answer here\ncheck('1.1', answer)",
        "*Your answer:*",
    ]
    with pytest.raises(ValueError, match="without"):
        notebooks.make_worksheet(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("### BEGIN SOLUTION\n1")]))


def test_regenerating_worksheets_saves_a_students_edits_first(tmp_path, monkeypatch):
    import shutil

    sheets = tmp_path / "exercises"
    shutil.copytree(paths.EXERCISES, sheets)
    monkeypatch.setattr(paths, "EXERCISES", sheets)
    monkeypatch.setattr(paths, "STUDENT_WORK", tmp_path / "my-work")
    assert notebooks.write_worksheets() == []  # nothing changed, nothing written
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
    nbformat.write(nb, edited)  # edit again: the first saved copy is kept too
    notebooks.write_worksheets()
    assert (tmp_path / "my-work" / "exercises" / "01_introduction-saved-1.ipynb").exists()
    assert "answer = 13.9  # mine" in saved.read_text(encoding="utf-8")


LESSONS = [x for x in registry.lessons() if x.number != "00"]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda x: x.name)
def test_every_lesson_has_what_a_teacher_needs(lesson):
    """Objectives, the chapter's own timeline, its claims checked, a widget, caveats, seminar questions."""
    nb = nbformat.read(lesson.notebook(), as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "After this lesson you will be able to" in prose, "no learning objectives"
    assert f'timeline.lesson_timeline("{lesson.number}"' in code, "the lesson's events are not on its timeline"
    assert f'claims_table("{lesson.number}")' in code, "the book's arithmetic is not checked"
    assert re.search(r"\w+_widget\(", code), "no widget"
    assert re.search(r"^#+ .*(cannot show|[Cc]aveat)", prose, re.M), "no caveats section"
    assert re.search(r"^#+ .*[Ss]eminar", prose, re.M), "no seminar questions"


# ---- alt text in the stored outputs, in nbval's comparison and in an HTML export ---------------------

IMG = re.compile(r'<img alt="([^"]*)" src="data:image/png;base64,')


def charts_with_alt() -> set[str]:
    from nepcourse.plotting import charts

    return {name.rsplit(".", 1)[1] for name, f in charts().items() if f.chart.alt is not None}


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_every_stored_picture_has_its_alt_text(path):
    """Each figure output is an <img alt="…"> in text/html (what JupyterLab and nbconvert show), stored once
    (no second copy as image/png), with a real description: never empty, never nbconvert's placeholder, and
    for a course chart its own alt text."""
    from nepcourse.plotting import PLACEHOLDER_ALT

    described = charts_with_alt()
    for i, cell in enumerate(read(path).cells):
        for out in cell.get("outputs", []):
            picture = stored_picture(out)
            if not picture:
                continue
            assert "image/png" not in out.get("data", {}), f"cell {i}: a picture stored twice: run `make build`"
            alt = picture[1]
            assert alt.strip() and PLACEHOLDER_ALT not in alt, f"cell {i}: no description ({alt!r})"
            if set(re.findall(r"(\w+_chart)\(", cell.source)) & described:
                assert not alt.startswith("A chart"), f"cell {i}: a course chart shown without its alt text"


def test_nbval_compares_the_alt_text_but_not_the_picture():
    """nbval compares text/html exactly: tests/sanitize.cfg must hide the picture's bytes, not its alt text."""
    import inspect

    from nbval.plugin import IPyNbCell, get_sanitize_patterns

    patterns = get_sanitize_patterns((paths.ROOT / "tests" / "sanitize.cfg").read_text(encoding="utf-8"))
    assert "text/html" not in inspect.signature(IPyNbCell.sanitize_outputs).parameters["skip_sanitize"].default

    def sanitized(text):
        for regex, replace in patterns:
            text = re.sub(regex, replace, text)
        return text

    first = '<img alt="Bars: 74.5 and 76.4." src="data:image/png;base64,iVBORw0K/data/gg+A==">'
    assert sanitized(first) == '<img alt="Bars: 74.5 and 76.4." src="data:image/png;base64,<picture>">'
    assert sanitized(first) == sanitized(first.replace("iVBORw0K", "AAAA"))
    assert sanitized(first) != sanitized(first.replace("76.4", "76.5"))


def test_an_html_export_describes_every_picture():
    """nbconvert's HTML export (what `jupyter nbconvert --to html` runs) writes the charts' alt texts, not its
    placeholder "No description has been provided for this image"."""
    from nbconvert import HTMLExporter

    from nepcourse.plotting import PLACEHOLDER_ALT

    lesson = registry.lesson("03").notebook()
    page, _ = HTMLExporter().from_filename(str(lesson))
    assert PLACEHOLDER_ALT not in page
    pictures = sum(bool(stored_picture(o)) for c in read(lesson).cells for o in c.get("outputs", []))
    assert len(IMG.findall(page)) >= pictures > 0
