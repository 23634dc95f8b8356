"""MkDocs adapter: gives every language root its own search index.

mkdocs-static-i18n merges every language's search entries into one index (upstream:
ultrabug/mkdocs-static-i18n#271), so results would mix languages. This hook keeps one index per
language while the pages are built, with Material's own index class, and writes each to its
language root once every language is built; notice/lazy-search.html fetches the page's own.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Template
from material.plugins.search.plugin import SearchIndex
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
    """The search index of each language built so far in this build."""

    indexes: dict[str, Any] = field(default_factory=dict)


STATE = SearchState()


def on_pre_template(template: Template, template_name: str, config: MkDocsConfig) -> Template:
    """Point 404.html's language links at the language roots.

    i18n leaves `extra.alternate` as it set it for the page it rendered last, so without this the
    404 page would link to that page.
    """
    roots = getattr(_i18n(config), "extra_alternate", None)
    if template_name == "404.html" and roots:
        config.extra["alternate"] = copy.deepcopy(roots)
    return template


def on_pre_build(config: MkDocsConfig) -> None:
    """Start this language's index; the original language's pass starts the build's."""
    i18n = _i18n(config)
    if i18n.current_language == i18n.default_language:
        STATE.indexes = {}
    # Material registers its search plugin as "material/search" (the configuration names it "search").
    search = config.plugins.get("material/search") or config.plugins["search"]
    STATE.indexes[i18n.current_language] = SearchIndex(**search.config)


# Before Material's search plugin (0), which removes the data-search-* attributes it reads.
@event_priority(10)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Index the page in its own language (pages marked `search: exclude` are left out by the index)."""
    STATE.indexes[_i18n(config).current_language].add_entry_from_context(page)
    return context


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    """After i18n has built every language (and written its merged index), write each language's own."""
    i18n = _i18n(config)
    if i18n.building:
        return
    site_dir = Path(config.site_dir)
    for lang, index in STATE.indexes.items():
        data = language_index(json.loads(index.generate_search_index(None)), lang)
        root = site_dir / ("" if lang == i18n.default_language else lang)
        (root / "search").mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (root / "search" / "search_index.json").write_text(text, encoding="utf-8")
