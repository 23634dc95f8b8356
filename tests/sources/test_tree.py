"""The source folders a build reads (notices/sources/tree.py): nothing linked from outside is read or published."""

from __future__ import annotations

import pytest
from test_site_config import SECRET, SITE, refused
from test_site_config import project as configured_project

project = configured_project  # the fixture: a copy of the built example with a secret beside it


def test_a_snippet_linked_to_a_file_outside_is_refused(project, tmp_path):
    snippet = project / "docs" / "snippets" / "en" / "contact.md"
    snippet.symlink_to(tmp_path / "outside" / "secret.md")
    refused(project, "docs/snippets/en/contact.md:1: is a symbolic link to ")


def test_a_linked_folder_under_the_company_docs_is_refused(project, tmp_path):
    (project / "docs" / SITE / "en" / "more").symlink_to(tmp_path / "outside", target_is_directory=True)
    (project / "docs" / SITE / "ro" / "more").symlink_to(tmp_path / "outside", target_is_directory=True)
    output = refused(project, f"docs/{SITE}/en/more:1: is a symbolic link to ")
    assert "replace it with the folder itself" in output


def test_a_linked_template_override_is_refused(project, tmp_path):
    (project / "overrides" / "partials").mkdir(exist_ok=True)
    (project / "overrides" / "partials" / "copyright.html").symlink_to(tmp_path / "outside" / "secret.md")
    refused(project, "overrides/partials/copyright.html:1: is a symbolic link to ")


@pytest.mark.parametrize("name,message", [
    ("en/x.html", "only notice pages (.md) are published from this folder"),
    ("en/evil.js", "only notice pages (.md) are published from this folder"),
    ("en/images/logo.png", "only notice pages (.md) are published from this folder"),
    ("stray.md", "is not in a language folder"),
])
def test_only_notice_pages_are_published_from_the_company_docs(project, name, message):
    path = project / "docs" / SITE / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"<p>{SECRET}</p>\n", encoding="utf-8")
    refused(project, f"docs/{SITE}/{name}:1: {message}")
