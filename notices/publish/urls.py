"""Where each page of a company's site is published, as directory-style URLs."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit


def page_url(name: str, lang: str, default_lang: str) -> str:
    """Site-relative URL of page `name` (e.g. 'index.md', 'history.md') in `lang`, e.g. 'en/history/'."""
    stem = name[:-3] if name.endswith(".md") else name
    if stem == "index":
        path = ""
    elif stem.endswith("/index"):
        path = stem[: -len("index")]
    else:
        path = stem + "/"
    prefix = "" if lang == default_lang else f"{lang}/"
    return prefix + path


def relative_url(from_url: str, to_url: str) -> str:
    """Relative link from the page at `from_url` to `to_url` (both site-relative, directory style)."""
    base = "/" + from_url
    target = "/" + to_url
    rel = posixpath.relpath(target, base if base.endswith("/") else posixpath.dirname(base))
    if rel == ".":
        return "./"
    return rel + ("/" if (to_url == "" or to_url.endswith("/")) and not rel.endswith("/") else "")


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
