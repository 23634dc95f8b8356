"""Word-level comparison of two versions (notices/model/textdiff.py): units, sentences first, the bound, clauses by id."""

from __future__ import annotations

from pathlib import Path

from notices.model.textdiff import DIFF_CELLS, Budget, clause_texts, compare, diff_words, tokens, units
from notices.model.translations import changed_clauses
from notices.sources.markdown_html import MarkdownHtml


def test_words_and_spaces_are_the_units_of_a_diff():
    assert tokens("Păstrăm datele, doi ani.") == ["Păstrăm", " ", "datele", ",", " ", "doi", " ", "ani", "."]
    segments = [(s.op, s.text) for s in diff_words("for two years after", "for one year after")]
    assert segments == [("equal", "for "), ("delete", "two"), ("insert", "one"), ("equal", " "),
                        ("delete", "years"), ("insert", "year"), ("equal", " after")]
    assert [(s.op, s.text) for s in diff_words("same", "same")] == [("equal", "same")]


def test_a_diff_matches_sentences_first_and_words_inside_the_changed_ones():
    assert ["".join(u) for u in units(tokens("One. Two; three\nfour"))] == ["One. ", "Two; ", "three\n", "four"]
    segments = [(s.op, s.text) for s in diff_words("Keep this. We keep data. End.", "Keep this. We kept data. End.")]
    assert segments == [("equal", "Keep this. We "), ("delete", "keep"), ("insert", "kept"), ("equal", " data. End.")]


def test_a_diff_over_its_bound_shows_the_part_between_common_ends_as_replaced():
    old = " ".join(["date", "de", "la"] * 12_000) + " End."
    new = " ".join(["și", "of", "the"] * 12_000) + " End."
    assert [s.op for s in diff_words("Same. " + old, "Same. " + new)] == ["equal", "delete", "insert", "equal"]
    budget = Budget()
    assert not budget.spend(DIFF_CELLS, 1) and budget.spend(10, 0) and budget.spend(99, 99)
    assert budget.cells == Budget().cells - 100 * 100
    spent = Budget(cells=5)  # the sentences match (4 cells), their words are over
    assert [s.op for s in diff_words("a b", "c d", spent)] == ["delete", "insert"]


TO_HTML = MarkdownHtml(Path(__file__).resolve().parents[2])


def test_clauses_are_compared_by_id_and_changed_clauses_are_named():
    old = "## A {#a}\n\nOne.\n\n## B {#b}\n\nTwo.\n"
    new = "## A {#a}\n\nOne changed.\n\n## C {#c}\n\nThree.\n"
    assert changed_clauses(old, new, TO_HTML) == ["a", "c"]  # what a translation must follow: changed or new
    assert changed_clauses(old, old, TO_HTML) == []
    kinds = {d.id: d.status for d in compare(old, new, TO_HTML)}
    assert kinds == {"a": "changed", "b": "removed", "c": "added"}
    # Rendered as the site renders it, without the site's own heading permalink.
    assert [c.text for c in clause_texts(old, TO_HTML)] == ["A\nOne.", "B\nTwo."]
