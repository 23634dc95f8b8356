"""The MkDocs events the notices plugin answers, each handed to the module that holds its work.

Priorities are relative to mkdocs-static-i18n's (-100: its on_config sets the language of the pass, its
on_files localizes files, its on_post_build builds every other language) and Material's search (0).
"""

from __future__ import annotations

from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..publish.theme_words import theme_words
from ..sources.labels import load_labels
from ..sources.problems import SourceError
from . import content, csp, language_roots, theme
from .config import NoticesConfig
from .language_pass import language_pass
from .template_cache import CompiledTemplates


class NoticesPlugin(BasePlugin[NoticesConfig]):
    """Builds a company's notice site: its pages, their frame, one search index per language, the CSP."""

    def __init__(self) -> None:
        # Kept for the life of the process: MkDocs keeps a plugin with on_startup across builds.
        self.compiled = CompiledTemplates()
        self.content = content.BuildState()
        self.search = language_roots.SearchState()
        self.csp = csp.CspState()
        self.not_found = theme.NotFoundPages()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Nothing to do; having this event makes MkDocs keep the plugin across the preview's rebuilds."""

    # After i18n's on_config (-100), which sets the language of the pass.
    @event_priority(-150)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """A build starts (its original language's pass) with nothing from an earlier one; load the sources."""
        built = language_pass(config)
        if built.first:
            self.content = self.content.next_build(config.config_file_path, self.config.preview, self.config.as_of,
                                                   self.config.deployed)
            self.search = language_roots.SearchState()
            self.csp = csp.CspState()
            self.not_found = theme.NotFoundPages()
        config = content.on_config(self.content, config)
        if self.content.site is not None:
            try:
                words = theme_words(load_labels(self.content.site, built.language))
            except SourceError:
                return config  # the preview shows what is wrong with labels.yml; a build has stopped on it
            theme.apply(config, words, built)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Name the site; start this language's search entries."""
        content.on_pre_build(self.content, config)
        language_roots.on_pre_build(self.search, language_pass(config))

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Reload the preview on a change to any of the company's sources."""
        return content.on_serve(server, config)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Let this language's template environment reuse what an earlier one compiled."""
        env.bytecode_cache = self.compiled
        return env

    # At the default priority, before i18n's on_files (-100): i18n then localizes the generated pages as it
    # does the editors' ones (their addresses, alternates, language switcher, sitemap).
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages of every language."""
        return content.on_files(self.content, files, config)

    @event_priority(-200)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Order the navigation once i18n has made it."""
        return content.on_nav(nav)

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Hand over a generated page's Markdown."""
        return content.on_pre_page(self.content, page)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The notice page's text: the version in force, or the draft in the preview."""
        return content.on_page_markdown(self.content, markdown, page)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The rendered text, through the HTML allowlist."""
        return content.on_page_content(self.content, html, page)

    def _frame(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        return content.on_page_context(self.content, context, page)

    # After Material's search plugin (0) has indexed the page.
    @event_priority(-10)
    def _search_entries(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any]:
        language_roots.on_page_context(self.search, config, language_pass(config), context)
        return context

    on_page_context = CombinedEvent(_frame, _search_entries)

    def on_pre_template(self, template: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        """Point 404.html's language links at the language roots."""
        language_roots.on_pre_template(template_name, config)
        return template

    # Last of all, so that the scripts hashed are the ones written to the page.
    @event_priority(-300)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Give the page a policy that admits exactly its own inline scripts."""
        return csp.secure(self.csp, output, page.file.dest_uri)

    @event_priority(-300)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The same for 404.html, rendered as a template; each language's is kept for its own root."""
        if template_name != theme.NOT_FOUND:
            return csp.on_post_template(self.csp, output_content, template_name)
        built = language_pass(config)
        output = csp.secure(self.csp, output_content, theme.path_of(built))
        theme.keep(self.not_found, built, output)
        return output

    # Before i18n's on_post_build (-100), in each language's pass.
    def _site_files(self, *, config: MkDocsConfig) -> None:
        content.on_post_build(self.content, config)
        theme.write(self.not_found, config, language_pass(config))

    # After i18n's on_post_build, which builds the other languages and writes its merged search index.
    @event_priority(-200)
    def _whole_site(self, *, config: MkDocsConfig) -> None:
        built = language_pass(config)
        if built.building_others:
            return
        language_roots.on_post_build(self.search, config, built)
        roots = [theme.root_path(config, built, lang) for lang in built.languages]
        csp.on_post_build(self.csp, config, {root: root + theme.NOT_FOUND for root in roots})

    on_post_build = CombinedEvent(_site_files, _whole_site)
