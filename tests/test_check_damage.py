"""Damage the check has never seen is reported with its file and line, never with a traceback.

Each case breaks a private copy of the released example and runs the check in this process.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import check, edit
from test_check import EN, PURPOSES, RO, SITE, output


def _write(relative: str, content: str | bytes):
    def damage(root: Path) -> None:
        path = root / relative
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return damage


def _edit(relative: str, old: str, new: str):
    return lambda root: edit(root / relative, old, new)


def _replace_bytes(relative: str, old: bytes, new: bytes):
    def damage(root: Path) -> None:
        path = root / relative
        data = path.read_bytes()
        assert old in data
        path.write_bytes(data.replace(old, new, 1))
    return damage


def _remove(relative: str):
    def damage(root: Path) -> None:
        path = root / relative
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    return damage


def _folder_instead(relative: str):
    def damage(root: Path) -> None:
        (root / relative).unlink()
        (root / relative).mkdir()
    return damage


def _then(*damages):
    def damage(root: Path) -> None:
        for one in damages:
            one(root)
    return damage


COMPANY = f"companies/{SITE}/company.yml"
VERSIONS = f"companies/{SITE}/versions.yml"
GDPR = f"companies/{SITE}/gdpr.yml"
PAGE = EN
SNIPPET = "docs/snippets/en/extra.md"


def _with_snippet(root: Path) -> None:
    """A snippet of ours with a heading, included in the second clause in both languages."""
    for lang, before in (("en", PURPOSES), ("ro", "Folosim numele")):
        (root / "docs/snippets" / lang / "extra.md").write_text(
            "### Extra {#extra}\n\nTax identification: {{ company.tax_id }}\n\n- Website: {{ company.website }}\n",
            encoding="utf-8")
        edit(root / "docs" / SITE / lang / "index.md", before, '{% include "extra.md" %}\n\n' + before)
    # The purposes now stand under the snippet's heading: the GDPR index quotes them from there.
    edit(root / GDPR, "    - clause: purposes\n", "    - clause: extra\n")


def _snippet(damage):
    return _then(_with_snippet, damage)


TEMPLATE_CODE = "a notice's template code only fills in facts ({{ company.legal_name }}), tests them ({% if ... %}) and includes snippets"

# name: (damage, expected exit code, the start of the line that must be printed)
DAMAGE = {
    "empty company.yml": (_write(COMPANY, ""), 1, f"{COMPANY}:1: missing required fact 'legal_name'"),
    "company.yml misspells a fact of a group": (_edit(COMPANY, "  person: Alex Example", "  persn: Alex Example"), 1,
                                                f"{COMPANY}:13: 'persn' is not a fact of 'privacy_contact' (did you "
                                                f"mean 'person'?): its facts are email, person"),
    "company.yml is a YAML list": (_write(COMPANY, "- a\n- b\n"), 1, f"{COMPANY}:1: expected a mapping of facts"),
    "company.yml is binary garbage": (_write(COMPANY, b"\x89PNG\r\n\x1a\n\x00\xff\xfe"), 1,
                                      f"{COMPANY}:1: not UTF-8 text"),
    "company.yml with a control character": (_edit(COMPANY, "tax_id: EX000000001", "tax_id: EX\x07000000001"), 1,
                                             f"{COMPANY}:8: YAML syntax: unacceptable character"),
    "company.yml with a Python tag": (_edit(COMPANY, "tax_id: EX000000001", "tax_id: !!python/name:os.system x"), 1,
                                      f"{COMPANY}:8: YAML tag !!python/name:os.system is not used here: write the value as text"),
    "company.yml with an alias": (_edit(COMPANY, "tax_id: EX000000001", "tax_id: &t EX000000001\nx: *t"), 1,
                                  f"{COMPANY}:8: anchors and aliases (&name, *name) are not used in these files"),
    "company.yml is a folder": (_folder_instead(COMPANY), 1, f"{COMPANY}:1: is a folder, not a file"),
    "company.yml lists a language twice": (_edit(COMPANY, "languages: [en, ro]", "languages: [en, ro, ro]"), 1,
                                           f"{COMPANY}:21: language 'ro' is listed twice"),
    "invalid UTF-8 in a notice page": (_replace_bytes(PAGE, b"{{ company.registered_address }}", b"\xff\xfe"), 1,
                                       f"{PAGE}:11: not UTF-8 text"),
    "unclosed front matter": (_edit(PAGE, "title: Privacy notice\n---\n", "title: Privacy notice\n"), 1,
                              f"{PAGE}:1: front matter opened with --- is never closed"),
    "front matter is a list": (_edit(RO, "translates: v4\ntitle: Notă de informare\n", "- v1\n- x\n"), 1,
                               f"{RO}:2: front matter must be key: value lines"),
    "renamed_clauses is a list": (_edit(PAGE, "title: Privacy notice\n", "title: Privacy notice\nrenamed_clauses: [a, b]\n"),
                                  1, f"{PAGE}:3: renamed_clauses must map old clause ids to new ones"),
    "translates is a mapping": (_edit(RO, "translates: v4\n", "translates: {v: 1}\n"), 1,
                                f"{RO}:2: translates must name one released version"),
    "versions.yml is a mapping": (_write(VERSIONS, "v1: {effective: 2026-11-25}\n"), 1,
                                  f"{VERSIONS}:1: expected a list of versions"),
    "versions.yml entries are strings": (_write(VERSIONS, "- v1\n- v2\n"), 1,
                                         f"{VERSIONS}:2: each version must be a mapping"),
    "sha256 is not a mapping": (_edit(VERSIONS, "  sha256:\n", "  sha256: 5afc4499\n  old_sha256:\n"), 1,
                                f"{VERSIONS}:18: version 'v1' records no SHA-256 for 'en'"),
    "a date no calendar has": (_edit(VERSIONS, "effective: 2026-01-10", "effective: 2026-13-45"), 1,
                               f"{VERSIONS}:4: '2026-13-45' is not a valid value"),
    "translates in versions.yml is a list": (_edit(VERSIONS, "  sha256:\n", "  translates: [v1]\n  sha256:\n"), 1,
                                             f"{VERSIONS}:18: 'translates' must map each language"),
    "version id is a path": (_edit(VERSIONS, "id: v1", "id: ../../x"), 1, f"{VERSIONS}:3: version id '../../x'"),
    "the original said to prevail with no one recorded as confirming it": (
        _edit(COMPANY, "time_zone: Europe/Bucharest", "time_zone: Europe/Bucharest\noriginal_prevails: yes"), 1,
        f"{COMPANY}:25: that the original prevails is the company's statement, never the site's"),
    "gdpr.yml is a list": (_write(GDPR, "- controller-identity\n"), 1, f"{GDPR}:1: expected one entry per element"),
    "gdpr.yml is a scalar": (_write(GDPR, "clauses\n"), 1, f"{GDPR}:1: expected one entry per element"),
    "gdpr.yml names an unknown element key": (_edit(GDPR, "dpo-contact:", "dpo:"), 1,
                                              f"{GDPR}:9: 'dpo' is not a GDPR element key"),
    "gdpr.yml misspells an element key": (_edit(GDPR, "dpo-contact:", "dpo-contcat:"), 1,
                                          f"{GDPR}:9: 'dpo-contcat' is not a GDPR element key (did you mean "
                                          f"'dpo-contact'?)"),
    "gdpr.yml misspells a field": (_edit(GDPR, "  status: not_stated\npurposes", "  staus: not_stated\npurposes"), 1,
                                   f"{GDPR}:9: 'staus' is not used for an element (did you mean 'status'?)"),
    "versions.yml misspells a key": (_edit(VERSIONS, "  summary:", "  sumary:"), 1,
                                     f"{VERSIONS}:8: 'sumary' is not part of a version's entry (did you mean "
                                     f"'summary'?)"),
    "gdpr.yml leaves an element out": (_edit(GDPR, "dpo-contact:\n  status: not_stated\n", ""), 1,
                                       f"{GDPR}:1: the index lists 19 of the 20 elements; add dpo-contact"),
    "gdpr.yml with an unknown status": (_edit(GDPR, "  status: not_stated\npurposes", "  status: unclear\npurposes"),
                                        1, f"{GDPR}:9: 'unclear' is not a status of 'dpo-contact'"),
    "gdpr.yml with an unknown field": (_edit(GDPR, "  status: not_stated\npurposes",
                                             "  status: not_stated\n  note: x\npurposes"), 1,
                                       f"{GDPR}:10: 'note' is not used for an element"),
    "gdpr.yml quotes words the text does not have": (
        _edit(GDPR, '"to answer your questions', '"to answer all your questions'), 1,
        f"{GDPR}:14: this quote is not in clause 'purposes' of docs/example-privacy/en/index.md"),
    "gdpr.yml quotes the right words from the wrong clause": (
        _edit(GDPR, "    - clause: purposes\n", "    - clause: rights\n"), 1,
        f"{GDPR}:14: this quote is not in clause 'rights' of docs/example-privacy/en/index.md: these words are in "
        f"clause 'purposes'"),
    "gdpr.yml: partly without saying what is missing": (
        _edit(GDPR, "retention:\n  status: stated", "retention:\n  status: partly"), 1,
        f"{GDPR}:36: 'retention' needs 'missing'"),
    "gdpr.yml: stated without a quote": (_edit(GDPR, "legal-basis:\n  status: not_stated", "legal-basis:\n  status: stated"),
                                         1, f"{GDPR}:16: 'legal-basis' is stated: quote the sentence(s)"),
    "labels.yml missing": (_remove("docs/snippets/en/labels.yml"), 1,
                           "docs/snippets/en/labels.yml:1: the site's words in 'en' are missing"),
    "labels.yml is a list": (_write("docs/snippets/ro/labels.yml", "- notice\n"), 1,
                             "docs/snippets/ro/labels.yml:1: expected the site's words as key: text lines"),
    "snippet with a Jinja syntax error": (_snippet(_edit(SNIPPET, "{{ company.tax_id }}", "{{ company.tax_id }")), 1,
                                          f"{SNIPPET}:3: this fact opens with {{{{ but never closes with }}}}: end it with }}}}"),
    "snippet is a folder": (_snippet(_folder_instead(SNIPPET)), 1, f"{SNIPPET}:1: is a folder, not a snippet"),
    "snippet with invalid UTF-8": (_snippet(_replace_bytes(SNIPPET, b"Tax identification", b"Tax \xff identification")),
                                   1, f"{SNIPPET}:1: not UTF-8 text"),
    "snippet heading id with upper case": (_snippet(_edit(SNIPPET, "{#extra", "{#Extra")), 1,
                                           f"{SNIPPET}:1: clause id 'Extra' must be lower-case"),
    "heading id with upper case": (_edit(PAGE, "{#introduction}", "{#Introduction}"), 1,
                                   f"{PAGE}:5: clause id 'Introduction' must be lower-case letters"),
    "company alone": (_edit(PAGE, "{{ company.registered_address }}", "{{ company }}"), 1,
                      f"{PAGE}:11: 'company' is a group of facts, not one fact"),
    "a group of facts": (_edit(PAGE, "{{ company.registered_address }}", "{{ company.privacy_contact }}"), 1,
                         f"{PAGE}:11: 'company.privacy_contact' is a group of facts, not one fact"),
    "an attribute of a fact": (_edit(PAGE, "{{ company.registered_address }}",
                                     "{{ company.privacy_contact.email.nope }}"), 1,
                               f"{PAGE}:11: unknown variable: 'str object' has no attribute 'nope'"),
    "link filter on a group": (_edit(PAGE, "{{ company.registered_address }}", "{{ company.privacy_contact | link }}"),
                               1, f"{PAGE}:11: cannot fill in this expression: the link filter needs one web address"),
    "include of a fact": (_edit(PAGE, "{{ company.registered_address }}", "{% include company.legal_name %}"), 1,
                          f"{PAGE}:11: template syntax: include a snippet by its name in quotes"),
    "extends instead of include": (_edit(PAGE, "{{ company.registered_address }}", '{% extends "extra.md" %}'), 1,
                                   f"{PAGE}:11: template syntax: {{% extends %}} is not used in a notice"),
    "a huge power": (_edit(PAGE, "{{ company.registered_address }}", "{{ 10 ** 10 ** 10 }}"), 1,
                     f"{PAGE}:11: template syntax: 'pow' is not used in a notice: {TEMPLATE_CODE}"),
    "a range": (_edit(PAGE, "{{ company.registered_address }}", "{{ range(1000000) | list | length }}"), 1,
                f"{PAGE}:11: template syntax: the filter 'length' is not used in a notice"),
    "division by zero": (_edit(PAGE, "{{ company.registered_address }}", "{{ 1 / 0 }}"), 1,
                         f"{PAGE}:11: template syntax: 'div' is not used in a notice: {TEMPLATE_CODE}"),
    "a call": (_edit(PAGE, "{{ company.registered_address }}", "{{ range(10) }}"), 1,
               f"{PAGE}:11: template syntax: 'call' is not used in a notice: {TEMPLATE_CODE}"),
    "a loop": (_edit(PAGE, "{{ company.registered_address }}", "{% for i in [1] %}x{% endfor %}"), 1,
               f"{PAGE}:11: template syntax: 'for' is not used in a notice: {TEMPLATE_CODE}"),
    "a fact the original does not state": (
        _edit(RO, "Scrieți-ne", "CIF {{ company.tax_id }}. Scrieți-ne"), 1,
        f"{RO}:12: 'company.tax_id' is not stated in the original notice and not confirmed by the company: remove it"),
    "a set": (_edit(PAGE, "{{ company.registered_address }}", "{% set x = 1 %}{{ x }}"), 1,
              f"{PAGE}:11: template syntax: 'assign' is not used in a notice: {TEMPLATE_CODE}"),
    "snippet includes itself": (_snippet(_edit(SNIPPET, "- Website:", '{% include "extra.md" %}\n- Website:')), 1,
                                f"{SNIPPET}:5: this page includes more than 200 snippets: a snippet is included too many times"),
    "snippets include each other": (
        _snippet(_then(_write("docs/snippets/en/loop.md", 'Loop\n\n{% include "extra.md" %}\n'),
                       _edit(SNIPPET, "- Website:", '{% include "loop.md" %}\n- Website:'))), 1,
        "docs/snippets/en/loop.md:3: this page includes more than 200 snippets: a snippet is included too many times"),
    "docs language folder missing": (_remove(f"docs/{SITE}/ro"), 1,
                                     f"docs/{SITE}/ro:1: language 'ro' ({COMPANY}:21) has no folder"),
    "archived version file deleted": (_remove(f"companies/{SITE}/versions/v1/en.md"), 1,
                                      f"companies/{SITE}/versions/v1/en.md:1: the archived text of 'v1' in 'en'"),
    "archived version file without its header": (_write(f"companies/{SITE}/versions/v1/ro.md", "text\n"), 1,
                                                 f"companies/{SITE}/versions/v1/ro.md:1: archived text altered"),
    "archived version file is a folder": (_folder_instead(f"companies/{SITE}/versions/v1/ro.md"), 1,
                                          f"companies/{SITE}/versions/v1/ro.md:1: the archived text of 'v1'"),
    # Valid input: a byte order mark is allowed, a folder whose name ends in .md is not a page, a snippet of ours.
    "byte order mark in company.yml": (_replace_bytes(COMPANY, b"# ", b"\xef\xbb\xbf# "), 0, None),
    "folder named like a page": (lambda root: (root / f"docs/{SITE}/en/drafts.md").mkdir(), 0, None),
    "a snippet of ours": (_with_snippet, 0, None),
}


@pytest.mark.parametrize("case", DAMAGE)
def test_unexpected_damage_is_reported_with_file_and_line(released, case):
    damage, code, start = DAMAGE[case]
    damage(released)
    result = check(released, SITE)
    out = output(result)
    assert "Traceback" not in out, out
    assert "internal error" not in out, out
    assert result.returncode == code, out
    if start:
        assert any(line.startswith(start) for line in out.split("Warnings:")[0].splitlines()), \
            f"no line starting {start!r} in:\n{out}"
