"""The `notices` command's subcommands, and what they share: finding the project and loading a company."""

from __future__ import annotations

import sys
from pathlib import Path

from ..sources.layout import Layout
from ..sources.load import load_site
from ..sources.problems import SourceError
from ..sources.site import CompanySite


class NoProject(Exception):
    """The command was run outside a project and no --root was given."""


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding companies/ and mkdocs.yml."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / "companies").is_dir() and (folder / "mkdocs.yml").is_file():
            return folder
    raise NoProject(f"{start} is not inside a notices project (a folder holding companies/ and mkdocs.yml): "
                    f"run the command there or pass --root <project folder>")


def load(layout: Layout, company_id: str) -> CompanySite:
    """A company's checked sources; raises SourceError."""
    return load_site(layout.company_dir(company_id), layout.docs_dir(company_id), layout.snippets_dir, layout.root)


def report(error: SourceError) -> None:
    """Print each problem as path:line: message."""
    for problem in error.problems:
        print(problem, file=sys.stderr)


def refuse_unknown(layout: Layout, wanted: list[str]) -> int | None:
    """Exit status 2 after naming the companies asked for that do not exist; None when all exist."""
    known = layout.company_ids()
    unknown = [c for c in wanted if c not in known]
    if not unknown:
        return None
    print(f"unknown company: {', '.join(unknown)} (known: {', '.join(known) or 'none'})", file=sys.stderr)
    return 2
