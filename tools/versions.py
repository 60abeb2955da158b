"""``python -m tools versions``: prove that the course runs on its lowest supported versions and on the newest Python.

requirements.txt pins the one environment the course is developed and tested in, so day to day nothing shows
whether the course still runs on the versions pyproject.toml says it supports. This tool checks the two ends
of that range, each in a throwaway virtual environment under ``build/versions/<stack>/`` (deleted and made
again on every run, unless ``--keep``):

- **lowest**: the Python of ``requires-python`` (``>=3.11`` gives Python 3.11) with the lower bound of every
  course package in ``[project] dependencies`` (``pandas>=2.2`` gives ``pandas==2.2.*``: the newest patch
  release of the lowest supported minor release). pandas, matplotlib and ipywidgets must declare a bound;
  numpy is pinned if it is listed, otherwise pip picks what pandas allows. The bounds are read from
  pyproject.toml, never repeated here.
- **newest**: Python 3.13 with the newest releases of everything, unpinned.

Both also get what executing a notebook needs (ipykernel, nbclient, nbformat: at pyproject's lower bound if
it declares one, otherwise the newest that resolves). JupyterLab is not installed: executing needs no
front end. The helper package is put on the environment's path by a ``.pth`` file naming ``src/``, not by
``pip install -e``, which would write ``src/nepcourse.egg-info`` into the checkout.

Every notebook in notebooks/, solutions/ and exercises/ is then executed, two at a time, each by a small
script run with the environment's own Python (nbclient, in memory: nothing is written back) in a fresh
kernel, with the notebook's own folder as working directory. The kernel is a kernelspec installed into the
environment's own prefix under a name of its own (``nepcourse-versions-<stack>``), so that no ``python3``
kernel elsewhere on the machine can be picked up by mistake; the tool checks that the spec starts the
environment's Python. A notebook passes if it runs to the end without an error: outputs are not compared,
since they may legitimately differ between versions, and cells tagged ``raises-exception`` may raise.

The result is written to docs/versions.md after a full run (both stacks, every notebook); a run with
``--stack`` or ``--notebooks`` is a trial and leaves the page alone. Exits 0 only if every notebook passed
on every stack. Standard library only: everything else lives in the throwaway environments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
PAGE = ROOT / "docs" / "versions.md"
BUILD = ROOT / "build" / "versions"
FOLDERS = ("notebooks", "solutions", "exercises")

#: What the course's notebooks import. pandas, matplotlib and ipywidgets must declare a lower bound.
COURSE_PACKAGES = ("pandas", "matplotlib", "ipywidgets", "numpy")
REQUIRED_BOUNDS = ("pandas", "matplotlib", "ipywidgets")
#: What executing a notebook needs.
RUNNER_PACKAGES = ("ipykernel", "nbclient", "nbformat")
#: The versions the page records.
REPORTED = ("pandas", "matplotlib", "ipywidgets", "numpy", "ipykernel", "nbclient")
NEWEST_PYTHON = "3.13"

JOBS = 2  # notebooks run at a time (the machine has 2 cores)
CELL_TIMEOUT = 300  # seconds a cell may take
NOTEBOOK_TIMEOUT = 1800  # seconds a notebook may take, kernel start and stop included
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

#: Run with the environment's Python: information about the environment, as JSON.
PROBE = """\
import importlib.metadata, importlib.util, json, platform, sys
from jupyter_client.kernelspec import KernelSpecManager
names, kernel = json.loads(sys.argv[1]), sys.argv[2]
print(json.dumps({"python": platform.python_version(),
                  "versions": {name: importlib.metadata.version(name) for name in names},
                  "kernel": KernelSpecManager().get_kernel_spec(kernel).argv[0],
                  "nepcourse": importlib.util.find_spec("nepcourse").origin}))
"""

#: Run with the environment's Python: execute one notebook in memory and report, as JSON on the last line.
RUNNER = r"""
import json, re, sys
import nbformat
from nbclient import NotebookClient
path, folder, kernel, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
nb = nbformat.read(path, as_version=4)
current = {"cell": None}
def started(cell, cell_index, **kwargs):
    current["cell"] = cell_index
client = NotebookClient(nb, timeout=timeout, kernel_name=kernel, resources={"metadata": {"path": folder}},
                        on_cell_execute=started)
result = {"cell": None, "ename": None, "evalue": None, "text": None}
try:
    client.execute()
