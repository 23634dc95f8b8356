"""The addresses a site's build gives its own pages and files, which no editor's page may take."""

from __future__ import annotations

# Pages the build makes from the record, and the folder of every version's permanent address.
HISTORY_PAGE = "history.md"
COMPARE_PAGE = "compare.md"
GDPR_PAGE = "gdpr.md"
FOLLOW_PAGE = "follow.md"
ARCHIVE_FOLDER = "versions"
# Files beside the pages: the project's, MkDocs' and Material's (its search and assets, the error page).
FEED_FILE = "feed.xml"
ROBOTS_FILE = "robots.txt"
VERSIONS_FILE = "versions.json"
DEPLOY_FILE = "deployed.json"
BUILD_FILES = (FEED_FILE, ROBOTS_FILE, VERSIONS_FILE, DEPLOY_FILE, "sitemap.xml", "sitemap.xml.gz", "404.html", "404")
BUILD_FOLDERS = ("assets", "search")


def taken_address(name: str, languages: list[str]) -> str | None:
    """What of the build's own an editor's page `name` (e.g. 'feed.xml.md') would stand in for, or None.

    A page `x.md` is served at `x/` (and `x/index.md` there too): its first part of the address must not
    be a generated page, a file or folder the build writes, or a language's own root (`en.md` is `/en/`).
    """
    stem = name.removesuffix(".md").removesuffix("/index")
    first = stem.split("/", 1)[0].casefold()
    if stem.casefold() in {p.removesuffix(".md") for p in (HISTORY_PAGE, COMPARE_PAGE, GDPR_PAGE, FOLLOW_PAGE)} \
            or first == ARCHIVE_FOLDER:
        return "the build makes this page from versions.yml (its address is the build's own)"
    if first in BUILD_FILES or first in BUILD_FOLDERS:
        return f"the build writes its own '{first}' at this page's address"
    if first in {lang.casefold() for lang in languages}:
        return f"'/{first}/' is the address of the notice in '{first}'; an editor's page there would replace it"
    return None


# Ids the site's own markup uses around a text (the theme's and the frame's): a clause may not take one,
# or a link to it would land elsewhere.
SITE_ID_PREFIXES = ("notice-", "md-", "clause-", "__")
SITE_IDS = frozenset({"changed-clauses", "search", "content", "top"})


def site_id(value: str) -> bool:
    """Whether `value` is an id of the site's own markup, which no clause or element of a text may take."""
    return value.lower() in SITE_IDS or value.lower().startswith(SITE_ID_PREFIXES)
