"""deployed.json: the deploy's record of the day each version was first published, as read from a host.

A deploy fetches the record its host publishes and hands it to `notices check` and `notices build`
(`--deployed`). It comes from outside the repository, so it is read with bounds and refused, file and
line named, at the first thing that does not fit the format (README, "deployed.json").
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .addresses import DEPLOY_FILE
from .problems import Problem, SourceError, display_path

FORMAT = 1
# A record lists every version ever released: far fewer than this, and each entry a short line.
MAX_BYTES = 1_000_000
MAX_ENTRIES = 10_000
DEPLOY, COMMIT = "deploy", "commit"
KNOWN_FROM = (DEPLOY, COMMIT)
ID = re.compile(r"[a-z0-9][a-z0-9.-]{0,39}")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
GIVE = "give the deployed.json fetched from the host, or a folder holding <company>/deployed.json"
FIELDS = {"first_published", "first_published_at", "known_from"}


@dataclass(frozen=True)
class Entry:
    """One version as the record has it: the day it was first published (company time), the instant, how known."""

    id: str
    day: dt.date
    at: dt.datetime
    known_from: str
    line: int = 1


@dataclass(frozen=True)
class DeployRecord:
    """The live record of one company's host; `exists` is False where the host has none yet (its first)."""

    shown: str
    entries: dict[str, Entry]
    exists: bool = True


def record_path(given: Path, company_id: str) -> Path:
    """The record of `company_id` in `given`: that file, or `<folder>/<company>/deployed.json`."""
    return given / company_id / DEPLOY_FILE if given.is_dir() else given


def read_record(given: Path, company_id: str, root: Path | None = None) -> DeployRecord:
    """The company's live record from `--deployed` (a file or a folder of hosts' copies); SourceError if unusable.

    In a folder, a company without a copy has no record yet: the deploy that publishes one starts it.
    """
    path = record_path(given, company_id)
    shown = display_path(path, root)
    if given.is_dir() and not os.path.lexists(path):
        return DeployRecord(shown, {}, exists=False)
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError([Problem(shown, 1, f"the deploy record is not a plain file: {GIVE}")])
        with open(path, "rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise SourceError([Problem(shown, 1, f"no deploy record here: {GIVE}")]) from None
    except OSError as error:
        raise SourceError([Problem(shown, 1, f"the deploy record cannot be read ({error.strerror})")]) from None
    if len(raw) > MAX_BYTES:
        raise SourceError([Problem(shown, 1, f"the deploy record is larger than {MAX_BYTES:,} bytes: "
                                             f"it is not one this project wrote")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError([Problem(shown, 1, "the deploy record is not UTF-8 text")]) from None
    return DeployRecord(shown, parse_record(text, shown, company_id))


def parse_record(text: str, shown: str, company_id: str) -> dict[str, Entry]:
    """The entries of a record's text, in its order; SourceError naming the line at fault."""
    lines = _key_lines(text)
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        raise SourceError([Problem(shown, error.lineno, f"the deploy record is not JSON: {error.msg}")]) from None
    except _Duplicate as duplicate:
        raise SourceError([Problem(shown, _line_of(lines, duplicate.key, second=True),
                                   f"the deploy record names {duplicate.shown} twice")]) from None
    except RecursionError:
        raise SourceError([Problem(shown, 1, "the deploy record is nested too deeply to be one")]) from None
    except ValueError as error:  # e.g. a number of more digits than Python converts
        raise SourceError([Problem(shown, 1, f"the deploy record cannot be read: {str(error)[:80]}")]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SourceError([Problem(shown, 1, f"not a deploy record of format {FORMAT}: "
                                             f'it must be an object with "format": {FORMAT}')])
    if data.get("company") != company_id:
        raise SourceError([Problem(shown, _line_of(lines, "company"),
                                   f"the deploy record is company {json.dumps(data.get('company'))[:60]}'s, "
                                   f"not {company_id}'s: give each company its own host's record")])
    versions = data.get("versions")
    if not isinstance(versions, dict) or len(versions) > MAX_ENTRIES:
        raise SourceError([Problem(shown, _line_of(lines, "versions"), f'"versions" must be an object of at most '
                                                                     f"{MAX_ENTRIES} versions, each by its id")])
    entries: dict[str, Entry] = {}
    start = _line_of(lines, "versions")
    for version_id, value in versions.items():
        line = _line_of(lines, version_id, after=start)
        entries[version_id] = _entry(version_id, value, shown, line)
    return entries


def _entry(version_id: str, value: Any, shown: str, line: int) -> Entry:
    """One version's entry, checked field by field."""
    def refuse(why: str) -> SourceError:
        return SourceError([Problem(shown, line, f"the entry of '{version_id[:50]}' {why}")])

    if not ID.fullmatch(version_id):
        raise refuse("is not a version id (lower-case letters, digits, '.' and '-', at most 40)")
    if not isinstance(value, dict) or set(value) != FIELDS:
        raise refuse(f"must hold exactly {', '.join(sorted(FIELDS))}")
    day_text, at_text, known = value["first_published"], value["first_published_at"], value["known_from"]
    if known not in KNOWN_FROM:
        raise refuse(f"says it is known from {json.dumps(known)[:40]}: it must be one of {', '.join(KNOWN_FROM)}")
    try:
        if not (isinstance(day_text, str) and DAY.fullmatch(day_text)):
            raise ValueError
        day = dt.date.fromisoformat(day_text)
        if not (isinstance(at_text, str) and INSTANT.fullmatch(at_text)):
            raise ValueError
        at = dt.datetime.fromisoformat(at_text)
    except ValueError:
        raise refuse("must date it as YYYY-MM-DD (first_published) and YYYY-MM-DDTHH:MM:SSZ "
                     "(first_published_at, UTC)") from None
    # The day is the instant's date where the company is: never more than a day from its date in UTC.
    if abs((day - at.date()).days) > 1:
        raise refuse(f"gives the day {day} for the instant {at_text}: the day is the instant's date in the "
                     f"company's time zone")
    return Entry(version_id, day, at, known, line)


class _Duplicate(Exception):
    def __init__(self, key: str):
        self.shown = json.dumps(key[:50])
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The JSON parser's object hook: a key written twice is refused, not silently the last one."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _Duplicate(key)
        seen[key] = value
    return seen


KEY = re.compile(r'\s*("(?:[^"\\]|\\.)*")\s*:')


def _key_lines(text: str) -> dict[str, list[int]]:
    """Each key written at the start of a line (as the build writes a record), with the lines it is on."""
    found: dict[str, list[int]] = {}
    for number, content in enumerate(text.splitlines(), 1):
        key = KEY.match(content)
        if key:
            found.setdefault(key.group(1), []).append(number)
    return found


def _line_of(lines: dict[str, list[int]], key: str, after: int = 0, second: bool = False) -> int:
    """The line where `"key":` is written (its second time, if asked) after line `after`; 1 if not found."""
    numbers = [n for n in lines.get(json.dumps(key, ensure_ascii=False), []) if n > after]
    wanted = 1 if second else 0
    return numbers[wanted] if len(numbers) > wanted else 1
