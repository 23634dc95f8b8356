"""Search indexes per language, with the words of each entry as the search compares them (search_words)."""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Mapping, Sequence

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


def clause_entries(entries: list[dict], points: Mapping[str, Sequence[Mapping[str, str]]]) -> list[dict]:
    """A page's search entries, each numbered point that is a paragraph (pages.frame's `points`) an entry of its own.

    Material makes one entry per heading; a point such as "3.2" is then found as its section, named by the
    section's heading. Here it is its own entry, at its clause's address and named by its label, so that a
    result names the clause, as the history page's search does. A point whose paragraph is not found (its
    first words rendered otherwise) stays in its section.
    """
    own = {entry["location"].partition("#")[2] for entry in entries if "#" in entry["location"]}
    split: list[dict] = []
    for entry in entries:
        page, hash_mark, heading = entry["location"].partition("#")
        # The page's own entry holds the text before its first heading that has an entry of its own.
        found = list(points.get(heading, ())) if hash_mark else [
            point for key, listed in points.items() if key not in own for point in listed]
        text = entry.get("text", "")
        cuts: list[tuple[int, Mapping[str, str]]] = []
        at = 0
        for point in found:
            label = html.unescape(str(point["title"])).removesuffix("…").split()[:3]
            where = text.find("<p>" + html.escape(" ".join(label), quote=False), at)
            if label and where >= 0:
                cuts.append((where, point))
                at = where + 1
        if not cuts:
            split.append(entry)
            continue
        split.append({**entry, "text": text[:cuts[0][0]].strip()})
        for index, (where, point) in enumerate(cuts):
            end = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
            split.append({"location": f"{page}#{point['id']}", "title": str(point["title"]),
                          "text": text[where:end].strip()})
    return split
