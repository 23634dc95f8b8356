"""Checks that released versions stay exactly as released: present, unaltered, not re-dated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model.archive import ArchiveUnreadable, archive_path, read_archive, sha256
from ..model.dates import today_in
from ..model.disclosure import NAMES
from ..model.history import NoHistory, first_copy, record_start
from ..model.shown import draft, frame_facts, released
from ..model.versions import ARCHIVE, FRAME_FACTS, NOTICE_PAGE, REGISTRY, Version, load_versions
from ..sources.pages import PageSource
from ..sources.problems import WARNING, Problem, SourceError, display_path
from ..sources.provenance import trace
from ..sources.site import CompanySite
from .released import check_history


def check_versions(site: CompanySite, against: str | None = None, history: bool = False,
                   as_of: str | None = None, deployed: Path | None = None) -> tuple[list[Version], list[Problem]]:
    """Load the company's versions and report every way the archive differs from what was released.

    `deployed`: the deploy's record, the notice periods are counted from (notices/checks/released.py).

    With `history`, also compare them with git's record of what was released (notices/checks/released.py);
    with `against`, also with that git ref's versions.yml.
    """
    company = site.company
    company_dir = company.path.parent
    registry = display_path(company_dir / REGISTRY, site.root)
    try:
        versions = load_versions(company_dir, company.languages, site.root)
    except SourceError as error:
        return [], list(error.problems)
    problems: list[Problem] = []
    seen: set[str] = set()
    redated: set[str] = set()
    for index, version in enumerate(versions):
        if version.id in seen:
            problems.append(Problem(registry, version.line, f"version id '{version.id}' is used twice"))
        seen.add(version.id)
        heads = []
        for lang in company.languages:
            found, head = _check_file(site, version, lang, registry)
            problems += found
            heads += [head] if head is not None else []
        redating = _redated(site, version, heads, registry)
        if redating is not None:
            problems.append(redating)
            redated.add(version.id)
        # A re-dated version is out of order because of it: the re-dating alone is reported.
        if index and not redated & {version.id, versions[index - 1].id}:
            before = versions[index - 1]
            if version.effective < before.effective or version.published < before.published:
                problems.append(Problem(registry, version.line,
                    f"version '{version.id}' is dated before '{before.id}': versions must be in date order"))
    archive = company_dir / ARCHIVE
    if archive.is_dir():
        for folder in sorted(p for p in archive.iterdir() if p.is_dir()):
            if folder.name not in seen:
                problems.append(Problem(display_path(folder, site.root), 1,
                    f"archived version '{folder.name}' is not in {registry}: an archived version is never removed"))
    if history or against:
        problems.extend(check_history(site, versions, against, record=history, as_of=as_of,
                                      deployed=deployed))
    if versions and site.pages.get(NOTICE_PAGE) and not site.errors:
        problems += _draft_differs(site, versions[-1])
    return versions, problems


def _draft_differs(site: CompanySite, latest: Version) -> list[Problem]:
    """Where the editor's notice differs from the latest release: readers see it only once released."""
    problems = []
    for lang, page in site.pages[NOTICE_PAGE].items():
        try:
            then = released(site, latest, lang)
        except ArchiveUnreadable:
            continue  # reported by _check_file
        now = draft(site, lang)
        release = f"readers see it only after `notices release {site.company.id}`"
        if now.title != then.title:
            problems.append(Problem(page.shown_as, page.meta_line("title"),
                f"this title differs from the title of the latest released version '{latest.id}' "
                f"('{then.title}'): {release}", WARNING))
        if now.text.strip() != then.text.strip():
            problems.append(Problem(page.shown_as, _first_difference(site, page, then.text),
                f"this text differs from the latest released version '{latest.id}': {release}", WARNING))
    problems += _facts_differ(site, latest)
    return problems


