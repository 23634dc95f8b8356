"""Released versions of a notice: the registry, the frozen texts, and which one is in force."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from ..sources.problems import Problem, SourceError, did_you_mean, display_path
from ..sources.yamlsource import load_yaml

REGISTRY = "versions.yml"
# A version id names a folder and a part of every address of the version: short, lower case, no path.
VERSION_ID = re.compile(r"[a-z0-9][a-z0-9.-]{0,39}")
VERSION_ID_FORM = "like v2 or 2026-1: lower-case letters, digits, '.' and '-', at most 40 characters"
ARCHIVE = "versions"
NOTICE_PAGE = "index.md"
ENTRY_KEYS = ("id", "effective", "published", "change", "summary", "title", "facts", "notice_override", "translates",
              "sha256", "gdpr_sha256")
# The company's facts the site shows around a version's text (its name; the supervisory authority when public).
FRAME_FACTS = ("name", "authority", "authority_url")


class ChangeKind(StrEnum):
    """What a version changed: the first text, something readers must be told in advance, or wording."""

    INITIAL = "initial"
    MATERIAL = "material"
    EDITORIAL = "editorial"


class VersionStatus(StrEnum):
    """Where a version stands on a given day."""

    IN_FORCE = "in_force"
    UPCOMING = "upcoming"
    SUPERSEDED = "superseded"


CHANGE_KINDS = tuple(ChangeKind)


class PlainDumper(yaml.SafeDumper):
    """Writes equal dates twice instead of as YAML anchors, for people reading the file."""

    def ignore_aliases(self, data: Any) -> bool:
        """Never write anchors and aliases."""
        return True


@dataclass(frozen=True)
class Version:
    """One released version: its dates, kind of change, summaries and the hash of each text."""

    id: str
    effective: dt.date
    published: dt.date
    change: ChangeKind
    summary: dict[str, str]
    sha256: dict[str, str]
    notice_override: str | None = None
    line: int = 1
    translates: dict[str, str] | None = None
    # The notice's title in each language as released (front matter `title:`): readers see it with the text.
    title: dict[str, str] | None = None
    # The SHA-256 of the frozen GDPR index (versions/<id>/gdpr.json), for versions released with one.
    gdpr_sha256: str | None = None
    # The facts the site shows around the text in each language, as released (FRAME_FACTS).
    facts: dict[str, dict[str, str]] | None = None

    @property
    def material(self) -> bool:
        """Whether readers must be told in advance (purposes, recipients, controller, rights)."""
        return self.change == ChangeKind.MATERIAL

    def as_record(self) -> dict[str, Any]:
        """The registry entry as written to versions.yml."""
        # YAML's safe dumper writes only plain strings, not enum members.
        record: dict[str, Any] = {"id": self.id, "effective": self.effective, "published": self.published,
                                  "change": str(self.change), "summary": dict(self.summary)}
        if self.title:
            record["title"] = dict(self.title)
        if self.facts:
            record["facts"] = {lang: dict(facts) for lang, facts in self.facts.items()}
        if self.notice_override:
            record["notice_override"] = self.notice_override
        if self.translates:
            record["translates"] = dict(self.translates)
        record["sha256"] = dict(self.sha256)
        if self.gdpr_sha256:
            record["gdpr_sha256"] = self.gdpr_sha256
        return record


def is_version_id(text: str) -> bool:
    """Whether `text` is a version id, exactly (no trailing line break, no path)."""
    return VERSION_ID.fullmatch(text) is not None


def next_version_id(versions: list[Version]) -> str:
    """The id a release takes when none is given: v1, v2, ... the first one free after the count."""
    taken = {v.id for v in versions}
    number = len(versions) + 1
    while f"v{number}" in taken:
        number += 1
    return f"v{number}"


def load_versions(company_dir: Path, languages: list[str], root: Path | None = None) -> list[Version]:
    """Read versions.yml (oldest first); an absent registry means no version released yet."""
    path = Path(company_dir) / REGISTRY
    if not path.is_file():
        return []
    shown = display_path(path, root)
    source = load_yaml(path, shown)
    data = source.data if source.data is not None else []
    if not isinstance(data, list):
        raise SourceError([Problem(shown, 1, "expected a list of versions, oldest first")])
    versions: list[Version] = []
    problems: list[Problem] = []
    for index, entry in enumerate(data):
        where = source.line(str(index))

        def report(key: str, message: str, index: int = index, where: int = where) -> None:
            problems.append(Problem(shown, source.line(f"{index}.{key}") if key else where, message))

        if not isinstance(entry, dict):
            report("", "each version must be a mapping (id, effective, published, change, summary, sha256)")
            continue
        # A misspelt key is the cause of the key it meant being missing: that is not told again.
        misspelt = set()
        for key in entry:
            if key not in ENTRY_KEYS:
                guess = did_you_mean(str(key), ENTRY_KEYS)
                misspelt |= {known for known in ENTRY_KEYS if guess == f" (did you mean '{known}'?)"}
                report(str(key), f"'{key}' is not part of a version's entry{guess}: "
                                 f"the keys are {', '.join(ENTRY_KEYS)}")
        raw_id = entry.get("id")
        version_id = str(raw_id) if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else ""
        if not raw_id and raw_id != 0:
            report("id", "version without an id")
        elif not is_version_id(version_id):
            report("id", f"version id {raw_id!r} must be {VERSION_ID_FORM}")
        effective, published = entry.get("effective"), entry.get("published")
        for key, value in (("effective", effective), ("published", published)):
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                report(key, f"'{key}' must be a date written YYYY-MM-DD, not {value!r}")
        change = entry.get("change")
        if change not in CHANGE_KINDS:
            report("change", f"'change' must be one of {', '.join(CHANGE_KINDS)}, not {change!r}")
        summary = entry.get("summary") or {}
        hashes = entry.get("sha256") or {}
        for lang in languages:
            written = isinstance(summary, dict) and str(summary.get(lang) or "").strip()
            if "summary" not in misspelt and not written:
                report(f"summary.{lang}", f"version '{version_id}' has an empty change summary in '{lang}': write one")
            if "sha256" not in misspelt and (not isinstance(hashes, dict) or not hashes.get(lang)):
                report(f"sha256.{lang}", f"version '{version_id}' records no SHA-256 for '{lang}'")
        title = entry.get("title")
        for lang in languages if "title" not in misspelt else []:
            if not isinstance(title, dict) or not isinstance(title.get(lang), str) or not title[lang].strip():
                report(f"title.{lang}" if isinstance(title, dict) else "title",
                       f"version '{version_id}' records no title in '{lang}': copy the title it was released "
                       f"with from the front matter of its notice page (title: {{{lang}: ...}})")
        translates = entry.get("translates")
        if translates is not None and not (isinstance(translates, dict) and all(
                isinstance(v, (str, int)) and not isinstance(v, bool) for v in translates.values())):
            report("translates", "'translates' must map each language to the version it translates, e.g. ro: v1")
        override = entry.get("notice_override")
        if override is not None and not isinstance(override, str):
            report("notice_override", "'notice_override' must be text saying why the notice period was shortened")
        gdpr_hash = entry.get("gdpr_sha256")
        if gdpr_hash is not None and not (isinstance(gdpr_hash, str) and re.fullmatch(r"[0-9a-f]{64}", gdpr_hash)):
            report("gdpr_sha256", "'gdpr_sha256' must be the SHA-256 of the version's gdpr.json, as released")
        facts = entry.get("facts")
        if facts is not None and not (isinstance(facts, dict) and set(facts) == set(languages) and all(
                isinstance(v, dict) and set(v) <= set(FRAME_FACTS) and v.get("name")
                and all(isinstance(x, str) for x in v.values()) for v in facts.values())):
            report("facts", f"'facts' must give, in each language ({', '.join(languages)}), the facts shown around "
                            f"the text as released: name, and authority and authority_url when shown")
        if problems:
            continue
        versions.append(Version(version_id, entry["effective"], entry["published"], ChangeKind(str(change)),
                                {k: str(v) for k, v in summary.items()}, {k: str(v) for k, v in hashes.items()},
                                entry.get("notice_override"), where,
                                {k: str(v) for k, v in (entry.get("translates") or {}).items()} or None,
                                {k: str(v).strip() for k, v in (title or {}).items()},
                                gdpr_hash, {k: dict(v) for k, v in facts.items()} if facts else None))
    if problems:
        raise SourceError(problems)
    return versions


HEADER = ("# Released versions of this notice, oldest first. Written by `notices release`:\n"
          "# a released entry and its frozen texts in versions/ are never edited.\n")


def write_versions(company_dir: Path, versions: list[Version]) -> None:
    """Write versions.yml, oldest first."""
    header = HEADER
    body = yaml.dump([v.as_record() for v in versions], Dumper=PlainDumper, sort_keys=False,
                     allow_unicode=True, width=100)
    (Path(company_dir) / REGISTRY).write_text(header + body, encoding="utf-8")


def in_force(versions: list[Version], today: dt.date) -> Version | None:
    """The version whose effective date is the latest on or before `today`."""
    current = None
    for version in versions:
        if version.effective <= today:
            current = version
    return current


def upcoming(versions: list[Version], today: dt.date) -> list[Version]:
    """Released versions that take effect after `today`."""
    return [v for v in versions if v.effective > today]


def superseded_on(versions: list[Version], version: Version) -> dt.date | None:
    """The day a version stopped applying: the next version's effective date."""
    index = versions.index(version)
    return versions[index + 1].effective if index + 1 < len(versions) else None


def translation_source(version: Version, lang: str) -> str:
    """The version of the original that `version`'s text in `lang` translates (itself if up to date)."""
    return (version.translates or {}).get(lang, version.id)


def previous(versions: list[Version], version: Version) -> Version | None:
    """The version released before `version`."""
    index = versions.index(version)
    return versions[index - 1] if index else None
