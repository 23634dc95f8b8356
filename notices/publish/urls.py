"""Where each page of a company's site is published, as directory-style URLs."""

from __future__ import annotations

import posixpath


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
