"""The GDPR index of a notice (companies/<id>/gdpr.yml) and each version's frozen gdpr.json, checked word for word."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.archive import frozen_text, sha256
from ..model.gdpr import (
    ELEMENT_KEYS,
    ELEMENTS,
    STATUSES,
    Entry,
    Quote,
    element_names,
    frozen_path,
    publishes_index,
    quote_found,
    read_frozen,
)
from ..model.textdiff import ClauseText, clause_texts
from ..model.versions import NOTICE_PAGE, Version
from ..sources.labels import LABELS
from ..sources.problems import WARNING, Problem, SourceError, did_you_mean, display_path
from ..sources.site import CompanySite
from ..sources.yamlsource import LinedData, load_yaml

COVERAGE_FILE = "gdpr.yml"
FIELDS = ("status", "quotes", "missing", "reason")
STATUS_HINT = "stated, partly, not_stated or not_applicable"


@dataclass
class Coverage:
    """A company's index: every element with its status and evidence, as the editors' gdpr.yml gives it."""

    path: Path
    shown_as: str
    entries: dict[str, Entry]


def name_problems(site: CompanySite) -> list[Problem]:
    """Each language's labels.yml names every element ('gdpr-<key>'), or a problem says which are missing."""
    problems = []
    for lang, labels in element_names(site).items():
        missing = [e.label for e in ELEMENTS if not labels.get(e.label)]
        if missing:
            problems.append(Problem(site.shown(site.snippets_dir / lang / LABELS), 1,
                                    f"the GDPR index needs the name of every element in '{lang}'; missing: "
                                    f"{', '.join(missing)}: add them (see another language's labels.yml)"))
    return problems


def load_coverage(site: CompanySite) -> tuple[Coverage | None, list[Problem]]:
    """Read companies/<id>/gdpr.yml; check every key, status and quote against the editors' text."""
    path = site.company.path.parent / COVERAGE_FILE
    shown = display_path(path, site.root)
    if not path.exists():
        if not publishes_index(site):
            return None, []
        return None, [Problem(shown, 1, "no GDPR index: give every element of Articles 13 and 14 a status here "
                                        "(see CONTRIBUTING.md, 'GDPR index'), or record in company.yml that the "
                                        "company chose not to publish one (gdpr_index: no)", WARNING)]
    source = load_yaml(path, shown)
    data = source.data or {}
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, f"expected one entry per element (element-key: {{status: ...}}); "
                                        f"keys: {', '.join(ELEMENT_KEYS)}")]
    texts = {lang: _clauses(site, lang) for lang in site.company.languages}
    reader = _Reader(site, source, shown, texts)
    entries = {}
    for key, value in data.items():
        entry = reader.entry(str(key), value)
        if entry is not None:
            entries[entry.key] = entry
    absent = [key for key in ELEMENT_KEYS if key not in data]
    if absent:
        reader.problems.append(Problem(shown, 1, f"the index lists {len(ELEMENT_KEYS) - len(absent)} of the "
                                                 f"{len(ELEMENT_KEYS)} elements; add {', '.join(absent)}, each with "
                                                 f"its status ({STATUS_HINT}): an index is never published partial"))
    complete = not reader.problems and len(entries) == len(ELEMENT_KEYS)
    return (Coverage(path, shown, entries) if complete else None), reader.problems


def _clauses(site: CompanySite, lang: str) -> dict[str, ClauseText] | None:
    """The editors' text of `lang` as clauses, or None when it cannot be filled in (reported elsewhere)."""
    try:
        return {c.id: c for c in clause_texts(site.filled(lang, NOTICE_PAGE), site.markdown_html(), site.cache)}
    except (SourceError, KeyError):
        return None


