"""MkDocs adapter: a Content-Security-Policy and a no-referrer policy on every page, and the host's headers.

The policies come from notices/publish/csp.py; this file only places them in the pages as they are
written, keeps what each page needs, and writes the site's .htaccess from that once every language is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from notices.publish.csp import PageScan, htaccess, scan_page, secured, site_policy


@dataclass
class CspState:
    """What every page written so far needs."""

    # By path in the site: a later language pass writing the same file (404.html) replaces its scan,
    # as it replaces the file.
    scans: dict[str, PageScan] = field(default_factory=dict)


STATE = CspState()


# After i18n's on_config (-100), which sets the language of the pass.
@event_priority(-150)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """A new build (its first, original-language pass) starts with no page written."""
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.current_language == i18n.default_language:
        STATE.scans = {}
    return config


def _secure(html: str, path: str) -> str:
    scan = scan_page(html)
    STATE.scans[path] = scan
    return secured(html, scan)


# Last of all, so that the scripts hashed are the ones written to the page.
@event_priority(-300)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Give the page a policy that admits exactly its own inline scripts."""
    return _secure(output, page.file.dest_uri)


@event_priority(-300)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same for 404.html, which is rendered as a template, not as a page."""
    if template_name.endswith(".html"):
        return _secure(output_content, template_name)
    return output_content


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    """Once i18n has built every language, write the header policy admitting every page's scripts."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    scans = [STATE.scans[path] for path in sorted(STATE.scans)]
    (Path(config.site_dir) / ".htaccess").write_text(htaccess(site_policy(scans)), encoding="utf-8")
