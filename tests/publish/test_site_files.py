"""The publish stage makes every file the site carries beside its pages, and the build publishes exactly those."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import BUILD_DAY, run_build, with_example

from notices.checks.all import check_company
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
