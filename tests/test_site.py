"""The course as a website, slides and handouts (``make site``, tools/site/): built once for this module from
the stored notebooks, then checked by property over every lesson of the registry, every page and every
picture.

Cheap checks read the HTML (every lesson's pages, decks and handouts exist in both builds; every picture has its
file and a description; every link between pages resolves, anchors included; nothing is loaded from outside the
site; the student build holds nothing the student edition may not; every chart is on a slide and in the
handout; every table has its page with its provenance and CSV; every picture is a real PNG). Then one
Chromium opens in frames, a few at a time, every deck of the instructor build and one page of each kind that
shows pictures (the student build's pages are the same templates with fewer sentences, checked statically), from
a local server as the README serves the site, and checks what a reader sees: every picture loaded, with its
description, each deck started by reveal.js, no JavaScript error and no request off the machine. One handout,
the lesson with the most charts, is printed to PDF and must hold one picture per chart.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_browser import CHROMIUM_ARGS, off_the_machine, require_browser, skip_or_fail, undescribed

from nepcourse import paths, registry
from nepcourse.plotting import STAND_IN_PNG, stored_picture
from tools.site import build, convert, decks, handouts

LESSONS = registry.lessons()
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


TAG = re.compile(r"<(/?)(img|a|link|script|aside|iframe|source|video|audio)\b([^>]*)>", re.I)
ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
ID = re.compile(r'\sid="([^"]*)"')


class Page:
    """What a page holds that the checks need: pictures (and those on slides, outside the speaker notes), links,
    what it loads, its scripts and its ids. Read with regular expressions: the build writes every attribute in
    double quotes, and an HTML parser costs five times as much over the three hundred pages."""

    def __init__(self, text: str):
        self.images, self.slide_images, self.links, self.loads, self.scripts = [], [], [], [], []
        self.ids = {html.unescape(x) for x in ID.findall(text)}
        notes = 0
        for closing, tag, attributes in TAG.findall(text):
            tag = tag.lower()
            a = {k: html.unescape(v) for k, v in ATTRIBUTE.findall(attributes)}
            if tag == "aside" and (closing or "notes" in a.get("class", "")):
                notes += -1 if closing else 1
            if closing:
                continue
            if tag == "img":
                self.images.append((a.get("src"), a.get("alt")))
                if not notes:
                    self.slide_images.append(a.get("src"))
            if tag == "a" and "href" in a:
                self.links.append(a["href"])
            if tag == "script":
                self.scripts.append(a.get("src"))
            if a.get("src") or (tag == "link" and a.get("href")):
                self.loads.append(a.get("src") or a["href"])


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """Both builds, without PDFs (one is printed below); the conversions come from build/site-cache/ when the
    notebooks have not changed since the last build."""
    if not (build.REVEAL / "package.json").exists():
        skip_or_fail(f"reveal.js is not installed in {paths.relative(build.REVEAL)}: run `make site` or `make test`")
    target = tmp_path_factory.mktemp("site")
    clock = time.monotonic()
    build.build(target, pdf=False)
    print(f"built both sites in {time.monotonic() - clock:.1f} s")
    return {edition: target / edition for edition in build.EDITIONS}


@pytest.fixture(scope="module")
def parsed(sites) -> dict[Path, Page]:
    return {path: Page(path.read_text(encoding="utf-8")) for site in sites.values() for path in site.rglob("*.html")}


def lesson_pages(edition: str) -> list[str]:
    """The pages every lesson has in a build."""
    folders = ["lessons", "worksheets", "slides", "handouts"] + (
        ["solutions", "guides"] if edition == "instructor" else []
    )
    return [f"{folder}/{x.name}.html" for x in LESSONS for folder in folders]


def chart_pictures(lesson: registry.Lesson) -> list[str]:
    """The file names the build gives the lesson's stored charts (named by their content)."""
    content = json.loads(lesson.notebook().read_text(encoding="utf-8"))
    pictures = [stored_picture(out) for cell in content["cells"] for out in cell.get("outputs", [])]
    return [hashlib.sha256(picture[0]).hexdigest()[:20] + ".png" for picture in pictures if picture]


