"""Whether a translation follows its original: which clauses of the original changed since it was made."""

from __future__ import annotations

from .clauses import scan
from .textdiff import clause_texts

TRANSLATES = "translates"


def changed_clauses(original_then: str, original_now: str) -> list[str]:
    """Clause ids whose text in the original differs between two texts of it (new clauses included)."""
    before = {c.id: c.text for c in clause_texts(original_then)}
    return [c.id for c in clause_texts(original_now) if before.get(c.id) != c.text]


def behind_note(text: str, clause_ids: list[str], note: str) -> str:
    """`text` with `note` (Markdown; '{id}' replaced by the clause id) placed before each listed clause."""
    wanted = set(clause_ids)
    starts = {m.line: m.value for m in scan(text) if m.kind == "clause" and m.value in wanted}
    lines = text.split("\n")
    out = []
    for number, line in enumerate(lines, start=1):
        if number in starts:
            out.extend(["", note.replace("{id}", starts[number]).strip(), ""])
        out.append(line)
    return "\n".join(out)
