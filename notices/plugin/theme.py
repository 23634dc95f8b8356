"""The theme's words and the 404 page in the language of each pass, and the 404 page of each language kept.

i18n writes one 404.html, in the language built last (ultrabug/mkdocs-static-i18n#284): each language's is
kept here as it is rendered, and written to its language root once its pass is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

from ..publish.theme_words import ThemeWords
from .language_pass import LanguagePass

NOT_FOUND = "404.html"


@dataclass
class NotFoundPages:
    """Each language's 404 page as rendered in its pass."""

    pages: dict[str, str] = field(default_factory=dict)


def root_path(config: MkDocsConfig, built: LanguagePass, lang: str | None = None) -> str:
    """The absolute path of a language's root on the site's domain, e.g. '/' or '/en/'."""
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    lang = lang or built.language
    return base if lang == built.default_language else f"{base}{lang}/"


def apply(config: MkDocsConfig, words: ThemeWords, built: LanguagePass) -> None:
    """Give this pass the theme's words in its language (Material reads them from the configuration)."""
    for option, name in zip(config.theme["palette"] or [], words.palette, strict=False):
        if isinstance(option, dict) and isinstance(option.get("toggle"), dict):
            # Material prints the name into attributes unescaped.
            option["toggle"]["name"] = Markup.escape(name)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = words.heading_link
    config.extra["notice_words"] = dict(words.strings)
    config.extra["notice_home"] = root_path(config, built)


def path_of(built: LanguagePass) -> str:
    """Where this pass's 404 page belongs in the site: the original's at the root, each other under its root."""
    return NOT_FOUND if built.first else f"{built.language}/{NOT_FOUND}"


def keep(state: NotFoundPages, built: LanguagePass, output: str) -> None:
    """Keep the 404 page this pass rendered."""
    state.pages[built.language] = output


def write(state: NotFoundPages, config: MkDocsConfig, built: LanguagePass) -> None:
    """After a translation's pass: its 404 page under its root, and the original's back at the site's root."""
    if built.first or built.language not in state.pages or built.default_language not in state.pages:
        return
    site = Path(config.site_dir)
    (site / built.language).mkdir(parents=True, exist_ok=True)
    (site / path_of(built)).write_text(state.pages[built.language], encoding="utf-8")
    (site / NOT_FOUND).write_text(state.pages[built.default_language], encoding="utf-8")
