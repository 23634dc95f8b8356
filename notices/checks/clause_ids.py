"""Clause ids across a page's languages and snippets: each marked, well formed, once, the same in every language."""

from __future__ import annotations

import difflib

from ..model.archive import frozen_text
from ..model.versions import load_versions
from ..sources import clauses
from ..sources.pages import PageSource
from ..sources.problems import Problem, SourceError
from ..sources.site import CompanySite


def clause_id_problems(site: CompanySite) -> list[Problem]:
    """Every problem of the clause ids of the company's pages, in the file where it is to be fixed."""
    found: list[Problem] = []
    _check_clauses(site, found)
    return found


def _check_clauses(site: CompanySite, found: list[Problem]) -> None:
    original = site.company.default_language
    for name, by_lang in sorted(site.pages.items()):
        ids_by_lang: dict[str, list[clauses.Clause]] = {}
        for lang, page in by_lang.items():
            for marker in clauses.scan(page.padded_body()):
                problem = _marker_problem(page.shown_as, marker)
                if problem is not None:
                    found.append(problem)
            _check_snippet_ids(site, lang, page, found)
            ids = site.page_clauses(lang, name)
            seen: dict[str, int] = {}
            for clause in ids:
                if clause.id in seen:
                    found.append(Problem(page.shown_as, clause.line,
                        f"duplicate clause id '{clause.id}' (first at line {seen[clause.id]}): "
                        f"give each clause its own id"))
                else:
                    seen[clause.id] = clause.line
            ids_by_lang[lang] = ids
        if any(len({c.id for c in ids}) < len(ids) for ids in ids_by_lang.values()):
            continue  # a duplicated id makes every language look different: it alone is reported, where it is
        reference_lang = original if original in ids_by_lang else next(iter(ids_by_lang), None)
        if reference_lang is None:
            continue
        reference = ids_by_lang[reference_lang]
        for lang, ids in ids_by_lang.items():
            if lang == reference_lang:
                continue
            _compare(site, by_lang[reference_lang], reference, by_lang[lang], ids, found)


def _check_snippet_ids(site: CompanySite, lang: str, page: PageSource, found: list[Problem]) -> None:
    """Headings and clause ids of the snippets a page includes, reported in the snippet."""
    for marker in clauses.scan(page.padded_body()):
        if marker.kind != "include":
            continue
        shown = site.shown(site.snippets_dir / lang / marker.value)
        for inner in site.snippet_markers(lang, marker.value):
            problem = _marker_problem(shown, inner) if inner.kind != "stray-id" else None
            if problem is not None and problem not in found:
                found.append(problem)


def _marker_problem(shown: str, marker: clauses.Marker) -> Problem | None:
    """What is wrong with a heading or clause id, at its line, or None."""
    if marker.kind == "unmarked-heading":
        return Problem(shown, marker.line, f"heading '{marker.label}' has no clause id: end it with {{#some-id}}")
    if marker.kind == "bad-id":
        return Problem(shown, marker.line, f"clause id '{marker.value}' must be lower-case letters, digits and hyphens")
    if marker.kind == "unparsed":
        return Problem(shown, marker.line, f"this clause marker does not parse, so it marks nothing: write the id "
                                           f"against its '#', with no space: #{marker.value}")
    if marker.kind == "stray-id":
        return Problem(shown, marker.line,
                       f"'{{: #{marker.value} }}' stands alone after a blank line, so it marks nothing: put it "
                       f"directly under the last line of the paragraph it marks, with no blank line between")
    return None


def _compare(site: CompanySite, ref_page: PageSource, ref: list[clauses.Clause], page: PageSource,
             ids: list[clauses.Clause], found: list[Problem]) -> None:
    here = {c.id: c.line for c in ids}
    there = {c.id for c in ref}
    extra = [c for c in ids if c.id not in there]
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
            found.append(_misspelling(site, released, ref_page, clause, page, other))
            continue
        if clause.id in here:
            continue
        previous = next((here[c.id] for c in reversed(ref[:index]) if c.id in here), None)
        end = _end_of_clause(page, ids, previous)
        unmarked = [m for m in clauses.scan(page.padded_body())
                    if m.kind == "unmarked-heading" and (previous or 0) < m.line <= end]
        if unmarked:
            # The heading without its id is where the clause is: one message, there.
            heading = unmarked[0]
            found[:] = [p for p in found if (p.path, p.line) != (page.shown_as, heading.line)]
            found.append(Problem(page.shown_as, heading.line,
                f"heading '{heading.label}' has no clause id; the original has clause '{clause.id}' here "
                f"({ref_page.shown_as}:{clause.line}): end it with {{#{clause.id}}}"))
            continue
        found.append(Problem(page.shown_as, end,
            f"clause '{clause.id}' is missing in this language (the original has it at "
            f"{ref_page.shown_as}:{clause.line}): after this line, put its translation with the line "
            f"'{{: #{clause.id} }}' under its first paragraph (or '{{#{clause.id}}}' at the end of its heading)"))
    for clause in extra:
        if clause not in misspelled.values():
            close = difflib.get_close_matches(clause.id, sorted(there), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            found.append(Problem(page.shown_as, clause.line,
                f"clause '{clause.id}' does not exist in the original {ref_page.shown_as}: {hint}"
                f"use the original's clause ids"))


def _end_of_clause(page: PageSource, ids: list[clauses.Clause], start: int | None) -> int:
    """The last written line of the clause that starts at `start` (the body's first line when there is none)."""
    if start is None:
        return page.body_start
    lines = page.padded_body().split("\n")
    following = [c.line for c in ids if c.line > start]
    end = min(following) - 1 if following else len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


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

