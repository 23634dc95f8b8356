"""Parser errors said in an editor's words, at the line of the actual mistake."""

from __future__ import annotations

import re

import yaml

QUOTE_OPEN = "this line opens a quote ({quote}) that it never closes: add the closing {quote} at the end of the value"


def _unclosed_quote(line: str) -> str | None:
    """The quote character a YAML line leaves open, if any (comments and apostrophes inside words aside)."""
    _, _, value = line.partition(":") if re.match(r"^\s*[\w.-]+\s*:", line) else ("", "", line.lstrip("- "))
    value = value.strip()
    for quote in ('"', "'"):
        if value.startswith(quote) and (len(value) == 1 or not value.rstrip().endswith(quote)):
            return quote
    return None


def yaml_problem(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """(line within `text`, message) for a YAML syntax error."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    lines = text.split("\n")
    for number, content in enumerate(lines[:line], start=1):
        quote = _unclosed_quote(content.split(" #")[0])
        if quote:
            return number, QUOTE_OPEN.format(quote=quote)
    problem = error.problem or ""
    if "\\t" in problem or "'\t'" in problem:
        return line, "a tab is used for indenting: indent with spaces only"
    if problem.startswith("expected <block end>") or "mapping values are not allowed here" in problem:
        return line, ("this line is indented differently from the lines around it (or holds a second ': '): "
                      "indent each key under its group by two spaces, and put quotes around a value that "
                      "contains ': '")
    if problem.startswith("could not find expected ':'"):
        return line, "this line is not 'key: value': add a colon after the key, or join it to the line above"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        opened = error.context_mark.line + 1 if error.context_mark else line
        return opened, "a list or group opened with [ or { on this line is not closed: add ] or } at its end"
    if problem.startswith("found undefined alias") or "anchor" in problem:
        return line, "anchors and aliases (&name, *name) are not used in these files: write the value out in full"
    return line, f"this line cannot be read as YAML ({problem}): compare it with the lines around it"


def template_problem(message: str, text: str, line: int) -> tuple[int, str]:
    """(line, message) for a Jinja syntax error in a notice or snippet."""
    for number, content in enumerate(text.split("\n"), start=1):
        for tag in re.findall(r"\{%.*?%\}", content):
            if tag.count('"') % 2 or tag.count("'") % 2:
                return number, ("the snippet name in this tag is missing a quote: write it as "
                                "{% include \"name.md\" %}")
        if "{%" in content and "%}" not in content[content.index("{%"):]:
            return number, "this tag opens with {% but never closes with %}: end it with %}"
        if "{{" in content and "}}" not in content[content.index("{{"):]:
            return number, "this fact opens with {{ but never closes with }}: end it with }}"
    if "end of statement block" in message or "end of print statement" in message:
        return line, ("this tag has something extra before its end: "
                      "write {{ company.fact }} or {% include \"name.md\" %}")
    if "unexpected end of template" in message.lower():
        opened = _open_if(text) or line
        return opened, "this {% if %} is never closed: add {% endif %} where the conditional text ends"
    if message.startswith("Encountered unknown tag"):
        return line, f"{message}: a notice uses only {{% if %}}, {{% else %}}, {{% endif %}} and {{% include %}}"
    return line, f"template syntax: {message}"


def _open_if(text: str) -> int | None:
    """The line of the last {% if %} that no {% endif %} closes."""
    stack: list[int] = []
    for number, content in enumerate(text.split("\n"), start=1):
        for tag in re.findall(r"\{%-?\s*(if|endif)\b", content):
            if tag == "if":
                stack.append(number)
            elif stack:
                stack.pop()
    return stack[-1] if stack else None
