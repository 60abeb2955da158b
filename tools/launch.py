"""Other ways to open the course than ``make lab``: the links and copies the pages in ``docs/launch/`` hand out.

python -m tools hub-link --hub URL [--repo URL] [--branch student]
    the nbgitpuller link that clones (then updates) the student edition on a JupyterHub and opens the guide
python -m tools binder-link [--repo URL] [--ref HEAD]
    the mybinder.org link that builds the repository (``binder/``) and opens the guide
python -m tools colab [--repo URL] [--branch NAME]
    Colab copies of the lessons and worksheets in build/colab/, each installing the course in its first cell

The repository address is one setting, ``[tool.nepcourse] repository`` in pyproject.toml; ``--repo`` overrides
it for one call. Nothing here fetches anything: the links are text, the copies are files.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import tomllib
from pathlib import Path
from urllib.parse import quote, urlencode

from nepcourse import paths, registry

from . import notebooks, student

#: The page every way of opening the course starts on (the one ``make lab`` opens).
START_PAGE = "notebooks/00_course_guide.ipynb"
COLAB = paths.ROOT / "build" / "colab"
#: Marks the Colab copies' install cell, so that a test (and a reader) can tell it from the lesson's cells.
INSTALL_TAG = "colab-install"
PLACEHOLDER = "OWNER"


def repository() -> str:
    """The address the course is published at: the one setting in pyproject.toml."""
    settings = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return settings["tool"]["nepcourse"]["repository"]


def _checked_url(url: str, what: str) -> str:
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"the {what} must be a web address starting with https://, not {url!r}")
    return url.rstrip("/")


def hub_link(hub: str, repo: str, branch: str = "student", start: str = START_PAGE) -> str:
    """The nbgitpuller link: the hub clones ``repo`` at ``branch`` into a folder named as the repository (as
    nbgitpuller names it), or updates that folder, then opens ``start`` in JupyterLab."""
    hub, repo = _checked_url(hub, "hub's address"), _checked_url(repo, "repository's address")
    folder = repo.split("/")[-1]
    query = {"repo": repo, "branch": branch, "urlpath": f"lab/tree/{folder}/{start}"}
    return f"{hub}/hub/user-redirect/git-pull?{urlencode(query, quote_via=quote, safe='')}"


def binder_link(repo: str, ref: str = "HEAD", start: str = START_PAGE) -> str:
    """The mybinder.org link that builds ``repo`` at ``ref`` from its ``binder/`` folder and opens ``start``."""
    repo = _checked_url(repo, "repository's address")
    github = "https://github.com/"
    if repo.startswith(github):
        where = f"gh/{repo[len(github) :].removesuffix('.git')}/{quote(ref, safe='')}"
    else:
        where = f"git/{quote(repo, safe='')}/{quote(ref, safe='')}"
    return f"https://mybinder.org/v2/{where}?urlpath={quote(f'lab/tree/{start}', safe='')}"


def install_cell(repo: str) -> dict:
    """The first cell of a Colab copy: installs the helper package, with its tables, from the repository."""
    source = (
        "# On Colab only: install the course's helper package and its tables (about a minute; needs the internet).\n"
        "# Run this cell first, then the lesson's cells in order.\n"
        f'%pip install --quiet "nepcourse @ git+{_checked_url(repo, "repository address")}"'
    )
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {"tags": [INSTALL_TAG]},
        "outputs": [],
        "source": source,
    }


def colab_copy(path: Path, repo: str) -> dict:
    """A lesson or worksheet as the student edition carries it, with the install cell first."""
    nb = student.student_notebook(path)
    nb["cells"].insert(0, install_cell(repo))
    nb["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def write_colab(target: Path = COLAB, repo: str | None = None) -> list[Path]:
    """Write the Colab copies: lessons in ``target``, worksheets in ``target/exercises`` (replacing both)."""
    repo = repo or repository()
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "colab"
        for folder, where in (("notebooks", out), ("exercises", out / "exercises")):
            where.mkdir(parents=True, exist_ok=True)
            for path in notebooks.course_notebooks(folder):
                text = json.dumps(colab_copy(path, repo), indent=1, ensure_ascii=False) + "\n"
                (where / path.name).write_text(text, encoding="utf-8")
                written.append(target / (where / path.name).relative_to(out))
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(out, target)
    return written


def colab_link(repo: str, branch: str, name: str) -> str:
    """The link that opens one Colab copy from a GitHub branch holding them (``colab --branch``)."""
    repo = _checked_url(repo, "repository's address").removeprefix("https://github.com/").removesuffix(".git")
    return f"https://colab.research.google.com/github/{repo}/blob/{quote(branch, safe='')}/{name}"


def _warn_placeholder(repo: str) -> None:
    if PLACEHOLDER in repo.split("/"):
        print(
            f"note: {repo} is the placeholder address; set [tool.nepcourse] repository in pyproject.toml "
            "(or pass --repo) to the repository you publish the course at",
            file=sys.stderr,
        )


def main(args) -> int:
    try:
        repo = _checked_url(args.repo or repository(), "repository's address")
        _warn_placeholder(repo)
        if args.command == "hub-link":
            print(hub_link(args.hub, repo, args.branch))
        elif args.command == "binder-link":
            print(binder_link(repo, args.ref))
        else:
            written = write_colab(repo=repo)
            print(f"wrote {len(written)} Colab copies to {paths.relative(COLAB)}/")
            if args.branch:
                commit = student.commit_to_branch(COLAB, args.branch)
                print(f"committed them to the branch {args.branch} ({commit[:10]}); push it, then open e.g.")
                print(colab_link(repo, args.branch, f"{registry.lesson('01').name}.ipynb"))
    except ValueError as err:
        print(f"tools: {err}", file=sys.stderr)
        return 2
    return 0
