"""``make bench``: measure what the course costs to run, on this machine, and write docs/benchmark.md.

Measured in one run: the empty-notebook floor and the course-stack floor (a notebook that only imports
pandas, matplotlib, ipywidgets and the helper package); every lesson against that floor, with its
kernel's peak memory; the helper package's import time; the whole test suite serial against parallel;
and a no-change set-up (what ``make lab`` and ``make test`` do before anything else).

Two budgets, one for each reader of a lesson's time. A student runs a lesson top to bottom in a fresh kernel:
it may cost ``LESSON_BUDGET`` seconds above the floor (about ten charts at 0.3 s each, and the cells' round
trips). The suite runs each lesson's three notebooks (in shared kernels that draw no pictures), its test file,
its charts' property tests and its browser visit: the seconds that belong to each lesson, projected to
seventeen lessons, must keep ``make test`` under ``SUITE_BUDGET`` seconds. Exits non-zero when a budget is
broken, or a no-change set-up takes more than ``SETUP_BUDGET`` seconds. Not part of the test suite: timings
need a quiet machine.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from nepcourse import paths, registry
from tools.speed import machine_speed

LESSON_BUDGET = 3.5  # seconds a lesson may cost a student above the floor (run top to bottom, fresh kernel)
SUITE_BUDGET = 90.0  # seconds `make test` may take at seventeen lessons (projected from the lessons' test seconds)
LESSONS_PLANNED = 17
SETUP_BUDGET = 5.0  # seconds a no-change `make setup` may take
REPEATS = 3
PAGE = paths.ROOT / "docs" / "benchmark.md"
STACK_IMPORTS = "import pandas, matplotlib, ipywidgets\nimport nepcourse"
PEAK_MEMORY = "import resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def run_notebook(nb: nbformat.NotebookNode, cwd: Path) -> float:
    """Seconds to start a kernel, run every cell and stop the kernel (what nbval pays per notebook)."""
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def median_run(nb: nbformat.NotebookNode, cwd: Path, repeats: int = REPEATS) -> float:
    return statistics.median(run_notebook(nbformat.from_dict(nb), cwd) for _ in range(repeats))


def lesson_with_memory_probe(path: Path) -> tuple[float, int]:
    """(seconds, peak kernel memory in MB) for one run of a lesson with a last cell that reports memory."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_MEMORY))
    seconds = run_notebook(nb, path.parent)
    kilobytes = int(nb.cells[-1].outputs[0]["text"].strip())
    return seconds, round(kilobytes / 1024)


def processes() -> str:
    """How many processes `make test` runs the suite on (pytest-xdist's -n in pyproject.toml; ``auto`` is one
    per physical core, as pytest-xdist counts them): "2 (one per core)"."""
    import tomllib

    options = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]
    found = re.search(r"-n (\w+)", options["ini_options"]["addopts"])
    if not found:
        return "1"
    if found.group(1) != "auto":
        return found.group(1)
    import psutil

    return f"{psutil.cpu_count(logical=False) or os.cpu_count()} (one per core)"


