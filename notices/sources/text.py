"""What counts as plain text: a value that is shown as written, and cannot become markup anywhere."""

from __future__ import annotations

import re

# Characters that start markup in Markdown or HTML, and control characters (newlines included).
MARKUP = re.compile(r"[<>`*_\[\]{}\\|\x00-\x1f\x7f]")
PLAIN_TEXT_HINT = "line breaks or any of < > ` * _ [ ] { } \\ |"


def plain_text(value: object) -> bool:
    """Whether `value` is one line of text that no Markdown or HTML reader would take as markup."""
    return isinstance(value, str) and MARKUP.search(value) is None


def label_text(value: object) -> bool:
    """Whether `value` is one line of text for the site's templates (which escape it), with no tag in it."""
    return isinstance(value, str) and re.search(r"[<>\x00-\x1f\x7f]", value) is None
