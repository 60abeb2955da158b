"""Instructor guides, one per lesson: ``docs/instructors/NN_slug.md``, written by ``make build``.

Generated from what the course already knows: the registry (number, title, chapters), the lesson notebook
(the book's place, the objectives, the sections, "Where historians disagree"), the worked worksheet (exercise
titles, seminar questions, model notes, rubric) and the self-check registry (each exercise's hint and the
likely wrong answers it recognizes, with what each reveals). The one part written by hand is the session plan:
a markdown cell of the worked worksheet tagged ``instructor-plan`` (and ``solution-only``, so students never
get it), with a 50-minute and a 90-minute plan as tables of timed blocks. The guides live in ``docs/``, which
the student edition does not carry.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from nepcourse import paths, registry
from nepcourse.checks import _registry

FOLDER = paths.ROOT / "docs" / "instructors"
PLAN_TAG = "instructor-plan"
#: The two plans every lesson has: the heading that opens each in the plan cell, and its length.
PLANS = {"50 minutes": 50, "90 minutes": 90}
EXERCISE = re.compile(r"^### Exercise (\d+\.\d+) — (.+)$", re.M)


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(cell: dict) -> str:
    return "".join(cell["source"])


def tagged(cell: dict, tag: str) -> bool:
    return tag in cell.get("metadata", {}).get("tags", [])


def relinked(markdown: str) -> str:
    """A notebook's links, pointed from docs/instructors/ instead of notebooks/ or solutions/."""
    markdown = markdown.replace("](../docs/", "](../").replace("](../README.md", "](../../README.md")
    return re.sub(r"\]\((?!https?:|#|\.\./)([^)]+\.ipynb)\)", r"](../../notebooks/\1)", markdown)


def plan_cell(lesson: registry.Lesson) -> str | None:
    found = [text(c) for c in cells(lesson.notebook("solutions")) if tagged(c, PLAN_TAG)]
    return found[0] if len(found) == 1 else None


def plan_minutes(plan: str) -> dict[str, list[int]]:
    """For each plan (by its heading), the minutes of its blocks: the first column of its table's rows."""
    found = {}
    for heading in PLANS:
        part = plan.split(f"**{heading}", 1)[1] if f"**{heading}" in plan else ""
        part = re.split(r"\n\*\*\d+ minutes", part, maxsplit=1)[0]
        found[heading] = [int(m) for m in re.findall(r"^\|\s*(\d+)\s*\|", part, flags=re.M)]
    return found


def plan_problems(lesson: registry.Lesson) -> list[str]:
    """Why a lesson's session plans are not usable (empty when they are)."""
    plan = plan_cell(lesson)
    if plan is None:
        return [f"solutions/{lesson.name}.ipynb needs exactly one markdown cell tagged {PLAN_TAG!r}"]
    problems = []
    for heading, minutes in plan_minutes(plan).items():
        if sum(minutes) != PLANS[heading]:
            problems.append(f"the {heading} plan's blocks add up to {sum(minutes)} minutes, not {PLANS[heading]}")
    labels = set(exercises(lesson))
    named = set(re.findall(r"\b(\d+\.\d+)\b", plan))
    for major, first, last in re.findall(r"\b(\d+)\.(\d+)\s*[–-]\s*\1\.(\d+)\b", plan):  # "0.1–0.3"
        named |= {f"{major}.{minor}" for minor in range(int(first), int(last) + 1)}
    if labels - named:
        problems.append(f"the plans do not say when exercises {', '.join(sorted(labels - named))} are done")
    unknown = {x for x in named if x.split(".")[0] == str(int(lesson.number))} - labels
    if unknown:
        problems.append(f"the plans name exercises the worksheet does not have: {', '.join(sorted(unknown))}")
    return problems


def exercises(lesson: registry.Lesson) -> dict[str, str]:
    """The worksheet's exercises, label → title, in order."""
    found = {}
    for cell in cells(lesson.notebook("solutions")):
        if cell["cell_type"] == "markdown":
            found.update(dict(EXERCISE.findall(text(cell))))
    return found


def lesson_parts(lesson: registry.Lesson) -> dict[str, object]:
    notebook = [text(c) for c in cells(lesson.notebook()) if c["cell_type"] == "markdown"]
    heading = next((t for t in notebook if t.startswith("# ")), "")
    book = re.search(r"^\*Book: (.+)\*$", heading, flags=re.M)
    objectives = re.search(r"\*\*After this lesson you will be able to\*\*\n((?:- .+\n?)+)", "\n".join(notebook))
    sections = [t.splitlines()[0][3:] for t in notebook if t.startswith("## ")]
    start = next((i for i, t in enumerate(notebook) if t.startswith("## Where historians disagree")), None)
    disagree = []
    for t in notebook[start:] if start is not None else []:
        if disagree and t.startswith("## "):
            break
        disagree.append(t)
    return {
        "book": book.group(1) if book else lesson.book(),
        "objectives": objectives.group(1).strip() if objectives else "",
        "sections": [s for s in sections if s not in ("Exercises and seminar questions",)],
        "disagree": "\n\n".join(disagree),
    }