class _Reader:
    """Reads gdpr.yml entry by entry, collecting each problem at its line."""

    def __init__(self, site: CompanySite, source: LinedData, shown: str,
                 texts: dict[str, dict[str, ClauseText] | None]):
        self.site, self.source, self.shown, self.texts = site, source, shown, texts
        self.languages = site.company.languages
        self.problems: list[Problem] = []

    def report(self, dotted: str, message: str) -> None:
        self.problems.append(Problem(self.shown, self.source.line(dotted), message))

    def entry(self, key: str, value: Any) -> Entry | None:
        if key not in ELEMENT_KEYS:
            self.report(key, f"'{key}' is not a GDPR element key{did_you_mean(key, ELEMENT_KEYS)} "
                             f"(one of: {', '.join(ELEMENT_KEYS)})")
            return None
        if not isinstance(value, dict):
            self.report(key, f"'{key}' must give its status: {key}: {{status: {STATUS_HINT}}}")
            return None
        for name in value:
            if name not in FIELDS:
                guess = did_you_mean(str(name), FIELDS)
                self.report(f"{key}.{name}", f"'{name}' is not used for an element{guess}: write status, quotes, "
                                             f"missing (for partly) or reason (for not_applicable)")
        status = value.get("status")
        if status not in STATUSES:
            self.report(f"{key}.status" if "status" in value else key,
                        f"'{status}' is not a status of '{key}': write {STATUS_HINT}")
            return None
        quotes = self.quotes(key, value.get("quotes"))
        evidence = status in ("stated", "partly")
        if evidence and not quotes:
            self.report(key, f"'{key}' is {status}: quote the sentence(s) of the notice that give it "
                             f"(quotes: - clause: id, {self.languages[0]}: the words as the notice writes them)")
        if status == "not_stated" and value.get("quotes"):
            self.report(f"{key}.quotes", f"'{key}' is not_stated, so it quotes nothing: if the notice gives it, "
                                         f"make it stated or partly")
        missing = self.words(key, "missing", value.get("missing"), needed=status == "partly",
                             why="say in every language what the notice leaves out")
        reason = self.words(key, "reason", value.get("reason"), needed=status == "not_applicable",
                            why="say in every language why it does not apply, from the text or the facts")
        return Entry(key, status, tuple(quotes), missing, reason, self.source.line(key))

    def words(self, key: str, name: str, value: Any, needed: bool, why: str) -> dict[str, str]:
        where = f"{key}.{name}"
        if value is None:
            if needed:
                self.report(key, f"'{key}' needs '{name}': {why}")
            return {}
        if not needed:
            self.report(where, f"'{name}' is not used with this status: remove it")
            return {}
        if not isinstance(value, dict) or set(self.languages) - set(value) or not all(
                isinstance(value.get(lang), str) and value[lang].strip() for lang in self.languages):
            self.report(where, f"'{name}' of '{key}' needs one line of text in each language: "
                               f"{', '.join(self.languages)}")
            return {}
        return {lang: value[lang].strip() for lang in self.languages}

    def quotes(self, key: str, value: Any) -> list[Quote]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(f"{key}.quotes", "quotes must be a list: - clause: id, then the words in each language")
            return []
        found = []
        for index, item in enumerate(value):
            quote = self.quote(f"{key}.quotes.{index}", item)
            if quote is not None:
                found.append(quote)
        return found

    def quote(self, where: str, item: Any) -> Quote | None:
        original = self.languages[0]
        if not isinstance(item, dict) or not isinstance(item.get("clause"), str) or not isinstance(
                item.get(original), str):
            self.report(where, f"each quote gives its clause and the words in the original: "
                               f"- clause: id, {original}: the words as the notice writes them")
            return None
        texts = {}
        for lang, words in item.items():
            if lang == "clause":
                continue
            if lang not in self.languages or not isinstance(words, str):
                self.report(f"{where}.{lang}", f"'{lang}' is not a language of this notice "
                                               f"({', '.join(self.languages)}): a quote gives the clause and "
                                               f"the words per language")
                continue
            texts[lang] = words
            self.find(f"{where}.{lang}", item["clause"], lang, words)
        return Quote(item["clause"], texts, self.source.line(where))

    def find(self, where: str, clause: str, lang: str, words: str) -> None:
        """The quote must stand, word for word, in the clause it names, in the text of its language."""
        clauses = self.texts.get(lang)
        if clauses is None:
            return
        page = self.site.pages.get(NOTICE_PAGE, {}).get(lang)
        text_name = page.shown_as if page else f"the '{lang}' text"
        if clause not in clauses:
            self.report(where, f"clause '{clause}' is not in {text_name}: use one of its clause ids")
            return
        if quote_found(words, clauses[clause].text):
            return
        elsewhere = [c.id for c in clauses.values() if quote_found(words, c.text)]
        hint = (f"these words are in clause '{elsewhere[0]}': name that clause" if elsewhere else
                "copy the sentence exactly as readers see it (facts filled in, no Markdown)")
        self.report(where, f"this quote is not in clause '{clause}' of {text_name}: {hint}")


def check_frozen(site: CompanySite, versions: list[Version]) -> list[Problem]:
    """Each version's frozen gdpr.json: readable, its quotes in that version's own text, its hash as recorded."""
    company_dir = site.company.path.parent
    problems: list[Problem] = []
    for version in versions:
        path = frozen_path(company_dir, version.id)
        shown = display_path(path, site.root)
        if not path.exists():
            if version.gdpr_sha256:
                problems.append(Problem(shown, 1, f"the frozen GDPR index of '{version.id}' was removed: "
                                                  f"restore it from git"))
            elif publishes_index(site) and (company_dir / COVERAGE_FILE).exists():
                problems.append(Problem(shown, 1, f"version '{version.id}' has no frozen GDPR index: readers get "
                                                  f"no index while it is in force", WARNING))
            continue
        try:
            document = read_frozen(path, site.root)
        except SourceError as error:
            problems += error.problems
            continue
        if version.gdpr_sha256 and sha256(path.read_bytes()) != version.gdpr_sha256:
            problems.append(Problem(shown, 1, f"frozen GDPR index altered: its SHA-256 no longer matches the one "
                                              f"recorded for '{version.id}'; restore it from git, never edit it"))
            continue
        problems += _frozen_quotes(site, version, document, shown)
    return problems


def _frozen_quotes(site: CompanySite, version: Version, document: dict[str, Any], shown: str) -> list[Problem]:
    """Every status known, every quote in the clause it names of the version's frozen text."""
    company_dir = site.company.path.parent
    problems: list[Problem] = []
    texts: dict[str, dict[str, ClauseText]] = {}
    for element in document["elements"]:
        if element.get("status") not in STATUSES:
            problems.append(Problem(shown, 1, f"'{element.get('key')}' has an unknown status "
                                              f"{element.get('status')!r}: restore it from git"))
        for quote in element.get("quotes") or []:
            for lang, words in (quote.get("text") or {}).items():
                if lang not in texts:
                    try:
                        frozen = frozen_text(company_dir, version.id, lang)
                        texts[lang] = {c.id: c for c in clause_texts(frozen, site.markdown_html(), site.cache)}
                    except (OSError, UnicodeDecodeError):
                        texts[lang] = {}  # the missing text is reported by the archive's check
                clause = texts[lang].get(str(quote.get("clause")))
                if texts[lang] and (clause is None or not quote_found(str(words), clause.text)):
                    problems.append(Problem(shown, 1, f"a quote of '{element.get('key')}' in '{lang}' is not in "
                                                      f"clause '{quote.get('clause')}' of version "
                                                      f"'{version.id}': restore this file from git"))
    return problems
