"""Links in notice Markdown: every link to a clause or page of the site leads somewhere."""

from __future__ import annotations

import re

from ..sources.problems import Problem

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"""<a\s[^>]*href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
HEADING_ID = re.compile(r"\{[^{}]*#([A-Za-z][\w-]*)[^{}]*\}")
HTML_ID = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def anchors(text: str) -> set[str]:
    """Ids a page defines: clause and heading ids, HTML ids."""
    return set(HEADING_ID.findall(text)) | set(HTML_ID.findall(text))


def links(text: str) -> list[tuple[int, str]]:
    """(line, target) of every Markdown and HTML link in `text`."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in list(LINK.finditer(line)) + list(HTML_LINK.finditer(line)):
            found.append((number, match.group(1)))
    return found


def broken_links(text: str, shown_as: str, own_anchors: set[str], pages: dict[str, set[str]]) -> list[Problem]:
    """Links to an anchor of this page, or to another page (and anchor) of the same language, that do not exist.

    `pages` maps each page name of the language (e.g. 'index.md') to its anchors.
    """
    problems = []
    for number, target in links(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("{{"):
            continue  # an external address (checked elsewhere) or a fact filled in later
        path, _, anchor = target.partition("#")
        if not path:
            if anchor not in own_anchors:
                problems.append(Problem(shown_as, number, f"link to '#{anchor}', which is not a clause or heading "
                                                         f"of this page: use one of its clause ids"))
            continue
        name = path.lstrip("./")
        if name not in pages:
            problems.append(Problem(shown_as, number, f"link to '{path}', which is not a page in this language "
                                                     f"(pages: {', '.join(sorted(pages))})"))
        elif anchor and anchor not in pages[name]:
            problems.append(Problem(shown_as, number, f"link to '{target}': '{name}' has no clause '{anchor}'"))
    return problems
