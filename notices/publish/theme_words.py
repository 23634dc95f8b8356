"""The theme's own words in a page's language: from labels.yml, never Material's English or informal defaults."""

from __future__ import annotations

from dataclasses import dataclass

# Labels that give one of Material's words ("theme.<key>", the keys of its partials/languages/<lang>.html):
# a language's words where Material has none, or uses a form of address the notices do not.
THEME_PREFIX = "theme."


@dataclass(frozen=True)
class ThemeWords:
    """The colour-scheme switch's names, the title of the link beside each heading, and the theme's strings."""

    # (the switch offered in the light scheme, the one offered in the dark scheme)
    palette: tuple[str, str]
    heading_link: str
    # Material's translation key -> words, and the 404 page's words (notice.*).
    strings: dict[str, str]


def theme_words(labels: dict[str, str]) -> ThemeWords:
    """What the theme shows, in the language of `labels`."""
    strings = {key.removeprefix(THEME_PREFIX): value for key, value in labels.items() if key.startswith(THEME_PREFIX)}
    strings.update({"notice.not_found": labels["not_found"], "notice.not_found_text": labels["not_found_text"],
                    "notice.home": labels["notice"]})
    return ThemeWords((labels["palette_dark"], labels["palette_light"]), labels["heading_link"], strings)