def _facts_differ(site: CompanySite, latest: Version) -> list[Problem]:
    """Facts shown around the text (name, authority) that differ from the release: readers see them once released."""
    problems = []
    for lang in site.company.languages:
        then = (latest.facts or {}).get(lang)
        now = frame_facts(site, lang)
        if then is None or then == now:
            continue
        changed = [key for key in FRAME_FACTS if then.get(key) != now.get(key)]
        fact = "supervisory_authority" if changed[0].startswith("authority") else \
            next((key for key in NAMES if key in site.company.data), "legal_name")
        problems.append(Problem(site.company.shown_as, site.company.line(fact),
            f"what the site shows around the '{lang}' text changed since the latest released version "
            f"'{latest.id}' ({', '.join(f'{key} was: {then.get(key)}' for key in changed)}): readers see the "
            f"change only after `notices release {site.company.id}`", WARNING))
    return problems


def _first_difference(site: CompanySite, page: PageSource, then: str) -> int:
    """The line of the page (or of a snippet's include) that first writes what the release does not have."""
    kept = {line.strip() for line in then.split("\n")}
    for line, shown, number in trace(site.renderer(page.lang), page.padded_body(), page.shown_as):
        if line.strip() and line.strip() not in kept:
            return number if shown == page.shown_as else page.body_start
    return page.body_start


def _check_file(site: CompanySite, version: Version, lang: str,
                registry: str) -> tuple[list[Problem], dict[str, object] | None]:
    """What is wrong with one archived text, and its identity block when it is the one released."""
    path = archive_path(site.company.path.parent, version.id, lang)
    shown = display_path(path, site.root)
    if not path.is_file():
        return [Problem(shown, 1, f"the archived text of '{version.id}' in '{lang}' ({shown}) was removed: "
                                  f"restore it from git ({registry}:{version.line} lists it)")], None
    try:
        archived = read_archive(site.company.path.parent, version.id, lang)
    except ArchiveUnreadable as error:
        return [Problem(shown, 1, f"the archived text of '{version.id}' in '{lang}' {error.reason}: "
                                  f"restore it from git, never edit it")], None
    if sha256(archived.data) != version.sha256[lang]:
        # Its dates cannot be trusted either: the text itself is what must be restored.
        return [Problem(shown, _changed_line(site, path, archived.data),
                        f"archived text altered: its SHA-256 no longer matches {registry} "
                        f"(version '{version.id}'); restore it from git, never edit it")], None
    return [], archived.head()


def _changed_line(site: CompanySite, path: Path, data: bytes) -> int:
    """The first line where an altered archived text differs from its copy as it first reached main (1 without git)."""
    try:
        first = first_copy(path, record_start(site.root))
    except (NoHistory, SourceError):
        return 1
    if first is None:
        return 1
    for number, (now, then) in enumerate(zip(data.split(b"\n"), first.content.split(b"\n"), strict=False), start=1):
        if now != then:
            return number
    return min(data.count(b"\n"), first.content.count(b"\n")) + 1


def _redated(site: CompanySite, version: Version, heads: list[dict[str, object]], registry: str) -> Problem | None:
    """A version whose dates in the registry are not those its archived texts were released with."""
    for head in heads:
        effective, published = head.get("effective"), head.get("published")
        if effective == version.effective and published == version.published:
            continue
        moved = []
        today = today_in(site.company.time_zone)
        for key, now, then in (("effective", version.effective, effective),
                               ("published", version.published, published)):
            if now != then:
                where = " (in the future)" if isinstance(now, dt.date) and now > today else ""
                moved.append(f"{key} {then} to {now}{where}")
        return Problem(registry, version.line,
            f"version '{version.id}' was re-dated: {registry} moves its {' and its '.join(moved)}, but it was "
            f"released with effective {effective} and published {published} (its archived texts say so): "
            f"a released version's dates never change; write them back "
            f"(effective: {effective}, published: {published}) and release a new version to change when it applies")
    return None
