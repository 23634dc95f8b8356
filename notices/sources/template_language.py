"""The template language of a notice: facts, conditions and includes, and nothing that could stall a build."""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment


class TooMuch(Exception):
    """Filling a page would produce more than a notice ever holds (a runaway include chain)."""


def bounded(chunks: Iterable[str]) -> str:
    """Join the chunks of a render, stopping once the text is larger than any notice."""
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise TooMuch(f"filling this page gives more than {MAX_OUTPUT // 1_000_000} MB of text: "
                          f"a snippet is included too many times")
        out.append(chunk)
    return "".join(out)


def link(url: str) -> str:
    """Markdown link to `url` whose text is the address without its scheme."""
    if not isinstance(url, str):
        raise TypeError("the link filter needs one web address, e.g. {{ company.website | link }}")
    parts = urlsplit(url)
    text = (parts.netloc + parts.path).rstrip("/")
    return f"[{text}]({url})"


# What a notice's template code may use: facts, conditions and includes. No loops, assignments, macros or
# calls, so that filling a page is linear in its length and cannot stall a build.
ALLOWED_NODES = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Getattr, nodes.Getitem,
                 nodes.Const, nodes.If, nodes.Include, nodes.Filter, nodes.Test, nodes.Compare, nodes.Operand,
                 nodes.And, nodes.Or, nodes.Not, nodes.CondExpr, nodes.Concat)
ALLOWED_FILTERS = frozenset({"link", "join", "lower", "upper", "capitalize", "trim"})
ALLOWED_TESTS = frozenset({"defined", "undefined", "none", "string"})
MAX_INCLUDES = 200
MAX_OUTPUT = 2_000_000


class NoticeEnvironment(SandboxedEnvironment):
    """The sandbox, narrowed to the few template statements a notice needs."""

    includes = 0  # counted per render, so that a chain of includes cannot multiply without end

    def get_template(self, name: str | jinja2.Template, parent: str | None = None,
                     globals: MutableMapping[str, Any] | None = None) -> jinja2.Template:
        """A snippet, refused once a page has included more snippets than any notice needs."""
        self.includes += 1
        if self.includes > MAX_INCLUDES:
            raise TooMuch(f"this page includes more than {MAX_INCLUDES} snippets: "
                          f"a snippet is included too many times")
        return super().get_template(name, parent, globals)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(nodes.Node):
            problem = _refused(node)
            if problem:
                raise RefusedTemplate(problem, getattr(node, "lineno", 1) or 1, name, filename)
        return tree


class RefusedTemplate(jinja2.TemplateSyntaxError):
    """Template code that Jinja reads but a notice does not use; its message is written for the editor."""


def _refused(node: nodes.Node) -> str | None:
    """Why a template node is not used in a notice, or None when it may be."""
    if isinstance(node, nodes.Extends):
        return "{% extends %} is not used in a notice: include a snippet with {% include \"name.md\" %} instead"
    if not isinstance(node, ALLOWED_NODES):
        kind = type(node).__name__.lower()
        return (f"'{kind}' is not used in a notice: a notice's template code only fills in facts "
                f"({{{{ company.legal_name }}}}), tests them ({{% if ... %}}) and includes snippets")
    if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
        return f"the filter '{node.name}' is not used in a notice (allowed: {', '.join(sorted(ALLOWED_FILTERS))})"
    if isinstance(node, nodes.Test) and node.name not in ALLOWED_TESTS:
        return f"the test '{node.name}' is not used in a notice"
    if isinstance(node, nodes.Include) and not isinstance(node.template, nodes.Const):
        return "include a snippet by its name in quotes, e.g. {% include \"name.md\" %}"
    if isinstance(node, nodes.Name) and node.name.startswith("_"):
        return f"'{node.name}' is not a fact"
    return None
