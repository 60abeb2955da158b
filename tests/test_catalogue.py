"""The catalogue of the data (docs/catalogue.md): generated from the data package, current, complete, linked."""

import re

from nepcourse import data, paths
from tools import catalogue


def test_the_catalogue_is_current():
    assert catalogue.PAGE.read_text(encoding="utf-8") == catalogue.page(), (
        "docs/catalogue.md is stale: run `make build`"
    )


def test_every_table_is_in_the_catalogue_once_with_its_rows():
    listed = re.findall(r"^\| \[`(\w+)`\]\(\.\./data/\w+\.csv\) \|.*\| (\d+) \| (\d+) \|$", catalogue.page(), re.M)
    assert sorted(name for name, _, _ in listed) == sorted(data.metadata())
    for name, rows, _ in listed:
        assert int(rows) == len(data.load(name)), name


def test_the_catalogue_counts_corrections_and_names_units_and_readers():
    page = catalogue.page()
    grain = next(line for line in page.splitlines() if line.startswith("| [`intro_grain`]"))
    assert (
        "million metric tons" in grain
        and "Introduction" in grain
        and "[01](../notebooks/01_introduction.ipynb)" in grain
    )
    assert grain.endswith(f"| {len(data.metadata('intro_grain')['book']['corrections'])} |")


def test_the_readme_links_the_catalogue():
    assert "](docs/catalogue.md)" in (paths.ROOT / "README.md").read_text(encoding="utf-8")