def test_every_lesson_of_the_registry_is_in_both_builds(sites, parsed):
    for edition, site in sites.items():
        index = parsed[site / "index.html"]
        missing = [page for page in lesson_pages(edition) if not (site / page).exists()]
        assert not missing, f"the {edition} build lacks {missing[:5]}"
        unlisted = [x.name for x in LESSONS if f"lessons/{x.name}.html" not in index.links]
        assert not unlisted, f"the {edition} build's lesson table lacks {unlisted}"
        assert f"slides/{LESSONS[-1].name}.html" in index.links


def test_the_student_build_holds_no_solutions_guides_or_pointers_to_them(sites):
    assert build.problems(sites["student"]) == []
    assert not (sites["student"] / "solutions").exists() and not (sites["student"] / "guides").exists()
    assert build.problems(sites["instructor"]), "the check finds nothing even where solutions are"


def png_size(path: Path) -> tuple[int, int] | None:
    """A PNG file's width and height, from its header; None when it is not a PNG."""
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def test_png_size_can_fail(tmp_path):
    (tmp_path / "a.png").write_bytes(STAND_IN_PNG)
    (tmp_path / "b.png").write_bytes(b"<html>not a picture</html>")
    assert png_size(tmp_path / "a.png") == (1, 1) and png_size(tmp_path / "b.png") is None


def test_every_picture_has_its_file_and_a_description(parsed):
    files = set()
    for path, page in parsed.items():
        assert not undescribed([alt for _, alt in page.images]), f"{path.name}: a picture without a description"
        inline = [src[:40] for src, _ in page.images if (src or "").startswith("data:")]
        assert not inline, f"{path}: pictures inline in the page instead of files: {inline[:3]}"
        missing = [src for src, _ in page.images if not (path.parent / src).is_file()]
        assert not missing, f"{path}: pictures missing {missing[:3]}"
        files |= {(path.parent / src).resolve() for src, _ in page.images}
    for file in files:  # the stored charts are real pictures (the suite's own kernels draw 1×1 stand-ins)
        size = png_size(file)
        assert size and min(size) > 100, f"{file.name} is not a picture a reader could see: {size}"


def test_every_link_between_pages_resolves(parsed):
    for path, page in parsed.items():
        for href in page.links:
            if EXTERNAL.match(href):
                continue
            target, _, anchor = href.partition("#")
            where = (path.parent / target).resolve() if target else path
            assert where.is_file(), f"{path}: the link {href!r} leads nowhere"
            if anchor and where.suffix == ".html" and "slides" not in where.parts:
                assert anchor in parsed[where].ids, f"{path}: the link {href!r} names no place in its page"


def test_nothing_is_loaded_from_outside_the_site(parsed, sites):
    for path, page in parsed.items():
        outside = [src for src in page.loads if EXTERNAL.match(src) and not src.startswith("data:")]
        assert not outside, f"{path}: loads {outside[:3]}"
        missing = [src for src in page.loads if not EXTERNAL.match(src) and not (path.parent / src).is_file()]
        assert not missing, f"{path}: loads what the site does not hold: {missing[:3]}"
    for site in sites.values():
        for css in site.rglob("*.css"):
            text = css.read_text(encoding="utf-8")
            assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text), f"{css} loads something from outside"
        for page in site.rglob("*.html"):
            assert not re.search(r"require\.js|mathjax", page.read_text(encoding="utf-8"), re.I), page


def test_every_chart_of_a_lesson_is_on_its_slides_and_in_its_handout(sites, parsed):
    for lesson in LESSONS:
        charts = chart_pictures(lesson)
        assert charts, f"{lesson.name} draws no chart"
        deck = parsed[sites["student"] / "slides" / f"{lesson.name}.html"]
        shown = [Path(src).name for src in deck.slide_images]
        assert sorted(shown) == sorted(charts), f"{lesson.name}: the slides show {len(shown)} of {len(charts)} charts"
        handout = parsed[sites["student"] / "handouts" / f"{lesson.name}.html"]
        assert sorted(Path(src).name for src, _ in handout.images) == sorted(charts), lesson.name
        assert not re.search(
            r'class="(cell-code|highlight)"', (sites["student"] / "handouts" / f"{lesson.name}.html").read_text()
        )


