"""Problems in the sources (notices/sources/problems.py): printed as path:line: message, sorted by file."""

from __future__ import annotations

from notices.sources.problems import Problem, SourceError, display_path


def test_problems_print_as_path_line_message_and_sort_by_file(tmp_path):
    error, warning = Problem("b.md", 3, "fix it"), Problem("a.md", 9, "look at it", "warning")
    assert str(error) == "b.md:3: fix it"
    assert str(warning) == "a.md:9: warning: look at it"
    assert sorted([error, warning])[0] == warning
    assert display_path(tmp_path / "docs" / "x.md", tmp_path) == "docs/x.md"
    assert display_path(tmp_path / "x.md", None) == str(tmp_path / "x.md")
    assert display_path(tmp_path.parent / "elsewhere.md", tmp_path) == str(tmp_path.parent / "elsewhere.md")
    assert "b.md:3: fix it" in str(SourceError([error]))
