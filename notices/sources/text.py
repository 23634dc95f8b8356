"""What counts as plain text (shown as written, never markup anywhere), and what a safe web address is."""

from __future__ import annotations

import re
import unicodedata
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


# Characters a reader cannot see: control characters (which also break the feeds' XML) and the marks that
# reorder text (U+202A-202E, U+2066-2069, U+200E/F, U+061C), which show words in another order than the one
# they are stored and read in. No notice needs them; tab, line feed and carriage return are layout.
HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
REORDERING = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Scripts whose letters look alike: one word mixing them reads as another word (a homoglyph).
LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"})
WORD = re.compile(r"[^\W\d_]+")


def hidden_character(text: str) -> str | None:
    """What is wrong with the first character of `text` that readers cannot see, or None."""
    found = HIDDEN.search(text)
    if found is None:
        return None
    char = found.group()
    name = unicodedata.name(char, "a control character")
    effect = "reorders the text around it on screen" if REORDERING.match(char) else "is invisible to readers"
    return f"U+{ord(char):04X} ({name}) {effect}: remove it"


def mixed_script(text: str) -> str | None:
    """What is wrong with the first word of `text` that mixes look-alike scripts (e.g. Latin and Cyrillic), or None."""
    if text.isascii():
        return None
    for word in WORD.finditer(text):
        scripts = {unicodedata.name(ch, "").split(" ")[0] for ch in word.group() if not ch.isascii()}
        scripts = (scripts | ({"LATIN"} if any(ch.isascii() for ch in word.group()) else set())) & LOOKALIKE_SCRIPTS
        if len(scripts) > 1:
            return (f"'{word.group()}' mixes letters of the {' and '.join(sorted(s.title() for s in scripts))} "
                    f"scripts, so it looks like a word it is not: write it in one script")
    return None


def unclean(text: str) -> str | None:
    """Why `text` would not show readers what it stores (hidden characters, mixed scripts), or None."""
    return hidden_character(text) or mixed_script(text)


HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+\Z")
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

