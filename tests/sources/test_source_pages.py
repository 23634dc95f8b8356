"""Notice pages as files (notices/sources/pages.py): the front matter refused at its line."""

from __future__ import annotations

import pytest

from notices.sources.pages import read_page
from notices.sources.problems import SourceError


@pytest.mark.parametrize("front, message", [
    ("title:\n", "page.md:2: 'title:' has no value: write the page's title after it, or remove it"),
    ("title: '  '\n", "page.md:2: 'title:' has no value"),
    ("translates: v1\n", "page.md:1: the front matter has no title: add a line 'title: ...'"),
    ("title: A\ntranslate: v1\n", "page.md:3: 'translate' is not used in a notice's front matter (did you mean 'translates'?)"),
])
def test_an_empty_or_missing_front_matter_value_is_refused_at_its_line(tmp_path, front, message):
    path = tmp_path / "page.md"
    path.write_text(f"---\n{front}---\n\n# Text {{#text}}\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_page(path, "page.md", "en", "index.md")
    assert any(str(p).startswith(message) for p in caught.value.problems), caught.value.problems
