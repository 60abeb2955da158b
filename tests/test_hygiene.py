"""Code hygiene and what gets installed: ruff is clean, the pinned lists agree with their inputs and with this
environment, `make lab` installs no test tool, and importing the helper package changes nothing."""

import re
import subprocess
import sys
import tomllib
from importlib import metadata

import pytest

from nepcourse import paths

REQUIREMENTS = paths.ROOT / "requirements"
TEST_TOOLS = {"pytest", "pytest-xdist", "nbval", "playwright", "frictionless", "ruff", "uv", "coverage"}
CODE = ["src", "tests", "tools", "conftest.py"]


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(name: str) -> dict[str, str]:
    """The ``name==version`` lines of requirements/NAME.txt."""
    found = {}
    for line in (REQUIREMENTS / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            package, version = line.split("==", 1)
            found[normal(package)] = version.strip()
    return found


def inputs(name: str) -> set[str]:
    """The package names listed in requirements/NAME.in."""
    names = set()
    for line in (REQUIREMENTS / f"{name}.in").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(normal(re.split(r"[<>=!~;\[ ]", line)[0]))
    return names


def test_ruff_finds_nothing():
    ruff = [sys.executable, "-m", "ruff"]
    lint = subprocess.run([*ruff, "check", *CODE], cwd=paths.ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout[-3000:]
    layout = subprocess.run([*ruff, "format", "--check", *CODE], cwd=paths.ROOT, capture_output=True, text=True)
    assert layout.returncode == 0, f"run `.venv/bin/ruff format {' '.join(CODE)}`:\n{layout.stdout[-2000:]}"


@pytest.mark.parametrize("name", ["run", "dev"])
def test_every_input_is_pinned(name):
    assert inputs(name) <= set(pins(name)), (
        f"requirements/{name}.in lists packages {name}.txt does not pin: run `make pins`"
    )


def test_run_and_dev_pin_what_they_share_alike():
    run, dev = pins("run"), pins("dev")
    assert {p: (run[p], dev[p]) for p in run.keys() & dev.keys() if run[p] != dev[p]} == {}


def test_running_the_course_installs_no_test_tool():
    assert TEST_TOOLS & set(pins("run")) == set()
    dry_run = subprocess.run(
        ["make", "-n", "lab", "VENV=build/no-such-venv"], cwd=paths.ROOT, capture_output=True, text=True
    )
    assert "requirements/run.txt" in dry_run.stdout and "dev.txt" not in dry_run.stdout, dry_run.stdout


def test_this_environment_has_the_pinned_versions():
    wrong = {}
    for package, version in {**pins("run"), **pins("dev")}.items():
        try:
            installed = metadata.version(package)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[package] = (version, installed)
    assert wrong == {}, f"pinned, installed: {wrong}; run `make test` again (it reinstalls when the pins change)"


def test_the_declared_lowest_versions_are_below_the_pins():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lowest = dict(re.fullmatch(r"([\w-]+)>=([\d.]+)", d).groups() for d in project["dependencies"])
    assert {"pandas", "matplotlib", "ipywidgets"} <= set(lowest)
    assert project["requires-python"] == ">=3.11"
    run = pins("run")

    def key(version):
        return tuple(int(x) for x in re.findall(r"\d+", version)[:3])

    for package, version in lowest.items():
        assert key(version) <= key(run[package]), f"{package}: declared >= {version}, pinned {run[package]}"


def test_environment_yml_installs_the_run_pins_and_the_package():
    env = (paths.ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "- -r requirements/run.txt" in env and "- -e ." in env and "python=3.11" in env


def test_importing_the_package_changes_nothing_setup_does():
    """In a fresh IPython shell, with the display formatters a kernel's shell has (a subprocess, not a kernel:
    a kernel's start cost a second more and shows nothing more)."""
    # What setup() changes: pandas' column width, and whether a returned Figure is shown as a picture.
    code = (
        "from IPython.terminal.interactiveshell import TerminalInteractiveShell as Shell\n"
        "import pandas as pd\n"
        "from matplotlib.figure import Figure\n"
        "pictures = Shell.instance().display_formatter.formatters['text/html']\n"
        "def state(): return (pd.get_option('display.max_colwidth'), Figure in pictures.type_printers)\n"
        "before = state()\n"
        "import nepcourse\n"
        "after = state()\n"
        "nepcourse.setup()\n"
        "print(before == after, *state())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=paths.ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    shown = done.stdout.splitlines()[-1].split()  # the terminal shell first says it has no event loop hook
    assert shown == ["True", "160", "True"], "importing changed something, or setup() did not"


def test_every_notebook_starts_by_calling_setup():
    import nbformat

    for folder in ("notebooks", "solutions", "exercises"):
        for path in sorted((paths.ROOT / folder).glob("*.ipynb")):
            code = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
            first = next(i for i, source in enumerate(code) if "nepcourse" in source)
            assert code[first].startswith("import nepcourse\nnepcourse.setup()\n"), f"{folder}/{path.name}"


def test_no_private_ipywidgets_attribute_is_used():
    for path in (paths.ROOT / "src").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\._(kwarg|interact|children|view_name|model_id)\b", text), path
