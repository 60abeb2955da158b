"""The other ways to open the course (docs/launch/): the course as a wheel with its tables, run outside the
checkout with the network refused; the JupyterHub, Binder and Colab links and files, checked offline; and the
course's own notebooks, which never fetch anything."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from test_browser import skip_or_fail

from nepcourse import data, paths, registry
from nepcourse.plotting import stored_picture
from tools import launch, notebooks, student
from tools.__main__ import main as tools_main

PYPROJECT = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
WHEEL_ENV = paths.ROOT / "build" / "wheel-env"
PAGES = paths.ROOT / "docs" / "launch"
BINDER = paths.ROOT / "binder"

# -- the course as an installed package -----------------------------------------------------------------------


def test_the_wheel_lists_every_package_of_the_helper():
    """pyproject.toml names the packages one by one (so that data/ can go in as nepcourse/_data): a new
    subpackage under src/ must be added there, or the wheel would lack it."""
    found = {
        ".".join(p.parent.relative_to(paths.ROOT / "src").parts) for p in (paths.ROOT / "src").rglob("__init__.py")
    }
    assert set(PYPROJECT["tool"]["setuptools"]["packages"]) == found | {"nepcourse._data"}
    assert PYPROJECT["tool"]["setuptools"]["package-dir"]["nepcourse._data"] == "data"


def test_the_installed_tables_are_read_when_there_is_no_checkout(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "DATA", tmp_path / "no-checkout" / "data")
    monkeypatch.setattr(data, "INSTALLED_DATA", tmp_path / "_data")
    with pytest.raises(data.DataError, match=r"tables are missing.*docs/launch/"):
        data.data_dir()
    (tmp_path / "_data").mkdir()
    assert data.data_dir() == tmp_path / "_data"
    monkeypatch.setattr(paths, "DATA", tmp_path)
    assert data.data_dir() == tmp_path, "a checkout's data/ comes first"


#: Put first on the path of the kernel that runs the installed course: every connection to anything but this
#: machine, and every name lookup, fails, so a lesson that fetched anything would fail.
NO_NETWORK = """\
import socket
_LOCAL = {"127.0.0.1", "::1", "localhost"}
def _refuse(what):
    raise OSError(f"no network during the offline run: {what}")
def _guard(connect):
    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _LOCAL:
            _refuse(address)
        return connect(self, address)
    return guarded
socket.socket.connect = _guard(socket.socket.connect)
socket.socket.connect_ex = _guard(socket.socket.connect_ex)
_getaddrinfo = socket.getaddrinfo
socket.getaddrinfo = lambda host, *a, **k: _getaddrinfo(host, *a, **k) if host in _LOCAL | {None} else _refuse(host)
"""

#: The last cell added to the lesson: where the course and its tables came from, and whether the guard held.
PROBE = """\
import json, urllib.request, nepcourse, nepcourse.data
try:
    urllib.request.urlopen("https://pypi.org", timeout=5)
    refused = False
except OSError as err:
    refused = "no network" in str(err)
