"""Notice pages as files: front matter, body, and the line each body line has in the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem, SourceError


@dataclass
class PageSource:
    """A Markdown page split into its front matter and its body."""

    path: Path
    shown_as: str
    lang: str
    name: str
    meta: dict
    body: str
    body_start: int

    def padded_body(self) -> str:
        """The body preceded by blank lines, so that its line numbers are the file's."""
        return "\n" * (self.body_start - 1) + self.body


def read_page(path: Path, shown_as: str, lang: str, name: str) -> PageSource:
    """Read a page; a broken front matter or encoding is a SourceError naming the line."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError([Problem(shown_as, 1, f"not UTF-8 text ({error.reason})")]) from None
    text = text.replace("\r\n", "\n")
    meta: dict = {}
    body, body_start = text, 1
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
        except StopIteration:
            raise SourceError([Problem(shown_as, 1, "front matter opened with --- is never closed")]) from None
        try:
            meta = yaml.safe_load("\n".join(lines[1:end])) or {}
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            line = mark.line + 2 if mark else 1
            raise SourceError([Problem(shown_as, line, f"front matter YAML: {error.problem}")]) from None
        if not isinstance(meta, dict):
            raise SourceError([Problem(shown_as, 2, "front matter must be key: value lines")])
        body = "\n".join(lines[end + 1:])
        body_start = end + 2
    return PageSource(Path(path), shown_as, lang, name, meta, body, body_start)
