"""A company's site loaded with its up-front checks: clause ids across languages, and that every page fills in."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ..model.versions import frozen_text, load_versions
from ..sources import clauses
from ..sources.company import load_company
from ..sources.pages import PageSource
from ..sources.problems import Problem, SourceError
from ..sources.provenance import missing_facts, missing_snippets
from ..sources.render import UnknownName
from ..sources.site import CompanySite, read_pages
from .rendered import MarkdownHtml


@dataclass
class CheckedSite(CompanySite):
    """A company's site whose sources were checked as it was loaded, with the converter its checks render with."""

    _markdown_html: MarkdownHtml | None = field(default=None, repr=False)

    def markdown_html(self) -> MarkdownHtml:
        """Markdown to HTML as the site renders it (one converter per site)."""
        if self._markdown_html is None:
            self._markdown_html = MarkdownHtml(self.snippets_dir.parent.parent)
        return self._markdown_html


def load_site(company_dir: Path, docs_dir: Path, snippets_dir: Path, root: Path | None = None) -> CheckedSite:
    """Load a company's sources and check them; raise SourceError if the facts cannot be read."""
    company = load_company(company_dir, root)
    site = CheckedSite(company, Path(docs_dir), Path(snippets_dir), root)
    read_pages(site)
    _check_clauses(site)
    _check_rendering(site)
    return site


def _check_clauses(site: CompanySite) -> None:
    original = site.company.default_language
    for name, by_lang in sorted(site.pages.items()):
        ids_by_lang: dict[str, list[clauses.Clause]] = {}
        for lang, page in by_lang.items():
            for marker in clauses.scan(page.padded_body()):
                problem = _marker_problem(page.shown_as, marker)
                if problem is not None:
                    site.problems.append(problem)
            _check_snippet_ids(site, lang, page)
            found = site.page_clauses(lang, name)
            seen: dict[str, int] = {}
            for clause in found:
                if clause.id in seen:
                    site.problems.append(Problem(page.shown_as, clause.line,
                        f"duplicate clause id '{clause.id}' (first at line {seen[clause.id]}): "
                        f"give each clause its own id"))
                else:
                    seen[clause.id] = clause.line
            ids_by_lang[lang] = found
        reference_lang = original if original in ids_by_lang else next(iter(ids_by_lang), None)
        if reference_lang is None:
            continue
        reference = ids_by_lang[reference_lang]
        for lang, found in ids_by_lang.items():
            if lang == reference_lang:
                continue
            _compare(site, by_lang[reference_lang], reference, by_lang[lang], found)


def _check_snippet_ids(site: CompanySite, lang: str, page: PageSource) -> None:
    """Headings and clause ids of the snippets a page includes, reported in the snippet."""
    for marker in clauses.scan(page.padded_body()):
        if marker.kind != "include":
            continue
        shown = site.shown(site.snippets_dir / lang / marker.value)
        for inner in site.snippet_markers(lang, marker.value):
            problem = _marker_problem(shown, inner) if inner.kind != "stray-id" else None
            if problem is not None and problem not in site.problems:
                site.problems.append(problem)


def _marker_problem(shown: str, marker: clauses.Marker) -> Problem | None:
    """What is wrong with a heading or clause id, at its line, or None."""
    if marker.kind == "unmarked-heading":
        return Problem(shown, marker.line, f"heading '{marker.label}' has no clause id: end it with {{#some-id}}")
    if marker.kind == "bad-id":
        return Problem(shown, marker.line, f"clause id '{marker.value}' must be lower-case letters, digits and hyphens")
    if marker.kind == "stray-id":
        return Problem(shown, marker.line,
                       f"'{{: #{marker.value} }}' stands alone after a blank line, so it marks nothing: put it "
                       f"directly under the last line of the paragraph it marks, with no blank line between")
    return None


