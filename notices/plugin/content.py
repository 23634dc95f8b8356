"""The notice's pages: checks a company's sources once per build, adds the version pages, fills in the notice."""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..checks.all import archive_problems, check_company, text_problems
from ..checks.gdpr import Coverage
from ..checks.html_safety import sanitize
from ..checks.link_targets import company_addresses, link_problem
from ..checks.rendered import Judge
from ..model.dates import today_in
from ..model.first_published import deploy_entries
from ..model.shown import shown_facts
from ..model.versions import NOTICE_PAGE, Version
from ..publish.html import problems_box
from ..publish.pages import Pages
from ..publish.publication import Publication
from ..publish.site_files import site_files
from ..sources.addresses import ARCHIVE_FOLDER
from ..sources.deploy_record import Entry, read_record
from ..sources.layout import Layout
from ..sources.load import load_site
from ..sources.problems import ERROR, Problem, SourceError, display_path
from ..sources.site import CompanySite
from .language_pass import language_pass
from .preview_host import only_own_host

log = get_plugin_logger("notices")


@dataclass
class BuildState:
    """What one build shares between its events and its language passes."""

    # The preview (`notices serve`): the editor's draft on the notice page, problems as warnings.
    preview: bool = False
    # The day (or moment) taken as today, if not the real one.
    as_of: str | None = None
    # The deploy's live record, given by `notices build --deployed`.
    deployed: str | None = None
    # The record this build publishes (deployed.json): only with a record given and the real clock.
    deploy_record: list[Entry] | None = None
    # The configuration file whose sources are loaded: i18n re-runs the build once per language on the
    # same configuration, and the sources are read and checked on its first (original-language) pass.
    loaded_for: str | None = None
    site: CompanySite | None = None
    versions: list[Version] = field(default_factory=list)
    coverage: Coverage | None = None
    today: dt.date | None = None
    # Problems shown at the top of the preview's pages (always empty in a build: it stops on them).
    problems: list[str] = field(default_factory=list)
    pages: dict[str, Pages] = field(default_factory=dict)

    def language(self, lang: str) -> Pages:
        """The pages of the language being built (made in on_files)."""
        return self.pages[lang]

    def loaded(self) -> tuple[CompanySite, dt.date]:
        """The sources and the day of this build (both set in on_config before any other event)."""
        if self.site is None or self.today is None:
            raise PluginError("the company's sources were not loaded: build with `notices build <company>`")
        return self.site, self.today

    def next_build(self, config_file: str, preview: bool, as_of: str | None,
                   deployed: str | None = None) -> BuildState:
        """A new build's state: nothing, but the preview of one company keeps its last readable sources."""
        fresh = BuildState(preview=preview, as_of=as_of, deployed=None if preview else deployed)
        if preview and self.preview and self.loaded_for == config_file:
            fresh.site, fresh.versions = self.site, self.versions
            fresh.coverage, fresh.today = self.coverage, self.today
        return fresh


