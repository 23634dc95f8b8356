"""Whether a translation follows its original: which clauses of the original changed and the translation's did not."""

from __future__ import annotations

from pathlib import Path

from ..sources.cache import Cache
from ..sources.markdown_html import MarkdownHtml
from .archive import frozen_text
from .textdiff import clause_texts

TRANSLATES = "translates"


def changed_clauses(then: str, now: str, to_html: MarkdownHtml, cache: Cache | None = None) -> list[str]:
    """Clause ids whose text differs between two texts of one language (new clauses included)."""
    before = {c.id: c.text for c in clause_texts(then, to_html, cache)}
    return [c.id for c in clause_texts(now, to_html, cache) if before.get(c.id) != c.text]


def stale_clauses(original: tuple[str, str], translation: tuple[str, str], to_html: MarkdownHtml,
                  cache: Cache | None = None) -> list[str]:
    """Clauses of the original that changed between two of its texts while the translation's did not.

    `original` and `translation` are each a (then, now) pair of texts. A change that reached every
    language alike (a fact from company.yml, a snippet changed in each language) changed the translation
    too, so it never marks the translation as behind.
    """
    moved = set(changed_clauses(*translation, to_html, cache))
    return [clause for clause in changed_clauses(*original, to_html, cache) if clause not in moved]


def behind_clauses(company_dir: Path, source_id: str, version_id: str, original: str, lang: str,
                   to_html: MarkdownHtml, cache: Cache | None = None) -> list[str]:
    """Clauses a released translation that follows `source_id` may be behind on in version `version_id`."""
    def pair(language: str) -> tuple[str, str]:
        return frozen_text(company_dir, source_id, language), frozen_text(company_dir, version_id, language)

    return stale_clauses(pair(original), pair(lang), to_html, cache)