def test_every_table_has_its_page_with_its_provenance_and_csv(sites, parsed):
    package = json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        name = resource["name"]
        page = sites["student"] / "data" / f"{name}.html"
        assert page.exists(), f"no page for the table {name}"
        assert f"{name}.csv" in parsed[page].links
        assert (page.parent / f"{name}.csv").read_bytes() == (paths.DATA / f"{name}.csv").read_bytes()
        places = resource.get("book", {}).get("places")
        if isinstance(places, list) and places:
            assert html.escape(places[0]["quote"], quote=False) in page.read_text(encoding="utf-8"), name


def chart_cell(mark: bytes, tags=(), slide_type=None) -> dict:
    """A code cell as a notebook stores a chart: its PNG (made distinct by ``mark``) and its alt text."""
    png = base64.b64encode(STAND_IN_PNG + mark).decode()
    metadata = {"tags": list(tags), **({"slideshow": {"slide_type": slide_type}} if slide_type else {})}
    output = {
        "output_type": "execute_result",
        "data": {"text/html": f'<img alt="Chart {mark.decode()}" src="data:image/png;base64,{png}">'},
    }
    return {"cell_type": "code", "source": "x()", "metadata": metadata, "outputs": [output]}


def markdown_cell(source: str, slide_type=None) -> dict:
    return {
        "cell_type": "markdown",
        "source": source,
        "metadata": {"slideshow": {"slide_type": slide_type}} if slide_type else {},
    }


