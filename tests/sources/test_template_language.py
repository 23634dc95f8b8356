"""The template language of a notice (notices/sources/template_language.py): the link filter and the bound on output."""

from __future__ import annotations

import pytest

from notices.sources.template_language import TooMuch, bounded, link


def test_link_shows_the_address_without_its_scheme():
    assert link("https://www.example.com/") == "[www.example.com](https://www.example.com/)"
    with pytest.raises(TypeError, match="the link filter needs one web address"):
        link({"email": "x"})


def test_bounded_stops_a_runaway_page():
    assert bounded(["a", "b"]) == "ab"
    with pytest.raises(TooMuch, match="a snippet is included too many times"):
        bounded("x" * 1000 for _ in range(3000))
