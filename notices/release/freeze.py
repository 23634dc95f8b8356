"""Releasing the current text of a notice as a new, frozen version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from babel import Locale

from ..checks.all import check_company
from ..model.archive import archive_path, frozen_file, frozen_text, sha256
from ..model.dating import dating_problem
from ..model.gdpr import document, element_names, frozen_path, publishes_index, serialized
from ..model.shown import draft, frame_facts, released
from ..model.translations import stale_clauses
from ..model.versions import (
    NOTICE_PAGE,
    VERSION_ID_FORM,
    ChangeKind,
    Version,
    is_version_id,
    load_versions,
    next_version_id,
    translation_source,
    write_versions,
)
from ..sources.labels import load_labels
from ..sources.problems import Problem, SourceError
from ..sources.site import CompanySite
from ..sources.text import unclean


class ArgumentRefused(Exception):
    """A release refused because of what its command was given: `argument` names the option to correct."""

    def __init__(self, argument: str, message: str):
        self.argument = argument
        self.message = message
        super().__init__(f"argument {argument}: {message}")


def release(site: CompanySite, *, change: ChangeKind | None, summaries: dict[str, str], effective: dt.date,
            published: dt.date, version_id: str | None = None, notice_override: str | None = None,
            translation_current: tuple[str, ...] = (), translation_behind: tuple[str, ...] = (),
            today: dt.date | None = None) -> Version:
    """Freeze the company's current text as a new version; refuse with a reason naming what to fix.

    `today` is the release day in the company's time zone (by default the publication day).
    """
    company = site.company
    company_dir = company.path.parent
    registry = f"{company.shown_as.rsplit('/', 1)[0]}/versions.yml"

    def refuse(message: str, argument: str | None = None) -> Exception:
        if argument is not None:
            return ArgumentRefused(argument, message)
        return SourceError([Problem(registry, 1, message)])

    if site.errors:
        raise SourceError(site.errors)
    checked = check_company(site)
    if checked.errors:
        raise SourceError(checked.errors)
    versions = load_versions(company_dir, company.languages, site.root)
    last = versions[-1] if versions else None
    if last is None:
        change = ChangeKind.INITIAL
    elif change not in (ChangeKind.MATERIAL, ChangeKind.EDITORIAL):
        raise refuse("say whether the change is material (purposes, recipients, transfers, controller, "
                     "how rights are exercised) or editorial (typos, style): --material or --editorial",
                     "--material/--editorial")
    missing = [lang for lang in company.languages if not (summaries.get(lang) or "").strip()]
    if missing:
        raise refuse(f"a change summary is required in every language; missing: {', '.join(missing)} "
                     f"(add --summary {missing[0]}=\"...\")", "--summary")
    given = [(f"--summary {lang}", text) for lang, text in sorted(summaries.items())]
    unreadable = [(flag, why) for flag, text in given + [("--override-notice", notice_override or "")]
                  if (why := unclean(text))]
    if unreadable:
        raise refuse(f"the summaries and the reason are shown as written: "
                     f"{'; '.join(f'{flag}: {why}' for flag, why in unreadable)}", unreadable[0][0].split(" ")[0])
    version_id = next_version_id(versions) if version_id is None else version_id
    if not is_version_id(version_id):
        raise refuse(f"version id {version_id[:50]!r} must be {VERSION_ID_FORM}", "--id")
    if any(v.id == version_id for v in versions):
        raise refuse(f"version id '{version_id}' is taken: choose another one, or leave --id out", "--id")
    dating = dating_problem(effective, published, last, published if today is None else today)
    if dating:
        raise refuse(dating[1], dating[0])
    period = company.notice_period_days
    if change == ChangeKind.MATERIAL and (effective - published).days < period and not (notice_override or "").strip():
        raise refuse(f"a material change must be published at least {period} days before it takes effect "
                     f"(effective {effective}, published {published}); choose --effective "
                     f"{published + dt.timedelta(days=period)} or later, or give --override-notice \"why\"",
                     "--effective")
    drafts = {lang: draft(site, lang) for lang in company.languages}
    untitled = [site.pages[NOTICE_PAGE][lang].shown_as for lang, shown in drafts.items() if not shown.title]
    if untitled:
        raise SourceError([Problem(shown, 1, "the notice has no title to release with it: start the page with a "
                                             "front matter (---, title: ..., ---)") for shown in untitled])
    texts = {lang: shown.text for lang, shown in drafts.items()}
    if last and all(drafts[lang].same_as(released(site, last, lang))
                    and (last.facts is None or last.facts.get(lang) == frame_facts(site, lang))
                    for lang in company.languages):
        raise refuse(f"the text, title and facts shown have not changed since {last.id}: nothing to release")

    translates = _translations(site, versions, version_id, texts, set(translation_current),
                               set(translation_behind), refuse)
    made = Version(version_id, effective, published, ChangeKind(change),
                    {k: summaries[k].strip() for k in company.languages}, {}, (notice_override or "").strip() or None,
                    translates=translates or None, title={lang: drafts[lang].title for lang in company.languages},
                    facts={lang: frame_facts(site, lang) for lang in company.languages})
    files = {lang: frozen_file(company.id, made, lang, texts[lang], *_translation_note(site, lang))
             for lang in company.languages}
    for lang in company.languages:
        if archive_path(company_dir, version_id, lang).exists():
            raise refuse(f"{archive_path(company_dir, version_id, lang)} already exists; "
                         "archived texts are never replaced")
    # The GDPR index is frozen with the texts it quotes: what readers see of a version never changes.
    index = None
    if checked.coverage is not None and publishes_index(site):
        index = serialized(document(checked.coverage.entries, element_names(site), company.id, version_id,
                                    company.languages))
    version = Version(made.id, made.effective, made.published, made.change, made.summary,
                      {lang: sha256(data) for lang, data in files.items()}, made.notice_override,
                      translates=made.translates, title=made.title, gdpr_sha256=sha256(index) if index else None,
                      facts=made.facts)
    for lang, data in files.items():
        path = archive_path(company_dir, version_id, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(data)
    if index:
        frozen_path(company_dir, version_id).write_bytes(index)
    write_versions(company_dir, versions + [version])
    return version


def _translation_note(site: CompanySite, lang: str) -> tuple[str | None, str | None]:
    """For a translation: the original's language, and the note in its own language saying what the text is."""
    original = site.company.default_language
    if lang == original:
        return None, None
    note = load_labels(site, lang)["translation_note"]
    return original, note.replace("{language}", Locale.parse(original).get_display_name(lang) or original)


