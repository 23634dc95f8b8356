"""The allowlist every page's rendered text must pass: what Markdown legitimately produces here, nothing more.

The check runs on the rendered HTML with a maintained sanitizer (nh3, the binding of ammonia), never on
the source: what a browser would parse is what counts. Text that falls outside the allowlist is refused,
never silently stripped, and the HTML that is published is the sanitizer's own output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

HEADINGS = {f"h{level}" for level in range(1, 7)}
TAGS = HEADINGS | {"p", "br", "hr", "ul", "ol", "li", "a", "em", "strong", "b", "i", "code", "pre", "blockquote",
                   "table", "thead", "tbody", "tr", "th", "td", "div", "span", "sup", "sub"}
ATTRIBUTES = {"*": {"id"}, "a": {"href", "title", "hreflang"}, "ol": {"start"}}
ADMONITIONS = {"admonition", "note", "abstract", "info", "tip", "success", "question", "warning", "failure",
               "danger", "bug", "example", "quote"}
CLASSES = {"div": ADMONITIONS, "p": {"admonition-title"}, "a": {"headerlink"}}
URL_SCHEMES = {"https", "mailto", "tel"}
# Ids name clauses and headings; a leading underscore is the theme's own namespace (#__config, #__search).
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}\Z")
LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if ID.match(value) else None
    if attribute == "href" and value.strip().startswith(("//", "\\", "/\\")):
        return None  # another host, written as if it were a path
    if attribute == "hreflang":
        return value if LANG.match(value) else None
    if attribute == "start":
        return value if value.isdigit() and len(value) < 6 else None
    return value


CLEANER = nh3.Cleaner(tags=TAGS, clean_content_tags=set(), attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                      allowed_classes=CLASSES, attribute_filter=_attribute_filter, link_rel=None,
                      strip_comments=True)


class _Events(HTMLParser):
    """A fragment as a list of parse events, so that two serializations of one tree compare equal."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text:
            if self.events and self.events[-1][0] == "data":
                self.events[-1] = ("data", f"{self.events[-1][1]} {text}")
            else:
                self.events.append(("data", text))

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment", data))

    def handle_decl(self, decl: str) -> None:
        self.events.append(("decl", decl))

    def handle_pi(self, data: str) -> None:
        self.events.append(("pi", data))

    def unknown_decl(self, data: str) -> None:
        self.events.append(("decl", data))


def _events(html: str) -> list[tuple]:
    parser = _Events()
    parser.feed(html)
    parser.close()
    return parser.events


@dataclass(frozen=True)
class Verdict:
    """The sanitizer's output, and what it had to leave out (None when nothing)."""

    html: str
    refused: str | None


def sanitize(html: str) -> Verdict:
    """Clean `html` by the allowlist and say what, if anything, the allowlist did not keep."""
    cleaned = CLEANER.clean(html)
    before, after = _events(html), _events(cleaned)
    if before == after:
        return Verdict(cleaned, None)
    return Verdict(cleaned, _describe(before, after))


def _describe(before: list[tuple], after: list[tuple]) -> str:
    """The first thing the allowlist left out, in words an editor understands."""
    # Text is compared apart: a removed tag merges the text around it, which must not hide the tag.
    before, after = [e for e in before if e[0] != "data"], [e for e in after if e[0] != "data"]
    for index, event in enumerate(before):
        kept = after[index] if index < len(after) else None
        if event == kept:
            continue
        if event[0] == "start":
            tag, attrs = event[1], dict(event[2])
            if tag not in TAGS:
                return f"<{tag}> is not allowed in a notice"
            if kept and kept[0] == "start" and kept[1] == tag:
                dropped = [name for name in attrs if name not in dict(kept[2]) or dict(kept[2])[name] != attrs[name]]
                if dropped and tag == "a" and dropped[0] == "href":
                    return (f"the link to '{attrs['href'][:80]}' is not allowed in a notice (write https:// "
                            f"addresses, mailto:, tel: or a link to a clause)")
                if dropped:
                    name = dropped[0]
                    return f"the attribute {name}=\"{attrs[name][:60]}\" on <{tag}> is not allowed in a notice"
            return f"this <{tag}> is not allowed in a notice"
        if event[0] == "comment":
            return "HTML comments (<!-- -->) are not allowed in a notice"
        if event[0] in ("decl", "pi"):
            return "HTML declarations are not allowed in a notice"
        if event[0] == "end":
            return f"a closing </{event[1]}> without its opening tag is not allowed in a notice"
        return "HTML that a browser would read differently is not allowed in a notice"
    return "HTML that a browser would read differently is not allowed in a notice"


HELP = ("a notice holds text, headings, lists, tables, admonitions and links to https:, mailto: or tel: "
        "addresses or to the site's own pages; remove it or write it as plain text")
