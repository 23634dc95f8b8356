"""`notices check` reports every problem as `path:line: message`, errors apart from warnings.

Each test breaks a private copy of the project and runs the check as an editor would, in a fresh process.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import (BUILD_DAY, ROOT, article, edit, page, release, release_example_history, run_build,
                      with_example)

SITE = "example-privacy"
AFTER_V5 = "2027-01-12"  # a v5 effective on 2027-01-11 is in force


def check(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run scripts/check.py on the project at `root`."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(root), *args],
                          capture_output=True, text=True)


def output(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def assert_error(result: subprocess.CompletedProcess, line: str) -> None:
    """The check failed, printed `line` exactly as one line under the errors, and did not crash."""
    out = output(result)
    assert "Traceback" not in out, out
    assert result.returncode == 1, out
    errors = out.split("Warnings:")[0]
    assert line in errors.splitlines(), f"{line!r} not printed as an error in:\n{out}"


@pytest.fixture(scope="session")
def released_template(tmp_path_factory) -> Path:
    """The example company with its four versions released, made once."""
    root = with_example(tmp_path_factory.mktemp("released") / "project")
    release_example_history(root)
    return root


@pytest.fixture
def released(released_template, tmp_path) -> Path:
    """A private copy of the released example to break."""
    root = tmp_path / "project"
    shutil.copytree(released_template, root)
    assert check(root).returncode == 0
    return root


# 1. A snippet that does not exist.

def test_unknown_snippet(project):
    edit(project / "docs/impro-celojumi/en/index.md", '{% include "complaint.md" %}', '{% include "nope.md" %}')
    assert_error(check(project), "docs/impro-celojumi/en/index.md:31: snippet 'nope.md' does not exist in "
                                 "docs/snippets/en/: check its name or add the file")


# 2. A fact the data file does not give.

def test_variable_without_a_value(project):
    edit(project / "docs/impro-media/en/index.md", "{{ company.tax_id }}", "{{ company.does_not_exist }}")
    assert_error(check(project), "docs/impro-media/en/index.md:56: 'company.does_not_exist' has no value in "
                                 "companies/impro-media/company.yml: correct the name, add the fact there or "
                                 "remove it from the text")


# 3. Company data and version registry with a missing or malformed value.

DATA_CASES = {
    "missing required fact": (
        "companies/impro-celojumi/company.yml", "tax_id: LV40003235627\n", "",
        "companies/impro-celojumi/company.yml:1: missing required fact 'tax_id': add the tax identification "
        "(VAT) number"),
    "malformed e-mail": (
        "companies/impro-celojumi/company.yml", "  email: impro@impro.lv", "  email: impro(at)impro.lv",
        "companies/impro-celojumi/company.yml:19: 'privacy_contact.email' is not a valid e-mail address: "
        "'impro(at)impro.lv'"),
    "malformed URL": (
        "companies/impro-celojumi/company.yml", "website: https://www.impro.lv", "website: www.impro.lv",
        "companies/impro-celojumi/company.yml:20: 'website' is not a valid web address (write it with https://): "
        "'www.impro.lv'"),
    "malformed date": (
        "companies/impro-celojumi/versions.yml", "effective: 2026-11-25", "effective: soon",
        "companies/impro-celojumi/versions.yml:4: 'effective' must be a date written YYYY-MM-DD, not 'soon'"),
}


@pytest.mark.parametrize("case", DATA_CASES)
def test_company_data_and_registry_values(project, case):
    relative, old, new, line = DATA_CASES[case]
    edit(project / relative, old, new)
    assert_error(check(project), line)


# 4. Clause ids: the same in every language, each once, and never lost from a released version.

CLAUSE_CASES = {
    "missing in one language": (
        "docs/impro-celojumi/en/index.md", "{: #recipients }", "{: #recipient }",
        "docs/impro-celojumi/en/index.md:14: clause 'recipients' (docs/impro-celojumi/lv/index.md:16) is missing "
        "in this language: add it after this line with the same id"),
    "duplicated": (
        "docs/impro-celojumi/en/index.md", "{: #amendments }", "{: #purposes }",
        "docs/impro-celojumi/en/index.md:26: duplicate clause id 'purposes' (first at line 11): "
        "give each clause its own id"),
}


@pytest.mark.parametrize("case", CLAUSE_CASES)
def test_clause_ids_match_across_languages(project, case):
    relative, old, new, line = CLAUSE_CASES[case]
    edit(project / relative, old, new)
    assert_error(check(project), line)


def test_clause_renamed_in_a_released_version_needs_a_redirect(released):
    for lang in ("en", "ro"):
        edit(released / "docs" / SITE / lang / "index.md", "{#retention}", "{#storage-period}")
    assert_error(check(released),
                 "docs/example-privacy/en/index.md:1: clause 'retention' of released version 'v4' no longer exists: "
                 "keep its id, or declare the new one in the front matter (renamed_clauses: {retention: new-id}) "
                 "so links keep working")

    for lang in ("en", "ro"):
        edit(released / "docs" / SITE / lang / "index.md", "---\n",
             "---\nrenamed_clauses: {retention: storage-period}\n")
    edit(released / "docs" / SITE / "ro" / "index.md", "translates: v4", "translates: v5")
    result = check(released)
    assert result.returncode == 0, output(result)
    assert "Traceback" not in output(result)

    done = release(released, SITE, "--editorial", "--summary", "en=Clause id renamed", "--summary", "ro=Id redenumit",
                   "--published", "2026-11-21", "--effective", "2027-01-11")
    assert done.returncode == 0, done.stdout + done.stderr
    built = run_build(released, released / "site", SITE, as_of=AFTER_V5)
    assert built.returncode == 0, built.output
    for url in ("", "ro"):
        body = article(page(released / "site", SITE, url))
        old = body.select_one("#retention")
        assert old is not None, f"no element with id='retention' in /{url}"
        assert old.find_next(id="storage-period") is not None
        assert body.select_one("#storage-period").name == "h2"


# 5. Versions in date order.

def test_version_entries_out_of_order(released):
    edit(released / "companies" / SITE / "versions.yml", "effective: 2026-05-02", "effective: 2026-04-01")
    assert_error(check(released), "companies/example-privacy/versions.yml:23: version 'v3' is dated before 'v2': "
                                  "versions must be in date order")


# 6. An archived version is never edited.

def test_archived_version_altered(released):
    edit(released / "companies" / SITE / "versions" / "v3" / "ro.md", "solicita", "cere")
    assert_error(check(released), "companies/example-privacy/versions/v3/ro.md:1: archived text altered: its SHA-256 "
                                  "no longer matches companies/example-privacy/versions.yml (version 'v3'); restore it "
                                  "from git, never edit it")


# 7. Nothing that runs or embeds.

NOT_ALLOWED = "is not allowed in a notice: a notice shows text, it never runs or embeds anything"
UNSAFE = {
    "script": ("<script>alert(1)</script>", f"<script> {NOT_ALLOWED}"),
    "iframe": ('<iframe src="x"></iframe>', f"<iframe> {NOT_ALLOWED}"),
    "object": ('<object data="x"></object>', f"<object> {NOT_ALLOWED}"),
    "style": ("<style>p{}</style>", f"<style> {NOT_ALLOWED}"),
    "event attribute": ('<img src="x" onerror="alert(1)">',
                        "event attributes (on...=) are not allowed in a notice: remove the attribute"),
    "javascript link": ("[click](javascript:alert(1))",
                        "javascript:, vbscript: and data: links are not allowed in a notice: "
                        "link to a web page instead"),
    "script in a snippet": ("<script>alert(1)</script>", f"<script> {NOT_ALLOWED}"),
}


@pytest.mark.parametrize("case", UNSAFE)
def test_raw_html_that_runs_or_embeds(project, case):
    markup, message = UNSAFE[case]
    if case == "script in a snippet":
        edit(project / "docs/snippets/en/contact.md", "- Website:", f"- Website: {markup}")
        where = "docs/snippets/en/contact.md:11"
    else:
        edit(project / "docs/impro-celojumi/en/index.md", "7\\. IMPRO has the right",
             f"7\\. {markup} IMPRO has the right")
        where = "docs/impro-celojumi/en/index.md:26"
    result = check(project)
    assert_error(result, f"{where}: {message}")
    assert output(result).count(f"{where}: {message}") == 1  # a shared snippet is reported once, not per company


# 8. Links that lead nowhere.

LINKS = {
    "anchor": ("[see](#no-such-clause)", "link to '#no-such-clause', which is not a clause or heading of this page: "
                                         "use one of its clause ids"),
    "page": ("[see](other.md)", "link to 'other.md', which is not a page in this language (pages: index.md)"),
}


@pytest.mark.parametrize("case", LINKS)
def test_links_to_missing_anchors_or_pages(project, case):
    link, message = LINKS[case]
    edit(project / "docs/impro-celojumi/en/index.md", "7\\. IMPRO has the right", f"7\\. {link} IMPRO has the right")
    assert_error(check(project), f"docs/impro-celojumi/en/index.md:26: {message}")


# 9. A version says what changed.

def test_empty_change_summary(project):
    edit(project / "companies/impro-media/versions.yml",
         "en: First publication of the privacy policy on this site.", 'en: ""')
    assert_error(check(project), "companies/impro-media/versions.yml:9: version 'v1' has an empty change summary in "
                                 "'en': write one")


# 10. A clean tree passes.

def test_clean_copy_passes(project):
    result = check(project)
    out = output(result)
    assert result.returncode == 0, out
    assert "Traceback" not in out
    assert "Errors" not in out
    assert re.search(r"^0 error\(s\), \d+ warning\(s\)$", out, re.MULTILINE)
    # The copy has no git history: one warning says so, beside the company's GDPR gaps.
    assert out.splitlines()[-3:] == ["impro-celojumi: all is well (2 warning(s) above)",
                                     "impro-media: all is well (2 warning(s) above)", "0 error(s), 4 warning(s)"]
    gdpr = [line for line in out.splitlines() if "/gdpr.yml:" in line]
    assert [line.split(":")[0] for line in gdpr] == ["companies/impro-celojumi/gdpr.yml", "companies/impro-media/gdpr.yml"]
    for line in out.splitlines()[:-3]:
        assert line in ("Warnings:", "") or re.match(r"^companies/[\w-]+/(gdpr|versions).yml:1: warning: ", line), line


# Translations that follow an older original are flagged, and readers are told which clause may be behind.

def test_translation_behind_its_original_is_a_warning_and_a_note_to_readers(released):
    edit(released / "docs" / SITE / "en" / "index.md", "We use your name and e-mail address",
         "We use your name, e-mail address and telephone number")
    result = check(released)
    out = output(result)
    assert result.returncode == 0, out
    assert "Traceback" not in out
    warning = ("docs/example-privacy/ro/index.md:14: warning: clause 'purposes' of the original changed since v4: "
               "this translation may be behind; update it and set 'translates: v5'")
    assert warning in out.split("Warnings:")[1].splitlines()
    assert [line for line in out.splitlines() if "may be behind" in line] == [warning]

    done = release(released, SITE, "--editorial", "--summary", "en=Telephone number", "--summary", "ro=Telefon",
                   "--published", "2026-11-21", "--effective", "2027-01-11")
    assert done.returncode == 0, done.stdout + done.stderr
    built = run_build(released, released / "site", SITE, as_of=AFTER_V5)
    assert built.returncode == 0, built.output

    body = article(page(released / "site", SITE, "ro"))
    notes = [note for note in body.select(".admonition.warning")]
    assert len(notes) == 1, notes
    assert notes[0].find_next_sibling().get("id") == "purposes"
    assert "Este posibil ca această traducere să nu fie actualizată" in notes[0].get_text()
    link = notes[0].select_one("a[href]")
    assert link["href"].endswith("#purposes") and link["hreflang"] == "en"
    assert not article(page(released / "site", SITE)).select(".admonition.warning")  # the original has no note
    # Before v5 takes effect readers get v3, which the translation follows: no note.
    before = run_build(released, released / "early", SITE, as_of=BUILD_DAY)
    assert before.returncode == 0, before.output
    assert not article(page(released / "early", SITE, "ro")).select(".admonition.warning")


# Robustness: damage the check has never seen is reported with its file and line, never with a traceback.

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


COMPANY = "companies/impro-media/company.yml"
VERSIONS = "companies/impro-media/versions.yml"
GDPR = "companies/impro-media/gdpr.yml"
PAGE = "docs/impro-media/en/index.md"
CONTACT = "docs/snippets/en/contact.md"

# name: (damage, expected exit code, the start of the line that must be printed)
DAMAGE = {
    "empty company.yml": (_write(COMPANY, ""), 1, f"{COMPANY}:1: missing required fact 'legal_name'"),
    "company.yml is a YAML list": (_write(COMPANY, "- a\n- b\n"), 1, f"{COMPANY}:1: expected a mapping of facts"),
    "company.yml is binary garbage": (_write(COMPANY, b"\x89PNG\r\n\x1a\n\x00\xff\xfe"), 1,
                                      f"{COMPANY}:1: not UTF-8 text"),
    "company.yml with a control character": (_edit(COMPANY, "tax_id: RO15653903", "tax_id: RO\x0715653903"), 1,
                                             f"{COMPANY}:13: YAML syntax: unacceptable character"),
    "company.yml with a Python tag": (_edit(COMPANY, "tax_id: RO15653903", "tax_id: !!python/name:os.system x"), 1,
                                      f"{COMPANY}:13: YAML value not allowed here"),
    "company.yml is a folder": (_folder_instead(COMPANY), 1, f"{COMPANY}:1: is a folder, not a file"),
    "company.yml lists a language twice": (_edit(COMPANY, "languages: [ro, en]", "languages: [ro, en, en]"), 1,
                                           f"{COMPANY}:33: language 'en' is listed twice"),
    "invalid UTF-8 in a notice page": (_replace_bytes(PAGE, b"{{ company.tax_id }}", b"\xff\xfe"), 1,
                                       f"{PAGE}:56: not UTF-8 text"),
    "unclosed front matter": (_edit(PAGE, "title: General Privacy Policy\n---\n", "title: General Privacy Policy\n"), 1,
                              f"{PAGE}:1: front matter opened with --- is never closed"),
    "front matter is a list": (_edit(PAGE, "translates: v1\ntitle: General Privacy Policy\n", "- v1\n- x\n"), 1,
                               f"{PAGE}:2: front matter must be key: value lines"),
    "renamed_clauses is a list": (_edit(PAGE, "translates: v1\n", "translates: v1\nrenamed_clauses: [a, b]\n"), 1,
                                  f"{PAGE}:3: renamed_clauses must map old clause ids to new ones"),
    "translates is a mapping": (_edit(PAGE, "translates: v1\n", "translates: {v: 1}\n"), 1,
                                f"{PAGE}:2: translates must name one released version"),
    "versions.yml is a mapping": (_write(VERSIONS, "v1: {effective: 2026-11-25}\n"), 1,
                                  f"{VERSIONS}:1: expected a list of versions"),
    "versions.yml entries are strings": (_write(VERSIONS, "- v1\n- v2\n"), 1,
                                         f"{VERSIONS}:2: each version must be a mapping"),
    "sha256 is not a mapping": (_edit(VERSIONS, "  sha256:\n", "  sha256: 5afc4499\n  old_sha256:\n"), 1,
                                f"{VERSIONS}:10: version 'v1' records no SHA-256 for 'en'"),
    "a date no calendar has": (_edit(VERSIONS, "effective: 2026-11-25", "effective: 2026-13-45"), 1,
                               f"{VERSIONS}:4: '2026-13-45' is not a valid value"),
    "translates in versions.yml is a list": (_edit(VERSIONS, "  sha256:\n", "  translates: [v1]\n  sha256:\n"), 1,
                                             f"{VERSIONS}:10: 'translates' must map each language"),
    "version id is a path": (_edit(VERSIONS, "id: v1", "id: ../../x"), 1, f"{VERSIONS}:3: version id '../../x'"),
    "gdpr.yml clauses is a list": (_write(GDPR, "clauses:\n  - who-we-are\nnot_applicable: {}\n"), 1,
                                   f"{GDPR}:2: expected 'clauses:' and 'not_applicable:' mappings"),
    "gdpr.yml is a scalar": (_write(GDPR, "clauses\n"), 1, f"{GDPR}:1: expected 'clauses:' and 'not_applicable:'"),
    "gdpr.yml names an unknown element key": (
        _edit(GDPR, "  storage: [retention]", "  storage: [retention, no-such-element]"), 1,
        f"{GDPR}:26: 'no-such-element' is not a GDPR element key"),
    "labels.yml missing": (_remove("docs/snippets/en/labels.yml"), 1,
                           "docs/snippets/en/labels.yml:1: the site's words in 'en' are missing"),
    "labels.yml is a list": (_write("docs/snippets/ro/labels.yml", "- notice\n"), 1,
                             "docs/snippets/ro/labels.yml:1: expected the site's words as key: text lines"),
    "snippet with a Jinja syntax error": (_edit(CONTACT, "{{ company.tax_id }}", "{{ company.tax_id }"), 1,
                                          f"{CONTACT}:5: template syntax: unexpected '}}'"),
    "snippet is a folder": (_folder_instead(CONTACT), 1, f"{CONTACT}:1: is a folder, not a snippet"),
    "snippet with invalid UTF-8": (_replace_bytes(CONTACT, b"Tax identification", b"Tax \xff identification"), 1,
                                   f"{CONTACT}:1: not UTF-8 text"),
    "snippet heading id with upper case": (_edit(CONTACT, "{#controller-contact", "{#Controller-Contact"), 1,
                                           f"{CONTACT}:1: clause id 'Controller-Contact' must be lower-case"),
    "heading id with upper case": (_edit(PAGE, "{#introduction}", "{#Introduction}"), 1,
                                   f"{PAGE}:6: clause id 'Introduction' must be lower-case letters"),
    "company alone": (_edit(PAGE, "{{ company.tax_id }}", "{{ company }}"), 1,
                      f"{PAGE}:56: 'company' is a group of facts, not one fact"),
    "a group of facts": (_edit(PAGE, "{{ company.tax_id }}", "{{ company.privacy_contact }}"), 1,
                         f"{PAGE}:56: 'company.privacy_contact' is a group of facts, not one fact"),
    "an attribute of a fact": (_edit(PAGE, "{{ company.tax_id }}", "{{ company.privacy_contact.email.nope }}"), 1,
                               f"{PAGE}:56: unknown variable: 'str object' has no attribute 'nope'"),
    "link filter on a group": (_edit(PAGE, "{{ company.tax_id }}", "{{ company.privacy_contact | link }}"), 1,
                               f"{PAGE}:56: cannot fill in this expression: the link filter needs one web address"),
    "include of a fact": (_edit(PAGE, "{{ company.tax_id }}", "{% include company.legal_name %}"), 1,
                          f"{PAGE}:56: snippet 'IMPRO-MEDIA S.R.L.' does not exist in docs/snippets/en/"),
    "extends instead of include": (_edit(PAGE, "{{ company.tax_id }}", '{% extends "contact.md" %}'), 1,
                                   f"{PAGE}:56: template syntax: {{% extends %}} is not used in a notice"),
    "a huge power": (_edit(PAGE, "{{ company.tax_id }}", "{{ 10 ** 10 ** 10 }}"), 1,
                     f"{PAGE}:56: not allowed in a notice: powers (**) are not used in a notice"),
    "a range too big": (_edit(PAGE, "{{ company.tax_id }}", "{{ range(1000000) | list | length }}"), 1,
                        f"{PAGE}:56: cannot fill in this expression: Range too big"),
    "division by zero": (_edit(PAGE, "{{ company.tax_id }}", "{{ 1 / 0 }}"), 1,
                         f"{PAGE}:56: cannot fill in this expression: division by zero"),
    "snippet includes itself": (_edit(CONTACT, "- Website:", '{% include "contact.md" %}\n- Website:'), 1,
                                f"{CONTACT}:11: snippets include each other without end"),
    "snippets include each other": (
        _then(_write("docs/snippets/en/loop.md", 'Loop\n\n{% include "contact.md" %}\n'),
              _edit(CONTACT, "- Website:", '{% include "loop.md" %}\n- Website:')), 1,
        f"{CONTACT}:11: snippets include each other without end"),
    "docs language folder missing": (_remove("docs/impro-media/en"), 1,
                                     "docs/impro-media/en:1: language 'en' (companies/impro-media/company.yml:33) "
                                     "has no folder"),
    "archived version file deleted": (_remove("companies/impro-media/versions/v1/en.md"), 1,
                                      "companies/impro-media/versions/v1/en.md:1: the archived text of 'v1' in 'en'"),
    "archived version file without its header": (_write("companies/impro-media/versions/v1/ro.md", "text\n"), 1,
                                                 "companies/impro-media/versions/v1/ro.md:1: archived text altered"),
    "archived version file is a folder": (_folder_instead("companies/impro-media/versions/v1/ro.md"), 1,
                                          "companies/impro-media/versions/v1/ro.md:1: the archived text of 'v1'"),
    # Valid input: a byte order mark is allowed, and a folder whose name ends in .md is not a page.
    "byte order mark in company.yml": (_replace_bytes(COMPANY, b"# ", b"\xef\xbb\xbf# "), 0, None),
    "folder named like a page": (lambda root: (root / "docs/impro-media/en/drafts.md").mkdir(), 0, None),
}


@pytest.mark.parametrize("case", DAMAGE)
def test_unexpected_damage_is_reported_with_file_and_line(project, case):
    damage, code, start = DAMAGE[case]
    damage(project)
    result = check(project)
    out = output(result)
    assert "Traceback" not in out, out
    assert "internal error" not in out, out
    assert result.returncode == code, out
    if start:
        assert any(line.startswith(start) for line in out.split("Warnings:")[0].splitlines()), \
            f"no line starting {start!r} in:\n{out}"
