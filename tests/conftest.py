"""Shared fixtures: a scratch copy of the data folder, so tests can break files without touching the course."""

import shutil

import pytest

from nepcourse import data, paths


@pytest.fixture
def scratch_data(tmp_path, monkeypatch):
    """A copy of data/ that the helper package reads instead of the real one."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target)
    monkeypatch.setattr(paths, "DATA", target)
    data._metadata.cache_clear()
    yield target
    data._metadata.cache_clear()
