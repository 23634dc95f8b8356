"""A notice's Markdown as the site renders it, checked against the HTML allowlist, with the line at fault."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..sources.cache import Cache
from ..sources.markdown_html import MarkdownHtml
from ..sources.problems import Problem
from .html_safety import HELP, sanitize


@dataclass(frozen=True)
class Origin:
    """Where a line of filled Markdown came from: a file as messages show it, and its line."""

    shown_as: str
    line: int


def refused(html: str) -> str | None:
    """What the allowlist refuses in `html`, or None."""
    return sanitize(html).refused


# A rule over rendered HTML: what it refuses in the HTML, or None.
Judge = Callable[[str], "str | None"]


def passes(text: str, to_html: MarkdownHtml, cache: Cache | None = None, judge: Judge = refused,
           rule: tuple[str, ...] = ("allowlist",)) -> bool:
    """Whether `text` as the site renders it passes `judge` (the allowlist), kept in `cache` by `rule`."""
    if cache is None:
        return judge(to_html(text)) is None
    return cache.get_or_compute(rule[0], (to_html.settings, text, *rule[1:]), lambda: judge(to_html(text)) is None)


def check_markdown(text: str, to_html: MarkdownHtml, origins: list[Origin], judge: Judge = refused,
                   advice: str = HELP) -> list[Problem]:
    """A problem at the line that first brings `text` outside the allowlist (or what `judge` refuses), or none.

    `origins[i]` says where line i + 1 of `text` came from. The line is found by rendering ever
    longer beginnings of the text: the first one the allowlist refuses ends at the line at fault.
    """
    refused = judge
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
    return [Problem(origin.shown_as, origin.line, f"{reason}: {advice}")]
