"""A company's notice site as sources: facts, pages per language, snippets; checked and rendered."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from . import clauses
from .company import Company, load_company
from .pages import PageSource, read_page
from .provenance import missing_facts, missing_snippets
from .problems import ERROR, Problem, SourceError, display_path
from .render import Renderer
from ..checks.rendered import MarkdownHtml



@dataclass
class CompanySite:
    """Everything one company's site is built from, with its problems found up front."""

    company: Company
    docs_dir: Path
    snippets_dir: Path
    root: Path | None
    pages: dict[str, dict[str, PageSource]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _filled: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _renderers: dict[str, Renderer] = field(default_factory=dict, repr=False)
    _markdown_html: MarkdownHtml | None = field(default=None, repr=False)

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop a build."""
        return [p for p in self.problems if p.severity == ERROR]

    def shown(self, path: Path) -> str:
        """A path as messages show it."""
        return display_path(path, self.root)

    def renderer(self, lang: str) -> Renderer:
        """The renderer for `lang` (one per language: its snippets are compiled once)."""
        if lang not in self._renderers:
            self._renderers[lang] = Renderer(self.snippets_dir, lang, self.company.facts(lang),
                                             self.company.shown_as, self.root)
        return self._renderers[lang]

    def markdown_html(self) -> MarkdownHtml:
        """Markdown to HTML as the site renders it (one converter per site)."""
        if self._markdown_html is None:
            self._markdown_html = MarkdownHtml(self.snippets_dir.parent.parent)
        return self._markdown_html

    def page_clauses(self, lang: str, name: str) -> list[clauses.Clause]:
        """Clauses of a page in order, snippet clauses placed at their include line."""
        page = self.pages[name][lang]
        found = []
        for marker in clauses.scan(page.padded_body()):
            if marker.kind == "clause":
                found.append(clauses.Clause(marker.value, marker.line, marker.label, marker.level))
            elif marker.kind == "include":
                for inner in self._snippet_markers(lang, marker.value):
                    if inner.kind == "clause":
                        found.append(clauses.Clause(inner.value, marker.line, inner.label, inner.level))
        return found

    def _snippet_markers(self, lang: str, name: str) -> list[clauses.Marker]:
        path = self.snippets_dir / lang / name
        if ".." in Path(name).parts or not path.is_file():
            return []
        try:
            return clauses.scan(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return []  # reported when the page is rendered

    def filled(self, lang: str, name: str) -> str:
        """The page's Markdown with facts and snippets filled in: the text a version freezes."""
        if (lang, name) not in self._filled:
            self._filled[(lang, name)] = self._fill(lang, name)
        return self._filled[(lang, name)]

    def _fill(self, lang: str, name: str) -> str:
        page = self.pages.get(name, {}).get(lang)
        if page is None:  # it could not be read: its problems are reported where it was read
            raise SourceError([Problem(self.shown(self.docs_dir / lang / name), 1,
                                       "this page could not be read: fix the problem reported for it")])
        text = self.renderer(lang).render(page.padded_body(), page.shown_as)
        renamed = page.meta.get("renamed_clauses") or {}
        if renamed:
            text = _keep_old_anchors(text, renamed)
        return text.strip() + "\n"

def _keep_old_anchors(text: str, renamed: dict) -> str:
    """Old clause ids kept as anchors before the clauses that replaced them, so old links still land."""
    starts: dict[int, list[str]] = {}
    for marker in clauses.scan(text):
        if marker.kind == "clause":
            for old, new in renamed.items():
                if new == marker.value:
                    starts.setdefault(marker.line, []).append(str(old))
    lines = text.split("\n")
    out = []
    for number, line in enumerate(lines, start=1):
        for old in starts.get(number, []):
            out.extend([f'<span id="{old}"></span>', ""])
        out.append(line)
    return "\n".join(out)


def load_site(company_dir: Path, docs_dir: Path, snippets_dir: Path, root: Path | None = None) -> CompanySite:
    """Load a company's sources and check them; raise SourceError if the facts cannot be read."""
    company = load_company(company_dir, root)
    site = CompanySite(company, Path(docs_dir), Path(snippets_dir), root)
    _read_pages(site)
    _check_clauses(site)
    _check_rendering(site)
    return site


def _read_pages(site: CompanySite) -> None:
    languages = site.company.languages
    docs = site.docs_dir
    if not docs.is_dir():
        site.problems.append(Problem(site.shown(docs), 1, "the company's docs folder does not exist"))
        return
    for folder in sorted(p for p in docs.iterdir() if p.is_dir()):
        if folder.name not in languages:
            site.problems.append(Problem(site.shown(folder), 1,
                f"folder '{folder.name}' is not one of the company's languages {languages} "
                f"(see {site.company.shown_as})"))
    unreadable = set()
    for lang in languages:
        folder = docs / lang
        if not folder.is_dir():
            site.problems.append(Problem(site.shown(folder), 1,
                f"language '{lang}' ({site.company.shown_as}:{site.company.line('languages')}) has no folder "
                f"{site.shown(folder)}/: add it with the notice in that language, or remove the language"))
            continue
        for path in sorted(p for p in folder.rglob("*.md") if p.is_file()):
            name = path.relative_to(folder).as_posix()
            try:
                site.pages.setdefault(name, {})[lang] = read_page(path, site.shown(path), lang, name)
            except SourceError as error:
                site.problems.extend(error.problems)
                unreadable.add((lang, name))
    for name, by_lang in sorted(site.pages.items()):
        present = next(iter(by_lang.values()))
        for lang in languages:
            if lang not in by_lang and (docs / lang).is_dir() and (lang, name) not in unreadable:
                site.problems.append(Problem(present.shown_as, 1,
                    f"this page has no '{lang}' version: add {site.shown(docs / lang / name)} "
                    f"(a missing translation is never filled in from another language)"))


def _check_clauses(site: CompanySite) -> None:
    original = site.company.default_language
    for name, by_lang in sorted(site.pages.items()):
        ids_by_lang: dict[str, list[clauses.Clause]] = {}
        for lang, page in by_lang.items():
            for marker in clauses.scan(page.padded_body()):
                if marker.kind == "unmarked-heading":
                    site.problems.append(Problem(page.shown_as, marker.line,
                        f"heading '{marker.label}' has no clause id: end it with {{#some-id}}"))
                elif marker.kind == "bad-id":
                    site.problems.append(Problem(page.shown_as, marker.line,
                        f"clause id '{marker.value}' must be lower-case letters, digits and hyphens"))
                elif marker.kind == "stray-id":
                    site.problems.append(Problem(page.shown_as, marker.line,
                        f"'{{: #{marker.value} }}' stands alone after a blank line, so it marks nothing: put it "
                        f"directly under the last line of the paragraph it marks, with no blank line between"))
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
        for inner in site._snippet_markers(lang, marker.value):
            if inner.kind == "unmarked-heading":
                problem = Problem(shown, inner.line,
                                  f"heading '{inner.label}' has no clause id: end it with {{#some-id}}")
            elif inner.kind == "bad-id":
                problem = Problem(shown, inner.line,
                                  f"clause id '{inner.value}' must be lower-case letters, digits and hyphens")
            else:
                continue
            if problem not in site.problems:
                site.problems.append(problem)


def _compare(site, ref_page, ref, page, found) -> None:
    here = {c.id: c.line for c in found}
    there = {c.id for c in ref}
    extra = [c for c in found if c.id not in there]
    missing = [c.id for c in ref if c.id not in here]
    misspelled = {}  # the original's id -> the translation's clause it is a misspelling of
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
    from ..model.versions import frozen_text, load_versions
    try:
        versions = load_versions(site.company.path.parent, site.company.languages, site.root)
        latest = versions[-1].id if versions else None
        return {lang: {m.value for m in clauses.scan(frozen_text(site.company.path.parent, latest, lang))
                       if m.kind == "clause"} for lang in site.company.languages} if latest else {}
    except (SourceError, OSError, UnicodeDecodeError):
        return {}


def _misspelling(site, released, ref_page, clause, page, other) -> Problem:
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
                first = [p for p in error.problems if not every or not (
                    "has no value in" in p.message or "does not exist in" in p.message)]
                site.problems.extend(first + [p for p in every if p not in site.problems])
