"""Links in notice Markdown (notices/checks/markup.py): anchors and links by line, the broken ones named."""

from __future__ import annotations

from notices.checks.markup import anchors, broken_links, links


def test_anchors_and_links_of_a_page_by_line():
    text = "## A {#a}\n\n<span id=\"b\"></span>\n\n[to a](#a) and [x](other.md#c)\n<a href=\"#zzz\">z</a>\n"
    assert anchors(text) == {"a", "b"}
    assert links(text) == [(5, "#a"), (5, "other.md#c"), (6, "#zzz")]


def test_broken_links_name_the_missing_anchor_or_page():
    text = ("[ok](#a) [ok](https://x.example) [ok]({{ company.website }}) [ok](gdpr.md#right)\n"
            "[bad](#nowhere)\n[bad](missing.md)\n[bad](./gdpr.md#nothing)\n")
    found = [str(p) for p in broken_links(text, "p.md", {"a"}, {"index.md": {"a"}, "gdpr.md": {"right"}})]
    assert found == [
        "p.md:2: link to '#nowhere', which is not a clause or heading of this page: use one of its clause ids",
        "p.md:3: link to 'missing.md', which is not a page in this language (pages: gdpr.md, index.md)",
        "p.md:4: link to './gdpr.md#nothing': 'gdpr.md' has no clause 'nothing'"]
