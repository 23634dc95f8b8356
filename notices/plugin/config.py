"""The plugin's options, as `plugins: notices:` in mkdocs.yml sets them or a command gives them for one run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.utils.yaml import yaml_load

from ..model.dates import parse_as_of


class AsOf(c.BaseConfigOption[str]):
    """A day or moment taken as today instead of the real date (a preview of the site on another day)."""

    def run_validation(self, value: object) -> str:
        """The value as written, once it reads as a day or moment."""
        text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
        try:
            parse_as_of(text)
        except ValueError as error:
            raise ValidationError(str(error)) from None
        return text


class NoticesConfig(Config):
    """The notices plugin's options."""

    # The editor's draft on the notice page, problems as warnings and in the page: `notices serve`.
    preview = c.Type(bool, default=False)
    # What is in force is decided on this day (or moment) rather than today in the company's time zone.
    as_of = c.Optional(AsOf())
    # The deploy's live record (a deployed.json, or a folder of them by company): the notice periods are
    # counted from it, and the build publishes it with the versions first published now.
    deployed = c.Optional(c.Type(str))


def with_options(config_file: Path, *, preview: bool = False, as_of: str | None = None,
                 deployed: str | None = None) -> dict[str, Any]:
    """MkDocs' `load_config` arguments giving the notices plugin these options over what the files say.

    MkDocs reads a configuration again at each rebuild of the preview: the options are passed with it
    every time, and nothing is left in the process for a later build to find.
    """
    with open(config_file, "rb") as stream:
        plugins = yaml_load(stream).get("plugins") or {}
    if isinstance(plugins, list):  # the list form: names, or one-key mappings of name to options
        plugins = dict(next(iter(item.items())) if isinstance(item, dict) else (item, {}) for item in plugins)
    options = dict(plugins.get("notices") or {}, preview=preview, as_of=as_of, deployed=deployed)
    return {"plugins": {**plugins, "notices": options}}
