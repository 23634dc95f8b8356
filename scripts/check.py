"""Check every company's sources and archive; print each problem as path:line: message.

Exit status 1 when there is any error (warnings alone exit 0).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _project import ROOT, Layout, SourceError, load

from notices.checks import check_company
from notices.problems import ERROR


def main(argv: list[str] | None = None) -> int:
    """Run every check on every company (or the ones named)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("companies", nargs="*", help="company ids (default: all)")
    parser.add_argument("--against", default=None, metavar="GIT_REF",
                        help="also fail if a version released in GIT_REF (e.g. origin/main) was removed, "
                             "re-dated or altered")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    layout = Layout(args.root.resolve())
    problems = []
    for company_id in args.companies or layout.company_ids():
        try:
            site = load(layout, company_id)
        except SourceError as error:
            problems.extend(error.problems)
            continue
        problems.extend(check_company(site, args.against)[1])
    errors = sorted(p for p in problems if p.severity == ERROR)
    warnings = sorted(p for p in problems if p.severity != ERROR)
    if errors:
        print("Errors (must be fixed):")
        for problem in errors:
            print(problem)
    if warnings:
        print("Warnings:")
        for problem in warnings:
            print(problem)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
