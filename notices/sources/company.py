"""A company's facts, loaded once from its data file and checked before any page uses them."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import Locale, UnknownLocaleError

from .problems import Problem, SourceError, did_you_mean, display_path
from .text import PLAIN_TEXT_HINT, plain_text, web_address
from .yamlsource import LinedData, load_yaml

DATA_FILE = "company.yml"

EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\Z")
DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+\Z")

# Every fact a notice may need: dotted key -> (required, kind, what to write).
FACTS: dict[str, tuple[bool, str, str]] = {
    "legal_name": (True, "text", "the registered name, e.g. IMPRO-MEDIA S.R.L."),
    "short_name": (True, "text", "the name the notice uses for the company, e.g. IMPRO-MEDIA"),
    "name": (False, "text", "the name without the legal form"),
    "legal_form": (True, "text", "the legal form, per language"),
    "registration_number": (True, "text", "the trade register number"),
    "trade_register": (False, "text", "the register that holds the registration number"),
    "tax_id": (False, "text", "the tax identification (VAT) number"),
    "registered_address": (True, "text", "the registered office address"),
    "working_address": (False, "text", "the working address (repeat the registered one if the same)"),
    "privacy_contact": (True, "mapping", "the privacy contact: email and, where the notice names one, person"),
    "privacy_contact.email": (True, "email", "the e-mail address for privacy requests"),
    "privacy_contact.person": (False, "text", "the person the notice names for privacy requests"),
    "website": (False, "url", "the company's web site, e.g. https://www.example.com"),
    "domains": (True, "domains", "the company's domains, the site's own domain first"),
    "supervisory_authority": (True, "mapping", "the data protection supervisory authority"),
    "supervisory_authority.name": (True, "text", "the authority's name, per language"),
    "supervisory_authority.short_name": (False, "text", "the authority's abbreviation"),
    "supervisory_authority.url": (True, "url", "the authority's web site"),
    "languages": (True, "languages", "the notice's languages, e.g. [ro, en]"),
    "default_language": (True, "language", "the language the notice was written in (its original)"),
    "confirmed": (False, "confirmed", "facts the company confirmed that its notice does not state: "
                                      "fact: {by: who at the company, on: YYYY-MM-DD}"),
    "gdpr_index": (False, "yes_no", "no if the company chose not to publish the GDPR index (default yes)"),
    "original_prevails": (False, "yes_no", "yes only if the company confirmed that its original prevails over "
                                           "translations (record who and when under confirmed:)"),
    "time_zone": (True, "zone", "the company's time zone, e.g. Europe/Bucharest: a version is in force from 00:00 "
                                "of its effective date there"),
    "notice_period_days": (False, "days", "days between publishing a material change and its effect (default 30)"),
}
DEFAULT_NOTICE_PERIOD_DAYS = 30


@dataclass
class Company:
    """One company: its id, data file and checked facts."""

    id: str
    path: Path
    shown_as: str
    data: dict
    source: LinedData = field(repr=False)

    @property
    def languages(self) -> list[str]:
        """The languages the company publishes in, original first."""
        rest = [lang for lang in self.data["languages"] if lang != self.default_language]
        return [self.default_language, *rest]

    @property
    def default_language(self) -> str:
        """The original language of the notice."""
        return self.data["default_language"]

    @property
    def domain(self) -> str:
        """The domain the company's site is published on."""
        return self.data["domains"][0]

    @property
    def notice_period_days(self) -> int:
        """Days readers get between the publication of a material change and its effect."""
        return int(self.data.get("notice_period_days", DEFAULT_NOTICE_PERIOD_DAYS))

    @property
    def time_zone(self) -> ZoneInfo:
        """The zone whose midnight starts a version's effective date."""
        return ZoneInfo(self.data["time_zone"])

    def line(self, dotted: str) -> int:
        """Line of a fact in the data file."""
        return self.source.line(dotted)

    def facts(self, lang: str) -> dict:
        """All facts with per-language values resolved for `lang`."""
        return _localise(self.data, lang, set(self.languages))


def load_company(company_dir: Path, root: Path | None = None) -> Company:
    """Load and check `company_dir/company.yml`; raise SourceError listing every problem."""
    path = Path(company_dir) / DATA_FILE
    shown_as = display_path(path, root)
    source = load_yaml(path, shown_as, text_only=True)
    if not isinstance(source.data, dict):
        raise SourceError([Problem(shown_as, 1, "expected a mapping of facts (key: value)")])
    problems = _check(source, shown_as)
    if problems:
        raise SourceError(problems)
    return Company(Path(company_dir).name, path, shown_as, source.data, source)


