"""The data package: every table loads against its schema, provenance follows the contract, bad input is named."""

import csv
import json
import re

import pandas as pd
import pytest

from nepcourse import DataError, UnknownTable, data, load, paths, tables, value
from nepcourse.data import CHAPTER_NAMES, LookupProblem
from tools import datapackage, execution

NAMES = data.table_names()
PLACE_KEYS = {"chapter", "section", "note", "source", "page", "quote"}
SECTION = re.compile(r"^(opening|glossary|[IVX]+(\([a-z]\))?)$")


def test_there_are_tables():
    assert {"events", "glossary", "claims", "not_tabulated", "intro_grain"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_table_loads_and_matches_raw_csv(name):
    frame = load(name)
    with open(paths.DATA / f"{name}.csv", newline="", encoding="utf-8") as fh:
        raw = list(csv.DictReader(fh))
    assert len(frame) == len(raw) > 0
    assert list(frame.columns) == list(raw[0])
    assert frame.attrs["name"] == name
    assert frame.attrs["book"] or frame.attrs.get("external") or frame.attrs["course"]["compiled_from"]


@pytest.mark.parametrize("name", NAMES)
def test_every_column_is_described_and_numbers_have_units(name):
    meta = data.metadata(name)
    for field in meta["schema"]["fields"]:
        assert field["description"].strip(), f"{name}.{field['name']} has no description"
        if field["type"] == "number" and field["name"] not in ("tolerance", "stated"):
            assert field.get("unit"), f"{name}.{field['name']} is a number without a unit"
    assert "lessons" not in meta, "which lessons read a table is recorded when they run, not declared"


def test_datapackage_is_current():
    assert not datapackage.write(check_only=True), "data/datapackage.json is stale: run `make build`"


def test_datapackage_is_a_valid_frictionless_package():
    from frictionless import Package

    report = Package(str(paths.DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_every_resource_keeps_the_book_contract():
    """Every resource is the book's, with its places; or external (tests/test_external.py holds those)."""
    package = json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        kinds = [key for key in ("book", "external", "course") if key in res]
        assert len(kinds) == 1, f"{res['name']}: the book's, external or the course's, exactly one of them"
        if "external" in res:
            continue
        for key in ("name", "path", "title", "description", "schema"):
            assert res.get(key), f"{res['name']} lacks {key}"
        if "course" in res:  # compiled by the course (the references), not transcribed from the book
            assert "book" not in res and res["course"]["compiled_from"], res["name"]
            continue
        book = res["book"]
        assert book["printed_as"] in {"table", "prose", "note", "glossary"}
        assert book["places"], res["name"]
        for place in book["places"]:
            assert PLACE_KEYS <= set(place), (res["name"], place)
            assert place["chapter"] in CHAPTER_NAMES
            assert SECTION.match(place["section"]), (res["name"], place["section"])
            assert place["note"] is None or isinstance(place["note"], int)
            assert isinstance(place["quote"], str) and len(re.sub(r"\W", "", place["quote"])) >= 12
        for corr in book["corrections"]:
            assert {"where", "printed", "reading", "why"} <= set(corr), (res["name"], corr)


@pytest.mark.parametrize("name", [n for n in NAMES if "quote" in load(n)])
def test_tables_with_provenance_per_row_have_it_on_every_row(name):
    frame = load(name)
    assert frame["chapter"].isin(list(CHAPTER_NAMES)).all()
    assert frame["section"].map(lambda s: bool(SECTION.match(s))).all()
    assert frame["quote"].str.replace(r"\W", "", regex=True).str.len().ge(12).all()


def test_tables_of_a_chapter_and_a_lesson():
    intro = tables(chapter="intro")
    assert {"intro_grain", "intro_trade_shares", "events", "glossary"} <= set(intro["name"])
    assert "glossary" in set(tables(lesson="00")["name"])
    assert {"p2c1_grain", "intro_grain"} & set(tables(lesson="04")["name"]) == {"p2c1_grain"}
    assert {"p4c3_notions", "p4c3_formulas", "p4c3_figures"} <= set(tables(chapter="4.3")["name"])


def test_the_package_says_which_lessons_read_each_table_as_recorded_when_they_ran():
    package = json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))
    lessons = {r["name"]: r["lessons"] for r in package["resources"]}
    read = execution.tables_read()
    assert lessons == {name: read.get(name, []) for name in lessons}
    assert "06" in lessons["intro_recovery"] and "01" in lessons["intro_recovery"]
    assert lessons["events"] == [x.number for x in __import__("nepcourse").registry.lessons()]


# ---- one value from a table -----------------------------------------------------------------


def test_value_returns_the_one_matching_cell_as_a_plain_number():
    harvest = value("intro_grain", series="harvest", period="1926–1927")
    assert harvest == 76.4 and type(harvest) is float and repr(harvest) == "76.4"
    assert value("glossary", "definition", term="Gosplan", origin="glossary") == "State Planning Commission"
    assert value(load("intro_grain"), series="harvest", period="1926–1927") == harvest


def test_value_reads_a_hyphen_as_the_books_dash_and_ignores_spaces():
    assert value("intro_grain", series=" harvest ", period="1926-1927") == 76.4


def test_value_says_which_values_there_are_when_nothing_matches():
    with pytest.raises(LookupProblem, match=r"no row of intro_grain has period='1926-28'.*'1926–1927'"):
        value("intro_grain", series="harvest", period="1926-28")
    with pytest.raises(LookupProblem, match=r"intro_grain has no column 'year'; its columns are"):
        value("intro_grain", year="1926")


def test_value_refuses_to_choose_among_several_rows():
    with pytest.raises(LookupProblem, match=r"rows of intro_grain match period='1926–1927': say which with series"):
        value("intro_grain", period="1926–1927")


# ---- the shared tables -----------------------------------------------------------------------


def test_events_are_one_row_each_with_consistent_dates():
    events = load("events")
    assert events["event_id"].is_unique
    assert (events["date_start"] <= events["date_end"]).all()
    assert set(events["category"]) <= set(data.metadata("events")["categories"])
    span = (events["date_end"] - events["date_start"]).dt.days
    by = events["precision"]
    years = events[by == "year"]
    assert (
        (years["date_start"].dt.strftime("%m-%d") == "01-01") & (years["date_end"].dt.strftime("%m-%d") == "12-31")
    ).all()
    months = events[by == "month"]
    assert ((months["date_start"].dt.day == 1) & months["date_end"].dt.is_month_end).all()
    assert span[by == "season"].le(184).all() and span[by == "month"].le(62).all()
    assert span[by == "economic year"].between(364, 365).all()
    assert (span[by == "day"].eq(0) | events.loc[by == "day", "date_printed"].str.contains(" to ")).all()


def test_glossary_keeps_the_books_33_entries_and_records_repairs():
    glossary = load("glossary")
    printed = glossary[glossary["origin"] == "glossary"]
    assert len(printed) == 33
    assert "Narkomtrud" in set(printed["term"])
    repaired = glossary[glossary["repair"].notna()]
    assert set(repaired["term"]) >= {"Narkomtrud", "Chervonets", "Glavk"}
    assert repaired["printed"].notna().all()
    package = json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))
    glossary_res = next(r for r in package["resources"] if r["name"] == "glossary")
    assert len(glossary_res["book"]["corrections"]) == len(repaired)


