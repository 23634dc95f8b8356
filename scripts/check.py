"""Check every company's sources and archive; print each problem as path:line: message.

Exit status 1 when there is any error (warnings alone exit 0).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _project import ROOT, Layout, SourceError, load

from notices.checks import check_company
from notices.problems import ERROR, Problem, display_path


def main(argv: list[str] | None = None) -> int:
    """Run every check on every company (or the ones named)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("companies", nargs="*", help="company ids (default: all)")
    parser.add_argument("--against", default=None, metavar="GIT_REF",
                        help="also compare released versions with GIT_REF's (e.g. origin/main); "
                             "they are always compared with the git history of main")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    layout = Layout(args.root.resolve())
    problems: set[Problem] = set()  # a shared snippet's problem is found once per company, printed once
    known = layout.company_ids()
    if not known:
        problems.add(Problem("companies", 1, f"no company found under {layout.root / 'companies'}: "
                                             f"each company needs companies/<company>/company.yml"))
    for company_id in args.companies or known:
        data_file = display_path(layout.company_dir(company_id) / "company.yml", layout.root)
        if company_id not in known:
            problems.add(Problem(data_file, 1, f"no company '{company_id}' (known: {', '.join(known) or 'none'})"))
            continue
        try:
            site = load(layout, company_id)
            problems.update(check_company(site, args.against, history=True).problems)
        except SourceError as error:
            problems.update(error.problems)
        except Exception as error:  # noqa: BLE001 - last resort: one company's surprise must not hide the others
            problems.add(Problem(data_file, 1, f"internal error while checking: {type(error).__name__}: {error}"))
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
