"""Filling company facts and shared clause snippets into a page, with errors that name file and line."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from .problems import Problem, SourceError, display_path


class MissingFact(Exception):
    """A page asked for a company fact the data file does not give."""

    def __init__(self, dotted: str):
        super().__init__(dotted)
        self.dotted = dotted


class FactGroup(Exception):
    """A page wrote a group of facts (e.g. {{ company }}) where one fact is needed."""

    def __init__(self, dotted: str, keys: list[str]):
        super().__init__(dotted)
        self.dotted = dotted
        self.example = f"{dotted}.{keys[0]}" if keys else f"{dotted}.legal_name"


class BadSnippet(Exception):
    """A snippet exists but cannot be used as one (a folder, not UTF-8 text)."""

    def __init__(self, path: Path, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


class SnippetLoader(jinja2.FileSystemLoader):
    """Loads snippets from one language's folder; a snippet that cannot be read is a BadSnippet."""

    def get_source(self, environment, template):
        """The snippet's text, file name and freshness check, as Jinja expects."""
        pieces = jinja2.loaders.split_template_path(template)  # TemplateNotFound for '..'
        path = Path(self.searchpath[0], *pieces)
        if path.is_dir():
            raise BadSnippet(path, "is a folder, not a snippet: replace it with the snippet's Markdown file")
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as error:
            raise BadSnippet(path, f"not UTF-8 text ({error.reason}): save it as UTF-8") from None
        except (OSError, ValueError):
            raise jinja2.TemplateNotFound(template) from None


class TooMuch(Exception):
    """Filling a page would produce more than a notice ever holds (a runaway include chain)."""


def _bounded(chunks) -> str:
    """Join the chunks of a render, stopping once the text is larger than any notice."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise TooMuch(f"filling this page gives more than {MAX_OUTPUT // 1_000_000} MB of text: "
                          f"a snippet is included too many times")
        out.append(chunk)
    return "".join(out)


class Facts:
    """Read-only view of company facts; asking for an absent one raises MissingFact."""

    def __init__(self, data: dict, prefix: str = "company"):
        self._data = data
        self._prefix = prefix

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        value = self._data.get(name)
        dotted = f"{self._prefix}.{name}"
        if value is None or value == "" or value == []:
            raise MissingFact(dotted)
        if isinstance(value, dict):
            return Facts(value, dotted)
        return value

    __getitem__ = __getattr__

    def __str__(self) -> str:
        raise FactGroup(self._prefix, [k for k, v in self._data.items() if not isinstance(v, dict)])

    def __iter__(self):
        raise FactGroup(self._prefix, [k for k, v in self._data.items() if not isinstance(v, dict)])

    def __contains__(self, name: str) -> bool:
        value = self._data.get(name)
        return value is not None and value != "" and value != []


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


class _NoticeEnvironment(SandboxedEnvironment):
    """The sandbox, narrowed to the few template statements a notice needs."""

    includes = 0  # counted per render, so that a chain of includes cannot multiply without end

    def get_template(self, name, parent=None, globals=None):
        """A snippet, refused once a page has included more snippets than any notice needs."""
        self.includes += 1
        if self.includes > MAX_INCLUDES:
            raise TooMuch(f"this page includes more than {MAX_INCLUDES} snippets: "
                          f"a snippet is included too many times")
        return super().get_template(name, parent, globals)

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(nodes.Node):
            problem = _refused(node)
            if problem:
                raise jinja2.TemplateSyntaxError(problem, getattr(node, "lineno", 1) or 1, name, filename)
        return tree


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
        return "include a snippet by its name in quotes, e.g. {% include \"contact.md\" %}"
    if isinstance(node, nodes.Name) and node.name.startswith("_"):
        return f"'{node.name}' is not a fact"
    return None


MARK = re.compile("\x00(\\d+)\x01(\\d+)\x00")


def _marked(text: str, index: int) -> str:
    """`text` with an invisible mark at the end of each line naming its file (by index) and line."""
    return "\n".join(f"{line}\x00{index}\x01{number}\x00" for number, line in enumerate(text.split("\n"), 1))


class _TracingLoader(SnippetLoader):
    """Loads snippets with every line marked, so that filled text can be traced back to its source line."""

    def __init__(self, searchpath: str, files: list[str]):
        super().__init__(searchpath)
        self.files = files

    def get_source(self, environment, template):
        """The snippet's text with its lines marked."""
        source, filename, uptodate = super().get_source(environment, template)
        self.files.append(filename)
        return _marked(source, len(self.files) - 1), filename, uptodate


