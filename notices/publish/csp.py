"""Content-Security-Policy for built pages: the inline scripts and styles a page has, their hashes, the policy.

Plain Python over finished HTML, so it can be tested without a build. Each page gets a policy that
admits exactly its own inline scripts and style elements; the host's header admits every one of the site.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .html import environment

# Script types a browser executes (HTML's "JavaScript MIME type essence match", plus module and
# importmap, both governed by script-src). Anything else, such as application/json, is data.
EXECUTED_TYPES = frozenset({
    "", "module", "importmap", "text/javascript", "application/javascript", "application/ecmascript",
    "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
})

REFERRER_POLICY = "no-referrer"


@dataclass
class PageScan:
    """What the policy of one page depends on, and where its <meta> elements go."""

    inline_scripts: list[str] = field(default_factory=list)
    inline_styles: list[str] = field(default_factory=list)
    insert_at: int | None = None

    @property
    def script_hashes(self) -> list[str]:
        """CSP hash sources of the page's inline scripts, in page order, without repeats."""
        return list(dict.fromkeys(script_hash(text) for text in self.inline_scripts))

    @property
    def style_hashes(self) -> list[str]:
        """CSP hash sources of the page's <style> elements, in page order, without repeats."""
        return list(dict.fromkeys(script_hash(text) for text in self.inline_styles))


class _Scanner(HTMLParser):
    """Collects a page's executed inline scripts, its style elements and the head's insertion point."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self._in_head = False
        self._seen_script = False
        self._script: list[str] | None = None
        self._style: list[str] | None = None

    def _tag_end(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column + len(self.get_starttag_text() or "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: (value or "") for name, value in attrs}
        if tag == "head" and self.scan.insert_at is None:
            self._in_head = True
            self.scan.insert_at = self._tag_end()
        elif tag == "meta" and self._in_head:
            # After <meta charset>, which should come first, unless a script came before it.
            if "charset" in values and not self._seen_script:
                self.scan.insert_at = self._tag_end()
        elif tag == "script":
            self._seen_script = True
            if "src" in values:
                return
            executed = values.get("type", "").strip().lower() in EXECUTED_TYPES
            self._script = [] if executed else None
        elif tag == "style":
            self._style = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        elif self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag == "script" and self._script is not None:
            self.scan.inline_scripts.append("".join(self._script))
            self._script = None
        elif tag == "style" and self._style is not None:
            self.scan.inline_styles.append("".join(self._style))
            self._style = None


def scan_page(html: str) -> PageScan:
    """Read a finished page: its executed inline scripts, its style elements and where <meta> goes."""
    scanner = _Scanner(html)
    scanner.feed(html)
    scanner.close()
    return scanner.scan


def script_hash(text: str) -> str:
    """The CSP source ('sha256-...') that admits an inline script or style element with this text."""
    # The browser hashes the element's text as parsed, and HTML parsing turns CR LF and CR into LF.
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalized.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(script_hashes: Sequence[str], style_hashes: Sequence[str] = (), *, header: bool = False) -> str:
    """The Content-Security-Policy value admitting these inline scripts and styles and the site's own files.

    `header` adds what only an HTTP header can carry (a <meta> policy ignores it with an error).
    """
    directives = [
        # Everything else (fetches of the search index and sitemaps, the search worker) falls
        # back to default-src: all of it comes from the site itself.
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", *script_hashes]),
        # Material's styles are files and the notice's are hashed <style> elements; scripts style
        # elements through the CSSOM, which style-src does not govern: no 'unsafe-inline' needed.
        ("style-src", ["'self'", *style_hashes]),
        # Material's stylesheet draws its icons from data: SVG images.
        ("img-src", ["'self'", "data:"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'none'"]),
        # No page sends a form anywhere: the comparison's choice changes the address in the browser.
        ("form-action", ["'none'"]),
    ]
    if header:
        directives.append(("frame-ancestors", ["'none'"]))
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)


def page_policy(scan: PageScan) -> str:
    """The policy for one page's <meta> element."""
    return policy(scan.script_hashes, scan.style_hashes)


def site_policy(scans: list[PageScan]) -> str:
    """The policy for the host's header: it admits every inline script and style of every page of the site."""
    scripts = sorted({h for scan in scans for h in scan.script_hashes})
    styles = sorted({h for scan in scans for h in scan.style_hashes})
    return policy(scripts, styles, header=True)


def insert_head_markup(html: str, scan: PageScan, markup: str) -> str:
    """`html` with `markup` placed right after <meta charset> (or <head>), before any script."""
    if scan.insert_at is None:
        raise ValueError("the page has no <head>")
    return html[:scan.insert_at] + markup + html[scan.insert_at:]


def secured(html: str, scan: PageScan) -> str:
    """`html` with the <meta> elements of its own policy and of the referrer policy, before any script."""
    meta = environment().get_template("security-meta.html").render(policy=page_policy(scan),
                                                                      referrer=REFERRER_POLICY)
    return insert_head_markup(html, scan, meta.strip())


def htaccess(site_header_policy: str, not_found: dict[str, str] | None = None) -> str:
    """Apache configuration: the site's security headers (mod_headers), and each language's 404 page.

    `not_found` maps a language's root ('/', '/en/') to its 404 page: an address under a root gets that
    root's page, the site's root the original language's.
    """
    roots = sorted((not_found or {}).items(), key=lambda item: len(item[0]))
    pages = []
    for root, page in roots:
        if root.strip("/"):
            pages += [f'<If "%{{REQUEST_URI}} =~ m#^{root}#">', f"  ErrorDocument 404 {page}", "</If>"]
        else:
            pages.insert(0, f"ErrorDocument 404 {page}")
    lines = [
        "# Written by the build: security headers for Apache (mod_headers). Every page also carries",
        "# its own policy in a <meta> element; a browser enforces both.",
        "<IfModule mod_headers.c>",
        f'  Header always set Content-Security-Policy "{site_header_policy}"',
        f'  Header always set Referrer-Policy "{REFERRER_POLICY}"',
        '  Header always set X-Content-Type-Options "nosniff"',
        "</IfModule>",
        *(["# The page for an address that does not exist, in the language of the part of the site it is under.",
           *pages] if pages else []),
    ]
    return "\n".join(lines) + "\n"
