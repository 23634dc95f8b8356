"""A build never damages what is published: failed, crashed or killed, one company or several."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import BUILD_DAY, BUILD_DAY_EPOCH, edit, run_build, run_build_command

SITE = "example-privacy"
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
