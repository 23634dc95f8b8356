"""Released versions stay exactly as released (notices/checks/integrity.py): an altered, removed or re-dated version fails the check."""

from __future__ import annotations

from conftest import check, edit, run_build

SITE = "example-privacy"


def test_check_fails_when_an_archived_text_is_altered(released):
    edit(released / "companies" / SITE / "versions" / "v2" / "en.md", "payment processor", "payment provider")
    result = check(released)
    assert result.returncode == 1
    assert ("companies/example-privacy/versions/v2/en.md:1: archived text altered: its SHA-256 no longer matches "
            "companies/example-privacy/versions.yml (version 'v2'); restore it from git, never edit it") in result.stdout
    assert run_build(released, released / "site", SITE).returncode == 1


def test_check_fails_when_a_version_is_removed_or_re_dated(released):
    (released / "companies" / SITE / "versions" / "v1" / "ro.md").unlink()
    edit(released / "companies" / SITE / "versions.yml", "effective: 2026-04-15", "effective: 2026-04-01")
    result = check(released)
    assert result.returncode == 1
    assert ("the archived text of 'v1' in 'ro' (companies/example-privacy/versions/v1/ro.md) was removed: "
            "restore it from git") in result.stdout
    assert "version 'v2' was re-dated: companies/example-privacy/versions.yml moves its effective 2026-04-15 to 2026-04-01" in result.stdout
