"""Emphasis markers that Markdown did not pair (`**` opened and never closed): readers would see them as written.

Found in the HTML the site renders, not in the source: a marker Markdown paired is gone from the text,
one it could not pair is left in a text node. Each one is then placed at the line of the source that
writes it before the same word.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..sources.cache import Cache
from ..sources.markdown_html import MarkdownHtml
from ..sources.problems import Problem
from .rendered import Origin

# A doubled marker touching a word: what opens or closes bold text. Runs of markers (a line drawn with
# underscores) and markers between spaces are left alone.
LEFT_OVER = re.compile(r"(?<![*\w])(\*\*|__)(?=[^\W_])|(?<=[^\W_])(\*\*|__)(?![*\w])")
WORD = re.compile(r"[^\W_]+")
VERBATIM = {"code", "pre", "script", "style"}


class _TextNodes(HTMLParser):
    """The text nodes of an HTML fragment that are shown as prose (not code)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += tag in VERBATIM

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag in VERBATIM and self.depth > 0

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.texts.append(data)


def unpaired_markers(html: str) -> list[list[str]]:
    """[marker, the word it touches] for each emphasis marker left as text in `html`."""
    parser = _TextNodes()
    parser.feed(html)
    parser.close()
    found = []
    for text in parser.texts:
        for match in LEFT_OVER.finditer(text):
            marker = match.group(1) or match.group(2)
            if match.group(1):
                word = WORD.match(text, match.end())
            else:
                word = next(reversed(list(WORD.finditer(text, 0, match.start()))), None)
            found.append([marker, word.group(0) if word else ""])
    return found


def unpaired(text: str, to_html: MarkdownHtml, cache: Cache | None) -> list[list[str]]:
    """The markers Markdown left unpaired in `text` as the site renders it (kept by the text's hash)."""
    if "**" not in text and "__" not in text:
        return []
    if cache is None:
        return unpaired_markers(to_html(text))
    return list(cache.get_or_compute("emphasis", (to_html.settings, text), lambda: unpaired_markers(to_html(text))))


def emphasis_problems(found: list[list[str]], text: str, origins: list[Origin]) -> list[Problem]:
    """A problem at the source line of each unpaired marker of `text` (`origins[i]`: where line i + 1 came from)."""
    lines = text.split("\n")
    problems = []
    for marker, word in found:
        number = _line_of(lines, marker, word)
        origin = origins[number - 1] if 0 < number <= len(origins) else Origin(origins[0].shown_as, 1)
        side = "before" if _opens(lines[number - 1], marker, word) else "after"
        problems.append(Problem(origin.shown_as, origin.line,
            f"'{marker}' {side} '{word}' is never closed: readers would see the {marker} as written; "
            f"close the bold text with another {marker} where it ends, or remove it"))
    return list(dict.fromkeys(problems))


def _line_of(lines: list[str], marker: str, word: str) -> int:
    """The line that writes `marker` against `word`, one where the marker is left over first."""
    quoted, spelled = re.escape(marker), re.escape(word)
    touching = re.compile(rf"{quoted}\s*{spelled}|{spelled}\s*{quoted}") if word else re.compile(quoted)
    odd = [number for number, line in enumerate(lines, start=1) if line.count(marker) % 2]
    candidates = ([n for n in odd if touching.search(lines[n - 1])],
                  [n for n, line in enumerate(lines, start=1) if touching.search(line)], odd)
    for found in candidates:
        if found:
            return found[0]
    return 1


def _opens(line: str, marker: str, word: str) -> bool:
    return bool(word) and re.search(rf"{re.escape(marker)}\s*{re.escape(word)}", line) is not None
