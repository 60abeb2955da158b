"""Tables beside the book: the Maddison estimate is held to its own contract (file, sha256, sheet, rows,
citations, script), never given places in the book, credited to its own sources on every chart; the tool that
takes it from the workbook refuses a workbook it does not expect and then writes nothing; and the chart that sets
it beside the book's recovery figures draws what the CSV files hold.

The workbook itself is not here (students do not have it): the tool is tested on small workbooks built from
the committed CSV."""

import csv
import json
import zipfile
from xml.sax.saxutils import escape

import pytest
from csvdata import approx, rows, value

from nepcourse import DataError, data, load, paths, source_line
from nepcourse.lessons import introduction
from nepcourse.plotting import source_of
from tools import datapackage, external

NAME = external.NAME
EXTERNAL = [n for n in data.table_names() if data.external(n)]


def test_the_maddison_table_is_external_and_credited_to_its_own_sources():
    assert NAME in EXTERNAL
    line = source_line(NAME)
    assert line.startswith("Source: Maddison Project Database 2020 (Bolt and van Zanden 2020)")
    assert "Bettelheim" not in line
    for work in data.metadata(NAME)["external"]["citations"]:
        assert work["short"] in line


@pytest.mark.parametrize("name", EXTERNAL)
def test_an_external_table_is_never_given_places_in_the_book(name):
    assert "book" not in data.metadata(name)
    assert data.book_places(name) == [] and data.chapters_of(name) == []
    assert load(name).attrs["external"]["script"] == external.SCRIPT
    package = json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == name)
    assert "book" not in resource and resource["external"] == data.external(name)
    assert resource["sources"][0]["title"] == data.external(name)["citations"][0]["full"]


def test_the_table_holds_the_rows_its_metadata_names():
    source = data.external(NAME)
    years = [int(r["year"]) for r in rows(NAME)]
    assert years == list(range(external.FIRST, external.LAST + 1))
    first, last = (int(x) for x in source["rows"].split(" ")[0].split("–"))
    assert last - first + 1 == len(years)
    assert {int(r["year"]) for r in rows(NAME) if r["population"]} == external.POPULATION_YEARS
    # what the description says of Markevich and Harrison's finding holds in the figures
    assert value(NAME, "gdp_per_head", year="1928") < value(NAME, "gdp_per_head", year="1913")


# ---- the builder holds external tables to their own contract -----------------------------------


def _edit_meta(folder, change):
    path = folder / f"{NAME}.meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    change(meta)
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda m: m["external"].pop("sha256"), "external lacks sha256"),
        (lambda m: m["external"].update(sha256="not-a-hash"), "is not a sha256"),
        (lambda m: m["external"].update(script="tools/nowhere.py"), "is not a file of this repository"),
        (lambda m: m["external"].update(citations=[{"years": "1913"}]), "each of external.citations needs"),
        (lambda m: m["external"].update(licence="all rights reserved"), "is not one of"),
        (lambda m: m.update(book={"places": [], "printed_as": "table"}), "not both"),
    ],
)
def test_the_builder_refuses_an_external_table_that_breaks_its_contract(scratch_data, change, message):
    before = (scratch_data / "datapackage.json").read_text(encoding="utf-8")
    _edit_meta(scratch_data, change)
    with pytest.raises(DataError, match=message):
        datapackage.write()
    assert (scratch_data / "datapackage.json").read_text(encoding="utf-8") == before


# ---- tools/external.py on small workbooks --------------------------------------------------------


def workbook(path, records, sheet="Full data"):
    """A minimal .xlsx: one sheet of `records` (lists of cell texts; numbers as numbers) plus a Notes sheet."""
    strings, xml_rows = [], []
    for number, record in enumerate(records, start=1):
        cells = []
        for column, cell in zip("ABCDE", record):
            if cell is None:
                continue
            ref = f"{column}{number}"
            if isinstance(cell, str) and not cell.replace(".", "", 1).isdigit():
                strings.append(cell)
                cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{cell}</v></c>')
        xml_rows.append(f'<row r="{number}">{"".join(cells)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Notes" sheetId="1" r:id="rId1"/>'
            f'<sheet name="{sheet}" sheetId="2" r:id="rId2"/></sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>',
        )
        book.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}"><sheetData/></worksheet>')
        book.writestr(
            "xl/worksheets/sheet2.xml",
            f'<worksheet xmlns="{main}"><sheetData>{"".join(xml_rows)}</sheetData></worksheet>',
        )
        items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        book.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{items}</sst>')
    return path


def soviet_records(skip=None, change=None):
    """The workbook's rows as the committed CSV holds them, among another country's, in the sheet's layout."""
    records = [external.HEADER, ["AFG", "Afghanistan", "1913", "1000", None]]
    for r in rows(NAME):
        if r["year"] == skip:
            continue
        record = ["SUN", "Former USSR", r["year"], r["gdp_per_head"], r["population"] or None]
        records.append(change(record) if change and r["year"] == "1925" else record)
    return records


