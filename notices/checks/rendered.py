"""A notice's Markdown as the site renders it, checked against the HTML allowlist, with the line at fault."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import markdown

from ..sources.cache import Cache
from ..sources.problems import Problem
from ..sources.yamlsource import load_yaml
from .html_safety import HELP, sanitize

BASE_CONFIG = "mkdocs.yml"
# MkDocs always adds these to the configured extensions.
BUILTIN_EXTENSIONS = ["toc", "tables", "fenced_code"]


@dataclass(frozen=True)
class Origin:
    """Where a line of filled Markdown came from: a file as messages show it, and its line."""

    shown_as: str
    line: int


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


def refused(html: str) -> str | None:
    """What the allowlist refuses in `html`, or None."""
    return sanitize(html).refused


def passes(text: str, to_html: MarkdownHtml, cache: Cache | None = None) -> bool:
    """Whether `text` as the site renders it passes the allowlist (kept in `cache` for the next build)."""
    if cache is None:
        return refused(to_html(text)) is None
    return cache.get_or_compute("allowlist", (to_html.settings, text), lambda: refused(to_html(text)) is None)


def check_markdown(text: str, to_html: MarkdownHtml, origins: list[Origin]) -> list[Problem]:
    """A problem at the line that first brings `text` outside the allowlist, or none.

    `origins[i]` says where line i + 1 of `text` came from. The line is found by rendering ever
    longer beginnings of the text: the first one the allowlist refuses ends at the line at fault.
    """
    whole = refused(to_html(text))
    if whole is None:
        return []
    lines = text.split("\n")
    low, high = 1, len(lines)
    while low < high:
        middle = (low + high) // 2
        if refused(to_html("\n".join(lines[:middle]))) is None:
            low = middle + 1
        else:
            high = middle
    reason = refused(to_html("\n".join(lines[:low]))) or whole
    origin = origins[low - 1] if 0 < low <= len(origins) else (origins[-1] if origins else Origin("?", 1))
    return [Problem(origin.shown_as, origin.line, f"{reason}: {HELP}")]
