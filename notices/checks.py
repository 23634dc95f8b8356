"""Every check of a company, in one place: what `scripts/check.py` prints and what stops a build."""

from __future__ import annotations

from .clauses import INCLUDE
from .gdpr import load_coverage
from .integrity import check_versions
from .markup import anchors, broken_links, unsafe_markup
from .problems import Problem, SourceError, display_path
from .site import CompanySite
from .translations import TRANSLATES, changed_clauses
from .versions import NOTICE_PAGE, Version, frozen_text

RENAMED = "renamed_clauses"


def check_company(site: CompanySite, against: str | None = None) -> tuple[list[Version], list[Problem]]:
    """All problems of a company (errors and warnings), and its versions."""
    problems = list(site.problems)
    problems += _markup(site)
    versions, version_problems = check_versions(site, against)
    problems += version_problems
    if site.errors:
        return versions, problems
    problems += _renamed(site, versions)
    problems += _translations(site, versions)
    if NOTICE_PAGE in site.pages and site.company.default_language in site.pages[NOTICE_PAGE]:
        ids = [c.id for c in site.page_clauses(site.company.default_language, NOTICE_PAGE)]
        try:
            problems += load_coverage(site.company.path.parent, ids, site.company.languages, site.root)[1]
        except SourceError as error:
            problems += error.problems
    return versions, problems


def _markup(site: CompanySite) -> list[Problem]:
    problems: list[Problem] = []
    snippets_seen: set = set()
    for name, by_lang in sorted(site.pages.items()):
        for lang, page in by_lang.items():
            source = page.padded_body()
            problems += unsafe_markup(source, page.shown_as)
            for line in source.split("\n"):
                include = INCLUDE.match(line)
                path = site.snippets_dir / lang / include.group("name") if include else None
                if path and path.is_file() and path not in snippets_seen:
                    snippets_seen.add(path)
                    problems += unsafe_markup(path.read_text(encoding="utf-8"), display_path(path, site.root))
            if site.errors:
                continue
            pages = {other: anchors(site.filled(lang, other)) for other in site.pages if lang in site.pages[other]}
            problems += broken_links(source, page.shown_as, pages[name], pages)
    return problems


def _renamed(site: CompanySite, versions: list[Version]) -> list[Problem]:
    if not versions:
        return []
    original = site.company.default_language
    page = site.pages.get(NOTICE_PAGE, {}).get(original)
    if page is None:
        return []
    released = {c.value for c in _clauses_of(frozen_text(site.company.path.parent, versions[-1].id, original))}
    current = {c.id for c in site.page_clauses(original, NOTICE_PAGE)}
    redirects = page.meta.get(RENAMED) or {}
    problems = []
    for gone in sorted(released - current):
        target = redirects.get(gone)
        if target is None:
            problems.append(Problem(page.shown_as, 1,
                f"clause '{gone}' of released version '{versions[-1].id}' no longer exists: keep its id, or "
                f"declare the new one in the front matter (renamed_clauses: {{{gone}: new-id}}) so links keep working"))
        elif target not in current:
            problems.append(Problem(page.shown_as, 2, f"renamed_clauses sends '{gone}' to '{target}', "
                                                      f"which is not a clause of this page"))
    return problems


def _clauses_of(text: str):
    from .clauses import scan
    return [m for m in scan(text) if m.kind == "clause"]


def _translations(site: CompanySite, versions: list[Version]) -> list[Problem]:
    company = site.company
    original = company.default_language
    pages = site.pages.get(NOTICE_PAGE, {})
    if original not in pages:
        return []
    known = {v.id for v in versions}
    upcoming_id = f"v{len(versions) + 1}"
    problems = []
    for lang, page in pages.items():
        if lang == original:
            continue
        translates = page.meta.get(TRANSLATES)
        if versions and not translates:
            problems.append(Problem(page.shown_as, 1,
                f"say which version of the original this translation follows: add '{TRANSLATES}: "
                f"{versions[-1].id}' to the front matter (or '{upcoming_id}' when it follows the text to be released)"))
            continue
        if not translates or str(translates) == upcoming_id:
            continue
        if str(translates) not in known:
            problems.append(Problem(page.shown_as, 2, f"'{TRANSLATES}: {translates}' names no released version "
                                                      f"(released: {', '.join(sorted(known)) or 'none'})"))
            continue
        then = frozen_text(company.path.parent, str(translates), original)
        for clause_id in changed_clauses(then, site.filled(original, NOTICE_PAGE)):
            problems.append(Problem(page.shown_as, 1,
                f"clause '{clause_id}' of the original changed since {translates}: this translation may be behind; "
                f"update it and set '{TRANSLATES}: {upcoming_id}'", "warning"))
    return problems
