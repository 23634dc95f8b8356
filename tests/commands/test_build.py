"""`notices build` (notices/commands/build.py): bad input stops it at its file and line, nothing published is lost.

A failed, crashed or killed build leaves the old site intact; a build reads each source once; two builds from the
same sources are byte-identical. Every case breaks a copy of the fictional example company, whose line numbers
belong to the fixture.
"""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from pathlib import Path

import markdown
import pytest
from conftest import BUILD_DAY, BUILD_DAY_EPOCH, ROOT, edit, run_build, run_build_command, with_example

from notices.model.archive import frozen_text
from notices.sources.cache import FOLDER_VARIABLE

SITE = "example-privacy"
EN = "docs/example-privacy/en/index.md"
RO = "docs/example-privacy/ro/index.md"
COMPANY = "companies/example-privacy/company.yml"
JS_LINK = ("the link to 'javascript:alert(1)' is not allowed in a notice (write https:// addresses, mailto:, tel: or "
           "a link to a clause)")
SNIPPET = "docs/snippets/en/extra.md"
PURPOSES = "We use your name"  # starts line 15 of the English example
HELP = ("a notice holds text, headings, lists, tables, admonitions and links to https:, mailto: or tel: addresses "
        "or to the site's own pages; remove it or write it as plain text")
PLAIN = "must be one line of plain text, without line breaks or any of < > ` * _ [ ] { } \\ |"


