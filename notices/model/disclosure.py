"""Which company facts may reach readers: those the company's own notice states, or that it confirmed."""

from __future__ import annotations

from typing import Any

from ..sources.site import CompanySite
from .versions import NOTICE_PAGE

CONFIRMED = "confirmed"
# Facts that say how the site is built, not something about the company a reader is told.
SETTINGS = {"languages", "default_language", "notice_period_days", "time_zone", CONFIRMED,
            "gdpr_index", "original_prevails"}
NAMES = ("legal_name", "name", "short_name")


def _leaves(data: dict, languages: set[str], prefix: str = "") -> dict[str, dict | str | list]:
    """Dotted key -> value (text, or {lang: text} for a fact given per language)."""
    found: dict[str, dict | str | list] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if not prefix and key in SETTINGS:
            continue
        if isinstance(value, dict) and value and set(value) <= languages:
            found[dotted] = value
        elif isinstance(value, dict):
            found.update(_leaves(value, languages, dotted + "."))
        elif isinstance(value, (str, list)):
            found[dotted] = value
    return found


def public_keys(site: CompanySite) -> set[str]:
    """Dotted keys of the facts a reader may be told.

    A fact is stated when its value, in the original language, is in the text of the original
    notice; it is confirmed when company.yml records who at the company confirmed it and when.
    """
    company = site.company
    original = company.default_language
    page = site.pages.get(NOTICE_PAGE, {}).get(original)
    text = site.filled(original, NOTICE_PAGE) if page is not None and not site.errors else ""
    confirmed = company.data.get(CONFIRMED) or {}
    public = set()
    for dotted, value in _leaves(company.data, set(company.languages)).items():
        shown = value.get(original) if isinstance(value, dict) else value
        said = shown if isinstance(shown, list) else [shown]
        if dotted in confirmed or (said and all(isinstance(x, str) and x and x in text for x in said)):
            public.add(dotted)
    return public


def original_prevails(site: CompanySite) -> bool:
    """Whether the company confirmed that its original prevails over translations (who and when recorded)."""
    data = site.company.data
    return data.get("original_prevails") == "yes" and "original_prevails" in (data.get(CONFIRMED) or {})


def public_facts(site: CompanySite, lang: str) -> dict:
    """The company's facts in `lang`, only those a reader may be told (nested as in company.yml)."""
    keys = public_keys(site)

    def keep(value: Any, prefix: str) -> Any:
        if not isinstance(value, dict):
            return value
        kept: dict[str, Any] = {}
        for key, item in value.items():
            dotted = f"{prefix}{key}"
            if dotted in keys:
                kept[key] = item
            elif isinstance(item, dict) and any(k.startswith(dotted + ".") for k in keys):
                kept[key] = keep(item, dotted + ".")
        return kept

    return keep(site.company.facts(lang), "")


def display_name(site: CompanySite, lang: str) -> str:
    """The company's name as the site shows it: the fullest name the notice states or the company confirmed."""
    facts = public_facts(site, lang)
    return next((facts[key] for key in NAMES if facts.get(key)), site.company.domain)

