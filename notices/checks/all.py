"""Every check of a company, in one place: what `notices check` prints and what stops a build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.archive import ArchiveUnreadable, archive_path, read_archive
from ..model.gdpr import publishes_index
from ..model.translations import TRANSLATES, stale_clauses
from ..model.versions import NOTICE_PAGE, Version
from ..sources.clauses import scan
from ..sources.labels import load_labels
from ..sources.problems import ERROR, WARNING, Problem, SourceError, display_path
from ..sources.provenance import trace
from ..sources.shape import shape_problem
from ..sources.site import CompanySite
from ..sources.site_config import check_site_config
from ..sources.tree import check_tree
from .clause_ids import clause_id_problems
from .continuity import host_changes
from .disclosure import check_disclosure
from .emphasis import emphasis_problems, unpaired
from .gdpr import Coverage, check_frozen, load_coverage, name_problems
from .integrity import check_versions
from .link_targets import HELP as LINK_HELP
from .link_targets import company_addresses, link_problem
from .markup import anchors, broken_links
from .rendered import Judge, Origin, check_markdown, passes
from .spelling import check_spelling

RENAMED = "renamed_clauses"


@dataclass
class CompanyCheck:
    """What checking a company found: its versions, its GDPR index (if complete), every problem."""

    versions: list[Version]
    coverage: Coverage | None
    problems: list[Problem]

    def __post_init__(self) -> None:
        # Two checks may come upon one problem: each is told once.
        self.problems = list(dict.fromkeys(self.problems))

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a build or a release."""
        return [p for p in self.problems if p.severity == ERROR]


def check_company(site: CompanySite, against: str | None = None, history: bool = False,
                  build: bool = False, spelling: bool = False, as_of: str | None = None,
                  deployed: Path | None = None) -> CompanyCheck:
    """All problems of a company (errors and warnings), with its versions and coverage.

    `history` also compares the released versions with git's record (the check does; builds do not).
    `as_of`: the day taken as today (a preview's), instead of the real day in the company's time zone.
    `build`: the build renders every text it publishes once and gates that HTML (notices/plugin/), with
    the messages of `text_problems` and `archive_problems`; so the check renders only what it does not publish.
    `deployed`: the deploy's record of first publication days (a deployed.json, or a folder of them by
    company), which the notice periods are counted from; without it, from git's dates.
    `spelling`: also the words the dictionaries do not know (warnings for the editors, `notices check`).
    """
    clause_ids = clause_id_problems(site)
    problems = list(site.problems) + clause_ids
    problems += check_site_config(site.company, site.root)
    problems += check_tree(site.root, site.company.id) if site.root is not None else []
    versions, version_problems = check_versions(site, against, history, as_of, deployed)
    problems += host_changes(site, against) if history else []
    problems += check_spelling(site) if spelling else []
    # Nothing reads a released text further once one is beyond the bounds of any text (shape.py).
    beyond = _archive_shape(site, versions)
    # A heading or clause marker at fault also leaves its line outside the allowlist: its own message says why.
    at_fault = {(p.path, p.line) for p in clause_ids if p.severity == ERROR}
    problems += [p for p in _markup(site, versions if build else None) if (p.path, p.line) not in at_fault]
    problems += _labels(site)
    problems += version_problems + beyond
    coverage = None
    if site.errors or beyond or any(p.severity == ERROR for p in clause_ids):
        return CompanyCheck(versions, coverage, problems)
    if not build:
        problems += _archive_markup(site, versions)
    problems += _renamed(site, versions)
    # A registry that cannot be read leaves every translation naming no version: it alone is told.
    registry_unread = not versions and any(p.severity == ERROR for p in version_problems)
    problems += [] if registry_unread else translations_behind(site, versions)
    problems += check_disclosure(site)
    if NOTICE_PAGE in site.pages and site.company.default_language in site.pages[NOTICE_PAGE]:
        try:
            coverage, coverage_problems = load_coverage(site)
            problems += coverage_problems
        except SourceError as error:
            problems += error.problems
    if publishes_index(site):
        problems += name_problems(site)
    problems += check_frozen(site, versions)
    return CompanyCheck(versions, coverage, problems)


