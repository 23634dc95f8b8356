"""Word-level comparison of two versions of a notice, clause by clause."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

from diff_match_patch import diff_match_patch

from ..sources import clauses
from ..sources.cache import Cache
from ..sources.markdown_html import MarkdownHtml

TOKEN = re.compile(r"\s+|[\w\u00C0-\u024F]+|[^\w\s]", re.UNICODE)
Op = Literal["equal", "insert", "delete"]
ClauseStatus = Literal["changed", "added", "removed", "unchanged"]
OPS: dict[int, Op] = {-1: "delete", 0: "equal", 1: "insert"}
# Items are numbered from 1 up to the UTF-16 surrogates (compare.js keeps the same bound).
MAX_ITEMS = 0xD800
# Matching costs about the product of the lengths left after the common start and end (Myers' bisection).
# A comparison of two versions may spend COMPARISON_CELLS, one match at most DIFF_CELLS; what is over
# is shown as replaced. Cells, not time: both engines must give the same result on any machine.
DIFF_CELLS = 250_000
COMPARISON_CELLS = 2_000_000
SENTENCE_ENDS = frozenset(".!?;")
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "ul", "ol", "br", "tr", "blockquote"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        # Inside a heading's permalink (the site's own "#", not the company's words).
        self.in_permalink = False

    def handle_data(self, data: str) -> None:
        """Keep text, with line breaks folded."""
        if not self.in_permalink:
            self.parts.append(" ".join(data.split("\n")))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Start a new line at a block; mark list items."""
        if tag == "a" and ("class", "headerlink") in attrs:
            self.in_permalink = True
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        """End the line at the end of a block."""
        if tag == "a":
            self.in_permalink = False
        elif tag in BLOCKS:
            self.parts.append("\n")


def plain_text(markdown_text: str, to_html: MarkdownHtml) -> str:
    """What a reader reads of a piece of Markdown, rendered as the site renders it: text, one line per block."""
    html = to_html(markdown_text)
    parser = _Text()
    parser.feed(html)
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class ClauseText:
    """A clause's id, its label for people, and its plain text."""

    id: str
    label: str
    text: str


def clause_texts(markdown_text: str, to_html: MarkdownHtml, cache: Cache | None = None) -> list[ClauseText]:
    """A rendered notice cut into clauses, each as plain text (kept in `cache` for the next build)."""
    if cache is None:
        return list(_clause_texts(markdown_text, to_html))
    rows = cache.get_or_compute("clauses", (to_html.settings, markdown_text),
                                lambda: [[c.id, c.label, c.text] for c in _clause_texts(markdown_text, to_html)])
    return [ClauseText(*row) for row in rows]


# One build cuts the same few texts (each released version, each draft) many times: for the checks,
# the changes pages, the comparison data and the GDPR index.
@functools.lru_cache(maxsize=64)
def _clause_texts(markdown_text: str, to_html: MarkdownHtml) -> tuple[ClauseText, ...]:
    result = []
    for clause_id, piece in clauses.split(markdown_text):
        text = plain_text(piece, to_html)
        words = text.split("\n", 1)[0].split()
        label = " ".join(words[:10]) + (" …" if len(words) > 10 else "")
        result.append(ClauseText(clause_id or "start", label, text))
    return tuple(result)


@dataclass
class Segment:
    """A run of text that is unchanged ('equal'), added ('insert') or removed ('delete')."""

    op: Op
    text: str


@dataclass
class ClauseDiff:
    """How one clause changed between two versions."""

    id: str
    label: str
    status: ClauseStatus
    segments: list[Segment] = field(default_factory=list)

    @property
    def old_segments(self) -> list[Segment]:
        """The old side for a side-by-side view."""
        return [s for s in self.segments if s.op != "insert"]

    @property
    def new_segments(self) -> list[Segment]:
        """The new side for a side-by-side view."""
        return [s for s in self.segments if s.op != "delete"]


def tokens(text: str) -> list[str]:
    """Words, runs of space and single punctuation marks: the units a reader sees change."""
    return TOKEN.findall(text)


def _engine() -> diff_match_patch:
    # No timeout: with one, the result would depend on the speed of the machine that diffs.
    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    return engine


def _as_chars(old: list[str], new: list[str]) -> tuple[str, str, list[str]] | None:
    """Each distinct item as one character (the 'linesToChars' trick), or None if there are too many.

    Characters stay below the UTF-16 surrogates, so that JavaScript, which counts UTF-16 units,
    sees exactly the strings Python sees.
    """
    codes: dict[str, str] = {}
    items: list[str] = []

    def encode(sequence: list[str]) -> str | None:
        out = []
        for item in sequence:
            if item not in codes:
                if len(items) + 1 >= MAX_ITEMS:
                    return None
                items.append(item)
                codes[item] = chr(len(items))
            out.append(codes[item])
        return "".join(out)

    a, b = encode(old), encode(new)
    if a is None or b is None:
        return None
    return a, b, items


