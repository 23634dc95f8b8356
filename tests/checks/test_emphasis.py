"""Emphasis markers Markdown did not pair (notices/checks/emphasis.py), found in the rendered text."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("html, found", [
    ("<p>**Politică de confidențialitate</p>", [["**", "Politică"]]),
    ("<p>the data__ we keep</p>", [["__", "data"]]),
    ("<p><strong>bold</strong> and <em>em</em></p>", []),
    ("<p>a line to sign: ______</p><p>5 ** 2</p>", []),
    ("<pre><code>**not prose</code></pre><p>x <code>__init__</code></p>", []),
])
def test_emphasis_markers_left_in_the_rendered_text_are_found(html, found):
    from notices.checks.emphasis import unpaired_markers

    assert unpaired_markers(html) == found
