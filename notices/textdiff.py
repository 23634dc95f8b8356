"""Word-level comparison of two versions of a notice, clause by clause."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown

from . import clauses

TOKEN = re.compile(r"\s+|[\w\u00C0-\u024F]+|[^\w\s]", re.UNICODE)
# One converter for every clause: building a Markdown instance costs more than converting a clause.
_MARKDOWN = markdown.Markdown(extensions=["attr_list", "md_in_html", "admonition"])
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "ul", "ol", "br", "tr", "blockquote"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        """Keep text, with line breaks folded."""
        self.parts.append(" ".join(data.split("\n")))

    def handle_starttag(self, tag, attrs):
        """Start a new line at a block; mark list items."""
        if tag == "li":
            self.parts.append("\n• ")
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        """End the line at the end of a block."""
        if tag in BLOCKS:
            self.parts.append("\n")


def plain_text(markdown_text: str) -> str:
    """What a reader reads of a piece of Markdown: text, one line per block."""
    html = _MARKDOWN.reset().convert(markdown_text)
    parser = _Text()
    parser.feed(html)
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line)


@dataclass
class ClauseText:
    """A clause's id, its label for people, and its plain text."""

    id: str
    label: str
    text: str


def clause_texts(markdown_text: str) -> list[ClauseText]:
    """A rendered notice cut into clauses, each as plain text."""
    result = []
    for clause_id, piece in clauses.split(markdown_text):
        text = plain_text(piece)
        words = text.split("\n", 1)[0].split()
        label = " ".join(words[:10]) + (" …" if len(words) > 10 else "")
        result.append(ClauseText(clause_id or "start", label, text))
    return result


@dataclass
class Segment:
    """A run of text that is unchanged ('equal'), added ('insert') or removed ('delete')."""

    op: str
    text: str


@dataclass
class ClauseDiff:
    """How one clause changed between two versions."""

    id: str
    label: str
    status: str  # "changed", "added", "removed", "unchanged"
    segments: list[Segment] = field(default_factory=list)

    @property
    def old_segments(self) -> list[Segment]:
        """The old side for a side-by-side view."""
        return [s for s in self.segments if s.op != "insert"]

    @property
    def new_segments(self) -> list[Segment]:
        """The new side for a side-by-side view."""
        return [s for s in self.segments if s.op != "delete"]


def diff_words(old: str, new: str) -> list[Segment]:
    """Word-and-space tokens of `old` and `new`, matched; deterministic for the same input."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    segments: list[Segment] = []

    def add(op: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1].text += text
        else:
            segments.append(Segment(op, text))

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            add("equal", a[i1:i2])
        else:
            add("delete", a[i1:i2])
            add("insert", b[j1:j2])
    return segments


def compare(old_markdown: str, new_markdown: str) -> list[ClauseDiff]:
    """Clause-by-clause comparison, in the new version's order with removed clauses where they were."""
    return compare_clauses(clause_texts(old_markdown), clause_texts(new_markdown))


def compare_clauses(old_list: list[ClauseText], new_list: list[ClauseText]) -> list[ClauseDiff]:
    """`compare` for texts already cut into clauses."""
    old = {c.id: c for c in old_list}
    old_ids, new_ids = list(old), [c.id for c in new_list]
    new = {c.id: c for c in new_list}
    result: list[ClauseDiff] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_ids, new_ids, autojunk=False).get_opcodes():
        for clause_id in old_ids[i1:i2] if op in ("delete", "replace") else []:
            if clause_id not in new:
                result.append(ClauseDiff(clause_id, old[clause_id].label, "removed",
                                         [Segment("delete", old[clause_id].text)]))
        for clause_id in new_ids[j1:j2]:
            clause = new[clause_id]
            if clause_id not in old:
                result.append(ClauseDiff(clause_id, clause.label, "added", [Segment("insert", clause.text)]))
                continue
            before = old[clause_id].text
            if before == clause.text:
                result.append(ClauseDiff(clause_id, clause.label, "unchanged", [Segment("equal", clause.text)]))
            else:
                result.append(ClauseDiff(clause_id, clause.label, "changed", diff_words(before, clause.text)))
    return result
