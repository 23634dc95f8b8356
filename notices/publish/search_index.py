"""Search indexes per language, with the words of each entry as the search compares them (search_words)."""

from __future__ import annotations

import copy
import html
import re

from .search_words import words

TAG = re.compile(r"<[^>]+>")


def language_index(index: dict, lang: str) -> dict:
    """The search index of one language's pages; each entry's words, folded and stemmed, in its field 'folded'.

    Locations stay relative to the site's root, where Material resolves them.
    """
    config = copy.deepcopy(index["config"])
    # lunr's language files would only add stop words and stemmers, which the fields below do not need,
    # and cost a reader two requests.
    config["lang"] = ["en"]
    # No stop words: the history page's search has none, and both answer alike.
    config["pipeline"] = []
    # Only the words as the site's searches compare them are searched, so that every typed word must be
    # found in one field of an entry, as in the history search; the title field ranks its matches first.
    # Title and text stay in each entry for Material to show.
    config["fields"] = {"folded_title": {"boost": 1000}, "folded": {"boost": 1}}
    docs = []
    for doc in index["docs"]:
        entry = dict(doc)
        title = html.unescape(TAG.sub(" ", doc.get("title", "")))
        plain = html.unescape(TAG.sub(" ", doc.get("text", "")))
        entry["folded_title"] = " ".join(words(title, lang))
        entry["folded"] = " ".join(words(f"{title} {plain}", lang))
        docs.append(entry)
    return {"config": config, "docs": docs}
