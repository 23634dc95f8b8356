"""What readers get for one company and language on a day: the views of its versions, clauses and coverage."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel import Locale

from ..checks.gdpr import Coverage
from ..model.archive import frozen_text
from ..model.dates import long_date
from ..model.disclosure import original_prevails
from ..model.gdpr import STATUSES, document, element_names, frozen_path, publishes_index, read_frozen
from ..model.shown import Shown, draft, notice, released, shown_facts
from ..model.textdiff import ClauseText, clause_texts, tokens
from ..model.translations import behind_clauses
from ..model.versions import (
    NOTICE_PAGE,
    Version,
    VersionStatus,
    in_force,
    previous,
    superseded_on,
    translation_source,
    upcoming,
)
from ..sources.labels import load_labels
from ..sources.problems import SourceError
from ..sources.site import CompanySite
from .urls import page_url, relative_url
from .views import (
    Authority,
    ClauseData,
    ClauseLink,
    CommonView,
    IndexRow,
    IndexView,
    QuoteView,
    TranslationView,
    VersionView,
)


class Publication:
    """The versions of one company seen from one language, on a given day."""

    def __init__(self, site: CompanySite, versions: list[Version], lang: str, today: dt.date,
                 coverage: Coverage | None = None, preview: bool = False):
        self.site = site
        self.versions = versions
        self.lang = lang
        self.today = today
        self.default = site.company.default_language
        self.labels = load_labels(site, lang)
        self.company_dir = site.company.path.parent
        self.current = in_force(versions, today)
        self.upcoming = upcoming(versions, today)
        self.coverage = coverage
        # The name and authority around the text: as the version in force was released (now, in the preview).
        self.facts = shown_facts(site, versions, lang, today, preview)
        self.company_name = self.facts["name"]
        self._clauses: dict[str, list[ClauseText]] = {}
        self._views: dict[str, VersionView] = {}
        self._common: CommonView | None = None

    def url(self, name: str) -> str:
        """Site-relative URL of page `name` in this language."""
        return page_url(name, self.lang, self.default)

    def text(self, version: Version) -> str:
        """A version's frozen text in this language."""
        return frozen_text(self.company_dir, version.id, self.lang)

    def clauses(self, version: Version) -> list[ClauseText]:
        """A version's clauses as plain text; each version is cut once, though three pages use it."""
        if version.id not in self._clauses:
            self._clauses[version.id] = clause_texts(self.text(version), self.site.markdown_html(), self.site.cache)
        return self._clauses[version.id]

    def version_view(self, version: Version) -> VersionView:
        """What templates show of one version (made once: the history, the comparison and every page use it)."""
        if version.id not in self._views:
            self._views[version.id] = self._version_view(version)
        return self._views[version.id]

    def _version_view(self, version: Version) -> VersionView:
        ended = superseded_on(self.versions, version)
        if version.effective > self.today:
            status = VersionStatus.UPCOMING
        elif ended is not None and ended <= self.today:
            status = VersionStatus.SUPERSEDED
        else:
            status = VersionStatus.IN_FORCE
        before = previous(self.versions, version)
        pattern = self.labels.get("date_format")
        shown_ended = ended if ended and status == VersionStatus.SUPERSEDED else None
        return {
            "id": version.id,
            "effective": version.effective.isoformat(),
            "effective_label": long_date(version.effective, self.lang, pattern),
            "published": version.published.isoformat(),
            "published_label": long_date(version.published, self.lang, pattern),
            "superseded_label": long_date(shown_ended, self.lang, pattern) if shown_ended else None,
            "superseded": shown_ended.isoformat() if shown_ended else None,
            "change": version.change,
            "material": version.material,
            "summary": version.summary.get(self.lang, ""),
            "sha256": version.sha256.get(self.lang, ""),
            "status": status,
            "url": self.url(f"versions/{version.id}/index.md"),
            "changes_url": self.url(f"versions/{version.id}/changes.md") if before else None,
            "clauses_url": clauses_url(version.id, self.lang),
        }

    def common(self) -> CommonView:
        """What every page's template gets (made once: every page of the language shows it)."""
        if self._common is None:
            self._common = self._make_common()
        return self._common

    def _make_common(self) -> CommonView:
        return {
            "lang": self.lang,
            "labels": self.labels,
            "current": self.version_view(self.current) if self.current else None,
            "upcoming": [self.version_view(v) for v in self.upcoming],
            "history_url": self.url("history.md"),
            "compare_url": self.url("compare.md"),
            "home_url": self.url(NOTICE_PAGE),
            "feed_url": self.url("feed.xml").rstrip("/"),
            "follow_url": self.url("follow.md"),
            "company_name": self.company_name,
            "authority": self._authority(),
        }

    def _authority(self) -> Authority | None:
        """The supervisory authority, when the notice states it or the company confirmed it."""
        if self.facts.get("authority") and self.facts.get("authority_url"):
            return {"name": self.facts["authority"], "url": self.facts["authority_url"]}
        return None

    def notice(self, preview: bool) -> Shown:
        """The notice page's text and title: the version in force, or the editor's draft (preview, or none yet)."""
        return notice(self.site, self.versions, self.lang, self.today, preview)

    def notice_markdown(self, draft: bool) -> str:
        """The notice page's text (see `notice`)."""
        return self.notice(draft).text

    def is_draft(self) -> bool:
        """Whether the editor's text or title differs from the version in force (or nothing is released yet)."""
        if self.current is None:
            return True
        try:
            return not draft(self.site, self.lang).same_as(released(self.site, self.current, self.lang))
        except SourceError:
            return True

    def translation(self, version: Version | None, name: str = NOTICE_PAGE) -> TranslationView | None:
        """What the site says about a translated text: its original, and the clauses it may be behind on."""
        if self.lang == self.default:
            return None
        here = self.url(name)
        original = page_url(name, self.default, self.default)
        behind: list[ClauseLink] = []
        if version is not None:
            source = translation_source(version, self.lang)
            if source != version.id:
                to_html = self.site.markdown_html()
                labels = {c.id: c.label
                          for c in clause_texts(frozen_text(self.company_dir, version.id, self.default), to_html)}
                for clause_id in behind_clauses(self.company_dir, source, version.id, self.default, self.lang,
                                                to_html, self.site.cache):
                    behind.append({"id": clause_id, "label": labels.get(clause_id, clause_id),
                                   "url": relative_url(here, original) + "#" + clause_id})
        return {
            "language": Locale.parse(self.default).get_display_name(self.lang),
            "prevails": original_prevails(self.site),
            "original_lang": self.default,
            "original_url": relative_url(here, original),
            "behind": behind,
        }

    def index_document(self) -> dict[str, Any] | None:
        """The GDPR index readers get: the one frozen with the version in force (the editors' before any release)."""
        if not publishes_index(self.site):
            return None
        if self.current is not None:
            path = frozen_path(self.company_dir, self.current.id)
            return read_frozen(path, self.site.root) if path.exists() else None
        if self.coverage is None:
            return None
        return document(self.coverage.entries, element_names(self.site), self.site.company.id, "",
                        self.site.company.languages)

    def index_view(self, index: dict[str, Any]) -> IndexView:
        """What the GDPR page shows of an index: each element in this language, with its evidence linked."""
        found = (self.clauses(self.current) if self.current
                 else clause_texts(self.site.filled(self.lang, NOTICE_PAGE), self.site.markdown_html()))
        labels = {c.id: c.label for c in found}
        notice = self.url(NOTICE_PAGE)
        original = index["original_language"]
        rows: list[IndexRow] = []
        for element in index["elements"]:
            quotes: list[QuoteView] = []
            for quote in element["quotes"]:
                lang = self.lang if quote["text"].get(self.lang) else original
                quotes.append({"text": quote["text"][lang], "lang": lang, "translated": lang == self.lang,
                               "clause": {"id": quote["clause"], "label": labels.get(quote["clause"], quote["clause"]),
                                          "url": f"{notice}#{quote['clause']}"}})
            rows.append({"key": element["key"], "article": element["article"],
                         "name": element["name"].get(self.lang) or element["name"][original],
                         "status": element["status"], "quotes": quotes,
                         "missing": (element["missing"] or {}).get(self.lang),
                         "reason": (element["reason"] or {}).get(self.lang)})
        counts = {status: sum(1 for row in rows if row["status"] == status) for status in STATUSES}
        version = index.get("version") or None
        return {"rows": rows, "counts": counts,
                "version": self.version_view(self.current) if self.current and version else None,
                "data_url": frozen_url(version) if version else None,
                "original_language": Locale.parse(original).get_display_name(self.lang) or original}

    def clause_data(self, version: Version) -> ClauseData:
        """A version's clauses in this language as the any-two comparison reads them, in the diff's tokens."""
        return {"id": version.id, "lang": self.lang,
                "clauses": [{"id": c.id, "label": c.label, "tokens": tokens(c.text)} for c in self.clauses(version)]}


def frozen_url(version_id: str) -> str:
    """Site-relative address of a version's GDPR index as data, beside its frozen texts."""
    return f"versions/{version_id}/gdpr.json"


def clauses_url(version_id: str, lang: str) -> str:
    """Site-relative address of a version's clause data, beside its frozen text."""
    return f"versions/{version_id}/{lang}.json"
