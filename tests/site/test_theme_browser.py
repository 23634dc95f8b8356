"""Readers in a real browser: switching language, clause anchors, accessibility, mobile, print, storage."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import yaml
from conftest import BUILD_DAY, ROOT

from notices.model.dates import long_date

# What a browser or the HTML checker sees of built sites: no project code runs in these tests' bodies, so
# coverage is not traced there (tracing slows the browser driver's Python by a third). Fixtures still count.
pytestmark = pytest.mark.untraced

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
REAL = {"impro-media": ("ro", "en"), "impro-celojumi": ("lv", "en")}
PAGES = ["", "history/", "versions/v1/", "compare/", "follow/", "gdpr/"]


def real_urls():
    for company, languages in REAL.items():
        for index, lang in enumerate(languages):
            for path in PAGES:
                yield company, ("" if index == 0 else f"{lang}/") + path


def storage(reader):
    return reader.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]")


@pytest.mark.parametrize("company", REAL)
def test_switching_language_keeps_page_and_clause(reader, servers, company):
    original, translation = REAL[company]
    base = servers[company]
    reader.goto(base + f"{translation}/#data-subject-rights")
    reader.hover(".md-select")
    reader.click(f"a.md-select__link[hreflang={original}]")
    reader.wait_for_url(base + "#data-subject-rights")
    assert reader.evaluate("document.documentElement.lang") == original
    assert reader.is_visible("#data-subject-rights")
    reader.goto(base + "history/")
    reader.hover(".md-select")
    reader.click(f"a.md-select__link[hreflang={translation}]")
    reader.wait_for_url(base + f"{translation}/history/")
    assert storage(reader) == [[], []]


@pytest.mark.parametrize("company", REAL)
def test_clause_anchor_brings_the_clause_into_view(reader, servers, company):
    reader.goto(servers[company] + "#data-subject-rights")
    box = reader.locator("#data-subject-rights").bounding_box()
    assert box is not None and 0 <= box["y"] < reader.viewport_size["height"]
    reader.goto(servers[company] + "gdpr/")
    reader.click("#right-access a")
    reader.wait_for_url("**#data-subject-rights")


def test_search_and_colour_scheme_store_only_the_readers_choice(reader, servers):
    reader.goto(servers["impro-media"])
    reader.click("input.md-search__input")
    reader.keyboard.type("stergerea", delay=20)
    reader.wait_for_selector(".md-search-result__item")
    assert storage(reader) == [[], []]
    reader.keyboard.press("Escape")
    reader.click("label[for=__palette_1]")
    keys = storage(reader)[0]
    assert keys and all(key.endswith("__palette") for key in keys)


# The rules whose outcome depends on colours: a second colour scheme changes nothing else.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(tab, rules: list[str] | None = None):
    # Evaluated by the browser's tooling, as an inline <script> tag would be refused by the page's policy.
    tab.evaluate(AXE.read_text(encoding="utf-8"))
    options = {"resultTypes": ["violations"], **({"runOnly": rules} if rules else {})}
    # Only the violations, as one string: handing axe's whole result back object by object takes seconds.
    violations = json.loads(tab.evaluate("options => axe.run(document, options).then(r => JSON.stringify(r.violations))",
                                         options))
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


@pytest.fixture(scope="module")
def scheme_tab(browser):
    """One tab per colour scheme, shared by the audits: each test loads its own page into it afresh."""
    contexts = {}

    def tab(scheme: str):
        if scheme not in contexts:
            contexts[scheme] = browser.new_context(color_scheme=scheme)
            contexts[scheme].new_page()
        return contexts[scheme].pages[0]

    yield tab
    for context in contexts.values():
        context.close()


# Every page in the light scheme with every rule; the dark scheme changes colours only, so each kind of
# page once (in the original language) with the colour rules; the page on following changes has no colour
# of its own (text, a link and an address).
@pytest.mark.parametrize("company,path,scheme", [(company, path, "light") for company, path in real_urls()]
                         + [(company, path, "dark") for company in REAL for path in PAGES if path != "follow/"])
def test_no_accessibility_violation(scheme_tab, servers, company, path, scheme):
    tab = scheme_tab(scheme)
    tab.goto(servers[company] + path)
    expected = "slate" if scheme == "dark" else "default"
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    assert axe_violations(tab, COLOUR_RULES if scheme == "dark" else None) == []
    if scheme == "light":  # the first Tab stop skips to the main content, on every page
        tab.keyboard.press("Tab")
        skip = tab.evaluate("""() => { const a = document.activeElement, target = document.querySelector(
            a.getAttribute('href') || 'none'); return [a.className, !!target && target.nextElementSibling.matches('.md-content')]; }""")
        assert "md-skip" in skip[0] and skip[1], skip


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["versions/v2/changes/", "compare/?from=v1&to=v4", "ro/versions/v4/changes/",
                                  "history/"])
def test_comparisons_are_accessible_and_not_by_colour_alone(scheme_tab, example_url, path, scheme):
    tab = scheme_tab(scheme)
    tab.goto(example_url + path)
    tab.wait_for_selector(".notice-diff ins, .notice-history")
    assert axe_violations(tab, COLOUR_RULES if scheme == "dark" else None) == []
    marks = tab.evaluate("""() => [...document.querySelectorAll('.notice-diff ins, .notice-diff del')].map(e => {
        const s = getComputedStyle(e), before = getComputedStyle(e, '::before').content;
        return [e.tagName, s.textDecorationLine, before]; })""")
    for tag, decoration, sign in marks:
        assert decoration == ("underline" if tag == "INS" else "line-through")
        assert sign in ('"+"', '"−"')


MOBILE_PAGES = [("real", "impro-media", ""), ("real", "impro-media", "history/"), ("real", "impro-celojumi", "gdpr/"),
                ("real", "impro-celojumi", "en/compare/"), ("example", None, "versions/v2/changes/"),
                ("example", None, "compare/?from=v1&to=v4"), ("example", None, "ro/versions/v4/")]


@pytest.fixture(scope="module")
def phone(browser):
    """A phone-sized tab shared by the width tests: each loads its own page into it afresh."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind,company,path", MOBILE_PAGES)
