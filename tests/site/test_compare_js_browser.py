"""The changes pages (Python) and the any-two comparison (the browser) diff the same pair identically."""

from __future__ import annotations

import json
import random
import re
import unicodedata

import pytest
from conftest import ROOT, page

from notices.model.archive import frozen_text
from notices.model.textdiff import ClauseText, clause_texts, compare_clauses, diff_tokens, diff_words, tokens
from notices.sources.markdown_html import MarkdownHtml

SITE = "example-privacy"
WORD = re.compile(r"[^\W\d_]{3,}")
ADDED_WORDS = ["not", "also", "only", "date", "datele", "ņemot", "și", "personal", "către", "žurnāls"]
ACCENTED = {"a": "ă", "s": "ș", "t": "ț", "i": "î", "e": "ē", "c": "č", "n": "ņ"}


def strip_marks(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def edited(text: str, rng: random.Random) -> str:
    """`text` with one to three edits of the kinds editors make."""
    for _ in range(rng.randint(1, 3)):
        words = list(WORD.finditer(text))
        if not words:
            return text + " Nou."
        match = rng.choice(words)
        start, end, word = match.start(), match.end(), match.group()
        kind = rng.choice(["insert", "delete", "replace", "punctuation", "diacritics"])
        if kind == "insert":
            text = text[:end] + " " + rng.choice(ADDED_WORDS) + text[end:]
        elif kind == "delete":
            text = text[:start] + text[end:].lstrip(" ")
        elif kind == "replace":
            text = text[:start] + rng.choice(ADDED_WORDS) + text[end:]
        elif kind == "punctuation":
            text = text[:end] + rng.choice([",", ";", ":", " —", "."]) + text[end:]
        else:
            plain = strip_marks(word)
            swapped = plain if plain != word else "".join(ACCENTED.get(ch, ch) for ch in word)
            text = text[:start] + swapped + text[end:]
    return text


def real_clauses() -> list[ClauseText]:
    found = []
    for frozen in sorted((ROOT / "companies").glob("*/versions/v1/*.md")):
        text = frozen_text(frozen.parent.parent.parent, "v1", frozen.stem)
        found += [c for c in clause_texts(text, MarkdownHtml(ROOT)) if len(c.text) > 20]
    return found


def example_pairs(example) -> list[tuple[str, str]]:
    pairs = []
    for lang in ("en", "ro"):
        texts = [(example / "companies" / SITE / "versions" / f"v{n}" / f"{lang}.md").read_text(encoding="utf-8")
                 for n in range(1, 5)]
        for older, newer in zip(texts, texts[1:], strict=False):
            old = {c.id: c.text for c in clause_texts(older, MarkdownHtml(ROOT))}
            pairs += [(old[c.id], c.text) for c in clause_texts(newer, MarkdownHtml(ROOT))
                      if c.id in old and old[c.id] != c.text]
    return pairs


def corpus(example) -> list[tuple[str, str]]:
    """The real notices' clauses with generated edits, both ways, and the example company's own edits."""
    rng = random.Random(11)
    pairs = []
    for clause in real_clauses():
        for _ in range(2):
            changed = edited(clause.text, rng)
            pairs += [(clause.text, changed), (changed, clause.text)]
    return pairs + example_pairs(example)


def in_the_browser(tab, function: str, data):
    """`function(data)` run in the page; data and result cross as JSON text (object by object takes seconds)."""
    return json.loads(tab.evaluate(f"text => JSON.stringify(({function})(JSON.parse(text)))", json.dumps(data)))


def as_lists(segments) -> list[list[str]]:
    return [[s.op, s.text] for s in segments]


@pytest.fixture(scope="module")
def compare_page(reader_module, example_url):
    reader_module.goto(example_url + "compare/?from=v1&to=v4")
    reader_module.wait_for_selector("#notice-compare-result section.notice-clause")
    return reader_module, example_url


@pytest.fixture(scope="module")
def reader_module(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


# Untraced: 300 diffs run here for agreement, not for coverage (the builds' changes pages cover the engine).
@pytest.mark.untraced
def test_the_same_words_change_in_python_and_in_the_browser(compare_page, example):
    tab, _ = compare_page
    pairs = corpus(example)
    assert len(pairs) >= 200
    assert len(example_pairs(example)) >= 6
    in_browser = in_the_browser(tab, "pairs => pairs.map(p => window.noticeCompare.diffTokens(p[0], p[1]))",
                                [[tokens(old), tokens(new)] for old, new in pairs])
    in_python = [as_lists(diff_words(old, new)) for old, new in pairs]
    different = [pair for pair, js, py in zip(pairs, in_browser, in_python, strict=True) if js != py]
    assert different == []
    assert any(len(d) > 3 for d in in_python), "the corpus must hold real edits"
    # The example's v2 -> v3 edit, which two engines once split differently.
    assert ["insert", " to"] in as_lists(diff_words("You may ask for access, rectification or erasure.",
                                                    "You may ask for access to, rectification of or erasure."))


def test_clauses_align_the_same_way(compare_page):
    tab, _ = compare_page
    rng = random.Random(3)
    base = [ClauseText(f"c{n}", f"Clause {n}", f"Text of clause {n}.") for n in range(12)]
    cases = []
    for _ in range(40):
        new = [ClauseText(c.id, c.label, c.text + (" More." if rng.random() < 0.2 else "")) for c in base]
        for _ in range(rng.randint(1, 3)):
            action = rng.choice(["remove", "add", "move"])
            if action == "remove" and new:
                new.pop(rng.randrange(len(new)))
            elif action == "add":
                new.insert(rng.randrange(len(new) + 1), ClauseText(f"n{rng.randrange(99)}", "New", "A new clause."))
            elif new:
                new.insert(rng.randrange(len(new) + 1), new.pop(rng.randrange(len(new))))
        ids = [c.id for c in new]
        cases.append((base, [c for i, c in enumerate(new) if c.id not in ids[:i]]))

    def data(clauses):
        return [{"id": c.id, "label": c.label, "tokens": tokens(c.text)} for c in clauses]

    in_browser = in_the_browser(tab, "cases => cases.map(c => window.noticeCompare.compareClauses(c[0], c[1]))",
                              [[data(old), data(new)] for old, new in cases])
    in_python = [[{"id": d.id, "label": d.label, "status": d.status, "segments": as_lists(d.segments)}
                  for d in compare_clauses(old, new)] for old, new in cases]
    assert in_browser == in_python


def normalized(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_the_comparison_page_shows_the_changes_page_markup(compare_page, example):
    tab, url = compare_page
    for older, newer in [("v1", "v2"), ("v2", "v3"), ("v3", "v4")]:
        tab.goto(f"{url}compare/?from={older}&to={newer}")
        tab.wait_for_selector("#notice-compare-result .notice-clause")
        shown = tab.eval_on_selector_all("#notice-compare-result .notice-clause", "els => els.map(e => e.outerHTML)")
        built = page(example / "site", SITE, f"versions/{newer}/changes").select(".notice-diff .notice-clause")
        assert [normalized(h) for h in shown] == [normalized(str(e)) for e in built]


def pathological_pairs() -> list[tuple[list[str], list[str]]]:
    """Texts whose unbounded diff never ends: a long clause from a small vocabulary rewritten, twice."""
    rng = random.Random(7)

    def clause(words: int, ends: float) -> str:
        return " ".join(rng.choice(SMALL_VOCABULARY) + ("." if rng.random() < ends else "") for _ in range(words))

    v1, v2, v3 = (clause(36_000, 0.05) for _ in range(3))
    # Short sentences in reverse order (each matched, then each over the budget), a few words against many.
    sentences = [clause(12, 1.0) for _ in range(300)]
    return [(tokens(v1), tokens(v2)), (tokens(v2), tokens(v3)),
            (tokens(" ".join(sentences)), tokens(" ".join(reversed(sentences)))),
            (tokens("de la"), tokens(clause(3_000, 0.0)))]


SMALL_VOCABULARY = ["date", "datele", "de", "la", "și", "data", "of", "the"]


@pytest.mark.untraced
def test_the_bounded_diff_is_the_same_in_python_and_in_the_browser(compare_page):
    tab, _ = compare_page
    pairs = pathological_pairs()
    in_browser = in_the_browser(tab, "pairs => pairs.map(p => window.noticeCompare.diffTokens(p[0], p[1]))", pairs)
    in_python = [as_lists(diff_tokens(old, new)) for old, new in pairs]
    assert in_browser == in_python
    # What the bound leaves out is shown as replaced, and the text is all there.
    assert all("".join(text for op, text in d if op != "insert") == "".join(old)
               for d, (old, _) in zip(in_python, pairs, strict=True))
    # Clauses that spend a comparison's whole budget: the later ones are shown as replaced, alike.
    rng = random.Random(5)
    old = [ClauseText(f"c{n}", "C", " ".join(rng.choice(SMALL_VOCABULARY[:4]) for _ in range(240))) for n in range(12)]
    new = [ClauseText(c.id, "C", " ".join(rng.choice(SMALL_VOCABULARY[4:]) for _ in range(240))) for c in old]
    data = [[{"id": c.id, "label": c.label, "tokens": tokens(c.text)} for c in side] for side in (old, new)]
    shown = in_the_browser(tab, "c => window.noticeCompare.compareClauses(c[0], c[1]).map(d => d.segments)", data)
    python = [as_lists(d.segments) for d in compare_clauses(old, new)]
    assert shown == python
    assert len(python[0]) > 2 and python[-1] == [["delete", old[-1].text], ["insert", new[-1].text]]
