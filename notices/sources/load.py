"""Loading one company's site from its sources: its facts, its pages, and whether each page fills in."""

from __future__ import annotations

from pathlib import Path

from .company import load_company
from .problems import SourceError
from .provenance import missing_facts, missing_snippets
from .render import UnknownName
from .site import CompanySite, read_pages


def load_site(company_dir: Path, docs_dir: Path, snippets_dir: Path, root: Path | None = None) -> CompanySite:
    """A company's sources, read and filled in; raises SourceError if its facts cannot be read.

    What stops a page from being read or filled in is in `site.problems`; the checks (notices/checks/)
    find everything else.
    """
    site = CompanySite(load_company(company_dir, root), Path(docs_dir), Path(snippets_dir), root)
    read_pages(site)
    _fill_every_page(site)
    return site


def _fill_every_page(site: CompanySite) -> None:
    for name, by_lang in sorted(site.pages.items()):
        for lang in by_lang:
            try:
                site.filled(lang, name)
            except SourceError as error:
                page = site.pages[name][lang]
                # Filling stops at the first unknown name: list every one, each with the closest known name.
                renderer = site.renderer(lang)
                every = (missing_facts(renderer, page.padded_body(), page.shown_as)
                         + missing_snippets(renderer, page.padded_body(), page.shown_as))
                first = [] if every and isinstance(error, UnknownName) else error.problems
                site.problems.extend(first + [p for p in every if p not in site.problems])
