"""Search works in every language, finds words typed without diacritics, and stays in the page's language."""

from __future__ import annotations

import json

import pytest


# What a browser or the HTML checker sees of built sites: no project code runs in these tests' bodies, so
# coverage is not traced there (tracing slows the browser driver's Python by a third). Fixtures still count.
pytestmark = pytest.mark.untraced


def search(reader, url, query):
    reader.goto(url)
    reader.click("input.md-search__input")
    reader.keyboard.type(query)
    reader.wait_for_selector(".md-search-result__item", timeout=10000)
    links = reader.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    texts = reader.inner_text(".md-search-result__list")
    return links, texts


@pytest.mark.parametrize("company,lang_root,query,expected", [
    ("impro-media", "", "stergerea", "ștergerea"),
    ("impro-media", "", "ștergerea", "ștergerea"),
    ("impro-celojumi", "", "piekluvi", "piekļuvi"),
    ("impro-celojumi", "", "dzesanu", "dzēšanu"),
    ("impro-media", "en/", "erasure", "erasure"),
    ("impro-celojumi", "en/", "encrypted", "encrypted"),
])
def test_search_finds_the_clause_in_the_page_language(reader, servers, company, lang_root, query, expected):
    base = servers[company]
    links, texts = search(reader, base + lang_root, query)
    assert expected in texts.lower() or expected in texts
    for link in links:
        assert link.startswith(base + lang_root)
        if not lang_root:
            assert not link.startswith(base + "en/"), link


@pytest.mark.parametrize("company,query,accented", [("impro-media", "stergerea", "ștergerea"),
                                                     ("impro-celojumi", "piekluvi", "piekļuvi")])
def test_a_query_without_diacritics_highlights_the_accented_words(reader, servers, company, query, accented):
    search(reader, servers[company], query)
    reader.click(".md-search-result__item a")
    reader.wait_for_selector("mark[data-md-highlight]")
    assert f"h={query}" in reader.url
    marked = reader.eval_on_selector_all("article mark[data-md-highlight]", "els => els.map(e => e.textContent)")
    assert accented in [word.lower() for word in marked]
    assert reader.eval_on_selector_all("mark mark", "els => els.length") == 0


def header_hits(reader, url, query):
    """The clause ids of the header search's results, each named by its heading."""
    reader.goto(url)
    reader.click("input.md-search__input")
    reader.keyboard.type(query)
    reader.wait_for_selector(".md-search-result__item")
    found = reader.eval_on_selector_all(".md-search-result__item a", """els => els.map(a =>
        [new URL(a.href).hash.slice(1), a.querySelector('h1, h2').textContent.trim()])""")
    assert all(title for _, title in found), found
    return {hit for hit, _ in found}


def history_hits(reader, url, query):
    """The clause ids of the history search's results in the version in force, each named by its label."""
    reader.goto(url + "history/")
    reader.fill("#notice-archive-query", query)
    reader.wait_for_function("() => document.querySelector('.notice-archive-search__status').textContent !== ''")
    found = reader.eval_on_selector_all(".notice-archive-search__results a", """els => els.map(a =>
        [new URL(a.href).hash.slice(1), a.textContent.split(' — ')[1]])""")
    assert all(label for _, label in found), found
    return {hit for hit, _ in found}


@pytest.mark.parametrize("company,spellings", [
    ("impro-media", ["ştergerea", "ștergerea", "stergere"]),  # cedilla, comma below, bare and inflected
    ("impro-celojumi", ["dzēšana", "DZESANU"]),
])
def test_both_searches_forgive_spelling_and_inflection_and_agree(reader, servers, company, spellings):
    url = servers[company]
    header = [header_hits(reader, url, spelling) for spelling in spellings]
    history = [history_hits(reader, url, spelling) for spelling in spellings]
    assert header[0] and all(hits == header[0] for hits in header), header
    assert history[0] and all(hits == history[0] for hits in history), history
    # The same clauses, numbered points included (the header's results also show the page they are on).
    assert history[0] - {""} == header[0] - {""}, (history[0], header[0])
