"""Parser errors in an editor's words (notices/sources/plain_errors.py), at the line of the actual mistake."""

from __future__ import annotations

import pytest

from notices.sources.plain_errors import template_problem


@pytest.mark.parametrize("text, line, words", [
    ('{% include "a.md %}\n', 1, "the snippet name in this tag is missing a quote"),
    ("x\n{% if a\n", 2, "this tag opens with {% but never closes with %}"),
    ("x\n\n{{ a.b\n", 3, "this fact opens with {{ but never closes with }}"),
    ("{% if a %}\nx\n{% if b %}y{% endif %}\n", 1, "this {% if %} is never closed"),
])
def test_a_template_mistake_is_named_at_the_line_that_causes_it(text, line, words):
    at, message = template_problem("unexpected end of template", text, 99)
    assert (at, words in message) == (line, True), message


def test_template_messages_without_a_visible_cause_keep_the_parser_line():
    assert template_problem("expected token 'end of print statement', got 'x'", "{{ a x }}\n", 4) == (
        4, "this tag has something extra before its end: write {{ company.fact }} or {% include \"name.md\" %}")
    line, message = template_problem("Encountered unknown tag 'macro'.", "{% macro m() %}{% endmacro %}\n", 2)
    assert line == 2 and message.endswith("a notice uses only {% if %}, {% else %}, {% endif %} and {% include %}")
    assert template_problem("something else", "plain\n", 3) == (3, "template syntax: something else")
