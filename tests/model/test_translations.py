"""Whether a translation follows its original (notices/model/translations.py)."""

from __future__ import annotations

from pathlib import Path

from notices.model.translations import stale_clauses
from notices.sources.markdown_html import MarkdownHtml

TO_HTML = MarkdownHtml(Path(__file__).resolve().parents[2])


def test_a_translation_is_behind_on_the_clauses_whose_original_alone_changed():
    original = ("## A {#a}\n\nOne.\n\n## B {#b}\n\nTwo.\n", "## A {#a}\n\nOne!\n\n## B {#b}\n\nTwo!\n")
    translation = ("## A {#a}\n\nUn.\n\n## B {#b}\n\nDeux.\n", "## A {#a}\n\nUn!\n\n## B {#b}\n\nDeux.\n")
    assert stale_clauses(original, translation, TO_HTML) == ["b"]
    assert stale_clauses(original, (translation[1], translation[1]), TO_HTML) == ["a", "b"]
    assert stale_clauses((original[0], original[0]), translation, TO_HTML) == []