def test_reads_at_360_pixels_without_horizontal_scrolling(phone, servers, example_url, kind, company, path):
    tab = phone
    tab.goto((servers[company] if kind == "real" else example_url) + path)
    if "compare" in path:  # the real notices have one version each: the page says there is nothing to compare
        tab.wait_for_selector("#notice-compare-result h2, .notice-compare-none")
    if tab.locator("#notice-view-sides").count():
        tab.check("#notice-view-sides")
    width = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"page is {width[0]}px wide in a {width[1]}px window"


def pdf_pages(tab) -> list[str]:
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(tab.pdf(format="A4", print_background=True)))
    return [page.extract_text() for page in reader.pages]


def shown_version(site, company: str, lang: str, version_id: str | None) -> tuple[str, str, str]:
    """(id, effective date as printed, permanent address) of a version, or of the one in force on the build day."""
    versions = json.loads((site / company / "versions.json").read_text(encoding="utf-8"))["versions"]
    if version_id is None:  # what editors released decides it, not this test
        version = [v for v in versions if v["effective"] <= BUILD_DAY][-1]  # versions.json is in release order
    else:
        version = next(v for v in versions if v["id"] == version_id)
    pattern = yaml.safe_load((ROOT / "docs" / "snippets" / lang / "labels.yml").read_text(encoding="utf-8"))
    effective = long_date(dt.date.fromisoformat(version["effective"]), lang, pattern.get("date_format"))
    return version["id"], effective, version["urls"][lang]


@pytest.mark.parametrize("company,path,lang,version_id", [
    ("impro-media", "", "ro", None),
    ("impro-celojumi", "en/", "en", None),
    ("impro-celojumi", "versions/v1/", "lv", "v1"),  # a released version's page never changes
])
def test_printed_notice_is_a_clean_document(browser, site, servers, company, path, lang, version_id):
    version, effective, permanent = shown_version(site, company, lang, version_id)
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(servers[company] + path)
    pages = pdf_pages(tab)
    whole = "\n".join(pages)
    flat = " ".join(whole.split())
    legal_name = {"impro-media": "IMPRO-MEDIA S.R.L.", "impro-celojumi": "IMPRO CEĻOJUMI"}[company]
    assert legal_name in flat
    assert version in flat and effective in flat
    assert permanent in "".join(flat.split())
    title = tab.evaluate("document.querySelector('article h1').textContent").replace("#", "").strip()
    assert title in flat
    for chrome in ["Table of contents", "Cuprins", "Satura rādītājs", "Search", "Căutare", "Meklēt"]:
        assert chrome not in flat, f"navigation chrome '{chrome}' printed"
    headings = tab.evaluate("[...document.querySelectorAll('article h2, article h3')].map(h => h.textContent.replace('#','').trim())")
    for text in pages:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines:
            assert lines[-1] not in headings, f"heading '{lines[-1]}' printed at the foot of a page"
    context.close()


