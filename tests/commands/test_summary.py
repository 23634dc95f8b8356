"""`notices summary` (notices/commands/summary.py): the word changes a pull request makes, as reviewers see them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import (
    ROOT,
    edit,
)
from test_cli import example_project as cli_example_project
from test_cli import run


def test_pull_request_summary_shows_word_changes(released_template, tmp_path):
    # The fictional example, whose drafts are its latest release: real notices change as editors work.
    root = shutil.copytree(released_template, tmp_path / "project")
    edit(root / "docs" / "example-privacy" / "en" / "index.md", "for one year after", "for eighteen months after")
    edit(root / "docs" / "example-privacy" / "en" / "index.md", "title: Privacy notice", "title: Our privacy notice")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "pr_summary.py"), "--root", str(root)],
                            capture_output=True, text=True)
    assert result.returncode == 0
    name = "Example Privacy Ltd (fictional example)"
    english = result.stdout.split(f"### {name} — en\n", 1)[1].split("### ", 1)[0]
    assert "(`retention`, changed)" in english
    assert "The title changes from 'Privacy notice' to 'Our privacy notice'." in english
    assert "~~one~~**eighteen** ~~year~~**months**" in english
    assert f"### {name} — ro\n\nNo change since the released version v4." in result.stdout


SITE = "example-privacy"
example_project = cli_example_project  # the fixture: a copy of the project with the example company


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=Editor", "-c", "user.email=editor@example.com",
                    *args], check=True, capture_output=True)


def test_summary_of_the_pull_request_that_releases_a_version(example_project):
    from conftest import release

    assert release(example_project, SITE, "--published", "2026-01-10", "--summary", "en=First",
                   "--summary", "ro=Prima").returncode == 0
    _git(example_project, "init", "-q", "-b", "main")
    _git(example_project, "add", "-A")
    _git(example_project, "commit", "-q", "-m", "v1")
    _git(example_project, "checkout", "-q", "-b", "release-v2")
    edit(example_project / "docs" / SITE / "en" / "index.md", "for two years", "for one year")
    edit(example_project / "docs" / SITE / "ro" / "index.md", "timp de doi ani", "timp de un an")
    done = release(example_project, SITE, "--material", "--published", "2026-03-01", "--effective", "2026-04-15",
                   "--summary", "en=Shorter", "--summary", "ro=Mai scurt")
    assert done.returncode == 0, done.stdout + done.stderr
    result = run(example_project, "summary", SITE)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Compared with `main`." in out
    assert "No change since" not in out
    assert ("**New version v2** (material change): published 2026-03-01, in force from 2026-04-15. "
            "Compared with v1: 1 clause(s) change.") in out
    assert ("(`retention`, changed): 4. Cât timp le păstrăm Păstrăm datele timp de ~~doi~~**un** ~~ani~~**an** "
            "de la ultimul contact.") in out
    assert "We keep your data for ~~two~~**one** ~~years~~**year** after" in out
    # A later edit of the draft on the same branch is listed apart, as not yet released.
    edit(example_project / "docs" / SITE / "ro" / "index.md", "Puteți cere", "Puteți solicita")
    out = run(example_project, "summary", SITE).stdout
    assert "Draft not yet released, compared with v2: 1 clause(s) change." in out
    assert "~~cere~~**solicita**" in out
    assert "Readers see this only after `notices release example-privacy` releases it as a new version." in out
