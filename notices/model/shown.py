"""Which text and title a notice page shows: a released version's, frozen, or the editor's draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..sources.clauses import scan
from ..sources.site import CompanySite
from ..sources.text import web_address
from .archive import frozen_text
from .disclosure import display_name, public_facts
from .versions import NOTICE_PAGE, Version, in_force


@dataclass(frozen=True)
class Shown:
    """A notice's text and title as readers get them; `version` is None for the editor's draft."""

    text: str
    title: str
    version: Version | None = None

    def same_as(self, other: Shown) -> bool:
        """Whether readers would see no difference between the two (text and title)."""
        return self.text.strip() == other.text.strip() and self.title == other.title


def released(site: CompanySite, version: Version, lang: str) -> Shown:
    """A released version in `lang`: its frozen text and the title it was released with."""
    return Shown(frozen_text(site.company.path.parent, version.id, lang), (version.title or {}).get(lang, ""), version)


def draft(site: CompanySite, lang: str) -> Shown:
    """The editor's notice in `lang`: facts and snippets filled in, the title of its front matter.

    A page without front matter is titled by its first heading, as MkDocs titles it.
    """
    page = site.pages[NOTICE_PAGE][lang]
    title = str(page.meta.get("title") or "").strip()
    if not title and not page.meta:
        title = next((m.label for m in scan(page.padded_body()) if m.level == 1 and m.label), "")
    return Shown(site.filled(lang, NOTICE_PAGE), title)


def shown_version(versions: list[Version], today: dt.date, preview: bool) -> Version | None:
    """The version the notice page shows on `today`: the one in force; None (the draft) in the preview or before any."""
    return None if preview else in_force(versions, today)


def notice(site: CompanySite, versions: list[Version], lang: str, today: dt.date, preview: bool) -> Shown:
    """What the notice page in `lang` shows on `today`: the version in force, or the draft while editing."""
    version = shown_version(versions, today, preview)
    return draft(site, lang) if version is None else released(site, version, lang)


def frame_facts(site: CompanySite, lang: str) -> dict[str, str]:
    """The facts the site shows around the text now (company.yml): the name, and the authority when public."""
    facts = {"name": display_name(site, lang)}
    authority = public_facts(site, lang).get("supervisory_authority") or {}
    if authority.get("name") and web_address(authority.get("url")):
        facts.update(authority=str(authority["name"]), authority_url=str(authority["url"]))
    return facts


def shown_facts(site: CompanySite, versions: list[Version], lang: str, today: dt.date,
                preview: bool) -> dict[str, str]:
    """The facts shown around the notice on `today`: as the version in force recorded them; now in the preview."""
    version = shown_version(versions, today, preview)
    recorded = (version.facts or {}).get(lang) if version is not None else None
    return dict(recorded) if recorded is not None else frame_facts(site, lang)
