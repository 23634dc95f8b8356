"""`notices summary`: what readers will see change, per company and language, against the base branch."""

from __future__ import annotations

import argparse
import re
import subprocess

from ..checks.all import translations_behind
from ..checks.clause_ids import clause_id_problems
from ..checks.continuity import host_changes, vanished_companies
from ..model.shown import Shown, draft, released
from ..model.textdiff import ClauseDiff, Segment, compare
from ..model.versions import REGISTRY, ChangeKind, Version, load_versions
from ..sources.layout import Layout
from ..sources.problems import ERROR, SourceError
from ..sources.site import CompanySite
from ..sources.yamlsource import parse_yaml
from . import load

HELP = "what readers will see change, as Markdown for a pull request, against the base branch"
EPILOG = """\
examples:
  notices summary                          against origin/main (or main when there is no origin)
  notices summary --base my-branch impro-media
  notices summary >> "$GITHUB_STEP_SUMMARY"

For each company and language: the versions released by this branch (with their dates and the
word-level changes of each clause, ~~removed~~ and **added**), the draft changes not yet released,
and the translations that may be behind their original.
Exit status: 0 (problems in the sources are listed in the summary; `notices check` fails on them).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The summary's options."""
    parser.add_argument("companies", nargs="*", help="company ids (default: every company)")
    parser.add_argument("--base", metavar="GIT_REF", default=None,
                        help="the branch the pull request goes into (default: origin/main, else main)")


def _git(layout: Layout, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(layout.root), *args], capture_output=True, text=True)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def base_ref(layout: Layout, wanted: str | None) -> str | None:
    """The git ref to compare with: the one asked for, else origin/main, else main; None outside git."""
    for ref in [wanted] if wanted else ["origin/main", "main"]:
        if _git(layout, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is not None:
            return ref
    return None


def released_at(layout: Layout, company_id: str, ref: str | None) -> dict[str, dict] | None:
    """Version id -> hashes of the versions the base ref had released; None when there is no base."""
    if ref is None:
        return None
    text = _git(layout, "show", f"{ref}:./companies/{company_id}/{REGISTRY}")
    try:
        entries = parse_yaml(text or "", f"{ref}:{REGISTRY}").data or []
    except SourceError:
        entries = []
    if not isinstance(entries, list):
        entries = []
    return {str(e.get("id")): e.get("sha256") or {} for e in entries if isinstance(e, dict)}


def _inline(segments: list[Segment]) -> str:
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


def _changes(site: CompanySite, old: str, new: str) -> list[ClauseDiff]:
    return [c for c in compare(old, new, site.markdown_html()) if c.status != "unchanged"]


def _clause_lines(changed: list[ClauseDiff]) -> list[str]:
    return [f"- **{c.label}** (`{c.id}`, {c.status}): {_inline(c.segments)}" for c in changed] + [""]


def _new_version(site: CompanySite, versions: list[Version], version: Version, lang: str) -> list[str]:
    """What a version released by this branch changes for readers of `lang`."""
    index = versions.index(version)
    kind = version.change if version.change == ChangeKind.INITIAL else f"{version.change} change"
    head = (f"**New version {version.id}** ({kind}): published {version.published}, "
            f"in force from {version.effective}.")
    source = (version.translates or {}).get(lang, version.id)
    note = [f"This translation follows {source} of the original: readers are told it may be behind.", ""] \
        if source != version.id else []
    if index == 0:
        return [head + " The first version: the whole text is new.", ""] + note
    before = versions[index - 1]
    then, now = released(site, before, lang), released(site, version, lang)
    changed = _changes(site, then.text, now.text)
    return [f"{head} Compared with {before.id}: {len(changed)} clause(s) change.{_retitled(then, now)}", ""] \
        + note + _clause_lines(changed)


def _retitled(then: Shown, now: Shown) -> str:
    """A sentence saying how the title changes, or nothing."""
    return f" The title changes from '{then.title}' to '{now.title}'." if then.title != now.title else ""


def _language(site: CompanySite, versions: list[Version], new: list[Version], lang: str) -> list[str]:
    """The summary of one language of a company."""
    lines = []
    for version in new:
        lines += _new_version(site, versions, version, lang)
    if not versions:
        return lines + ["No version released yet: the whole text is new.", ""]
    latest = versions[-1]
    then, now = released(site, latest, lang), draft(site, lang)
    changed = _changes(site, then.text, now.text)
    if changed or then.title != now.title:
        lines += [f"Draft not yet released, compared with {latest.id}: {len(changed)} clause(s) change."
                  f"{_retitled(then, now)}", ""]
        lines += _clause_lines(changed)
        lines += [f"Readers see this only after `notices release {site.company.id}` releases it as a new "
                  f"version.", ""]
    elif not new:
        lines += [f"No change since the released version {latest.id}.", ""]
    return lines


def company_summary(layout: Layout, company_id: str, ref: str | None) -> list[str]:
    """The Markdown lines for one company."""
    try:
        site = load(layout, company_id)
    except SourceError as error:
        return [f"### {company_id}", "", "The sources have errors; run `notices check`:", ""] + \
            [f"- `{problem}`" for problem in error.problems] + [""]
    company = site.company
    errors = site.errors + [p for p in clause_id_problems(site) if p.severity == ERROR]
    if errors:
        return [f"### {company.data['legal_name']}", ""] + [f"- `{problem}`" for problem in errors] + [""]
    versions = load_versions(company.path.parent, company.languages, site.root)
    base = released_at(layout, company_id, ref)
    if base is None:  # no base branch: what the draft changes since the newest release
        base = {v.id: v.sha256 for v in versions}
    new = [v for v in versions if v.id not in base]
    rewritten = [v for v in versions if v.id in base and base[v.id] != v.sha256]
    behind = translations_behind(site, versions)
    lines = []
    if rewritten:
        lines += [f"### {company.data['legal_name']}: released versions rewritten", "",
                  f"Released on `{ref}` and different here: **{', '.join(v.id for v in rewritten)}**. A released "
                  f"version never changes (`notices check` refuses this).", ""]
    moved = host_changes(site, ref)
    if moved:
        lines += [f"### {company.data['legal_name']}: the site's host changes", "", f"- {moved[0].message}", ""]
    for lang in company.languages:
        lines += [f"### {company.data['legal_name']} — {lang}", ""] + _language(site, versions, new, lang)
        mine = [p for p in behind if f"/{lang}/" in p.path]
        if mine:
            lines += ["Translation marked behind its original:", ""]
            lines += [f"- `{p.path}:{p.line}`: {p.message}" for p in mine] + [""]
    return lines


def summary(layout: Layout, company_ids: list[str], ref: str | None) -> str:
    """The Markdown report for the given companies."""
    against = f"Compared with `{ref}`." if ref else "No base branch found: compared with the newest release."
    lines = ["## What readers will see change", "", against, ""]
    gone = vanished_companies(layout.root, layout.company_ids(), ref) if ref else []
    if gone:
        lines += ["### Companies whose released versions are gone", ""] + [f"- {p.message}" for p in gone] + [""]
    for company_id in company_ids:
        lines += company_summary(layout, company_id, ref)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the report."""
    layout = Layout(args.root)
    print(summary(layout, args.companies or layout.company_ids(), base_ref(layout, args.base)))
    return 0