except Exception as error:
    result.update(cell=current["cell"], ename=getattr(error, "ename", None) or type(error).__name__,
                  evalue=getattr(error, "evalue", None), text=str(error))
# Warnings as "FutureWarning: message", without the file and line (they name temporary files).
stderr = [output.get("text", "") for cell in nb.cells for output in cell.get("outputs", [])
          if output.get("output_type") == "stream" and output.get("name") == "stderr"]
found = (re.search(r"\b(\w*Warning): (.*)", line) for text in stderr for line in text.splitlines())
result["warnings"] = sorted({f"{m.group(1)}: {m.group(2).strip()}" for m in found if m})
print(json.dumps(result))
"""


class VersionsError(Exception):
    """Something that stops a stack from being set up or checked; the message says what."""


# --- the stacks -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stack:
    name: str
    python: str  # "3.11"
    requirements: tuple[str, ...]  # what pip installs, e.g. "pandas==2.2.*"


def normalise(name: str) -> str:
    """A package name as PyPI compares them (PEP 503): ``Jupyter_Client`` → ``jupyter-client``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_requirement(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``"pandas[excel] >=2.2, <4; python_version >= '3.11'"`` → ``("pandas", [(">=", "2.2"), ("<", "4")])``.

    Only what this tool needs: the name and the version specifiers; extras and markers are dropped.
    """
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*)", text)
    if not match:
        raise VersionsError(f"pyproject.toml: cannot read the dependency {text!r}")
    specifiers = []
    for part in filter(None, (p.strip() for p in match.group(2).strip().strip("()").split(","))):
        spec = re.fullmatch(r"(~=|==|!=|<=|>=|<|>|===)\s*(\S+)", part)
        if not spec:
            raise VersionsError(f"pyproject.toml: cannot read the version specifier {part!r} in {text!r}")
        specifiers.append((spec.group(1), spec.group(2)))
    return normalise(match.group(1)), specifiers


def lower_bound(specifiers: list[tuple[str, str]]) -> str | None:
    """The lowest version a requirement allows (``>=2.2``, ``~=2.2`` and ``==2.2.*`` all give ``2.2``), if any."""
    for op, version in specifiers:
        if op in (">=", "~=", "==", "==="):
            return version.removesuffix(".*")
    return None


def lowest_series(name: str, bound: str) -> str:
    """The pip requirement for the lowest supported minor release: ``2.2`` → ``name==2.2.*``,
    ``2`` → ``name==2.0.*``, ``2.2.1`` → ``name==2.2.*,>=2.2.1`` (pip takes the newest patch release)."""
    release = re.match(r"\d+(?:\.\d+)*", bound)
    if not release:
        raise VersionsError(f"pyproject.toml: cannot read the lower bound {bound!r} of {name}")
    parts = release.group(0).split(".")
    series = f"{name}=={parts[0]}.{parts[1] if len(parts) > 1 else 0}.*"
    return series if len(parts) <= 2 else f"{series},>={bound}"


def lowest_python(requires_python: str | None) -> str:
    """``">=3.11"`` → ``"3.11"``: the lowest Python minor release the course supports."""
    bound = lower_bound(parse_requirement(f"python {requires_python}")[1]) if requires_python else None
    match = re.match(r"(\d+)\.(\d+)", bound or "")
    if not match:
        raise VersionsError(
            f"pyproject.toml: [project] requires-python ({requires_python!r}) declares no lower "
            'bound such as ">=3.11": the lowest stack\'s Python is read from it'
        )
    return f"{match.group(1)}.{match.group(2)}"


def lowest_stack(pyproject_text: str) -> Stack:
    """The lowest stack, read from pyproject.toml's ``requires-python`` and ``[project] dependencies``."""
    project = tomllib.loads(pyproject_text).get("project", {})
    declared = dict(parse_requirement(text) for text in project.get("dependencies", []))
    missing = [
        name
        for name in COURSE_PACKAGES
        if lower_bound(declared.get(name, [])) is None and (name in declared or name in REQUIRED_BOUNDS)
    ]
    if missing:
        examples = ", ".join(f'"{name}>=X.Y"' for name in missing)
        raise VersionsError(
            f"pyproject.toml declares no lower bound for {', '.join(missing)} in [project] "
            f"dependencies (write e.g. {examples}): the lowest stack is read from those bounds"
        )
    requirements = []
    for name in COURSE_PACKAGES + RUNNER_PACKAGES:
        bound = lower_bound(declared.get(name, []))
        requirements.append(lowest_series(name, bound) if bound else name)
    return Stack("lowest", lowest_python(project.get("requires-python")), tuple(requirements))


def newest_stack() -> Stack:
    return Stack("newest", NEWEST_PYTHON, COURSE_PACKAGES + RUNNER_PACKAGES)


def stacks(names: list[str]) -> list[Stack]:
    """The stacks to check, in order; pyproject.toml is read only if the lowest stack is one of them."""
    return [
        lowest_stack(PYPROJECT.read_text(encoding="utf-8")) if name == "lowest" else newest_stack() for name in names
    ]


# --- the environments -------------------------------------------------------------------------------------


def find_python(version: str) -> Path:
    """The executable of a Python ``version`` ("3.11"): ``python3.11`` on the PATH, else pyenv's newest 3.11.x.

    Each candidate is run to check it: a pyenv shim is on the PATH even when its version is not active.
    """
    pyenv = Path.home() / ".pyenv" / "versions"
    installed = sorted(
        pyenv.glob(f"{version}.*/bin/python"),
        key=lambda p: [int(x) if x.isdigit() else -1 for x in p.parts[-3].split(".")],
        reverse=True,
    )
    for candidate in [shutil.which(f"python{version}"), *installed]:
        if candidate is None:
            continue
        try:
            found = subprocess.run(
                [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2], sys.executable)"],
                capture_output=True,
                text=True,
                timeout=60,
            ).stdout.split(maxsplit=1)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if len(found) == 2 and found[0] == version:
            return Path(found[1].strip())
    raise VersionsError(f"no Python {version} found: looked for python{version} on the PATH and in {pyenv}/{version}.*")