@dataclass
class Budget:
    """What is left of one comparison's allowance of cells (the bound on its cost)."""

    cells: int = COMPARISON_CELLS

    def spend(self, old: int, new: int) -> bool:
        """Take the cost of matching `old` against `new` items, or say no if it is over the bound."""
        cost = 0 if not old or not new else (old + 1) * (new + 1)
        if cost > DIFF_CELLS or cost > self.cells:
            return False
        self.cells -= cost
        return True


def _common_ends(old: list[str], new: list[str]) -> tuple[int, int]:
    """How many items `old` and `new` share at their start, and then at their end."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, end


def diff_items(old: list[str], new: list[str], budget: Budget | None = None) -> list[tuple[int, list[str]]]:
    """diff-match-patch over sequences: (op, items) runs with op -1 removed, 0 kept, 1 added.

    What lies between the common start and end is shown as replaced when matching it would cost more
    than the budget allows.
    """
    budget = Budget() if budget is None else budget
    start, end = _common_ends(old, new)
    encoded = _as_chars(old, new) if budget.spend(len(old) - start - end, len(new) - start - end) else None
    if encoded is None:
        runs = [(0, old[:start]), (-1, old[start:len(old) - end]), (1, new[start:len(new) - end]),
                (0, old[len(old) - end:])]
        return [(op, part) for op, part in runs if part]
    a, b, items = encoded
    # checklines=False: a character here is an item, not a letter, and never a line break.
    return [(op, [items[ord(ch) - 1] for ch in chars]) for op, chars in _engine().diff_main(a, b, False)]


def units(token_list: list[str]) -> list[list[str]]:
    """Tokens cut into sentences and lines: a unit ends at a line break, or at a space after `.!?;`."""
    result: list[list[str]] = []
    current: list[str] = []
    for index, token in enumerate(token_list):
        current.append(token)
        if "\n" in token or (token == " " and index > 0 and token_list[index - 1] in SENTENCE_ENDS):
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


def diff_tokens(old: list[str], new: list[str], budget: Budget | None = None) -> list[Segment]:
    """Sentences and lines matched first, then the words of the ones that changed, within `budget`."""
    budget = Budget() if budget is None else budget
    old_units, new_units = units(old), units(new)
    runs = diff_items(["".join(u) for u in old_units], ["".join(u) for u in new_units], budget)
    pieces: list[tuple[int, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []
    at_old = at_new = 0
    for op, part in runs + [(0, [])]:
        if op == 0:
            if deleted or inserted:
                pieces += [(change, "".join(items)) for change, items in diff_items(deleted, inserted, budget)]
                deleted, inserted = [], []
            pieces.append((0, "".join(part)))
            at_old, at_new = at_old + len(part), at_new + len(part)
        elif op < 0:
            deleted += [token for unit in old_units[at_old:at_old + len(part)] for token in unit]
            at_old += len(part)
        else:
            inserted += [token for unit in new_units[at_new:at_new + len(part)] for token in unit]
            at_new += len(part)
    segments: list[Segment] = []
    for op, text in pieces:
        if not text:
            continue
        if segments and segments[-1].op == OPS[op]:
            segments[-1].text += text
        else:
            segments.append(Segment(OPS[op], text))
    return segments


def diff_words(old: str, new: str, budget: Budget | None = None) -> list[Segment]:
    """Word-and-space tokens of `old` and `new`, matched; the browser's comparison gives the same."""
    return diff_tokens(tokens(old), tokens(new), budget)


def compare(old_markdown: str, new_markdown: str, to_html: MarkdownHtml) -> list[ClauseDiff]:
    """Clause-by-clause comparison, in the new version's order with removed clauses where they were."""
    return compare_clauses(clause_texts(old_markdown, to_html), clause_texts(new_markdown, to_html))


def compare_clauses(old_list: list[ClauseText], new_list: list[ClauseText]) -> list[ClauseDiff]:
    """`compare` for texts already cut into clauses: clause ids aligned by the same engine as words."""
    old, new = {c.id: c for c in old_list}, {c.id: c for c in new_list}
    result: list[ClauseDiff] = []
    budget = Budget()
    for op, ids in diff_items([c.id for c in old_list], [c.id for c in new_list], budget):
        for clause_id in ids:
            if op < 0:
                # A clause that moved is shown where it is now, not where it was.
                if clause_id not in new:
                    result.append(ClauseDiff(clause_id, old[clause_id].label, "removed",
                                             [Segment("delete", old[clause_id].text)]))
                continue
            clause = new[clause_id]
            if clause_id not in old:
                result.append(ClauseDiff(clause_id, clause.label, "added", [Segment("insert", clause.text)]))
            elif old[clause_id].text == clause.text:
                result.append(ClauseDiff(clause_id, clause.label, "unchanged", [Segment("equal", clause.text)]))
            else:
                result.append(ClauseDiff(clause_id, clause.label, "changed",
                                         diff_words(old[clause_id].text, clause.text, budget)))
    return result
