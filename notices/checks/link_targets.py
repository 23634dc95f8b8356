"""Links say where they go: mail only to the company's own addresses, and a link that shows an address goes there.

Checked on the rendered HTML, link by link (its target and the text a reader sees), by the check and by the
build alike.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urlsplit

from ..sources.addresses import site_id
from ..sources.text import mixed_script

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Text a reader takes for a web address: an optional scheme, a host with a dot, an optional path.
SHOWN_HOST = re.compile(r"(?:https?://)?((?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,})(?:[/:?#]\S*)?", re.UNICODE)
HELP = ("a link must lead where its text says and mail only to the company's own addresses (company.yml); "
        "an id names one place of the page")


class _Links(HTMLParser):
    """Each link of a fragment: its target and the text inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: list[str] = []
        self._open: list[list[str]] = []
        self._targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a link; note every id."""
        found = dict(attrs).get("id")
        if found:
            self.ids.append(found)
        if tag == "a":
            self._targets.append(dict(attrs).get("href") or "")
            self._open.append([])

    def handle_endtag(self, tag: str) -> None:
        """Close a link and keep it."""
        if tag == "a" and self._open:
            self.links.append((self._targets.pop(), "".join(self._open.pop()).strip()))

    def handle_data(self, data: str) -> None:
        """Text inside every open link."""
        for parts in self._open:
            parts.append(data)


def company_addresses(data: Any) -> frozenset[str]:
    """Every e-mail address the company's facts hold (company.yml), lower case."""
    found: set[str] = set()
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str):
            found.update(match.lower() for match in EMAIL.findall(value))
    return frozenset(found)


def _host(text: str) -> str | None:
    match = SHOWN_HOST.fullmatch(text.strip().rstrip(".,;"))
    return match.group(1).lower() if match else None


def _same_host(shown: str, target: str) -> bool:
    return shown.removeprefix("www.") == target.removeprefix("www.")


def _host_problem(host: str) -> str | None:
    try:
        shown = host.encode("ascii").decode("idna") if "xn--" in host else host
    except UnicodeError:
        return f"the link's host '{host}' is not a valid name"
    mixed = mixed_script(shown)
    return f"the link's host '{host}' ({shown}): {mixed}" if mixed else None


def id_problem(ids: list[str]) -> str | None:
    """The first id carried twice or taken from the site's own markup, and why; None if there is none."""
    seen: set[str] = set()
    for value in ids:
        if site_id(value):
            return f"the id '{value}' belongs to the site's own markup: choose another clause id"
        if value in seen:
            return (f"the id '{value}' is carried by two elements (a clause, a kept old id or an element written "
                    f"with id=): links to it would land on one of them; keep it on one")
        seen.add(value)
    return None


def link_problem(html: str, own: frozenset[str] | None) -> str | None:
    """The first link of `html` that does not say where it goes (or id that names two places), and why.

    `own`: the company's addresses, the only ones mail may go to; None for a released text, whose addresses
    were the company's when it was released (a later change of address never refuses the record).
    """
    parser = _Links()
    parser.feed(html)
    parser.close()
    doubled = id_problem(parser.ids)
    if doubled:
        return doubled
    for target, text in parser.links:
        scheme = target.split(":", 1)[0].lower() if ":" in target else ""
        shown_mail = text.lower() if EMAIL.fullmatch(text) else None
        if scheme == "mailto":
            address, _, headers = target[len("mailto:"):].partition("?")
            addresses = [unquote(a).strip().lower() for a in address.split(",") if a.strip()]
            if headers:
                return (f"the mail link to '{target[:80]}' adds '?{headers[:40]}': a link may not copy a reader's "
                        f"mail to anyone (cc, bcc) or write it for them (subject, body); link the address alone")
            others = [a for a in addresses if own is not None and a not in own]
            if others or not addresses:
                return (f"the mail link to '{', '.join(others) or target}' is not one of the company's addresses "
                        f"in company.yml ({', '.join(sorted(own or ())) or 'none'}): readers' mail goes to the company")
            if shown_mail and addresses != [shown_mail]:
                return f"the link shows '{text}' but sends mail to '{', '.join(addresses)}'"
            continue
        if shown_mail:
            return f"the link shows the address '{text}' but leads to '{target[:80]}': link it as mailto:{text}"
        if scheme in ("https", "http"):
            host = (urlsplit(target).hostname or "").lower()
            problem = _host_problem(host)
            if problem:
                return problem
            shown = _host(text)
            if shown and not _same_host(shown, host):
                return f"the link shows '{text}' but leads to another host, '{host}': make the text say where it goes"
    return None
