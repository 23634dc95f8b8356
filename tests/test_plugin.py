"""The MkDocs adapter is one plugin of the notices package, found by MkDocs through its entry point."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import yaml

from notices.plugin import NoticesPlugin
from notices.plugin.config import NoticesConfig

ROOT = Path(__file__).resolve().parent.parent


def test_the_plugin_is_registered_as_an_mkdocs_entry_point():
    (point,) = [p for p in entry_points(group="mkdocs.plugins") if p.name == "notices"]
    assert point.value == "notices.plugin:NoticesPlugin"
    assert point.load() is NoticesPlugin


def test_every_company_builds_with_the_plugin_after_i18n_and_no_hooks():
    from mkdocs.config import load_config

    shared = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in shared
    assert not (ROOT / "hooks").exists()
    for config_file in sorted((ROOT / "companies").glob("*/mkdocs.yml")):
        config = load_config(str(config_file))
        names = list(config.plugins)
        assert names.index("i18n") < names.index("notices"), names
        plugin = config.plugins["notices"]
        assert type(plugin) is NoticesPlugin  # MkDocs made it from the entry point
        assert isinstance(plugin.config, NoticesConfig)
        assert not config.hooks