def test_the_slides_follow_the_structure_and_the_cells_overrides():
    cells = [
        markdown_cell("# Title"),
        markdown_cell("## A section"),
        chart_cell(b"a"),
        markdown_cell("**Reading the chart.** It rises."),
        chart_cell(b"b", slide_type="skip"),
        chart_cell(b"c", tags=["slides:slide"]),
        markdown_cell("Shown on the slide", slide_type="-"),
    ]
    stacks = decks.deck(convert.convert({"cells": cells}), lambda output: f"<img alt='{output.alt}'>")
    shapes = [["|".join(s.content).count("<img") for s in stack] for stack in stacks]
    assert shapes == [[0], [0, 1], [1]], shapes
    assert "Chart a" in stacks[1][1].content[0] and "Reading the chart" in stacks[1][1].notes[0]
    assert "Chart c" in stacks[2][0].content[0] and "Shown on the slide" in stacks[2][0].content[1]
    assert "Chart b" not in repr(stacks)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server(sites):
    """The builds served from this machine, as the README says (python -m http.server)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(sites["student"].parent)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(handouts.CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


#: Opens the pages in frames of one page, a few at a time, and reports what each shows: every picture (its src,
#: its alt, whether it loaded) and, for a deck, how many slides reveal.js made of it.
OPEN_ALL = """async ([urls, batch]) => {
  const seen = [];
  const open = url => new Promise(resolve => {
    const frame = document.createElement('iframe');
    frame.style.width = '1280px'; frame.style.height = '800px';
    frame.onload = async () => {
      const w = frame.contentWindow, d = frame.contentDocument;
      let slides = null;
      if (w.Reveal) {
        for (let k = 0; k < 200 && !w.Reveal.isReady(); k++) await new Promise(r => setTimeout(r, 25));
        slides = w.Reveal.isReady() ? w.Reveal.getTotalSlides() : 0;
      }
      const images = [...d.images].map(
        i => [i.getAttribute('src'), i.getAttribute('alt'), i.complete && i.naturalWidth > 0]);
      seen.push({url, images, slides, deck: d.querySelector('.reveal') !== null});
      frame.remove();
      resolve();
    };
    frame.src = url;
    document.body.appendChild(frame);
  });
  for (let i = 0; i < urls.length; i += batch) await Promise.all(urls.slice(i, i + batch).map(open));
  return seen;
}"""


def pages_for_the_browser(site: Path, parsed: dict[Path, Page]) -> list[Path]:
    """Every page of a build that runs a script (each lesson's deck), and of each other kind of page that shows
    pictures (lesson, worksheet, solutions, handout), the first: a page without scripts can raise no JavaScript
    error, its pictures are the files a deck shows or files checked above (present, real PNGs, described), and
    every page of a kind is the same template. Opening all 69 took 8 s of the suite's 90."""
    chosen, kinds = [], set()
    for path in sorted(parsed):
        page = parsed[path]
        if site not in path.parents or not (page.images or page.scripts):
            continue
        kind = path.relative_to(site).parts[0] if len(path.relative_to(site).parts) > 1 else path.name
        if page.scripts or kind not in kinds:
            chosen.append(path)
            kinds.add(kind)
    return chosen


def test_a_reader_opens_every_deck_and_every_kind_of_page(sites, parsed, server, browser):
    """In a real browser: every deck, the index and one page of each kind that shows pictures (see
    ``pages_for_the_browser``)."""
    site = sites["instructor"]
    chosen = pages_for_the_browser(site, parsed)
    kinds = {p.relative_to(site).parts[0] for p in chosen}
    assert kinds >= {"slides", "lessons", "worksheets", "solutions", "handouts"}, kinds
    urls = [f"{server}/student/index.html"] + [
        f"{server}/{site.name}/{path.relative_to(site).as_posix()}" for path in chosen
    ]
    assert len(urls) > len(LESSONS), urls
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    requests, errors = [], []
    context.on("request", lambda request: requests.append(request.url))
    first, second = context.new_page(), context.new_page()  # two renderer processes, one for each core
    for page in (first, second):
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{server}/")
    clock = time.monotonic()
    second.evaluate(f"urls => {{ window.seen = ({OPEN_ALL})([urls, 4]); }}", urls[1::2])  # runs on meanwhile
    seen = first.evaluate(OPEN_ALL, [urls[::2], 4]) + second.evaluate("() => window.seen")
    context.close()
    assert sorted(x["url"] for x in seen) == sorted(urls)
    for opened in seen:
        url, images = opened["url"], opened["images"]
        assert all(loaded for _, _, loaded in images), (
            f"{url}: a picture is not shown: {[x[0] for x in images if not x[2]][:2]}"
        )
        assert not undescribed([alt for _, alt, _ in images]), f"{url}: a picture without a description"
        if opened["deck"]:
            assert opened["slides"] and opened["slides"] > 1, f"{url}: reveal.js made no slides"
    assert sum(x["deck"] for x in seen) == len(LESSONS)
    assert not errors, f"JavaScript errors: {errors[:3]}"
    assert not off_the_machine(requests), f"requests off the machine: {off_the_machine(requests)[:3]}"
    print(f"opened {len(seen)} pages and decks in {time.monotonic() - clock:.1f} s")


def pictures_in_pdf(pdf: bytes) -> int:
    """The pictures a PDF draws: its image objects, less the transparency masks that belong to them."""
    return len(re.findall(rb"/Subtype\s*/Image", pdf)) - len(re.findall(rb"/SMask\s+\d+ \d+ R", pdf))


def test_a_handout_prints_to_pdf_with_one_picture_per_chart(sites, browser, tmp_path):
    require_browser()
    lesson = max(LESSONS, key=lambda x: len(chart_pictures(x)))
    source = sites["student"] / "handouts" / f"{lesson.name}.html"
    pdf = tmp_path / f"{lesson.name}.pdf"
    refused = handouts.print_one(browser, source, pdf)
    assert not refused, f"the handout asked for {refused[:3]}"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pictures_in_pdf(pdf.read_bytes()) == len(chart_pictures(lesson)), lesson.name
