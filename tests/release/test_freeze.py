"""Versions: history, archive, banners, comparisons, feed and versions.json, on the example company."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import article, check, edit, page, release, run_build, text

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


def test_feed_and_versions_json_agree_with_the_registry(example):
    registry = yaml.safe_load((example / "companies" / SITE / "versions.yml").read_text(encoding="utf-8"))
    document = json.loads((example / "site" / SITE / "versions.json").read_text(encoding="utf-8"))
    assert [v["id"] for v in document["versions"]] == [v["id"] for v in registry] == ["v1", "v2", "v3", "v4"]
    for entry, record in zip(document["versions"], registry, strict=True):
        assert entry["effective"] == record["effective"].isoformat()
        assert entry["sha256"] == record["sha256"]
        assert entry["material"] == (record["change"] == "material")
        for lang in ("en", "ro"):
            published = example / "site" / SITE / "versions" / entry["id"] / f"{lang}.md"
            assert hashlib.sha256(published.read_bytes()).hexdigest() == entry["sha256"][lang]
            assert entry["urls"][lang] == f"https://example.com/{'' if lang == 'en' else 'ro/'}versions/{entry['id']}/"
    assert [v["superseded"] for v in document["versions"]] == ["2026-04-15", "2026-05-02", "2027-01-10", None]

    atom = "{http://www.w3.org/2005/Atom}"
    for feed_path, lang in [("feed.xml", "en"), ("ro/feed.xml", "ro")]:
        feed = ET.parse(example / "site" / SITE / feed_path).getroot()
        entries = feed.findall(f"{atom}entry")
        assert [e.find(f"{atom}id").text for e in entries] == [
            f"https://example.com/{'' if lang == 'en' else 'ro/'}versions/{v}/" for v in ("v4", "v3", "v2", "v1")]
        assert entries[0].find(f"{atom}category").get("term") == "material"
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert built(example).select_one("link[type='application/atom+xml']")["href"] == "feed.xml"


def test_check_fails_when_an_archived_text_is_altered(released):
    edit(released / "companies" / SITE / "versions" / "v2" / "en.md", "payment processor", "payment provider")
    result = check(released)
    assert result.returncode == 1
    assert ("companies/example-privacy/versions/v2/en.md:1: archived text altered: its SHA-256 no longer matches "
            "companies/example-privacy/versions.yml (version 'v2'); restore it from git, never edit it") in result.stdout
    assert run_build(released, released / "site", SITE).returncode == 1


def test_check_fails_when_a_version_is_removed_or_re_dated(released):
    (released / "companies" / SITE / "versions" / "v1" / "ro.md").unlink()
    edit(released / "companies" / SITE / "versions.yml", "effective: 2026-04-15", "effective: 2026-04-01")
    result = check(released)
    assert result.returncode == 1
    assert ("the archived text of 'v1' in 'ro' (companies/example-privacy/versions/v1/ro.md) was removed: "
            "restore it from git") in result.stdout
    assert "version 'v2' was re-dated: companies/example-privacy/versions.yml moves its effective 2026-04-15 to 2026-04-01" in result.stdout


def test_check_fails_when_a_released_version_disappears_from_git_history(released):
    subprocess.run(["git", "init", "-q"], cwd=released, check=True)
    subprocess.run(["git", "add", "-A"], cwd=released, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "x"],
                   cwd=released, check=True)
    registry = released / "companies" / SITE / "versions.yml"
    entries = yaml.safe_load(registry.read_text(encoding="utf-8"))
    registry.write_text(yaml.safe_dump(entries[:-1], sort_keys=False, allow_unicode=True), encoding="utf-8")
    shutil.rmtree(released / "companies" / SITE / "versions" / "v4")
    result = check(released)
    assert result.returncode == 1  # consistent on its own, but not with the git history...
    assert re.search(r"^companies/example-privacy/versions.yml:\d+: version 'v4' released in [0-9a-f]{7} "
                     r"\(\d{4}-\d\d-\d\d\) was removed", result.stdout, re.MULTILINE), result.stdout
    result = check(released, "--against", "HEAD")
    assert result.returncode == 1  # ...nor with a ref named
    assert "version 'v4' released in HEAD was removed" in result.stdout


def test_edits_to_snippets_and_facts_leave_archived_versions_byte_identical(released):
    site = released / "site"
    assert run_build(released, site, SITE).returncode == 0
    archive = sorted((released / "companies" / SITE / "versions").rglob("*.md"))
    before = {p: p.read_bytes() for p in archive}
    pages_before = {v: text(article(page(site, SITE, f"versions/{v}"))) for v in ("v1", "v2")}

    edit(released / "companies" / SITE / "company.yml", "privacy@example.com", "dpo@example.com")
    assert run_build(released, site, SITE).returncode == 0

    assert {p: p.read_bytes() for p in archive} == before
    for version, content in pages_before.items():
        archived = text(article(page(site, SITE, f"versions/{version}")))
        assert archived == content
        assert "privacy@example.com" in archived and "dpo@example.com" not in archived
    assert check(released).returncode == 0
    assert "differs from the latest released version 'v4'" in check(released).stdout

    # The change reaches readers when it is released.
    result = release(released, SITE, "--editorial", "--summary", "en=New privacy address",
                     "--summary", "ro=Adresă nouă", "--published", "2026-11-21", "--effective", "2027-01-11")
    assert result.returncode == 0, result.stderr
    assert run_build(released, site, SITE, as_of="2027-01-12").returncode == 0
    current = text(article(page(site, SITE)))
    assert "dpo@example.com" in current
    # A fact that reached every language alike never marks the translation as behind.
    translated = page(site, SITE, "ro")
    assert "dpo@example.com" in text(article(translated))
    assert not translated.select(".notice-site-note ul")


@pytest.mark.parametrize("args,message", [
    (["--editorial", "--summary", "en=Typo"],
     "argument --summary: a change summary is required in every language; missing: ro (add --summary ro=\"...\")"),
    (["--material", "--summary", "en=x", "--summary", "ro=y", "--published", "2026-12-20", "--effective", "2027-01-15"],
     "argument --effective: a material change must be published at least 30 days before it takes effect (effective "
     "2027-01-15, published 2026-12-20); choose --effective 2027-01-19 or later, or give --override-notice \"why\""),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--published", "2026-11-22", "--effective",
      "2026-12-01"], "argument --effective: effective date 2026-12-01 is not after v4's effective date 2027-01-10: "
                     "v4 was in force from that day and stays so; take effect after it"),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--published", "2027-01-10", "--as-of", "2027-01-10"],
     "argument --effective: effective date 2027-01-10 is not after v4's effective date 2027-01-10"),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--published", "2027-01-11", "--effective",
      "2027-01-12", "--as-of", "2027-01-13"],
     "argument --effective: effective date 2027-01-12 is before the release day (2027-01-13): until today readers "
     "were shown v4; take effect on 2027-01-13 or later"),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--published", "9999-12-31", "--as-of", "2027-01-20"],
     "argument --published: publication date 9999-12-31 is more than 31 days after the release day (2027-01-20): "
     "publish it on 2027-01-20"),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--effective", "9999-12-31"],
     "argument --effective: effective date 9999-12-31 is more than 731 days after the release day"),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--id", "v" * 301], "argument --id: version id 'vvvvv"),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--id", "v5\n"], "argument --id: version id 'v5\\n' must be"),
    (["--editorial", "--summary", "en=x\x0b", "--summary", "ro=y\u202e"],
     "argument --summary: the summaries and the reason are shown as written: --summary en: U+000B (a control "
     "character) is invisible to readers: remove it; --summary ro: U+202E (RIGHT-TO-LEFT OVERRIDE) reorders"),
    (["--summary", "en=x", "--summary", "ro=y", "--published", "2026-11-22", "--effective", "2027-02-01"],
     "argument --material/--editorial: say whether the change is material"),
])
def test_a_release_refused_for_its_options_names_the_option(released, args, message):
    edit(released / "docs" / SITE / "en" / "index.md", "We use your name", "We use your full name")
    result = release(released, SITE, *args)
    assert result.returncode == 2
    assert result.stderr.startswith(f"notices release: error: {message}"), result.stderr
    assert "versions.yml:1" not in result.stderr
    assert "Traceback" not in result.stderr
    assert len(yaml.safe_load((released / "companies" / SITE / "versions.yml").read_text())) == 4


def test_release_with_notice_override_records_why(released):
    edit(released / "docs" / SITE / "en" / "index.md", "We use your name", "We use your full name")
    result = release(released, SITE, "--material", "--summary", "en=x", "--summary", "ro=y",
                     "--published", "2026-11-22", "--effective", "2027-01-11",
                     "--override-notice", "Required by a court order of 2026-11-21", "--translation-current", "ro")
    assert result.returncode == 0, result.stderr
    entry = yaml.safe_load((released / "companies" / SITE / "versions.yml").read_text())[-1]
    assert entry["notice_override"] == "Required by a court order of 2026-11-21" and entry["id"] == "v5"


def test_release_refuses_when_nothing_changed(released):
    result = release(released, SITE, "--editorial", "--summary", "en=x", "--summary", "ro=y",
                     "--published", "2026-11-22", "--effective", "2027-01-11")
    assert result.returncode == 1
    assert "the text, title and facts shown have not changed since v4: nothing to release" in result.stderr


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
