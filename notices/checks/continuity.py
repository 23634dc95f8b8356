"""What a change may not do quietly: take a released company away (a rename included), or move a site's host."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.git_files import file_at, mainline, released_companies
from ..model.versions import REGISTRY
from ..sources.problems import WARNING, Problem, SourceError
from ..sources.site import CompanySite
from ..sources.yamlsource import parse_yaml

CONFIG = "mkdocs.yml"
DATA = "company.yml"


def vanished_companies(root: Path, present: list[str], against: str | None = None) -> list[Problem]:
    """Companies with released versions on main (or `against`) whose folder is gone, renamed or removed."""
    problems = []
    for ref in dict.fromkeys(r for r in (mainline(root), against) if r):
        for company_id in released_companies(root, ref):
            if company_id in present:
                continue
            registry = f"companies/{company_id}/{REGISTRY}"
            problems.append(Problem(registry, 1,
                f"company '{company_id}' has released versions on {ref} and its folder is gone: a company's id is "
                f"the key of its record (its released versions and their history), so it is never renamed or "
                f"removed; restore it with `git checkout {ref} -- companies/{company_id}/` (and its docs/ "
                f"folder), and keep its id"))
    return problems


def _value(text: str | None, shown: str, key: str) -> Any:
    if text is None:
        return None
    try:
        data = parse_yaml(text, shown, application_tags=True).data
    except SourceError:
        return None
    return data.get(key) if isinstance(data, dict) else None


def host_changes(site: CompanySite, against: str | None = None) -> list[Problem]:
    """A site's address (`site_url`) or domains changed from main (or `against`): named, and reviewed."""
    root = site.root
    ref = against or (mainline(root) if root is not None else None)
    if root is None or ref is None:
        return []
    company_id = site.company.id
    folder = f"companies/{company_id}"
    before_data = file_at(root, ref, f"{folder}/{DATA}")
    if before_data is None:
        return []  # a new company
    config_now = (root / folder / CONFIG).read_text(encoding="utf-8") if (root / folder / CONFIG).is_file() else None
    changes = []
    for label, key, before, now in (
            ("site_url", "site_url", file_at(root, ref, f"{folder}/{CONFIG}"), config_now),
            ("domains", "domains", before_data, (root / folder / DATA).read_text(encoding="utf-8"))):
        old, new = _value(before, f"{folder}/{label}", key), _value(now, f"{folder}/{label}", key)
        if old != new:
            changes.append((label, old, new))
    if not changes:
        return []
    said = "; ".join(f"{label} changes from {old!r} to {new!r}" for label, old, new in changes)
    confirmed_before = _value(before_data, f"{folder}/{DATA}", "confirmed") or {}
    confirmed_now = site.company.data.get("confirmed") or {}
    shown = site.company.shown_as
    line = site.company.line("domains")
    if isinstance(confirmed_now, dict) and confirmed_now.get("domains") and \
            (not isinstance(confirmed_before, dict) or confirmed_before.get("domains") != confirmed_now["domains"]):
        return [Problem(shown, line, f"the site moves to another host ({said}), as the company confirmed "
                                     f"(confirmed: domains): every permanent address, the feeds and the sitemap move "
                                     f"with it; compared with {ref}", WARNING)]
    return [Problem(shown, line, f"the site moves to another host ({said}, compared with {ref}): every permanent "
                                 f"address, the feeds and the sitemap would move with it; a change of host is made "
                                 f"only when the company asks: record it in {DATA} as confirmed: {{domains: {{by: "
                                 f"Name Surname, on: YYYY-MM-DD}}}}")]
