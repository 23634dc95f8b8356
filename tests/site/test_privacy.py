"""The built sites load nothing from another host, set no cookies and carry no analytics."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

# What a browser or the HTML checker sees of built sites: no project code runs in these tests' bodies, so
# coverage is not traced there (tracing slows the browser driver's Python by a third). Fixtures still count.
pytestmark = pytest.mark.untraced

RESOURCE_ATTRIBUTES = [
    ("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("iframe", "src"),
    ("frame", "src"), ("source", "src"), ("source", "srcset"), ("video", "src"), ("video", "poster"),
    ("audio", "src"), ("object", "data"), ("embed", "src"), ("track", "src"), ("input", "src"),
]
# <link> types a browser fetches by itself; rel="alternate"/"canonical" are plain links.
FETCHED_LINK_TYPES = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
                      "modulepreload", "manifest", "apple-touch-icon"}


def html_files(site):
    return sorted(site.rglob("*.html"))


def external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data")


@pytest.mark.parametrize("company", ["impro-media", "impro-celojumi"])
def test_no_resource_from_another_host(site, company):
    files = html_files(site / company)
    assert len(files) >= 3
    for path in files:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in RESOURCE_ATTRIBUTES:
            for element in soup.find_all(tag):
                if tag == "link" and not FETCHED_LINK_TYPES & set(element.get("rel", [])):
                    continue
                value = element.get(attribute)
                if value:
                    for candidate in value.split(","):
                        assert not external(candidate.split()[0]), f"{path}: <{tag} {attribute}={value}>"
        for style in soup.find_all(style=True):
            assert "url(" not in style["style"] or "http" not in style["style"], path
        for script in soup.find_all("script", src=False):
            if script.get("type", "text/javascript") not in ("text/javascript", "module"):
                continue  # data, not code
            assert not re.search(r"https?://", script.get_text()), f"{path}: inline script names a host"


@pytest.mark.parametrize("company", ["impro-media", "impro-celojumi"])
def test_stylesheets_import_nothing_from_another_host(site, company):
    for path in (site / company).rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text(encoding="utf-8")):
            assert not external(url), f"{path}: {url}"
        assert "@import" not in path.read_text(encoding="utf-8") or "http" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("company", ["impro-media", "impro-celojumi"])
def test_no_analytics_fonts_or_cookie_code(site, company):
    for path in html_files(site / company):
        content = path.read_text(encoding="utf-8")
        for marker in ["googletagmanager", "google-analytics", "fonts.googleapis", "fonts.gstatic", "gtag(",
                       "md-consent", "document.cookie", "squidfunk.github.io/mkdocs-material"]:
            assert marker not in content, f"{path}: {marker}"
