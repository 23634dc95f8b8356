"""The publish stage's templates (notices/publish/html.py): links relative to the page, keeping their fragment."""

from __future__ import annotations

from notices.publish.html import environment


def test_links_are_relative_to_the_page_and_keep_their_fragment():
    source = environment().from_string('<a href="{{ target | url }}">x</a>')
    assert source.render(here="en/versions/v2/", target="en/#rights") == '<a href="../../#rights">x</a>'
    assert source.render(here="", target="versions/v1/en.json") == '<a href="versions/v1/en.json">x</a>'
