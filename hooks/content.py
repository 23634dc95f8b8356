"""MkDocs adapter: checks a company's sources once per build and fills facts and snippets into pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from notices.layout import Layout
from notices.problems import SourceError, display_path
from notices.site import CompanySite, load_site

# The site of the build in progress; i18n re-runs the build per language, so it is
# loaded on the first language's on_config and reused by the others.
_site: CompanySite | None = None


def _i18n(config):
    return config.plugins["i18n"]


def _check_config(site: CompanySite, config) -> list[str]:
    company = site.company
    shown = display_path(Path(config.config_file_path), site.root)
    problems = []
    configured = [(lang.locale, bool(lang.default)) for lang in _i18n(config).config.languages]
    expected = [(lang, lang == company.default_language) for lang in company.languages]
    if sorted(configured) != sorted(expected):
        problems.append(
            f"{shown}:1: the i18n languages {configured} do not match {company.shown_as} "
            f"(languages {company.languages}, default_language {company.default_language}): make them the same"
        )
    host = urlsplit(config.site_url or "").hostname or ""
    if host.removeprefix("www.") not in company.data["domains"]:
        problems.append(f"{shown}:1: site_url '{config.site_url}' is not on one of the domains in {company.shown_as}")
    return problems


@event_priority(100)
def on_config(config):
    """Load and check the company's sources on the first language pass."""
    global _site
    if _i18n(config).current_language is not None:
        return config
    company_dir = Path(config.config_file_path).parent
    if not (company_dir / "company.yml").is_file():
        raise PluginError(
            f"{config.config_file_path}:1: no company.yml beside this configuration: build a company "
            f"(mkdocs build -f companies/<company>/mkdocs.yml) or every company (python scripts/build.py)"
        )
    layout = Layout.of_company_dir(company_dir)
    try:
        site = load_site(company_dir, Path(config.docs_dir), layout.snippets_dir, layout.root)
    except SourceError as error:
        raise PluginError(str(error)) from None
    messages = [str(p) for p in site.errors] + _check_config(site, config)
    if messages:
        raise PluginError("\n".join(messages))
    _site = site
    config.site_name = site.company.data["legal_name"]
    return config


def on_page_markdown(markdown, page, config, files):
    """Replace the page's Markdown with its facts and snippets filled in."""
    lang, _, name = page.file.src_uri.partition("/")
    return _site.rendered(lang, name)


def on_page_context(context, page, config, nav):
    """Give templates the company's facts in the page's language."""
    lang = page.file.src_uri.partition("/")[0]
    context["company"] = _site.company.facts(lang)
    return context