def on_config(state: BuildState, config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the company's sources and archive on the first language pass."""
    if not language_pass(config).first and state.loaded_for == config.config_file_path:
        return config
    company_dir = Path(config.config_file_path).parent
    if not (company_dir / "company.yml").is_file():
        raise PluginError(
            f"{config.config_file_path}:1: no company.yml beside this configuration: build a company "
            f"(notices build <company>) or every company (notices build)"
        )
    layout = Layout.of_company_dir(company_dir)
    try:
        site = load_site(company_dir, Path(config.docs_dir), layout.snippets_dir, layout.root)
    except SourceError as error:
        if not (state.preview and state.site is not None):
            raise PluginError(str(error)) from None
        # The preview keeps the last readable sources and shows what stops reading the new ones.
        for problem in error.problems:
            log.warning(str(problem))
        state.problems, state.pages = [str(p) for p in error.problems], {}
        state.loaded_for = config.config_file_path
        return config
    # One moment for the whole build: the check's today, the pages' and the deploy record's are the same.
    now = dt.datetime.now(dt.UTC)
    moment = state.as_of or now.isoformat()
    deployed = Path(state.deployed) if state.deployed else None
    # A build gates every text it renders (on_page_content); the preview lists every problem in the page.
    checked = check_company(site, history=True, build=not state.preview, as_of=moment, deployed=deployed)
    errors = [str(p) for p in checked.errors]
    if errors and not state.preview:
        raise PluginError("\n".join(errors))
    # While editing, problems are warnings so that the preview keeps running; a build stops on them.
    for message in errors:
        log.warning(message)
    for problem in checked.problems:
        if problem.severity != ERROR:
            log.info(str(problem))
    # Decided once, so that every language of one build agrees on the day even across midnight.
    today = today_in(site.company.time_zone, moment)
    if deployed is not None and state.as_of is None:  # a preview's day is never recorded as a deploy's
        try:
            record = read_record(deployed, site.company.id, site.root)
        except SourceError as error:  # changed since the check read it
            raise PluginError(str(error)) from None
        state.deploy_record = deploy_entries(site, checked.versions, record, now)
    state.site, state.versions, state.coverage, state.today = site, checked.versions, checked.coverage, today
    state.problems, state.pages, state.loaded_for = errors, {}, config.config_file_path
    return config


def on_pre_build(state: BuildState, config: MkDocsConfig) -> None:
    """The site's name, escaped once for every language pass: the theme prints it unescaped in attributes."""
    site, today = state.loaded()
    facts = shown_facts(site, state.versions, site.company.default_language, today, state.preview)
    config.site_name = Markup.escape(facts["name"])


def on_serve(server: LiveReloadServer, config: MkDocsConfig) -> LiveReloadServer:
    """Reload the preview on a change to any source of the page, not only the notice folder."""
    company_dir = Path(config.config_file_path).parent
    # company.yml, versions.yml, versions/ and gdpr.yml; then every language's snippets and labels.yml.
    server.watch(str(company_dir))
    server.watch(str(Layout.of_company_dir(company_dir).snippets_dir))
    host, port = server.server_address[:2]
    app = server.get_app()
    if app is not None:
        server.set_app(only_own_host(app, str(host), int(port)))
    return server


def _failure_box(title: str, problems: list[str]) -> str:
    """The problems above the page, titled in its language: HTML whose every message is text, never markup."""
    return f"{problems_box(title, problems)}\n\n"


def on_files(state: BuildState, files: Files, config: MkDocsConfig) -> Files:
    """Add the history, comparison, GDPR and version pages, in every language, beside the editors' pages."""
    built = language_pass(config)
    lang = built.language
    try:
        site, today = state.loaded()
        pages = Pages(Publication(site, state.versions, lang, today, state.coverage, state.preview),
                      config.site_url or "")
    except SourceError as error:
        raise PluginError(str(error)) from None
    state.pages[lang] = pages
    # Every language's copy, as for an editor's page: i18n keeps the one of the language being built and
    # makes the others its alternates. The pages have the same names in every language.
    for page in pages.generated():
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        for code in built.languages:
            src_uri = f"{code}/{page.name}"
            # mkdocs-static-i18n 1.3.1 keeps only files whose abs_src_path lies in docs_dir and rebuilds each
            # one as File(src_path, docs_dir): a generated File, with its content in memory or in a folder
            # of its own, is dropped ("Unhandled file case", upstream issue 263) or crashes it (no
            # abs_src_path). So the page is declared where an editor's page of that name would be, and its
            # Markdown is handed over in on_pre_page, once i18n has made the File its own.
            abs_src_path = os.path.join(config.docs_dir, src_uri)
            if files.get_file_from_path(src_uri) is not None:
                shown = display_path(Path(abs_src_path), site.root)
                raise PluginError(f"{shown}:1: the build makes this page from versions.yml: remove or rename this file")
            files.append(File.generated(config, src_uri, abs_src_path=abs_src_path, inclusion=inclusion))
    return files


NAV_ORDER = [NOTICE_PAGE, "history.md", "compare.md", "follow.md", "gdpr.md"]


def on_nav(nav: Navigation) -> Navigation:
    """Notice first, then its history, then the comparison, then any other page."""
    def rank(item: StructureItem) -> int:
        file = getattr(item, "file", None)
        name = file.src_uri.partition("/")[2] if file is not None else ""
        return NAV_ORDER.index(name) if name in NAV_ORDER else len(NAV_ORDER)
    nav.items.sort(key=rank)
    return nav


def on_pre_page(state: BuildState, page: Page) -> Page:
    """A generated page's source, from the publication of its language (see on_files)."""
    lang, _, name = page.file.src_uri.partition("/")
    generated = state.language(lang).page(name)
    if generated is not None:
        page.file.content_string = generated.source()
    return page


def on_page_markdown(state: BuildState, markdown: str, page: Page) -> str:
    """The notice page shows the version in force (the editor's draft in the preview)."""
    lang, _, name = page.file.src_uri.partition("/")
    pages = state.language(lang)
    if pages.page(name) is not None:
        return markdown
    publication = pages.publication
    title = publication.labels.get("problems", "Problems")
    box = _failure_box(title, state.problems) if state.preview and state.problems else ""
    try:
        if name == NOTICE_PAGE:
            shown = publication.notice(preview=state.preview)
            # The title readers see is the one released with the text (the draft's in the preview).
            # Escaped once here: the theme prints a page's title from its front matter as HTML, unescaped.
            page.meta["title"] = str(Markup.escape(shown.title))
            return box + shown.text
        return box + state.loaded()[0].filled(lang, name)
    except SourceError as error:
        # Only reached under `notices serve`: a build has already stopped on this problem.
        if not box:
            box = _failure_box(title, [str(problem) for problem in error.problems])
        return box


def on_page_context(state: BuildState, context: dict[str, Any], page: Page) -> dict[str, Any]:
    """Give the theme the page's frame: the site's HTML around the text, made by the publish stage."""
    lang, _, name = page.file.src_uri.partition("/")
    context["notice"] = state.language(lang).frame(name, preview=state.preview)
    return context


def on_page_content(state: BuildState, html: str, page: Page) -> str:
    """The rendered text passes the HTML allowlist; what is published is the sanitizer's own output."""
    verdict = sanitize(html)
    lang, _, name = page.file.src_uri.partition("/")
    released = name.startswith(ARCHIVE_FOLDER + "/") or (
        name == NOTICE_PAGE and not state.preview and state.language(lang).publication.current is not None)
    own = None if released else company_addresses(state.loaded()[0].company.data)
    refusal, judge = verdict.refused, None
    if refusal is None:
        # Links say where they go: the same rule as the check's, on what is published.
        judge = functools.partial(link_problem, own=own)
        refusal = judge(verdict.html)
    if refusal is not None:
        shown = display_path(Path(page.file.abs_src_path or page.file.src_uri), state.loaded()[0].root)
        message = "\n".join(str(p) for p in _refused_lines(state, lang, name, judge)) or f"{shown}:1: {refusal}"
        if not state.preview:
            raise PluginError(message)
        log.warning(message)
    return verdict.html


def _refused_lines(state: BuildState, lang: str, name: str, judge: Judge | None = None) -> list[Problem]:
    """Where the text of page `name` leaves the allowlist: a released version's file, or the editor's page."""
    site, _ = state.loaded()
    current = state.language(lang).publication.current
    if name.startswith("versions/"):
        return archive_problems(site, name.split("/")[1], lang, judge)
    if name == NOTICE_PAGE and current is not None and not state.preview:
        return archive_problems(site, current.id, lang, judge)
    if lang in site.pages.get(name, {}):
        return text_problems(site, lang, name, judge)
    return []


# Written here rather than handed to MkDocs as generated files: i18n's on_files (-100) crashes on a File
# with no abs_src_path, and this plugin's on_files must run before it for the pages; the archive copies are
# .md files, which MkDocs would build as pages. They are written from the publication's data alone.
def on_post_build(state: BuildState, config: MkDocsConfig) -> None:
    """Write the files the publish stage made for this language beside its pages."""
    publication = state.language(language_pass(config).language).publication
    try:
        generated = site_files(publication, config.site_url or "", state.deploy_record)
    except SourceError as error:
        raise PluginError(str(error)) from None
    site_dir = Path(config.site_dir)
    for site_file in generated:
        target = site_dir / site_file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(site_file.content.encode("utf-8"))
