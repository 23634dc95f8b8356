"""The spelling check: words the language's Hunspell dictionary does not know, told to the editors as warnings."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, check, edit, with_example

from notices.checks import spelling
from notices.checks.spelling import check_spelling, prose_words
from notices.sources.layout import Layout
from notices.sources.load import load_site

SITE = "example-privacy"
RO = f"docs/{SITE}/ro/index.md"


def load(root, company):
    layout = Layout(root)
    company_dir = layout.company_dir(company)
    return load_site(company_dir, root / "docs" / company, layout.snippets_dir, root)


def test_prose_words_leave_out_template_code_ids_and_addresses():
    text = ("# Cine suntem {#who-we-are}\n"
            "{{ company.legal_name }} scrie la https://exemplu.ro/pagina și gdpr@exemplu.ro `cod`\n"
            "{: #controller }\n"
            "[aici](https://exemplu.ro/politica) într-o zi")
    assert list(prose_words(text)) == [("Cine", 1), ("suntem", 1), ("scrie", 2), ("la", 2), ("și", 2), ("aici", 4),
                                       ("într-o", 4), ("zi", 4)]


def test_a_misspelt_word_is_a_warning_at_its_line_with_suggestions_once_per_file(tmp_path):
    root = with_example(tmp_path / "project")
    edit(root / RO, "Această notă explică", "Această notă explcă")
    edit(root / RO, "Folosim numele", "Folosim explcă numele")
    result = check(root, SITE)
    assert result.returncode == 0, result.stdout
    found = [line for line in result.stdout.splitlines() if "'explcă'" in line]
    assert len(found) == 1, result.stdout
    assert re.fullmatch(rf"{RO}:8: warning: 'explcă' is not in the Romanian dictionary \(did you mean: [^)]*explică"
                        rf"[^)]*\?\): correct it, or, if it is right, add it to companies/{SITE}/words\.txt", found[0])
    assert (root / RO).read_text(encoding="utf-8").count("explcă") == 2  # told, never corrected

    (root / "companies" / SITE / "words.txt").write_text("# names and terms\nexplcă\n", encoding="utf-8")
    assert "'explcă'" not in check(root, SITE).stdout


def test_a_missing_dictionary_is_a_warning_naming_the_package_to_install(tmp_path, monkeypatch):
    root = with_example(tmp_path / "project")
    monkeypatch.setitem(spelling.DICTIONARIES, "ro", ("xx_XX", "hunspell-xx"))
    found = [str(p) for p in check_spelling(load(root, SITE))]
    assert found == [f"{RO}:1: warning: spelling not checked: no xx_XX dictionary: install Debian's hunspell-xx"]


def test_the_typos_of_the_real_notices_are_reported_and_their_names_are_accepted():
    found = {re.search(r"'([^']+)'", p.message).group(1) for p in check_spelling(load(ROOT, "impro-media"))
             if p.path.endswith("/ro/index.md")}
    assert {"timite", "securitatății", "întrega", "prelucare", "administare", "access"} <= found
    assert not found & {"IMPRO-MEDIA", "GDPR", "Larnaca", "OVH"}


@pytest.mark.parametrize("company", ["impro-media", "impro-celojumi"])
def test_no_english_word_of_the_real_notices_is_taken_for_a_typo(company):
    assert [str(p) for p in check_spelling(load(ROOT, company)) if p.path.endswith("/en/index.md")] == []
