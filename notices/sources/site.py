"""A company's notice site as sources: facts, pages per language, snippets, and the pages with them filled in."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import clauses
from .addresses import taken_address
from .cache import Cache
from .company import Company
from .markdown_html import MarkdownHtml
from .pages import PageSource, read_page
from .problems import ERROR, Problem, SourceError, display_path
from .render import Renderer

MEANT_CLAUSES = ("clause", "unparsed")


@dataclass
class CompanySite:
    """Everything one company's site is built from, with its problems found up front."""

    company: Company
    docs_dir: Path
    snippets_dir: Path
    root: Path | None
    pages: dict[str, dict[str, PageSource]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _filled: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _renderers: dict[str, Renderer] = field(default_factory=dict, repr=False)
    _markdown_html: MarkdownHtml | None = field(default=None, repr=False)

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop a build."""
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def cache(self) -> Cache:
        """Where work on this company's texts is kept between builds."""
        return Cache(self.root)

    def shown(self, path: Path) -> str:
        """A path as messages show it."""
        return display_path(path, self.root)

    def markdown_html(self) -> MarkdownHtml:
        """Markdown to HTML as the site renders it (one converter per site, for every check and comparison)."""
        if self._markdown_html is None:
            self._markdown_html = MarkdownHtml(self.snippets_dir.parent.parent)
        return self._markdown_html

    def renderer(self, lang: str) -> Renderer:
        """The renderer for `lang` (one per language: its snippets are compiled once)."""
        if lang not in self._renderers:
            self._renderers[lang] = Renderer(self.snippets_dir, lang, self.company.facts(lang),
                                             self.company.shown_as, self.root)
        return self._renderers[lang]

    def page_clauses(self, lang: str, name: str) -> list[clauses.Clause]:
        """Clauses of a page in order, snippet clauses placed at their include line."""
        page = self.pages[name][lang]
        found = []
        # A marker that does not parse still names the clause it meant: the other languages are compared
        # with that, so that the one mistake is reported once, where it is.
        for marker in clauses.scan(page.padded_body()):
            if marker.kind in MEANT_CLAUSES:
                found.append(clauses.Clause(marker.value, marker.line, marker.label, marker.level))
            elif marker.kind == "include":
                for inner in self.snippet_markers(lang, marker.value):
                    if inner.kind in MEANT_CLAUSES:
                        found.append(clauses.Clause(inner.value, marker.line, inner.label, inner.level))
        return found

    def snippet_markers(self, lang: str, name: str) -> list[clauses.Marker]:
        """The clause markers of snippet `name` in `lang` (none if it cannot be read: reported elsewhere)."""
        path = self.snippets_dir / lang / name
        if ".." in Path(name).parts or not path.is_file():
            return []
        try:
            return clauses.scan(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return []  # reported when the page is rendered

    def filled(self, lang: str, name: str) -> str:
        """The page's Markdown with facts and snippets filled in: the text a version freezes."""
        if (lang, name) not in self._filled:
            self._filled[(lang, name)] = self._fill(lang, name)
        return self._filled[(lang, name)]

    def _fill(self, lang: str, name: str) -> str:
        page = self.pages.get(name, {}).get(lang)
        if page is None:  # it could not be read: its problems are reported where it was read
            raise SourceError([Problem(self.shown(self.docs_dir / lang / name), 1,
                                       "this page could not be read: fix the problem reported for it")])
        text = self.renderer(lang).render(page.padded_body(), page.shown_as)
        renamed = page.meta.get("renamed_clauses") or {}
        if renamed:
            text = _keep_old_anchors(text, renamed)
        return text.strip() + "\n"


def _keep_old_anchors(text: str, renamed: dict) -> str:
    """Old clause ids kept as anchors before the clauses that replaced them, so old links still land."""
    starts: dict[int, list[str]] = {}
    for marker in clauses.scan(text):
        if marker.kind == "clause":
            for old, new in renamed.items():
                if new == marker.value:
                    starts.setdefault(marker.line, []).append(str(old))
    lines = text.split("\n")
    out = []
    for number, line in enumerate(lines, start=1):
        for old in starts.get(number, []):
            out.extend([f'<span id="{old}"></span>', ""])
        out.append(line)
    return "\n".join(out)


def read_pages(site: CompanySite) -> None:
    """Read every page of every language into `site.pages`; what cannot be read goes to `site.problems`."""
    languages = site.company.languages
    docs = site.docs_dir
    if not docs.is_dir():
        site.problems.append(Problem(site.shown(docs), 1, "the company's docs folder does not exist"))
        return
    for folder in sorted(p for p in docs.iterdir() if p.is_dir()):
        if folder.name not in languages:
            site.problems.append(Problem(site.shown(folder), 1,
                f"folder '{folder.name}' is not one of the company's languages {languages} "
                f"(see {site.company.shown_as})"))
    unreadable = set()
    for lang in languages:
        folder = docs / lang
        if not folder.is_dir():
            site.problems.append(Problem(site.shown(folder), 1,
                f"language '{lang}' ({site.company.shown_as}:{site.company.line('languages')}) has no folder "
                f"{site.shown(folder)}/: add it with the notice in that language, or remove the language"))
            continue
        for path in sorted(p for p in folder.rglob("*.md") if p.is_file()):
            name = path.relative_to(folder).as_posix()
            taken = taken_address(name, languages)
            if taken:
                site.problems.append(Problem(site.shown(path), 1, f"{taken}: remove or rename this file"))
                unreadable.add((lang, name))
                continue
            try:
                site.pages.setdefault(name, {})[lang] = read_page(path, site.shown(path), lang, name)
            except SourceError as error:
                site.problems.extend(error.problems)
                unreadable.add((lang, name))
    for name, by_lang in sorted(site.pages.items()):
        present = next(iter(by_lang.values()))
        for lang in languages:
            if lang not in by_lang and (docs / lang).is_dir() and (lang, name) not in unreadable:
                site.problems.append(Problem(present.shown_as, 1,
                    f"this page has no '{lang}' version: add {site.shown(docs / lang / name)} "
                    f"(a missing translation is never filled in from another language)"))
