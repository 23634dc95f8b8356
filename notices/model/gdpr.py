"""The information Articles 13 and 14 GDPR require, and a notice's index of it as the public gdpr.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..sources.labels import load_labels
from ..sources.problems import Problem, SourceError, display_path
from ..sources.site import CompanySite
from ..sources.yamlsource import MAX_BYTES
from .versions import ARCHIVE

FROZEN = "gdpr.json"
FORMAT = "notices-gdpr-index/1"
STATUSES = ("stated", "partly", "not_stated", "not_applicable")
# Labels in docs/snippets/<lang>/labels.yml that name each element for readers: "gdpr-<key>".
NAME_PREFIX = "gdpr-"


@dataclass(frozen=True)
class Element:
    """One piece of information a notice must give: its stable key and the articles that require it."""

    key: str
    articles: tuple[str, ...]

    @property
    def article(self) -> str:
        """The articles as one reference, e.g. '13(1)(a), 14(1)(a)'."""
        return ", ".join(self.articles)

    @property
    def label(self) -> str:
        """The key of its reader-facing name in labels.yml."""
        return NAME_PREFIX + self.key


ELEMENTS = (
    Element("controller-identity", ("13(1)(a)", "14(1)(a)")),
    Element("dpo-contact", ("13(1)(b)", "14(1)(b)")),
    Element("purposes", ("13(1)(c)", "14(1)(c)")),
    Element("legal-basis", ("13(1)(c)", "14(1)(c)")),
    Element("legitimate-interests", ("13(1)(d)", "14(2)(b)")),
    Element("data-categories", ("14(1)(d)",)),
    Element("recipients", ("13(1)(e)", "14(1)(e)")),
    Element("third-country-transfers", ("13(1)(f)", "14(1)(f)")),
    Element("retention", ("13(2)(a)", "14(2)(a)")),
    Element("right-access", ("13(2)(b)", "14(2)(c)")),
    Element("right-rectification", ("13(2)(b)", "14(2)(c)")),
    Element("right-erasure", ("13(2)(b)", "14(2)(c)")),
    Element("right-restriction", ("13(2)(b)", "14(2)(c)")),
    Element("right-portability", ("13(2)(b)", "14(2)(c)")),
    Element("right-object", ("13(2)(b)", "14(2)(c)")),
    Element("withdraw-consent", ("13(2)(c)", "14(2)(d)")),
    Element("complaint-supervisory-authority", ("13(2)(d)", "14(2)(e)")),
    Element("statutory-or-contractual-requirement", ("13(2)(e)",)),
    Element("automated-decision-making", ("13(2)(f)", "14(2)(g)")),
    Element("source-of-data", ("14(2)(f)",)),
)
ELEMENT_KEYS = tuple(e.key for e in ELEMENTS)


@dataclass(frozen=True)
class Quote:
    """Words of the notice that give an element: the clause they are in, and the words per language."""

    clause: str
    text: dict[str, str]
    line: int = 1


@dataclass(frozen=True)
class Entry:
    """One element as the index gives it: its status, the quotes, and what is missing or why it does not apply."""

    key: str
    status: str
    quotes: tuple[Quote, ...] = ()
    missing: dict[str, str] = field(default_factory=dict)
    reason: dict[str, str] = field(default_factory=dict)
    line: int = 1

    @property
    def clauses(self) -> list[str]:
        """The clauses its quotes are from, each once, in order."""
        return list(dict.fromkeys(q.clause for q in self.quotes))


def publishes_index(site: CompanySite) -> bool:
    """Whether the company publishes its GDPR index (`gdpr_index: no` in company.yml records that it chose not to)."""
    return site.company.data.get("gdpr_index") != "no"


def element_names(site: CompanySite) -> dict[str, dict[str, str]]:
    """Each language's words, where the names of the elements are ('gdpr-<key>' labels in labels.yml)."""
    names = {}
    for lang in site.company.languages:
        try:
            names[lang] = load_labels(site, lang)
        except SourceError:
            continue  # reported by the labels' own check
    return names


def folded(text: str) -> str:
    """Text with every run of white space as one space: how a quote is looked for in a clause."""
    return " ".join(text.split())


def quote_found(quote: str, clause_text: str) -> bool:
    """Whether `quote` stands word for word in a clause's text (line breaks and spacing aside)."""
    needle = folded(quote)
    return bool(needle) and needle in folded(clause_text)


def frozen_path(company_dir: Path, version_id: str) -> Path:
    """Where a version's frozen index is kept, beside its frozen texts."""
    return Path(company_dir) / ARCHIVE / version_id / FROZEN


def document(entries: dict[str, Entry], names: dict[str, dict[str, str]], company_id: str, version_id: str,
             languages: list[str]) -> dict[str, Any]:
    """The public gdpr.json of one version: every element with its status, clauses and quotes per language."""
    return {
        "format": FORMAT,
        "company": company_id,
        "version": version_id,
        "languages": list(languages),
        "original_language": languages[0],
        "elements": [_element(element, entries[element.key], names, languages) for element in ELEMENTS],
    }


def _element(element: Element, entry: Entry, names: dict[str, dict[str, str]],
             languages: list[str]) -> dict[str, Any]:
    return {
        "key": element.key,
        "article": element.article,
        "articles": list(element.articles),
        "name": {lang: names[lang][element.label] for lang in languages},
        "status": entry.status,
        "clauses": entry.clauses,
        "quotes": [{"clause": q.clause, "text": {lang: q.text[lang] for lang in languages if q.text.get(lang)}}
                   for q in entry.quotes],
        "missing": {lang: entry.missing[lang] for lang in languages} if entry.missing else None,
        "reason": {lang: entry.reason[lang] for lang in languages} if entry.reason else None,
    }


def serialized(doc: dict[str, Any]) -> bytes:
    """The bytes of a gdpr.json, written once at release and published as they are."""
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode()


def read_frozen(path: Path, root: Path | None = None) -> dict[str, Any]:
    """A frozen gdpr.json, within the bounds of any source; SourceError naming the file otherwise."""
    shown = display_path(path, root)
    try:
        if path.is_symlink() or path.stat().st_size > MAX_BYTES:
            raise SourceError([Problem(shown, 1, f"is a symbolic link or larger than {MAX_BYTES // 1_000_000} MB: "
                                                 f"restore it from git, never edit it")])
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise SourceError([Problem(shown, 1, f"the frozen GDPR index cannot be read ({error}): "
                                             f"restore it from git, never edit it")]) from None
    if not (isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("elements"), list)
            and [e.get("key") if isinstance(e, dict) else None for e in data["elements"]] == list(ELEMENT_KEYS)):
        raise SourceError([Problem(shown, 1, f"is not a GDPR index of format {FORMAT} listing every element once, "
                                             f"in order: restore it from git, never edit it")])
    return data
