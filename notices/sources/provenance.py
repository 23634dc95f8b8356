"""Where filled text comes from: the source line of each line, and the facts a page fills in."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2 import nodes

from .problems import Problem, SourceError
from .render import BadSnippet, Renderer, SnippetLoader

MARK = re.compile("\x00(\\d+)\x01(\\d+)\x00")


def _marked(text: str, index: int) -> str:
    """`text` with an invisible mark at the end of each line naming its file (by index) and line."""
    return "\n".join(f"{line}\x00{index}\x01{number}\x00" for number, line in enumerate(text.split("\n"), 1))


class _TracingLoader(SnippetLoader):
    """Loads snippets with every line marked, so that filled text can be traced back to its source line."""

    def __init__(self, searchpath: str, files: list[str]):
        super().__init__(searchpath)
        self.files = files

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The snippet's text with its lines marked."""
        source, filename, uptodate = super().get_source(environment, template)
        self.files.append(filename)
        return _marked(source, len(self.files) - 1), filename, uptodate


def facts_used(renderer: Renderer, text: str, shown_as: str) -> list[tuple[str, str, int]]:
    """(dotted fact, file as shown, line) of every fact `text` and the snippets it includes fill in."""
    found: list[tuple[str, str, int]] = []
    seen: set[str] = set()

    def walk(source: str, shown: str) -> None:
        try:
            tree = renderer.env.parse(source, name=shown)
        except jinja2.TemplateError:
            return  # reported when the page is filled
        for node in tree.find_all((nodes.Getattr, nodes.Include)):
            if isinstance(node, nodes.Include):
                name = node.template.value if isinstance(node.template, nodes.Const) else None
                if isinstance(name, str) and name not in seen:
                    seen.add(name)
                    try:
                        inner, filename, _ = renderer.loader.get_source(renderer.env, name)
                    except (jinja2.TemplateNotFound, BadSnippet):
                        continue
                    walk(inner, renderer.shown(filename))
                continue
            parts: list[str] = []
            target: nodes.Node = node
            while isinstance(target, nodes.Getattr):
                parts.insert(0, target.attr)
                target = target.node
            if isinstance(target, nodes.Name) and target.name == "company":
                found.append((".".join(parts), shown, node.lineno))

    walk(text, shown_as)
    return found


def trace(renderer: Renderer, text: str, shown_as: str) -> list[tuple[str, str, int]]:
    """Each line of the filled `text` with the file (as shown) and line it came from."""
    files = [shown_as]
    tracer = Renderer(renderer.snippets_dir.parent, renderer.lang, renderer.facts, renderer.data_file, renderer.root,
                      _TracingLoader(str(renderer.snippets_dir), files))
    try:
        filled = tracer.render(_marked(text, 0), shown_as)
    except SourceError:
        return [(line, shown_as, number) for number, line in enumerate(renderer.render(text, shown_as).split("\n"), 1)]
    traced, where = [], (shown_as, 1)
    for line in filled.split("\n"):
        mark = MARK.search(line)
        if mark:
            where = (renderer.shown(files[int(mark.group(1))]), int(mark.group(2)))
        traced.append((MARK.sub("", line), *where))
    return traced


def _known_names(facts: dict, prefix: str = "company") -> list[str]:
    names = []
    for key, value in facts.items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, dict):  # a group is never the fact meant: suggest one of its facts
            names += _known_names(value, f"{prefix}.{key}")
        else:
            names.append(f"{prefix}.{key}")
    return names


def missing_facts(renderer: Renderer, text: str, shown_as: str) -> list[Problem]:
    """Every fact `text` (and its snippets) names that the data file does not give, with the closest known one."""
    known = _known_names(renderer.facts)
    problems = []
    for dotted, shown, line in facts_used(renderer, text, shown_as):
        value: Any = renderer.facts
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is not None and value != "" and value != []:
            continue
        # Compared without the common 'company.' so that it does not make every name look alike.
        close = difflib.get_close_matches(dotted, [name.removeprefix("company.") for name in known], n=1,
                                          cutoff=0.7)
        hint = f"did you mean 'company.{close[0]}'? " if close else ""
        problems.append(Problem(shown, line, f"'company.{dotted}' has no value in {renderer.data_file}: {hint}"
                                             f"correct the name, add the fact there or remove it from the text"))
    return problems


def missing_snippets(renderer: Renderer, text: str, shown_as: str) -> list[Problem]:
    """Every include of `text` (and of the snippets it includes) that names no snippet of the language."""
    problems: list[Problem] = []
    seen: set[str] = set()

    def walk(source: str, shown: str) -> None:
        try:
            tree = renderer.env.parse(source, name=shown)
        except jinja2.TemplateError:
            return
        for node in tree.find_all(nodes.Include):
            name = node.template.value if isinstance(node.template, nodes.Const) else None
            if not isinstance(name, str) or name in seen:
                continue
            seen.add(name)
            try:
                inner, filename, _ = renderer.loader.get_source(renderer.env, name)
            except jinja2.TemplateNotFound:
                problems.append(Problem(shown, node.lineno, renderer.no_snippet(name)))
                continue
            except BadSnippet:
                continue
            walk(inner, renderer.shown(filename))

    walk(text, shown_as)
    return problems
