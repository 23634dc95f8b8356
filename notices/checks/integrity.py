"""Checks that released versions stay exactly as released: present, unaltered, not re-dated."""

from __future__ import annotations

from ..model.versions import ARCHIVE, NOTICE_PAGE, REGISTRY, Version, archive_path, frozen_text, load_versions, sha256
from ..sources.problems import WARNING, Problem, SourceError, display_path
from ..sources.site import CompanySite
from ..sources.yamlsource import MAX_BYTES, parse_yaml
from .released import check_history


def check_versions(site: CompanySite, against: str | None = None,
                   history: bool = False) -> tuple[list[Version], list[Problem]]:
    """Load the company's versions and report every way the archive differs from what was released.

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
    for index, version in enumerate(versions):
        if version.id in seen:
            problems.append(Problem(registry, version.line, f"version id '{version.id}' is used twice"))
        seen.add(version.id)
        if index:
            before = versions[index - 1]
            if version.effective < before.effective or version.published < before.published:
                problems.append(Problem(registry, version.line,
                    f"version '{version.id}' is dated before '{before.id}': versions must be in date order"))
        for lang in company.languages:
            problems.extend(_check_file(site, version, lang, registry))
    archive = company_dir / ARCHIVE
    if archive.is_dir():
        for folder in sorted(p for p in archive.iterdir() if p.is_dir()):
            if folder.name not in seen:
                problems.append(Problem(display_path(folder, site.root), 1,
                    f"archived version '{folder.name}' is not in {registry}: an archived version is never removed"))
    if history or against:
        problems.extend(check_history(site, versions, against, record=history))
    if versions and site.pages.get(NOTICE_PAGE):
        latest = versions[-1]
        for lang in company.languages:
            try:
                frozen = frozen_text(company_dir, latest.id, lang)
            except (OSError, UnicodeDecodeError):
                continue  # reported by _check_file
            if lang in site.pages[NOTICE_PAGE] and not site.errors and (
                    site.filled(lang, NOTICE_PAGE).strip() != frozen.strip()):
                problems.append(Problem(site.pages[NOTICE_PAGE][lang].shown_as, 1,
                    f"this text differs from the latest released version '{latest.id}': readers see it only "
                    f"after `notices release {company.id}`", WARNING))
    return versions, problems


def _check_file(site: CompanySite, version: Version, lang: str, registry: str) -> list[Problem]:
    path = archive_path(site.company.path.parent, version.id, lang)
    shown = display_path(path, site.root)
    if not path.is_file():
        return [Problem(shown, 1, f"the archived text of '{version.id}' in '{lang}' ({shown}) was removed: "
                                  f"restore it from git ({registry}:{version.line} lists it)")]
    try:
        if path.is_symlink() or path.stat().st_size > MAX_BYTES:
            return [Problem(shown, 1, f"the archived text of '{version.id}' in '{lang}' is a symbolic link or larger "
                                      f"than {MAX_BYTES // 1_000_000} MB: restore it from git, never edit it")]
        data = path.read_bytes()
    except OSError as error:
        return [Problem(shown, 1, f"the archived text of '{version.id}' in '{lang}' cannot be read "
                                  f"({error.strerror or error})")]
    if sha256(data) != version.sha256[lang]:
        # Its dates cannot be trusted either: the text itself is what must be restored.
        return [Problem(shown, 1, f"archived text altered: its SHA-256 no longer matches {registry} "
                                  f"(version '{version.id}'); restore it from git, never edit it")]
    problems = []
    try:
        head = parse_yaml(data.decode("utf-8").split("\n---\n", 1)[0].removeprefix("---\n"), shown).data or {}
    except (SourceError, UnicodeDecodeError):
        head = {}
    if not isinstance(head, dict):
        head = {}
    if head.get("effective") != version.effective or head.get("published") != version.published:
        problems.append(Problem(registry, version.line,
            f"version '{version.id}' was re-dated: {registry} says effective {version.effective}, published "
            f"{version.published}, but its archived text says {head.get('effective')}, {head.get('published')}"))
    return problems