def timed(command: list[str], repeats: int = 1) -> float:
    """Median wall-clock seconds of a command run from the course's root (its output is discarded)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, cwd=paths.ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_time() -> float:
    python = [sys.executable, "-c"]
    return max(0.0, timed([*python, "import nepcourse"], 5) - timed([*python, "pass"], 5))


def drawing_seconds(build) -> float:
    """Seconds to build and draw ``build()``'s figure as a notebook shows it (PNG), median of 3, each drawing
    with a new renderer, as a lesson's first chart: the text a chart measures is remembered by the renderer
    figures of its size share (``nepcourse.plotting.figure_png``), so a chart drawn again, or after others,
    costs less than this."""
    from nepcourse.plotting import figure_png, fresh_renderers

    figure_png(build())  # the first draw loads fonts
    times = []
    for _ in range(3):
        fresh_renderers()
        start = time.perf_counter()
        figure_png(build())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def chart_costs() -> list[tuple[str, float]]:
    """(chart, seconds) to build and draw each chart with its own data."""
    from nepcourse.plotting import charts

    return [(name, drawing_seconds(chart)) for name, chart in charts().items()]


def timeline_costs() -> list[tuple[str, float]]:
    """(lesson, seconds) to build and draw each lesson's own timeline, for the lessons whose chapters report
    events."""
    from nepcourse import load
    from nepcourse.timeline import lesson_timeline

    reported = set(load("events")["chapter"])
    numbers = [x.number for x in registry.lessons() if reported & set(x.chapters)]
    return [(number, drawing_seconds(lambda n=number: lesson_timeline(n))) for number in numbers]


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    system = next(
        (
            line.split("=", 1)[1].strip('"')
            for line in Path("/etc/os-release").read_text().splitlines()
            if line.startswith("PRETTY_NAME")
        ),
        platform.platform(),
    )
    return f"{cpu}, {os.cpu_count()} cores, {memory} GiB RAM; {system}; Python {platform.python_version()}"


def measure_notebooks() -> dict:
    """Floors, lessons, import time and set-up (a few minutes)."""
    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
    stack = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(STACK_IMPORTS)])
    results = {"machine": machine(), "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}
    results["speed"] = [("at the start", machine_speed())]
    print("floor: empty notebook, stack notebook …", flush=True)
    results["empty"] = median_run(empty, paths.NOTEBOOKS)
    results["floor"] = median_run(stack, paths.NOTEBOOKS)
    results["import"] = import_time()
    results["lessons"] = []
    for path in registry.notebooks("notebooks"):
        print(f"lesson {path.name} …", flush=True)
        seconds, memory = lesson_with_memory_probe(path)
        seconds = statistics.median(
            [seconds] + [run_notebook(nbformat.read(path, as_version=4), path.parent) for _ in range(REPEATS - 1)]
        )
        worksheets = sum(
            run_notebook(nbformat.read(paths.ROOT / folder / path.name, as_version=4), path.parent)
            for folder in ("solutions", "exercises")
            if (paths.ROOT / folder / path.name).exists()
        )
        results["lessons"].append({"name": path.name, "seconds": seconds, "memory": memory, "worksheets": worksheets})
    results["speed"].append(("after the lessons", machine_speed()))
    print("charts …", flush=True)
    results["charts"] = chart_costs()
    results["timelines"] = timeline_costs()
    print("no-change set-up …", flush=True)
    results["setup"] = timed(["make", "setup"], 3)
    return results


def per_lesson_seconds(junit: Path) -> tuple[float, dict[str, float]]:
    """From a JUnit report of the suite: test seconds that belong to no lesson, and those of each lesson (its
    notebooks, its test file, its charts' property tests, its browser test), found by the lesson's names."""
    import xml.etree.ElementTree as ET

    lessons = {x.number: (x.name, x.slug, f"test_lesson_{x.number}") for x in registry.lessons()}
    shared, each = 0.0, dict.fromkeys(lessons, 0.0)
    for case in ET.parse(junit).iter("testcase"):
        where = f"{case.get('classname', '')}::{case.get('name', '')}"
        owner = next((n for n, keys in lessons.items() if any(k in where for k in keys)), None)
        seconds = float(case.get("time", 0))
        if owner is None:
            shared += seconds
        else:
            each[owner] += seconds
    return shared, each


def measure_suite(results: dict) -> None:
    """The whole suite, parallel and serial, and the browser test alone (several minutes)."""
    # What `make test` installs first (the wheel's environment, reveal.js) is set-up, not the suite: do it untimed.
    subprocess.run(["make", "build/wheel-env/.installed", "site-assets"], cwd=paths.ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    print("the whole suite, parallel (as make test runs it) …", flush=True)
    junit = paths.ROOT / "build" / "bench-junit.xml"
    junit.parent.mkdir(exist_ok=True)
    results["parallel"] = timed(["make", "test", f"PYTEST_ARGS=--junitxml={junit}"])
    results["shared_seconds"], results["lesson_seconds"] = per_lesson_seconds(junit)
    results["speed"].append(("after the suite", machine_speed()))
    print("the whole suite, serial …", flush=True)
    results["serial"] = timed(["make", "test", "PYTEST_ARGS=-n 0"])
    print("the browser test alone …", flush=True)
    results["browser"] = timed(["make", "test", "PYTEST_ARGS=-n 0 tests/test_browser.py"])
    results["speed"].append(("at the end", machine_speed()))


def projection(results: dict) -> float | None:
    """``make test``'s wall time at seventeen lessons: its measured time, scaled by test seconds (those that
    belong to no lesson, plus seventeen times the mean of a lesson's; lesson 00, the guide, counted as one)."""
    if "lesson_seconds" not in results:
        return None
    each, shared = results["lesson_seconds"], results["shared_seconds"]
    mean = statistics.mean(each.values())
    total = shared + sum(each.values())
    return results["parallel"] * (shared + LESSONS_PLANNED * mean) / total


def verdicts(results: dict) -> list[str]:
    """The budgets a run breaks, in words (empty when all are kept)."""
    broken = [
        f"{lesson['name']} costs {lesson['seconds'] - results['floor']:.2f} s above the floor "
        f"(budget {LESSON_BUDGET} s)"
        for lesson in results["lessons"]
        if lesson["seconds"] - results["floor"] > LESSON_BUDGET
    ]
    projected = projection(results)
    if projected is not None and projected > SUITE_BUDGET:
        broken.append(
            f"at {LESSONS_PLANNED} lessons `make test` would take about {projected:.0f} s (budget {SUITE_BUDGET:.0f} s)"
        )
    if results["setup"] > SETUP_BUDGET:
        broken.append(f"a no-change set-up takes {results['setup']:.2f} s (budget {SETUP_BUDGET} s)")
    return broken


def page(results: dict) -> str:
    floor, lessons = results["floor"], results["lessons"]
    rows = "\n".join(
        f"| {lesson['name']} | {lesson['seconds']:.2f} | {lesson['seconds'] - floor:+.2f} | "
        f"{lesson['worksheets']:.2f} | {lesson['memory']} |"
        for lesson in lessons
    )
    per_lesson = statistics.mean(lesson["seconds"] + lesson["worksheets"] for lesson in lessons)
    lines = [
        "# Benchmark: what the course costs to run",
        "",
        "Written by `make bench` (`tools/bench.py`); do not edit by hand. Re-run it on a quiet machine "
        "after a change that could cost time.",
        "",
        f"- **Machine:** {results['machine']}",
        f"- **Run:** {results['date']}",
        "- **The machine's speed during the run:** a fixed pure-Python workload (the same in every run, "
        "`tools/speed.py`) took "
        + ", ".join(f"{seconds:.2f} s {when}" for when, seconds in results.get("speed", []))
        + ". This 2-core virtual machine shares its host: its speed changes from minute to minute, by up to half. "
        "Compare two runs by these times before comparing their results.",
        "",
        "## Floors",
        "",
        "| what | seconds |",
        "|---|---|",
        f"| an empty notebook (start a kernel, run one empty cell, stop) | {results['empty']:.2f} |",
        f"| the floor: a notebook that only imports pandas, matplotlib, ipywidgets and `nepcourse` | {floor:.2f} |",
        f"| importing the helper package `nepcourse` alone, in a fresh Python | {results['import']:.2f} |",
        f"| a no-change set-up (`make setup`, the first step of `make lab` and `make test`; budget {SETUP_BUDGET} s) "
        f"| {results['setup']:.2f} |",
        "",
        "## Lessons",
        "",
        f"Each lesson run from top to bottom in a fresh kernel (median of {REPEATS}), its cost above the floor "
        f"(budget {LESSON_BUDGET} s), its worked solutions and worksheet run once each, and its kernel's peak memory.",
        "",
        "| lesson | seconds | above the floor | solutions + worksheet, seconds | kernel peak memory, MB |",
        "|---|---|---|---|---|",
        rows,
        "",
    ]
    charts = sorted(results.get("charts", []), key=lambda item: -item[1])
    if charts:
        mean = statistics.mean(seconds for _, seconds in charts)
        drawn = sorted(seconds for _, seconds in results.get("timelines", []))
        timelines = (
            f"a lesson's own timeline takes {drawn[0]:.2f}–{drawn[-1]:.2f} s, "
            f"for the {len(drawn)} lessons that have one"
            if drawn
            else "a lesson's own timeline takes less"
        )
        lines += [
            "## Where a lesson's time goes",
            "",
            f"A lesson's cost above the floor is mostly drawing its charts: {len(charts)} charts take {mean:.2f} s "
            f"each on average to build and draw as PNG (median of 3), from {charts[-1][1]:.2f} s "
            f"(`{charts[-1][0]}`) to {charts[0][1]:.2f} s (`{charts[0][0]}`; the course timeline, drawn whole "
            f"here: {timelines}); building the figure is a few milliseconds, the rest "
            "is matplotlib's layout (about two thirds) and rendering. The suite does not pay this: nbval's shared "
            "kernels draw a 1×1 stand-in for each picture (nbval compares the alt text, never the picture's "
            "bytes), and `make build` draws the real ones.",
            "",
            "| chart | seconds |",
            "|---|---|",
            *[f"| `{name}` | {seconds:.2f} |" for name, seconds in charts],
            "",
        ]
    if "parallel" in results:
        lines += [
            "## The whole suite",
            "",
            "| how | seconds |",
            "|---|---|",
            f"| `make test` as it runs (processes: {processes()}; browser test included; set-up done) "
            f"| {results['parallel']:.1f} |",
            f'| the same, serial (`make test PYTEST_ARGS="-n 0"`) | {results["serial"]:.1f} |',
            "",
            f"The browser test alone takes {results['browser']:.1f} s for {len(lessons)} lessons "
            f"({results['browser'] / len(lessons):.1f} s a lesson). A lesson's three notebooks (lesson, solutions, "
            f"worksheet) cost {per_lesson:.1f} s of kernel time on average.",
            "",
        ]
    if "lesson_seconds" in results:
        each, shared = results["lesson_seconds"], results["shared_seconds"]
        mean = statistics.mean(each.values())
        total = shared + sum(each.values())
        at_17 = projection(results)
        lines += [
            "## What each lesson adds to `make test`",
            "",
            "Test seconds (summed over the suite's processes, from the suite's JUnit report) that belong to each "
            "lesson: its three notebooks under nbval, its test file, the property tests of its charts and its browser "
            "test. The rest belongs to no lesson (start-up, the data and unit tests, the browser's start).",
            "",
            "| lesson | test seconds |",
            "|---|---|",
            *[f"| {number} | {seconds:.1f} |" for number, seconds in each.items()],
            f"| (no lesson) | {shared:.1f} |",
            "",
            f"**Growth.** A lesson adds {mean:.1f} test seconds on average; with its parallel processes the suite's "
            f"wall time scales with the total. At seventeen lessons, `make test` would take about {at_17:.0f} s on "
            f"this machine ({results['parallel']:.1f} s × ({shared:.0f} + 17 × {mean:.1f}) ÷ {total:.0f}); the budget "
            f"is {SUITE_BUDGET:.0f} s.",
            "",
        ]
    broken = verdicts(results)
    lines += ["## Budgets", ""] + ([f"- **Broken:** {b}" for b in broken] or ["- All kept."]) + [""]
    return "\n".join(lines)


def write_page(results: dict) -> None:
    PAGE.parent.mkdir(exist_ok=True)
    PAGE.write_text(page(results), encoding="utf-8")
    print(f"wrote {paths.relative(PAGE)}")


def main(include_suite: bool = True) -> int:
    results = measure_notebooks()
    write_page(results)  # the suite checks that the page exists, so write it before timing the suite
    if include_suite:
        try:
            measure_suite(results)
        except subprocess.CalledProcessError as err:
            print(
                f"the test suite failed ({' '.join(err.cmd)}): fix it with `make test` before timing it",
                file=sys.stderr,
            )
            return 1
        write_page(results)
    broken = verdicts(results)
    for problem in broken:
        print(f"over budget: {problem}", file=sys.stderr)
    return 1 if broken else 0
