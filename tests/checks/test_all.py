"""Every check of a company (notices/checks/all.py): a hostile or impossible edit is refused at its file and line, never with an internal error."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from notices.checks.all import check_company
from notices.sources.layout import Layout
from notices.sources.load import load_site
from notices.sources.problems import SourceError

SITE = "example-privacy"  # the fictional example: its line numbers belong to the fixture


def _problems(root) -> list[str]:
    layout = Layout(root)
    try:
        site = load_site(layout.company_dir(SITE), layout.docs_dir(SITE), layout.snippets_dir, layout.root)
        return [str(p) for p in check_company(site).errors]
    except SourceError as error:
        return [str(p) for p in error.problems]


def _refused_at_its_line(released_template, tmp_path, edit, value, expected) -> None:
    """The edit, in a copy of the released example, is refused at `expected` (path:line), never with a traceback."""
    root = Path(shutil.copytree(released_template, tmp_path / "project"))
    edit(root, value)
    problems = _problems(root)
    assert any(p.startswith(expected) for p in problems), problems
    assert not any("Error:" in p or ".py:" in p for p in problems), problems


def _append_notice(root, text: str) -> None:
    path = root / "docs" / SITE / "en" / "index.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + text + "\n", encoding="utf-8")


def _language_name(root, name: str) -> None:
    path = root / "companies" / SITE / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: English", f"name: {name}"), encoding="utf-8")


def _grow_archive(root, _: str) -> None:
    path = root / "companies" / SITE / "versions" / "v1" / "en.md"
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    data = path.read_bytes() + b"\n\nword " * 250_000
    path.write_bytes(data)
    registry = path.parents[2] / "versions.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(old, hashlib.sha256(data).hexdigest()),
                        encoding="utf-8")


def _deep_archive(root, text: str) -> None:
    path = root / "companies" / SITE / "versions" / "v1" / "en.md"
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    data = path.read_bytes() + text.encode()
    path.write_bytes(data)
    registry = path.parents[2] / "versions.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(old, hashlib.sha256(data).hexdigest()),
                        encoding="utf-8")


def _company_value(root, text: str) -> None:
    path = root / "companies" / SITE / "company.yml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _page_in_both(root, name: str) -> None:
    for lang in ("en", "ro"):
        path = root / "docs" / SITE / lang / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# Ours {#ours}\n\nWe may sell your data.\n", encoding="utf-8")


NESTED_LIST = "".join("    " * depth + "- x\n" for depth in range(300))


@pytest.mark.parametrize("edit, value, expected", [
    (_append_notice, "[" * 50_000 + "x" + "]" * 50_000, "docs/example-privacy/en/index.md:"),
    (_append_notice, "[" * 3_000 + "x" + "]" * 3_000, "docs/example-privacy/en/index.md:"),
    (_append_notice, NESTED_LIST, "docs/example-privacy/en/index.md:"),
    (_append_notice, "> " * 4_000 + "x", "docs/example-privacy/en/index.md:"),
    (_append_notice, "{% if company.legal_name %}\n" * 30 + "{% endif %}\n" * 30, "docs/example-privacy/en/index.md:"),
    (_deep_archive, "\n" + "[" * 50_000 + "x" + "]" * 50_000 + "\n", "companies/example-privacy/versions/v1/en.md:"),
    (_company_value, "deep: " + "[" * 5_000 + "]" * 5_000 + "\n", "companies/example-privacy/company.yml:"),
    (_page_in_both, "versions/v1.md", "docs/example-privacy/en/versions/v1.md:1:"),
    (_page_in_both, "versions/v2/changes.md", "docs/example-privacy/en/versions/v2/changes.md:1:"),
    (_page_in_both, "gdpr/index.md", "docs/example-privacy/en/gdpr/index.md:1:"),
], ids=["brackets-100k", "brackets-3000-deep", "list-300-deep", "quote-4000-deep", "template-30-deep",
        "archive-brackets", "yaml-5000-deep", "page-at-version", "page-under-version", "page-at-gdpr"])
def test_input_beyond_any_notice_is_refused_at_its_line_before_any_parser(released_template, tmp_path, edit,
                                                                         value, expected):
    """Nesting or line lengths no notice has would keep a parser busy for minutes or exhaust its recursion."""
    _refused_at_its_line(released_template, tmp_path, edit, value, expected)


@pytest.mark.parametrize("edit, value, expected", [
    (_append_notice, "{{ company['__class__'] }}", "docs/example-privacy/en/index.md:"),
    (_append_notice, "{{ company[0] }}", "docs/example-privacy/en/index.md:"),
    (_language_name, "\"<img src=x onerror=alert(1)>\"", "companies/example-privacy/mkdocs.yml:12:"),
    (_language_name, "'Eng\" onmouseover=alert(1) x=\"'", "companies/example-privacy/mkdocs.yml:12:"),
    (_grow_archive, "", "companies/example-privacy/versions/v1/en.md:1:"),
], ids=["subscript-dunder", "subscript-number", "language-name-tag", "language-name-quote", "archive-over-1mb"])
def test_hostile_edit_is_refused_at_its_line(released_template, tmp_path, edit, value, expected):
    _refused_at_its_line(released_template, tmp_path, edit, value, expected)


def _replace(relative: str, old: str, new: str):
    def edit(root, _: str) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _page_in_original(root, name: str) -> None:
    (root / "docs" / SITE / "en" / name).write_text("# Ours {#ours}\n\nText.\n", encoding="utf-8")


COMPANY = f"companies/{SITE}/company.yml"


NOTICE = f"docs/{SITE}/en/index.md"


@pytest.mark.parametrize("edit, value, expected", [
    (_page_in_both, "feed.xml.md", f"docs/{SITE}/en/feed.xml.md:1: the build writes its own 'feed.xml' at this "
                                   f"page's address: remove or rename this file"),
    (_page_in_both, "versions.json.md", f"docs/{SITE}/en/versions.json.md:1: the build writes its own"),
    (_page_in_both, "robots.txt.md", f"docs/{SITE}/en/robots.txt.md:1: the build writes its own"),
    (_page_in_both, "Search/index.md", f"docs/{SITE}/en/Search/index.md:1: the build writes its own 'search'"),
    (_page_in_original, "ro.md", f"docs/{SITE}/en/ro.md:1: '/ro/' is the address of the notice in 'ro'"),
    (_replace(COMPANY, "time_zone: Europe/Bucharest", "time_zone: localtime"), "",
     f"{COMPANY}:24: 'localtime' is not a time zone"),
    (_replace(COMPANY, "time_zone: Europe/Bucharest", "time_zone: Factory"), "", f"{COMPANY}:24:"),
    (_replace(COMPANY, "legal_name: Example Privacy Ltd", "legal_name: Ехample Privacy Ltd"), "",
     f"{COMPANY}:2: 'Ехample' mixes letters of the Cyrillic and Latin scripts"),
    (_replace(COMPANY, "short_name: Example Privacy", 'short_name: "Example \\u202ePrivacy"'), "",
     f"{COMPANY}:3: U+202E (RIGHT-TO-LEFT OVERRIDE) reorders the text around it on screen: remove it"),
    (_replace(f"companies/{SITE}/versions.yml", "en: Summary of v2", 'en: "Summary of v2 \\x01"'), "",
     f"companies/{SITE}/versions.yml:"),
    (_replace(f"companies/{SITE}/versions.yml", "en: Summary of v2", 'en: "Summary of v2 \\u2066"'), "",
     f"companies/{SITE}/versions.yml:"),
    (_append_notice, "Keep \u202dthis\u202c order.", f"{NOTICE}:"),
    (_append_notice, "Written to www.impromеdia.ro.", f"{NOTICE}:"),
    (_replace("docs/snippets/en/labels.yml", "history:", "history_x: \"\\u200f\"\nhistory:"), "",
     "docs/snippets/en/labels.yml:"),
    (_append_notice, "Write to [us](mailto:privacy@example.com?bcc=collector@elsewhere.example).",
     f"{NOTICE}:30: the mail link to 'mailto:privacy@example.com?bcc=collector@elsewhere.example' adds '?bcc="),
    (_append_notice, "Write to [privacy@example.com](mailto:collector@elsewhere.example).",
     f"{NOTICE}:30: the mail link to 'collector@elsewhere.example' is not one of the company's addresses"),
    (_append_notice, "See [www.example.com](https://www.examp1e.com/).",
     f"{NOTICE}:30: the link shows 'www.example.com' but leads to another host, 'www.examp1e.com'"),
    (_append_notice, "See [our site](https://www.exаmple.com/).", f"{NOTICE}:30: 'exаmple' mixes letters"),
    (_append_notice, "See [our site](https://www.xn--exmple-4nf.com/).",
     f"{NOTICE}:30: the link's host 'www.xn--exmple-4nf.com' (www.exаmple.com): 'exаmple' mixes letters"),
    (_append_notice, "Complain to [https://authority.example.org](https://other.example.net/).",
     f"{NOTICE}:30: the link shows 'https://authority.example.org' but leads to another host"),
    (_replace(NOTICE, "title: Privacy notice", "title: Privacy notice\nrenamed_clauses: {retention: rights}"), "",
     f"{NOTICE}:3: the id 'retention' is carried by two elements"),
    (_append_notice, '<span id="retention"></span>Also kept.', f"{NOTICE}:30: the id 'retention' is carried by two"),
    (_replace(NOTICE, "{#retention}", "{#notice-main}"), "",
     f"{NOTICE}:21: the id 'notice-main' belongs to the site's own markup"),
    (_replace(COMPANY, "email: privacy@example.com", 'email: "privacy@example.com\\n"'), "", f"{COMPANY}:12:"),
    (_replace(COMPANY, "domains: [example.com]", 'domains: ["example.com\\n"]'), "", f"{COMPANY}:15:"),
    (_replace(f"companies/{SITE}/versions.yml", "effective: 2027-01-10", "effective: 9999-12-31"), "",
     f"companies/{SITE}/versions.yml:"),
    (_replace(f"companies/{SITE}/versions.yml", "id: v4", 'id: "v4\\n"'), "", f"companies/{SITE}/versions.yml:"),
], ids=["page-feed", "page-versions-json", "page-robots", "page-search", "page-language-root", "zone-localtime",
        "zone-factory", "name-mixed-script", "name-bidi", "summary-control", "summary-isolate", "notice-bidi",
        "notice-homoglyph", "labels-mark", "mailto-bcc", "mailto-other", "shown-host-other", "host-homoglyph", "host-punycode",
        "shown-url-other", "renamed-onto-a-clause", "raw-element-id", "site-id", "email-newline", "domain-newline", "effective-end-of-time",
        "registry-id-newline"])
def test_what_the_build_would_fail_on_or_readers_cannot_see_is_refused_at_its_line(released_template, tmp_path,
                                                                                 edit, value, expected):
    _refused_at_its_line(released_template, tmp_path, edit, value, expected)
