"""Every page of one language of a site: the pages the build adds, and the site's HTML around each text."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..model.shown import released
from ..model.textdiff import compare_clauses
from ..model.versions import NOTICE_PAGE, previous
from ..sources.addresses import ARCHIVE_FOLDER, COMPARE_PAGE, FOLLOW_PAGE, GDPR_PAGE, HISTORY_PAGE
from ..sources.clauses import points_under_headings
from ..sources.problems import SourceError
from .html import render
from .publication import Publication
from .views import ContentsEntry, PageFrame, PageKind

NO_HTML = Markup("")


@dataclass
class GeneratedPage:
    """A page the build adds: where it goes, its title, and its Markdown (a version's text) or its HTML body."""

    name: str
    title: str
    kind: PageKind
    markdown: str = ""
    # What its templates show (the version and its translation, for a version page's banner).
    view: dict[str, Any] = field(default_factory=dict)
    body: Markup = NO_HTML
    scripts: tuple[str, ...] = ()
    # The heading shown above a text that has none of its own (a version page), else the title.
    heading: str = ""

    @property
    def in_nav(self) -> bool:
        """Whether the page is in the site's navigation (an archived version and its changes are not)."""
        return self.kind in ("history", "compare", "gdpr", "follow")

    def source(self) -> str:
        """The page's Markdown source, with the front matter that gives its title."""
        # Escaped once here: the theme prints a page's title from its front matter as HTML, unescaped.
        meta: dict = {"title": str(Markup.escape(self.title))}
        if self.name.startswith("versions/"):
            # Archived texts and their changes stay out of the default search: each text is found once,
            # on the page in force.
            meta["search"] = {"exclude": True}
        return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n{self.markdown}"


class Pages:
    """The pages of one publication, made once: linear in the number of versions."""

    def __init__(self, publication: Publication, site_url: str):
        self.publication = publication
        self.site_url = site_url
        self._pages = {page.name: page for page in self._make()}

    def generated(self) -> list[GeneratedPage]:
        """Every page the build adds for this language."""
        return list(self._pages.values())

    def page(self, name: str) -> GeneratedPage | None:
        """The generated page `name` (e.g. 'history.md'), or None for an editor's page."""
        return self._pages.get(name)

    def _body(self, name: str, template: str, view: dict[str, Any]) -> Markup:
        notice = {**self.publication.common(), **view}
        return render(template, self.publication.url(name), notice=notice)

    def _make(self) -> list[GeneratedPage]:
        pub = self.publication
        labels = pub.labels
        pages = [
            GeneratedPage(HISTORY_PAGE, labels["history"], "history",
                          body=self._body(HISTORY_PAGE, "history.html",
                                          {"versions": [pub.version_view(v) for v in reversed(pub.versions)]}),
                          scripts=("assets/javascripts/archive-search.js",)),
            GeneratedPage(COMPARE_PAGE, labels["compare"], "compare",
                          body=self._body(COMPARE_PAGE, "compare.html",
                                          {"versions": [pub.version_view(v) for v in pub.versions],
                                           "address": self.site_url + pub.url(COMPARE_PAGE)}),
                          scripts=("assets/javascripts/vendor/diff-match-patch-1.0.5.js",
                                   "assets/javascripts/compare.js")),
        ]
        # How to follow changes, with the feed's address for a feed reader: the feed itself is not a page to read.
        pages.append(GeneratedPage(FOLLOW_PAGE, labels["follow"], "follow",
                                   body=self._body(FOLLOW_PAGE, "follow.html",
                                                   {"feed_address": self.site_url + pub.url("feed.xml").rstrip("/")})))
        index = pub.index_document()
        if index is not None:
            pages.append(GeneratedPage(GDPR_PAGE, labels["gdpr"], "gdpr",
                                       body=self._body(GDPR_PAGE, "gdpr.html", {"index": pub.index_view(index)})))
        for version in pub.versions:
            view = pub.version_view(version)
            name = f"{ARCHIVE_FOLDER}/{version.id}/index.md"
            # Headed, on every site, by the title the version was released with (the text's own first heading,
            # where it has one, comes first); the browser's tab also names the version.
            title = released(pub.site, version, pub.lang).title
            label = f"{labels['version']} {version.id}"
            pages.append(GeneratedPage(name, f"{title} ({label})" if title else label, "version", pub.text(version),
                                       {"version": view, "translation": pub.translation(version, name)},
                                       heading=title or label))
            before = previous(pub.versions, version)
            if before is not None:
                diff = compare_clauses(pub.clauses(before), pub.clauses(version))
                changes = f"{ARCHIVE_FOLDER}/{version.id}/changes.md"
                pages.append(GeneratedPage(
                    changes, f"{labels['changes_from_previous']}: {before.id} → {version.id}", "changes",
                    body=self._body(changes, "changes.html", {
                        "version": view, "previous": pub.version_view(before),
                        "clauses": diff, "changed": [c for c in diff if c.status != "unchanged"]})))
        return pages

    def frame(self, name: str, preview: bool) -> PageFrame:
        """What the theme places around page `name`; in the preview, the notice page shows the editor's draft."""
        pub = self.publication
        generated = self.page(name)
        kind: PageKind = generated.kind if generated else ("notice" if name == NOTICE_PAGE else "page")
        before = after = NO_HTML
        points: dict[str, list[ContentsEntry]] = {}
        if kind in ("notice", "version"):
            try:
                shown = generated.markdown if generated is not None else pub.notice_markdown(draft=preview)
            except SourceError:  # only in the preview, which shows the problem in the page instead
                shown = ""
            points = {heading: [{"id": c.id, "url": f"#{c.id}", "title": Markup.escape(c.label)} for c in found]
                      for heading, found in points_under_headings(shown).items()}
            here = pub.url(name)
            if generated is not None:
                view = {**pub.common(), **generated.view, "kind": kind, "draft": False}
            else:
                view = {**pub.common(), "kind": kind, "draft": preview and pub.is_draft(),
                        "translation": pub.translation(None if preview else pub.current)}
            before = render("banner.html", here, notice=view, site_url=self.site_url)
            after = render("site-notes.html", here, notice=view)
        return {"kind": kind, "lang": pub.lang, "feed_url": pub.url("feed.xml").rstrip("/"),
                "feed_title": pub.labels["feed"], "before": before, "after": after,
                "body": generated.body if generated else NO_HTML,
                "scripts": list(generated.scripts) if generated else [], "points": points,
                "heading": generated.heading if generated and generated.heading else ""}
