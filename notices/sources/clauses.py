"""Clauses: the stable ids that mark where each clause of a notice begins."""

from __future__ import annotations

import re
from dataclasses import dataclass

CLAUSE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")
HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^{}]*)\})?\s*\Z")
BLOCK_ATTRS = re.compile(r"^\s*\{:?(?P<attrs>[^{}]*)\}\s*\Z")
INCLUDE = re.compile(r"""^\s*\{%-?\s*include\s+["'](?P<name>[^"']+)["']\s*-?%\}\s*$""")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Clause:
    """Where a clause starts: its id, the line of its marker, and a label for people."""

    id: str
    line: int
    label: str
    level: int = 0


@dataclass(frozen=True)
class Marker:
    """A line of a page that starts a clause, names a snippet, or is a heading without id."""

    # "clause", "include", "unmarked-heading", "bad-id", "stray-id", or "unparsed": an id written apart from
    # its '#' ('{: # contact }'), which Markdown does not read; its value is the id it meant.
    kind: str
    line: int
    value: str
    label: str = ""
    level: int = 0


def _attr_id(attrs: str | None) -> str | None:
    if not attrs:
        return None
    for token in attrs.split():
        if token.startswith("#"):
            return token[1:]
    return None


def _meant_id(attrs: str | None) -> str | None:
    """The id an attribute list meant when its '#' stands apart from it ('{: # contact }'), else None."""
    tokens = (attrs or "").split()
    for index, token in enumerate(tokens[:-1]):
        if token == "#" and CLAUSE_ID.match(tokens[index + 1]):
            return tokens[index + 1]
    return None


def scan(text: str) -> list[Marker]:
    """Find clause markers, snippet includes and headings that lack an id, with line numbers."""
    markers: list[Marker] = []
    lines = text.split("\n")
    block_start = None
    in_fence = False
    for number, line in enumerate(lines, start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not line.strip():
            block_start = None
            continue
        include = INCLUDE.match(line)
        if include:
            markers.append(Marker("include", number, include.group("name")))
            block_start = None
            continue
        heading = HEADING.match(line)
        if heading:
            clause_id = _attr_id(heading.group("attrs"))
            label = heading.group("text").strip()
            level = len(heading.group(1))
            meant = _meant_id(heading.group("attrs"))
            if meant is not None:
                markers.append(Marker("unparsed", number, meant, label, level))
            elif clause_id is None:
                markers.append(Marker("unmarked-heading", number, "", label, level))
            else:
                kind = "clause" if CLAUSE_ID.match(clause_id) else "bad-id"
                markers.append(Marker(kind, number, clause_id, label, level))
            block_start = None
            continue
        block = BLOCK_ATTRS.match(line)
        meant = _meant_id(block.group("attrs")) if block else None
        if meant is not None:
            # Reported at its own line; the clause it meant is still this one, for the other languages.
            markers.append(Marker("unparsed", number, meant, _label(lines[block_start - 1]) if block_start else ""))
            continue
        if block and block_start is None and _attr_id(block.group("attrs")):
            # Alone after a blank line it marks nothing: Markdown shows it as text.
            markers.append(Marker("stray-id", number, _attr_id(block.group("attrs")) or ""))
            continue
        if block and block_start is not None:
            clause_id = _attr_id(block.group("attrs"))
            if clause_id:
                label = _label(lines[block_start - 1])
                kind = "clause" if CLAUSE_ID.match(clause_id) else "bad-id"
                markers.append(Marker(kind, block_start, clause_id, label))
            continue
        if block_start is None:
            block_start = number
    return markers


def _label(line: str, words: int = 8) -> str:
    parts = line.replace("\\", "").split()
    text = " ".join(parts[:words])
    return text + (" …" if len(parts) > words else "")


def split(text: str) -> list[tuple[str, str]]:
    """Cut a rendered page into (clause id, Markdown) pieces; text before the first id is ''."""
    lines = text.split("\n")
    starts = [(m.line, m.value) for m in scan(text) if m.kind == "clause"]
    pieces: list[tuple[str, str]] = []
    if not starts or starts[0][0] > 1:
        head = "\n".join(lines[: (starts[0][0] - 1) if starts else len(lines)]).strip()
        if head:
            pieces.append(("", head))
    for index, (line, clause_id) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines)
        pieces.append((clause_id, "\n".join(lines[line - 1 : end]).strip()))
    return pieces


def points_under_headings(text: str) -> dict[str, list[Clause]]:
    """The clauses that start a paragraph (such as "3.1."), by the id of the heading they come under.

    Headings are what a contents list shows; a numbered point that is a paragraph is reached from its
    heading's entry, in the order of the text. Points before the first heading come under ''.
    """
    points: dict[str, list[Clause]] = {}
    heading = ""
    for marker in scan(text):
        if marker.kind != "clause":
            continue
        if marker.level:
            heading = marker.value
        else:
            points.setdefault(heading, []).append(Clause(marker.value, marker.line, marker.label))
    return points
