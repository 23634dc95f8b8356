"""How the site's searches compare words: one folding of diacritics and case, one light stemmer, for index and query.

The browser applies the same rule from `assets/javascripts/words.js`, written by the build from the template
`templates/words.js` with the endings below; `tests/publish/test_search_words.py` checks both give the same words.
"""

from __future__ import annotations

import unicodedata

from .html import environment

# Inflectional endings stripped from the end of a folded word, the longest that leaves MIN_STEM letters.
# Applied alike to the index and to the typed words, and every typed word matches the beginning of a word
# of the text: "dzēšana" and "dzēšanu" both become "dzesan", "ștergerea" and "ştergere" both "sterger".
ENDINGS: dict[str, tuple[str, ...]] = {
    "ro": ("urilor", "ilor", "elor", "ului", "uri", "iei", "ile", "ele", "lor", "ul", "ua", "ea", "ii", "ei",
           "le", "a", "e", "i", "u"),
    "lv": ("ajiem", "ajam", "ajai", "ajos", "ajas", "iem", "am", "em", "im", "um", "as", "es", "is", "os", "us",
           "ai", "ei", "a", "e", "i", "u", "s", "o"),
    "en": ("s",),
}
MIN_STEM = 3
# Words of one letter are not searched for: they would match most of the text.
MIN_TERM = 2


def fold(text: str) -> str:
    """Text without diacritics, in lower case: "Ştergerea", "Ștergerea" -> "stergerea"; "Ļ" -> "l"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M")).lower()


def stem(word: str, lang: str) -> str:
    """A folded word without its inflectional ending in `lang` (a language without endings keeps the word)."""
    folded = fold(word)
    for ending in sorted(ENDINGS.get(lang, ()), key=len, reverse=True):
        if folded.endswith(ending) and len(folded) - len(ending) >= MIN_STEM:
            return folded[: -len(ending)]
    return folded


def words(text: str, lang: str) -> list[str]:
    """The stems of every word of `text` (letters and digits), in order."""
    found: list[str] = []
    current: list[str] = []
    for ch in fold(text) + " ":
        if unicodedata.category(ch)[0] in "LN":
            current.append(ch)
        elif current:
            found.append(stem("".join(current), lang))
            current = []
    return found


def script() -> str:
    """The browser's copy of the rule (assets/javascripts/words.js), with the same endings."""
    endings = {lang: sorted(values, key=len, reverse=True) for lang, values in ENDINGS.items()}
    return environment().get_template("words.js").render(endings=endings, min_stem=MIN_STEM, min_term=MIN_TERM)
