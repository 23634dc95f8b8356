"""Plain text and safe web addresses (notices/sources/text.py)."""

from __future__ import annotations

import pytest

from notices.sources.text import label_text, plain_text, web_address


@pytest.mark.parametrize("value, plain, label", [
    ("Example Ltd", True, True),
    ("A *bold* name", False, True),
    ("<b>x</b>", False, False),
    ("two\nlines", False, False),
    (42, False, False),
])
def test_plain_and_label_text(value, plain, label):
    assert (plain_text(value), label_text(value)) == (plain, label)


@pytest.mark.parametrize("value, accepted", [
    ("https://www.example.com", True),
    ("https://example.com/privacy?x=1", True),
    ("http://example.com", False),
    ("https://user@example.com", False),
    ("https://example.com:8443/", False),
    ("https://example.com:notaport/", False),
    ("https://localhost", False),
    ("https://example.com/<a>", False),
    ("javascript:alert(1)", False),
])
def test_web_address_takes_https_with_a_plain_host_only(value, accepted):
    assert (web_address(value) == value) is accepted
    assert web_address(None) is None
