"""Words of the editors' pages that the language's dictionary does not know: warnings, never corrections.

The company decides its words: the check only tells the editors where a word may be misspelt, with the
dictionary's suggestions, and the company's list of accepted words (names, brands, terms) silences it.
Dictionaries are Hunspell's (Debian's hunspell-ro, hunspell-lv, hunspell-en-us) through Enchant.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from ..sources.problems import WARNING, Problem, SourceError
from ..sources.site import CompanySite
from ..sources.yamlsource import read_source

ACCEPTED = "words.txt"
# The Hunspell dictionary of each language and the Debian package that installs it.
DICTIONARIES = {"ro": ("ro_RO", "hunspell-ro"), "lv": ("lv_LV", "hunspell-lv"), "en": ("en_US", "hunspell-en-us")}
MAX_SUGGESTIONS = 4
# What in a page's source is not the company's prose: template code, attribute lists and heading ids,
# HTML tags, inline code, link targets, web and e-mail addresses.
NOT_PROSE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}|\{:.*?\}|\{#.*?\}|<[^>]*>|`[^`]*`|\]\([^)]*\)"
                       r"|\b(?:https?://|www\.)\S+|\S+@\S+")
POSSESSIVE = re.compile(r"['’]s$")
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def check_spelling(site: CompanySite) -> list[Problem]:
    """Each word of each page not in its language's dictionary nor the company's list: once per file, a warning."""
    company_dir = site.company.path.parent
    accepted = _accepted(company_dir / ACCEPTED)
    problems: list[Problem] = []
    for lang in site.company.languages:
        texts = _texts(site, lang)
        if not texts:
            continue
        dictionary, missing = _dictionary(lang)
        if dictionary is None:
            problems.append(Problem(texts[0][0], 1, f"spelling not checked: {missing}", WARNING))
            continue
        accepted_file = site.shown(company_dir / ACCEPTED)
        for shown, text in texts:
            found = site.cache.get_or_compute(
                "spelling", (lang, _dictionary_name(dictionary), text, "\n".join(sorted(accepted))),
                partial(_unknown_words, text, dictionary, accepted))
            for word, line, suggestions in found:
                hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
                problems.append(Problem(shown, line,
                    f"'{word}' is not in the {_language_name(lang)} dictionary{hint}: correct it, or, if it is "
                    f"right, add it to {accepted_file}", WARNING))
    return problems


def _texts(site: CompanySite, lang: str) -> list[tuple[str, str]]:
    """The editors' texts in `lang`, each as (file as messages show it, text with the file's line numbers)."""
    texts = [(by_lang[lang].shown_as, by_lang[lang].padded_body())
             for _, by_lang in sorted(site.pages.items()) if lang in by_lang]
    folder = site.snippets_dir / lang
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            texts.append((site.shown(path), read_source(path, site.shown(path))))
        except SourceError:
            continue  # reported where the snippet is included
    return texts


def prose_words(text: str) -> Iterator[tuple[str, int]]:
    """Each word of the prose of a page's source, with its line (template code, ids and addresses left out)."""
    for number, line in enumerate(text.split("\n"), start=1):
        for word in WORD.findall(NOT_PROSE.sub(" ", line)):
            if len(word) > 1:
                yield word, number


def _unknown_words(text: str, dictionary: Any, accepted: set[str]) -> list[list[Any]]:
    """[word, first line, suggestions] for each word of a text the dictionary does not know."""
    seen: set[str] = set()
    found: list[list[Any]] = []
    for word, line in prose_words(text):
        if word in seen:
            continue
        seen.add(word)
        if _known(word, dictionary, accepted):
            continue
        found.append([word, line, [s for s in dictionary.suggest(word) if s != word][:MAX_SUGGESTIONS]])
    return found


def _known(word: str, dictionary: Any, accepted: set[str]) -> bool:
    """In the company's list (as written, or lower case) or the dictionary, whole or each part of a compound."""
    if word in accepted or word.lower() in accepted:
        return True
    if dictionary.check(word):
        return True
    stem = POSSESSIVE.sub("", word)
    if stem != word:
        return _known(stem, dictionary, accepted)
    parts = re.split(r"['’\-]", word)
    return len(parts) > 1 and all(len(p) < 2 or p in accepted or dictionary.check(p) for p in parts)


def _accepted(path: Path) -> set[str]:
    """The company's accepted words: one a line, `#` starts a comment."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() and not path.is_symlink() else []
    except (OSError, UnicodeDecodeError):
        return set()
    return {word for line in lines if (word := line.split("#", 1)[0].strip())}


def _dictionary(lang: str) -> tuple[Any, str]:
    """The Hunspell dictionary of `lang`, or None and what to install."""
    tag, package = DICTIONARIES.get(lang, (lang, f"a Hunspell dictionary for '{lang}'"))
    try:
        import enchant  # noqa: F401 - the C library is loaded on import: a machine without it is told what to install
    except ImportError:
        return None, f"install Debian's libenchant-2-2 and {package} (the spelling check uses them)"
    dictionary = _hunspell(tag)
    if dictionary is None:
        return None, f"no {tag} dictionary: install Debian's {package}"
    return dictionary, ""


# Loading a dictionary costs a tenth of a second of CPU, and every check and build asks for one per
# language: each is loaded once per process (what it knows does not change while the process runs).
@functools.lru_cache(maxsize=16)
def _hunspell(tag: str) -> Any:
    """The Hunspell dictionary named `tag` (e.g. ro_RO), or None when it is not installed."""
    import enchant

    broker = enchant.Broker()
    broker.set_ordering(tag, "hunspell")
    return broker.request_dict(tag) if broker.dict_exists(tag) else None


def _dictionary_name(dictionary: Any) -> str:
    """The dictionary and the engine that reads it, so that another dictionary is never answered from the cache."""
    return f"{dictionary.tag} {dictionary.provider.name} {dictionary.provider.file}"


def _language_name(lang: str) -> str:
    from babel import Locale

    return str(Locale.parse(lang).get_display_name("en"))
