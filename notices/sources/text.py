"""What counts as plain text (shown as written, never markup anywhere), and what a safe web address is."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Characters that start markup in Markdown or HTML, and control characters (newlines included).
MARKUP = re.compile(r"[<>`*_\[\]{}\\|\x00-\x1f\x7f]")
PLAIN_TEXT_HINT = "line breaks or any of < > ` * _ [ ] { } \\ |"


def plain_text(value: object) -> bool:
    """Whether `value` is one line of text that no Markdown or HTML reader would take as markup."""
    return isinstance(value, str) and MARKUP.search(value) is None


def label_text(value: object) -> bool:
    """Whether `value` is one line of text for the site's templates (which escape it), with no tag in it."""
    return isinstance(value, str) and re.search(r"[<>\x00-\x1f\x7f]", value) is None


HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
UNSAFE_IN_URL = re.compile(r"[\s<>\"'`\\{}|^\[\]()\x00-\x1f\x7f]")


def web_address(value: object) -> str | None:
    """`value` if it is an https: address with a plain host name and nothing that could break out of a link."""
    if not isinstance(value, str) or UNSAFE_IN_URL.search(value):
        return None
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme != "https" or parts.username or parts.password or port is not None:
        return None
    return value if parts.hostname and HOST.match(parts.hostname) else None

