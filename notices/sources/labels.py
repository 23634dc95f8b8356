"""The site's own words in each language: docs/snippets/<lang>/labels.yml, every label the templates show."""

from __future__ import annotations

import difflib

from .problems import Problem, SourceError, display_path
from .site import CompanySite
from .text import label_text
from .yamlsource import load_yaml

LABELS = "labels.yml"
# Every word the site's templates show: a language lacking one would show an empty place.
REQUIRED_LABELS = ("notice", "version", "effective", "published", "history", "history_intro",
                   "compare", "compare_intro", "compare_offline", "material", "editorial",
                   "initial", "in_force", "upcoming", "superseded", "see_current",
                   "upcoming_notice", "read_it", "what_changes", "changes_from_previous",
                   "archived_text", "from", "to", "show", "only_material", "search_archive",
                   "search_archive_found", "search_archive_none", "search_archive_offline", "changed_clauses",
                   "no_changes", "unchanged", "added", "removed", "changed", "inline",
                   "side_by_side", "before", "after", "draft", "not_released", "feed",
                   "permanent_link", "gdpr", "gdpr_intro", "gdpr_article",
                   "not_stated", "not_applicable", "site_notes", "site_history",
                   "site_complaint", "translation_title", "translation_note", "read_original",
                   "translation_behind", "problems",
                   "what_changed", "what_will_change", "compare_unknown", "compare_same", "compare_one",
                   "translation_prevails", "gdpr_stated", "gdpr_partly",
                   "gdpr_missing", "gdpr_counts", "gdpr_of_version", "gdpr_quote_original", "gdpr_data",
                   "palette_dark", "palette_light", "heading_link", "not_found", "not_found_text",
                   "follow", "follow_intro", "follow_history", "follow_feed")
# Label families whose keys are not listed here: the names of the GDPR elements ("gdpr-<key>", checked with
# the index), and the theme's own words ("theme.<key of Material's partials/languages/<lang>.html>").
FAMILIES = ("gdpr-", "theme.")


def load_labels(site: CompanySite, lang: str) -> dict[str, str]:
    """The site's words in `lang`, from docs/snippets/<lang>/labels.yml."""
    path = site.snippets_dir / lang / LABELS
    shown = display_path(path, site.root)
    if not path.exists():
        raise SourceError([Problem(shown, 1, f"the site's words in '{lang}' are missing: add this file "
                                             f"(copy another language's labels.yml and translate it)")])
    source = load_yaml(path, shown, text_only=True)
    data = source.data or {}
    if not isinstance(data, dict):
        raise SourceError([Problem(shown, 1, "expected the site's words as key: text lines")])
    problems = [Problem(shown, source.line(key), f"the label '{key}' must be one line of text, without "
                                                 f"< > or line breaks")
                for key, value in data.items() if value is not None and not label_text(value)]
    missing = [key for key in REQUIRED_LABELS if not data.get(key)]
    spare = [key for key in data if key not in REQUIRED_LABELS and not str(key).startswith(FAMILIES)]
    for key in list(missing):
        close = difflib.get_close_matches(key, spare, n=1, cutoff=0.75)
        if close:  # a misspelled key: reported where it is written
            missing.remove(key)
            problems.append(Problem(shown, source.line(close[0]), f"'{close[0]}' is not a label the site uses: "
                                                                  f"did you mean '{key}'? correct the key"))
    if missing:
        problems.append(Problem(shown, 1, f"missing label(s): {', '.join(missing)}: add them "
                                          f"(see another language's labels.yml)"))
    if problems:
        raise SourceError(problems)
    return {key: value for key, value in data.items() if isinstance(value, str)}
