"""Bad input stops the build with `path:line: message`, a non-zero exit, and the old site intact."""

from __future__ import annotations

import pytest

from conftest import edit, run_build


CASES = {
    "unknown snippet": (
        "docs/impro-celojumi/en/index.md", '{% include "complaint.md" %}', '{% include "complain.md" %}',
        "docs/impro-celojumi/en/index.md:31: snippet 'complain.md' does not exist in docs/snippets/en/: "
        "check its name or add the file",
    ),
    "snippet path outside the library": (
        "docs/impro-celojumi/en/index.md", '{% include "complaint.md" %}', '{% include "../../../companies/impro-media/company.yml" %}',
        "docs/impro-celojumi/en/index.md:31: snippet '../../../companies/impro-media/company.yml' does not exist "
        "in docs/snippets/en/: check its name or add the file",
    ),
    "variable without a value": (
        "docs/impro-celojumi/lv/index.md", "e-pastu: {{ company.privacy_contact.email }}",
        "e-pastu: {{ company.privacy_contact.person }}",
        "docs/impro-celojumi/lv/index.md:22: 'company.privacy_contact.person' has no value in "
        "companies/impro-celojumi/company.yml: add it there or remove it from the text",
    ),
    "variable without a value inside a snippet": (
        "docs/snippets/en/changes.md", "{{ company.legal_name }} may", "{{ company.dpo_email }} may",
        "docs/snippets/en/changes.md:3: 'company.dpo_email' has no value in companies/impro-celojumi/company.yml: "
        "add it there or remove it from the text",
    ),
    "data file missing a required fact": (
        "companies/impro-media/company.yml", "tax_id: RO15653903\n", "",
        "companies/impro-media/company.yml:1: missing required fact 'tax_id': add the tax identification (VAT) number",
    ),
    "malformed e-mail in the data file": (
        "companies/impro-media/company.yml", "  email: gdpr@impromedia.ro", "  email: gdpr(at)impromedia.ro",
        "companies/impro-media/company.yml:17: 'privacy_contact.email' is not a valid e-mail address: 'gdpr(at)impromedia.ro'",
    ),
    "fact missing its translation": (
        "companies/impro-media/company.yml", "  en: limited liability company (S.R.L.)\n", "",
        "companies/impro-media/company.yml:7: 'legal_form' has no text for language(s) ['en']: add one line per language",
    ),
    "clause id absent from one language": (
        "docs/impro-celojumi/en/index.md", "{: #recipients }", "{: #recipient }",
        "docs/impro-celojumi/en/index.md:14: clause 'recipients' (docs/impro-celojumi/lv/index.md:16) is missing "
        "in this language: add it after this line with the same id",
    ),
    "duplicate clause id": (
        "docs/impro-celojumi/lv/index.md", "{: #purposes }", "{: #controller }",
        "docs/impro-celojumi/lv/index.md:10: duplicate clause id 'controller' (first at line 7): give each clause its own id",
    ),
    "heading without a clause id": (
        "docs/impro-media/ro/index.md", "## 4. De ce colectează IMPRO-MEDIA aceste date {#why-we-collect}",
        "## 4. De ce colectează IMPRO-MEDIA aceste date",
        "heading '4. De ce colectează IMPRO-MEDIA aceste date' has no clause id: end it with {#some-id}",
    ),
    "broken template syntax": (
        "docs/impro-media/en/index.md", "{{ company.tax_id }}", "{{ company.tax_id }",
        "docs/impro-media/en/index.md:",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_rejected_with_file_and_line(project, case):
    relative, old, new, message = CASES[case]
    site = project / "site"
    assert run_build(project, site).returncode == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    edit(project / relative, old, new)
    result = run_build(project, site)

    assert result.returncode == 1
    assert message in result.output
    assert "Traceback" not in result.output
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before, "a failed build changed the published site"


def test_page_missing_in_a_language_is_an_error(project):
    (project / "docs/impro-celojumi/en/index.md").rename(project / "docs/impro-celojumi/en/other.md")
    result = run_build(project, project / "site", "impro-celojumi")
    assert result.returncode == 1
    assert ("docs/impro-celojumi/lv/index.md:1: this page has no 'en' version: add docs/impro-celojumi/en/index.md "
            "(a missing translation is never filled in from another language)") in result.output


def test_languages_must_match_the_data_file(project):
    edit(project / "companies/impro-celojumi/mkdocs.yml", "      - locale: en\n        name: English\n", "")
    result = run_build(project, project / "site", "impro-celojumi")
    assert result.returncode == 1
    assert ("companies/impro-celojumi/mkdocs.yml:14: the i18n languages [('lv', True)] do not match "
            "companies/impro-celojumi/company.yml (languages ['lv', 'en'], default_language lv): make them the same"
            ) in result.output


def test_yaml_syntax_error_names_the_line(project):
    edit(project / "companies/impro-celojumi/company.yml", "short_name: IMPRO\n", "short_name: [IMPRO\n")
    result = run_build(project, project / "site", "impro-celojumi")
    assert result.returncode == 1
    assert "companies/impro-celojumi/company.yml:6: YAML syntax:" in result.output
