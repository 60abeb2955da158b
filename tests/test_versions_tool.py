"""tools/versions.py without making any environment: the lowest stack is read from pyproject.toml, a missing
lower bound is named, and the page reports versions and failures."""

import datetime as dt
import re
import tomllib

import pytest

from tools import versions
from tools.versions import NotebookResult, Stack, StackResult, VersionsError

PYPROJECT = """\
[project]
name = "example"
requires-python = ">=3.12"
dependencies = ["pandas>=2.1", "matplotlib >=3.7, <4", "ipywidgets[extra]~=8.0", "numpy>=1.26.2",
                "jupyterlab", "nbclient>=0.10; python_version >= '3.12'"]
"""


def pyproject(requires_python: str | None = ">=3.11", *dependencies: str) -> str:
    lines = ["[project]", 'name = "example"', f"dependencies = {list(dependencies)!r}".replace("'", '"')]
    if requires_python is not None:
        lines.append(f'requires-python = "{requires_python}"')
    return "\n".join(lines) + "\n"


def test_the_lowest_stack_is_read_from_requires_python_and_the_lower_bounds():
    stack = versions.lowest_stack(PYPROJECT)
    assert stack == Stack(
        "lowest",
        "3.12",
        (
            "pandas==2.1.*",
            "matplotlib==3.7.*",
            "ipywidgets==8.0.*",
            "numpy==1.26.*,>=1.26.2",
            "ipykernel",
            "nbclient==0.10.*",
            "nbformat",
        ),
    )


def test_numpy_is_left_to_pip_when_pyproject_does_not_list_it():
    stack = versions.lowest_stack(pyproject(">=3.11", "pandas>=2.2", "matplotlib>=3.8", "ipywidgets>=7.7"))
    assert stack.python == "3.11"
    assert stack.requirements[:4] == ("pandas==2.2.*", "matplotlib==3.8.*", "ipywidgets==7.7.*", "numpy")


def test_the_real_pyproject_gives_the_lowest_stack():
    text = versions.PYPROJECT.read_text(encoding="utf-8")
    project = tomllib.loads(text)["project"]
    stack = versions.stacks(["lowest"])[0]
    assert stack.python == re.search(r">=\s*(\d+\.\d+)", project["requires-python"]).group(1)
    for name in versions.REQUIRED_BOUNDS:
        (declared,) = [d for d in project["dependencies"] if re.match(rf"{name}\b", d)]
        bound = re.search(r">=\s*(\d+\.\d+)", declared).group(1)
        assert f"{name}=={bound}.*" in stack.requirements
    assert {"ipykernel", "nbclient", "nbformat"} <= {re.split(r"[=<>~]", r)[0] for r in stack.requirements}


def test_the_newest_stack_pins_nothing():
    stack = versions.newest_stack()
    assert stack.python == "3.13"
    assert all(re.fullmatch(r"[a-z]+", requirement) for requirement in stack.requirements)


def test_a_missing_lower_bound_is_named():
    text = pyproject(">=3.11", "pandas>=2.2", "matplotlib", "ipywidgets<9", "numpy>=1.26")
    with pytest.raises(VersionsError, match=r"no lower bound for matplotlib, ipywidgets in \[project\] dependencies"):
        versions.lowest_stack(text)


def test_a_package_left_out_of_pyproject_is_named_too():
    with pytest.raises(VersionsError, match=r"no lower bound for ipywidgets\b"):
        versions.lowest_stack(pyproject(">=3.11", "pandas>=2.2", "matplotlib>=3.8"))


def test_numpy_listed_without_a_bound_is_named():
    with pytest.raises(VersionsError, match=r"no lower bound for numpy\b"):
        versions.lowest_stack(pyproject(">=3.11", "pandas>=2.2", "matplotlib>=3.8", "ipywidgets>=7.7", "numpy"))


@pytest.mark.parametrize("requires_python", [None, "<3.14"])
def test_a_missing_requires_python_bound_is_named(requires_python):
    text = pyproject(requires_python, "pandas>=2.2", "matplotlib>=3.8", "ipywidgets>=7.7")
    with pytest.raises(VersionsError, match="requires-python"):
        versions.lowest_stack(text)


