"""The published notices say what the companies wrote: complete, repaired, with their facts."""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from pathlib import Path

import material as material_templates
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, SOURCES, page, text

COMPANIES = {"impro-media": ("ro", "en"), "impro-celojumi": ("lv", "en")}
LATVIAN_POINTS = ["controller", "purposes", "security-and-retention", "recipients", "data-subject-rights",
                  "commercial-communications", "amendments"]


def facts(company: str) -> dict:
    return yaml.safe_load((ROOT / "companies" / company / "company.yml").read_text(encoding="utf-8"))


def body(soup):
    """The company's text: the one element that carries data-notice-body."""
    found = soup.select("[data-notice-body]")
    assert len(found) == 1
    return found[0]


def clause_ids(soup) -> list[str]:
    return [el["id"] for el in body(soup).select("[id]")]


def fold(value: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))


def notice_text(soup) -> str:
    """The notice itself, as the element that carries data-notice-body holds it."""
    return text(body(soup))


@pytest.mark.parametrize("company", COMPANIES)
def test_clause_ids_are_the_same_in_every_language(site, company):
    original, translation = COMPANIES[company]
    ids = clause_ids(page(site, company))
    assert ids == clause_ids(page(site, company, translation))
    assert len(ids) == len(set(ids))


def test_romanian_notice_has_every_section_in_order(site):
    body = notice_text(page(site, "impro-media"))
    numbers = ["1.", "1.1.", "1.2.", "1.3.", "1.4.", "1.5.", "2.", "3.", "3.1.", "3.2", "3.3.", "3.4.",
               "3.5.", "3.6.", "3.7.", "3.8.", "3.9.", "3.10.", "3.11.", "4.", "5.", "6.", "7."]
    headings = ["Informații generale", "Cine suntem și cum ne puteți contacta", "Termeni Regulament",
                "Categorii ale persoanelor fizice vizate", "Scopul Politicii Generale de Confidențialitate",
                "Angajamentul IMPRO-MEDIA", "Drepturile persoanei vizate", "Categorii de date cu caracter personal",
                "Este posibil să ne solicitați asistență", "În vederea îndeplinirii obligațiilor legale",
                "În vederea încheierii și executării contractului", "În vederea îndeplinirii intereselor legitime",
                "În baza consimțământului exprimat", "Categorii de date personale prelucrate",
                "Dacă sunteți vizitator al paginilor noastre web", "Dacă sunteți client IMPRO-MEDIA",
                "Dacă sunteți un utilizator al platformei de streaming", "Dacă sunteți un utilizator al platformei de VR",
                "Dacă aplicați pentru un loc de muncă", "De ce colectează IMPRO-MEDIA aceste date",
                "Stocarea datelor în cadrul IMPRO-MEDIA", "Partajarea datelor tale personale cu terțe persoane",
                "Legislație aplicabilă"]
    position = 0
    for number, heading in zip(numbers, headings, strict=False):
        found = body.find(f"{number} {heading}", position)
        assert found > position, f"section {number} {heading!r} missing or out of order"
        position = found


OCR_ARTEFACTS = [r"\bTn", r"\bcdnd\b", r"\bs3\b", r"Generald", r"m&suri", r"\bsi\b", r"\bin\b",
                 r"[şţŞŢ]", r"@ ", r"\bld\b", r"[a-zăâîșț]3[a-zăâîșț]", r"TMPUTERNICIT", r"https :", r"\bfnainte", r"\bLegeanr\b",
                 r"\bdvs\.\s+va\b", r"\bIn\b", r"\bn calitate", r"\bcompanie\s+Tn\b"]


@pytest.mark.parametrize("pattern", OCR_ARTEFACTS)
def test_no_ocr_artefact_left_in_romanian(site, pattern):
    body = notice_text(page(site, "impro-media"))
    assert not re.search(pattern, body), re.search(pattern, body)


def test_romanian_text_keeps_the_source_wording(site):
    """Word for word, diacritics aside, the published text is the OCR source minus its damage."""
    data = facts("impro-media")
    source = (SOURCES / "impro-media.ro.ocr.txt").read_text(encoding="utf-8")
    source = source.replace("https://www.ovh.com/world/support/privacy-policy\n\n- Utilizatorii", "- Utilizatorii")
    published = notice_text(page(site, "impro-media"))

    def words(value: str) -> list[str]:
        return re.findall(r"[a-z0-9]+", fold(value).lower())

    src, pub = words(source), words(published)
    matcher = difflib.SequenceMatcher(None, src, pub, autojunk=False)
    unmatched = sum(i2 - i1 for op, i1, i2, _, _ in matcher.get_opcodes() if op != "equal")
    # OCR damage touches single words ("Tn" for "În", "s3" for "să"); a lost sentence or section is far more.
    assert unmatched / len(src) < 0.03, unmatched
    blocks = matcher.get_matching_blocks()
    longest_gap = max(b2.a - (b1.a + b1.size) for b1, b2 in zip(blocks, blocks[1:], strict=False))
    assert longest_gap <= 4, "a run of source words is missing from the published text"
    assert data["privacy_contact"]["person"] in published