print(json.dumps([nepcourse.__file__, str(nepcourse.data.data_dir()), refused]))"""


def build_wheel(into: Path) -> Path:
    """Build the wheel from a copy of what it is built from (no stale build/ of the checkout can slip in), with
    the setuptools of the pinned environment and no build isolation: nothing is fetched."""
    source = into / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints")
    for name in ("src", "data"):
        shutil.copytree(paths.ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(paths.ROOT / name, source / name)
    build = "from setuptools import build_meta; print(build_meta.build_wheel(sys.argv[1]))"
    done = subprocess.run(
        [sys.executable, "-c", f"import sys\n{build}", str(into / "dist")],
        cwd=source,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return into / "dist" / done.stdout.strip().splitlines()[-1]


def offline_env(guard: Path) -> dict[str, str]:
    """The environment of the run: no proxy, nothing of the checkout on the path, the network guard first."""
    keep = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    for name in ("PYTHONPATH", "NEPCOURSE_ROOT", "VIRTUAL_ENV", "JUPYTER_PATH", "PYTHONSTARTUP"):
        keep.pop(name, None)
    return {**keep, "PYTHONPATH": str(guard), "JUPYTER_DATA_DIR": str(guard / "jupyter"), "PYTHONNOUSERSITE": "1"}


def test_the_wheel_runs_lesson_01_outside_the_checkout(tmp_path):
    """Build the wheel, install it (no dependencies, no index) into the fresh environment `make test` prepares,
    and run lesson 01 there from a folder outside the checkout, with the network refused: the course comes from
    the wheel, its tables from the wheel's copy, and every cell runs."""
    python = WHEEL_ENV / "bin" / "python"
    if not (WHEEL_ENV / ".installed").exists():
        skip_or_fail("no build/wheel-env: `make test` prepares it (or `make build/wheel-env/.installed`)")
    wheel = build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    missing = {f"nepcourse/_data/{p.name}" for p in paths.DATA.iterdir() if p.is_file()} - set(names)
    assert not missing, f"the wheel lacks {len(missing)} files of data/, e.g. {sorted(missing)[:3]}"
    assert "nepcourse/course.mplstyle" in names and not [n for n in names if n.endswith(".ipynb")]
    pip = [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--force-reinstall"]
    installed = subprocess.run([*pip, str(wheel)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr[-3000:]

    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    outside = tmp_path / "student"
    outside.mkdir()
    nb = nbformat.read(paths.NOTEBOOKS / f"{registry.lesson('01').name}.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    execute_in(nb, python, outside, offline_env(guard), tmp_path / "kernels")
    where, tables, refused = json.loads(nb.cells[-1].outputs[0]["text"])
    site = Path(where).parent.parent
    assert site.name == "site-packages" and site.is_relative_to(WHEEL_ENV), f"the lesson imported {where}"
    assert Path(where).parent == site / "nepcourse" and Path(tables) == site / "nepcourse" / "_data"
    assert refused, "the network guard was not in force in the kernel"
    assert any(stored_picture(o) for c in nb.cells for o in c.get("outputs", []))


def execute_in(nb, python: Path, cwd: Path, env: dict, kernels: Path) -> None:
    """Execute ``nb`` as a student's fresh kernel would, but with ``python`` (the wheel environment's), in ``cwd``
    and ``env``; a cell that fails raises with its traceback."""
    spec = {"argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"], "language": "python"}
    (kernels / "wheel").mkdir(parents=True)
    (kernels / "wheel" / "kernel.json").write_text(json.dumps({**spec, "display_name": "wheel"}), encoding="utf-8")
    specs = KernelSpecManager(kernel_dirs=[str(kernels)], ensure_native_kernel=False)
    manager = KernelManager(kernel_name="wheel", kernel_spec_manager=specs)
    client = NotebookClient(nb, km=manager, timeout=120, resources={"metadata": {"path": str(cwd)}})
    client.execute(env=env)


# -- JupyterHub -----------------------------------------------------------------------------------------------


def test_the_hub_link_is_nbgitpullers():
    link = launch.hub_link("https://hub.example.edu/", "https://github.com/someone/bettelheim-course", "student")
    assert link == (
        "https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fsomeone%2F"
        "bettelheim-course&branch=student&urlpath=lab%2Ftree%2Fbettelheim-course%2Fnotebooks%2F00_course_guide.ipynb"
    )
    # nbgitpuller clones into a folder named as the repository's last part, ".git" included
    assert "urlpath=lab%2Ftree%2Fc.git%2Fnotebooks" in launch.hub_link("https://h", "https://g.org/x/c.git")


def test_the_hub_link_refuses_what_is_not_an_address(capsys):
    with pytest.raises(ValueError, match="hub's address must be a web address"):
        launch.hub_link("hub.example.edu", "https://github.com/x/y")
    assert tools_main(["hub-link", "--hub", "hub.example.edu"]) == 2
    shown = capsys.readouterr()
    assert "must be a web address starting with https://" in shown.err and not shown.out


def test_the_start_page_is_the_one_make_lab_opens():
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    lab = re.search(r"^lab:.*\n\t(.*)$", makefile, re.M).group(1)
    assert lab.endswith(launch.START_PAGE) and (paths.ROOT / launch.START_PAGE).exists()
    assert launch.START_PAGE == f"notebooks/{registry.lessons()[0].name}.ipynb"


# -- Binder ---------------------------------------------------------------------------------------------------


def test_binder_installs_what_make_lab_installs():
    """Binder builds from binder/: exactly requirements/run.txt, the Python version the course declares, then
    the same install of the helper package and the same offline settings as `make lab`."""
    lines = [
        line.split("#", 1)[0].strip() for line in (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    ]
    assert [line for line in lines if line] == ["-r ../requirements/run.txt"]
    assert (BINDER / "../requirements/run.txt").resolve() == (paths.ROOT / "requirements" / "run.txt").resolve()
    lowest = PYPROJECT["project"]["requires-python"].removeprefix(">=")
    assert (BINDER / "runtime.txt").read_text(encoding="utf-8").strip() == f"python-{lowest}"
    post = BINDER / "postBuild"
    assert os.access(post, os.X_OK) and post.read_text(encoding="utf-8").startswith("#!/bin/bash")
    assert subprocess.run(["bash", "-n", str(post)], capture_output=True).returncode == 0
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    for step in ("pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .",):
        assert step in makefile and step in post.read_text(encoding="utf-8")
    assert "tools/lab_overrides.json" in post.read_text(encoding="utf-8")


def test_environment_yml_installs_the_same_pins():
    text = (paths.ROOT / "environment.yml").read_text(encoding="utf-8")
    lowest = PYPROJECT["project"]["requires-python"].removeprefix(">=")
    assert re.search(rf"^\s+- python={re.escape(lowest)}$", text, re.M)
    assert re.search(r"^\s+- -r requirements/run\.txt$", text, re.M) and re.search(r"^\s+- -e \.$", text, re.M)


def test_the_binder_link_opens_the_course_guide():
    assert launch.binder_link("https://github.com/someone/course.git", "main") == (
        "https://mybinder.org/v2/gh/someone/course/main?urlpath=lab%2Ftree%2Fnotebooks%2F00_course_guide.ipynb"
    )
    assert launch.binder_link("https://gitlab.com/a/b").startswith("https://mybinder.org/v2/git/https%3A%2F%2Fgitlab")


# -- Colab ----------------------------------------------------------------------------------------------------


def test_the_colab_copies_install_the_course_first_and_are_the_student_edition(tmp_path):
    repo = launch.repository()
    assert repo == PYPROJECT["tool"]["nepcourse"]["repository"] and repo.startswith("https://")
    written = launch.write_colab(tmp_path / "colab")
    expected = {f"{x.name}.ipynb" for x in registry.lessons()}
    assert {p.name for p in written if p.parent == tmp_path / "colab"} == expected
    assert {p.name for p in written if p.parent == tmp_path / "colab" / "exercises"} == expected
    for folder, where in (("notebooks", tmp_path / "colab"), ("exercises", tmp_path / "colab" / "exercises")):
        for source in notebooks.course_notebooks(folder):
            copy = json.loads((where / source.name).read_text(encoding="utf-8"))
            first = copy["cells"][0]
            assert first["cell_type"] == "code" and launch.INSTALL_TAG in first["metadata"]["tags"]
            assert f'%pip install --quiet "nepcourse @ git+{repo}"' in "".join(first["source"])
            assert copy["cells"][1:] == student.student_notebook(source)["cells"], source.name
            text = json.dumps(copy)
            assert not [m for m in student.FORBIDDEN if m in text], source.name


def test_the_colab_link_opens_a_copy_from_a_branch():
    link = launch.colab_link("https://github.com/someone/course", "colab", "01_introduction.ipynb")
    assert link == "https://colab.research.google.com/github/someone/course/blob/colab/01_introduction.ipynb"


# -- nothing fetches ------------------------------------------------------------------------------------------

FETCHING = re.compile(
    r"\b(pip|conda|mamba)\s+install\b|https?://|\burllib\b|\bimport\s+requests\b|\brequests\.(get|post)\b"
    r"|\bhttp\.client\b|\bsocket\b|\b(curl|wget)\b|\bgit\s+(clone|pull)\b|\burlopen\b|read_csv\(\s*['\"]http"
)


def test_the_fetch_pattern_catches_what_it_should():
    for code in ("%pip install x", "!curl -O https://x", "import urllib.request", "requests.get(u)", "!git clone u"):
        assert FETCHING.search(code), code
    assert not FETCHING.search('load("intro_grain")\nprint(describe_table("intro_grain"))')


def test_the_course_notebooks_fetch_nothing():
    """No code cell of a lesson, worksheet or worked worksheet installs, downloads or opens a connection: the
    course runs offline, and only the Colab copies (build/colab) carry an install cell."""
    found = []
    for folder in ("notebooks", "exercises", "solutions"):
        for path in sorted((paths.ROOT / folder).glob("*.ipynb")):
            for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
                match = FETCHING.search("".join(cell["source"])) if cell["cell_type"] == "code" else None
                if match:
                    found.append(f"{folder}/{path.name}, cell {i}: {match.group(0)!r}")
    assert found == []


def test_the_helper_package_imports_nothing_that_fetches():
    found = []
    for path in sorted((paths.ROOT / "src" / "nepcourse").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in {"urllib", "requests", "http", "socket"}]
    assert found == []


# -- the pages ------------------------------------------------------------------------------------------------


def test_every_recipe_page_is_linked_from_the_readme_and_says_what_was_tested():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    pages = sorted(PAGES.glob("*.md"))
    assert {p.stem for p in pages} >= {"local", "jupyterhub", "binder", "colab"}
    for page in pages:
        assert f"](docs/launch/{page.name})" in readme, f"README.md does not link docs/launch/{page.name}"
        assert "## What was tested" in page.read_text(encoding="utf-8"), page.name


def test_the_local_page_states_the_declared_python_versions():
    lowest = PYPROJECT["project"]["requires-python"].removeprefix(">=")
    text = (PAGES / "local.md").read_text(encoding="utf-8")
    assert f"Python {lowest} or newer" in text and "make lab" in text and "WSL" in text
