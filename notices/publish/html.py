"""The publish stage's templates: the site's own HTML and XML, escaped by default, links relative to the page."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .urls import relative_url

TEMPLATES = Path(__file__).resolve().parent / "templates"


@pass_context
def _url(context: Context, target: str) -> str:
    """A site-relative address (which may end in #fragment) as a link from the page being rendered."""
    path, hash_mark, fragment = target.partition("#")
    return relative_url(context["here"], path) + hash_mark + fragment


@functools.cache
def environment() -> Environment:
    """The templates beside this module; a misspelt name fails the build instead of printing nothing."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, auto_reload=False,
                      undefined=StrictUndefined)
    env.filters["url"] = _url
    return env


def render(template: str, here: str, **values: Any) -> Markup:
    """The HTML of `template` for the page at site-relative `here` (its links are relative to it)."""
    return Markup(environment().get_template(template).render(here=here, **values))


def problems_box(title: str, problems: list[str]) -> Markup:
    """The preview's box of problems: each message as text (markup in a message stays visible characters)."""
    return Markup(environment().get_template("problems.html").render(title=title, problems=problems))
