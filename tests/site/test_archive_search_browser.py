"""Earlier versions are searched only where the reader asks: from the history page, in a real browser."""

from __future__ import annotations

import pytest
from conftest import serve

# What a browser or the HTML checker sees of built sites: no project code runs in these tests' bodies, so
# coverage is not traced there (tracing slows the browser driver's Python by a third). Fixtures still count.
pytestmark = pytest.mark.untraced

SITE = "example-privacy"


@pytest.fixture(scope="module")
def example_url(example):
    server, url = serve(example / "site" / SITE)
    yield url
    server.shutdown()


def archive_search(reader, url, query):
    reader.goto(url)
    reader.fill("#notice-archive-query", query)
    reader.wait_for_selector(".notice-archive-search__status:not(:empty)")
    links = reader.eval_on_selector_all(".notice-archive-search__results a", "els => els.map(e => e.href)")
    return reader.inner_text(".notice-archive-search__status"), links


def test_words_of_earlier_versions_are_found_newest_first_without_diacritics(reader, example_url):
    # v1 to v3 keep the data "doi ani"; v4 changed it to "un an".
    status, links = archive_search(reader, example_url + "ro/history/", "pastram doi ani")
    assert [link.removeprefix(example_url) for link in links] == [
        "ro/versions/v3/#retention", "ro/versions/v2/#retention", "ro/versions/v1/#retention"]
    assert status.endswith(": 3")
    reader.click(".notice-archive-search__results a")
    reader.wait_for_url("**/ro/versions/v3/#retention")
    assert "doi ani" in reader.inner_text("[data-notice-body]")


def test_a_word_in_no_version_says_so(reader, example_url):
    status, links = archive_search(reader, example_url + "history/", "zebra")
    assert links == [] and status == "No clause of any version contains these words."


def test_the_search_loads_nothing_until_the_reader_types(reader, example_url):
    reader.goto(example_url + "history/", wait_until="networkidle")
    assert not [url for url in reader.requests if url.endswith(".json")]
    reader.fill("#notice-archive-query", "years")
    reader.wait_for_selector(".notice-archive-search__results a")
    fetched = sorted(url.removeprefix(example_url) for url in reader.requests if url.endswith(".json"))
    assert fetched == [f"versions/v{n}/en.json" for n in range(1, 5)]
