"""Where each file of the course is on the site, and the notebooks' links pointed there.

The notebooks link to each other as files of the repository (``../exercises/01_introduction.ipynb``,
``../README.md#lessons``, ``../docs/references.md#nove_1969``). Every page is written from a file of the
repository, so a link is resolved against that file's place, looked up in the site's map, and written
relative to the page's own place. A link to something the build does not carry (a solution, in the student
build) is left as it is: the test of links then fails and names it.
"""

from __future__ import annotations

import html
import posixpath
import re

from nepcourse import registry

HREF = re.compile(r'href="([^"]*)"')
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def site_map(instructor: bool, tables: list[str]) -> dict[str, str]:
    """Repository path → site path, for everything the build carries."""
    found = {"README.md": "index.html", "docs/references.md": "references.html"}
    for lesson in registry.lessons():
        found[f"notebooks/{lesson.name}.ipynb"] = f"lessons/{lesson.name}.html"
        found[f"exercises/{lesson.name}.ipynb"] = f"worksheets/{lesson.name}.html"
        if instructor:
            found[f"solutions/{lesson.name}.ipynb"] = f"solutions/{lesson.name}.html"
            found[f"docs/instructors/{lesson.name}.md"] = f"guides/{lesson.name}.html"
    if instructor:
        found["docs/instructors/README.md"] = "guides/index.html"
    for name in tables:
        found[f"data/{name}.csv"] = f"data/{name}.csv"
        found[f"data/{name}.meta.json"] = f"data/{name}.html"
    found["data/datapackage.json"] = "data/datapackage.json"
    return found


def relinked(fragment: str, source: str, page: str, where: dict[str, str]) -> str:
    """``fragment``'s links, written in the repository file ``source``, pointed from the site page ``page``."""

    def point(match: re.Match) -> str:
        href = html.unescape(match.group(1))
        if not href or href.startswith("#") or EXTERNAL.match(href):
            return match.group(0)
        target, _, anchor = href.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
        if resolved not in where:
            return match.group(0)
        new = posixpath.relpath(where[resolved], posixpath.dirname(page) or ".")
        return f'href="{html.escape(new + (f"#{anchor}" if anchor else ""))}"'

    return HREF.sub(point, fragment)
