"""`notices check` reports every problem as `path:line: message`, errors apart from warnings.

Each test breaks a private copy of the project and runs the check as an editor would (in this process;
test_cli.py runs the command itself). Damage the check has never seen is reported with its file and line too,
never with a traceback.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import BUILD_DAY, Ran, article, check, edit, page, release, run_build, with_example

SITE = "example-privacy"
AFTER_V5 = "2027-01-12"  # a v5 effective on 2027-01-11 is in force


def output(result: Ran) -> str:
    return result.stdout + result.stderr


def assert_error(result: Ran, line: str) -> None:
    """The check failed, printed `line` exactly as one line under the errors, and did not crash."""
    out = output(result)
    assert "Traceback" not in out, out
    assert result.returncode == 1, out
    errors = out.split("Warnings:")[0]
    assert line in errors.splitlines(), f"{line!r} not printed as an error in:\n{out}"


@pytest.fixture(scope="session")
def example_template(tmp_path_factory) -> Path:
    """The example company before any release, made once."""
    return with_example(tmp_path_factory.mktemp("example-source") / "project")


@pytest.fixture
def fresh(example_template, tmp_path) -> Path:
    """A private copy of the unreleased example to break."""
    root = tmp_path / "project"
    shutil.copytree(example_template, root)
    return root


EN = f"docs/{SITE}/en/index.md"
RO = f"docs/{SITE}/ro/index.md"
EXAMPLE_COMPANY = f"companies/{SITE}/company.yml"
PURPOSES = "We use your name"  # starts line 15 of the English example


# 1. A snippet that does not exist.

def test_unknown_snippet(fresh):
    edit(fresh / EN, PURPOSES, '{% include "nope.md" %} ' + PURPOSES)
    assert_error(check(fresh, SITE), f"{EN}:15: snippet 'nope.md' does not exist in docs/snippets/en/: check its name "
                                     "or add the file")


# 2. A fact the data file does not give.

def test_variable_without_a_value(fresh):
    edit(fresh / EN, "{{ company.privacy_contact.email }}", "{{ company.does_not_exist }}")
    assert_error(check(fresh, SITE), f"{EN}:11: 'company.does_not_exist' has no value in {EXAMPLE_COMPANY}: correct "
                                     "the name, add the fact there or remove it from the text")


# 3. Company data and version registry with a missing or malformed value.

DATA_CASES = {
    "missing required fact": (
        EXAMPLE_COMPANY, "registered_address: 1 Example Street, Exampletown\n", "",
        f"{EXAMPLE_COMPANY}:1: missing required fact 'registered_address': add the registered office address"),
    "malformed e-mail": (
        EXAMPLE_COMPANY, "  email: privacy@example.com", "  email: privacy(at)example.com",
        f"{EXAMPLE_COMPANY}:12: 'privacy_contact.email' is not a valid e-mail address: 'privacy(at)example.com'"),
    "malformed URL": (
        EXAMPLE_COMPANY, "website: https://www.example.com", "website: www.example.com",
        f"{EXAMPLE_COMPANY}:14: 'website' is not a web address such as https://www.example.com (https only, no "
        "spaces, quotes or angle brackets): 'www.example.com'"),
    "malformed date": (
        f"companies/{SITE}/versions.yml", "effective: 2026-01-10", "effective: soon",
        f"companies/{SITE}/versions.yml:4: 'effective' must be a date written YYYY-MM-DD, not 'soon'"),
}


@pytest.mark.parametrize("case", DATA_CASES)
def test_company_data_and_registry_values(released, case):
    relative, old, new, line = DATA_CASES[case]
    edit(released / relative, old, new)
    assert_error(check(released, SITE), line)


def test_optional_facts_may_be_left_out(fresh):
    for fact in ("tax_id: EX000000001\n", "working_address: 1 Example Street, Exampletown\n",
                 "website: https://www.example.com\n"):
        edit(fresh / EXAMPLE_COMPANY, fact, "")
    result = check(fresh, SITE)
    assert result.returncode == 0, output(result)


# 4. Clause ids: the same in every language, each once, and never lost from a released version.

CLAUSE_CASES = {
    "missing in one language": (
        RO, "{#recipients}", "{#recipient}",
        # Before any release neither file can be trusted more: the message names both.
        f"{EN}:17: clause id 'recipients' is not in the translation {RO}, which has 'recipient' at line 18: "
        "did you mean 'recipient'? Correct the misspelled id in whichever file holds it"),
    "duplicated": (
        RO, "{#retention}", "{#purposes}",
        f"{RO}:22: duplicate clause id 'purposes' (first at line 14): give each clause its own id"),
}


@pytest.mark.parametrize("case", CLAUSE_CASES)
def test_clause_ids_match_across_languages(fresh, case):
    relative, old, new, line = CLAUSE_CASES[case]
    edit(fresh / relative, old, new)
    assert_error(check(fresh, SITE), line)


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
    edit(released / "companies" / SITE / "gdpr.yml", "clause: retention", "clause: storage-period")
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

def test_a_redated_version_is_told_once_as_the_cause_of_its_disorder(released):
    edit(released / "companies" / SITE / "versions.yml", "effective: 2026-05-02", "effective: 2026-04-01")
    result = check(released)
    assert_error(result, "companies/example-privacy/versions.yml:41: version 'v3' was re-dated: "
                         "companies/example-privacy/versions.yml moves its effective 2026-05-02 to 2026-04-01, but it "
                         "was released with effective 2026-05-02 and published 2026-05-02 (its archived texts say so): "
                         "a released version's dates never change; write them back (effective: 2026-05-02, "
                         "published: 2026-05-02) and release a new version to change when it applies")
    assert "dated before" not in output(result)
    assert output(result).count("was re-dated") == 1
    built = run_build(released, released / "site", SITE, as_of="2026-11-25")
    assert built.returncode == 1 and built.output.count("was re-dated") == 1, built.output


def test_a_version_moved_into_the_future_is_told_so(released):
    edit(released / "companies" / SITE / "versions.yml", "effective: 2026-05-02", "effective: 2999-05-02")
    assert "moves its effective 2026-05-02 to 2999-05-02 (in the future)" in output(check(released))


# 6. An archived version is never edited.

def test_archived_version_altered(released):
    edit(released / "companies" / SITE / "versions" / "v3" / "ro.md", "solicita", "cere")
    assert_error(check(released), "companies/example-privacy/versions/v3/ro.md:1: archived text altered: its SHA-256 "
                                  "no longer matches companies/example-privacy/versions.yml (version 'v3'); restore it "
                                  "from git, never edit it")


# 7. Nothing that runs or embeds: the rendered text passes an HTML allowlist (more cases in test_build.py).

NOT_ALLOWED = ("is not allowed in a notice: a notice holds text, headings, lists, tables, admonitions and links to "
               "https:, mailto: or tel: addresses or to the site's own pages; remove it or write it as plain text")
UNSAFE = {
    "script": ("<script>alert(1)</script>", f"<script> {NOT_ALLOWED}"),
    "iframe": ('<iframe src="x"></iframe>', f"<iframe> {NOT_ALLOWED}"),
    "object": ('<object data="x"></object>', f"<object> {NOT_ALLOWED}"),
    "style": ("<style>p{}</style>", f"<style> {NOT_ALLOWED}"),
    "event attribute": ('<span onclick="alert(1)">x</span>', f'the attribute onclick="alert(1)" on <span> {NOT_ALLOWED}'),
    "javascript link": ("[click](javascript:alert(1))",
                        "the link to 'javascript:alert(1)' is not allowed in a notice (write https:// addresses, "
                        "mailto:, tel: or a link to a clause): " + NOT_ALLOWED.split(": ", 1)[1]),
    "script in a snippet": ("<script>alert(1)</script>", f"<script> {NOT_ALLOWED}"),
}


@pytest.mark.parametrize("case", UNSAFE)
def test_raw_html_that_runs_or_embeds(fresh, case):
    markup, message = UNSAFE[case]
    if case == "script in a snippet":
        (fresh / "docs/snippets/en/extra.md").write_text(f"Extra text.\n\nSee {markup} here.\n", encoding="utf-8")
        edit(fresh / EN, PURPOSES, '{% include "extra.md" %}\n\n' + PURPOSES)
        where = "docs/snippets/en/extra.md:3"
    else:
        edit(fresh / EN, PURPOSES, f"Text {markup} " + PURPOSES)
        where = f"{EN}:15"
    result = check(fresh)
    assert_error(result, f"{where}: {message}")
    assert output(result).count(f"{where}: ") == 1  # one problem, reported once


# 7b. Bold text opened and never closed: readers would see the markers.

def test_an_unclosed_bold_marker_is_refused_at_its_line(fresh):
    edit(fresh / EN, PURPOSES, "We use **your name")
    edit(fresh / EN, "Our hosting provider", "Our **hosting** provider")
    result = check(fresh, SITE)
    assert_error(result, f"{EN}:15: '**' before 'your' is never closed: readers would see the ** as written; "
                         "close the bold text with another ** where it ends, or remove it")
    assert output(result).count("never closed") == 1


# 8. Links that lead nowhere.

LINKS = {
    "anchor": ("[see](#no-such-clause)", "link to '#no-such-clause', which is not a clause or heading of this page: "
                                         "use one of its clause ids"),
    "page": ("[see](other.md)", "link to 'other.md', which is not a page in this language (pages: index.md)"),
}


@pytest.mark.parametrize("case", LINKS)
def test_links_to_missing_anchors_or_pages(fresh, case):
    link, message = LINKS[case]
    edit(fresh / EN, PURPOSES, f"{link} {PURPOSES}")
    assert_error(check(fresh, SITE), f"{EN}:15: {message}")


# 9. A version says what changed.

def test_empty_change_summary(released):
    edit(released / "companies" / SITE / "versions.yml", "en: Summary of v1", 'en: ""')
    assert_error(check(released, SITE), "companies/example-privacy/versions.yml:8: version 'v1' has an empty change "
                                        "summary in 'en': write one")


# 10. A clean tree passes.

def test_clean_copy_passes(project):
    result = check(project)
    out = output(result)
    assert result.returncode == 0, out
    assert "Traceback" not in out
    assert "Errors" not in out
    assert re.search(r"^0 error\(s\), \d+ warning\(s\)$", out, re.MULTILINE)
    # Warnings only (the copy has no git history; an editor's draft may differ from its release), each at a
    # file and line; then one line per company.
    *warnings, celojumi, media, total = out.splitlines()
    assert re.fullmatch(r"impro-celojumi: all is well( \(\d+ warning\(s\) above\))?", celojumi)
    assert re.fullmatch(r"impro-media: all is well( \(\d+ warning\(s\) above\))?", media)
    for line in warnings:
        assert line in ("Warnings:", "") or re.match(r"^(companies|docs)/[\w./-]+:\d+: warning: ", line), line
    assert [line for line in warnings if line.startswith("companies/impro-media/versions.yml:1: warning: ")]


# Translations that follow an older original are flagged, and the site's translation note lists the clauses behind.

def test_translation_behind_its_original_is_a_warning_and_a_note_to_readers(released):
    edit(released / "docs" / SITE / "en" / "index.md", "We use your name and e-mail address",
         "We use your name, e-mail address and telephone number")
    result = check(released)
    out = output(result)
    assert result.returncode == 0, out
    assert "Traceback" not in out
    warning = ("docs/example-privacy/ro/index.md:14: warning: clause 'purposes' of the original changed since v4 and "
               "its translation did not: update it, or, if it is still accurate, release with --translation-current ro")
    assert warning in out.split("Warnings:")[1].splitlines()
    assert [line for line in out.splitlines() if "translation did not" in line] == [warning]

    asked = release(released, SITE, "--editorial", "--summary", "en=Telephone number", "--summary", "ro=Telefon",
                    "--published", "2026-11-21", "--effective", "2027-01-11")
    assert asked.returncode == 1  # the release asks: update the translation, or say it is current or behind
    assert ("docs/example-privacy/ro/index.md:14: clauses purposes of the original changed but their 'ro' translation did not: update "
            "docs/example-privacy/ro/index.md, or release with --translation-current ro if it is still accurate, "
            "or with --translation-behind ro to publish it marked as behind") in asked.stderr
    done = release(released, SITE, "--editorial", "--summary", "en=Telephone number", "--summary", "ro=Telefon",
                   "--published", "2026-11-21", "--effective", "2027-01-11", "--translation-behind", "ro")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "translation did not" not in output(check(released))  # the release recorded it; readers see it
    built = run_build(released, released / "site", SITE, as_of=AFTER_V5)
    assert built.returncode == 0, built.output

    notes = page(released / "site", SITE, "ro").select(".notice-site-note")
    assert len(notes) == 1, notes
    note = notes[0]
    assert note.find_parent(attrs={"data-notice-body": True}) is None  # the site's words, not the company's text
    assert not page(released / "site", SITE, "ro").select("[data-notice-body] .notice-site-note")
    assert "s-au schimbat după realizarea traducerii" in note.get_text()
    behind = note.select("li a[href]")
    assert [(a["href"], a["hreflang"], a.get_text(strip=True)) for a in behind] == [
        ("../#purposes", "en", "2. Why we use your data")]
    assert not page(released / "site", SITE).select(".notice-site-note")  # the original has no translation note
    # Before v5 takes effect readers get v3, which the translation follows: a translation note, no clause behind.
    before = run_build(released, released / "early", SITE, as_of=BUILD_DAY)
    assert before.returncode == 0, before.output
    early = page(released / "early", SITE, "ro").select(".notice-site-note")
    assert len(early) == 1 and early[0].select("li") == []
    assert "s-au schimbat" not in early[0].get_text()


def test_a_translation_confirmed_current_is_not_behind(released):
    edit(released / "docs" / SITE / "en" / "index.md", "We use your name and e-mail address",
         "We use your name and your e-mail address")
    done = release(released, SITE, "--editorial", "--summary", "en=Wording", "--summary", "ro=Formulare",
                   "--published", "2026-11-21", "--effective", "2027-01-11", "--translation-current", "ro")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "may be behind" not in output(check(released)) and "translation did not" not in output(check(released))
    built = run_build(released, released / "site", SITE, as_of=AFTER_V5)
    assert built.returncode == 0, built.output
    assert not page(released / "site", SITE, "ro").select(".notice-site-note li")


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