def test_death_rate_unit_is_corrected_and_recorded():
    social = load("intro_social_indicators")
    assert set(social.loc[social["indicator"] == "death_rate", "unit"]) == {"deaths per 1000 inhabitants"}
    corrections = data.metadata("intro_social_indicators")["book"]["corrections"]
    assert any("21.7 percent" in c["printed"] for c in corrections)


def test_shares_of_a_whole_never_exceed_100():
    trade = load("intro_trade_shares")
    assert (trade.groupby(["trade", "period"])["share"].sum() <= 100.05).all()
    assert load("intro_socialized_sector_1928")["share"].between(0, 100).all()


# ---- bad input: a clear message, naming the file, the row and the column ---------------------


def test_unknown_table_names_the_closest():
    with pytest.raises(UnknownTable) as err:
        load("intro_grian")
    assert "intro_grain" in str(err.value) and "tables()" in str(err.value)


@pytest.mark.parametrize("bad", [42, None, ["intro_grain"]])
def test_unknown_table_that_is_not_text(bad):
    with pytest.raises(UnknownTable, match="text in quotes"):
        load(bad)


def _rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_non_number_is_named_by_file_line_and_column(scratch_data):
    _rewrite(scratch_data / "intro_grain.csv", "74.5", "74.5x")
    with pytest.raises(DataError, match=r"intro_grain\.csv, line 3, column 'value': '74.5x' is not a number"):
        load("intro_grain")


