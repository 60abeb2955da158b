"""The course as a student sees it: a real JupyterLab, started by the README's command, in headless Chromium.

One JupyterLab server and one browser serve every lesson (found in notebooks/, not listed). For each,
the test runs all cells and checks that every chart is drawn, every widget renders, moving a widget
redraws what it shows (the kernel round trip), and no cell shows an error. Screenshots go to
build/browser-test/ so a failing run can be inspected.

The server runs on a temporary copy of the course with its stored outputs removed, so every picture
seen was drawn by this run and no tracked file is written. Chromium comes from Debian's package
(/usr/bin/chromium), driven by the ``playwright`` package; nothing downloads a browser. Without it
these tests skip, except under CI (CI=true), where a skipped browser test is a failure.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from nepcourse import paths

CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
SHOTS = paths.ROOT / "build" / "browser-test"
TOKEN = "course-browser-test"
HOW_TO_ENABLE = ("Browser tests need Debian's Chromium: run `sudo apt-get install chromium` (or set COURSE_CHROMIUM "
                 "to a Chromium binary), then `make test` again.")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
LESSONS = sorted(p.name for p in (paths.ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
VISIBLE = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def skip_or_fail(message: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI=true and the browser test cannot run: {message}", pytrace=False)
    pytest.skip(message)


def require_browser() -> None:
    """Skip (or, under CI, fail) with a message that says how to enable the browser tests."""
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} not found. {HOW_TO_ENABLE}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        skip_or_fail("the playwright package is missing: run `make test` (it installs requirements.txt).")


def test_without_chromium_a_student_is_told_how_to_enable_the_browser_tests(monkeypatch, tmp_path):
    monkeypatch.setattr(__import__("test_browser"), "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        require_browser()


def test_under_ci_a_missing_browser_is_a_failure_not_a_skip(monkeypatch, tmp_path):
    monkeypatch.setattr(__import__("test_browser"), "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require_browser()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def course_files() -> list[str]:
    """The course's files: git's list where there is a repository, else the tree minus what is never tracked."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=paths.ROOT, capture_output=True, text=True)
    if tracked.returncode == 0 and tracked.stdout:
        return [name for name in tracked.stdout.split("\0") if name and (paths.ROOT / name).is_file()]
    skip = {".git", ".venv", "build", "my-work", "__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
    return [str(path.relative_to(paths.ROOT)) for path in paths.ROOT.rglob("*")
            if path.is_file() and not skip & set(path.relative_to(paths.ROOT).parts)
            and not path.name.endswith(".egg-info")]


def copy_course(target: Path) -> Path:
    """The tracked files, mtimes kept (so make sees set-up as done), the .venv linked, outputs removed."""
    for name in course_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(paths.ROOT / name, target / name)
    (target / ".venv").symlink_to(paths.ROOT / ".venv")
    for notebook in (target / "notebooks").glob("*.ipynb"):
        content = json.loads(notebook.read_text(encoding="utf-8"))
        for cell in content["cells"]:
            if cell["cell_type"] == "code":
                cell["outputs"], cell["execution_count"] = [], None
        notebook.write_text(json.dumps(content), encoding="utf-8")
    return target


def readme_lab_command() -> list[str]:
    """The README's command for opening the course (the test starts the course the way a reader does)."""
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^\| Open the course in JupyterLab[^|]*\| `([^`]+)` \|", readme, flags=re.M)
    assert found, "the README's table of commands no longer says how to open the course"
    return found.group(1).split()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """(base URL, log path) of a JupyterLab started with the README's command on a copy of the course."""
    require_browser()
    course = copy_course(tmp_path_factory.mktemp("course"))
    port, log = free_port(), course / "build" / "lab.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    args = (f"--no-browser --ServerApp.ip=127.0.0.1 --port={port} --IdentityProvider.token={TOKEN} "
            f"--LabApp.workspaces_dir={course / 'build' / 'workspaces'}")
    with open(log, "w") as out:
        server = subprocess.Popen([*readme_lab_command(), f"LAB_ARGS={args}"], cwd=course, stdout=out,
                                  stderr=subprocess.STDOUT, start_new_session=True,
                                  env={**os.environ, "JUPYTER_CONFIG_DIR": str(course / "build" / "jupyter"),
                                       "JUPYTER_RUNTIME_DIR": str(course / "build" / "runtime")})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start; its log:\n{log.read_text()[-3000:]}", pytrace=False)
                time.sleep(0.2)
        yield base, log
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def page(lab):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser.new_page(viewport={"width": 1400, "height": 1000})
        browser.close()


def cell_sources(page) -> list[str]:
    return page.evaluate(f"""() => [...document.querySelectorAll('{VISIBLE} .jp-CodeCell')].map(
        c => [...c.querySelectorAll('.jp-InputArea-editor .cm-line')].map(l => l.textContent).join('\\n'))""")


def shut_down_kernels(base: str) -> None:
    """Stop the kernels of lessons already checked (a student would close them too)."""
    with urllib.request.urlopen(f"{base}/api/kernels?token={TOKEN}") as reply:
        kernels = json.load(reply)
    for kernel in kernels:
        request = urllib.request.Request(f"{base}/api/kernels/{kernel['id']}?token={TOKEN}", method="DELETE")
        urllib.request.urlopen(request).close()


def open_and_run(page, base: str, lesson: str) -> None:
    listing = page.locator(".jp-DirListing-item", has_text=lesson)
    if listing.count() == 1:  # JupyterLab is open: open the next lesson from the file browser, as a student would
        shut_down_kernels(base)
        listing.dblclick()
        page.wait_for_selector(f".jp-DocumentWidget.jp-mod-current[title*='{lesson}'], "
                               f".lm-TabBar-tab.jp-mod-current[title*='{lesson}']", timeout=60_000)
    else:
        page.goto(f"{base}/lab/tree/notebooks/{lesson}?reset&token={TOKEN}")
    page.wait_for_selector(f"{VISIBLE} .jp-CodeCell", timeout=60_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    started = f"""() => [...document.querySelectorAll('{VISIBLE} .jp-CodeCell .jp-InputArea-prompt')].some(
        p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""
    for attempt in range(6):  # the menu command is enabled only once the notebook has focus
        page.locator(f"{VISIBLE} .jp-Cell").first.click()
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        try:
            page.wait_for_function(started, polling=250, timeout=3_000)
            break
        except Exception:
            page.keyboard.press("Escape")
    page.wait_for_function(f"""() => {{
        const prompts = [...document.querySelectorAll('{VISIBLE} .jp-CodeCell .jp-InputArea-prompt')];
        return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent)); }}""",
                           polling=250, timeout=120_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)


def stored_pictures(lesson: str) -> int:
    """How many pictures the lesson's stored outputs hold (outside widgets): the run must draw them all."""
    content = json.loads((paths.ROOT / "notebooks" / lesson).read_text(encoding="utf-8"))
    return sum("image/png" in out.get("data", {}) for cell in content["cells"] if cell["cell_type"] == "code"
               for out in cell.get("outputs", []))


def widget_cells(page) -> list[int]:
    return [i for i, source in enumerate(cell_sources(page)) if re.search(r"\w+_widget\(", source)]


def drawn_state(cell) -> str:
    """What a widget's output shows: the pictures' data and the text of its tables and results."""
    pictures = cell.locator(".jp-OutputArea-output img").evaluate_all("imgs => imgs.map(i => i.src).join('|')")
    return pictures + cell.locator(".jp-OutputArea-output .widget-output, .jp-OutputArea-output table").evaluate_all(
        "els => els.map(e => e.textContent).join('|')")


def move(cell) -> str:
    """Change the widget's first control the way a student would; say what was done."""
    out = cell.locator(".jp-OutputArea-output")
    for kind in ("select", "slider", "text", "toggle", "radio", "checkbox"):
        if kind == "select" and out.locator("select").count():
            select = out.locator("select").first
            options = select.locator("option").evaluate_all("os => os.map(o => o.value)")
            chosen = select.evaluate("s => [...s.selectedOptions].map(o => o.value)")
            pick = next(o for o in options[::-1] if [o] != chosen)
            select.select_option(pick)
            return f"chose {pick!r} in a list"
        if kind == "slider" and out.locator(".noUi-handle").count():
            handle = out.locator(".noUi-handle").first
            handle.focus()
            key = "Home" if handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax") else "End"
            handle.press(key)
            return f"pressed {key} on a slider"
        if kind == "text" and out.locator(".widget-text input, .widget-textarea textarea").count():
            box = out.locator(".widget-text input, .widget-textarea textarea").first
            box.fill("bank" if box.input_value() != "bank" else "soviet")
            box.press("Enter")
            return "typed in a text box"
        if kind == "toggle" and out.locator(".widget-toggle-buttons button:not(.mod-active)").count():
            out.locator(".widget-toggle-buttons button:not(.mod-active)").first.click()
            return "clicked a toggle button"
        if kind == "radio" and out.locator(".widget-radio-box input:not(:checked)").count():
            out.locator(".widget-radio-box input:not(:checked)").first.check()
            return "chose a radio button"
        if kind == "checkbox" and out.locator(".widget-checkbox input").count():
            out.locator(".widget-checkbox input").first.click()
            return "clicked a checkbox"
    raise AssertionError("the widget has no control the test knows how to move")


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_student_runs_the_lesson_in_jupyterlab(page, lab, lesson):
    base, log = lab
    shot = SHOTS / f"{Path(lesson).stem}.png"
    clock = time.monotonic()
    try:
        open_and_run(page, base, lesson)
        print(f"{lesson}: opened and ran in {time.monotonic() - clock:.1f} s")
        errors = page.locator(f"{VISIBLE} [data-mime-type='application/vnd.jupyter.stderr']").all_text_contents()
        assert not errors, f"cells show errors or warnings: {errors[:3]}"
        cells = page.locator(f"{VISIBLE} .jp-CodeCell")
        pictures = page.locator(f"{VISIBLE} .jp-OutputArea-output img")
        assert pictures.count() >= stored_pictures(lesson) > 0
        sizes = pictures.evaluate_all("imgs => imgs.map(i => [i.naturalWidth, i.naturalHeight])")
        assert all(w > 100 and h > 100 for w, h in sizes), f"a chart did not load: {sizes}"
        widgets = widget_cells(page)
        assert widgets, "the lesson has no widget"
        for index in widgets:
            cell = cells.nth(index)
            cell.scroll_into_view_if_needed()
            cell.locator(".jp-OutputArea-output .jupyter-widgets").first.wait_for(timeout=30_000)
            before = drawn_state(cell)
            assert before, f"widget cell {index} shows nothing"
            action = move(cell)
            deadline = time.monotonic() + 30
            while drawn_state(cell) == before:
                assert time.monotonic() < deadline, f"widget cell {index}: {action}, but nothing was redrawn"
                time.sleep(0.2)
            print(f"{lesson}: widget cell {index} {action} at {time.monotonic() - clock:.1f} s")
        errors = page.locator(f"{VISIBLE} [data-mime-type='application/vnd.jupyter.stderr']").all_text_contents()
        assert not errors, f"moving a widget showed an error: {errors[:3]}"
    except Exception as err:
        page.screenshot(path=str(shot), full_page=True)
        raise AssertionError(f"{lesson}: {err}\nscreenshot: {shot}\nJupyterLab log: {log}") from err
    page.screenshot(path=str(shot), full_page=True)
