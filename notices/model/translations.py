"""Whether a translation follows its original: which clauses of the original changed since it was made."""

from __future__ import annotations

from pathlib import Path

from ..sources.cache import Cache
from .textdiff import clause_texts
from .versions import frozen_text

TRANSLATES = "translates"


def changed_clauses(original_then: str, original_now: str, cache: Cache | None = None) -> list[str]:
    """Clause ids whose text in the original differs between two texts of it (new clauses included)."""
    before = {c.id: c.text for c in clause_texts(original_then, cache)}
    return [c.id for c in clause_texts(original_now, cache) if before.get(c.id) != c.text]


def behind_clauses(company_dir: Path, source_id: str, version_id: str, original: str, lang: str,
                   cache: Cache | None = None) -> list[str]:
    """Clauses whose original changed between `source_id` and `version_id` while their translation did not.

    A change that reached every language alike (a fact from company.yml, a snippet changed in each
    language) changed the translation too, so it never marks the translation as behind.
    """
    original_changed = changed_clauses(frozen_text(company_dir, source_id, original),
                                       frozen_text(company_dir, version_id, original), cache)
    translated_changed = set(changed_clauses(frozen_text(company_dir, source_id, lang),
                                             frozen_text(company_dir, version_id, lang), cache))
    return [clause for clause in original_changed if clause not in translated_changed]
