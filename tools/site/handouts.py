"""A lesson's printable handout: its argument and its charts, without code, printed to PDF by Chromium.

The handout keeps every markdown cell of the lesson (the objectives, the argument, each chart's reading, the
disagreements) and every chart, each once, with its alt text; it leaves out the code, the tables the code
prints and the widgets (their still picture is a chart, so it is there). It ends with the worksheet's seminar
questions. Headless Chromium (Debian's, as the browser test uses, driven by Playwright) prints it to A4 from
the file itself; any request that is not for a file of the site is refused and fails the build. PDFs are
cached by the handout's content, so an unchanged lesson is not printed again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from ..notebooks import NAV_TAG, SOLUTION_ONLY
from .convert import CACHE, USED, Cell

CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
QUESTIONS = "## Seminar questions"


def body(cells: list[Cell], worksheet: list[Cell], picture) -> str:
    parts = []
    for cell in cells:
        if NAV_TAG in cell.tags or SOLUTION_ONLY in cell.tags:
            continue
        if cell.kind == "markdown":
            parts.append(cell.html)
        for chart in cell.charts:
            parts.append(f"<figure>{picture(chart)}</figure>")
    questions = [c.html for c in worksheet if c.kind == "markdown" and c.source.lstrip().startswith(QUESTIONS)]
    if questions:
        parts.append('<section class="questions">' + "\n".join(questions) + "</section>")
    return "\n".join(parts)


def why_not_print() -> str | None:
    """Why the handouts cannot be printed to PDF here (None: they can)."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (sudo apt-get install chromium, or set COURSE_CHROMIUM)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (make site installs requirements/dev.txt)"
    return None


def can_print() -> bool:
    return why_not_print() is None


def cache_key(handout: str) -> str:
    css = (Path(__file__).parent / "assets" / "handout.css").read_bytes()
    return hashlib.sha256(handout.encode() + css).hexdigest()[:24]


def print_one(browser, source: Path, target: Path) -> list[str]:
    """Print one handout page to ``target`` with a Playwright browser; returns the requests it refused (any
    that is not for a file: there should be none)."""
    refused = []
    context = browser.new_context()

    def guard(route):
        if route.request.url.startswith("file://"):
            return route.continue_()
        refused.append(route.request.url)
        return route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.goto(source.as_uri(), wait_until="load")
    target.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(
        path=str(target),
        format="A4",
        print_background=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template='<div style="font-size:8px;width:100%;text-align:center">'
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
        margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
    )
    context.close()
    return refused


def print_pdfs(handouts: dict[Path, str], stats: dict) -> None:
    """Write ``NAME.pdf`` beside each handout page (from the cache when that handout was printed before)."""
    todo = {}
    for page, text in handouts.items():
        cached = CACHE / "pdf" / f"{cache_key(text)}.pdf"
        USED.add(cached)
        if cached.exists():
            shutil.copy2(cached, page.with_suffix(".pdf"))
            stats["pdf_cached"] = stats.get("pdf_cached", 0) + 1
        else:
            todo[page] = cached
    if not todo:
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            for source, cached in todo.items():
                scratch = cached.with_suffix(".printing")
                refused = print_one(browser, source, scratch)
                if refused:
                    raise RuntimeError(f"the handout {source.name} asked for something outside the site: {refused[:3]}")
                scratch.rename(cached)
                shutil.copy2(cached, source.with_suffix(".pdf"))
                stats["printed"] = stats.get("printed", 0) + 1
        finally:
            browser.close()
