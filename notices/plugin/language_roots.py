"""Every language root gets its own search index.

mkdocs-static-i18n merges every language's search entries into one index (upstream:
ultrabug/mkdocs-static-i18n#271), so results would mix languages. This module keeps a copy of the
entries Material's search plugin makes for each language's pages as they are built, and writes each
language's index to its root once every language is built; notice/lazy-search.html fetches the
page's own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from ..publish.search_index import clause_entries, language_index
from .language_pass import LanguagePass, language_roots


@dataclass
class SearchState:
    """The search entries of each language built so far in this build."""

    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # How many of Material's entries of each language were kept so far (a page's may become more).
    made: dict[str, int] = field(default_factory=dict)


def _search(config: MkDocsConfig) -> Any:
    # Material registers its search plugin as "material/search" (the configuration names it "search").
    return config.plugins.get("material/search") or config.plugins["search"]


def on_pre_template(template_name: str, config: MkDocsConfig) -> None:
    """Point 404.html's language links at the language roots.

    i18n leaves `extra.alternate` as it set it for the page it rendered last, so without this the
    404 page would link to that page (upstream: ultrabug/mkdocs-static-i18n#284, #326).
    """
    if template_name != "404.html":
        return
    roots = language_roots(config)
    if roots:
        config.extra["alternate"] = roots


def on_pre_build(state: SearchState, built: LanguagePass) -> None:
    """Start this language's entries (the state is new for each build)."""
    state.entries[built.language] = []
    state.made[built.language] = 0


# After Material's search plugin (0) has indexed the page. Its list of entries is new for each language
# pass, and i18n replaces the original language's with the merged one at the end: hence the copy.
def on_page_context(state: SearchState, config: MkDocsConfig, built: LanguagePass, context: dict[str, Any]) -> None:
    """Keep the entries Material's search made for this page, in the page's language, one per clause."""
    made = _search(config).search_index.entries
    kept = state.entries[built.language]
    frame = context.get("notice") or {}
    kept.extend(clause_entries(made[state.made.get(built.language, 0):], frame.get("points") or {}))
    state.made[built.language] = len(made)


def on_post_build(state: SearchState, config: MkDocsConfig, built: LanguagePass) -> None:
    """After i18n has built every language (and written its merged index), write each language's own."""
    site_dir = Path(config.site_dir)
    settings = _search(config).config
    for lang, entries in state.entries.items():
        index = {"config": {key: settings[key] for key in ("lang", "separator", "pipeline", "fields")},
                 "docs": entries}
        data = language_index(json.loads(json.dumps(index, default=str)), lang)
        root = site_dir / ("" if lang == built.default_language else lang)
        (root / "search").mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (root / "search" / "search_index.json").write_text(text, encoding="utf-8")
