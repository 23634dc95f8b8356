"""Pure functions of the later stages, in this process: the HTML allowlist, links, dates, search, the cache."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from notices.checks.html_safety import sanitize
from notices.checks.markup import anchors, broken_links, links
from notices.model.dates import long_date, parse_as_of, source_date, today_in
from notices.publish.search_index import language_index
from notices.sources.cache import Cache

RIGA = ZoneInfo("Europe/Riga")


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


def test_dates_are_written_in_the_page_language():
    day = dt.date(2025, 3, 14)
    assert long_date(day, "ro") == "14 martie 2025"
    assert long_date(day, "lv") == "2025. gada 14. marts"
    assert long_date(day, "en") == "March 14, 2025"


def test_as_of_is_a_day_or_a_moment_in_utc_unless_an_offset_is_given():
    assert parse_as_of(" 2027-01-10 ") == dt.date(2027, 1, 10)
    assert parse_as_of("2027-01-09T22:30") == dt.datetime(2027, 1, 9, 22, 30, tzinfo=dt.UTC)
    assert parse_as_of("2027-01-09T22:30+02:00").utcoffset() == dt.timedelta(hours=2)
    with pytest.raises(ValueError, match="'soon' is not a date or time: write YYYY-MM-DD"):
        parse_as_of("soon")
    # 22:30 UTC is already the next day in Riga; a day is taken as written.
    assert today_in(RIGA, "2027-01-09T22:30") == dt.date(2027, 1, 10)
    assert today_in(RIGA, "2027-01-09") == dt.date(2027, 1, 9)


def test_the_commit_day_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date() is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    assert source_date() == dt.date(2026, 11, 25)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert source_date() is None


def test_a_language_index_searches_the_words_as_the_searches_compare_them():
    index = {"config": {"lang": ["ro"], "pipeline": ["stopWordFilter"], "fields": {"title": {}, "text": {}}},
             "docs": [{"location": "", "title": "Notă", "text": "<p>Ştergerea datelor</p>"},
                      {"location": "history/", "title": "Istoric", "text": "v1"}]}
    romanian = language_index(index, "ro")
    assert [d["location"] for d in romanian["docs"]] == ["", "history/"]
    assert romanian["docs"][0]["folded"] == "not sterger dat" and romanian["docs"][0]["folded_title"] == "not"
    assert romanian["docs"][0]["text"] == "<p>Ştergerea datelor</p>"  # shown as it is
    # No lunr language file to fetch, no stop words; only the compared words are searched.
    assert romanian["config"]["lang"] == ["en"] and romanian["config"]["pipeline"] == []
    assert romanian["config"]["fields"] == {"folded_title": {"boost": 1000}, "folded": {"boost": 1}}
    assert index["config"]["pipeline"] == ["stopWordFilter"]  # the original is left as it was


def test_the_cache_computes_once_per_input_and_survives_a_damaged_entry(tmp_path, monkeypatch):
    monkeypatch.delenv("NOTICES_CACHE_DIR", raising=False)
    cache, calls = Cache(tmp_path), []

    def compute(value):
        def run():
            calls.append(value)
            return {"value": value}
        return run

    assert cache.get_or_compute("render", ("text a",), compute("a")) == {"value": "a"}
    assert cache.get_or_compute("render", ("text a",), compute("again")) == {"value": "a"}
    assert cache.get_or_compute("render", ("text b",), compute("b")) == {"value": "b"}
    assert calls == ["a", "b"]
    entry = tmp_path / ".cache" / "notices" / "render" / cache.key("render", "text a")
    assert json.loads(entry.read_text(encoding="utf-8")) == {"value": "a"}
    entry.write_text("{half", encoding="utf-8")
    assert cache.get_or_compute("render", ("text a",), compute("recomputed")) == {"value": "recomputed"}
    assert cache.key("render", "x") != cache.key("split", "x")
    assert Cache(None).get_or_compute("render", ("text a",), compute("no cache")) == {"value": "no cache"}
    # A folder named by NOTICES_CACHE_DIR serves every copy of a project.
    monkeypatch.setenv("NOTICES_CACHE_DIR", str(tmp_path / "shared"))
    assert Cache(tmp_path / "copy").get_or_compute("render", ("text c",), compute("c")) == {"value": "c"}
    assert (tmp_path / "shared" / "render" / cache.key("render", "text c")).is_file()


def test_a_read_only_project_builds_without_a_cache(tmp_path):
    (tmp_path / ".cache").write_text("a file where the folder would be", encoding="utf-8")
    assert Cache(tmp_path).get_or_compute("render", ("x",), lambda: [1]) == [1]