def _translations(site: CompanySite, versions: list[Version], version_id: str, texts: dict[str, str],
                  current: set[str], behind: set[str], refuse: Callable[..., Exception]) -> dict[str, str] | None:
    """Which released original each translation follows; refuse a translation left as it was by mistake.

    When clauses of the original changed and the translation's same clauses did not, the editor either
    updates the translation, confirms it is still accurate (`current`), or publishes it marked as behind
    (`behind`: it then still translates the version it translated before).
    """
    company = site.company
    original = company.default_language
    last = versions[-1] if versions else None
    for flag, named in (("--translation-current", current), ("--translation-behind", behind)):
        unknown = named - set(company.languages[1:])
        if unknown:
            raise refuse(f"{flag} names {', '.join(sorted(unknown))}, which is not a translation of this notice "
                         f"({', '.join(company.languages[1:])})", flag)
    if current & behind:
        raise refuse(f"a translation is either current or behind, not both: {', '.join(sorted(current & behind))}",
                     "--translation-current/--translation-behind")
    translates: dict[str, str] = {}
    for lang in company.languages[1:]:
        if last is None or lang in current:
            continue
        stale = stale_clauses((frozen_text(company.path.parent, last.id, original), texts[original]),
                              (frozen_text(company.path.parent, last.id, lang), texts[lang]), site.markdown_html())
        if lang in behind:
            translates[lang] = translation_source(last, lang)
        elif stale:
            page = site.pages[NOTICE_PAGE][lang]
            lines = {c.id: c.line for c in site.page_clauses(lang, NOTICE_PAGE)}
            # Where the editor acts: the translation's first clause left as it was.
            raise SourceError([Problem(page.shown_as, lines.get(stale[0], page.body_start),
                f"clauses {', '.join(stale)} of the original changed but their '{lang}' translation did "
                f"not: update {page.shown_as}, or release with --translation-current {lang} if it is "
                f"still accurate, or with --translation-behind {lang} to publish it marked as behind")])
        elif (last.translates or {}).get(lang) and texts[lang].strip() == frozen_text(
                company.path.parent, last.id, lang).strip():
            translates[lang] = (last.translates or {})[lang]  # left as it was: still behind the same original
    return translates or None
