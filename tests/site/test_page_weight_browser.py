"""What a reader's browser loads for the page in force does not grow with the notice's history."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import BUILD_DAY, BUILD_DAY_EPOCH, run_build, serve, shared, with_example

from notices.release.freeze import release
from notices.sources.layout import Layout
from notices.sources.load import load_site

# What a browser or the HTML checker sees of built sites: no project code runs in these tests' bodies, so
# coverage is not traced there (tracing slows the browser driver's Python by a third). Fixtures still count.
pytestmark = pytest.mark.untraced

SITE = "example-privacy"
RETENTION = {"en": "We keep your data for two years after our last contact.",
             "ro": "Păstrăm datele timp de doi ani de la ultimul contact."}


def released(root, count: int):
    """The example released `count` times; the last version's text is the first one's again."""
    layout = Layout(root)
    day = dt.date(2025, 1, 1)
    for number in range(1, count + 1):
        for lang, sentence in RETENTION.items():
            path = root / "docs" / SITE / lang / "index.md"
            text = re.sub(r"translates: \S+", f"translates: v{number}", path.read_text(encoding="utf-8"))
            text = re.sub(r"(We keep your data|Păstrăm datele) [^\n]*", sentence, text)
            if 1 < number < count or number == count == 2:
                text = text.replace(sentence, sentence.replace(".", f" ({number}).", 1))
            path.write_text(text, encoding="utf-8")
        site = load_site(layout.company_dir(SITE), layout.docs_dir(SITE), layout.snippets_dir, root)
        release(site, change="editorial", summaries={"en": f"Change {number}", "ro": f"Modificarea {number}"},
                effective=day, published=day)
        day += dt.timedelta(days=7)
    result = run_build(root, root / "site", SITE, as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
    assert result.returncode == 0, result.output
    return root / "site" / SITE


COUNTS = (1, 20)


def _both_histories(folder):
    for count in COUNTS:
        released(with_example(folder / str(count) / "project"), count)


@pytest.fixture(scope="module")
def histories(tmp_path_factory):
    """The example's site with 1 and with 20 versions, built once for the whole run."""
    folder = shared(tmp_path_factory, "weight", _both_histories)
    return {count: folder / str(count) / "project" / "site" / SITE for count in COUNTS}


def cold_load(browser, folder, path):
    """(url path, bytes) of every response of a cold visit, in a fresh browser context."""
    server, url = serve(folder)
    context = browser.new_context()
    tab = context.new_page()
    responses = []
    tab.on("response", lambda response: responses.append(response))
    try:
        # Until nothing has been fetched for half a second: a request made after the page loads counts too.
        tab.goto(url + path, wait_until="networkidle")
        return sorted((r.url.removeprefix(url), len(r.body())) for r in responses)
    finally:
        context.close()
        server.shutdown()


@pytest.mark.parametrize("path", ["", "ro/"])
def test_the_page_in_force_weighs_the_same_with_1_and_20_versions(browser, histories, path):
    one, twenty = (cold_load(browser, histories[n], path) for n in (1, 20))
    assert [url for url, _ in one] == [url for url, _ in twenty]
    assert not any("sitemap" in url or "versions/" in url for url, _ in one)
    # The search index and lunr's language files wait until the reader opens the search; the
    # notice's own style and script are inside the page.
    assert not any(name in url for url, _ in one for name in ("search_index", "lunr", "notice", ".png"))
    assert len(one) <= 5, one
    sizes = {url: (a, b) for (url, a), (_, b) in zip(one, twenty, strict=False)}
    page = sizes.pop(path)
    # Only the page's own lines about its version differ ("v20", its dates, the history link).
    assert abs(page[0] - page[1]) < 200, page
    assert all(a == b for a, b in sizes.values()), sizes


def test_the_comparison_page_does_not_carry_the_versions(histories):
    one, twenty = ((histories[n] / "compare" / "index.html").stat().st_size for n in (1, 20))
    # 19 more entries in the two version lists, and nothing of their texts.
    assert twenty - one < 19 * 2 * 400, (one, twenty)
    assert (histories[20] / "versions" / "v7" / "ro.json").is_file()


def test_the_comparison_transfers_its_one_version_page_and_the_two_texts_whatever_the_history(browser, histories):
    one = dict(cold_load(browser, histories[1], "compare/"))
    twenty = dict(cold_load(browser, histories[20], "compare/?from=v1&to=v20"))
    texts = sum((histories[20] / "versions" / v / "en.json").stat().st_size for v in ("v1", "v20"))
    assert sum(twenty.values()) <= sum(one.values()) + texts + 60 * 1024, (one, twenty)
    assert sorted(url for url in twenty if url.endswith(".json")) == ["versions/v1/en.json", "versions/v20/en.json"]
    # With one version there is nothing to compare, and the page says so in its language.
    assert not [url for url in one if url.endswith(".json")]
    for root, words in (("", "Only one version"), ("ro/", "o singură versiune")):
        served = (histories[1] / root / "compare" / "index.html").read_text(encoding="utf-8")
        assert words in served and "<select" not in served
