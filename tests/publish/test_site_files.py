"""The publish stage makes every file the site carries beside its pages, and the build publishes exactly those."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import (
    BUILD_DAY,
    page,
    run_build,
    text,
    with_example,
)

from notices.checks.all import check_company
from notices.model.gdpr import ELEMENT_KEYS
from notices.publish.publication import Publication
from notices.publish.site_files import site_files
from notices.sources.layout import Layout
from notices.sources.load import load_site

COMPANY = "example-privacy"
ATOM = "{http://www.w3.org/2005/Atom}"


def publications(root: Path) -> dict[str, Publication]:
    """The example's publication in each of its languages, in-process, as on the build day."""
    layout = Layout(root)
    site = load_site(layout.company_dir(COMPANY), layout.docs_dir(COMPANY), layout.snippets_dir, root)
    checked = check_company(site)
    today = dt.date.fromisoformat(BUILD_DAY)
    return {lang: Publication(site, checked.versions, lang, today, checked.coverage)
            for lang in site.company.languages}


def test_each_file_is_made_once_and_published_as_made(example):
    made = {lang: site_files(publication, "https://example.com/") for lang, publication in publications(example).items()}
    paths = [file.path for files in made.values() for file in files]
    assert len(paths) == len(set(paths)), "a file is made by two language passes"
    assert {"robots.txt", "versions.json", "feed.xml", "ro/feed.xml", "versions/v4/ro.json", "versions/v4/en.json",
            "versions/v1/ro.md", "versions/v1/en.md"} <= set(paths)
    # The files of the whole site come with the original language (English in the example).
    assert {file.path for file in made["ro"]} == {"ro/feed.xml", *(f"versions/v{n}/ro.json" for n in range(1, 5))}
    built = example / "site" / COMPANY
    for files in made.values():
        for file in files:
            assert (built / file.path).read_bytes() == file.content.encode("utf-8"), file.path
    # The archive copies are the frozen texts, byte for byte, so that their SHA-256 can be checked.
    archived = example / "companies" / COMPANY / "versions" / "v2" / "en.md"
    assert (built / "versions" / "v2" / "en.md").read_bytes() == archived.read_bytes()


def test_feed_is_escaped_by_its_own_templates(example):
    publication = publications(example)["ro"]
    publication.labels = {**publication.labels, "feed": "Changes <b>& news</b>"}
    feed = next(f for f in site_files(publication, "https://example.org/?a=1&b=<2>/") if f.path == "ro/feed.xml")
    root = ET.fromstring(feed.content)
    assert root.find(f"{ATOM}subtitle").text == "Changes <b>& news</b>"
    assert root.find(f"{ATOM}id").text == "https://example.org/?a=1&b=<2>/ro/feed.xml"
    assert [entry.find(f"{ATOM}title").text.split(" — ")[0] for entry in root.findall(f"{ATOM}entry")] == [
        f"{publication.labels['version']} v{n}" for n in (4, 3, 2, 1)]


def test_the_feed_stays_well_formed_whatever_a_label_or_summary_holds(example):
    publication = publications(example)["en"]
    publication.labels = {**publication.labels, "feed": "News \x01\x0b\ufffe end"}
    feed = next(f for f in site_files(publication, "https://example.org/") if f.path == "feed.xml")
    assert ET.fromstring(feed.content).find(f"{ATOM}subtitle").text == "News \ufffd\ufffd\ufffd end"


def test_an_editors_page_cannot_take_a_generated_pages_name(tmp_path):
    root = with_example(tmp_path / "project")
    for lang in ("en", "ro"):
        (root / "docs" / COMPANY / lang / "history.md").write_text("# History {#history}\n", encoding="utf-8")
    result = run_build(root, tmp_path / "site", COMPANY, as_of=BUILD_DAY)
    assert result.returncode != 0
    assert "docs/example-privacy/en/history.md:1: the build makes this page from versions.yml" in result.output, result.output
    assert "Traceback" not in result.output


SITE = "example-privacy"


def built(example, url=""):
    return page(example / "site", SITE, url)


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


SITES = {"impro-media": ("https://impromedia.ro/", "ro"), "impro-celojumi": ("https://impro.lv/", "lv")}


@pytest.mark.parametrize("company", SITES)
def test_sitemap_robots_and_canonical_urls(site, company):
    base, original = SITES[company]
    robots = (site / company / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / company / "sitemap.xml").getroot()
    locations = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    for path in ["", "history/", "compare/", "gdpr/", "versions/v1/", "en/", "en/history/", "en/versions/v1/"]:
        assert base + path in locations
    for url in root.findall("s:url", ns):
        hreflangs = {link.get("hreflang") for link in url.findall("x:link", ns)}
        assert hreflangs == {original, "en"}
    for path in ["", "history/", "en/versions/v1/"]:
        assert page(site, company, path.rstrip("/")).select_one("link[rel=canonical]")["href"] == base + path


def test_every_version_publishes_its_frozen_gdpr_index_and_each_quote_is_in_its_text(example):
    built = example / "site" / "example-privacy"
    listed = json.loads((built / "versions.json").read_text(encoding="utf-8"))["versions"]
    assert [v["id"] for v in listed] == ["v1", "v2", "v3", "v4"]
    statuses = []
    for version in listed:
        published = built / "versions" / version["id"] / "gdpr.json"
        frozen = example / "companies" / "example-privacy" / "versions" / version["id"] / "gdpr.json"
        assert published.read_bytes() == frozen.read_bytes()  # as frozen at release
        assert version["gdpr"] == f"https://example.com/versions/{version['id']}/gdpr.json"
        assert version["gdpr_sha256"] == hashlib.sha256(published.read_bytes()).hexdigest()
        index = json.loads(published.read_text(encoding="utf-8"))
        assert [e["key"] for e in index["elements"]] == list(ELEMENT_KEYS) and index["version"] == version["id"]
        for lang, root in (("en", ""), ("ro", "ro/")):
            body = text(page(example / "site", "example-privacy", f"{root}versions/{version['id']}")
                        .select_one("[data-notice-body]"))
            for element in index["elements"]:
                for quote in element["quotes"]:
                    if lang in quote["text"]:
                        assert " ".join(quote["text"][lang].split()) in body, (version["id"], element["key"])
        statuses.append({e["key"]: e["status"] for e in index["elements"]}["third-country-transfers"])
    # Each version's index describes that version: v2 added the transfer to the United States.
    assert statuses == ["not_applicable", "partly", "partly", "partly"]
