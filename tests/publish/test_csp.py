"""The Content-Security-Policy: inline scripts found and hashed, policies built, placed in every built page."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from notices.publish.csp import htaccess, insert_head_markup, page_policy, policy, scan_page, script_hash, site_policy

PAGE = """<!doctype html>
<html><head>
  <meta charset="utf-8">
  <title>T</title>
  <script>var a = 1;</script>
  <script type="application/json" id="data">{"not": "code"}</script>
  <script src="bundle.js"></script>
  <script type="module">import "./m.js";</script>
  <script>var a = 1;</script>
</head><body>
  <form name="search"><input type="text"><button type="reset">x</button></form>
  <button>outside any form</button>
</body></html>
"""


def directives(value: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in value.split(";")}


def test_hash_is_the_one_browsers_compute():
    # The example of MDN's Content-Security-Policy script-src page.
    assert script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert script_hash("a;\r\nb;\rc;") == script_hash("a;\nb;\nc;")


def test_only_executed_inline_scripts_are_hashed_once_each():
    scan = scan_page(PAGE)
    assert scan.inline_scripts == ["var a = 1;", 'import "./m.js";', "var a = 1;"]
    assert scan.script_hashes == [script_hash("var a = 1;"), script_hash('import "./m.js";')]


def test_style_elements_are_admitted_by_hash_and_style_attributes_are_not():
    html = "<html><head><style>p { color: red; }</style></head><body><p style='color: blue'>x</p></body></html>"
    scan = scan_page(html)
    assert scan.inline_styles == ["p { color: red; }"] and scan.inline_scripts == []
    found = directives(page_policy(scan))
    assert found["style-src"] == ["'self'", script_hash("p { color: red; }")]
    assert "'unsafe-hashes'" not in found["style-src"] and "'unsafe-inline'" not in found["style-src"]


def test_markup_goes_right_after_meta_charset():
    scan = scan_page(PAGE)
    out = insert_head_markup(PAGE, scan, "<X>")
    assert '<meta charset="utf-8"><X>\n  <title>' in out
    assert out.replace("<X>", "", 1) == PAGE


def test_markup_goes_after_head_when_a_script_comes_before_the_charset():
    html = "<html>\n<head lang=x>\n<script>1</script><meta charset=utf-8></head></html>"
    assert insert_head_markup(html, scan_page(html), "<X>") == html.replace("<head lang=x>", "<head lang=x><X>")


def test_a_page_without_head_is_refused():
    with pytest.raises(ValueError):
        insert_head_markup("<p>no head</p>", scan_page("<p>no head</p>"), "<X>")


@pytest.mark.parametrize("form", [
    '<form><input type="text"><button type="reset">x</button></form>',
    "<form><select></select><button>Go</button></form>",
    '<form><input type="image" src="go.png"></form>',
])
def test_no_page_may_submit_a_form(form):
    scan = scan_page(f"<html><head></head><body>{form}</body></html>")
    assert directives(page_policy(scan))["form-action"] == ["'none'"]


def test_page_policy_admits_its_scripts_and_nothing_inline():
    found = directives(page_policy(scan_page(PAGE)))
    assert found["script-src"] == ["'self'", script_hash("var a = 1;"), script_hash('import "./m.js";')]
    assert found["default-src"] == ["'self'"] and found["style-src"] == ["'self'"]
    assert found["object-src"] == ["'none'"] and found["base-uri"] == ["'none'"]
    assert "frame-ancestors" not in found  # a <meta> policy may not carry it
    assert "'unsafe-inline'" not in page_policy(scan_page(PAGE))


def test_site_policy_admits_every_pages_scripts():
    one, two = scan_page("<head><script>1</script></head>"), scan_page("<head><script>2</script></head><form><button>")
    found = directives(site_policy([one, two]))
    assert found["script-src"] == ["'self'", *sorted([script_hash("1"), script_hash("2")])]
    assert found["form-action"] == ["'none'"] and found["frame-ancestors"] == ["'none'"]


def test_htaccess_sets_the_three_headers():
    text = htaccess(policy(["'sha256-x'"], header=True))
    headers = dict(re.findall(r'^\s*Header always set (\S+) "([^"]*)"$', text, re.MULTILINE))
    assert headers == {"Content-Security-Policy": policy(["'sha256-x'"], header=True),
                       "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"}


@pytest.mark.parametrize("company", ["impro-media", "impro-celojumi"])
def test_every_built_page_carries_its_policy_before_any_script(site, company):
    root = site / company
    header = (root / ".htaccess").read_text(encoding="utf-8")
    header_sources = set(directives(re.search(r'Content-Security-Policy "([^"]*)"', header)[1])["script-src"])
    pages = sorted(root.rglob("*.html"))
    assert root / "404.html" in pages and len(pages) >= 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        metas = soup.select('meta[http-equiv="Content-Security-Policy"]')
        assert len(metas) == 1, path
        assert [m["content"] for m in soup.select("meta[name=referrer]")] == ["no-referrer"], path
        assert html.index('http-equiv="Content-Security-Policy"') < html.index("<script"), path
        inline = [s.string or "" for s in soup.find_all("script", src=False) if s.get("type") != "application/json"]
        sources = directives(metas[0]["content"])["script-src"]
        assert sorted(sources) == sorted({"'self'", *map(script_hash, inline)}), path
        assert set(sources) <= header_sources, path
