"""MkDocs adapter: checks a company's sources once per build, adds the version pages, fills in the notice."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from notices.checks.all import check_company
from notices.checks.disclosure import display_name
from notices.checks.html_safety import sanitize
from notices.checks.rendered import Origin, check_markdown
from notices.checks.site import load_site
from notices.model.dates import as_of_setting, source_date, today_in
from notices.model.versions import NOTICE_PAGE, archive_path
from notices.publish.publication import Publication, clauses_url
from notices.publish.urls import page_url
from notices.publish.versions_json import versions_document
from notices.sources.layout import Layout
from notices.sources.problems import ERROR, SourceError

log = get_plugin_logger("notices")
EPOCH_DAY = dt.date(1970, 1, 1)

# State of the build in progress. i18n re-runs the build once per language: the sources are
# loaded and checked on the first language's on_config and reused; publications are per language.
_state: dict = {"site": None, "versions": [], "serving": False, "publications": {}, "problems": []}


def _i18n(config):
    return config.plugins["i18n"]


def on_startup(command, dirty):
    """Remember whether this is `mkdocs serve`, where the notice page shows the editor's draft."""
    _state["serving"] = command == "serve"


@event_priority(100)
def on_config(config):
    """Load and check the company's sources and archive on the first language pass."""
    if _i18n(config).current_language is not None:
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
        if not (_state["serving"] and _state["site"] is not None):
            raise PluginError(str(error)) from None
        # The preview keeps the last readable sources and shows what stops reading the new ones.
        for problem in error.problems:
            log.warning(str(problem))
        _state.update(problems=[str(p) for p in error.problems], publications={})
        return config
    checked = check_company(site)
    errors = [str(p) for p in checked.errors]
    if errors and not _state["serving"]:
        raise PluginError("\n".join(errors))
    # While editing, problems are warnings so that the preview keeps running; a build stops on them.
    for message in errors:
        log.warning(message)
    _state["problems"] = errors
    for problem in checked.problems:
        if problem.severity != ERROR:
            log.info(str(problem))
    try:
        # Decided once, so that every language of one build agrees on the day even across midnight.
        today = today_in(site.company.time_zone, as_of_setting())
    except ValueError as error:
        raise PluginError(f"{config.config_file_path}:1: NOTICES_AS_OF: {error}") from None
    _state.update(site=site, versions=checked.versions, coverage=checked.coverage, publications={}, today=today)
    return config


def on_pre_build(config):
    """The site's name, escaped once for every language pass: the theme prints it unescaped in attributes."""
    site = _state["site"]
    config.site_name = Markup.escape(display_name(site, site.company.default_language))


def on_serve(server, config, builder):
    """Reload the preview on a change to any source of the page, not only the notice folder."""
    company_dir = Path(config.config_file_path).parent
    # company.yml, versions.yml, versions/ and gdpr.yml; then every language's snippets and labels.yml.
    server.watch(str(company_dir))
    server.watch(str(Layout.of_company_dir(company_dir).snippets_dir))
    return server


def _failure_box(title: str, problems: list[str]) -> str:
    """An admonition listing the problems, titled in the page's language."""
    quoted = title.replace('"', "'")
    return f'!!! failure "{quoted}"\n\n' + "\n".join(f"    {problem}\n" for problem in problems) + "\n"


def _generated_file(config, name: str, lang: str, default: str, content: str | None, in_nav: bool) -> File:
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, f"{lang}/{name}", content=content or "", inclusion=inclusion)
    file.dest_uri = page_url(name, lang, default) + "index.html"
    file.locale = file.localization = file.locale_alternate_of = lang
    file.norm_src_uri = name
    file.alternates = {lang: file}
    return file


@event_priority(-200)
def on_files(files, config):
    """Add the history, comparison and version pages of the language being built."""
    i18n = _i18n(config)
    site, lang, default = _state["site"], i18n.current_language, i18n.default_language
    try:
        publication = Publication(site, _state["versions"], lang, _state["today"], _state.get("coverage"))
    except SourceError as error:
        raise PluginError(str(error)) from None
    _state["publications"][lang] = publication
    for generated in publication.pages():
        meta = {"title": generated.title, "template": generated.template}
        if generated.name.startswith("versions/"):
            # Archived texts and their changes stay out of the default search: each text is found once,
            # on the page in force.
            meta["search"] = {"exclude": True}
        front = json.dumps(meta, ensure_ascii=False)
        content = f"---\n{front}\n---\n{generated.markdown}"
        file = _generated_file(config, generated.name, lang, default, content, generated.in_nav)
        for other in i18n.build_languages:
            if other != lang:
                file.alternates[other] = _generated_file(config, generated.name, other, default, None, False)
        file.notice_view = generated.view
        files.append(file)
    i18n.i18n_files_per_language[lang] = files.documentation_pages()
    return files