def test_a_row_with_too_many_values(scratch_data):
    _rewrite(
        scratch_data / "intro_trade_shares.csv", "wholesale,1926–1927,state,50.2,", "wholesale,1926–1927,state,50,2,"
    )
    with pytest.raises(DataError, match=r"line 2: 6 values for 5 columns"):
        load("intro_trade_shares")


def test_a_renamed_column(scratch_data):
    _rewrite(scratch_data / "intro_grain.csv", "series,period", "serie,period")
    with pytest.raises(DataError, match=r"line 1 \(header\): missing column\(s\) series; unexpected column\(s\) serie"):
        load("intro_grain")


def test_a_value_outside_its_list(scratch_data):
    _rewrite(scratch_data / "intro_trade_shares.csv", "wholesale,1926–1927,private", "wholesale,1926–1927,kulak")
    with pytest.raises(DataError, match=r"column 'sector': 'kulak' is not one of the allowed values"):
        load("intro_trade_shares")


def test_a_repeated_row(scratch_data):
    path = scratch_data / "intro_socialized_sector_1928.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 6: the row repeats line 2"):
        load("intro_socialized_sector_1928")


def test_a_missing_required_value(scratch_data):
    path = scratch_data / "events.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    cells = next(csv.reader([rows[1]]))
    cells[header.index("category")] = ""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows([header, cells] + list(csv.reader(rows[2:])))
    with pytest.raises(DataError, match=r"events\.csv, line 2, column 'category': is empty"):
        load("events")


def test_a_missing_file(scratch_data):
    (scratch_data / "intro_grain.csv").unlink()
    with pytest.raises(DataError, match="the file is missing"):
        load("intro_grain")


def test_builder_refuses_bad_metadata_and_writes_nothing(scratch_data):
    before = (scratch_data / "datapackage.json").read_text(encoding="utf-8")
    meta_path = scratch_data / "intro_grain.meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["schema"]["fields"][0]["description"] = ""
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(DataError, match="has no description"):
        datapackage.write()
    assert (scratch_data / "datapackage.json").read_text(encoding="utf-8") == before


def test_builder_notices_an_edited_csv(scratch_data):
    _rewrite(scratch_data / "intro_grain.csv", "82.6", "82.7")
    assert datapackage.write(check_only=True)


def test_provenance_travels_with_the_table():
    grain = load("intro_grain")
    assert grain.attrs["units"]["value"] == "million metric tons"
    assert any(p["note"] == 14 for p in grain.attrs["book"]["places"])
    assert isinstance(grain, pd.DataFrame)


def test_a_tables_provenance_travels_read_only_and_uncopied():
    """pandas deep-copies ``attrs`` after every operation; the provenance is read-only so it is handed on as is."""
    grain = load("intro_grain")
    harvests = grain[grain["series"] == "harvest"].sort_values("period")
    assert harvests.attrs["book"] is grain.attrs["book"] and harvests.attrs["name"] == "intro_grain"
    with pytest.raises(TypeError, match="read-only"):
        grain.attrs["book"]["places"].append({})
    with pytest.raises(TypeError, match="read-only"):
        grain.attrs["units"]["value"] = "tons"
    assert dict(grain.attrs["units"]) == {**grain.attrs["units"]}  # a copy of one's own is an ordinary dict
