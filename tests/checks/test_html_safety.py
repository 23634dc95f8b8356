"""The HTML allowlist (notices/checks/html_safety.py): what Markdown produces here passes, the rest is named and never published."""

from __future__ import annotations

import pytest

from notices.checks.html_safety import sanitize


@pytest.mark.parametrize("html", [
    "<p>Text with <strong>bold</strong>, <a href=\"https://example.com\">a link</a> and <code>code</code>.</p>",
    "<h2 id=\"purposes\">2. Purposes</h2>",
    "<ol start=\"3\"><li>three</li></ol>",
    "<p><a href=\"../#rights\" hreflang=\"ro\">Drepturi</a> <a href=\"mailto:x@example.com\">mail</a></p>",
    "<div class=\"admonition note\"><p class=\"admonition-title\">Note</p><p>x</p></div>",
    "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
])
def test_what_markdown_produces_here_passes_unchanged(html):
    verdict = sanitize(html)
    assert verdict.refused is None, verdict.refused
    assert "href" not in html or "href" in verdict.html


@pytest.mark.parametrize("html, refused, gone", [
    ("<p>x<script>alert(1)</script></p>", "<script> is not allowed in a notice", "<script"),
    ("<p><a href=\"//evil.example/x\">x</a></p>", "the link to '//evil.example/x' is not allowed in a notice",
     "evil.example"),
    ("<p><a href=\"java&#x09;script:alert(1)\">x</a></p>", "the link to 'java\tscript:alert(1)' is not allowed",
     "alert"),
    ("<p><a href=\"https://x.example\" hreflang=\"not a language\">x</a></p>",
     "the attribute hreflang=\"not a language\" on <a> is not allowed in a notice", "not a language"),
    ("<ol start=\"9999999\"><li>x</li></ol>", "the attribute start=\"9999999\" on <ol> is not allowed in a notice",
     "9999999"),
    ("<h2 id=\"__search\">x</h2>", "the attribute id=\"__search\" on <h2> is not allowed in a notice", "__search"),
    ("<div class=\"md-sidebar\">x</div>", "the attribute class=\"md-sidebar\" on <div> is not allowed in a notice",
     "md-sidebar"),
    ("<p>x<!-- hidden --></p>", "HTML comments (<!-- -->) are not allowed in a notice", "hidden"),
    ("<p>x</p></div>", "a closing </div> without its opening tag is not allowed in a notice", "</div>"),
    ("<!DOCTYPE html><p>x</p>", "HTML declarations are not allowed in a notice", "DOCTYPE"),
])
def test_what_the_allowlist_leaves_out_is_named_and_never_published(html, refused, gone):
    verdict = sanitize(html)
    assert verdict.refused is not None and verdict.refused.startswith(refused), verdict.refused
    assert gone not in verdict.html
    assert sanitize(verdict.html).refused is None  # what is published passes the allowlist itself
