"""Search indexes per language (notices/publish/search_index.py): words as the searches compare them, one entry per point."""

from __future__ import annotations

import json

import pytest

from notices.publish.search_index import language_index


def test_a_language_index_searches_the_words_as_the_searches_compare_them():
    index = {"config": {"lang": ["ro"], "pipeline": ["stopWordFilter"], "fields": {"title": {}, "text": {}}},
             "docs": [{"location": "", "title": "Notă", "text": "<p>Ştergerea datelor</p>"},
                      {"location": "history/", "title": "Istoric", "text": "v1"}]}
    romanian = language_index(index, "ro")
    assert [d["location"] for d in romanian["docs"]] == ["", "history/"]
    assert romanian["docs"][0]["folded"] == "not sterger dat" and romanian["docs"][0]["folded_title"] == "not"
    assert romanian["docs"][0]["text"] == "<p>Ştergerea datelor</p>"  # shown as it is
    # No lunr language file to fetch, no stop words; only the compared words are searched.
    assert romanian["config"]["lang"] == ["en"] and romanian["config"]["pipeline"] == []
    assert romanian["config"]["fields"] == {"folded_title": {"boost": 1000}, "folded": {"boost": 1}}
    assert index["config"]["pipeline"] == ["stopWordFilter"]  # the original is left as it was


def test_each_numbered_point_is_a_search_entry_named_by_its_label():
    from notices.publish.search_index import clause_entries
    entries = [{"location": "en/", "title": "Notice", "text": "<p>Intro.</p> <p>1. First point &amp; more.</p>"},
               {"location": "en/#rights", "title": "Rights", "text": "<p>You may.</p> <p>2.1. Ask for access.</p> "
                                                                      "<p>Tail.</p> <p>2.2 Object.</p>"},
               {"location": "en/#other", "title": "Other", "text": "<p>Nothing here.</p>"}]
    points = {"": [{"id": "first", "url": "#first", "title": "1. First point &amp; more."}],
              "rights": [{"id": "access", "url": "#access", "title": "2.1. Ask for access."},
                         {"id": "lost", "url": "#lost", "title": "Words not rendered so"},
                         {"id": "object", "url": "#object", "title": "2.2 Object."}]}
    split = clause_entries(entries, points)
    assert [(e["location"], e["title"], e["text"]) for e in split] == [
        ("en/", "Notice", "<p>Intro.</p>"), ("en/#first", "1. First point &amp; more.", "<p>1. First point &amp; more.</p>"),
        ("en/#rights", "Rights", "<p>You may.</p>"),
        ("en/#access", "2.1. Ask for access.", "<p>2.1. Ask for access.</p> <p>Tail.</p>"),
        ("en/#object", "2.2 Object.", "<p>2.2 Object.</p>"), ("en/#other", "Other", "<p>Nothing here.</p>")]




def index(site, company, lang_root=""):
    return json.loads((site / company / lang_root / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.untraced  # reads the built index only: no project code runs here
@pytest.mark.parametrize("company,original", [("impro-media", "ro"), ("impro-celojumi", "lv")])
def test_one_index_per_language(site, company, original):
    root, english = index(site, company), index(site, company, "en")
    # No lunr language file to fetch, no stop words: the history page's search has none either.
    assert root["config"]["lang"] == english["config"]["lang"] == ["en"]
    assert root["config"]["pipeline"] == english["config"]["pipeline"] == []
    # Locations are relative to the site's root, where Material resolves them.
    assert all(not doc["location"].startswith("en/") for doc in root["docs"])
    assert all(doc["location"].startswith("en/") for doc in english["docs"])
    root_text = " ".join(doc["text"] for doc in root["docs"])
    english_text = " ".join(doc["text"] for doc in english["docs"])
    assert "personal data" in english_text.lower() and "personal data" not in root_text.lower()


@pytest.mark.untraced  # reads the built index only: no project code runs here
@pytest.mark.parametrize("lang_root", ["", "ro/"])
def test_each_text_is_found_once(example, lang_root):
    entries = index(example / "site", "example-privacy", lang_root)["docs"]
    assert entries and not [doc["location"] for doc in entries if "versions/" in doc["location"]]
    texts = [doc["text"] for doc in entries if doc["text"]]
    assert len(texts) == len(set(texts))
    # The example has four versions: the clause on retention exists four times, but is indexed once.
    assert [doc["location"] for doc in entries].count(f"{lang_root}#retention") == 1
