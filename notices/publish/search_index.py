"""Search indexes per language, with a diacritic-free copy of the text so "stergerea" finds "ștergerea"."""

from __future__ import annotations

import copy
import html
import re
import unicodedata

TAG = re.compile(r"<[^>]+>")


def fold(text: str) -> str:
    """Text without diacritics: "ștergerea" -> "stergerea", "piekļuvi" -> "piekluvi"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def language_index(index: dict, lang: str) -> dict:
    """The search index of one language's pages, with a diacritic-free copy of each entry's text.

    Locations stay relative to the site's root, where Material resolves them.
    """
    config = copy.deepcopy(index["config"])
    # lunr's language files would only add stop words here (no stemmer, no trimmer: see
    # mkdocs.yml), and cost a reader two requests; tokens are the same without them.
    config["lang"] = ["en"]
    if lang != "en":
        # English stop words would drop words of another language ("to" is Latvian too).
        config["pipeline"] = []
    config.setdefault("fields", {})["folded"] = {"boost": 1}
    docs = []
    for doc in index["docs"]:
        entry = dict(doc)
        plain = html.unescape(TAG.sub(" ", f"{doc.get('title', '')} {doc.get('text', '')}"))
        folded = fold(plain)
        entry["folded"] = folded if folded != plain else ""
        docs.append(entry)
    return {"config": config, "docs": docs}
