"""`notices summary` (notices/commands/summary.py): the word changes a pull request makes, as reviewers see them."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import (
    ROOT,
    edit,
)


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
