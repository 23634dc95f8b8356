"""When a new version may be published and take effect: never over what readers were shown, never far ahead."""

from __future__ import annotations

import datetime as dt

from .versions import Version

# A release is published on its day or soon after (the time a pull request takes); a version takes
# effect within two years. Further ahead, a date is a mistake or a way round the notice period.
PUBLISHED_AHEAD_DAYS = 31
EFFECTIVE_AHEAD_DAYS = 731


def _plus(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:  # a day near the end of the calendar: nothing lies after it
        return dt.date.max


def dating_problem(effective: dt.date, published: dt.date, newest: Version | None,
                   today: dt.date) -> tuple[str, str] | None:
    """Which date (`--published`, `--effective`) a version released `today` after `newest` cannot have, and why."""
    if published > _plus(today, PUBLISHED_AHEAD_DAYS):
        return "--published", (f"publication date {published} is more than {PUBLISHED_AHEAD_DAYS} days after the "
                               f"release day ({today}): publish it on {today} or soon after")
    if effective > _plus(today, EFFECTIVE_AHEAD_DAYS):
        return "--effective", (f"effective date {effective} is more than {EFFECTIVE_AHEAD_DAYS} days after the "
                               f"release day ({today}): release it nearer the time")
    if effective < published:
        return "--effective", (f"effective date {effective} is before the publication date {published}: "
                               f"a version cannot apply before readers can see it")
    if effective < today:
        return "--effective", (f"effective date {effective} is before the release day ({today}): until today "
                               f"readers were shown {newest.id if newest else 'no notice'}; take effect on {today} "
                               f"or later")
    if newest and effective <= newest.effective:
        return "--effective", (f"effective date {effective} is not after {newest.id}'s effective date "
                               f"{newest.effective}: {newest.id} was in force from that day and stays so; "
                               f"take effect after it")
    if newest and published < newest.published:
        return "--published", (f"publication date {published} is before {newest.id}'s publication date "
                               f"{newest.published}")
    return None
