"""Markdown to HTML as the site renders it: the extensions of the project's shared MkDocs configuration."""

from __future__ import annotations

import json
from pathlib import Path

import markdown

from .yamlsource import load_yaml

BASE_CONFIG = "mkdocs.yml"
# MkDocs always adds these to the configured extensions.
BUILTIN_EXTENSIONS = ["toc", "tables", "fenced_code"]


class MarkdownHtml:
    """Markdown to HTML with the extensions of the project's shared MkDocs configuration."""

    def __init__(self, root: Path):
        source = load_yaml(Path(root) / BASE_CONFIG, BASE_CONFIG, application_tags=True)
        configured = source.data.get("markdown_extensions") or [] if isinstance(source.data, dict) else []
        names, configs = list(BUILTIN_EXTENSIONS), {}
        for item in configured:
            name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
            if name not in names:
                names.append(name)
            if isinstance(options, dict):
                configs[name] = options
        self._md = markdown.Markdown(extensions=names, extension_configs=configs)
        # What decides the HTML besides the text and the code: a kept result is valid for these only.
        self.settings = json.dumps([names, configs], sort_keys=True, default=str)

    def __call__(self, text: str) -> str:
        """The HTML of `text`."""
        self._md.reset()
        return self._md.convert(text)
