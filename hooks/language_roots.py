"""MkDocs adapter: gives every language root its own search index.

Pages of a translation read it relative to their language root (see overrides/main.html), so that
results stay in the page's language.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from mkdocs.plugins import event_priority

from notices.publish.search_index import split_index


def on_pre_template(template, template_name, config):
    """Point 404.html's language links at the language roots.

    i18n leaves `extra.alternate` as it set it for the page it rendered last, so without this the
    404 page would link to that page.
    """
    roots = getattr(config.plugins["i18n"], "extra_alternate", None)
    if template_name == "404.html" and roots:
        config.extra.alternate = copy.deepcopy(roots)
    return template


@event_priority(-200)
def on_post_build(config):
    """After i18n has built every language and merged their entries, write the per-language files."""
    i18n = config.plugins["i18n"]
    if i18n.building:
        return
    site_dir = Path(config.site_dir)
    combined = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    default = i18n.default_language
    for lang, index in split_index(combined, i18n.build_languages, default).items():
        root = site_dir / ("" if lang == default else lang)
        (root / "search").mkdir(parents=True, exist_ok=True)
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (root / "search" / "search_index.json").write_text(data, encoding="utf-8")
