"""MkDocs adapter: a Content-Security-Policy and a no-referrer policy on every page, and the host's headers.

The policies come from notices/publish/csp.py; this file only places them in the built pages and writes
the site's .htaccess once every language is built.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from template_cache import COMPILED

from notices.publish.csp import REFERRER_POLICY, htaccess, insert_head_markup, page_policy, scan_page, site_policy

TEMPLATE = "notice/security-meta.html"


def _secure(html: str, config) -> str:
    scan = scan_page(html)
    env = config.theme.get_env()
    # A new environment per page: the shared compiled code spares compiling the template each time.
    env.bytecode_cache = COMPILED
    markup = env.get_template(TEMPLATE).render(
        policy=page_policy(scan), referrer=REFERRER_POLICY)
    return insert_head_markup(html, scan, markup.strip())


# Last of all, so that the scripts hashed are the ones written to the page.
@event_priority(-300)
def on_post_page(output, page, config):
    """Give the page a policy that admits exactly its own inline scripts."""
    return _secure(output, config)


@event_priority(-300)
def on_post_template(output_content, template_name, config):
    """The same for 404.html, which is rendered as a template, not as a page."""
    if template_name.endswith(".html"):
        return _secure(output_content, config)
    return output_content


@event_priority(-200)
def on_post_build(config):
    """Once i18n has built every language, write the header policy admitting every page's scripts."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    site_dir = Path(config.site_dir)
    scans = [scan_page(path.read_text(encoding="utf-8")) for path in sorted(site_dir.rglob("*.html"))]
    (site_dir / ".htaccess").write_text(htaccess(site_policy(scans)), encoding="utf-8")