def _compare(site: CompanySite, ref_page: PageSource, ref: list[clauses.Clause], page: PageSource,
             found: list[clauses.Clause]) -> None:
    here = {c.id: c.line for c in found}
    there = {c.id for c in ref}
    extra = [c for c in found if c.id not in there]
    missing = [c.id for c in ref if c.id not in here]
    misspelled: dict[str, clauses.Clause] = {}  # the original's id -> the translation's clause it is a misspelling of
    for clause in extra:
        close = difflib.get_close_matches(clause.id, [m for m in missing if m not in misspelled], n=1)
        if close:
            misspelled[close[0]] = clause
    released = _released_ids(site)
    for index, clause in enumerate(ref):
        if clause.id in misspelled:
            other = misspelled[clause.id]
            site.problems.append(_misspelling(site, released, ref_page, clause, page, other))
            continue
        if clause.id in here:
            continue
        before = next((here[c.id] for c in reversed(ref[:index]) if c.id in here), 1)
        site.problems.append(Problem(page.shown_as, before,
            f"clause '{clause.id}' is missing in this language (the original has it at "
            f"{ref_page.shown_as}:{clause.line}): after this line, put its translation with the line "
            f"'{{: #{clause.id} }}' under its first paragraph (or '{{#{clause.id}}}' at the end of its heading)"))
    for clause in extra:
        if clause not in misspelled.values():
            close = difflib.get_close_matches(clause.id, sorted(there), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            site.problems.append(Problem(page.shown_as, clause.line,
                f"clause '{clause.id}' does not exist in the original {ref_page.shown_as}: {hint}"
                f"use the original's clause ids"))


def _released_ids(site: CompanySite) -> dict[str, set[str]]:
    """Clause ids of the latest released version in each language (none before the first release)."""
    try:
        versions = load_versions(site.company.path.parent, site.company.languages, site.root)
        latest = versions[-1].id if versions else None
        return {lang: {m.value for m in clauses.scan(frozen_text(site.company.path.parent, latest, lang))
                       if m.kind == "clause"} for lang in site.company.languages} if latest else {}
    except (SourceError, OSError, UnicodeDecodeError):
        return {}


def _misspelling(site: CompanySite, released: dict[str, set[str]], ref_page: PageSource, clause: clauses.Clause,
                 page: PageSource, other: clauses.Clause) -> Problem:
    """Two close ids, one per language: reported in the file whose id left the released version."""
    original_ids, translated_ids = released.get(ref_page.lang, set()), released.get(page.lang, set())
    if clause.id not in original_ids and other.id in original_ids | translated_ids:
        return Problem(ref_page.shown_as, clause.line,
                       f"clause id '{clause.id}' is not in the released version nor in the translation "
                       f"{page.shown_as} (line {other.line}): did you mean '{other.id}'? Correct it here")
    if other.id not in translated_ids and clause.id in original_ids | translated_ids:
        return Problem(page.shown_as, other.line,
                       f"clause id '{other.id}' is not in the original {ref_page.shown_as} (line {clause.line}): "
                       f"did you mean '{clause.id}'? Correct it here")
    return Problem(ref_page.shown_as, clause.line,
                   f"clause id '{clause.id}' is not in the translation {page.shown_as}, which has '{other.id}' at "
                   f"line {other.line}: did you mean '{other.id}'? Correct the misspelled id in whichever file "
                   f"holds it")


def _check_rendering(site: CompanySite) -> None:
    for name, by_lang in sorted(site.pages.items()):
        for lang in by_lang:
            try:
                site.filled(lang, name)
            except SourceError as error:
                page = site.pages[name][lang]
                # Filling stops at the first unknown fact: list every one, each with the closest known name.
                renderer = site.renderer(lang)
                every = (missing_facts(renderer, page.padded_body(), page.shown_as)
                         + missing_snippets(renderer, page.padded_body(), page.shown_as))
                first = [] if every and isinstance(error, UnknownName) else error.problems
                site.problems.extend(first + [p for p in every if p not in site.problems])