def _hashes(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(built_example) -> tuple[Path, dict[str, str]]:
    """The example company built once, with the hash of every file of its site."""
    hashes = _hashes(built_example / "site")
    assert any(name.endswith("index.html") for name in hashes)
    return built_example, hashes


@pytest.fixture
def broken(built, tmp_path) -> Path:
    """A private copy of the built example, site included, to break."""
    root = tmp_path / "project"
    shutil.copytree(built[0], root)
    return root


def _include(snippet: str):
    """A snippet of ours, included in the English text at line 15."""
    def damage(root: Path) -> None:
        (root / SNIPPET).write_text(snippet, encoding="utf-8")
        edit(root / EN, PURPOSES, '{% include "extra.md" %}\n\n' + PURPOSES)
    return damage


def _edit(relative: str, old: str, new: str):
    return lambda root: edit(root / relative, old, new)


def _html(markup: str):
    return _edit(EN, PURPOSES, markup + PURPOSES)


# name: (damage, the exact line the build must print)
CASES = {
    "unknown snippet": (
        _edit(EN, PURPOSES, '{% include "complain.md" %} ' + PURPOSES),
        f"{EN}:15: snippet 'complain.md' does not exist in docs/snippets/en/: check its name or add the file"),
    "snippet path outside the library": (
        _edit(EN, PURPOSES, '{% include "../../../companies/example-privacy/company.yml" %} ' + PURPOSES),
        f"{EN}:15: snippet '../../../companies/example-privacy/company.yml' does not exist in docs/snippets/en/: "
        "check its name or add the file"),
    "variable without a value": (
        _edit(EN, "{{ company.privacy_contact.email }}", "{{ company.privacy_contact.fax }}"),
        f"{EN}:11: 'company.privacy_contact.fax' has no value in {COMPANY}: did you mean "
        "'company.privacy_contact.email'? correct the name, add the fact there or remove it from the text"),
    "variable without a value inside a snippet": (
        _include("Extra\n\n{{ company.dpo_email }} may\n"),
        f"{SNIPPET}:3: 'company.dpo_email' has no value in {COMPANY}: correct the name, add the fact there or "
        "remove it from the text"),
    "data file missing a required fact": (
        _edit(COMPANY, "registered_address: 1 Example Street, Exampletown\n", ""),
        f"{COMPANY}:1: missing required fact 'registered_address': add the registered office address"),
    "malformed e-mail in the data file": (
        _edit(COMPANY, "  email: privacy@example.com", "  email: privacy(at)example.com"),
        f"{COMPANY}:12: 'privacy_contact.email' is not a valid e-mail address: 'privacy(at)example.com'"),
    "fact missing its translation": (
        _edit(COMPANY, "  ro: societate cu răspundere limitată\n", ""),
        f"{COMPANY}:5: 'legal_form' has no text for language(s) ['ro']: add one line per language"),
    "clause id absent from one language": (
        _edit(RO, "{#recipients}", "{#recipient}"),
        # Before any release neither file can be trusted more: the message names both.
        f"{EN}:17: clause id 'recipients' is not in the translation {RO}, which has 'recipient' at line 18: "
        "did you mean 'recipient'? Correct the misspelled id in whichever file holds it"),
    "duplicate clause id": (
        _edit(RO, "{#retention}", "{#purposes}"),
        f"{RO}:22: duplicate clause id 'purposes' (first at line 14): give each clause its own id"),
    "heading without a clause id": (
        _edit(RO, "## 3. Cine primește datele {#recipients}", "## 3. Cine primește datele"),
        f"{RO}:18: heading '3. Cine primește datele' has no clause id; the original has clause 'recipients' here "
        f"(docs/example-privacy/en/index.md:17): end it with {{#recipients}}"),
    "broken template syntax": (
        _edit(EN, "{{ company.legal_name }} uses", "{{ company.legal_name } uses"),
        f"{EN}:7: this fact opens with {{{{ but never closes with }}}}: end it with }}}}"),
    # Raw HTML: the rendered text must pass the allowlist; the line is the source line that brings it in.
    "script": (_html("<script>alert(1)</script> "), f"{EN}:15: <script> is not allowed in a notice: {HELP}"),
    "script after text": (_html("Text <script>alert(1)</script> "),
                          f"{EN}:15: <script> is not allowed in a notice: {HELP}"),
    "iframe": (_html('<iframe src="x"></iframe> '), f"{EN}:15: <iframe> is not allowed in a notice: {HELP}"),
    "object": (_html('<object data="x"></object> '), f"{EN}:15: <object> is not allowed in a notice: {HELP}"),
    "style element": (_html("<style>p{}</style> "), f"{EN}:15: <style> is not allowed in a notice: {HELP}"),
    "event attribute": (_html('<img src="x" onerror="alert(1)"> '), f"{EN}:15: <img> is not allowed in a notice: {HELP}"),
    "event attribute on an allowed tag": (_html('<b onclick="alert(1)">x</b> '),
                                          f'{EN}:15: the attribute onclick="alert(1)" on <b> is not allowed in a notice: {HELP}'),
    "javascript link": (_html("[click](javascript:alert(1)) "),
                        f"{EN}:15: {JS_LINK}: {HELP}"),
    "script in a snippet": (_include("Extra\n\nText <script>alert(1)</script>\n"),
                            f"{SNIPPET}:3: <script> is not allowed in a notice: {HELP}"),
    "svg onload": (_html("<svg/onload=alert(1)> "), f"{EN}:15: <svg> is not allowed in a notice: {HELP}"),
    "img split over two lines": (_html("<img\nonerror=alert(1)> "), f"{EN}:16: <img> is not allowed in a notice: {HELP}"),
    "attribute list": (_edit(EN, PURPOSES, 'Text.\n{: onclick="x" }\n\n' + PURPOSES),
                       f'{EN}:16: the attribute onclick="x" on <p> is not allowed in a notice: {HELP}'),
    "attribute on a heading": (_edit(EN, "{#purposes}", "{#purposes onmouseover=x}"),
                               f'{EN}:13: the attribute onmouseover="x" on <h2> is not allowed in a notice: {HELP}'),
    "reference link": (_edit(EN, PURPOSES, "[x][p] text\n\n[p]: javascript:alert(1)\n\n" + PURPOSES),
                       f"{EN}:17: {JS_LINK}: {HELP}"),
    "link in angle brackets": (_html("[x](<javascript:alert(1)>) "),
                               f"{EN}:15: {JS_LINK}: "
                               f'{HELP}'),
    "entity-encoded scheme": (_html('<a\nhref="jav&#x61;script:alert(1)">x</a> '),
                              f"{EN}:16: {JS_LINK}: "
                              f'{HELP}'),
    "mermaid block": (_html('<pre class="mermaid">graph</pre>\n\n'),
                      f'{EN}:15: the attribute class="mermaid" on <pre> is not allowed in a notice: {HELP}'),
    "hidden paragraph": (_html('<p style="display:none">x</p>\n\n'),
                         f'{EN}:15: the attribute style="display:none" on <p> is not allowed in a notice: {HELP}'),
    "remote image": (_html('<img src="https://evil.example/x.png"> '),
                     f"{EN}:15: <img> is not allowed in a notice: {HELP}"),
    "audio": (_html('<audio src="https://evil.example/x.mp3"></audio> '),
              f"{EN}:15: <audio> is not allowed in a notice: {HELP}"),
    # Facts, labels and titles are plain text, read as written.
    "markup in the legal name": (_edit(COMPANY, "legal_name: Example Privacy Ltd (fictional example)",
                                       'legal_name: "<script>x</script>"'), f"{COMPANY}:2: 'legal_name' {PLAIN}"),
    "angle bracket in the website": (
        _edit(COMPANY, "website: https://www.example.com", "website: https://x.example/<a>"),
        f"{COMPANY}:14: 'website' is not a web address such as https://www.example.com (https only, no spaces, quotes "
        "or angle brackets): 'https://x.example/<a>'"),
    "emphasis in the contact person": (_edit(COMPANY, "person: Alex Example", "person: Alex *Example*"),
                                       f"{COMPANY}:13: 'privacy_contact.person' {PLAIN}"),
    "link in the contact person": (_edit(COMPANY, "person: Alex Example", "person: Alex [Example](https://x.example)"),
                                   f"{COMPANY}:13: 'privacy_contact.person' {PLAIN}"),
    "markup in a label": (_edit("docs/snippets/en/labels.yml", "notice: Privacy notice", "notice: Privacy <b>notice</b>"),
                          "docs/snippets/en/labels.yml:2: the label 'notice' must be one line of text, without < > or "
                          "line breaks"),
    "markup in the title": (_edit(EN, "title: Privacy notice", 'title: "</title><script>"'), f"{EN}:2: the title {PLAIN}"),
    "unknown front matter key": (
        _edit(EN, "title: Privacy notice", "title: Privacy notice\ndescription: x"),
        f"{EN}:3: 'description' is not used in a notice's front matter: remove it (known: title (the page's title); "
        "translates (the released version of the original it translates); renamed_clauses (old clause ids and the "
        "ids that replaced them))"),
    "YAML alias bomb": (
        _edit(COMPANY, "notice_period_days: 30", "notice_period_days: 30\na: &a [x,x]\nb: &b [*a,*a]\nc: &c [*b,*b]\n"
              + "\n".join(f"d{n}: &d{n} [*c,*c,*c,*c,*c,*c,*c,*c,*c]" for n in range(9))),
        f"{COMPANY}:26: anchors and aliases (&name, *name) are not used in these files: write the value out in full"),
    "nested loops in a snippet": (
        _include("Extra\n\n{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}\n"),
        f"{SNIPPET}:3: template syntax: 'for' is not used in a notice: a notice's template code only fills in facts "
        "({{ company.legal_name }}), tests them ({% if ... %}) and includes snippets"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_rejected_with_file_and_line(built, broken, case):
    damage, line = CASES[case]
    damage(broken)
    result = run_build(broken, broken / "site", SITE)

    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    assert [out for out in result.output.splitlines() if out.endswith(line)], f"{line!r} not in:\n{result.output}"
    assert _hashes(broken / "site") == built[1], "a failed build changed the published site"


def test_the_build_command_exits_1_and_prints_the_line_on_stderr(built, broken):
    """The cases above run the build in this process; this one runs scripts/build.py itself."""
    damage, line = CASES["script"]
    damage(broken)
    result = run_build_command(broken, broken / "site", SITE, timeout=60)
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    assert [out for out in result.output.splitlines() if out.endswith(line)], result.output
    assert _hashes(broken / "site") == built[1], "a failed build changed the published site"


def test_html_in_a_code_block_is_shown_as_text(built, broken):
    edit(broken / EN, PURPOSES, "```\n<script>alert(1)</script>\n```\n\n" + PURPOSES)
    result = run_build(broken, broken / "site", SITE)
    assert result.returncode == 0, result.output
    html = (broken / "site" / SITE / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_page_missing_in_a_language_is_an_error(broken):
    (broken / EN).rename(broken / "docs/example-privacy/en/other.md")
    result = run_build(broken, broken / "site", SITE)
    assert result.returncode == 1
    assert (f"{RO}:1: this page has no 'en' version: add {EN} "
            "(a missing translation is never filled in from another language)") in result.output


def test_languages_must_match_the_data_file(broken):
    edit(broken / "companies/example-privacy/mkdocs.yml", "      - locale: ro\n        name: Română\n", "")
    result = run_build(broken, broken / "site", SITE)
    assert result.returncode == 1
    assert ("companies/example-privacy/mkdocs.yml:11: the i18n languages [('en', True)] do not match "
            f"{COMPANY} (languages ['en', 'ro'], default_language en): make them the same") in result.output


def test_yaml_syntax_error_names_the_line(broken):
    edit(broken / COMPANY, "short_name: Example Privacy\n", "short_name: [Example Privacy\n")
    result = run_build(broken, broken / "site", SITE)
    assert result.returncode == 1
    # At the line where the list opens, in words: no parser jargon.
    assert (f"{COMPANY}:3: a list or group opened with [ or {{ on this line is not closed: add ] or }} at its end"
            in result.output)
    assert "expected" not in result.output


def test_an_editors_slips_are_named_where_they_are(tmp_path):
    """A lone clause id, an unclosed if, an http link, a fact out of its group: each at its line, in words."""
    from notices.checks.all import check_company
    from notices.sources.layout import Layout
    from notices.sources.load import load_site
    from notices.sources.problems import SourceError

    root = with_example(tmp_path / "project")
    layout = Layout(root)

    def problems() -> list[str]:
        try:
            site = load_site(layout.company_dir(SITE), layout.docs_dir(SITE), layout.snippets_dir, root)
            return [str(p) for p in check_company(site).errors]
        except SourceError as error:
            return [str(p) for p in error.problems]

    page, data = root / EN, root / COMPANY
    original, facts = page.read_text(encoding="utf-8"), data.read_text(encoding="utf-8")
    page.write_text(original.replace("## 2. Why we use your data {#purposes}", "## 2. Why we use your data\n\n{: #purposes }"),
                    encoding="utf-8")
    assert any(p.startswith(f"{EN}:15: '{{: #purposes }}' stands alone after a blank line") for p in problems())
    page.write_text(original.replace("We use your name", "{% if company.legal_name %}We use your name"), encoding="utf-8")
    assert f"{EN}:15: this {{% if %}} is never closed: add {{% endif %}} where the conditional text ends" in problems()
    page.write_text(original.replace("We use your name", "[We](http://example.com/x) use your name"), encoding="utf-8")
    assert any(p.startswith(f"{EN}:15: the link to 'http://example.com/x' is not allowed") for p in problems())
    page.write_text(original, encoding="utf-8")
    data.write_text(facts.replace("  person: Alex Example\n", "") + "person: Alex Example\n", encoding="utf-8")
    assert any("'person' is not a fact this project uses: did you mean 'privacy_contact.person' (indent it under "
               "its group)?" in p for p in problems())




NOTICE = f"docs/{SITE}/en/index.md"


# What the plugin calls once a language's pages are written into staging: the worst moment for a surprise.
SITE_FILES = "notices.plugin.content.site_files"


# Loaded by a fresh Python before anything else (PYTHONPATH): the build is killed at that moment.
KILLED_AT_SITE_FILES = (
    "import os, signal\n"
    "import notices.plugin.content as content\n"
    "content.site_files = lambda *args: os.kill(os.getpid(), signal.SIGKILL)\n")


BROKEN_NOTICE = ("{{ company.privacy_contact.email }}", "{{ company.no_such_fact }}")


def build(root: Path, *companies: str):
    """Build into root/site, as of the example's day, with fixed timestamps."""
    return run_build(root, root / "site", *(companies or (SITE,)), as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)


@pytest.fixture
def project(built_example, tmp_path) -> Path:
    """A private copy of the built example project."""
    return Path(shutil.copytree(built_example, tmp_path / "project", symlinks=True))


def snapshot(site: Path) -> dict:
    """Every file and folder under the site, with the bytes of each file."""
    return {p.relative_to(site).as_posix(): (p.read_bytes() if p.is_file() else None) for p in site.rglob("*")}


def assert_untouched(project: Path, before: dict) -> None:
    """The site is byte-identical and no staging folder is left, inside it or beside it."""
    assert snapshot(project / "site") == before, "a failed build changed the published site"
    assert sorted(p.name for p in (project / "site").iterdir()) == [SITE]
    assert not (project / ".site-staging").exists()


def test_a_failed_build_leaves_the_site_and_no_staging(project):
    before = snapshot(project / "site")
    edit(project / NOTICE, *BROKEN_NOTICE)
    result = build(project)
    assert result.returncode == 1
    assert f"{NOTICE}:11: 'company.no_such_fact' has no value" in result.output
    assert "Traceback" not in result.output
    assert_untouched(project, before)


def test_an_unexpected_exception_is_reported_as_path_line_and_changes_nothing(project, monkeypatch):
    before = snapshot(project / "site")

    def disk_on_fire(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(SITE_FILES, disk_on_fire)
    result = build(project)
    assert result.returncode == 1
    assert "notices/plugin/content.py:" in result.output
    assert f"the build of {SITE} stopped: RuntimeError: disk on fire" in result.output
    assert "Traceback" not in result.output
    assert_untouched(project, before)


def test_what_a_killed_build_left_is_cleared_by_the_next(project, tmp_path, monkeypatch):
    before = snapshot(project / "site")
    killer = tmp_path / "killer"
    killer.mkdir()
    (killer / "sitecustomize.py").write_text(KILLED_AT_SITE_FILES, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(killer))
    # Only a process of its own can be killed: this build runs scripts/build.py.
    killed = run_build_command(project, project / "site", SITE, as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
    assert killed.returncode == -9, killed.output
    assert snapshot(project / "site") == before
    leftovers = list((project / ".site-staging").iterdir())
    assert leftovers and (leftovers[0] / "index.html").is_file()  # a half-built site, outside site/

    monkeypatch.delenv("PYTHONPATH")
    result = build(project)
    assert result.returncode == 0, result.output
    assert not (project / ".site-staging").exists()
    assert snapshot(project / "site") == before


def test_a_site_moved_aside_by_a_killed_build_is_put_back(project):
    before = snapshot(project / "site")
    # Killed between moving the old site aside and moving the new one in.
    staging = project / ".site-staging"
    staging.mkdir()
    (project / "site" / SITE).rename(staging / f"{SITE}.previous")
    shutil.copytree(staging / f"{SITE}.previous", staging / f"{SITE}-half-built")
    edit(project / NOTICE, *BROKEN_NOTICE)  # and the next build fails: the old site must still come back
    result = build(project)
    assert result.returncode == 1
    assert f"restored {project / 'site' / SITE}" in result.output
    assert_untouched(project, before)


def test_one_company_failing_leaves_the_others_built(project):
    edit(project / NOTICE, *BROKEN_NOTICE)
    result = build(project, SITE, "impro-celojumi")
    assert result.returncode == 1
    assert (project / "site" / "impro-celojumi" / "index.html").is_file()
    assert (project / "site" / "impro-celojumi" / "en" / "index.html").is_file()
    assert "built impro-celojumi" in result.output
    assert f"build failed for {SITE}:" in result.output
    assert "Traceback" not in result.output




def test_a_fresh_build_renders_each_published_text_once_per_page(released_template, tmp_path, monkeypatch):
    root = shutil.copytree(released_template, tmp_path / "project")
    monkeypatch.setenv(FOLDER_VARIABLE, str(tmp_path / "empty-cache"))  # nothing kept from earlier runs
    rendered: Counter[str] = Counter()
    convert = markdown.Markdown.convert

    def counted(self, source: str) -> str:
        rendered[source.strip()] += 1
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counted)
    result = run_build(root, tmp_path / "site", SITE, as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
    assert result.returncode == 0, result.output
    company_dir = root / "companies" / SITE
    for lang in ("en", "ro"):
        for version in ("v1", "v2", "v3", "v4"):
            text = frozen_text(company_dir, version, lang).strip()
            # Its own page; the version in force (v3 on the build day) is also the notice page.
            assert rendered[text] == (2 if version == "v3" else 1), (version, lang)


def test_a_build_parses_each_yaml_source_and_front_matter_once(released_template, tmp_path, monkeypatch):
    from notices.sources import yamlsource

    root = shutil.copytree(released_template, tmp_path / "project")
    yamlsource._parsed.cache_clear()  # nothing kept from earlier tests in this process
    parsed: Counter[str] = Counter()
    parse = yamlsource.parse_yaml

    def counted(text: str, shown_as: str, *args, **kwargs):
        parsed[shown_as] += 1
        return parse(text, shown_as, *args, **kwargs)

    monkeypatch.setattr(yamlsource, "parse_yaml", counted)
    monkeypatch.setattr("notices.sources.pages.parse_yaml", counted)
    monkeypatch.setattr("notices.model.archive.parse_yaml", counted)
    monkeypatch.setattr("notices.model.history.parse_yaml", counted)
    result = run_build(root, tmp_path / "site", SITE, as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
    assert result.returncode == 0, result.output
    assert {f"companies/{SITE}/company.yml", f"companies/{SITE}/versions.yml", "docs/snippets/en/labels.yml",
            f"docs/{SITE}/en/index.md"} <= set(parsed)
    assert {name: count for name, count in parsed.items() if count > 1} == {}


def test_two_builds_are_byte_identical(site, tmp_path):
    # The shared build ran in a test worker; this one runs in a process of its own (another hash seed,
    # nothing kept in memory), with the same day and timestamps.
    second = run_build_command(ROOT, tmp_path / "two" / "site", as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
    assert second.returncode == 0, second.output
    files_one = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    files_two = {p.relative_to(second.site): p.read_bytes() for p in second.site.rglob("*") if p.is_file()}
    assert len(files_one) > 50
    assert files_one.keys() == files_two.keys()
    different = [str(path) for path in files_one if files_one[path] != files_two[path]]
    assert different == []




def test_the_build_refuses_a_link_that_copies_readers_mail_and_leaves_the_site_as_it_was(released_template, tmp_path):
    root = Path(shutil.copytree(released_template, tmp_path / "project"))
    for lang in ("en", "ro"):
        (root / "docs" / SITE / lang / "about.md").write_text(
            "# About {#about}\n\nWrite to [us](mailto:privacy@example.com?cc=collector@elsewhere.example).\n",
            encoding="utf-8")
    result = run_build(root, tmp_path / "site", SITE, as_of=BUILD_DAY)
    assert result.returncode != 0
    assert f"docs/{SITE}/en/about.md:3: the mail link to 'mailto:privacy@example.com?cc=" in result.output
    assert not (tmp_path / "site" / SITE).exists()