def test_main_stops_before_making_anything_when_a_bound_is_missing(tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text(pyproject(">=3.11", "pandas", "matplotlib>=3.8", "ipywidgets>=7.7"))
    monkeypatch.setattr(versions, "PYPROJECT", tmp_path / "pyproject.toml")
    monkeypatch.setattr(versions, "check", lambda *args, **kwargs: pytest.fail("no environment may be made"))
    assert versions.main(["--stack", "lowest"]) == 2
    assert "no lower bound for pandas" in capsys.readouterr().err


def test_notebooks_are_chosen_by_file_name():
    everything = versions.all_notebooks()
    assert everything == sorted(everything) and len(everything) >= 3
    assert {p.parent.name for p in everything} == set(versions.FOLDERS)
    assert [p.parent.name for p in versions.all_notebooks("01_*")] == ["exercises", "notebooks", "solutions"]
    assert versions.all_notebooks("no-such-*") == []


def test_the_last_line_of_an_error_loses_its_colours():
    assert versions.error_line("KeyError", "'grain'", "long traceback") == "KeyError: 'grain'"
    assert versions.error_line("ValueError", "first\n\x1b[31msecond\x1b[0m\n", None) == "ValueError: second"
    assert versions.error_line(None, None, "Traceback\n  ...\nOSError: no kernel\n\n") == "OSError: no kernel"


def fake_results() -> list[StackResult]:
    lowest = StackResult(
        Stack("lowest", "3.11", ("pandas==2.2.*", "matplotlib==3.8.*")),
        python="3.11.7",
        versions={
            "pandas": "2.2.3",
            "matplotlib": "3.8.4",
            "ipywidgets": "7.7.5",
            "numpy": "1.26.4",
            "ipykernel": "6.29.5",
            "nbclient": "0.10.2",
        },
        notebooks=[
            NotebookResult("notebooks/01_introduction.ipynb", 4.0, warnings=["FutureWarning: something old"]),
            NotebookResult("solutions/02_money.ipynb", 3.5, cell=12, error="KeyError: 'a|b'"),
        ],
        setup_seconds=40.2,
        seconds=7.6,
    )
    newest = StackResult(
        Stack("newest", "3.13", ("pandas", "matplotlib")),
        python="3.13.0",
        versions=dict.fromkeys(versions.REPORTED, "9.9"),
        notebooks=[NotebookResult("notebooks/01_introduction.ipynb", 3.0)],
        setup_seconds=30,
        seconds=3,
    )
    return [lowest, newest]


def test_the_page_reports_versions_counts_times_and_failures():
    when = dt.datetime(2026, 12, 6, 7, 27, tzinfo=dt.UTC)
    page = versions.render_page(fake_results(), when, "Linux-6.1-x86_64 (x86_64), 2 cores")
    assert page.startswith("# ")
    assert "`make test-versions`" in page and "do not edit by hand" in page
    assert "2026-12-06 07:27 UTC" in page and "Linux-6.1-x86_64 (x86_64), 2 cores" in page
    assert "## lowest: Python 3.11.7" in page and "## newest: Python 3.13.0" in page
    for row in (
        "| pandas | 2.2.3 |",
        "| matplotlib | 3.8.4 |",
        "| ipywidgets | 7.7.5 |",
        "| numpy | 1.26.4 |",
        "| ipykernel | 6.29.5 |",
        "| nbclient | 0.10.2 |",
    ):
        assert row in page
    assert "`pandas==2.2.*`" in page
    assert "2 executed, 1 passed" in page and "1 executed, 1 passed" in page
    assert "48 s (setting up the environment 40 s, executing the notebooks 8 s" in page
    assert "| solutions/02_money.ipynb | 12 | `KeyError: 'a/b'` |" in page
    assert "- `FutureWarning: something old` in notebooks/01_introduction.ipynb" in page
    assert "**Result:** FAILED" in page


def test_the_page_says_when_every_notebook_passed_and_when_an_environment_failed():
    lowest, newest = fake_results()
    lowest.notebooks = lowest.notebooks[:1]
    page = versions.render_page([lowest, newest], dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "here")
    assert "every notebook passed on every stack" in page and "failed notebook" not in page
    broken = StackResult(Stack("lowest", "3.11", ("pandas==2.2.*",)), error="pip failed:\nNo matching distribution")
    page = versions.render_page([broken], dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "here")
    assert "could not be set up" in page and "No matching distribution" in page and "**Result:** FAILED" in page


def test_one_summary_line_per_stack():
    lowest, newest = fake_results()
    assert versions.summary(newest).startswith("newest: ok: 1/1 notebooks passed on Python 3.13.0 (pandas 9.9")
    assert versions.summary(lowest).startswith("lowest: FAILED: 1/2 notebooks passed on Python 3.11.7")
    assert "\n" not in versions.summary(lowest)
    broken = StackResult(Stack("lowest", "3.11", ()), error="pip failed:\nNo matching distribution")
    assert versions.summary(broken) == "lowest: FAILED to set up Python 3.11: No matching distribution"
