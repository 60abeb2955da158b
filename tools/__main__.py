"""The course's chores, for the people who write it (the Makefile calls these; students never need them).

python -m tools build      check every table, regenerate worksheets and navigation, re-execute the
                           notebooks whose inputs changed, then write data/datapackage.json, the
                           data catalogue docs/catalogue.md, the README's lesson table,
                           docs/references.md and docs/instructors/ (idempotent: run it again, nothing changes)
python -m tools execute    re-execute notebooks whose inputs changed (--all: every notebook)
python -m tools stale      say which notebooks are stale, and why
python -m tools mine       copy lessons and worksheets into my-work/ (never overwrites)
python -m tools student    write the student edition to build/student/ (--zip, --branch NAME: see tools/student.py)
python -m tools bench      measure lessons, floors, set-up and the suite; write docs/benchmark.md
python -m tools versions   run every notebook on the lowest declared versions and on Python 3.13 (--help)
python -m tools hub-link | binder-link | colab   the links and Colab copies of docs/launch/ (see tools/launch.py)
"""

from __future__ import annotations

import argparse
import sys

from nepcourse import paths
from nepcourse.data import DataError

from . import catalogue, datapackage, execution, guides, notebooks, references


def build(args) -> int:
    datapackage.build()  # every table checked before anything is written
    for path in notebooks.write_worksheets():
        print(f"wrote {paths.relative(path)}")
    for path in notebooks.write_navigation():
        print(f"navigation of {paths.relative(path)}")
    execution.execute_changed(force=args.all)
    if references.write_lessons_column():
        print("updated the lessons column of data/references.csv")
    datapackage.write()
    if catalogue.write():
        print("wrote docs/catalogue.md")
    if references.write():
        print("wrote docs/references.md")
    if notebooks.write_readme_table():
        print("updated the lesson table in README.md")
    for path in guides.write():
        print(f"wrote {paths.relative(path)}")
    return 0


def execute(args) -> int:
    execution.execute_changed(force=args.all)
    return 0


def stale(args) -> int:
    found = 0
    for path in execution.all_notebooks():
        reasons = execution.stale_reasons(path)
        if reasons:
            found += 1
            print(f"{paths.relative(path)}: {', '.join(reasons)}")
    print(f"{found} stale notebook(s)" if found else "every notebook is current")
    return 0


def mine(args) -> int:
    copied, kept = notebooks.copy_for_student()
    for path in copied:
        print(f"copied  {paths.relative(path)}")
    for path in kept:
        print(f"kept    {paths.relative(path)} (yours; not overwritten)")
    print(f"Your own copies are in {paths.relative(paths.STUDENT_WORK)}/: work there.")
    return 0


def bench(args) -> int:
    from . import bench as benchmark

    return benchmark.main(include_suite=not args.no_suite)


def student(args) -> int:
    from . import student as edition

    return edition.main(args)


def versions(args) -> int:
    from . import versions as stacks

    return stacks.main(args.rest)


def launch(args) -> int:
    from . import launch as recipes

    return recipes.main(args)


def add_launch_commands(sub) -> None:
    """The subcommands of tools/launch.py: the links and copies that docs/launch/ hands out."""
    repo = {"help": "the repository's address (default: [tool.nepcourse] repository in pyproject.toml)"}
    hub = sub.add_parser("hub-link", help="the nbgitpuller link to the student edition on a JupyterHub")
    hub.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    hub.add_argument("--repo", **repo)
    hub.add_argument("--branch", default="student", help="the branch holding the student edition")
    binder = sub.add_parser("binder-link", help="the mybinder.org link that opens the course guide")
    binder.add_argument("--repo", **repo)
    binder.add_argument("--ref", default="HEAD", help="the branch, tag or commit Binder builds")
    colab = sub.add_parser("colab", help="write the Colab copies to build/colab/")
    colab.add_argument("--repo", **repo)
    colab.add_argument("--branch", help="also commit the copies to this local branch (never pushed)")
    for parser in (hub, binder, colab):
        parser.set_defaults(func=launch)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["versions"]:  # its own options: python -m tools versions --help
        return versions(argparse.Namespace(rest=argv[1:]))
    parser = argparse.ArgumentParser(
        prog="python -m tools", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    commands = (("build", build), ("execute", execute), ("stale", stale), ("mine", mine), ("bench", bench))
    for name, func in (*commands, ("student", student)):
        p = sub.add_parser(name)
        p.set_defaults(func=func)
        if name in ("build", "execute"):
            p.add_argument("--all", action="store_true", help="execute every notebook, changed or not")
        if name == "bench":
            p.add_argument("--no-suite", action="store_true", help="skip the (slow) whole-suite timings")
        if name == "student":
            p.add_argument("--zip", action="store_true", help="also write build/student-edition.zip")
            p.add_argument("--branch", help="also commit the edition to this local branch (never pushed)")
    add_launch_commands(sub)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except DataError as err:
        print(f"tools: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