def clean_environment(venv: Path) -> dict[str, str]:
    """The process environment for commands in ``venv``: its bin/ first, nothing leaking in from outside."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "JUPYTER_PATH")}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(venv), PYTHONNOUSERSITE="1")
    return env


def last_lines(text: str, count: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-count:])


def run(command: list[str | Path], venv: Path) -> str:
    """Run a set-up command; its standard output, or VersionsError with the end of what it printed."""
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, env=clean_environment(venv))
    if done.returncode != 0:
        raise VersionsError(
            f"{' '.join(map(str, command))} failed ({done.returncode}):\n{last_lines(done.stderr or done.stdout)}"
        )
    return done.stdout


def kernel_name(stack: Stack) -> str:
    return f"nepcourse-versions-{stack.name}"


def prepare(stack: Stack, keep: bool = False) -> Path:
    """Make the stack's environment (or with ``keep`` reuse it, if it was made for the same requirements)."""
    venv = BUILD / stack.name
    python, stamp = venv / "bin" / "python", venv / ".installed"
    wanted = "\n".join([f"python {stack.python}", *stack.requirements]) + "\n"
    if keep and python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        print(f"{stack.name}: reusing {venv.relative_to(ROOT)}", flush=True)
        return venv
    interpreter = find_python(stack.python)
    print(
        f"{stack.name}: making {venv.relative_to(ROOT)} with {interpreter}: {' '.join(stack.requirements)}", flush=True
    )
    shutil.rmtree(venv, ignore_errors=True)
    run([interpreter, "-m", "venv", venv], venv)
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *stack.requirements], venv)
    site_packages = run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], venv).strip()
    Path(site_packages, "nepcourse-src.pth").write_text(f"{ROOT / 'src'}\n", encoding="utf-8")
    run(
        [
            python,
            "-m",
            "ipykernel",
            "install",
            "--prefix",
            venv,
            "--name",
            kernel_name(stack),
            "--display-name",
            f"nepcourse ({stack.name})",
        ],
        venv,
    )
    stamp.write_text(wanted, encoding="utf-8")
    return venv


def inspect(stack: Stack, venv: Path) -> tuple[str, dict[str, str]]:
    """The environment's Python version and package versions, after checking that its kernel is its own
    Python and that it imports the course from this checkout."""
    found = json.loads(run([venv / "bin" / "python", "-c", PROBE, json.dumps(REPORTED), kernel_name(stack)], venv))
    if Path(found["kernel"]).parent.resolve() != (venv / "bin").resolve():
        raise VersionsError(f"{stack.name}: kernel {kernel_name(stack)} starts {found['kernel']}, not {venv}'s Python")
    if not found["nepcourse"] or not Path(found["nepcourse"]).resolve().is_relative_to(ROOT / "src"):
        raise VersionsError(f"{stack.name}: nepcourse is imported from {found['nepcourse']}, not {ROOT / 'src'}")
    return found["python"], found["versions"]


