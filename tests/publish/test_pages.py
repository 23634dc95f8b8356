"""The pages the build adds (notices/publish/pages.py) and the site's HTML around each text, published as made."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import (
    article,
    check,
    edit,
    page,
    release,
    run_build,
    text,
)
from jinja2 import UndefinedError
from test_site_files import COMPANY, publications

from notices.model.gdpr import ELEMENT_KEYS
from notices.publish.html import render
from notices.publish.pages import Pages
from notices.publish.site_files import site_files


@pytest.fixture(scope="module")
def pages(example) -> dict[str, Pages]:
    return {lang: Pages(publication, "https://example.com/") for lang, publication in publications(example).items()}


def test_every_generated_body_is_published_as_made(example, pages):
    built = example / "site" / COMPANY
    for lang, language in pages.items():
        for made in language.generated():
            url = language.publication.url(made.name)
            html = (built / url / "index.html").read_text(encoding="utf-8")
            if made.kind == "version":
                assert not made.body and made.markdown, made.name
            else:
                assert made.body and str(made.body) in html, (lang, made.name)
            frame = language.frame(made.name, preview=False)
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


SITE = "example-privacy"


def built(example, url=""):
    return page(example / "site", SITE, url)


def test_history_lists_every_version_newest_first_with_dates(example):
    items = built(example, "history").select(".notice-history__item")
    assert [item["id"] for item in items] == ["v4", "v3", "v2", "v1"]
    first = text(items[0])
    assert "Material change" in first and "10 January 2027" in first and "20 November 2026" in first
    assert "Summary of v4" in first
    assert "Editorial change" in text(items[1]) and "First version" in text(items[3])
    assert items[3].select_one("a[href$='versions/v1/']")
    assert items[0].select_one("a[href$='versions/v4/changes/']")
    assert not items[3].select("a[href*='changes']")
    romanian = text(built(example, "ro/history").select(".notice-history__item")[0])
    assert "10 ianuarie 2027" in romanian and "Modificare esențială" in romanian and "Rezumatul v4" in romanian


@pytest.mark.parametrize("root,words", [
    ("", ("2 May 2026", "What changed: Summary of v3", "What will change: Summary of v4")),
    ("ro/", ("2 mai 2026", "Ce s-a schimbat: Rezumatul v3", "Ce se va schimba: Rezumatul v4")),
])
def test_current_notice_says_what_changed_and_announces_the_next(example, root, words):
    soup = built(example, root)
    since, changed, coming = words
    banner = soup.select_one(".notice-banner--current")
    assert "Version v3" in text(banner).replace("Versiunea", "Version") and since in text(banner)
    assert changed in text(banner)
    assert [a["href"] for a in banner.select("a")][:2] == ["versions/v3/changes/", "history/"]
    upcoming = soup.select_one(".notice-banner--upcoming")
    assert "Version v4" in text(upcoming).replace("Versiunea", "Version") and coming in text(upcoming)
    links = [a["href"] for a in upcoming.select("a")]
    assert links == ["versions/v4/", "versions/v4/changes/", "history/"]
    # The site's words, never inside the company's text.
    assert not soup.select("[data-notice-body] .notice-banner")
    body = text(article(soup))
    assert ("two years" in body or "doi ani" in body) and "one year" not in body  # v4 is not in force yet


@pytest.mark.parametrize("version,status,words", [
    ("v1", "superseded", "Not in force since: 15 April 2026"),
    ("v2", "superseded", "Not in force since: 2 May 2026"),
    ("v3", "in_force", "In force"),
    ("v4", "upcoming", "Takes effect on: 10 January 2027"),
])
def test_each_version_has_a_permanent_page_with_its_status(example, version, status, words):
    soup = built(example, f"versions/{version}")
    banner = soup.select_one(f".notice-banner--{status}")
    assert banner is not None and words in text(banner)
    assert f"https://example.com/versions/{version}/" in text(banner)
    if status != "in_force":
        assert banner.select_one("a[href='../../']").get_text() == "See the version in force"


def test_archived_versions_keep_their_own_text(example):
    assert "two years" in text(article(built(example, "versions/v3")))
    assert "one year" in text(article(built(example, "versions/v4")))
    assert "payment processor" not in text(article(built(example, "versions/v1")))
    assert "payment processor" in text(article(built(example, "versions/v2")))


def changes(example, version, lang=""):
    soup = built(example, f"{lang}versions/{version}/changes")
    changed = [section["id"].removeprefix("clause-") for section in soup.select("section.notice-clause")]
    inserted = [el.get_text() for el in soup.select("section.notice-clause .notice-view--inline ins")]
    deleted = [el.get_text() for el in soup.select("section.notice-clause .notice-view--inline del")]
    return soup, changed, inserted, deleted


def test_changes_highlight_only_what_changed(example):
    soup, changed, inserted, deleted = changes(example, "v2")
    assert changed == ["recipients"]
    assert [a["href"] for a in soup.select(".notice-diff__summary a")] == ["#clause-recipients"]
    assert "".join(inserted).strip() == ("Our payment processor in the United States receives your name, "
                                         "under standard contractual clauses.")
    assert deleted == []
    assert len(soup.select("details.notice-clause--unchanged")) == 5
    assert not soup.select("details.notice-clause--unchanged ins, details.notice-clause--unchanged del")

    _, changed, inserted, deleted = changes(example, "v4")
    assert changed == ["retention"]
    assert [w.strip() for w in deleted] == ["two", "years"] and [w.strip() for w in inserted] == ["one", "year"]

    _, changed, inserted, deleted = changes(example, "v3", "ro/")
    assert changed == ["rights"]
    assert [w.strip() for w in deleted] == ["cere"] and [w.strip() for w in inserted] == ["solicita"]


def test_changes_side_by_side(example):
    soup, *_ = changes(example, "v4")
    before, after = soup.select("#clause-retention .notice-view--sides .notice-clause__text")
    assert [d.get_text().strip() for d in before.select("del")] == ["two", "years"] and not before.select("ins")
    assert [i.get_text().strip() for i in after.select("ins")] == ["one", "year"] and not after.select("del")


@pytest.mark.parametrize("url,other", [("history", "ro/history/"), ("versions/v2", "ro/versions/v2/"),
                                       ("versions/v2/changes", "ro/versions/v2/changes/"), ("compare", "ro/compare/")])
def test_language_switcher_leads_to_the_same_page(example, url, other):
    import posixpath
    soup = built(example, url)
    href = soup.select_one("a.md-select__link[hreflang=ro]")["href"]
    assert posixpath.normpath(posixpath.join("/" + url + "/", href)) + "/" == "/" + other
    back = built(example, other.rstrip("/")).select_one("a.md-select__link[hreflang=en]")["href"]
    assert posixpath.normpath(posixpath.join("/" + other, back)).rstrip("/") + "/" == "/" + url + "/"
    assert built(example, other.rstrip("/")).html["lang"] == "ro"


def test_a_title_or_name_edit_reaches_readers_only_with_the_next_release(released):
    notice = released / "docs" / SITE / "en" / "index.md"
    edit(notice, "title: Privacy notice", "title: Our new title")
    for data in ("company.yml", "gdpr.yml"):  # the GDPR index quotes the name as the text gives it
        path = released / "companies" / SITE / data
        path.write_text(path.read_text(encoding="utf-8").replace("Example Privacy Ltd", "Renamed Privacy Ltd"),
                        encoding="utf-8")
    result = check(released, SITE)
    assert result.returncode == 0, result.stdout
    assert (f"docs/{SITE}/en/index.md:2: warning: this title differs from the title of the latest released version "
            "'v4' ('Privacy notice'): readers see it only after `notices release example-privacy`") in result.stdout
    assert (f"companies/{SITE}/company.yml:2: warning: what the site shows around the 'en' text changed since the "
            "latest released version 'v4' (name was: Example Privacy Ltd (fictional example)): readers see the change "
            "only after `notices release example-privacy`") in result.stdout
    assert run_build(released, released / "site", SITE, as_of="2027-02-01").returncode == 0
    assert page(released / "site", SITE).title.get_text() == "Privacy notice - Example Privacy Ltd (fictional example)"
    assert not [p for p in (released / "site").rglob("*.html")
                if "Our new title" in p.read_text(encoding="utf-8") or "Renamed" in p.read_text(encoding="utf-8")]
    done = release(released, SITE, "--editorial", "--published", "2027-02-01", "--summary", "en=New title",
                   "--summary", "ro=Titlu nou", "--translation-current", "ro")
    assert done.returncode == 0, done.stdout + done.stderr
    record = yaml.safe_load((released / "companies" / SITE / "versions.yml").read_text(encoding="utf-8"))
    assert record[-1]["title"] == {"en": "Our new title", "ro": "Notă de informare"}
    assert [entry["title"]["en"] for entry in record[:-1]] == ["Privacy notice"] * 4
    assert record[-1]["facts"]["en"] == {"name": "Renamed Privacy Ltd (fictional example)"}


@pytest.mark.parametrize("company,root,version", [("impro-media", "", "Versiunea"), ("impro-celojumi", "", "Versija"),
                                                  ("impro-celojumi", "en/", "Version")])
def test_archived_pages_are_titled_as_the_notice_on_every_site(site, company, root, version):
    notice, archived = page(site, company, root), page(site, company, f"{root}versions/v1")
    # The version in force on the build day is v1: its page has the notice page's heading and title.
    assert text(archived.select_one("article h1")) == text(notice.select_one("article h1"))
    title = notice.title.get_text().rsplit(" - ", 1)
    assert archived.title.get_text() == f"{title[0]} ({version} v1) - {title[1]}"


@pytest.mark.parametrize("root,words", [("", "feed reader"), ("ro/", "cititor de fluxuri")])
def test_a_page_explains_how_to_follow_changes_with_the_feed_address(example, root, words):
    follow = built(example, f"{root}follow")
    assert words in text(article(follow))
    assert follow.select_one(".notice-follow__address").get_text() == f"https://example.com/{root}feed.xml"
    assert not follow.select("a[href$='feed.xml']")  # the feed is for feed readers, not a page to open
    assert follow.select_one("article a[href='../history/']")
    history = built(example, f"{root}history")
    assert history.select_one("article a[href='../follow/']") and not history.select("article a[href$='feed.xml']")
    assert built(example, root).select_one("nav a[href='follow/']")


def test_a_notice_without_front_matter_is_titled_by_its_first_heading(released):
    notice = released / "docs" / SITE / "en" / "index.md"
    edit(notice, "---\ntitle: Privacy notice\n---\n", "")
    result = check(released, SITE)
    assert result.returncode == 0, result.stdout
    assert "this title differs" not in result.stdout


SITES = {"impro-media": ("https://impromedia.ro/", "ro"), "impro-celojumi": ("https://impro.lv/", "lv")}


def index_rows(site, company, lang_root=""):
    soup = page(site, company, f"{lang_root}gdpr")
    return soup, soup.select(".notice-gdpr__row")


@pytest.mark.parametrize("company", SITES)
@pytest.mark.parametrize("lang_root", ["", "en/"])
def test_gdpr_index_lists_every_element_once_with_its_evidence(site, company, lang_root):
    soup, rows = index_rows(site, company, lang_root)
    frozen = json.loads((site / company / "versions" / "v1" / "gdpr.json").read_text(encoding="utf-8"))
    lang = lang_root.rstrip("/") or SITES[company][1]
    assert [row["id"] for row in rows] == list(ELEMENT_KEYS)
    notice = page(site, company, lang_root.rstrip("/"))
    body = text(notice.select_one("[data-notice-body]"))
    for row, element in zip(rows, frozen["elements"], strict=True):
        assert f"notice-gdpr__row--{element['status']}" in row["class"]
        assert element["name"][lang] in row.get_text()
        quotes = row.select("blockquote")
        assert len(quotes) == len(element["quotes"])
        if element["status"] in ("stated", "partly"):
            assert quotes, element["key"]
        for quote, source in zip(quotes, element["quotes"], strict=True):
            shown = " ".join(quote.get_text().split())
            assert quote["lang"] == lang and shown in body
            link = quote.find_parent("figure").select_one(".notice-gdpr__source a")["href"]
            assert link.endswith("#" + source["clause"]) and notice.find(id=source["clause"]) is not None
        missing = row.select_one(".notice-gdpr__missing")
        assert (missing is not None) == (element["status"] == "partly")
        if missing is not None:
            assert element["missing"][lang] in missing.get_text()
    # The introduction claims no more than the rows show: how many elements have each status.
    counts = text(soup.select_one(".notice-gdpr__counts"))
    for status in ("stated", "partly", "not_stated"):
        number = sum(1 for element in frozen["elements"] if element["status"] == status)
        assert f": {number}" in counts


# What the texts do not support is never shown as stated (the rows the issue of 2026-12 found wrong).
UNSUPPORTED = {"impro-celojumi": {"third-country-transfers": "partly", "retention": "partly",
                                  "legal-basis": "partly", "complaint-supervisory-authority": "not_stated",
                                  "right-portability": "not_stated", "right-object": "not_stated"},
               "impro-media": {"third-country-transfers": "partly", "retention": "partly", "legal-basis": "partly",
                               "dpo-contact": "not_stated", "statutory-or-contractual-requirement": "partly"}}


@pytest.mark.parametrize("company", SITES)
def test_gdpr_index_does_not_claim_what_the_text_does_not_say(site, company):
    _, rows = index_rows(site, company)
    statuses = {row["id"]: row["class"][-1].rsplit("--", 1)[1] for row in rows}
    for key, status in UNSUPPORTED[company].items():
        assert statuses[key] == status, key




def test_history_gives_an_upcoming_version_its_date_once(example):
    from conftest import page, text

    history = page(example / "site", SITE, "history")
    upcoming = text(history.select_one("#v4"))
    assert upcoming.count("10 January 2027") == 1
    assert "Takes effect on: 10 January 2027" in upcoming and "In force from" not in upcoming
    assert "In force from:2 May 2026" in text(history.select_one("#v3"))
    banner = text(page(example / "site", SITE, "versions/v4").select_one(".notice-banner--upcoming"))
    assert banner.count("10 January 2027") == 1
