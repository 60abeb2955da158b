"""Shared fixtures: a scratch copy of the data folder, so tests can break files without touching the course.

The helper package is imported where it is used, not here: pytest-xdist's controlling process loads this file
before it starts the test processes, and importing pandas and matplotlib there delayed them by 0.7 s."""

import shutil

import pytest


@pytest.fixture
def scratch_data(tmp_path, monkeypatch):
    """A copy of data/ that the helper package reads instead of the real one."""
    from nepcourse import data, paths

    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target)
    monkeypatch.setattr(paths, "DATA", target)
    data._metadata.cache_clear()
    yield target
    data._metadata.cache_clear()