def test_romanian_uses_comma_below_diacritics(site):
    body = notice_text(page(site, "impro-media"))
    assert body.count("ș") > 200 and body.count("ț") > 200 and body.count("ă") > 300
    assert "În sensul legislației" in body and "când prelucrăm" in body and "Generală" in body


def test_latvian_text_is_the_source_verbatim(site):
    source = [line.strip() for line in (SOURCES / "impro-celojumi.lv.txt").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    assert len(source) == 7
    notice = body(page(site, "impro-celojumi"))
    points = [text(notice.find(id=clause)) for clause in LATVIAN_POINTS]
    assert points == source
    # Nothing else: the 7 points are the whole of the company's text.
    assert notice_text(page(site, "impro-celojumi")) == " ".join(source)


def test_romanian_body_runs_from_title_to_signature(site):
    published = notice_text(page(site, "impro-media"))
    assert published.startswith("POLITICA GENERALĂ DE CONFIDENȚIALITATE în cadrul IMPRO MEDIA S.R.L.")
    assert published.endswith("accesând site-ul web www.dataprotection.ro . IMPRO-MEDIA S.R.L")


@pytest.mark.parametrize("company", COMPANIES)
@pytest.mark.parametrize("lang_index", [0, 1])
def test_the_site_speaks_outside_the_company_text(site, company, lang_index):
    lang = COMPANIES[company][lang_index]
    soup = page(site, company, "" if lang_index == 0 else lang)
    notes = soup.select_one("aside.notice-site")
    assert notes is not None and notes.find_parent(attrs={"data-notice-body": True}) is None
    assert notes.find("a", href=True)["href"].endswith("history/")
    assert not body(soup).select(".admonition, aside, .notice-site-note")


def test_no_label_is_a_yaml_boolean(site):
    for company, (_original, translation) in COMPANIES.items():
        for url in ("", "history/", "compare/", f"{translation}/compare/"):
            html = (site / company / url / "index.html").read_text(encoding="utf-8")
            assert not re.search(r">\s*(True|False)\s*<", html), (company, url)


@pytest.mark.parametrize("company", COMPANIES)
@pytest.mark.parametrize("lang_index", [0, 1])
def test_company_facts_come_from_the_data_file(site, company, lang_index):
    data = facts(company)
    lang = COMPANIES[company][lang_index]
    soup = page(site, company, "" if lang_index == 0 else lang)
    notice = notice_text(soup)
    for value in [data["registration_number"], data["registered_address"], data["privacy_contact"]["email"]]:
        assert value in notice
    mailto = {a["href"] for a in body(soup).select("a[href^='mailto:']")}
    assert mailto == {"mailto:" + data["privacy_contact"]["email"]}


def test_no_invented_fact_reaches_readers(site):
    """Nothing the Latvian notice does not state: no VAT number, no guessed web site, no complaint authority."""
    for path in (site / "impro-celojumi").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".md"):
            content = path.read_text(encoding="utf-8")
            for invented in ("LV40003235627", "www.impro.lv", "Datu valsts inspekcija", "Data State Inspectorate"):
                assert invented not in content, (path, invented)


@pytest.mark.parametrize("company", COMPANIES)
def test_translation_is_marked_and_claims_no_precedence_nobody_confirmed(site, company):
    original, translation = COMPANIES[company]
    assert not page(site, company).select(".notice-site-note")
    english = page(site, company, translation)
    note = text(english.select_one(".notice-site-note"))
    language = {"ro": "Romanian", "lv": "Latvian"}[original]
    assert f"This is an English translation of the notice. The original is in {language}." in note
    # Neither company confirmed that its original prevails (company.yml records no such confirmation).
    assert "original_prevails" not in (ROOT / "companies" / company / "company.yml").read_text(encoding="utf-8")
    for path in ("", "versions/v1", "history"):
        assert "prevail" not in page(site, company, translation + "/" + path).get_text()
    assert english.select_one(".notice-site-note a")["href"] == "../"
    frozen = (site / company / "versions" / "v1" / f"{translation}.md").read_text(encoding="utf-8")
    assert f"translation_of: {original}" in frozen


