"""Releasing a version (notices/release/freeze.py): options checked, the override recorded, archived texts left as frozen."""

from __future__ import annotations

import pytest
import yaml
from conftest import article, check, edit, page, release, run_build, text

SITE = "example-privacy"


def test_edits_to_snippets_and_facts_leave_archived_versions_byte_identical(released):
    site = released / "site"
    assert run_build(released, site, SITE).returncode == 0
    archive = sorted((released / "companies" / SITE / "versions").rglob("*.md"))
    before = {p: p.read_bytes() for p in archive}
    pages_before = {v: text(article(page(site, SITE, f"versions/{v}"))) for v in ("v1", "v2")}

    edit(released / "companies" / SITE / "company.yml", "privacy@example.com", "dpo@example.com")
    assert run_build(released, site, SITE).returncode == 0

    assert {p: p.read_bytes() for p in archive} == before
    for version, content in pages_before.items():
        archived = text(article(page(site, SITE, f"versions/{version}")))
        assert archived == content
        assert "privacy@example.com" in archived and "dpo@example.com" not in archived
    assert check(released).returncode == 0
    assert "differs from the latest released version 'v4'" in check(released).stdout

    # The change reaches readers when it is released.
    result = release(released, SITE, "--editorial", "--summary", "en=New privacy address",
                     "--summary", "ro=Adresă nouă", "--published", "2026-11-21", "--effective", "2027-01-11")
    assert result.returncode == 0, result.stderr
    assert run_build(released, site, SITE, as_of="2027-01-12").returncode == 0
    current = text(article(page(site, SITE)))
    assert "dpo@example.com" in current
    # A fact that reached every language alike never marks the translation as behind.
    translated = page(site, SITE, "ro")
    assert "dpo@example.com" in text(article(translated))
    assert not translated.select(".notice-site-note ul")


@pytest.mark.parametrize("args,message", [
    (["--editorial", "--summary", "en=Typo"],
     "argument --summary: a change summary is required in every language; missing: ro (add --summary ro=\"...\")"),
    (["--material", "--summary", "en=x", "--summary", "ro=y", "--published", "2026-12-20", "--effective", "2027-01-15"],
     "argument --effective: a material change must be published at least 30 days before it takes effect (effective "
     "2027-01-15, published 2026-12-20); choose --effective 2027-01-19 or later, or give --override-notice \"why\""),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--published", "2026-11-22", "--effective",
      "2026-12-01"], "argument --effective: effective date 2026-12-01 is not after v4's effective date 2027-01-10: "
                     "v4 was in force from that day and stays so; take effect after it"),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--published", "2027-01-10", "--as-of", "2027-01-10"],
     "argument --effective: effective date 2027-01-10 is not after v4's effective date 2027-01-10"),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--published", "2027-01-11", "--effective",
      "2027-01-12", "--as-of", "2027-01-13"],
     "argument --effective: effective date 2027-01-12 is before the release day (2027-01-13): until today readers "
     "were shown v4; take effect on 2027-01-13 or later"),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--published", "9999-12-31", "--as-of", "2027-01-20"],
     "argument --published: publication date 9999-12-31 is more than 31 days after the release day (2027-01-20): "
     "publish it on 2027-01-20"),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--effective", "9999-12-31"],
     "argument --effective: effective date 9999-12-31 is more than 731 days after the release day"),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--id", "v" * 301], "argument --id: version id 'vvvvv"),
    (["--editorial", "--summary", "en=x", "--summary", "ro=y", "--id", "v5\n"], "argument --id: version id 'v5\\n' must be"),
    (["--editorial", "--summary", "en=x\x0b", "--summary", "ro=y\u202e"],
     "argument --summary: the summaries and the reason are shown as written: --summary en: U+000B (a control "
     "character) is invisible to readers: remove it; --summary ro: U+202E (RIGHT-TO-LEFT OVERRIDE) reorders"),
    (["--summary", "en=x", "--summary", "ro=y", "--published", "2026-11-22", "--effective", "2027-02-01"],
     "argument --material/--editorial: say whether the change is material"),
])
def test_a_release_refused_for_its_options_names_the_option(released, args, message):
    edit(released / "docs" / SITE / "en" / "index.md", "We use your name", "We use your full name")
    result = release(released, SITE, *args)
    assert result.returncode == 2
    assert result.stderr.startswith(f"notices release: error: {message}"), result.stderr
    assert "versions.yml:1" not in result.stderr
    assert "Traceback" not in result.stderr
    assert len(yaml.safe_load((released / "companies" / SITE / "versions.yml").read_text())) == 4


def test_release_with_notice_override_records_why(released):
    edit(released / "docs" / SITE / "en" / "index.md", "We use your name", "We use your full name")
    result = release(released, SITE, "--material", "--summary", "en=x", "--summary", "ro=y",
                     "--published", "2026-11-22", "--effective", "2027-01-11",
                     "--override-notice", "Required by a court order of 2026-11-21", "--translation-current", "ro")
    assert result.returncode == 0, result.stderr
    entry = yaml.safe_load((released / "companies" / SITE / "versions.yml").read_text())[-1]
    assert entry["notice_override"] == "Required by a court order of 2026-11-21" and entry["id"] == "v5"


def test_release_refuses_when_nothing_changed(released):
    result = release(released, SITE, "--editorial", "--summary", "en=x", "--summary", "ro=y",
                     "--published", "2026-11-22", "--effective", "2027-01-11")
    assert result.returncode == 1
    assert "the text, title and facts shown have not changed since v4: nothing to release" in result.stderr
