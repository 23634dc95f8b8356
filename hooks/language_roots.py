"""MkDocs adapter: gives every language root its own search index.

mkdocs-static-i18n merges every language's search entries into one index (upstream:
ultrabug/mkdocs-static-i18n#271), so results would mix languages. This hook keeps a copy of the
entries Material's search plugin makes for each language's pages as they are built, and writes each
language's index to its root once every language is built; notice/lazy-search.html fetches the
page's own.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs_static_i18n.plugin import I18n

from notices.publish.search_index import language_index


def _i18n(config: MkDocsConfig) -> I18n:
    plugin = config.plugins["i18n"]
    assert isinstance(plugin, I18n)
    return plugin


@dataclass
class SearchState:
    """The search entries of each language built so far in this build."""

    entries: dict[str, list[dict]] = field(default_factory=dict)


STATE = SearchState()


def _search(config: MkDocsConfig) -> Any:
    # Material registers its search plugin as "material/search" (the configuration names it "search").
    return config.plugins.get("material/search") or config.plugins["search"]


def on_pre_template(template: Template, template_name: str, config: MkDocsConfig) -> Template:
    """Point 404.html's language links at the language roots.

    i18n leaves `extra.alternate` as it set it for the page it rendered last, so without this the
    404 page would link to that page (upstream: ultrabug/mkdocs-static-i18n#284, #326).
    """
    roots = getattr(_i18n(config), "extra_alternate", None)
    if template_name == "404.html" and roots:
        config.extra["alternate"] = copy.deepcopy(roots)
    return template


def on_pre_build(config: MkDocsConfig) -> None:
    """Start this language's entries; the original language's pass starts the build's."""
    i18n = _i18n(config)
    if i18n.current_language == i18n.default_language:
        STATE.entries = {}
    STATE.entries[i18n.current_language] = []


# After Material's search plugin (0) has indexed the page. Its list of entries is new for each language
# pass, and i18n replaces the original language's with the merged one at the end: hence the copy.
@event_priority(-10)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Keep the entries Material's search made for this page, in the page's language."""
    made = _search(config).search_index.entries
    kept = STATE.entries[_i18n(config).current_language]
    kept.extend(made[len(kept):])
    return context


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    """After i18n has built every language (and written its merged index), write each language's own."""
    i18n = _i18n(config)
    if i18n.building:
        return
    site_dir = Path(config.site_dir)
    settings = _search(config).config
    for lang, entries in STATE.entries.items():
        index = {"config": {key: settings[key] for key in ("lang", "separator", "pipeline", "fields")},
                 "docs": entries}
        data = language_index(json.loads(json.dumps(index, default=str)), lang)
        root = site_dir / ("" if lang == i18n.default_language else lang)
        (root / "search").mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (root / "search" / "search_index.json").write_text(text, encoding="utf-8")