@pytest.mark.parametrize("company", COMPANIES)
def test_language_and_switcher(site, company):
    original, translation = COMPANIES[company]
    home, english = page(site, company), page(site, company, translation)
    assert home.html["lang"] == original and english.html["lang"] == translation
    for soup in (home, english):
        links = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
        assert links == {original: "/", translation: "/en/"}
    # The theme's own words follow the page's language: the search box is labelled in it.
    search = {"ro": "Căutare", "lv": "Meklēt", "en": "Search"}
    for soup, lang in ((home, original), (english, translation)):
        box = soup.select_one(".md-search__input")
        assert (box["placeholder"], box["aria-label"]) == (search[lang], search[lang])


def test_site_urls_are_on_each_company_domain(site):
    for company, domain in [("impro-media", "https://impromedia.ro/"), ("impro-celojumi", "https://impro.lv/")]:
        canonical = page(site, company).select_one("link[rel=canonical]")["href"]
        assert canonical == domain


def _english_words(lang: str) -> set[str]:
    """Every interface string the English site or the theme's English could show, less what `lang` shares."""
    material = Path(material_templates.__file__).parent / "templates" / "partials" / "languages"

    def theme(code: str) -> set[str]:
        return set(re.findall(r'^\s*"[a-z.]+": "(.+)",?$', (material / f"{code}.html").read_text(encoding="utf-8"),
                              re.M))

    def labels(code: str) -> set[str]:
        data = yaml.safe_load((ROOT / "docs" / "snippets" / code / "labels.yml").read_text(encoding="utf-8"))
        return {str(value).split("{", 1)[0].strip() for value in data.values()}

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!relative", ""))
    toggles = {option["toggle"]["name"] for option in config["theme"]["palette"]}
    english = theme("en") | labels("en") | toggles | {"Permanent link", "404 - Not found"}
    # Words that are the same in both languages (SHA-256, a language's own name) are not English here.
    return {word for word in english - theme(lang) - labels(lang) if len(word) > 3 and not word.isupper()}


def _interface_text(path: Path) -> set[str]:
    """What a reader meets on a page outside the company's own words: text, labels, titles, the theme's strings."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    found = {value for element in soup.find_all(True)
             for name in ("title", "aria-label", "placeholder", "alt", "content") if (value := element.get(name))}
    config = soup.select_one("#__config")
    if config is not None:
        found |= set(json.loads(config.get_text())["translations"].values())
    for own in soup.select("[data-notice-body], .notice-gdpr__quote blockquote, script, style"):
        own.decompose()
    return found | {" ".join(piece.split()) for piece in soup.stripped_strings}


@pytest.mark.parametrize("company", COMPANIES)
def test_no_english_interface_text_on_the_original_language_site(site, company):
    original, translation = COMPANIES[company]
    english = _english_words(original)
    pages = [path for path in (site / company).rglob("*.html")
             if path.relative_to(site / company).parts[0] != translation]
    assert len(pages) >= 6 and site / company / "404.html" in pages
    for path in pages:
        found = {text for text in _interface_text(path) if any(word in text for word in english)}
        assert not found, (path, found)
    feed = (site / company / "feed.xml").read_text(encoding="utf-8")
    assert not [word for word in english if f">{word}<" in feed]


@pytest.mark.parametrize("company", COMPANIES)
def test_each_language_has_its_404_page_and_the_host_serves_it(site, company):
    original, translation = COMPANIES[company]
    for root, lang in (("", original), (f"{translation}/", translation)):
        soup = BeautifulSoup((site / company / root / "404.html").read_text(encoding="utf-8"), "html.parser")
        labels = yaml.safe_load((ROOT / "docs" / "snippets" / lang / "labels.yml").read_text(encoding="utf-8"))
        assert soup.html["lang"] == lang
        assert soup.select_one("article h1").get_text() == labels["not_found"]
        assert soup.select_one("article a")["href"] == f"/{root}"
        assert soup.select_one("meta[http-equiv=Content-Security-Policy]") is not None
    host = (site / company / ".htaccess").read_text(encoding="utf-8")
    assert "ErrorDocument 404 /404.html" in host
    assert f'<If "%{{REQUEST_URI}} =~ m#^/{translation}/#">\n  ErrorDocument 404 /{translation}/404.html\n</If>' in host
