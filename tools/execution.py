"""Executing the course's notebooks, and knowing when their stored outputs are stale.

A notebook's stored outputs depend on its code cells, the helper package's core (``src/nepcourse/*.py``
and the style), its lesson's entry in the registry, the lesson modules it imported and the tables it
read. The last two are *recorded when it runs*: a probe cell appended for the run (and removed before
saving) reports ``nepcourse.data.READS`` and the lesson modules in ``sys.modules``. For the shared tables
(events, glossary, claims…; ``"shared": true`` in their metadata) only the rows of the lesson's own
chapters count, and a table that was only loaded (not described) counts without its free-text
descriptions. Lesson 00 (``reads_shared_whole``) counts the shared tables whole.

The hashes are stored in the notebook's metadata (``course.inputs``), so ``stale_reasons`` can say what
changed. Markdown never makes a notebook stale: it has no outputs.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from nepcourse import data, paths, registry

PROBE = (
    "import json as _j, sys as _s\nfrom nepcourse import data as _d\n"
    "print(_j.dumps({'reads': _d.READS, 'modules': sorted(m for m in _s.modules "
    "if m.startswith('nepcourse.lessons.'))}))"
)


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:16]


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def code_hash(nb: dict) -> str:
    """Of a notebook as nbformat reads it, or as its JSON (``_read_record``)."""
    return _digest(*[_source(c) for c in nb["cells"] if c["cell_type"] == "code"])


def _read_record(path: Path) -> tuple[dict, dict | None]:
    """A stored notebook's JSON and its ``course.inputs`` record. Plain JSON, not ``nbformat.read``: checking
    staleness needs only the code cells and the metadata, and validating a notebook of a megabyte against the
    schema took three times as long as reading it (the suite checks every notebook's staleness several times)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    record = nb.get("metadata", {}).get("course", {}).get("inputs")
    return nb, record if isinstance(record, dict) else None


def core_files() -> list[Path]:
    package = Path(data.__file__).resolve().parent
    return sorted([*package.glob("*.py"), *package.glob("*.mplstyle")])


def core_hash() -> str:
    return _digest(*[p.name.encode() + b"\0" + p.read_bytes() for p in core_files()])


def module_hash(module: str) -> str:
    path = Path(data.__file__).resolve().parent.joinpath(*module.split(".")[1:]).with_suffix(".py")
    return _digest(path.read_bytes()) if path.exists() else "missing"


def _without_descriptions(node):
    if isinstance(node, dict):
        return {k: _without_descriptions(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [_without_descriptions(v) for v in node]
    return node


_listings: dict[tuple[str, str], str] = {}


def listing(key: str) -> str:
    """The listing a recorded ``tables(...)`` call shows today, as text (metadata read afresh; a listing is kept
    while the registry and the data files' contents are the same)."""
    from nepcourse import data

    files = sorted([*paths.DATA.glob("*.meta.json"), *paths.DATA.glob("*.csv")])
    state = _digest(repr(registry.lessons()), *[p.name.encode() + b"\0" + p.read_bytes() for p in files])
    if (key, state) not in _listings:
        found = re.fullmatch(r"tables\((chapter|lesson)=(.*)\)", key)
        data._metadata.cache_clear()
        value = None if found.group(2) == "None" else found.group(2).strip("'")
        _listings[key, state] = data.tables(**{found.group(1): value}).to_json()
    return _listings[key, state]


def table_hash(name: str, level: str, lesson: registry.Lesson) -> str:
    """What of a table a lesson's outputs depend on: the whole file, or for a shared table the rows of the
    lesson's chapters; its metadata, without descriptions unless the notebook printed them."""
    if level == "listing":  # a call of tables(...): the listing it printed
        return _digest(listing(name))
    meta_path, csv_path = paths.DATA / f"{name}.meta.json", paths.DATA / f"{name}.csv"
    if not meta_path.exists() or not csv_path.exists():
        return "missing"
    chapters = None if lesson.reads_shared_whole else tuple(lesson.chapters)
    return _table_digest(level, chapters, meta_path.read_text(encoding="utf-8"), csv_path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1024)
def _table_digest(level: str, chapters: tuple[str, ...] | None, meta_file: str, csv_file: str) -> str:
    """table_hash of a table's two files as read (kept by their contents: a lesson's three notebooks, and every
    check of the same files, read the same tables; parsing them was most of a staleness check)."""
    meta = json.loads(meta_file)
    meta_text = json.dumps(meta if level == "text" else _without_descriptions(meta), sort_keys=True)
    text = csv_file
    if meta.get("shared") and chapters is not None:
        rows = list(csv.reader(io.StringIO(text)))
        column = rows[0].index("chapter")
        text = json.dumps([rows[0]] + [r for r in rows[1:] if r[column] in chapters])
    return _digest(meta_text, text)


def inputs(nb: nbformat.NotebookNode, lesson: registry.Lesson, reads: dict[str, str], modules: list[str]) -> dict:
    """The record stored in a notebook after it runs."""
    return {
        "code": code_hash(nb),
        "core": core_hash(),
        "lesson": _digest(repr(lesson)),
        "modules": {m: module_hash(m) for m in sorted(modules)},
        "tables": {name: [level, table_hash(name, level, lesson)] for name, level in sorted(reads.items())},
    }


def stale_reasons(path: Path) -> list[str]:
    """What changed since the notebook was last run (empty when its stored outputs are current)."""
    nb, record = _read_record(path)
    if record is None:
        return ["it has never been run by `make build`"]
    lesson = registry.lesson(path)
    reasons = []
    if record.get("code") != code_hash(nb):
        reasons.append("its code cells")
    if record.get("core") != core_hash():
        reasons.append("the helper package's core (src/nepcourse/*.py, the style)")
    if record.get("lesson") != _digest(repr(lesson)):
        reasons.append("its entry in the lesson registry")
    reasons += [f"module {m}" for m, h in record.get("modules", {}).items() if module_hash(m) != h]
    reasons += [
        f"table {name}" for name, (level, h) in record.get("tables", {}).items() if table_hash(name, level, lesson) != h
    ]
    return reasons


def needs_run(path: Path) -> bool:
    return bool(stale_reasons(path))


def _clean_outputs(nb: nbformat.NotebookNode) -> None:
    """Keep stored outputs deterministic: drop widget views (random ids) and widget state."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            output.get("data", {}).pop("application/vnd.jupyter.widget-view+json", None)


def execute(path: Path) -> None:
    """Run a notebook top to bottom in its folder, record what it read, and save it with its outputs."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE, id="course-probe"))
    NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        record_timing=False,
        store_widget_state=True,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    probe = nb.cells.pop()
    report = json.loads("".join(o.get("text", "") for o in probe.outputs if o.output_type == "stream"))
    _clean_outputs(nb)
    nb.metadata.setdefault("course", {})["inputs"] = inputs(
        nb, registry.lesson(path), report["reads"], report["modules"]
    )
    nbformat.write(nb, path)


def all_notebooks() -> list[Path]:
    return [p for folder in registry.FOLDERS for p in registry.notebooks(folder)]


def execute_changed(force: bool = False, workers: int = 2) -> list[Path]:
    """Execute every course notebook whose inputs changed (all of them with ``force``), ``workers`` at once."""
    todo = []
    for path in all_notebooks():
        reasons = ["--all"] if force else stale_reasons(path)
        if reasons:
            print(f"executing {paths.relative(path)} (changed: {', '.join(reasons)})", flush=True)
            todo.append(path)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        list(pool.map(execute, todo))
    return todo


def tables_read() -> dict[str, list[str]]:
    """Table name → the lessons whose notebooks read it when last run (for the data package)."""
    found: dict[str, set[str]] = {}
    for path in all_notebooks():
        _, record = _read_record(path)
        for name, (level, _) in record.get("tables", {}).items() if record else []:
            if level == "listing":
                continue
            found.setdefault(name, set()).add(registry.lesson(path).number)
    return {name: sorted(numbers) for name, numbers in found.items()}


if __name__ == "__main__":  # python -m tools.execution NOTEBOOK…: why each is stale
    for arg in sys.argv[1:]:
        print(arg, stale_reasons(Path(arg)) or "current")
