"""Notice pages as files: front matter, body, and the line each body line has in the file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .clauses import CLAUSE_ID
from .problems import Problem, SourceError

META_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


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
    meta_lines: dict[str, int] = field(default_factory=dict)

    def padded_body(self) -> str:
        """The body preceded by blank lines, so that its line numbers are the file's."""
        return "\n" * (self.body_start - 1) + self.body

    def meta_line(self, key: str) -> int:
        """Line of a front matter key in the file (1 if the page has none)."""
        return self.meta_lines.get(key, 1)


def read_page(path: Path, shown_as: str, lang: str, name: str) -> PageSource:
    """Read a page; a broken front matter or encoding is a SourceError naming the line."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        line = Path(path).read_bytes()[: error.start].count(b"\n") + 1
        raise SourceError([Problem(shown_as, line, f"not UTF-8 text ({error.reason}): save it as UTF-8")]) from None
    except OSError as error:
        raise SourceError([Problem(shown_as, 1, f"cannot be read ({error.strerror or error})")]) from None
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
        except (yaml.YAMLError, ValueError) as error:  # a refused character, or a date no calendar has
            raise SourceError([Problem(shown_as, 2, f"front matter YAML: {str(error).splitlines()[0]}")]) from None
        if not isinstance(meta, dict):
            raise SourceError([Problem(shown_as, 2, "front matter must be key: value lines")])
        meta_lines = {}
        for number in range(1, end):
            key = META_KEY.match(lines[number])
            if key:
                meta_lines.setdefault(key.group(1), number + 1)
        _check_meta(meta, meta_lines, shown_as)
        body = "\n".join(lines[end + 1:])
        return PageSource(Path(path), shown_as, lang, name, meta, body, end + 2, meta_lines)
    return PageSource(Path(path), shown_as, lang, name, meta, body, body_start)


def _check_meta(meta: dict, meta_lines: dict[str, int], shown_as: str) -> None:
    """The front matter keys the notices use must have the shape they use."""
    problems = []
    renamed = meta.get("renamed_clauses")
    if renamed is not None and not (isinstance(renamed, dict) and all(
            isinstance(k, str) and isinstance(v, str) and CLAUSE_ID.match(k) and CLAUSE_ID.match(v)
            for k, v in renamed.items())):
        problems.append(Problem(shown_as, meta_lines.get("renamed_clauses", 1),
            "renamed_clauses must map old clause ids to new ones, e.g. renamed_clauses: {old-id: new-id} "
            "(lower-case letters, digits and hyphens)"))
    translates = meta.get("translates")
    if translates is not None and not isinstance(translates, (str, int)) or isinstance(translates, bool):
        problems.append(Problem(shown_as, meta_lines.get("translates", 1),
            f"translates must name one released version of the original, e.g. translates: v1, not {translates!r}"))
    if problems:
        raise SourceError(problems)
