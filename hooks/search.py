"""MkDocs adapter: replaces the combined search index with one index per language."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority

from notices.search_index import split_index


@event_priority(-200)
def on_post_build(config):
    """After i18n has merged every language's entries, write one index per language."""
    i18n = config.plugins["i18n"]
    if i18n.building:
        return
    site_dir = Path(config.site_dir)
    combined = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    default = i18n.default_language
    for lang, index in split_index(combined, i18n.build_languages, default).items():
        folder = site_dir / ("" if lang == default else lang) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (folder / "search_index.json").write_text(data, encoding="utf-8")
