"""Write what readers will see change, per company and language, against the latest released version.

    python scripts/pr_summary.py >> "$GITHUB_STEP_SUMMARY"

Markdown for a pull request: the changed clauses of each notice with their word-level changes
(~~removed~~ and **added**), compared with the latest released version.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from _project import ROOT, Layout, SourceError, load

from notices.textdiff import compare
from notices.versions import NOTICE_PAGE, frozen_text, load_versions


def _inline(segments) -> str:
    parts = []
    for segment in segments:
        flat = re.sub(r"\s+", " ", segment.text)
        text = flat.strip()
        lead, trail = " " * flat.startswith(" "), " " * (flat.endswith(" ") and len(flat) > 1)
        if not text:
            parts.append(" ")
        elif segment.op == "insert":
            parts.append(f"{lead}**{text}**{trail}")
        elif segment.op == "delete":
            parts.append(f"{lead}~~{text}~~{trail}")
        else:
            parts.append(lead + (text if len(text) < 160 else f"{text[:60]} … {text[-60:]}") + trail)
    return "".join(parts)


def summary(layout: Layout, company_ids: list[str]) -> str:
    """The Markdown report for the given companies."""
    lines = ["## What readers will see change", ""]
    for company_id in company_ids:
        try:
            site = load(layout, company_id)
        except SourceError as error:
            lines += [f"### {company_id}", "", "The sources have errors; run `python scripts/check.py`:", ""]
            lines += [f"- `{problem}`" for problem in error.problems] + [""]
            continue
        company = site.company
        versions = load_versions(company.path.parent, company.languages, site.root)
        latest = versions[-1] if versions else None
        for lang in company.languages:
            lines += [f"### {company.data['legal_name']} — {lang}", ""]
            if site.errors:
                lines += [f"- `{problem}`" for problem in site.errors] + [""]
                break
            current = site.filled(lang, NOTICE_PAGE)
            if latest is None:
                lines += ["No version released yet: the whole text is new.", ""]
                continue
            changed = [c for c in compare(frozen_text(company.path.parent, latest.id, lang), current)
                       if c.status != "unchanged"]
            if not changed:
                lines += [f"No change since the released version {latest.id}.", ""]
                continue
            lines += [f"Compared with the released version {latest.id}: {len(changed)} clause(s) change.", ""]
            for clause in changed:
                lines.append(f"- **{clause.label}** (`{clause.id}`, {clause.status}): {_inline(clause.segments)}")
            lines += ["", "Readers see this only after `python scripts/release.py "
                          f"{company_id}` releases it as a new version.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("companies", nargs="*")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    layout = Layout(args.root.resolve())
    print(summary(layout, args.companies or layout.company_ids()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
