"""A company's MkDocs configuration, checked against its data file (without running MkDocs)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .company import Company
from .problems import Problem, SourceError, display_path
from .yamlsource import load_yaml

CONFIG_FILE = "mkdocs.yml"


def check_site_config(company: Company, root: Path | None) -> list[Problem]:
    """The site's languages and domain must be the ones company.yml gives."""
    path = company.path.parent / CONFIG_FILE
    shown = display_path(path, root)
    try:
        source = load_yaml(path, shown, application_tags=True)
    except SourceError as error:
        return error.problems
    config = source.data if isinstance(source.data, dict) else {}
    problems = []
    plugins = config.get("plugins")
    i18n = plugins.get("i18n") if isinstance(plugins, dict) else None
    languages = i18n.get("languages") if isinstance(i18n, dict) else None
    if not isinstance(languages, list):
        return [Problem(shown, source.line("plugins"), "no plugins: i18n: languages: list the company's languages "
                                                       f"as in {company.shown_as}")]
    configured = [(str(item.get("locale")), bool(item.get("default"))) for item in languages if isinstance(item, dict)]
    expected = [(lang, lang == company.default_language) for lang in company.languages]
    if sorted(configured) != sorted(expected):
        problems.append(Problem(shown, source.line("plugins.i18n.languages"),
            f"the i18n languages {configured} do not match {company.shown_as} (languages {company.languages}, "
            f"default_language {company.default_language}): make them the same"))
    site_url = config.get("site_url")
    host = urlsplit(site_url).hostname or "" if isinstance(site_url, str) else ""
    if host.removeprefix("www.") not in company.data["domains"]:
        problems.append(Problem(shown, source.line("site_url"),
                                f"site_url '{site_url}' is not on one of the domains in {company.shown_as}"))
    return problems
