"""Dates as readers see them: in the page's locale, by Babel; and the build's notion of today."""

from __future__ import annotations

import datetime as dt
import os

from babel.dates import format_date


def long_date(value: dt.date, lang: str) -> str:
    """'25 noiembrie 2026', '2026. gada 25. novembris', 'November 25, 2026'."""
    return format_date(value, "long", locale=lang)


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH so that a build can be repeated exactly."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()
