"""The any-two comparison, in a real browser: served, shared by its address, and offline from a saved copy."""

from __future__ import annotations

import pytest

# What a browser or the HTML checker sees of built sites: no project code runs in these tests' bodies, so
# coverage is not traced there (tracing slows the browser driver's Python by a third). Fixtures still count.
pytestmark = pytest.mark.untraced

SITE = "example-privacy"


def changed_clauses(reader):
    return reader.eval_on_selector_all("#notice-compare-result section.notice-clause", "els => els.map(e => e.id)")


def test_any_two_versions_from_a_shared_address(reader, example_url):
    reader.goto(example_url + "compare/?from=v1&to=v4")
    reader.wait_for_selector("#notice-compare-result section.notice-clause")
    assert changed_clauses(reader) == ["clause-recipients", "clause-retention", "clause-rights"]
    inserted = reader.eval_on_selector_all("#clause-retention .notice-view--inline ins", "els => els.map(e => e.textContent)")
    deleted = reader.eval_on_selector_all("#clause-retention .notice-view--inline del", "els => els.map(e => e.textContent)")
    assert [w.strip() for w in inserted] == ["one", "year"] and [w.strip() for w in deleted] == ["two", "years"]
    assert reader.eval_on_selector_all("details.notice-clause--unchanged ins", "els => els.length") == 0
    assert reader.input_value("#notice-from") == "v1" and reader.input_value("#notice-to") == "v4"


def test_choosing_versions_gives_a_new_shareable_address(reader, example_url):
    reader.goto(example_url + "ro/compare/")
    reader.wait_for_selector("#notice-compare-result h2")
    reader.select_option("#notice-from", "v2")
    reader.select_option("#notice-to", "v3")
    reader.click("#notice-compare-form button[type=submit]")
    reader.wait_for_url("**/ro/compare/?from=v2&to=v3")
    # The view changes in place (nothing is submitted): wait for the new pair's clauses.
    reader.wait_for_function("""() => Array.from(document.querySelectorAll(
        '#notice-compare-result section.notice-clause')).map(e => e.id).join() === 'clause-rights'""")
    assert changed_clauses(reader) == ["clause-rights"]
    assert "Modificată" in reader.inner_text("#notice-compare-result")


def test_side_by_side_view(reader, example_url):
    reader.goto(example_url + "compare/?from=v3&to=v4")
    reader.wait_for_selector("#clause-retention")
    assert not reader.is_visible("#clause-retention .notice-view--sides")
    reader.check("#notice-view-sides")
    assert reader.is_visible("#clause-retention .notice-view--sides")
    assert not reader.is_visible("#clause-retention .notice-view--inline")


def test_editorial_versions_can_be_hidden(reader, example_url):
    reader.goto(example_url + "compare/?material=1")
    hidden = reader.eval_on_selector_all("#notice-from option", "els => els.filter(e => e.hidden).map(e => e.value)")
    assert hidden == ["v3"]


def test_a_saved_copy_opened_as_a_file_says_what_to_do(reader, example):
    path = example / "site" / SITE / "compare" / "index.html"
    reader.goto(path.as_uri() + "?from=v1&to=v2")
    reader.wait_for_selector("#notice-compare-offline", state="visible")
    message = reader.inner_text("#notice-compare-offline")
    # Said to a reader: where to read it instead, nothing about servers or commands.
    assert "on the web" in message and "changes" in message
    assert not any(word in message for word in ("python", "http.server", "server", "folder"))
    links = reader.eval_on_selector_all("#notice-compare-offline a", "els => els.map(a => a.getAttribute('href'))")
    assert links == ["https://example.com/compare/", "../history/"]
    assert changed_clauses(reader) == []
    assert "http.server" not in (example / "site" / SITE / "history" / "index.html").read_text(encoding="utf-8")


def test_the_comparison_explains_what_it_cannot_compare(reader, example_url):
    reader.goto(example_url + "compare/?from=v1&to=v9")
    reader.wait_for_selector("#notice-compare-message", state="visible")
    assert "no version v9" in reader.inner_text("#notice-compare-message")
    # The selectors do not claim a version that was not chosen, and nothing is fetched or shown.
    assert reader.input_value("#notice-from") == "v1" and reader.input_value("#notice-to") == ""
    assert changed_clauses(reader) == [] and not [url for url in reader.requests if url.endswith(".json")]
    reader.goto(example_url + "ro/compare/?from=v2&to=v2")
    reader.wait_for_selector("#notice-compare-message", state="visible")
    assert "aceeași versiune" in reader.inner_text("#notice-compare-message")
    assert reader.eval_on_selector_all("#notice-compare-result .notice-clause", "els => els.length") == 0


def test_the_pair_is_kept_across_languages_and_the_controls_fit_a_finger(reader, example_url):
    reader.set_viewport_size({"width": 390, "height": 800})
    reader.goto(example_url + "compare/?from=v1&to=v3")
    reader.wait_for_selector("#notice-compare-result section.notice-clause")
    controls = reader.eval_on_selector_all("article :is(select, input, button)", """els => els.map(e =>
        [e.id || e.type, e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).fontSize)])""")
    assert controls and all(height >= 24 and size >= 16 for _, height, size in controls), controls
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390
    reader.hover(".md-select")
    reader.click("a.md-select__link[hreflang=ro]")
    reader.wait_for_url("**/ro/compare/?from=v1&to=v3")
    reader.wait_for_selector("#notice-compare-result section.notice-clause")
    assert reader.input_value("#notice-from") == "v1" and reader.input_value("#notice-to") == "v3"


def test_only_the_two_chosen_versions_are_fetched(reader, example, example_url):
    reader.goto(example_url + "compare/?from=v1&to=v3")
    reader.wait_for_selector("#notice-compare-result section.notice-clause")
    fetched = sorted(url.removeprefix(example_url) for url in reader.requests if "/versions/" in url)
    assert fetched == ["versions/v1/en.json", "versions/v3/en.json"]
    served = (example / "site" / SITE / "compare" / "index.html").read_text(encoding="utf-8")
    assert "Our hosting provider" not in served


def test_history_can_hide_editorial_changes(reader, example_url):
    reader.goto(example_url + "history/")
    assert reader.is_visible("#v3")
    reader.check("#notice-only-material")
    assert not reader.is_visible("#v3")
    assert reader.is_visible("#v2") and reader.is_visible("#v4")