def _lookup(data: dict, dotted: str) -> Any:
    value: Any = data
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _check(source: LinedData, shown_as: str) -> list[Problem]:
    data = source.data
    problems: list[Problem] = []

    def report(dotted: str, message: str) -> None:
        problems.append(Problem(shown_as, source.line(dotted), message))

    roots = {key.split(".")[0] for key in FACTS}
    for key in data:
        if key not in roots:
            leaves = [dotted for dotted in FACTS if dotted.rsplit(".", 1)[-1] == key or dotted == key]
            close = leaves or difflib.get_close_matches(key, sorted(FACTS), n=1, cutoff=0.7)
            hint = (f": did you mean '{close[0]}'" + (" (indent it under its group)" if "." in close[0] else "") + "?"
                    if close else f": the facts are {', '.join(sorted(roots))}")
            report(key, f"'{key}' is not a fact this project uses{hint}")
    for group, (_, kind, _) in FACTS.items():
        value = data.get(group)
        if kind != "mapping" or not isinstance(value, dict):
            continue
        members = [dotted.split(".", 1)[1] for dotted in FACTS if dotted.startswith(f"{group}.")]
        for key in value:
            if key not in members:
                report(f"{group}.{key}", f"'{key}' is not a fact of '{group}'{did_you_mean(str(key), members)}: "
                                         f"its facts are {', '.join(members)}")
    languages = data.get("languages")
    lang_set = set(languages) if isinstance(languages, list) and all(isinstance(x, str) for x in languages) else set()
    for dotted, (required, kind, what) in FACTS.items():
        value = _lookup(data, dotted)
        if value is None or value == "" or value == []:
            if required:
                report(dotted, f"missing required fact '{dotted}': add {what}")
            continue
        if kind == "text":
            _check_text(value, dotted, lang_set, report)
        elif kind == "mapping" and not isinstance(value, dict):
            report(dotted, f"'{dotted}' must be a mapping: {what}")
        elif kind == "email" and not (isinstance(value, str) and EMAIL.match(value)):
            report(dotted, f"'{dotted}' is not a valid e-mail address: {value!r}")
        elif kind == "url" and web_address(value) is None:
            report(dotted, f"'{dotted}' is not a web address such as https://www.example.com (https only, "
                           f"no spaces, quotes or angle brackets): {value!r}")
        elif kind == "domains":
            if not isinstance(value, list):
                report(dotted, f"'{dotted}' must be a list: {what}")
            for i, item in enumerate(value if isinstance(value, list) else []):
                if not (isinstance(item, str) and DOMAIN.match(item)):
                    report(f"{dotted}.{i}", f"'{item}' is not a domain name such as example.com")
        elif kind == "languages":
            if not isinstance(value, list) or not value:
                report(dotted, f"'{dotted}' must be a list: {what}")
            for i, item in enumerate(value if isinstance(value, list) else []):
                if not _is_locale(item):
                    report(f"{dotted}.{i}", f"'{item}' is not a language code such as ro, lv or en")
                elif item in value[:i]:
                    report(f"{dotted}.{i}", f"language '{item}' is listed twice: list each language once")
        elif kind == "days" and not (isinstance(value, str) and value.isdigit() and len(value) < 5):
            report(dotted, f"'{dotted}' must be a whole number of days, not {value!r}")
        elif kind == "confirmed":
            _check_confirmed(value, dotted, data, report)
        elif kind == "yes_no" and value not in ("yes", "no"):
            report(dotted, f"'{dotted}' must be yes or no, not {value!r}")
        elif dotted == "original_prevails" and value == "yes" and dotted not in (data.get("confirmed") or {}):
            report(dotted, "that the original prevails is the company's statement, never the site's: record who at "
                           "the company confirmed it and when (confirmed: {original_prevails: {by: Name Surname, "
                           "on: YYYY-MM-DD}}), or remove this line")
        elif kind == "zone" and not _is_zone(value):
            report(dotted, f"'{value}' is not a time zone: write its IANA name, e.g. Europe/Bucharest or Europe/Riga")
        elif kind == "language":
            if not _is_locale(value):
                report(dotted, f"'{value}' is not a language code such as ro, lv or en")
            elif lang_set and value not in lang_set:
                report(dotted, f"default_language '{value}' is not one of the languages {sorted(lang_set)}")
    return problems


def _check_confirmed(value: Any, dotted: str, data: dict, report: Callable[[str, str], None]) -> None:
    if not isinstance(value, dict):
        report(dotted, f"'{dotted}' must map each confirmed fact to who confirmed it and when")
        return
    for key, record in value.items():
        where = f"{dotted}.{key}"
        if _lookup(data, key) is None:
            report(where, f"'{key}' is confirmed but company.yml gives no such fact: check its name")
        if not (isinstance(record, dict) and plain_text(record.get("by")) and
                re.match(r"^\d{4}-\d{2}-\d{2}$", str(record.get("on") or ""))):
            report(where, f"the confirmation of '{key}' must say who at the company confirmed it and when: "
                          f"{key}: {{by: Name Surname, on: YYYY-MM-DD}}")


def _check_text(value: Any, dotted: str, lang_set: set[str], report: Callable[[str, str], None]) -> None:
    if isinstance(value, dict):
        missing = sorted(lang_set - set(value))
        unknown = sorted(set(value) - lang_set)
        if unknown:
            report(dotted, f"'{dotted}' has text for {unknown}, which is not among the languages {sorted(lang_set)}")
        if missing:
            report(dotted, f"'{dotted}' has no text for language(s) {missing}: add one line per language")
        for lang, text in value.items():
            if not plain_text(text) or text == "":
                report(f"{dotted}.{lang}", f"'{dotted}.{lang}' must be one line of plain text, without "
                                           f"{PLAIN_TEXT_HINT}")
    elif not plain_text(value):
        report(dotted, f"'{dotted}' must be one line of plain text, without {PLAIN_TEXT_HINT}")


# Names in the time zone database that are not a place's zone: the build machine's own, and a placeholder.
NOT_PLACES = frozenset({"localtime", "Factory"})


def _is_zone(value: Any) -> bool:
    """Whether `value` is the IANA name of a place's time zone (never the build machine's `localtime`)."""
    if not isinstance(value, str) or value in NOT_PLACES or value not in _zone_names():
        return False
    try:
        ZoneInfo(value)
    except (ValueError, OSError, ZoneInfoNotFoundError):
        return False
    return True


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def _is_locale(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        Locale.parse(value)
    except (ValueError, UnknownLocaleError):
        return False
    return True


def _localise(value: Any, lang: str, languages: set[str]) -> Any:
    if isinstance(value, dict):
        if value and set(value) <= languages:
            return _localise(value.get(lang), lang, languages)
        return {key: _localise(item, lang, languages) for key, item in value.items()}
    if isinstance(value, list):
        return [_localise(item, lang, languages) for item in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value