def prompts(disagree: str) -> list[str]:
    """The disagreements of the lesson as discussion prompts: each bold-led paragraph or subheading, with the
    works it links."""
    found = []
    for paragraph in re.split(r"\n\s*\n", disagree):
        lead = re.match(r"\*\*(.+?)\*\*", paragraph.strip()) or re.match(r"### (.+)", paragraph.strip())
        if lead:
            works = sorted(set(re.findall(r"\[([^\]]+)\]\(\.\./docs/references\.md#", paragraph)))
            found.append(f"- **{lead.group(1).strip()}**" + (f" (works linked: {', '.join(works)})" if works else ""))
    return found


def seminar(lesson: registry.Lesson) -> list[str]:
    """The seminar questions, the model notes and the rubric, as the worked worksheet has them."""
    every = cells(lesson.notebook("solutions"))
    questions = [text(c) for c in every if text(c).lstrip().startswith("## Seminar questions")]
    notes = [text(c) for c in every if tagged(c, "solution-only") and text(c).startswith("**Model notes")]
    rubric = [text(c) for c in every if tagged(c, "solution-only") and text(c).startswith("**Rubric")]
    questions = [re.sub(r"^## Seminar questions\s*", "", q.lstrip()) for q in questions]
    return [relinked(t) for t in questions + notes + rubric]


def exercise_rows(lesson: registry.Lesson) -> list[str]:
    registered = _registry()
    rows = []
    for label, title in exercises(lesson).items():
        exercise = registered.get(label)
        if exercise is None:
            continue
        wrong = "<br>".join(f"• {m.message}" for m in exercise.mistakes) or "(none registered: the hint answers)"
        kind = {"figure": "draws a chart", "choice": "chooses", "count": "counts"}.get(exercise.kind, "computes")
        cell = "|".join(x.replace("|", "/").replace("\n", " ") for x in (label, title, kind, exercise.hint, wrong))
        rows.append(f"|{cell}|")
    return rows


def guide(lesson: registry.Lesson) -> str:
    parts = lesson_parts(lesson)
    plan = plan_cell(lesson) or ""
    plan = re.sub(r"^\*\*Session plans?\*\*\s*", "", plan.strip())
    lines = [
        f"# Instructor guide · {lesson.number} · {lesson.title}",
        "",
        "*Written by `make build` from the lesson, its worked worksheet and its self-checks (the session plans "
        f"are the cell tagged `{PLAN_TAG}` in the worked worksheet); do not edit by hand. Not in the student "
        "edition.*",
        "",
        f"Lesson: [notebooks/{lesson.name}.ipynb](../../notebooks/{lesson.name}.ipynb) · worksheet: "
        f"[exercises/{lesson.name}.ipynb](../../exercises/{lesson.name}.ipynb) · worked solutions: "
        f"[solutions/{lesson.name}.ipynb](../../solutions/{lesson.name}.ipynb)",
        "",
        "## What to assign",
        "",
        f"- **The book:** {parts['book'].rstrip('.')}.",
        "- **The lesson's sections** (project these; the book's sections in brackets):",
        *[f"  - {s}" for s in parts["sections"]],
        "",
        "## Objectives",
        "",
        parts["objectives"] or "(The lesson states none.)",
        "",
        "## Session plans",
        "",
        relinked(plan),
        "",
        "## The exercises, and what each wrong answer reveals",
        "",
        "What `check` recognizes: the hint it gives to any wrong answer, and the likely mistakes it names (each "
        "says what the student probably did).",
        "",
        "| exercise | title | the student | hint | likely wrong answers |",
        "|---|---|---|---|---|",
        *exercise_rows(lesson),
        "",
    ]
    found = prompts(parts["disagree"])
    if found:
        lines += ["## Where historians disagree: prompts for discussion", "", *found, ""]
    lines += ["## Seminar questions, model notes and rubric", "", *[p.strip() + "\n" for p in seminar(lesson)]]
    return "\n".join(lines).rstrip() + "\n"


def index() -> str:
    rows = [
        f"| {x.number} | [{x.title}]({x.name}.md) | {x.book()} |"
        for x in registry.lessons()
        if x.notebook("solutions").exists()
    ]
    return "\n".join(
        [
            "# Instructor guides",
            "",
            "One per lesson, written by `make build`: what to assign, objectives, a 50-minute and a 90-minute "
            "session plan, the likely wrong answers to each exercise and what they reveal, the historians' "
            "disagreements as discussion prompts, and the seminar questions with model notes and rubric. They "
            "are not in the student edition (`make student`).",
            "",
            "| # | Lesson | Book |",
            "|---|---|---|",
            *rows,
            "",
        ]
    )


def expected() -> dict[Path, str]:
    """Every guide file and what it should hold now."""
    found = {FOLDER / "README.md": index()}
    for lesson in registry.lessons():
        if lesson.notebook("solutions").exists():
            found[FOLDER / f"{lesson.name}.md"] = guide(lesson)
    return found


def write() -> list[Path]:
    """Write the guides that changed; returns them."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    written = []
    for path, content in expected().items():
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            written.append(path)
    return written
