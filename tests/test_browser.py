"""The course as a student sees it: a real JupyterLab, started by the README's command, in headless Chromium.

It proves only what a browser can; nbval has already executed every cell and compared its output. One
JupyterLab server and one browser serve every lesson of the registry. For each, the test opens the lesson
with its stored outputs and checks that every stored picture is shown and has loaded; then it runs only the
cells the widgets need (the widget cells and the cells that define what they use), checks that each widget
renders and that moving one control of each kind it has redraws it (the kernel round trip), in as few lessons
as move every kind of control the course uses (the Python side of every widget is tested without a browser);
and, over the whole run, that the page raised no JavaScript error and sent no request off this machine. Each
lesson's tab is closed once it is checked. A failing lesson leaves a screenshot in build/browser-test/ to
inspect.

The server runs on a temporary copy of the course, so no tracked file is written. Chromium comes from
Debian's package (/usr/bin/chromium), driven by the ``playwright`` package; nothing downloads a browser.
Without it these tests skip, except under CI (CI=true), where a skipped browser test is a failure.
"""

from __future__ import annotations

import ast
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

from nepcourse import paths, registry
from nepcourse.plotting import PLACEHOLDER_ALT, stored_picture

CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
SHOTS = paths.ROOT / "build" / "browser-test"
TOKEN = "course-browser-test"
HOW_TO_ENABLE = (
    "Browser tests need Debian's Chromium: run `sudo apt-get install chromium` (or set COURSE_CHROMIUM "
    "to a Chromium binary), then `make test` again."
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LESSONS = [f"{x.name}.ipynb" for x in registry.lessons()]
VISIBLE = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def skip_or_fail(message: str):
    """Skip with ``message``; under CI (CI=true), where nothing may be skipped, fail with it."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI=true and this test cannot run: {message}", pytrace=False)
    pytest.skip(message)


def require_browser() -> None:
    """Skip (or, under CI, fail) with a message that says how to enable the browser tests."""
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} not found. {HOW_TO_ENABLE}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        skip_or_fail("the playwright package is missing: run `make test` (it installs requirements/dev.txt).")


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
    return [
        str(path.relative_to(paths.ROOT))
        for path in paths.ROOT.rglob("*")
        if path.is_file() and not skip & set(path.relative_to(paths.ROOT).parts) and not path.name.endswith(".egg-info")
    ]


def copy_course(target: Path) -> Path:
    """The tracked files, mtimes kept (so make sees set-up as done), the .venv linked."""
    for name in course_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(paths.ROOT / name, target / name)
    (target / ".venv").symlink_to(paths.ROOT / ".venv")
    return target


def widget_cells(lesson: str) -> list[int]:
    """Indices (among code cells) of the cells that show a widget."""
    content = json.loads((paths.ROOT / "notebooks" / lesson).read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in content["cells"] if c["cell_type"] == "code"]
    return [i for i, source in enumerate(sources) if re.search(r"\w+_widget\(", source)]


def cells_the_widgets_need(lesson: str) -> list[int]:
    """Indices (among code cells) of the widget cells and of the earlier cells that define a name they use,
    transitively: all a widget needs, nothing nbval has not already run for its output."""
    content = json.loads((paths.ROOT / "notebooks" / lesson).read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in content["cells"] if c["cell_type"] == "code"]

    def names(source, kind):
        found = set()
        for node in ast.walk(ast.parse(source)):
            if kind == "used" and isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                found.add(node.id)
            if kind == "defined" and isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                found.add(node.id)
            if kind == "defined" and isinstance(node, (ast.Import, ast.ImportFrom)):
                found |= {(a.asname or a.name).split(".")[0] for a in node.names}
        return found

    needed = set(widget_cells(lesson))
    todo = list(needed)
    while todo:
        used = names(sources[todo.pop()], "used")
        for j in range(max(needed)):
            if j not in needed and names(sources[j], "defined") & used:
                needed.add(j)
                todo.append(j)
    return sorted(needed)


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
    # The copy links this checkout's .venv: bring its set-up up to date here first, or `make lab` in the copy
    # would reinstall the helper package into the shared .venv from the copy (which is deleted afterwards).
    subprocess.run(["make", "setup"], cwd=paths.ROOT, check=True, capture_output=True)
    course = copy_course(tmp_path_factory.mktemp("course"))
    port, log = free_port(), course / "build" / "lab.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    args = (
        f"--no-browser --ServerApp.ip=127.0.0.1 --port={port} --IdentityProvider.token={TOKEN} "
        f"--LabApp.workspaces_dir={course / 'build' / 'workspaces'}"
    )
    with open(log, "w") as out:
        server = subprocess.Popen(
            [*readme_lab_command(), f"LAB_ARGS={args}"],
            cwd=course,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={
                **os.environ,
                "NEPCOURSE_PICTURES": "",  # the browser shows real pictures (the suite's own are stand-ins)
                "JUPYTER_CONFIG_DIR": str(course / "build" / "jupyter"),
                "JUPYTER_RUNTIME_DIR": str(course / "build" / "runtime"),
            },
        )
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
        yield browser.new_page(viewport={"width": 1100, "height": 750})
        browser.close()


def api(base: str, path: str, method: str = "GET", body: dict | None = None):
    """Call the Jupyter server's REST API; the reply, decoded."""
    request = urllib.request.Request(
        f"{base}/api/{path}?token={TOKEN}",
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as reply:
        text = reply.read()
    return json.loads(text) if text else None


def share_the_kernel(base: str, lesson: str) -> None:
    """Give the next lesson the kernel the last one used, as its session, before it opens.

    A new kernel per lesson would cost a kernel's start and the imports (about 2 s of CPU a lesson) and prove
    nothing a browser can: nbval has run every notebook, with every name it uses defined in it. The kernel
    still runs, from the browser, every cell the lesson's widgets need."""
    sessions = api(base, "sessions")
    assert len({s["kernel"]["id"] for s in sessions}) == 1, f"expected one kernel, found sessions {sessions}"
    api(
        base,
        "sessions",
        "POST",
        {
            "path": f"notebooks/{lesson}",
            "name": lesson,
            "type": "notebook",
            "kernel": {"id": sessions[0]["kernel"]["id"]},
        },
    )


def open_lesson(page, base: str, lesson: str) -> None:
    listing = page.locator(".jp-DirListing-item", has_text=lesson)
    if listing.count() == 1:  # JupyterLab is open: open the next lesson from the file browser, as a student would
        share_the_kernel(base, lesson)
        listing.dblclick()
        page.wait_for_selector(
            f".jp-DocumentWidget.jp-mod-current[title*='{lesson}'], .lm-TabBar-tab.jp-mod-current[title*='{lesson}']",
            timeout=60_000,
        )
    else:
        page.goto(f"{base}/lab/tree/notebooks/{lesson}?reset&token={TOKEN}")
    page.wait_for_selector(f"{VISIBLE} .jp-CodeCell", timeout=60_000)
    page.wait_for_selector(f"{VISIBLE} .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=20_000)


def close_lesson(page, lesson: str) -> None:
    """Close the lesson's tab, discarding the outputs its widget cells drew (the copy is never saved). A tab left
    open stays laid out behind the others: with every lesson open, the last ones took three times as long to open
    and the browser's work grew by a third (measured)."""
    page.locator(f".lm-TabBar-tab.jp-mod-current[title*='{lesson}'] .lm-TabBar-tabCloseIcon").click()
    deadline = time.monotonic() + 20
    while page.locator(f".lm-TabBar-tab[title*='{lesson}']").count():
        discard = page.locator(".jp-Dialog button", has_text="Discard")
        if discard.count():
            discard.click()
        assert time.monotonic() < deadline, "its tab did not close"
        time.sleep(0.05)


EXECUTED = {"cells": 0}  # how many cells the shared kernel has run since it (re)started


def restart_the_kernel(base: str) -> None:
    """Restart the shared kernel once a lesson's widgets are checked and its tab closed. A student's next lesson
    starts its own kernel; in the shared one, the closed lesson's widgets lived on, each later lesson's
    JupyterLab reopened their connections, and closing that lesson's tab while it was still doing so raised
    "Canceled future for create_subshell_request" in the page (seen on a slow run)."""
    sessions = api(base, "sessions")
    api(base, f"kernels/{sessions[0]['kernel']['id']}/restart", "POST", {})
    EXECUTED["cells"] = 0


def run_cells(page, indices: list[int]) -> None:
    """Queue these code cells, in order, in the shared kernel; the last shows [n] when all are done."""
    cells = page.locator(f"{VISIBLE} .jp-CodeCell")
    for index in indices:
        cell = cells.nth(index)
        cell.scroll_into_view_if_needed()
        cell.locator(".jp-InputArea-prompt").click()
        page.keyboard.press("Control+Enter")
    EXECUTED["cells"] += len(indices)
    last = cells.nth(indices[-1]).locator(".jp-InputArea-prompt", has_text=f"[{EXECUTED['cells']}]")
    last.wait_for(timeout=60_000)


#: How the test moves each kind of control (see ``move``), by the ipywidgets classes that offer it.
CONTROL_KINDS = {
    "select": ("Dropdown", "Select", "SelectMultiple"),
    "slider": ("IntSlider", "FloatSlider", "SelectionSlider", "IntRangeSlider", "FloatRangeSlider"),
    "text": ("Text", "Textarea"),
    "toggle": ("ToggleButtons",),
    "radio": ("RadioButtons",),
    "checkbox": ("Checkbox",),
}


def control_kinds(lesson: str) -> set[str]:
    """The kinds of control the lesson's widgets have, every kind of each widget (``move`` moves one control of
    each kind); the widgets are built here, in the test process."""
    import importlib

    module = importlib.import_module(registry.lesson(lesson[:2]).module)
    content = json.loads((paths.ROOT / "notebooks" / lesson).read_text(encoding="utf-8"))
    kinds = set()
    for cell in content["cells"]:
        for name in re.findall(r"\b\w+\.(\w+_widget)\(", "".join(cell["source"])):
            widget = getattr(module, name)()
            classes = {type(c).__name__ for c in widget.children if c is not widget.view}
            found = {kind for kind, names in CONTROL_KINDS.items() if classes & set(names)}
            assert found, f"{lesson}: {name} has no control the test knows how to move: {sorted(classes)}"
            kinds |= found
    return kinds


@pytest.fixture(scope="module")
def kinds_of_control() -> dict[str, set[str]]:
    """Each lesson's kinds of control (its widgets built with the test process's stand-in pictures)."""
    return {lesson: control_kinds(lesson) for lesson in LESSONS}


@pytest.fixture(scope="module")
def widget_lessons(kinds_of_control) -> set[str]:
    """The lessons whose widgets the browser moves: in the registry's order, each lesson that brings a kind of
    control not yet moved. What a browser alone can show (a control of that kind renders, sends its change to
    the kernel, and the picture or table is redrawn) is shown once per kind; every widget's own redrawing is
    tested without a browser in its lesson's test file (``widget.update()``), and nbval runs every widget cell."""
    chosen, covered = set(), set()
    for lesson in LESSONS:
        if kinds_of_control[lesson] - covered:
            chosen.add(lesson)
            covered |= kinds_of_control[lesson]
    return chosen


def stored_pictures(lesson: str) -> int:
    """How many pictures the lesson's stored outputs hold (outside widgets): the run must draw them all."""
    content = json.loads((paths.ROOT / "notebooks" / lesson).read_text(encoding="utf-8"))
    return sum(
        bool(stored_picture(out))
        for cell in content["cells"]
        if cell["cell_type"] == "code"
        for out in cell.get("outputs", [])
    )


def drawn_state(cell) -> str:
    """What a widget's output shows: the pictures' data and the text of its tables and results."""
    pictures = cell.locator(".jp-OutputArea-output img").evaluate_all("imgs => imgs.map(i => i.src).join('|')")
    return pictures + cell.locator(".jp-OutputArea-output .widget-output, .jp-OutputArea-output table").evaluate_all(
        "els => els.map(e => e.textContent).join('|')"
    )


def move(cell, kind: str) -> str | None:
    """Change the widget's first control of this kind the way a student would; say what was done (None: the
    widget has no control of this kind)."""
    out = cell.locator(".jp-OutputArea-output")
    if True:
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
    return None


@pytest.fixture(scope="module")
def traffic(page, lab):
    """Every request the page makes and every JavaScript error it raises, over the whole run."""
    base, _ = lab
    seen = {"requests": [], "errors": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("websocket", lambda socket: seen["requests"].append(socket.url))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    return seen


def off_the_machine(urls: list[str]) -> list[str]:
    local = re.compile(r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/|^(data|blob|about):")
    return [url for url in urls if not local.match(url)]


def test_the_request_check_can_fail():
    assert off_the_machine(["http://127.0.0.1:8888/lab", "data:image/png;base64,xx", "ws://localhost:9/api"]) == []
    assert off_the_machine(["https://cdn.jsdelivr.net/npm/x.js"]) == ["https://cdn.jsdelivr.net/npm/x.js"]


def undescribed(alts: list) -> list:
    """The alt attributes (None: absent) of a page's chart images that describe nothing."""
    return [a for a in alts if not (a or "").strip() or PLACEHOLDER_ALT.lower() in a.lower()]


def test_the_alt_check_can_fail():
    assert undescribed([None, "", "  ", PLACEHOLDER_ALT, "Bars: harvest 74.5 and 76.4 million tons."]) == [
        None,
        "",
        "  ",
        PLACEHOLDER_ALT,
    ]


def assert_described(images) -> None:
    """Every chart image in the page has an alt text a screen reader can read (JupyterLab's image renderer
    sets none for image/png: the course shows its figures as text/html with one)."""
    alts = images.evaluate_all("imgs => imgs.map(i => i.getAttribute('alt'))")
    assert alts and not undescribed(alts), f"chart images without a description: {undescribed(alts)[:3]}"


def check_the_page(traffic) -> None:
    assert not traffic["errors"], f"JavaScript errors: {traffic['errors'][:3]}"
    assert not off_the_machine(traffic["requests"]), (
        f"requests off the machine: {off_the_machine(traffic['requests'])[:3]}"
    )


def test_the_widgets_moved_cover_every_kind_of_control(kinds_of_control, widget_lessons):
    every = set().union(*kinds_of_control.values())
    assert every and set().union(*(kinds_of_control[x] for x in widget_lessons)) == every


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_student_opens_the_lesson_and_moves_its_widgets(page, lab, traffic, widget_lessons, lesson):
    base, log = lab
    shot = SHOTS / f"{Path(lesson).stem}.png"
    clock = time.monotonic()
    try:
        open_lesson(page, base, lesson)
        pictures = page.locator(f"{VISIBLE} .jp-OutputArea-output img")
        expected = stored_pictures(lesson)
        deadline = time.monotonic() + 30
        while pictures.count() < expected:
            assert time.monotonic() < deadline, f"{pictures.count()} pictures shown, {expected} stored"
            page.evaluate(f"""() => document.querySelector('{VISIBLE} .jp-WindowedPanel-outer').scrollBy(0, 1500)""")
            time.sleep(0.05)
        sizes = pictures.evaluate_all("imgs => imgs.map(i => [i.complete, i.naturalWidth, i.naturalHeight])")
        assert all(done and w > 100 and h > 100 for done, w, h in sizes), f"a picture did not load: {sizes}"
        assert_described(pictures)
        print(f"{lesson}: opened, {expected} pictures shown, in {time.monotonic() - clock:.1f} s")
        assert widget_cells(lesson), "the lesson has no widget"
        if lesson not in widget_lessons:  # its kinds of control are moved in another lesson
            check_the_page(traffic)
            close_lesson(page, lesson)
            return
        needed = cells_the_widgets_need(lesson)
        run_cells(page, needed)
        errors = page.locator(f"{VISIBLE} [data-mime-type='application/vnd.jupyter.stderr']").all_text_contents()
        assert not errors, f"cells show errors or warnings: {errors[:3]}"
        cells = page.locator(f"{VISIBLE} .jp-CodeCell")
        widgets = widget_cells(lesson)
        assert widgets, "the lesson has no widget"
        for index in widgets:
            cell = cells.nth(index)
            cell.scroll_into_view_if_needed()
            cell.locator(".jp-OutputArea-output .jupyter-widgets").first.wait_for(timeout=30_000)
            actions = []
            for kind in CONTROL_KINDS:  # one control of each kind the widget has
                before = drawn_state(cell)
                assert before, f"widget cell {index} shows nothing"
                action = move(cell, kind)
                if action is None:
                    continue
                actions.append(action)
                deadline = time.monotonic() + 30
                while drawn_state(cell) == before:
                    assert time.monotonic() < deadline, f"widget cell {index}: {action}, but nothing was redrawn"
                    time.sleep(0.1)
                if cell.locator(".jp-OutputArea-output img").count():  # a widget that draws a chart, not a table
                    assert_described(cell.locator(".jp-OutputArea-output img"))
                print(f"{lesson}: widget cell {index} {action} at {time.monotonic() - clock:.1f} s")
            assert actions, f"widget cell {index} has no control the test knows how to move"
        errors = page.locator(f"{VISIBLE} [data-mime-type='application/vnd.jupyter.stderr']").all_text_contents()
        assert not errors, f"moving a widget showed an error: {errors[:3]}"
        check_the_page(traffic)
        close_lesson(page, lesson)
        restart_the_kernel(base)
    except Exception as err:
        page.screenshot(path=str(shot), full_page=True)
        raise AssertionError(f"{lesson}: {err}\nscreenshot: {shot}\nJupyterLab log: {log}") from err