def test_the_tool_takes_exactly_the_committed_rows_from_a_workbook_that_holds_them(tmp_path):
    book = workbook(tmp_path / "mpd.xlsx", soviet_records())
    written = external.write(book, tmp_path, expected_sha256=external.sha256(book))
    assert [p.name for p in written] == [f"{NAME}.csv", f"{NAME}.meta.json"]
    assert (tmp_path / f"{NAME}.csv").read_text(encoding="utf-8") == (paths.DATA / f"{NAME}.csv").read_text(
        encoding="utf-8"
    )
    meta = json.loads((tmp_path / f"{NAME}.meta.json").read_text(encoding="utf-8"))
    assert meta["external"]["sha256"] == external.sha256(book) and meta["external"]["rows"].startswith("3–24 ")
    committed = data.metadata(NAME)
    assert {k: v for k, v in meta["external"].items() if k not in ("sha256", "rows")} == {
        k: v for k, v in committed["external"].items() if k not in ("sha256", "rows")
    }
    assert meta["schema"] == committed["schema"]


@pytest.mark.parametrize(
    "records, expected, message",
    [
        (soviet_records(), "0" * 64, "sha256 .* not the 0000"),
        (soviet_records(skip="1925"), None, "no SUN row for 1925"),
        (soviet_records(change=lambda r: r[:3] + ["n/a", r[4]]), None, r"row \d+ \(SUN 1925\), gdppc: 'n/a' is not"),
        (soviet_records(change=lambda r: r[:4] + [None]), None, "population missing"),
        (soviet_records(change=lambda r: r[:2] + ["1928"] + r[3:]), None, "the year appears twice"),
        ([["countrycode", "country", "year", "gdppc"]], None, "header"),
    ],
)
def test_the_tool_refuses_a_workbook_it_does_not_expect_and_writes_nothing(tmp_path, records, expected, message):
    book = workbook(tmp_path / "mpd.xlsx", records)
    with pytest.raises(external.ExternalError, match=message):
        external.write(book, tmp_path, expected_sha256=expected or external.sha256(book))
    assert not list(tmp_path.glob(f"{NAME}*"))


def test_the_tool_says_where_the_workbook_should_be_and_names_the_sheets(tmp_path, capsys):
    assert external.main(["--source", str(tmp_path / "missing.xlsx")]) == 1
    assert "Only maintainers have the workbook" in capsys.readouterr().err
    book = workbook(tmp_path / "mpd.xlsx", soviet_records(), sheet="Data")
    with pytest.raises(external.ExternalError, match="no sheet 'Full data' .*Notes, Data"):
        external.extract(book, external.sha256(book))


# ---- the chart that sets it beside the book --------------------------------------------------------


@pytest.mark.covers("introduction.maddison_chart")
def test_maddison_chart_sets_gdp_per_head_beside_the_books_recovery():
    fig = introduction.maddison_chart()
    ax = fig.axes[0]
    gdp = {int(r["year"]): float(r["gdp_per_head"]) for r in rows(NAME)}
    line = ax.lines[0]
    assert list(line.get_ydata()) == approx([gdp[y] / gdp[1913] * 100 for y in range(1913, 1931)])
    assert [str(d)[:10] for d in line.get_xdata()] == [f"{y}-07-01" for y in range(1913, 1931)]
    population = 1 + value("intro_recovery", indicator="population", base_period="1913", measure="percent_change") / 100
    totals = [
        100 + value("intro_recovery", indicator=i, period="1926–1927", base_period=b, measure="percent_change")
        for i, b in (("agricultural_production", "1913"), ("industrial_production", "prewar"))
    ]
    book = [float(y) for points in ax.lines[1:5] for y in points.get_ydata()]
    assert book == approx([totals[0], totals[0] / population, totals[1], totals[1] / population])
    assert all(str(d)[:10] == "1927-04-01" for points in ax.lines[1:5] for d in points.get_xdata())
    assert list(ax.lines[5].get_ydata()) == [100, 100]
    assert "Percent of the 1913 level" in ax.get_ylabel()
    source = source_of(fig)
    assert source.startswith("Source: Bettelheim") and "Beside the book: Maddison Project Database 2020" in source
    assert all(work["short"] in source for work in data.external(NAME)["citations"])
    assert source.index("intro_recovery") > source.index("Beside the book")


def test_the_csv_module_and_the_package_read_the_same_table():
    with open(paths.DATA / f"{NAME}.csv", newline="", encoding="utf-8") as fh:
        raw = list(csv.DictReader(fh))
    frame = load(NAME)
    assert [float(r["gdp_per_head"]) for r in raw] == list(frame["gdp_per_head"])
