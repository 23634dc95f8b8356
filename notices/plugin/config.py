"""The plugin's options, as `plugins: notices:` in mkdocs.yml sets them."""

from __future__ import annotations

from mkdocs.config.base import Config


class NoticesConfig(Config):
    """The notices plugin's options."""