def _markup(site: CompanySite, published: list[Version] | None = None) -> list[Problem]:
    """Every page as readers get it passes the HTML allowlist; its links lead somewhere.

    `published`: in a build, the released versions. A page the build publishes as it is (every page but
    the notice, and the notice when it is a released text or nothing is released) is left to the build's gate.
    """
    problems: list[Problem] = []
    if site.errors:
        return problems
    to_html, cache = site.markdown_html(), site.cache
    for name, by_lang in sorted(site.pages.items()):
        for lang, page in by_lang.items():
            text = site.filled(lang, name)
            if not (published is not None and _published(site, published, lang, name, text)):
                if not passes(text, to_html, cache):
                    problems += text_problems(site, lang, name)
                elif not passes(text, to_html, cache, *_link_rule(site)):
                    problems += text_problems(site, lang, name, _link_rule(site)[0])
            left = unpaired(text, to_html, cache)
            if left:
                problems += emphasis_problems(left, *_traced(site, lang, name))
            pages = {other: anchors(site.filled(lang, other)) for other in site.pages if lang in site.pages[other]}
            problems += broken_links(page.padded_body(), page.shown_as, pages[name], pages)
    return problems


def _published(site: CompanySite, versions: list[Version], lang: str, name: str, text: str) -> bool:
    if name != NOTICE_PAGE or not versions:
        return True
    # Newest first: a draft is most often the text just released.
    return any(_frozen(site, version.id, lang) == text for version in reversed(versions))


def text_problems(site: CompanySite, lang: str, name: str, judge: Judge | None = None) -> list[Problem]:
    """Where an editor's page, filled in, first leaves the allowlist (or `judge`): the page's or a snippet's line."""
    text, origins = _traced(site, lang, name)
    if judge is None:
        return check_markdown(text, site.markdown_html(), origins)
    found = check_markdown(text, site.markdown_html(), origins, judge, LINK_HELP)
    reason = None if found else judge(site.markdown_html()(site.filled(lang, name)))
    if reason:  # from what the page adds to its text: the old ids it keeps (renamed_clauses)
        page = site.pages[name][lang]
        found = [Problem(page.shown_as, page.meta_line(RENAMED), f"{reason}: {LINK_HELP}")]
    return found


def _link_rule(site: CompanySite, released: bool = False) -> tuple[Judge, tuple[str, ...]]:
    """The link rule for this company's draft (its own mail addresses) or `released` texts, and its cache key."""
    own = None if released else company_addresses(site.company.data)
    return (lambda html: link_problem(html, own)), ("links", *sorted(own or ("released",)))


def _traced(site: CompanySite, lang: str, name: str) -> tuple[str, list[Origin]]:
    """An editor's page filled in, with the file and line each of its lines came from."""
    page = site.pages[name][lang]
    traced = trace(site.renderer(lang), page.padded_body(), page.shown_as)
    return "\n".join(line for line, _, _ in traced), [Origin(shown, number) for _, shown, number in traced]


def archive_problems(site: CompanySite, version_id: str, lang: str, judge: Judge | None = None) -> list[Problem]:
    """Where a released text first leaves the allowlist (or `judge`): the line of its archived file."""
    text = _frozen(site, version_id, lang)
    if text is None:
        return []  # check_versions says why it cannot be read
    shown, offset = _archive_place(site, version_id, lang, text)
    origins = [Origin(shown, number + offset) for number in range(1, text.count("\n") + 2)]
    if judge is not None:
        return check_markdown(text, site.markdown_html(), origins, judge, LINK_HELP)
    return check_markdown(text, site.markdown_html(), origins)


def _archive_place(site: CompanySite, version_id: str, lang: str, text: str) -> tuple[str, int]:
    """A released text's file as messages show it, and how many header lines precede the text in it."""
    path = archive_path(site.company.path.parent, version_id, lang)
    return display_path(path, site.root), read_archive(site.company.path.parent, version_id, lang).offset


