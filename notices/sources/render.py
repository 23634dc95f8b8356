"""Filling company facts and shared clause snippets into a page, with errors that name file and line."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2

from .plain_errors import template_problem
from .problems import Problem, SourceError, display_path
from .shape import shape_problem
from .template_language import NoticeEnvironment, RefusedTemplate, TooMuch, bounded, link


class UnknownName(SourceError):
    """A page names a fact or a snippet that does not exist (filling stops at the first such name)."""


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

    def __init__(self, path: Path, message: str, line: int = 1):
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line


class SnippetLoader(jinja2.FileSystemLoader):
    """Loads snippets from one language's folder; a snippet that cannot be read is a BadSnippet."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The snippet's text, file name and freshness check, as Jinja expects."""
        pieces = jinja2.loaders.split_template_path(template)  # TemplateNotFound for '..'
        folder = Path(self.searchpath[0])
        path = Path(folder, *pieces)
        step = folder
        for piece in pieces:  # a link anywhere on the way could lead to any file on the machine
            step = step / piece
            if step.is_symlink():
                raise BadSnippet(folder, f"'{step.relative_to(folder).as_posix()}' is a symbolic link: nothing outside "
                                         f"the snippet library is read; replace it with the snippet itself")
        if path.exists() and not path.resolve().is_relative_to(folder.resolve()):
            raise BadSnippet(folder, f"'{template}' lies outside the snippet library: move the snippet into it")
        if path.is_dir():
            raise BadSnippet(path, "is a folder, not a snippet: replace it with the snippet's Markdown file")
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError as error:
            raise BadSnippet(path, f"not UTF-8 text ({error.reason}): save it as UTF-8") from None
        except (OSError, ValueError):
            raise jinja2.TemplateNotFound(template) from None
        problem = shape_problem(source, template)
        if problem is not None:
            raise BadSnippet(path, problem.message, problem.line)
        return source, filename, uptodate


class Facts:
    """Read-only view of company facts; asking for an absent one raises MissingFact."""

    def __init__(self, data: dict, prefix: str = "company"):
        self._data = data
        self._prefix = prefix

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        value = self._data.get(name)
        dotted = f"{self._prefix}.{name}"
        if value is None or value == "" or value == []:
            raise MissingFact(dotted)
        if isinstance(value, dict):
            return Facts(value, dotted)
        return value

    def __getitem__(self, name: object) -> Any:
        """A fact by its name in brackets; a private or non-text name is a fact the data file does not give."""
        if not isinstance(name, str) or name.startswith("_"):
            raise MissingFact(f"{self._prefix}[{name!r}]")
        return self.__getattr__(name)

    def __str__(self) -> str:
        raise FactGroup(self._prefix, [k for k, v in self._data.items() if not isinstance(v, dict)])

    def __iter__(self) -> Iterator[Any]:
        raise FactGroup(self._prefix, [k for k, v in self._data.items() if not isinstance(v, dict)])

    def __contains__(self, name: str) -> bool:
        value = self._data.get(name)
        return value is not None and value != "" and value != []


class Renderer:
    """Renders page bodies for one language with the company's facts and snippets."""

    def __init__(self, snippets_dir: Path, lang: str, facts: dict, data_file: str, root: Path | None,
                 loader: SnippetLoader | None = None):
        self.snippets_dir = Path(snippets_dir) / lang
        self.lang = lang
        self.facts = facts
        self.data_file = data_file
        self.root = root
        self.loader = loader or SnippetLoader(str(self.snippets_dir))
        self.env = NoticeEnvironment(
            loader=self.loader,
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
            return bounded(template.generate(context))
        except jinja2.TemplateSyntaxError as error:
            where = self.shown(error.filename) if error.filename else shown_as
            source = text if where == shown_as else (error.source or "")
            if isinstance(error, RefusedTemplate):
                line, message = error.lineno or 1, f"template syntax: {error.message}"
            else:  # Jinja's own wording, put in plain language
                line, message = template_problem(error.message or "", source, error.lineno or 1)
            raise SourceError([Problem(where, line, message)]) from None
        except jinja2.TemplateNotFound as error:
            path, line = self._location(error, shown_as)
            raise UnknownName([Problem(path, line, self.no_snippet(str(error.name)))]) from None
        except BadSnippet as error:
            raise SourceError([Problem(display_path(error.path, self.root), error.line, error.message)]) from None
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
            raise UnknownName([Problem(path, line, f"'{error.dotted}' has no value in {self.data_file}: "
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

    def no_snippet(self, name: str) -> str:
        """The message for an include of a snippet that does not exist, with the closest existing name."""
        known = sorted(p.name for p in self.snippets_dir.glob("*.md")) if self.snippets_dir.is_dir() else []
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        snippets = display_path(self.snippets_dir, self.root)
        return f"snippet '{name}' does not exist in {snippets}/: {hint}check its name or add the file"

    def shown(self, filename: str) -> str:
        """A template file name as messages show it."""
        if filename.startswith(str(self.snippets_dir)):
            return display_path(Path(filename), self.root)
        return filename

    def _loop_start(self, error: BaseException, shown_as: str) -> tuple[str, int]:
        """The outermost snippet line on the traceback: the include that starts an include loop."""
        tb = error.__traceback__
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename.startswith(str(self.snippets_dir)):
                return self.shown(filename), tb.tb_lineno
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
                found = (self.shown(filename), tb.tb_lineno)
            tb = tb.tb_next
        return found
