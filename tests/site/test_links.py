"""Every link a built page carries leads somewhere: the file exists in the site, and its #fragment on that page."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

ADDRESSES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("option", "data-clauses"),
             ("li", "data-clauses"), ("li", "data-url"))


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(node["id"]) for node in soup.find_all(id=True))


def broken_links(site_dir: Path) -> list[str]:
    """Every relative address in the site's pages that names no file, or no element on its page."""
    broken = []
    for page in sorted(site_dir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for template in soup.find_all("template"):
            template.decompose()  # the comparison's markup, filled in by its script
        for tag, attribute in ADDRESSES:
            for node in soup.find_all(tag, attrs={attribute: True}):
                address = str(node[attribute])
                parts = urlsplit(address)
                if parts.scheme or parts.netloc or address.startswith("data:"):
                    continue
                # The site is served at the root of its domain (404.html links from there).
                here = "/" if parts.path.startswith("/") else page.relative_to(site_dir).parent.as_posix()
                target = posixpath.normpath(posixpath.join(here, unquote(parts.path))).lstrip("/") if parts.path \
                    else page.relative_to(site_dir).as_posix()
                file = site_dir / target
                if file.is_dir():
                    file = file / "index.html"
                shown = f"{page.relative_to(site_dir)}: {tag}[{attribute}]={address}"
                if target.startswith("..") or not file.is_file():
                    broken.append(f"{shown}: no such file")
                elif parts.fragment and file.suffix == ".html" and unquote(parts.fragment) not in _ids(file):
                    broken.append(f"{shown}: no element with this id")
    return broken


@pytest.mark.parametrize("company", ["impro-media", "impro-celojumi"])
def test_every_link_of_the_real_sites_leads_somewhere(site, company):
    assert broken_links(site / company) == []


def test_every_link_of_the_example_with_its_history_leads_somewhere(example):
    assert broken_links(example / "site" / "example-privacy") == []


def test_a_link_to_a_missing_page_or_clause_is_found(tmp_path):
    (tmp_path / "history").mkdir()
    (tmp_path / "index.html").write_text('<p id="here"><a href="history/">ok</a> <a href="#here">ok</a></p>')
    (tmp_path / "history" / "index.html").write_text(
        '<a href="../#here">ok</a> <a href="../#gone">clause</a> <a href="../compare/">page</a>'
        '<a href="https://example.org/">other host</a><template><a href="#x">filled later</a></template>')
    assert broken_links(tmp_path) == ["history/index.html: a[href]=../#gone: no element with this id",
                                      "history/index.html: a[href]=../compare/: no such file"]
