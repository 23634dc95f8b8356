"""The publish stage: each generated page and the site's HTML around each text, placed by the build as made; search indexes."""

from __future__ import annotations

import json

import pytest
from jinja2 import UndefinedError
from test_site_files import COMPANY, publications

from notices.publish.html import environment, render
from notices.publish.pages import Pages
from notices.publish.search_index import language_index
from notices.publish.site_files import site_files


@pytest.fixture(scope="module")
def pages(example) -> dict[str, Pages]:
    return {lang: Pages(publication, "https://example.com/") for lang, publication in publications(example).items()}


def test_every_generated_body_is_published_as_made(example, pages):
    built = example / "site" / COMPANY
    for lang, language in pages.items():
        for page in language.generated():
            url = language.publication.url(page.name)
            html = (built / url / "index.html").read_text(encoding="utf-8")
            if page.kind == "version":
                assert not page.body and page.markdown, page.name
            else:
                assert page.body and str(page.body) in html, (lang, page.name)
            frame = language.frame(page.name, preview=False)
            assert str(frame["before"]) in html and str(frame["after"]) in html


def test_only_a_text_gets_the_site_frame_around_it(pages):
    english = pages["en"]
    notice = english.frame("index.md", preview=False)
    assert notice["kind"] == "notice" and "notice-banner--current" in notice["before"]
    assert 'class="notice-site"' in notice["after"] and not notice["body"]
    version = english.frame("versions/v1/index.md", preview=False)
    assert version["kind"] == "version" and "notice-banner--superseded" in version["before"]
    # A link from an archived version to the page in force, relative to where the version is.
    assert 'href="../../"' in version["before"]
    history = english.frame("history.md", preview=False)
    assert history["kind"] == "history" and not history["before"] and not history["after"]
    assert history["scripts"] == ["assets/javascripts/archive-search.js"]
    assert english.frame("about.md", preview=False)["kind"] == "page"


def test_links_are_relative_to_the_page_and_keep_their_fragment():
    source = environment().from_string('<a href="{{ target | url }}">x</a>')
    assert source.render(here="en/versions/v2/", target="en/#rights") == '<a href="../../#rights">x</a>'
    assert source.render(here="", target="versions/v1/en.json") == '<a href="versions/v1/en.json">x</a>'


def test_values_are_escaped_and_a_misspelt_name_fails(pages):
    labels = dict(pages["en"].publication.labels, site_notes='<script>alert(1)</script>')
    view = {**pages["en"].publication.common(), "labels": labels}
    html = render("site-notes.html", "", notice=view)
    assert "<script>" not in html and "&lt;script&gt;" in html
    with pytest.raises(UndefinedError):
        render("site-notes.html", "", notice={"labels": labels})


def test_a_generated_title_reaches_the_theme_escaped():
    """The theme prints a front-matter title as HTML: a label's '&', '<' or quotes must arrive as text."""
    import json

    from notices.publish.pages import GeneratedPage

    source = GeneratedPage("history.md", 'Terms & "history" <b>', "history").source()
    meta = json.loads(source.split("\n")[1])
    assert meta["title"] == "Terms &amp; &#34;history&#34; &lt;b&gt;"


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


def test_each_numbered_point_is_a_search_entry_named_by_its_label():
    from notices.publish.search_index import clause_entries
    entries = [{"location": "en/", "title": "Notice", "text": "<p>Intro.</p> <p>1. First point &amp; more.</p>"},
               {"location": "en/#rights", "title": "Rights", "text": "<p>You may.</p> <p>2.1. Ask for access.</p> "
                                                                      "<p>Tail.</p> <p>2.2 Object.</p>"},
               {"location": "en/#other", "title": "Other", "text": "<p>Nothing here.</p>"}]
    points = {"": [{"id": "first", "url": "#first", "title": "1. First point &amp; more."}],
              "rights": [{"id": "access", "url": "#access", "title": "2.1. Ask for access."},
                         {"id": "lost", "url": "#lost", "title": "Words not rendered so"},
                         {"id": "object", "url": "#object", "title": "2.2 Object."}]}
    split = clause_entries(entries, points)
    assert [(e["location"], e["title"], e["text"]) for e in split] == [
        ("en/", "Notice", "<p>Intro.</p>"), ("en/#first", "1. First point &amp; more.", "<p>1. First point &amp; more.</p>"),
        ("en/#rights", "Rights", "<p>You may.</p>"),
        ("en/#access", "2.1. Ask for access.", "<p>2.1. Ask for access.</p> <p>Tail.</p>"),
        ("en/#object", "2.2 Object.", "<p>2.2 Object.</p>"), ("en/#other", "Other", "<p>Nothing here.</p>")]


def test_a_translation_says_the_original_prevails_only_once_the_company_confirmed_it(example):
    romanian = publications(example)["ro"]
    data = romanian.site.company.data
    note = render("translation-note.html", "index.md", notice={**romanian.common(),
                                                                 "translation": romanian.translation(None)})
    assert "Aceasta este o traducere în limba română a politicii. Originalul este în limba engleză." in note
    assert "prevalează" not in note
    data["original_prevails"] = "yes"  # said, but nobody at the company is recorded as confirming it
    assert romanian.translation(None)["prevails"] is False
    data["confirmed"] = {"original_prevails": {"by": "Alex Example", "on": "2026-11-20"}}
    note = render("translation-note.html", "index.md", notice={**romanian.common(),
                                                                 "translation": romanian.translation(None)})
    assert "Compania a confirmat că, dacă cele două texte diferă, prevalează textul în limba engleză." in note


def test_a_company_that_chose_no_gdpr_index_publishes_none_of_it(example):
    english = publications(example)["en"]
    assert english.index_document() is not None
    english.site.company.data["gdpr_index"] = "no"  # the company's recorded choice (company.yml)
    assert english.index_document() is None
    assert "gdpr.md" not in {page.name for page in Pages(english, "https://example.com/").generated()}
    assert not [f for f in site_files(english, "https://example.com/") if f.path.endswith("gdpr.json")]
    listed = json.loads(next(f.content for f in site_files(english, "https://example.com/")
                             if f.path == "versions.json"))
    assert {v["gdpr"] for v in listed["versions"]} == {None}
