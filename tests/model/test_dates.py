"""Time is real (notices/model/dates.py): dates in the page's language, and what is in force follows the day in the company's time zone."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import (
    BUILD_DAY,
    BUILD_DAY_EPOCH,
    EXAMPLE,
    EXAMPLE_HISTORY,
    ROOT,
    edit,
    example_source,
    page,
    release,
    run_build,
    text,
    with_example,
)

from notices.model.dates import long_date, parse_as_of, source_date, today_in

SITE = "example-privacy"


BUCHAREST, RIGA = ZoneInfo("Europe/Bucharest"), ZoneInfo("Europe/Riga")


def in_force(site: Path, url: str = "") -> str:
    """The version the notice page (or a version page) says is in force."""
    return text(page(site, SITE, url).select_one(".notice-banner--current"))


@pytest.mark.parametrize("as_of,zone,day", [
    ("2027-01-09T22:30", BUCHAREST, "2027-01-10"),  # 00:30 in Bucharest (UTC+2 in winter)
    ("2027-01-09T21:59", BUCHAREST, "2027-01-09"),
    ("2027-01-09T22:30", RIGA, "2027-01-10"),
    ("2026-07-14T21:00", BUCHAREST, "2026-07-15"),  # summer: UTC+3
    ("2027-01-09T23:30+01:00", BUCHAREST, "2027-01-10"),
    ("2027-01-10", BUCHAREST, "2027-01-10"),  # a day is that day in the company's zone
])
def test_the_day_is_the_day_in_the_company_time_zone(as_of, zone, day):
    assert today_in(zone, as_of) == dt.date.fromisoformat(day)


def test_without_as_of_the_day_comes_from_the_real_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    before = dt.datetime.now(BUCHAREST).date()
    today = today_in(BUCHAREST)
    assert today in {before, dt.datetime.now(BUCHAREST).date()}


def test_a_malformed_as_of_is_refused(tmp_path):
    with pytest.raises(ValueError, match="is not a date or time: write YYYY-MM-DD"):
        today_in(BUCHAREST, "10/01/2027")
    result = run_build(ROOT, tmp_path / "site", as_of="tomorrow")
    assert result.returncode == 2 and "'tomorrow' is not a date or time" in result.output
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("value,message", [
    ("Europe/Bucuresti", "'Europe/Bucuresti' is not a time zone: write its IANA name, e.g. Europe/Bucharest"),
    ("../../etc/passwd", "'../../etc/passwd' is not a time zone"),
    (None, "missing required fact 'time_zone'"),
])
def test_an_unknown_time_zone_is_an_error_at_its_line(tmp_path, value, message):
    from notices.sources.company import load_company
    from notices.sources.problems import SourceError

    folder = tmp_path / "companies" / SITE
    folder.mkdir(parents=True)
    source = (EXAMPLE / "companies" / SITE / "company.yml").read_text(encoding="utf-8")
    line = source.splitlines().index("time_zone: Europe/Bucharest") + 1
    replaced = f"time_zone: {value}\n" if value else ""
    (folder / "company.yml").write_text(source.replace("time_zone: Europe/Bucharest\n", replaced), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_company(folder, tmp_path)
    where = f"companies/{SITE}/company.yml:{line if value else 1}: "
    assert where + message in str(caught.value)


@pytest.fixture
def history(released_template, tmp_path) -> Path:
    """A copy of the example with its four versions released (v4 effective 2027-01-10)."""
    return Path(shutil.copytree(released_template, tmp_path / "project"))


def test_the_commit_time_alone_does_not_decide_what_is_in_force(history, tmp_path):
    # SOURCE_DATE_EPOCH after v4's effective date, but the day of the build is before it.
    after_v4 = str(int(dt.datetime(2027, 1, 12, tzinfo=dt.UTC).timestamp()))
    result = run_build(history, tmp_path / "site", SITE, as_of=BUILD_DAY, epoch=after_v4)
    assert result.returncode == 0, result.output
    assert "Version v3" in in_force(tmp_path / "site")
    assert "Version v4" in text(page(tmp_path / "site", SITE).select_one(".notice-banner--upcoming"))
    assert "<lastmod>2027-01-12</lastmod>" in (tmp_path / "site" / SITE / "sitemap.xml").read_text()


def test_a_version_comes_into_force_at_midnight_in_the_company_time_zone(history, tmp_path):
    # 22:30 UTC on 9 January is 00:30 on 10 January in Bucharest: v4 (effective 2027-01-10) is in force.
    result = run_build(history, tmp_path / "site", SITE, as_of="2027-01-09T22:30", epoch=BUILD_DAY_EPOCH)
    assert result.returncode == 0, result.output
    assert "Version v4" in in_force(tmp_path / "site") and "10 January 2027" in in_force(tmp_path / "site")
    assert page(tmp_path / "site", SITE).select_one(".notice-banner--upcoming") is None
    assert page(tmp_path / "site", SITE, "versions/v3").select_one(".notice-banner--superseded") is not None


def test_the_feed_and_versions_json_do_not_depend_on_the_day(history, tmp_path):
    early = run_build(history, tmp_path / "early", SITE, as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
    late = run_build(history, tmp_path / "late", SITE, as_of="2027-02-01", epoch=BUILD_DAY_EPOCH)
    assert early.returncode == 0 and late.returncode == 0, early.output + late.output
    for name in ("feed.xml", "ro/feed.xml", "versions.json"):
        assert (tmp_path / "early" / SITE / name).read_bytes() == (tmp_path / "late" / SITE / name).read_bytes()
    # Midnight in Bucharest, where the example company is, with its offset.
    assert "<updated>2026-11-20T00:00:00+02:00</updated>" in (tmp_path / "late" / SITE / "feed.xml").read_text()


def test_a_commit_made_before_the_effective_date_built_after_it_shows_the_version_in_force(tmp_path):
    # The real clock, no --as-of: as the nightly deploy builds.
    yesterday = dt.datetime.now(BUCHAREST).date() - dt.timedelta(days=1)
    root = with_example(tmp_path / "project")
    first = yesterday - dt.timedelta(days=60)
    _release(root, "v1", [], first, first)
    _, kind, _, _, edits = EXAMPLE_HISTORY[2]  # an editorial change: no notice period
    for lang, old, new in edits:
        edit(example_source(root, lang), old, new)
    _release(root, "v2", kind, yesterday - dt.timedelta(days=3), yesterday)

    made = dt.datetime.combine(yesterday - dt.timedelta(days=2), dt.time(12), dt.UTC)
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.com"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "Release v2"], cwd=root, check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": made.isoformat(), "GIT_AUTHOR_DATE": made.isoformat()})

    result = run_build(root, tmp_path / "site", SITE)
    assert result.returncode == 0, result.output
    site = tmp_path / "site"
    assert f"<lastmod>{made.date().isoformat()}</lastmod>" in (site / SITE / "sitemap.xml").read_text()
    current = in_force(site)
    assert "Version v2" in current, current
    assert "access to, rectification of" in text(page(site, SITE).select_one("article"))
    assert page(site, SITE, "versions/v2").select_one(".notice-banner--in_force") is not None


def _release(root: Path, version: str, kind: list[str], published: dt.date, effective: dt.date) -> None:
    translation = root / "docs" / SITE / "ro" / "index.md"
    content = translation.read_text(encoding="utf-8")
    translation.write_text(re.sub(r"translates: \S+", f"translates: {version}", content), encoding="utf-8")
    result = release(root, SITE, *kind, "--published", published.isoformat(), "--effective", effective.isoformat(),
                     "--summary", f"en=Summary of {version}", "--summary", f"ro=Rezumatul {version}")
    assert result.returncode == 0, result.stdout + result.stderr


def test_dates_are_written_in_the_page_language():
    day = dt.date(2025, 3, 14)
    assert long_date(day, "ro") == "14 martie 2025"
    assert long_date(day, "lv") == "2025. gada 14. marts"
    assert long_date(day, "en") == "March 14, 2025"  # Babel's long form; the site passes the label date_format
    assert long_date(day, "en", "d MMMM y") == "14 March 2025"


def test_as_of_is_a_day_or_a_moment_in_utc_unless_an_offset_is_given():
    assert parse_as_of(" 2027-01-10 ") == dt.date(2027, 1, 10)
    assert parse_as_of("2027-01-09T22:30") == dt.datetime(2027, 1, 9, 22, 30, tzinfo=dt.UTC)
    assert parse_as_of("2027-01-09T22:30+02:00").utcoffset() == dt.timedelta(hours=2)
    with pytest.raises(ValueError, match="'soon' is not a date or time: write YYYY-MM-DD"):
        parse_as_of("soon")
    # 22:30 UTC is already the next day in Riga; a day is taken as written.
    assert today_in(RIGA, "2027-01-09T22:30") == dt.date(2027, 1, 10)
    assert today_in(RIGA, "2027-01-09") == dt.date(2027, 1, 9)


def test_the_commit_day_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date() is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    assert source_date() == dt.date(2026, 11, 25)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert source_date() is None
