"""Filling company facts and shared clause snippets into a page, with errors that name file and line."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .problems import Problem, SourceError, display_path


class MissingFact(Exception):
    """A page asked for a company fact the data file does not give."""

    def __init__(self, dotted: str):
        super().__init__(dotted)
        self.dotted = dotted


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

    def __contains__(self, name: str) -> bool:
        value = self._data.get(name)
        return value is not None and value != "" and value != []


def link(url: str) -> str:
    """Markdown link to `url` whose text is the address without its scheme."""
    parts = urlsplit(url)
    text = (parts.netloc + parts.path).rstrip("/")
    return f"[{text}]({url})"


class Renderer:
    """Renders page bodies for one language with the company's facts and snippets."""

    def __init__(self, snippets_dir: Path, lang: str, facts: dict, data_file: str, root: Path | None):
        self.snippets_dir = Path(snippets_dir) / lang
        self.lang = lang
        self.facts = facts
        self.data_file = data_file
        self.root = root
        self.env = SandboxedEnvironment(
            loader=jinja2.FileSystemLoader(str(self.snippets_dir)),
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
            code = self.env.compile(text, name=shown_as, filename=shown_as)
            template = self.env.template_class.from_code(self.env, code, self.env.make_globals(None))
            return template.render(context)
        except jinja2.TemplateSyntaxError as error:
            where = self._shown(error.filename) if error.filename else shown_as
            raise SourceError([Problem(where, error.lineno or 1, f"template syntax: {error.message}")]) from None
        except jinja2.TemplateNotFound as error:
            path, line = self._location(error, shown_as)
            snippets = display_path(self.snippets_dir, self.root)
            raise SourceError([Problem(path, line, f"snippet '{error.name}' does not exist in {snippets}/: "
                                                   f"check its name or add the file")]) from None
        except MissingFact as error:
            path, line = self._location(error, shown_as)
            raise SourceError([Problem(path, line, f"'{error.dotted}' has no value in {self.data_file}: "
                                                   f"add it there or remove it from the text")]) from None
        except jinja2.UndefinedError as error:
            path, line = self._location(error, shown_as)
            raise SourceError([Problem(path, line, f"unknown variable: {error.message}")]) from None
        except jinja2.exceptions.SecurityError as error:
            path, line = self._location(error, shown_as)
            raise SourceError([Problem(path, line, f"not allowed in a notice: {error}")]) from None
        except (TypeError, ValueError) as error:
            path, line = self._location(error, shown_as)
            raise SourceError([Problem(path, line, f"cannot fill in this expression: {error}")]) from None

    def _shown(self, filename: str) -> str:
        if filename.startswith(str(self.snippets_dir)):
            return display_path(Path(filename), self.root)
        return filename

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
