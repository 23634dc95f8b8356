"""The day each version was first published: what a material change's notice period is counted from.

A committer date is whatever the committer's clock said. The deploy's record (deployed.json, kept on each
host) holds the day the deploy first published each version, by the real clock, so that date is one no
contributor writes. Without a record (a local check, a pull request), the day a version reached main is
taken from git, never before main's commits before it (history.py); a version on neither is published
today at the earliest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..sources.deploy_record import COMMIT, DEPLOY, DeployRecord, Entry
from ..sources.site import CompanySite
from .history import NoHistory, Record, Snapshot, load_record, record_start
from .versions import REGISTRY, Version


@dataclass(frozen=True)
class FirstPublished:
    """The day a version was (or will at the earliest be) first published, and how messages say where it came from."""

    day: dt.date
    said: str
    # There when git's record begins and dated from git: announced before the record, or before the history read.
    before_record: bool = False
    # Not published yet: the earliest it can be is today.
    pending: bool = False
    # Published by a deploy already: too late to hold it back.
    deployed: bool = False
    # On main, to be published by the next deploy (unless held back).
    on_main: bool = False


def first_on_main(history: Record) -> dict[str, Snapshot]:
    """Each version id's first copy on the main line."""
    seen: dict[str, Snapshot] = {}
    for snapshot in history.snapshots:
        for version_id in snapshot.ids():
            seen.setdefault(version_id, snapshot)
    return seen


def first_published(versions: list[Version], history: Record, record: DeployRecord | None, tz: dt.tzinfo,
                    today: dt.date) -> dict[str, FirstPublished]:
    """Each version's first publication day: the deploy's record if given, else git's, else today."""
    on_main = first_on_main(history)
    oldest = history.snapshots[0] if history.snapshots else None
    dates: dict[str, FirstPublished] = {}
    for version in versions:
        entry = record.entries.get(version.id) if record is not None else None
        seen = on_main.get(version.id)
        if record is not None and entry is not None:
            dates[version.id] = _recorded(entry, record, seen is not None and seen is oldest)
        elif seen is not None and (record is None or not record.exists):
            day = seen.when.astimezone(tz).date()
            why = ("no deploy record given" if record is None
                   else f"{record.shown} does not exist yet: this deploy starts it")
            dates[version.id] = FirstPublished(
                day, f"reached main on {day} (commit {seen.short}, its committer date, never before main's commits "
                     f"before it; {why})", seen is oldest, on_main=True)
        elif seen is not None and record is not None:
            dates[version.id] = FirstPublished(
                today, f"is on main but not in {record.shown}, so not yet published: counted from today, {today}, "
                       f"the day this deploy would publish it", pending=True, on_main=True)
        else:
            dates[version.id] = FirstPublished(today, f"is not yet published: counted from today, {today}",
                                             pending=True)
    return dates


def _recorded(entry: Entry, record: DeployRecord, oldest: bool) -> FirstPublished:
    if entry.known_from == DEPLOY:
        return FirstPublished(entry.day, f"was first published by the deploy on {entry.day} ({record.shown})",
                              deployed=True)
    return FirstPublished(entry.day, f"was first published on {entry.day} ({record.shown}: the day it reached main, "
                                     f"carried over from git from before the deploy kept a record)", oldest,
                          deployed=True)


def predating(record: DeployRecord, history: Record, tz: dt.tzinfo) -> list[tuple[Entry, Snapshot]]:
    """Entries dated before their version first reached main: a version cannot be published before its text."""
    on_main = first_on_main(history)
    return [(entry, on_main[entry.id]) for entry in record.entries.values()
            if entry.id in on_main and entry.day < on_main[entry.id].when.astimezone(tz).date()]


def next_entries(versions: list[Version], history: Record, record: DeployRecord, tz: dt.tzinfo,
                 now: dt.datetime) -> list[Entry]:
    """The record a deploy publishes at `now`: every earlier entry unchanged, then each version published now.

    Where the host had no record yet, the versions already on main are carried over from git (`commit`):
    they were published by the deploys before the record existed.
    """
    entries = dict(record.entries)
    on_main = first_on_main(history)
    for version in versions:
        if version.id in entries:
            continue
        seen = on_main.get(version.id)
        if not record.exists and seen is not None:
            entries[version.id] = Entry(version.id, seen.when.astimezone(tz).date(), seen.when, COMMIT)
        else:
            entries[version.id] = Entry(version.id, now.astimezone(tz).date(), now, DEPLOY)
    return list(entries.values())


def deploy_entries(site: CompanySite, versions: list[Version], record: DeployRecord,
                   now: dt.datetime) -> list[Entry]:
    """The record a deploy publishes for `site` at `now` (next_entries over main's history as git has it)."""
    company_dir = site.company.path.parent
    try:
        history = load_record(company_dir / REGISTRY, record_start(site.root))
    except NoHistory:  # nothing to carry over from git: every version not yet recorded is published now
        history = Record([], complete=False)
    return next_entries(versions, history, record, site.company.time_zone, now)