class Renderer:
    """Renders page bodies for one language with the company's facts and snippets."""

    def __init__(self, snippets_dir: Path, lang: str, facts: dict, data_file: str, root: Path | None,
                 loader: SnippetLoader | None = None):
        self.snippets_dir = Path(snippets_dir) / lang
        self.lang = lang
        self.facts = facts
        self.data_file = data_file
        self.root = root
        self.env = _NoticeEnvironment(
            loader=loader or SnippetLoader(str(self.snippets_dir)),
            undefined=jinja2.StrictUndefined,
            # Markdown heading ids look like {#id}; Jinja's default comment start would eat them.
            comment_start_string="{##",
            comment_end_string="##}",
            keep_trailing_newline=True,
            autoescape=False,
        )
        self.env.filters["link"] = link

    def render(self, text: str, shown_as: str, extra: dict | None = None) -> str:
        """Render `text` (lines numbered as in the file `shown_as`)."""
        context = {"company": Facts(self.facts), "lang": self.lang, **(extra or {})}
        try:
            self.env.includes = 0
            code = self.env.compile(text, name=shown_as, filename=shown_as)
            template = self.env.template_class.from_code(self.env, code, self.env.make_globals(None))
            return _bounded(template.generate(context))
        except jinja2.TemplateSyntaxError as error:
            where = self._shown(error.filename) if error.filename else shown_as
            raise SourceError([Problem(where, error.lineno or 1, f"template syntax: {error.message}")]) from None
        except jinja2.TemplateNotFound as error:
            path, line = self._location(error, shown_as)
            snippets = display_path(self.snippets_dir, self.root)
            raise SourceError([Problem(path, line, f"snippet '{error.name}' does not exist in {snippets}/: "
                                                   f"check its name or add the file")]) from None
        except BadSnippet as error:
            raise SourceError([Problem(display_path(error.path, self.root), 1, error.message)]) from None
        except FactGroup as error:
            path, line = self._location(error, shown_as)
            raise SourceError([Problem(path, line, f"'{error.dotted}' is a group of facts, not one fact: "
                                                   f"name one, e.g. {{{{ {error.example} }}}}")]) from None
        except TooMuch as error:
            path, line = self._location(error, shown_as)
            raise SourceError([Problem(path, line, str(error))]) from None
        except RecursionError as error:
            path, line = self._loop_start(error, shown_as)
            raise SourceError([Problem(path, line, "snippets include each other without end: remove the "
                                                   "include that leads back to a snippet already included")]) from None
        except MissingFact as error:
            path, line = self._location(error, shown_as)
            raise SourceError([Problem(path, line, f"'{error.dotted}' has no value in {self.data_file}: "
                                                   f"add it there or remove it from the text")]) from None
        except jinja2.UndefinedError as error:
            path, line = self._location(error, shown_as)
            message = (f"unknown variable: {error.message}: write a fact of {self.data_file}, "
                       f"e.g. {{{{ company.legal_name }}}}")
            raise SourceError([Problem(path, line, message)]) from None
        except jinja2.exceptions.SecurityError as error:
            path, line = self._location(error, shown_as)
            raise SourceError([Problem(path, line, f"not allowed in a notice: {error}")]) from None
        except (TypeError, ValueError, ArithmeticError, LookupError) as error:
            path, line = self._location(error, shown_as)
            raise SourceError([Problem(path, line, f"cannot fill in this expression: {error}")]) from None

    def facts_used(self, text: str, shown_as: str) -> list[tuple[str, str, int]]:
        """(dotted fact, file as shown, line) of every fact `text` and the snippets it includes fill in."""
        found: list[tuple[str, str, int]] = []
        seen: set[str] = set()

        def walk(source: str, shown: str) -> None:
            try:
                tree = self.env.parse(source, name=shown)
            except jinja2.TemplateError:
                return  # reported when the page is filled
            for node in tree.find_all((nodes.Getattr, nodes.Include)):
                if isinstance(node, nodes.Include):
                    name = node.template.value if isinstance(node.template, nodes.Const) else None
                    if isinstance(name, str) and name not in seen:
                        seen.add(name)
                        try:
                            inner, filename, _ = self.env.loader.get_source(self.env, name)
                        except (jinja2.TemplateNotFound, BadSnippet):
                            continue
                        walk(inner, self._shown(filename))
                    continue
                parts, target = [], node
                while isinstance(target, nodes.Getattr):
                    parts.insert(0, target.attr)
                    target = target.node
                if isinstance(target, nodes.Name) and target.name == "company":
                    found.append((".".join(parts), shown, node.lineno))

        walk(text, shown_as)
        return found

    def trace(self, text: str, shown_as: str) -> list[tuple[str, str, int]]:
        """Each line of the filled `text` with the file (as shown) and line it came from."""
        files = [shown_as]
        tracer = Renderer(self.snippets_dir.parent, self.lang, self.facts, self.data_file, self.root,
                          _TracingLoader(str(self.snippets_dir), files))
        try:
            filled = tracer.render(_marked(text, 0), shown_as)
        except SourceError:
            return [(line, shown_as, number) for number, line in enumerate(self.render(text, shown_as).split("\n"), 1)]
        traced, where = [], (shown_as, 1)
        for line in filled.split("\n"):
            mark = MARK.search(line)
            if mark:
                where = (self._shown(files[int(mark.group(1))]), int(mark.group(2)))
            traced.append((MARK.sub("", line), *where))
        return traced

    def _shown(self, filename: str) -> str:
        if filename.startswith(str(self.snippets_dir)):
            return display_path(Path(filename), self.root)
        return filename

    def _loop_start(self, error: BaseException, shown_as: str) -> tuple[str, int]:
        """The outermost snippet line on the traceback: the include that starts an include loop."""
        tb = error.__traceback__
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename.startswith(str(self.snippets_dir)):
                return self._shown(filename), tb.tb_lineno
            tb = tb.tb_next
        return self._location(error, shown_as)

    def _location(self, error: BaseException, shown_as: str) -> tuple[str, int]:
        """The innermost template line on the traceback: a snippet's, or the page's include."""
        found = (shown_as, 1)
        tb = error.__traceback__
        snippet_prefix = str(self.snippets_dir)
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename == shown_as or filename.startswith(snippet_prefix):
                found = (self._shown(filename), tb.tb_lineno)
            tb = tb.tb_next
        return found
