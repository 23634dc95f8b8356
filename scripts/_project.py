"""What the command-line scripts share: finding the project and loading a company's sources."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from notices.layout import Layout  # noqa: E402
from notices.problems import SourceError  # noqa: E402
from notices.site import CompanySite, load_site  # noqa: E402


def load(layout: Layout, company_id: str) -> CompanySite:
    """A company's checked sources; raises SourceError."""
    return load_site(layout.company_dir(company_id), layout.docs_dir(company_id), layout.snippets_dir, layout.root)


def report(error: SourceError) -> None:
    """Print each problem as path:line: message."""
    for problem in error.problems:
        print(problem, file=sys.stderr)
