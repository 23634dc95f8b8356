"""`notices check`: check every company's sources and archive; print each problem as path:line: message."""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from ..checks.all import check_company
from ..checks.continuity import vanished_companies
from ..sources.layout import Layout
from ..sources.problems import ERROR, Problem, SourceError, display_path
from . import load
from .build import DEPLOYED_HELP, as_of_option

HELP = "check every company's sources (or the ones named) before a pull request"
EPILOG = """\
examples:
  notices check                          every company
  notices check impro-media              one company
  notices check --against origin/main    also compare the released versions with origin/main's
  notices check --deployed live/         count notice periods from each host's deploy record

Each problem is printed as path:line: message: open that file at that line and do what the
message says. Errors come first, then warnings; the problems of one file are printed together.
On a clean tree it prints one line per company saying all is well.

Exit status: 0 when there is no error (warnings alone do not fail), 1 when there is an error.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The check's options."""
    parser.add_argument("companies", nargs="*", help="company ids (default: every company)")
    parser.add_argument("--against", default=None, metavar="GIT_REF",
                        help="also compare released versions with GIT_REF's (e.g. origin/main); "
                             "they are always compared with the git history of main")
    parser.add_argument("--as-of", type=as_of_option, metavar="WHEN",
                        help="take this day as today (YYYY-MM-DD), e.g. to see what a check will say then")
    parser.add_argument("--deployed", type=Path, metavar="PATH",
                        help=DEPLOYED_HELP + "; without it, from the day each version reached main (git's dates)")


def company_problems(layout: Layout, company_id: str, against: str | None, as_of: str | None = None,
                     deployed: Path | None = None) -> set[Problem]:
    """Every problem of one company, never an exception."""
    data_file = display_path(layout.company_dir(company_id) / "company.yml", layout.root)
    try:
        return set(check_company(load(layout, company_id), against, history=True, spelling=True,
                                 as_of=as_of, deployed=deployed).problems)
    except SourceError as error:
        return set(error.problems)
    except Exception as error:  # noqa: BLE001 - last resort: one company's surprise must not hide the others
        return {Problem(data_file, 1, f"internal error while checking: {type(error).__name__}: {error}")}


def _print_grouped(title: str, problems: list[Problem]) -> None:
    print(title)
    for index, (_, group) in enumerate(itertools.groupby(sorted(problems), key=lambda p: p.path)):
        if index:
            print()  # a blank line between files
        for problem in group:
            print(problem)


def _verdict(company_id: str, found: set[Problem]) -> str:
    errors = sum(p.severity == ERROR for p in found)
    warnings = len(found) - errors
    if errors:
        return f"{company_id}: {errors} error(s) to fix, {warnings} warning(s)"
    return f"{company_id}: all is well" + (f" ({warnings} warning(s) above)" if warnings else "")


def run(args: argparse.Namespace) -> int:
    """Run every check on every company (or the ones named); 1 when there is an error."""
    layout = Layout(args.root)
    known = layout.company_ids()
    problems: set[Problem] = set()  # a shared snippet's problem is found once per company, printed once
    verdicts = []
    if not known:
        problems.add(Problem("companies", 1, f"no company found under {layout.root / 'companies'}: "
                                             f"each company needs companies/<company>/company.yml"))
    problems |= set(vanished_companies(layout.root, known, args.against))
    for company_id in args.companies or known:
        if company_id not in known:
            data_file = display_path(layout.company_dir(company_id) / "company.yml", layout.root)
            problems.add(Problem(data_file, 1, f"no company '{company_id}' (known: {', '.join(known) or 'none'})"))
            continue
        found = company_problems(layout, company_id, args.against, args.as_of, args.deployed)
        problems |= found
        verdicts.append(_verdict(company_id, found))
    errors = [p for p in problems if p.severity == ERROR]
    warnings = [p for p in problems if p.severity != ERROR]
    if errors:
        _print_grouped("Errors (must be fixed):", errors)
    if warnings:
        if errors:
            print()
        _print_grouped("Warnings:", warnings)
    if problems:
        print()
    for verdict in verdicts:
        print(verdict)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0