# Characters of the longest visual line among the first paragraphs of the text: what a reader's eye travels.
LONGEST_LINE = """() => {
  let longest = 0;
  for (const p of [...document.querySelectorAll('[data-notice-body] p')].slice(0, 40)) {
    const lines = new Map(), walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.nodeValue.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index); range.setEnd(node, match.index + match[0].length);
        const top = Math.round(range.getClientRects()[0]?.top ?? -1);
        lines.set(top, (lines.get(top) || 0) + match[0].length + 1);
      }
    }
    longest = Math.max(longest, ...lines.values());
  }
  return longest;
}"""


@pytest.mark.parametrize("company,path,points", [
    ("impro-media", "", ["general-information", "contact-requests", "legal-obligations", "consent-marketing"]),
    ("impro-celojumi", "en/", ["controller", "purposes", "amendments"]),
])
def test_every_clause_is_easy_to_reach_and_to_point_at(browser, servers, company, path, points):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(servers[company] + path + "#" + points[1])
    # The numbered points that are paragraphs, not headings, are in the contents list, in the text's order.
    listed = tab.eval_on_selector_all(".md-nav--secondary a.md-nav__link", "els => els.map(a => a.hash.slice(1))")
    assert [listed.index(point) for point in points] == sorted(listed.index(point) for point in points)
    # The linked clause is marked, by more than colour, and below the sticky header.
    clause = tab.evaluate(f"""() => {{ const e = document.getElementById('{points[1]}'), s = getComputedStyle(e);
        return [s.outlineStyle, e.getBoundingClientRect().top,
                document.querySelector('.md-header').getBoundingClientRect().bottom]; }}""")
    assert clause[0] != "none" and clause[2] <= clause[1] < 900, clause
    assert tab.evaluate(LONGEST_LINE) <= 80
    context.close()
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(servers[company] + path)
    # On a phone, one tap at the top of the text opens the contents list.
    tab.tap(".notice-contents summary")
    tab.click(f".notice-contents a[href='#{points[-1]}']")
    tab.wait_for_url(f"**#{points[-1]}")
    box = tab.locator(f"#{points[-1]}").bounding_box()
    assert box is not None and 0 < box["y"] < 800
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    assert tab.evaluate(LONGEST_LINE) <= 80
    context.close()


@pytest.mark.parametrize("company,path", [("impro-media", "versions/v1/"), ("impro-celojumi", "en/versions/v1/"),
                                          ("impro-media", "gdpr/"), ("example", "ro/history/")])
def test_dates_notes_and_the_gdpr_index_read_on_a_phone(phone, servers, example_url, company, path):
    tab = phone
    tab.goto((example_url if company == "example" else servers[company]) + path)
    sizes = tab.evaluate("""() => [...document.querySelectorAll(
        '[data-notice-body] p, .md-content time, .notice-site p, .notice-site-note p, .notice-gdpr p')]
        .map(e => [e.closest('[data-notice-body]') ? 'text' : e.className || e.tagName,
                   parseFloat(getComputedStyle(e).fontSize)])""")
    text_size = max([size for kind, size in sizes if kind == "text"] or [16])
    assert sizes and all(size >= text_size for _, size in sizes), sizes
    if "gdpr" in path:  # a block per element: its name, its article and status, its quotes, one under the other
        cells = tab.evaluate("""() => [...document.querySelectorAll('.notice-gdpr__row')].slice(0, 3).map(row =>
            [...row.children].map(part => Math.round(part.getBoundingClientRect().width)))""")
        assert cells and all(len(set(row)) == 1 for row in cells), cells
    assert tab.evaluate("document.documentElement.scrollWidth") <= tab.evaluate("window.innerWidth")
