"""Bounds on a text's shape, so that no parser after this stage meets a line or a nesting it would take minutes over.

Python-Markdown and Jinja walk nested brackets, lists, quotes and blocks with loops and recursion whose cost
grows faster than the text: fifty thousand nested brackets on one line keep Markdown busy for minutes, three
hundred nested list levels exhaust Python's recursion. No notice comes near these bounds.
"""

from __future__ import annotations

import re

from .problems import Problem
from .text import unclean

MAX_LINE_CHARS = 10_000
MAX_NESTING = 20
MAX_RUN = 100

BLOCK_MARKER = re.compile(r"(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)[ \t]?")
RUN = re.compile(r"([*_~`\[\](){}<>])\1{" + str(MAX_RUN - 1) + ",}")
LEADING = " \t>-*+0123456789.)"
JINJA_BLOCK = re.compile(r"\{%-?\s*(end)?(?:if|for|macro|call|filter|block|with)\b")


def _block_depth(line: str) -> int:
    """How many lists, quotes and indented blocks this line's start opens, one inside another."""
    depth, index = 0, 0
    while index < len(line):
        if line.startswith("    ", index) or line[index] == "\t":
            depth, index = depth + 1, index + (1 if line[index] == "\t" else 4)
            continue
        marker = BLOCK_MARKER.match(line, index)
        if marker is None and line[index] != " ":
            break
        depth, index = (depth + 1, marker.end()) if marker else (depth, index + 1)
    return depth


def _bracket_depth(line: str) -> int:
    """The deepest nesting of [ and ( on this line."""
    depth = deepest = 0
    for char in line:
        if char in "[(":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "])" and depth:
            depth -= 1
    return deepest


def shape_problem(text: str, shown_as: str, first_line: int = 1) -> Problem | None:
    """The first line whose length or nesting is beyond any notice's, with what to do; None if there is none."""
    blocks = 0
    for number, line in enumerate(text.split("\n"), start=first_line):
        wrong = None if line.isascii() and line.isprintable() else unclean(line)
        if wrong:
            return Problem(shown_as, number, wrong)
        if len(line) > MAX_LINE_CHARS:
            return Problem(shown_as, number, f"this line is {len(line)} characters long (at most {MAX_LINE_CHARS}): "
                                             f"break it into paragraphs")
        # Each measure is taken only where the line has the characters for it: most lines have none.
        if len(line) - len(line.lstrip(LEADING)) > MAX_NESTING and _block_depth(line) > MAX_NESTING:
            return Problem(shown_as, number, f"this line nests more than {MAX_NESTING} lists, quotes or indented "
                                             f"blocks inside one another: flatten them")
        if line.count("[") + line.count("(") > MAX_NESTING and _bracket_depth(line) > MAX_NESTING:
            return Problem(shown_as, number, f"this line opens more than {MAX_NESTING} brackets inside one another: "
                                             f"close them or write them as plain text")
        run = RUN.search(line) if len(line) >= MAX_RUN else None
        if run:
            return Problem(shown_as, number, f"this line repeats '{run.group(1)}' {len(run.group(0))} times in a row "
                                             f"(at most {MAX_RUN - 1}): shorten it")
        for block in JINJA_BLOCK.finditer(line) if "{%" in line else ():
            blocks += -1 if block.group(1) else 1
            if blocks > MAX_NESTING:
                return Problem(shown_as, number, f"more than {MAX_NESTING} template blocks ({{% if %}} ...) are "
                                                 f"open inside one another here: close them")
    return None
