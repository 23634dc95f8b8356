"""Released versions compared with the git record: never changed, never reordered, announced in time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..model.dates import today_in
from ..model.dating import dating_problem
from ..model.first_published import FirstPublished, first_published, predating
from ..model.gdpr import frozen_path
from ..model.history import NoHistory, Record, Snapshot, Start, first_copy, load_record, record_start, snapshot_at
from ..model.versions import ARCHIVE, REGISTRY, Version
from ..sources.deploy_record import DeployRecord, read_record
from ..sources.problems import WARNING, Problem, SourceError, display_path
from ..sources.site import CompanySite

SCALARS = ("effective", "published", "change", "notice_override", "gdpr_sha256")
MAPPINGS = ("summary", "title", "facts", "translates", "sha256")
# Fields a version may have been released without, recorded once later: each is frozen from the first
# commit of main that has it (the titles and shown facts of versions released before they were recorded).
RECORDED_LATER = ("title.", "facts.")


def check_history(site: CompanySite, versions: list[Version], against: str | None = None,
                  record: bool = True, as_of: str | None = None, deployed: Path | None = None) -> list[Problem]:
    """Every released version unchanged and in place since git's record (and `against`); notice periods kept.

    Today is the real day in the company's time zone, or `as_of` (a preview's day). `deployed`: the deploy's
    record (a deployed.json, or a folder of them by company) the notice periods are counted from.
    """
    company_dir = site.company.path.parent
    path = company_dir / REGISTRY
    if not path.is_file():
        return []
    registry = display_path(path, site.root)
    tz = company_zone(site.company.data)
    problems: list[Problem] = []
    flagged: set[str] = set()
    if against:
        earlier = snapshot_at(path, against)
        if earlier is not None:
            problems += _compare([earlier], versions, registry, site, tz, flagged)
    if not record:
        return problems
    try:
        start = record_start(site.root)
        history = load_record(path, start)
        problems += _compare(history.snapshots, versions, registry, site, tz, flagged)
        problems += _frozen_indexes(site, versions, start, tz)
    except NoHistory as why:
        return problems + [Problem(registry, 1, str(why), WARNING)]
    except SourceError as error:
        return problems + list(error.problems)
    today = today_in(tz, as_of)
    problems += _dating(versions, history, registry, today)
    try:
        live = read_record(deployed, site.company.id, site.root) if deployed is not None else None
    except SourceError as error:
        return problems + list(error.problems)
    if live is not None:
        problems += _record_problems(live, versions, history, tz)
        if not live.exists:
            problems.append(Problem(live.shown, 1, "no deploy record yet: this deploy starts it, with the versions "
                                                     "already on main dated as they reached main", WARNING))
    problems += _notice(site, versions, first_published(versions, history, live, tz, today), registry, today)
    return problems


def _frozen_indexes(site: CompanySite, versions: list[Version], start: Start | None, tz: dt.tzinfo) -> list[Problem]:
    """A version's frozen GDPR index, once on main, stays as it first reached main (also one frozen after release)."""
    problems = []
    for version in versions:
        path = frozen_path(site.company.path.parent, version.id)
        first = first_copy(path, start)
        if first is None:
            continue
        shown = display_path(path, site.root)
        try:
            now = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        except OSError:
            now = None
        if now != first.content:
            label = f"{first.commit[:7]} ({first.when.astimezone(tz).date()})"
            problems.append(Problem(shown, 1,
                f"the frozen GDPR index of '{version.id}' changed or was removed since it reached main in {label}: "
                f"a released version's index never changes; restore it: git checkout {first.commit[:7]} -- {shown}"))
    return problems


def company_zone(data: dict) -> dt.tzinfo:
    """The company's time zone (its `time_zone` fact), UTC when it names none or none known."""
    try:
        return ZoneInfo(str(data["time_zone"]))
    except (KeyError, ValueError, ZoneInfoNotFoundError):
        return dt.UTC


def _dating(versions: list[Version], history: Record, registry: str, today: dt.date) -> list[Problem]:
    """Versions not yet on main keep the dates a release today may have, after the newest one on main."""
    on_main = {version_id for snapshot in history.snapshots for version_id in snapshot.ids()}
    newest = None
    problems = []
    for version in versions:
        if version.id in on_main:
            newest = version
            continue
        why = dating_problem(version.effective, version.published, newest, today)
        if why:
            problems.append(Problem(registry, version.line,
                                    f"version '{version.id}' is not on main yet and its {why[1]} "
                                    f"(today taken as {today}, in the company's time zone)"))
        newest = version
    return problems