def _archive_shape(site: CompanySite, versions: list[Version]) -> list[Problem]:
    """Released texts within the bounds every text keeps (shape.py), before any parser reads them."""
    problems = []
    for version in versions:
        for lang in site.company.languages:
            text = _frozen(site, version.id, lang)
            if text is not None:
                shown, offset = _archive_place(site, version.id, lang, text)
                problem = shape_problem(text, shown, offset + 1)
                problems += [problem] if problem is not None else []
    return problems


def _archive_markup(site: CompanySite, versions: list[Version]) -> list[Problem]:
    """Frozen versions pass the same allowlist as the live text: the archive is published too."""
    problems: list[Problem] = []
    to_html, cache = site.markdown_html(), site.cache
    for version in versions:
        for lang in site.company.languages:
            text = _frozen(site, version.id, lang)
            if text is not None and not passes(text, to_html, cache):
                problems += archive_problems(site, version.id, lang)
            elif text is not None and not passes(text, to_html, cache, *_link_rule(site, released=True)):
                problems += archive_problems(site, version.id, lang, _link_rule(site, released=True)[0])
    return problems


def _labels(site: CompanySite) -> list[Problem]:
    """The site's words (labels.yml) in every language of the company."""
    problems: list[Problem] = []
    for lang in site.company.languages:
        try:
            load_labels(site, lang)
        except SourceError as error:
            problems += error.problems
    return problems


def _frozen(site: CompanySite, version_id: str, lang: str) -> str | None:
    """A released text, or None when it cannot be read within its bounds (check_versions reports why)."""
    try:
        return read_archive(site.company.path.parent, version_id, lang).text
    except ArchiveUnreadable:
        return None


def _renamed(site: CompanySite, versions: list[Version]) -> list[Problem]:
    if not versions:
        return []
    original = site.company.default_language
    page = site.pages.get(NOTICE_PAGE, {}).get(original)
    if page is None:
        return []
    text = _frozen(site, versions[-1].id, original)
    if text is None:
        return []
    released = {m.value for m in scan(text) if m.kind == "clause"}
    current = {c.id for c in site.page_clauses(original, NOTICE_PAGE)}
    redirects = page.meta.get(RENAMED) or {}
    problems = []
    for gone in sorted(released - current):
        target = redirects.get(gone)
        if target is None:
            problems.append(Problem(page.shown_as, page.meta_line(RENAMED),
                f"clause '{gone}' of released version '{versions[-1].id}' no longer exists: keep its id, or "
                f"declare the new one in the front matter (renamed_clauses: {{{gone}: new-id}}) so links keep working"))
        elif target not in current:
            problems.append(Problem(page.shown_as, page.meta_line(RENAMED),
                                    f"renamed_clauses sends '{gone}' to '{target}', "
                                    f"which is not a clause of this page"))
    return problems


def translations_behind(site: CompanySite, versions: list[Version]) -> list[Problem]:
    """Each clause a translation may be behind on (warnings), and translations that name no version."""
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
            problems.append(Problem(page.shown_as, page.meta_line(TRANSLATES),
                                    f"'{TRANSLATES}: {translates}' names no released version "
                                    f"(released: {', '.join(sorted(known)) or 'none'})"))
            continue
        latest = versions[-1].id
        then, translated_then = _frozen(site, latest, original), _frozen(site, latest, lang)
        if then is None or translated_then is None:
            continue
        lines = {c.id: c.line for c in site.page_clauses(lang, NOTICE_PAGE)}
        # Since the latest release: a clause whose translation changed too (an edit, or a fact or snippet that
        # reaches every language) is not behind; one whose original alone changed may be.
        stale = stale_clauses((then, site.filled(original, NOTICE_PAGE)),
                              (translated_then, site.filled(lang, NOTICE_PAGE)), site.markdown_html(), site.cache)
        for clause_id in stale:
            problems.append(Problem(page.shown_as, lines.get(clause_id, page.meta_line(TRANSLATES)),
                f"clause '{clause_id}' of the original changed since {latest} and its translation did not: update "
                f"it, or, if it is still accurate, release with --translation-current {lang}", WARNING))
    return problems