NAV_ORDER = [NOTICE_PAGE, "history.md", "compare.md", "gdpr.md"]


@event_priority(-200)
def on_nav(nav, config, files):
    """Notice first, then its history, then the comparison, then any other page."""
    def rank(item):
        name = item.file.src_uri.partition("/")[2] if getattr(item, "file", None) else ""
        return NAV_ORDER.index(name) if name in NAV_ORDER else len(NAV_ORDER)
    nav.items.sort(key=rank)
    return nav


def on_page_markdown(markdown, page, config, files):
    """The notice page shows the version in force (the editor's draft under `mkdocs serve`)."""
    if hasattr(page.file, "notice_view"):
        return markdown
    lang, _, name = page.file.src_uri.partition("/")
    publication = _state["publications"][lang]
    title = publication.labels.get("problems", "Problems")
    box = _failure_box(title, _state["problems"]) if _state["serving"] and _state["problems"] else ""
    try:
        if name == NOTICE_PAGE:
            return box + publication.notice_markdown(draft=_state["serving"])
        return box + _state["site"].filled(lang, name)
    except SourceError as error:
        # Only reached under `notices serve`: a build has already stopped on this problem.
        if not box:
            box = _failure_box(title, [str(problem) for problem in error.problems])
        return box


def on_page_context(context, page, config, nav):
    """Give templates the company's facts and the version data in the page's language."""
    lang, _, name = page.file.src_uri.partition("/")
    publication = _state["publications"][lang]
    is_notice = name == NOTICE_PAGE
    context["company"] = publication.facts
    context["notice"] = {**publication.common(), "draft": _state["serving"] and is_notice and publication.is_draft(),
                         "kind": "notice" if is_notice else "page",
                         "translation": publication.translation(None if _state["serving"] else publication.current)
                         if is_notice else None,
                         **getattr(page.file, "notice_view", {})}
    return context


def on_page_content(html, page, config, files):
    """The rendered text passes the HTML allowlist; what is published is the sanitizer's own output."""
    verdict = sanitize(html)
    if verdict.refused is not None:
        lang, _, name = page.file.src_uri.partition("/")
        site = _state["site"]
        shown = (site.pages[name][lang].shown_as if name in site.pages and lang in site.pages[name]
                 else page.file.src_uri)
        problems = check_markdown(page.markdown, site.markdown_html(),
                                  [Origin(shown, n) for n in range(1, page.markdown.count("\n") + 2)])
        message = "\n".join(str(p) for p in problems) or f"{shown}:1: {verdict.refused}"
        if not _state["serving"]:
            raise PluginError(message)
        log.warning(message)
    return verdict.html


def on_post_build(config):
    """Write this language's Atom feed, and versions.json once for the whole site."""
    i18n = _i18n(config)
    lang, default = i18n.current_language, i18n.default_language
    publication = _state["publications"][lang]
    site_dir = Path(config.site_dir)
    env = config.theme.get_env()
    feed = env.get_template("notice/atom-feed.html").render(
        notice=publication.common(), company=publication.facts, config=config,
        versions=[publication.version_view(v) for v in reversed(_state["versions"])],
        # From the sources, never from the clock, so that rebuilding one commit gives the same feed.
        updated=max((v.published for v in _state["versions"]), default=source_date() or EPOCH_DAY).isoformat(),
    )
    target = site_dir / page_url("feed.xml", lang, default).rstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(feed, encoding="utf-8")
    for version in _state["versions"]:
        # Only the two versions a reader compares are fetched, so the comparison page does not grow.
        target = site_dir / clauses_url(version.id, lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(publication.clause_data(version), ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
    if lang == default:
        (site_dir / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\nSitemap: {config.site_url.rstrip('/')}/sitemap.xml\n", encoding="utf-8")
        # The frozen texts themselves, so that anyone can check a version's SHA-256.
        for version in _state["versions"]:
            for code in _state["site"].company.languages:
                source = archive_path(_state["site"].company.path.parent, version.id, code)
                target = site_dir / "versions" / version.id / f"{code}.md"
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    target.write_bytes(source.read_bytes())
                except OSError as error:  # removed while previewing; a build has checked the archive before
                    raise PluginError(f"{source}:1: the archived text cannot be read ({error.strerror}): "
                                      f"restore it from git") from None
        document = versions_document(_state["site"], _state["versions"], config.site_url)
        (site_dir / "versions.json").write_text(
            json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