# --- the notebooks ----------------------------------------------------------------------------------------


@dataclass
class NotebookResult:
    notebook: str  # relative to the repository: "notebooks/01_introduction.ipynb"
    seconds: float
    cell: int | None = None  # index in the notebook's cells (all cells, from 0) of the failing cell
    error: str | None = None  # the last line of the error; None if the notebook passed
    warnings: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.error is None


def all_notebooks(pattern: str | None = None) -> list[Path]:
    """Every notebook of the course, sorted, optionally only those whose file name matches ``pattern``."""
    found = sorted(path for folder in FOLDERS for path in (ROOT / folder).glob("*.ipynb"))
    return [path for path in found if pattern is None or fnmatch.fnmatch(path.name, pattern)]


def error_line(ename: str | None, evalue: str | None, text: str | None) -> str:
    """The last line of an error: ``"KeyError: 'grain'"``, without terminal colours."""
    evalue_lines = [line for line in ANSI.sub("", evalue or "").splitlines() if line.strip()]
    if ename and evalue_lines:
        return f"{ename}: {evalue_lines[-1].strip()}"
    text_lines = [line for line in ANSI.sub("", text or "").splitlines() if line.strip()]
    return text_lines[-1].strip() if text_lines else (ename or "unknown error")


def execute(path: Path, venv: Path, stack: Stack) -> NotebookResult:
    """Run one notebook in a fresh kernel of the stack's environment; nothing is written to disk."""
    name = path.relative_to(ROOT).as_posix()
    command = [
        str(venv / "bin" / "python"),
        "-c",
        RUNNER,
        str(path),
        str(path.parent),
        kernel_name(stack),
        str(CELL_TIMEOUT),
    ]
    start = time.perf_counter()
    # A session of its own, so that on a timeout the kernel it started goes with it.
    process = subprocess.Popen(
        command,
        cwd=path.parent,
        env=clean_environment(venv),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=NOTEBOOK_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return NotebookResult(name, time.perf_counter() - start, error=f"timed out after {NOTEBOOK_TIMEOUT} s")
    seconds = time.perf_counter() - start
    try:
        report = json.loads(stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return NotebookResult(name, seconds, error=error_line(None, None, stderr or f"exit {process.returncode}"))
    if report["ename"] is None:
        return NotebookResult(name, seconds, warnings=report["warnings"])
    return NotebookResult(
        name, seconds, report["cell"], error_line(report["ename"], report["evalue"], report["text"]), report["warnings"]
    )


@dataclass
class StackResult:
    stack: Stack
    python: str = ""  # "3.11.7"
    versions: dict[str, str] = field(default_factory=dict)
    notebooks: list[NotebookResult] = field(default_factory=list)
    setup_seconds: float = 0.0
    seconds: float = 0.0  # executing the notebooks, wall clock
    error: str | None = None  # the environment could not be made or checked

    @property
    def passed(self) -> int:
        return sum(result.passed for result in self.notebooks)

    @property
    def failures(self) -> list[NotebookResult]:
        return [result for result in self.notebooks if not result.passed]

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.notebooks) and not self.failures


def check(stack: Stack, notebooks: list[Path], keep: bool = False) -> StackResult:
    """Make the stack's environment and execute ``notebooks`` in it, ``JOBS`` at a time."""
    result = StackResult(stack)
    start = time.perf_counter()
    try:
        venv = prepare(stack, keep)
        result.python, result.versions = inspect(stack, venv)
    except VersionsError as err:
        result.error = str(err)
        result.setup_seconds = time.perf_counter() - start
        print(f"{stack.name}: {err}", file=sys.stderr, flush=True)
        return result
    result.setup_seconds = time.perf_counter() - start

    def one(path: Path) -> NotebookResult:
        done = execute(path, venv, stack)
        where = "" if done.passed else f": cell {done.cell}: {done.error}"
        print(
            f"{stack.name}: {'ok  ' if done.passed else 'FAIL'} {done.notebook} ({done.seconds:.1f} s){where}",
            flush=True,
        )
        return done

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        result.notebooks = list(pool.map(one, notebooks))
    result.seconds = time.perf_counter() - start
    return result


# --- the report -------------------------------------------------------------------------------------------


def machine() -> str:
    return f"{platform.platform()} ({platform.machine()}), {os.cpu_count()} cores"


def summary(result: StackResult) -> str:
    """One line per stack, for the terminal."""
    if result.error is not None:
        problem = error_line(None, None, result.error)
        return f"{result.stack.name}: FAILED to set up Python {result.stack.python}: {problem}"
    versions = ", ".join(f"{name} {result.versions.get(name, '?')}" for name in REPORTED)
    verdict = "ok" if result.ok else "FAILED"
    return (
        f"{result.stack.name}: {verdict}: {result.passed}/{len(result.notebooks)} notebooks passed on "
        f"Python {result.python} ({versions}) in {result.setup_seconds + result.seconds:.0f} s"
    )


def render_page(results: list[StackResult], when: dt.datetime, where: str) -> str:
    """docs/versions.md for ``results``, run at ``when`` (UTC) on the machine ``where``."""
    lines = [
        "# Versions: the course on its lowest supported versions and on the newest Python",
        "",
        "Written by `make test-versions` (`tools/versions.py`); do not edit by hand. The lowest stack is read "
        "from pyproject.toml (`requires-python` and the lower bounds of `[project] dependencies`); the newest "
        "stack is the newest Python with the newest release of everything. Each stack is a fresh virtual "
        "environment in which every notebook in notebooks/, solutions/ and exercises/ is run from top to bottom "
        "in a fresh kernel. A notebook passes if no cell raises an error (cells tagged `raises-exception` may); "
        "outputs are not compared.",
        "",
        f"- **Run:** {when.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- **Machine:** {where}",
        f"- **Result:** {'every notebook passed on every stack' if all(r.ok for r in results) else 'FAILED'}",
    ]
    for result in results:
        stack = result.stack
        lines += [
            "",
            f"## {stack.name}: Python {result.python or stack.python}",
            "",
            "Asked pip for " + ", ".join(f"`{r}`" for r in stack.requirements) + ".",
        ]
        if result.error is not None:
            lines += ["", "The environment could not be set up:", "", "```", result.error, "```"]
            continue
        lines += ["", "| package | version |", "|---|---|", f"| Python | {result.python} |"]
        lines += [f"| {name} | {result.versions.get(name, '?')} |" for name in REPORTED]
        lines += [
            "",
            f"- **Notebooks:** {len(result.notebooks)} executed, {result.passed} passed",
            f"- **Time:** {result.setup_seconds + result.seconds:.0f} s (setting up the environment "
            f"{result.setup_seconds:.0f} s, executing the notebooks {result.seconds:.0f} s, {JOBS} at a time)",
        ]
        if result.failures:
            lines += ["", "| failed notebook | cell (index from 0, all cells) | error |", "|---|---|---|"]
            lines += [
                f"| {f.notebook} | {'–' if f.cell is None else f.cell} | `{(f.error or '').replace('|', '/')}` |"
                for f in result.failures
            ]
        warned: dict[str, list[str]] = {}
        for notebook in result.notebooks:
            for warning in notebook.warnings:
                warned.setdefault(warning, []).append(notebook.notebook)
        if warned:
            lines += ["", "Warnings printed (not failures):", ""]
            lines += [f"- `{warning}` in {', '.join(warned[warning])}" for warning in sorted(warned)]
    return "\n".join(lines) + "\n"


# --- the command ------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools versions",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--stack", choices=("lowest", "newest"), help="check only this stack (default: both)")
    parser.add_argument(
        "--keep", action="store_true", help="reuse an environment made by an earlier run for the same requirements"
    )
    parser.add_argument(
        "--notebooks",
        metavar="PATTERN",
        help="only the notebooks whose file name matches "
        "this glob, e.g. '01_*' (a trial: docs/versions.md is not written)",
    )
    args = parser.parse_args(argv)
    try:
        chosen = stacks([args.stack] if args.stack else ["lowest", "newest"])
        notebooks = all_notebooks(args.notebooks)
        if not notebooks:
            raise VersionsError(f"no notebook matches {args.notebooks!r}")
    except VersionsError as err:
        print(f"versions: {err}", file=sys.stderr)
        return 2
    when = dt.datetime.now(dt.UTC)
    results = [check(stack, notebooks, keep=args.keep) for stack in chosen]
    for result in results:
        print(summary(result))
    if args.stack is None and args.notebooks is None:
        PAGE.write_text(render_page(results, when, machine()), encoding="utf-8")
        print(f"wrote {PAGE.relative_to(ROOT)}")
    else:
        print(f"{PAGE.relative_to(ROOT)} not written: --stack and --notebooks make a trial run")
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
