"""The MkDocs adapter: one plugin that hands MkDocs, Material and i18n what the publish stage made."""

from .events import NoticesPlugin

__all__ = ["NoticesPlugin"]
