"""A lesson's slides, from the structure of its notebook: nothing to tag by hand for a new lesson.

The rule, for a lecturer to project the lesson's argument and its charts:

* the lesson's ``#`` heading cell is the title slide (with its objectives);
* each ``##`` heading starts a slide (a column of reveal.js), showing the heading and its first paragraph;
  a ``###`` heading starts a sub-slide below it;
* each chart is a sub-slide of its section, the picture with its alt text;
* the other markdown (the rest of the argument, each chart's "Reading the chart") goes into the speaker
  notes of the slide it follows (``S`` in reveal.js opens them);
* code, tables, widgets (their still picture is a chart already), navigation and ``solution-only`` cells are
  left out.

A cell can override the rule with JupyterLab's own *Slide Type* (cell metadata ``slideshow.slide_type``: slide,
subslide, fragment, skip, notes, or ``-`` to add it to the slide before) or with a tag ``slides:TYPE``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..notebooks import NAV_TAG, SOLUTION_ONLY
from .convert import Cell


@dataclass
class Slide:
    content: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def heading(cell: Cell) -> int:
    """The level of the heading a markdown cell opens with (0: none)."""
    found = re.match(r"(#{1,6}) ", cell.source.lstrip()) if cell.kind == "markdown" else None
    return len(found.group(1)) if found else 0


def derived_type(cell: Cell) -> str:
    if cell.kind == "code":
        return "chart" if cell.charts else "skip"
    level = heading(cell)
    return {1: "title", 2: "slide", 3: "subslide"}.get(level, "notes")


VOID = {"br", "hr", "img", "input", "meta", "link", "col", "area", "source", "wbr"}


class Blocks(HTMLParser):
    """Where each top-level element of an HTML fragment starts (so a slide can take the first ones whole)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth, self.starts = 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.starts.append(self.position())
        if tag not in VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.depth = max(0, self.depth - 1)

    def position(self) -> int:
        line, column = self.getpos()
        return sum(len(x) for x in self.text.splitlines(keepends=True)[: line - 1]) + column


def lead_and_rest(fragment: str) -> tuple[str, str]:
    """A heading cell's HTML split after its heading and first block: what the slide shows, and the notes."""
    parser = Blocks()
    parser.text = fragment
    parser.feed(fragment)
    starts = parser.starts
    if len(starts) <= 2:
        return fragment, ""
    return fragment[: starts[2]].strip(), fragment[starts[2] :].strip()


def title_of(cell: Cell) -> str:
    return cell.source.lstrip().splitlines()[0].lstrip("#").strip()


class Deck:
    """Stacks of slides (reveal.js's columns; a stack of several is a slide with sub-slides below it)."""

    def __init__(self, picture):
        self.stacks: list[list[Slide]] = []
        self.picture = picture  # Output -> <img> HTML
        self.section = ""

    def start(self, new_stack: bool) -> Slide:
        if new_stack or not self.stacks:
            self.stacks.append([])
        slide = Slide()
        self.stacks[-1].append(slide)
        return slide

    @property
    def current(self) -> Slide:
        return self.stacks[-1][-1] if self.stacks else self.start(True)

    def add(self, cell: Cell) -> None:
        if NAV_TAG in cell.tags or SOLUTION_ONLY in cell.tags:
            return
        kind = cell.slide_type or derived_type(cell)
        if kind == "skip":
            return
        if heading(cell):
            self.section = title_of(cell)
        if cell.kind == "code":
            self.add_charts(cell, kind)
        elif kind in ("title", "slide", "subslide"):
            slide = self.start(new_stack=kind != "subslide")
            lead, rest = (cell.html, "") if kind == "title" or cell.slide_type else lead_and_rest(cell.html)
            slide.content.append(lead)
            if rest:
                slide.notes.append(rest)
        elif kind == "-":
            self.current.content.append(cell.html)
        elif kind == "fragment":
            self.current.content.append(f'<div class="fragment">{cell.html}</div>')
        else:
            self.current.notes.append(cell.html)

    def add_charts(self, cell: Cell, kind: str) -> None:
        for i, chart in enumerate(cell.charts):
            if kind in ("-", "fragment") and i == 0:
                slide = self.current
            else:
                slide = self.start(new_stack=kind == "slide" and i == 0)
            context = f'<p class="slide-context">{html.escape(self.section)}</p>' if self.section else ""
            slide.content.append(context + self.picture(chart))


def deck(cells: list[Cell], picture) -> list[list[Slide]]:
    made = Deck(picture)
    for cell in cells:
        made.add(cell)
    return made.stacks
