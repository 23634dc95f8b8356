"""Notice pages as files: front matter, body, and the line each body line has in the file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .clauses import CLAUSE_ID
from .problems import Problem, SourceError, did_you_mean
from .shape import shape_problem
from .text import PLAIN_TEXT_HINT, plain_text
from .yamlsource import parse_yaml, read_source

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


FRONT_MATTER_KEYS = {"title": "the page's title", "translates": "the released version of the original it translates",
                     "renamed_clauses": "old clause ids and the ids that replaced them"}


def read_page(path: Path, shown_as: str, lang: str, name: str) -> PageSource:
    """Read a page; a broken front matter or encoding is a SourceError naming the line."""
    text = read_source(path, shown_as)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        if lines and re.match(r"^-{1,2}\s*$|^-{4,}\s*$", lines[0]) and any(META_KEY.match(x) for x in lines[1:4]):
            raise SourceError([Problem(shown_as, 1, "front matter starts with a line of exactly three dashes "
                                                    "(---): write --- here and after the last key")])
        _bounded(text, shown_as, 1)
        return PageSource(Path(path), shown_as, lang, name, {}, text, 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise SourceError([Problem(shown_as, 1, "front matter opened with --- is never closed: "
                                                "add a line --- after its last key")]) from None
    source = parse_yaml("\n".join(lines[1:end]), shown_as, first_line=2, text_only=True)
    meta = source.data if source.data is not None else {}
    if not isinstance(meta, dict):
        raise SourceError([Problem(shown_as, 2, "front matter must be key: value lines, e.g. title: Privacy Policy")])
    meta_lines = {key: source.line(key) for key in meta}
    _check_meta(meta, meta_lines, shown_as)
    body = "\n".join(lines[end + 1:])
    _bounded(body, shown_as, end + 2)
    return PageSource(Path(path), shown_as, lang, name, meta, body, end + 2, meta_lines)


def _bounded(body: str, shown_as: str, first_line: int) -> None:
    """Refuse a body whose lines or nesting no parser should be given (see shape.py)."""
    problem = shape_problem(body, shown_as, first_line)
    if problem is not None:
        raise SourceError([problem])


def _check_meta(meta: dict, meta_lines: dict[str, int], shown_as: str) -> None:
    """The front matter keys the notices use must have the shape they use; no other key is read."""
    problems = []
    for key in meta:
        if key not in FRONT_MATTER_KEYS:
            known = "; ".join(f"{k} ({what})" for k, what in FRONT_MATTER_KEYS.items())
            guess = did_you_mean(str(key), FRONT_MATTER_KEYS)
            problems.append(Problem(shown_as, meta_lines.get(key, 1),
                                    f"'{key}' is not used in a notice's front matter{guess}: "
                                    f"remove it (known: {known})"))
        elif meta[key] is None or (isinstance(meta[key], str) and not meta[key].strip()):
            problems.append(Problem(shown_as, meta_lines.get(key, 1),
                                    f"'{key}:' has no value: write {FRONT_MATTER_KEYS[key]} after it, or remove it"))
    title = meta.get("title")
    if "title" not in meta:
        problems.append(Problem(shown_as, 1, "the front matter has no title: add a line 'title: ...' with the "
                                             "page's title as readers see it in the menu and the browser's tab"))
    elif title is not None and not plain_text(title):
        problems.append(Problem(shown_as, meta_lines.get("title", 1),
                                f"the title must be one line of plain text, without {PLAIN_TEXT_HINT}"))
    renamed = meta.get("renamed_clauses")
    if renamed is not None and not (isinstance(renamed, dict) and all(
            isinstance(k, str) and isinstance(v, str) and CLAUSE_ID.match(k) and CLAUSE_ID.match(v)
            for k, v in renamed.items())):
        problems.append(Problem(shown_as, meta_lines.get("renamed_clauses", 1),
            "renamed_clauses must map old clause ids to new ones, e.g. renamed_clauses: {old-id: new-id} "
            "(lower-case letters, digits and hyphens)"))
    translates = meta.get("translates")
    if translates is not None and not isinstance(translates, str):
        problems.append(Problem(shown_as, meta_lines.get("translates", 1),
            f"translates must name one released version of the original, e.g. translates: v1, not {translates!r}"))
    if problems:
        raise SourceError(problems)
