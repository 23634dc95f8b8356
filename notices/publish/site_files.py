"""The files a site carries beside its pages: feeds, robots.txt, versions.json, clause data, archive copies."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from ..model.archive import archive_path
from ..model.dates import local_midnight, source_date
from ..model.gdpr import frozen_path, publishes_index
from ..sources.addresses import DEPLOY_FILE, FEED_FILE, ROBOTS_FILE, VERSIONS_FILE
from ..sources.deploy_record import Entry
from ..sources.problems import Problem, SourceError
from .deployed_json import deployed_document
from .html import environment
from .publication import Publication, clauses_url, frozen_url
from .search_words import script as words_script
from .versions_json import versions_document

EPOCH_DAY = dt.date(1970, 1, 1)
# How the browser's searches compare words: the search index's own rule (search_words), for every language.
WORDS_SCRIPT = "assets/javascripts/words.js"
# Characters XML 1.0 cannot hold: the check refuses them in every source; should one reach a feed all the
# same, it is replaced, so that the feed stays well-formed.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class SiteFile:
    """One generated file: where it goes in the site (a relative path) and its text."""

    path: str
    content: str


def feed(publication: Publication, site_url: str) -> SiteFile:
    """The Atom feed of the publication's language, newest version first."""
    versions = publication.versions
    zone = publication.site.company.time_zone
    text = environment().get_template("atom-feed.xml").render(
        notice=publication.common(), site_url=site_url,
        versions=[publication.version_view(v) for v in reversed(versions)],
        # A version's day starts at midnight where the company is.
        published={v.id: local_midnight(v.published, zone) for v in versions},
        # From the sources, never from the clock, so that rebuilding one commit gives the same feed.
        updated=local_midnight(max((v.published for v in versions), default=source_date() or EPOCH_DAY), zone),
    )
    return SiteFile(publication.url(FEED_FILE).rstrip("/"), NOT_XML.sub("\ufffd", text))


def clause_files(publication: Publication) -> list[SiteFile]:
    """Each version's clauses in the publication's language, for the any-two comparison."""
    # Only the two versions a reader compares are fetched, so the comparison page does not grow.
    return [SiteFile(clauses_url(v.id, publication.lang),
                     json.dumps(publication.clause_data(v), ensure_ascii=False, separators=(",", ":")))
            for v in publication.versions]


def archive_copies(publication: Publication) -> list[SiteFile]:
    """The frozen texts themselves, in every language, so that anyone can check a version's SHA-256."""
    company = publication.site.company
    copies = []
    for version in publication.versions:
        for code in company.languages:
            source = archive_path(publication.company_dir, version.id, code)
            try:
                # Bytes decoded as they are: no newline translation, so the SHA-256 still matches.
                text = source.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError) as error:  # removed or damaged while previewing
                reason = error.strerror if isinstance(error, OSError) else "not UTF-8"
                raise SourceError([Problem(str(source), 1, f"the archived text cannot be read ({reason}): "
                                                           f"restore it from git")]) from None
            copies.append(SiteFile(f"versions/{version.id}/{code}.md", text))
        index = frozen_path(publication.company_dir, version.id)
        if publishes_index(publication.site) and index.exists():
            # As frozen at release, so that its SHA-256 can be checked like the texts'.
            copies.append(SiteFile(frozen_url(version.id), index.read_bytes().decode("utf-8")))
    return copies


def site_files(publication: Publication, site_url: str, deployed: list[Entry] | None = None) -> list[SiteFile]:
    """Every file the site carries beside its pages for the publication's language.

    `deployed`: the deploy's record to publish (deployed.json), given only by a deploy's build.
    """
    # The files of the whole site (robots.txt, versions.json, the archive copies) come with the original
    # language, so that each is made once.
    files = [feed(publication, site_url), *clause_files(publication)]
    if publication.lang == publication.default:
        files.append(SiteFile(ROBOTS_FILE, f"User-agent: *\nAllow: /\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"))
        document = versions_document(publication.site, publication.versions, site_url)
        text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        files.append(SiteFile(VERSIONS_FILE, text))
        files.append(SiteFile(WORDS_SCRIPT, words_script()))
        if deployed is not None:
            files.append(SiteFile(DEPLOY_FILE, deployed_document(publication.site, deployed)))
        files.extend(archive_copies(publication))
    return files