def _fields(record: dict) -> dict[str, str | None]:
    """A registry entry as comparable text per field, e.g. {'summary.en': '...'}."""
    flat: dict[str, str | None] = {key: _text(record.get(key)) for key in SCALARS}
    for key in MAPPINGS:
        value = record.get(key)
        if isinstance(value, dict):
            flat.update({f"{key}.{lang}": _text(item) for lang, item in value.items()})
        elif value:
            flat[key] = _text(value)
    return flat


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _compare(snapshots: list[Snapshot], versions: list[Version], registry: str, site: CompanySite,
             tz: dt.tzinfo, flagged: set[str]) -> list[Problem]:
    """Each version as first released in `snapshots` against now; `flagged` ids are reported once."""
    now = {v.id: v for v in reversed(versions)}
    position = {v.id: i for i, v in reversed(list(enumerate(versions)))}
    archive = display_path(site.company.path.parent / ARCHIVE, site.root)
    released: dict[str, tuple[Snapshot, dict]] = {}
    later: dict[str, dict[str, str | None]] = {}
    for snapshot in snapshots:
        for entry in snapshot.entries:
            released.setdefault(str(entry["id"]), (snapshot, entry))
            recorded = later.setdefault(str(entry["id"]), {})
            for key, value in _fields(entry).items():
                if key.startswith(RECORDED_LATER):
                    recorded.setdefault(key, value)
    problems: list[Problem] = []
    for version_id, (snapshot, entry) in released.items():
        if version_id in flagged:
            continue
        label, short = snapshot.label(tz), snapshot.short
        restore = f"git checkout {short} -- {archive}/{version_id}/ and copy its entry back from " \
                  f"`git show {short}:{registry}`"
        version = now.get(version_id)
        if version is None:
            flagged.add(version_id)
            problems.append(Problem(registry, _line_near(version_id, snapshot, versions),
                f"version '{version_id}' released in {label} was removed: a released version is never removed; "
                f"restore it from git: {restore}"))
            continue
        before, after = {**later.get(version_id, {}), **_fields(entry)}, _fields(version.as_record())
        # Not yet on main: it is recorded by this change, and frozen once merged.
        after = {k: v for k, v in after.items() if k in before or not k.startswith(RECORDED_LATER)}
        changed = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
        if not changed:
            continue
        flagged.add(version_id)
        # Checking out the whole registry would drop the versions released since: restore the entry alone.
        texts_changed = any(key.startswith("sha256") for key in changed)
        how = restore if texts_changed else f"copy its entry back from `git show {short}:{registry}`"
        problems.append(Problem(registry, version.line,
            f"version '{version_id}' changed since it was released in {label}: its {', '.join(changed)} changed; "
            f"a released version never changes: restore it from git: {how}; release a new version instead"))
    for snapshot in snapshots:
        order = [i for i in snapshot.ids() if i in position]
        for index, first in enumerate(order):
            for second in order[index + 1:]:
                if position[second] < position[first] and second not in flagged:
                    flagged.add(second)
                    problems.append(Problem(registry, now[second].line,
                        f"version '{second}' now comes before '{first}', but was released after it "
                        f"in {snapshot.label(tz)}: released versions keep their order; restore it from git: "
                        f"copy the entries back in their order from `git show {snapshot.short}:{registry}`"))
    return problems


def _line_near(version_id: str, snapshot: Snapshot, versions: list[Version]) -> int:
    """Where a removed version was: the line of the next released version still listed."""
    ids = snapshot.ids()
    lines = {v.id: v.line for v in versions}
    for later in ids[ids.index(version_id) + 1:]:
        if later in lines:
            return lines[later]
    return versions[-1].line if versions else 1


def _notice(site: CompanySite, versions: list[Version], dates: dict[str, FirstPublished], registry: str,
            today: dt.date) -> list[Problem]:
    """Material versions take effect at least the company's notice period after they were first published."""
    period = site.company.notice_period_days
    problems = []
    for version in versions:
        dated = dates.get(version.id)
        if not version.material or dated is None or dated.before_record:
            continue
        days = (version.effective - dated.day).days
        if days >= period:
            if dated.pending and not dated.on_main:
                merge_by = version.effective - dt.timedelta(days=period)
                problems.append(Problem(registry, version.line,
                    f"material version '{version.id}' {dated.said}: publish it by {merge_by} so that readers "
                    f"get {period} days' notice before it takes effect on {version.effective}", WARNING))
            continue
        if dated.pending and not dated.on_main:
            fix = (f"move the effective date to {today + dt.timedelta(days=period)} or later (release it again with "
                   f"--effective)")
        elif dated.deployed:
            fix = (f"it should not have been published so: release a new version with an effective date on or "
                   f"after {dated.day + dt.timedelta(days=period)}")
        else:
            fix = (f"it must not be published so: revert it before it is deployed and release it with an effective "
                   f"date on or after {dated.day + dt.timedelta(days=period)}")
        short = (f"material version '{version.id}' {dated.said}: only {max(days, 0)} days before it takes effect "
                 f"on {version.effective}, and readers must get {period} days' notice")
        if version.notice_override:
            problems.append(Problem(registry, version.line,
                f"{short}; accepted as recorded in its notice_override: {version.notice_override}", WARNING))
        else:
            problems.append(Problem(registry, version.line, f"{short}; {fix}"))
    return problems


def _record_problems(record: DeployRecord, versions: list[Version], history: Record, tz: dt.tzinfo) -> list[Problem]:
    """The deploy record names only released versions, and none before its text reached main."""
    known = {version.id for version in versions}
    problems = [Problem(record.shown, entry.line,
                        f"the deploy record names version '{entry.id}', which versions.yml does not have: a "
                        f"released version is never removed") for entry in record.entries.values()
                if entry.id not in known]
    for entry, seen in predating(record, history, tz):
        problems.append(Problem(record.shown, entry.line,
            f"the deploy record says version '{entry.id}' was first published on {entry.day}, before it reached "
            f"main in {seen.label(tz)}: a version cannot be published before its text; this is not the record "
            f"the deploy wrote: fetch the host's own deployed.json"))
    return problems
