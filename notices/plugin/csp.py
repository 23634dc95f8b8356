"""A Content-Security-Policy and a no-referrer policy on every page, and the host's headers.

The policies come from notices/publish/csp.py; this module only places them in the pages as they are
written, keeps what each page needs, and writes the site's .htaccess from that once every language is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..publish.csp import PageScan, htaccess, scan_page, secured, site_policy


@dataclass
class CspState:
    """What every page written so far needs."""

    # By path in the site: a later language pass writing the same file (404.html) replaces its scan,
    # as it replaces the file.
    scans: dict[str, PageScan] = field(default_factory=dict)


def secure(state: CspState, html: str, path: str) -> str:
    """Give the page written at `path` a policy that admits exactly its own inline scripts."""
    scan = scan_page(html)
    state.scans[path] = scan
    return secured(html, scan)


def on_post_template(state: CspState, output_content: str, template_name: str) -> str:
    """The same for 404.html, which is rendered as a template, not as a page."""
    if template_name.endswith(".html"):
        return secure(state, output_content, template_name)
    return output_content


def on_post_build(state: CspState, config: MkDocsConfig, not_found: dict[str, str]) -> None:
    """Once i18n has built every language, write the host's configuration for the whole site.

    Headers admitting every page's scripts, and the 404 page of the language each address is under
    (`not_found`: a language's root -> its 404 page).
    """
    scans = [state.scans[path] for path in sorted(state.scans)]
    (Path(config.site_dir) / ".htaccess").write_text(htaccess(site_policy(scans), not_found), encoding="utf-8")
