"""The one reading of mkdocs-static-i18n's state: which language a build pass makes, and which passes follow."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs_static_i18n.plugin import I18n


@dataclass(frozen=True)
class LanguagePass:
    """One of i18n's passes: the original language's first, then one per other language inside its post_build."""

    language: str
    default_language: str
    languages: tuple[str, ...]
    # True while i18n builds the other languages (inside the original language's post_build).
    building_others: bool

    @property
    def first(self) -> bool:
        """The original language's pass, which starts every build."""
        return self.language == self.default_language


def _i18n(config: MkDocsConfig) -> I18n:
    plugin = config.plugins.get("i18n")
    if not isinstance(plugin, I18n):
        raise PluginError(f"{config.config_file_path}:1: the notices plugin needs the i18n plugin before it")
    return plugin


def language_pass(config: MkDocsConfig) -> LanguagePass:
    """The pass being built (i18n sets its language in its on_config, priority -100)."""
    i18n = _i18n(config)
    return LanguagePass(str(i18n.current_language), str(i18n.default_language),
                        tuple(str(code) for code in i18n.build_languages), bool(i18n.building))


def language_roots(config: MkDocsConfig) -> list[dict[str, Any]]:
    """The language switcher's links to each language's root, as i18n made them for the theme."""
    return copy.deepcopy(_i18n(config).extra_alternate or [])

