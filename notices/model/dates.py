"""Dates as readers see them: in the page's locale, by Babel; and which day it is in a company's time zone."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from babel.dates import format_date

# How an explicit "as of" day or moment (previews, tests) is written.
AS_OF_FORMAT = "YYYY-MM-DD (a day in each company's time zone) or YYYY-MM-DDTHH:MM (UTC unless an offset is given)"


def long_date(value: dt.date, lang: str, pattern: str | None = None) -> str:
    """A date as `lang` writes it in prose: '25 noiembrie 2026', '2026. gada 25. novembris'.

    `pattern` (a CLDR pattern, the `date_format` label) replaces the locale's long form where the notices
    write dates otherwise: English notices write '25 May 2018', not Babel's American 'May 25, 2018'.
    """
    return format_date(value, pattern or "long", locale=lang)


def local_midnight(day: dt.date, zone: ZoneInfo) -> str:
    """00:00 of `day` where the company is, with its offset: when a version dated that day took effect."""
    return dt.datetime.combine(day, dt.time(), zone).isoformat()


def parse_as_of(text: str) -> dt.date | dt.datetime:
    """An 'as of' day, or moment (aware; UTC when no offset is written); ValueError naming the format."""
    text = text.strip()
    try:
        if "T" not in text and " " not in text:
            return dt.date.fromisoformat(text)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date or time: write {AS_OF_FORMAT}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def today_in(zone: dt.tzinfo, as_of: str | None = None) -> dt.date:
    """The date in `zone` now by the real clock, or at the explicit `as_of` (a day is taken as it is)."""
    if as_of:
        moment = parse_as_of(as_of)
        if not isinstance(moment, dt.datetime):
            return moment
        return moment.astimezone(zone).date()
    return dt.datetime.now(dt.UTC).astimezone(zone).date()


def source_date() -> dt.date | None:
    """The day of SOURCE_DATE_EPOCH (the sources' commit): for reproducible timestamps, never for 'today'."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return None
