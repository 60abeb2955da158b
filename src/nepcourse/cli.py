"""``nepcourse`` command line: the course's chores in one place (the Makefile calls these).

    nepcourse build      data package, worksheets, re-execution of changed notebooks, README table, environment.yml
    nepcourse execute    re-execute notebooks whose inputs changed (--all: every notebook)
    nepcourse mine       copy lessons and worksheets into my-work/ (never overwrites)
    nepcourse bench      measure lessons, floors, set-up and the suite; write docs/benchmark.md
"""
from __future__ import annotations

import argparse
import sys

from . import datapackage, notebooks, paths
from .data import DataError


def build(args) -> int:
    datapackage.write()
    for path in notebooks.write_worksheets():
        print(f"wrote {paths.relative(path)}")
    notebooks.execute_changed(force=args.all)
    if notebooks.write_readme_table():
        print("updated the lesson table in README.md")
    if notebooks.write_environment_yml():
        print("wrote environment.yml")
    return 0


def execute(args) -> int:
    notebooks.execute_changed(force=args.all)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nepcourse", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func in (("build", build), ("execute", execute), ("mine", mine), ("bench", bench)):
        p = sub.add_parser(name)
        p.set_defaults(func=func)
        if name in ("build", "execute"):
            p.add_argument("--all", action="store_true", help="execute every notebook, changed or not")
        if name == "bench":
            p.add_argument("--no-suite", action="store_true", help="skip the (slow) whole-suite timings")
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except DataError as err:
        print(f"nepcourse: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
