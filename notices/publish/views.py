"""What the templates are given: the keys of each view of a publication, so a misspelt key fails the type check."""

from __future__ import annotations

from typing import Literal, TypedDict

from markupsafe import Markup

from ..model.versions import ChangeKind, VersionStatus


class VersionView(TypedDict):
    """One version as the banner, the history, the comparison and the feed show it."""

    id: str
    effective: str
    effective_label: str
    published: str
    published_label: str
    superseded_label: str | None
    superseded: str | None
    change: ChangeKind
    material: bool
    summary: str
    sha256: str
    status: VersionStatus
    url: str
    changes_url: str | None
    clauses_url: str


class Authority(TypedDict):
    """The supervisory authority a reader may complain to."""

    name: str
    url: str


class CommonView(TypedDict):
    """What every page's template gets."""

    lang: str
    labels: dict[str, str]
    current: VersionView | None
    upcoming: list[VersionView]
    history_url: str
    compare_url: str
    home_url: str
    feed_url: str
    follow_url: str
    company_name: str
    authority: Authority | None


class ClauseLink(TypedDict):
    """A clause of a text, by its label, with where it is."""

    id: str
    label: str
    url: str


class TranslationView(TypedDict):
    """What the site says about a translated text: its original, and the clauses it may be behind on."""

    language: str | None
    # Only when company.yml records that the company confirmed it (original_prevails, under confirmed:).
    prevails: bool
    original_lang: str
    original_url: str
    behind: list[ClauseLink]


class QuoteView(TypedDict):
    """Words of the notice that give an element, in this language or (when not quoted in it) the original."""

    text: str
    lang: str
    translated: bool
    clause: ClauseLink


class IndexRow(TypedDict):
    """One GDPR element: its status, the quotes that give it, what is missing or why it does not apply."""

    key: str
    article: str
    name: str
    status: str
    quotes: list[QuoteView]
    missing: str | None
    reason: str | None


class IndexView(TypedDict):
    """The GDPR page: every element, how many have each status, the version described and its data file."""

    rows: list[IndexRow]
    counts: dict[str, int]
    version: VersionView | None
    data_url: str | None
    original_language: str


class ClauseTokens(TypedDict):
    """A clause as the any-two comparison reads it: its id, label and the diff's tokens."""

    id: str
    label: str
    tokens: list[str]


class ClauseData(TypedDict):
    """A version's clauses in one language, written beside its frozen text for the comparison page."""

    id: str
    lang: str
    clauses: list[ClauseTokens]


PageKind = Literal["notice", "page", "history", "compare", "gdpr", "follow", "version", "changes"]


class ContentsEntry(TypedDict):
    """A numbered point of a section, as the contents list shows it under its heading."""

    id: str
    url: str
    title: Markup


class PageFrame(TypedDict):
    """What the theme places on a page: its kind, the feed, and the site's HTML around and after the text."""

    kind: PageKind
    lang: str
    feed_url: str
    feed_title: str
    # The site's HTML, rendered by the publish stage: before the text (banner, translation note), the body of
    # a generated page, after the text (the site's notes); and the scripts the page needs, site-relative.
    before: Markup
    body: Markup
    after: Markup
    scripts: list[str]
    # The paragraphs that start a clause, by the id of the heading they come under (for the contents list).
    points: dict[str, list[ContentsEntry]]
    # The heading above a text without a heading of its own ('' for the page's title).
    heading: str
