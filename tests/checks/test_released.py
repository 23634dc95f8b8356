"""Released versions are compared with git's record of main, and material changes keep their notice period.

Each test builds a throw-away git repository from a copy of the project with the fictional example company,
committing each version on a chosen day (fixed commit dates), then breaks it as an editor might.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import EXAMPLE_HISTORY, check, edit, example_source, release, run_build, with_example

from notices.checks.integrity import check_versions
from notices.model.archive import archive_path, sha256
from notices.model.history import NO_HISTORY
from notices.model.versions import load_versions, write_versions
from notices.sources.layout import Layout
from notices.sources.load import load_site
from notices.sources.problems import ERROR, WARNING

SITE = "example-privacy"
REGISTRY = f"companies/{SITE}/versions.yml"
# v3 is released the same day as v2, so that swapping the two keeps their publication dates in order.
HISTORY = [(v, kind, "2026-03-01" if v == "v3" else published, "2026-04-16" if v == "v3" else effective, edits)
           for v, kind, published, effective, edits in EXAMPLE_HISTORY]
# The day each version is committed to main, unless a test says otherwise: its publication day.
ON_MAIN = {version: published for version, _, published, _, _ in HISTORY}


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Path:
    """The example with its four versions released (no git), made once."""
    root = with_example(tmp_path_factory.mktemp("history") / "project")
    for version, kind, published, effective, edits in HISTORY:
        translation = root / "docs" / SITE / "ro" / "index.md"
        edit(translation, re.search(r"translates: \S+", translation.read_text(encoding="utf-8")).group(0),
             f"translates: {version}")
        for lang, old, new in edits:
            edit(example_source(root, lang), old, new)
        result = release(root, SITE, *kind, "--published", published, "--effective", effective,
                         "--summary", f"en=Summary of {version}", "--summary", f"ro=Rezumatul {version}")
        assert result.returncode == 0, result.stdout + result.stderr
    return root


def git(root: Path, *args: str, when: str = "2026-01-10") -> str:
    """Run git in `root` as a committer on day `when` (noon UTC), isolated from the user's settings."""
    stamp = f"{when}T12:00:00+00:00" if len(when) == 10 else when
    env = dict(os.environ, GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp, GIT_AUTHOR_NAME="Editor",
               GIT_COMMITTER_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.com",
               GIT_COMMITTER_EMAIL="editor@example.com", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(root: Path, message: str, when: str) -> str:
    """Commit everything on day `when`; the commit's full hash."""
    git(root, "add", "-A", when=when)
    git(root, "commit", "-q", "-m", message, when=when)
    return git(root, "rev-parse", "HEAD")


def repository(template: Path, target: Path, on_main: dict[str, str] | None = None, upto: int = 4,
               prepare=None) -> tuple[Path, dict[str, str]]:
    """A git repository on branch main where each of the first `upto` versions reached main on its day.

    `prepare(versions)` may change the registry entries before they are committed. Returns the root and
    the commit of each version.
    """
    root = target / "project"
    shutil.copytree(template, root)
    company_dir = root / "companies" / SITE
    languages = ["en", "ro"]
    versions = load_versions(company_dir, languages)
    if prepare:
        versions = prepare(versions)
    shutil.rmtree(company_dir / "versions")
    git(root, "init", "-q", "-b", "main")
    commits = {}
    for count, version in enumerate(versions[:upto], 1):
        shutil.copytree(template / "companies" / SITE / "versions" / version.id, company_dir / "versions" / version.id)
        write_versions(company_dir, versions[:count])
        commits[version.id] = commit(root, f"Release {version.id}", (on_main or ON_MAIN)[version.id])
    for version in versions[upto:]:  # released in the working tree, not yet committed
        shutil.copytree(template / "companies" / SITE / "versions" / version.id, company_dir / "versions" / version.id)
    write_versions(company_dir, versions)
    return root, commits


def problems(root: Path, company: str = SITE, as_of: str | None = None, deployed: Path | None = None):
    """What comparing the company's versions with git's record finds, in-process (on `as_of` or today)."""
    layout = Layout(root)
    site = load_site(layout.company_dir(company), layout.docs_dir(company), layout.snippets_dir, root)
    return check_versions(site, history=True, as_of=as_of, deployed=deployed)[1]


def errors(root: Path, company: str = SITE, as_of: str | None = None, deployed: Path | None = None) -> list[str]:
    """The errors found, as printed."""
    return [str(p) for p in problems(root, company, as_of, deployed) if p.severity == ERROR]


def live_record(root: Path, days: dict[str, str], known_from: str = "deploy") -> Path:
    """A host's deployed.json as a deploy fetches it, in live/<company>/ beside the project: `days` by version."""
    folder = root.parent / "live" / SITE
    folder.mkdir(parents=True, exist_ok=True)
    versions = {version: {"first_published": day, "first_published_at": f"{day}T10:00:00Z", "known_from": known_from}
                for version, day in days.items()}
    document = {"format": 1, "company": SITE, "time_zone": "Europe/Bucharest", "versions": versions}
    (folder / "deployed.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return folder.parent


def entry_line(root: Path, version: str) -> int:
    """The line of a version's entry in the example's versions.yml."""
    lines = (root / REGISTRY).read_text(encoding="utf-8").splitlines()
    return lines.index(f"- id: {version}") + 1


def refreeze(root: Path, version: str, lang: str = "en") -> None:
    """Alter a frozen text and record its new hash, as no one may once it is released."""
    path = archive_path(root / "companies" / SITE, version, lang)
    path.write_bytes(path.read_bytes() + b"\nOne more sentence.\n")
    company_dir = root / "companies" / SITE
    versions = load_versions(company_dir, ["en", "ro"])
    write_versions(company_dir, [dataclasses.replace(v, sha256={**v.sha256, lang: sha256(path.read_bytes())})
                                 if v.id == version else v for v in versions])


def test_a_committed_change_of_a_frozen_text_and_its_hash_fails_the_check(template, tmp_path):
    root, commits = repository(template, tmp_path)
    refreeze(root, "v2")
    commit(root, "Re-freeze v2", "2026-12-01")
    assert entry_line(root, "v2") == 22
    result = check(root)
    short = commits["v2"][:7]
    expected = (f"{REGISTRY}:22: version 'v2' changed since it was released in {short} (2026-03-01): "
                f"its sha256.en changed; a released version never changes: restore it from git: git checkout "
                f"{short} -- companies/{SITE}/versions/v2/ and copy its entry back from "
                f"`git show {short}:{REGISTRY}`; release a new version instead")
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected in result.stdout.split("Warnings:")[0].splitlines(), result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_rewritten_summary_of_a_released_version_is_an_error(template, tmp_path):
    root, commits = repository(template, tmp_path)
    edit(root / REGISTRY, "en: Summary of v3", "en: A better summary of v3")
    commit(root, "Clarify v3's summary", "2026-12-01")
    found = errors(root)
    assert len(found) == 1, found
    assert found[0].startswith(f"{REGISTRY}:{entry_line(root, 'v3')}: version 'v3' changed since it was released "
                               f"in {commits['v3'][:7]} (2026-03-01): its summary.en changed; ")


def test_swapping_two_versions_released_the_same_day_is_an_error(template, tmp_path):
    root, commits = repository(template, tmp_path)
    company_dir = root / "companies" / SITE
    v1, v2, v3, v4 = load_versions(company_dir, ["en", "ro"])
    write_versions(company_dir, [v1, v3, v2, v4])
    commit(root, "Reorder", "2026-12-01")
    found = errors(root)
    assert f"{REGISTRY}:22: version 'v3' now comes before 'v2', but was released after it " \
           f"in {commits['v3'][:7]} (2026-03-01): released versions keep their order; restore it from git: " \
           f"copy the entries back in their order from `git show {commits['v3'][:7]}:{REGISTRY}`" in found


def test_an_uncommitted_change_of_a_frozen_text_and_its_hash_is_an_error(template, tmp_path):
    root, commits = repository(template, tmp_path)
    assert errors(root) == []
    refreeze(root, "v1", "ro")
    found = errors(root)
    assert len(found) == 1 and found[0].startswith(
        f"{REGISTRY}:3: version 'v1' changed since it was released in {commits['v1'][:7]} (2026-01-10): "
        f"its sha256.ro changed"), found


def test_a_removed_version_is_named_with_the_commit_it_was_released_in(template, tmp_path):
    root, commits = repository(template, tmp_path)
    company_dir = root / "companies" / SITE
    write_versions(company_dir, load_versions(company_dir, ["en", "ro"])[:3])
    shutil.rmtree(company_dir / "versions" / "v4")
    found = errors(root)
    assert len(found) == 1 and found[0].startswith(
        f"{REGISTRY}:41: version 'v4' released in {commits['v4'][:7]} (2026-11-20) was removed"), found


def test_a_copy_without_git_warns_once_per_company_and_passes(template):
    for company in Layout(template).company_ids():
        found = problems(template, company)
        assert [p for p in found if p.severity == ERROR] == []
        # Other warnings (a draft that differs from its release) belong to the notice as editors left it.
        assert [(p.path, p.line, p.severity) for p in found if p.message == NO_HISTORY] == \
            [(f"companies/{company}/versions.yml", 1, WARNING)]


def test_a_material_version_on_main_10_days_before_it_takes_effect_is_an_error(template, tmp_path):
    root, commits = repository(template, tmp_path, {**ON_MAIN, "v2": "2026-04-05", "v3": "2026-04-05"})
    assert errors(root) == [
        f"{REGISTRY}:22: material version 'v2' reached main on 2026-04-05 (commit {commits['v2'][:7]}, its committer "
        f"date, never before main's commits before it; no deploy record given): only 10 days before it takes effect "
        f"on 2026-04-15, and readers must get 30 days' notice; it must not be published so: "
        f"revert it before it is deployed and release it with an effective date on or after 2026-05-05"]


def test_a_recorded_notice_override_turns_the_short_notice_into_a_warning(template, tmp_path):
    reason = "required by the authority's decision of 2026-04-01"
    root, _ = repository(template, tmp_path, {**ON_MAIN, "v2": "2026-04-05", "v3": "2026-04-05"},
                         prepare=lambda vs: [dataclasses.replace(v, notice_override=reason) if v.id == "v2" else v
                                             for v in vs])
    found = problems(root)
    assert [p for p in found if p.severity == ERROR] == []
    assert [(p.line, p.severity) for p in found] == [(22, WARNING)]
    assert found[0].message.endswith(f"30 days' notice; accepted as recorded in its notice_override: {reason}")


def test_a_material_version_not_yet_on_main_is_measured_from_today(template, tmp_path, monkeypatch):
    root, _ = repository(template, tmp_path, upto=3)  # v4 (material, effective 2027-01-10) is not committed
    # SOURCE_DATE_EPOCH fixes timestamps, never the day: the check's day is the real one, or the one it is given.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1797033600")
    assert [(str(p), p.severity) for p in problems(root, as_of="2026-11-25")] == [
        (f"{REGISTRY}:60: warning: material version 'v4' is not yet published: counted from today, 2026-11-25: "
         f"publish it by 2026-12-11 so that readers get 30 days' notice before it takes effect on 2027-01-10",
         WARNING)]
    assert errors(root, as_of="2026-12-11") == []  # exactly 30 days
    assert errors(root, as_of="2026-12-12") == [  # 29 days
        f"{REGISTRY}:60: material version 'v4' is not yet published: counted from today, 2026-12-12: only 29 days "
        f"before it takes effect on 2027-01-10, and readers must get 30 days' notice; move the effective date to "
        f"2027-01-11 or later (release it again with --effective)"]


def test_record_starts_after_an_old_re_freeze_compares_only_what_followed(template, tmp_path):
    root, commits = repository(template, tmp_path, upto=1)
    refreeze(root, "v1")
    start = commit(root, "v1 frozen again before the first deployment", "2026-01-11")
    assert errors(root)[0].startswith(f"{REGISTRY}:3: version 'v1' changed since it was released in "
                                      f"{commits['v1'][:7]} (2026-01-10): its sha256.en changed")
    (root / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.notices]\nrecord_starts = "{start}"\n',
                                         encoding="utf-8")
    commit(root, "The record starts with the first deployment", "2026-01-12")
    assert errors(root) == []
    refreeze(root, "v1", "ro")  # once the record has started, a re-freeze is an error again
    assert errors(root)[0].startswith(f"{REGISTRY}:3: version 'v1' changed since it was released in "
                                      f"{start[:7]} (2026-01-11): its sha256.ro changed")


def test_record_starts_naming_a_commit_not_in_history_is_an_error(template, tmp_path):
    root, _ = repository(template, tmp_path, upto=1)
    (root / "pyproject.toml").write_text(f'[tool.notices]\n# the first deployment\nrecord_starts = "{"ab" * 20}"\n',
                                         encoding="utf-8")
    found = errors(root)
    assert found == [f"pyproject.toml:3: record_starts names commit {'ab' * 6}, which this repository does not "
                     f"have: name a commit of main's history (the first deployment)"]


def test_versions_already_there_when_the_record_begins_are_not_measured(template, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(template, root)
    git(root, "init", "-q", "-b", "main")
    commit(root, "The project, with the versions released before it was kept in git", "2026-11-25")
    assert errors(root) == []  # v2 took effect on 2026-04-15, before the record began


def test_the_day_a_version_reached_main_is_the_company_s_day(template, tmp_path):
    late_evening = "2026-03-16T23:30:00+00:00"  # already 17 March in Bucharest: 29 days before 15 April
    root, commits = repository(template, tmp_path, {**ON_MAIN, "v2": late_evening, "v3": late_evening})
    data = root / "companies" / SITE / "company.yml"
    zoned = data.read_text(encoding="utf-8")
    data.write_text(zoned.replace("time_zone: Europe/Bucharest", "time_zone: UTC"), encoding="utf-8")
    assert errors(root) == []  # in UTC it is still 16 March: 30 days' notice
    data.write_text(zoned, encoding="utf-8")
    assert errors(root) == [
        f"{REGISTRY}:22: material version 'v2' reached main on 2026-03-17 (commit {commits['v2'][:7]}, its committer "
        f"date, never before main's commits before it; no deploy record given): only 29 days before it takes effect "
        f"on 2026-04-15, and readers must get 30 days' notice; it must not be published so: "
        f"revert it before it is deployed and release it with an effective date on or after 2026-04-16"]


def test_the_build_refuses_what_the_check_refuses_against_git_and_leaves_the_site_as_it_was(template, tmp_path):
    root, commits = repository(template, tmp_path)
    published = root / "site" / SITE / "index.html"
    published.parent.mkdir(parents=True)
    published.write_bytes(b"<p>the site as published</p>")
    edit(root / REGISTRY, "en: Summary of v1", "en: A rewritten summary of v1")
    commit(root, "Rewrite v1's summary", "2026-12-01")
    result = run_build(root, root / "site", SITE, as_of="2026-12-02")
    assert result.returncode == 1, result.output
    assert (f"{REGISTRY}:{entry_line(root, 'v1')}: version 'v1' changed since it was released in "
            f"{commits['v1'][:7]} (2026-01-10): its summary.en changed; ") in result.output
    assert "Traceback" not in result.output
    assert [p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*")] == [SITE, f"{SITE}/index.html"]
    assert published.read_bytes() == b"<p>the site as published</p>"


def test_a_frozen_gdpr_index_once_on_main_never_changes_even_without_a_recorded_hash(template, tmp_path):
    # Like the real notices' v1, frozen before indexes were frozen at release: no gdpr_sha256 in its entry,
    # so git's record is what holds it.
    root, commits = repository(template, tmp_path, prepare=lambda vs: [dataclasses.replace(v, gdpr_sha256=None)
                                                                       for v in vs])
    index = root / "companies" / SITE / "versions" / "v2" / "gdpr.json"
    assert errors(root) == []
    index.write_text(index.read_text(encoding="utf-8").replace('"partly"', '"stated"', 1), encoding="utf-8")
    shown = f"companies/{SITE}/versions/v2/gdpr.json"
    expected = (f"{shown}:1: the frozen GDPR index of 'v2' changed or was removed since it reached main in "
                f"{commits['v2'][:7]} (2026-03-01): a released version's index never changes; restore it: "
                f"git checkout {commits['v2'][:7]} -- {shown}")
    assert errors(root) == [expected]
    commit(root, "Rewrite the index of v2", "2026-06-01")
    assert errors(root) == [expected]
    index.unlink()
    assert errors(root) == [expected]


def test_an_edited_archived_text_is_reported_at_the_line_that_changed(template, tmp_path):
    root, _ = repository(template, tmp_path)
    archived = archive_path(root / "companies" / SITE, "v2", "en")
    lines = archived.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, start=1) if "payment processor" in line)
    edit(archived, "payment processor", "payment provider")
    assert [e for e in errors(root) if "archived text altered" in e] == [
        f"companies/{SITE}/versions/v2/en.md:{number}: archived text altered: its SHA-256 no longer matches {REGISTRY} "
        f"(version 'v2'); restore it from git, never edit it"]
    assert number > 7


def test_a_released_company_renamed_in_a_branch_is_refused_and_the_summary_says_so(template, tmp_path):
    from runner import notices

    root, _ = repository(template, tmp_path)
    git(root, "checkout", "-q", "-b", "rename")
    shutil.move(root / "companies" / SITE, root / "companies" / "example-renamed")
    shutil.move(root / "docs" / SITE, root / "docs" / "example-renamed")
    config = root / "companies" / "example-renamed" / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(SITE, "example-renamed"), encoding="utf-8")
    commit(root, "Rename", "2026-12-01")
    result = check(root, "--against", "main")
    assert result.returncode == 1
    assert (f"companies/{SITE}/versions.yml:1: company '{SITE}' has released versions on main and its folder is "
            f"gone") in result.stdout
    summary = notices("summary", "--root", str(root), "--base", "main").stdout
    assert "Companies whose released versions are gone" in summary and f"company '{SITE}'" in summary


def every_problem(root: Path):
    """Every problem the check finds in the example, git's record included, in-process."""
    from notices.checks.all import check_company

    layout = Layout(root)
    site = load_site(layout.company_dir(SITE), layout.docs_dir(SITE), layout.snippets_dir, root)
    return check_company(site, history=True).problems


def test_a_change_of_host_is_named_and_passes_only_as_the_company_confirmed(template, tmp_path):
    from runner import notices

    root, _ = repository(template, tmp_path)
    git(root, "checkout", "-q", "-b", "move")
    edit(root / "companies" / SITE / "company.yml", "domains: [example.com]", "domains: [example.net]")
    edit(root / "companies" / SITE / "mkdocs.yml", "site_url: https://example.com/", "site_url: https://example.net/")
    commit(root, "Move", "2026-12-01")
    found = [str(p) for p in every_problem(root) if "another host" in p.message]
    assert found == [
        f"companies/{SITE}/company.yml:15: the site moves to another host (site_url changes from "
        f"'https://example.com/' to 'https://example.net/'; domains changes from ['example.com'] to ['example.net'], "
        f"compared with main): every permanent address, the feeds and the sitemap would move with it; a change of "
        f"host is made only when the company asks: record it in company.yml as confirmed: {{domains: {{by: Name "
        f"Surname, on: YYYY-MM-DD}}}}"]
    summary = notices("summary", "--root", str(root), "--base", "main").stdout
    assert "the site's host changes" in summary and "https://example.net/" in summary
    with (root / "companies" / SITE / "company.yml").open("a", encoding="utf-8") as data:
        data.write("confirmed:\n  domains: {by: Alex Example, on: 2026-12-01}\n")
    moved = [p for p in every_problem(root) if "another host" in p.message]
    assert [p.severity for p in moved] == [WARNING] and "as the company confirmed" in moved[0].message


def test_a_commit_back_dated_onto_main_counts_from_main_s_commits_before_it(template, tmp_path):
    root, _ = repository(template, tmp_path, upto=3)  # v4 (material, effective 2027-01-10) is not committed yet
    (root / "README.md").write_text("Later work on main.\n", encoding="utf-8")
    git(root, "add", "README.md", when="2027-01-01")
    git(root, "commit", "-q", "-m", "Later work", when="2027-01-01")
    back_dated = commit(root, "Release v4", "2026-06-01")  # the committer's clock says June
    found = errors(root, as_of="2027-01-02")
    assert [e for e in found if "'v4' reached main" in e] == [
        f"{REGISTRY}:60: material version 'v4' reached main on 2027-01-01 (commit {back_dated[:7]}, its committer "
        f"date, never before main's commits before it; no deploy record given): only 9 days before it takes effect "
        f"on 2027-01-10, and readers must get 30 days' notice; it must not be published so: revert it before it is "
        f"deployed and release it with an effective date on or after 2027-01-31"]


def test_the_summary_calls_a_rewritten_released_version_rewritten_not_new(template, tmp_path):
    from runner import notices

    root, _ = repository(template, tmp_path)
    git(root, "checkout", "-q", "-b", "rewrite")
    refreeze(root, "v1")
    commit(root, "Rewrite v1", "2026-12-01")
    summary = notices("summary", "--root", str(root), "--base", "main").stdout
    assert "released versions rewritten" in summary and "Released on `main` and different here: **v1**" in summary


def test_a_back_dated_commit_is_counted_from_the_deploy_s_own_day(template, tmp_path):
    root, _ = repository(template, tmp_path, upto=3)  # v4 (material, effective 2027-01-10) is not committed yet
    # Committed on 2026-12-20 with the clock set to June: after main's commits before it, so git alone believes it.
    commit(root, "Release v4", "2026-06-01")
    assert errors(root, as_of="2026-12-20") == []
    live = live_record(root, {"v1": "2026-01-10", "v2": "2026-03-01", "v3": "2026-03-01"})
    shown = (live / SITE / "deployed.json").as_posix()
    assert errors(root, as_of="2026-12-20", deployed=live) == [
        f"{REGISTRY}:60: material version 'v4' is on main but not in {shown}, so not yet published: counted from "
        f"today, 2026-12-20, the day this deploy would publish it: only 21 days before it takes effect on 2027-01-10, "
        f"and readers must get 30 days' notice; it must not be published so: revert it before it is deployed and "
        f"release it with an effective date on or after 2027-01-19"]
    # Once a deploy recorded it (as it never would have), its day is the deploy's, not the commit's.
    live_record(root, {"v1": "2026-01-10", "v2": "2026-03-01", "v3": "2026-03-01", "v4": "2026-12-20"})
    assert errors(root, as_of="2026-12-21", deployed=live) == [
        f"{REGISTRY}:60: material version 'v4' was first published by the deploy on 2026-12-20 ({shown}): only 21 "
        f"days before it takes effect on 2027-01-10, and readers must get 30 days' notice; it should not have been "
        f"published so: release a new version with an effective date on or after 2027-01-19"]


def test_each_notice_period_message_says_which_day_it_counted_from(template, tmp_path):
    root, commits = repository(template, tmp_path, {**ON_MAIN, "v2": "2026-04-05", "v3": "2026-04-05"}, upto=3)
    said = {"git": f"reached main on 2026-04-05 (commit {commits['v2'][:7]}, its committer date, never before main's "
                   f"commits before it; no deploy record given)"}
    live = root.parent / "live"
    live.mkdir()
    shown = (live / SITE / "deployed.json").as_posix()
    said["first deploy"] = said["git"].replace("no deploy record given", f"{shown} does not exist yet: this deploy "
                                                                         f"starts it")
    found = problems(root, as_of="2026-12-01", deployed=live)
    assert [(p.path, p.line, p.severity) for p in found if "no deploy record yet" in p.message] == \
        [(shown, 1, WARNING)]
    assert [p.message.split(": only")[0] for p in found if p.line == 22] == [f"material version 'v2' {said['first deploy']}"]
    live_record(root, {"v1": "2026-01-10", "v2": "2026-04-05", "v3": "2026-04-05"}, known_from="commit")
    said["carried"] = (f"was first published on 2026-04-05 ({shown}: the day it reached main, carried over from git "
                       f"from before the deploy kept a record)")
    live_record(root, {"v1": "2026-01-10", "v2": "2026-04-06", "v3": "2026-04-06"})
    said["deploy"] = f"was first published by the deploy on 2026-04-06 ({shown})"
    for case, deployed in (("git", None), ("deploy", live)):
        found = errors(root, as_of="2026-12-01", deployed=deployed)
        assert [e.split(": only")[0] for e in found] == [f"{REGISTRY}:22: material version 'v2' {said[case]}"], case
    (live / SITE / "deployed.json").unlink()
    live_record(root, {"v1": "2026-01-10", "v2": "2026-04-05", "v3": "2026-04-05"}, known_from="commit")
    assert [e.split(": only")[0] for e in errors(root, as_of="2026-12-01", deployed=live)] == \
        [f"{REGISTRY}:22: material version 'v2' {said['carried']}"]
    # Not on main, not in the record: from today.
    assert any("'v4' is not yet published: counted from today, 2026-12-20" in e
               for e in errors(root, as_of="2026-12-20", deployed=live))


def test_a_record_entry_before_its_version_reached_main_is_refused_at_its_line(template, tmp_path):
    root, commits = repository(template, tmp_path)
    live = live_record(root, {"v1": "2026-01-10", "v2": "2026-02-01", "v3": "2026-03-01", "v4": "2026-11-20"})
    shown = (live / SITE / "deployed.json").as_posix()
    assert errors(root, as_of="2026-12-01", deployed=live) == [
        f"{shown}:11: the deploy record says version 'v2' was first published on 2026-02-01, before it reached main "
        f"in {commits['v2'][:7]} (2026-03-01): a version cannot be published before its text; this is not the record "
        f"the deploy wrote: fetch the host's own deployed.json"]
    # Later than git says is how deploys are: they run after the merge.
    live_record(root, {"v1": "2026-01-11", "v2": "2026-03-02", "v3": "2026-03-02", "v4": "2026-11-21"})
    assert errors(root, as_of="2026-12-01", deployed=live) == []


def test_a_malformed_or_foreign_record_is_a_message_at_its_file(template, tmp_path):
    root, _ = repository(template, tmp_path)
    live = live_record(root, {"v1": "2026-01-10"})
    record = live / SITE / "deployed.json"
    record.write_text('{"format": 1,\n "company": "other",\n "versions": {}}\n', encoding="utf-8")
    assert errors(root, deployed=live) == [
        f"{record.as_posix()}:2: the deploy record is company \"other\"'s, not {SITE}'s: give each company its own "
        f"host's record"]
    record.write_text("[" * 100_000, encoding="utf-8")
    assert errors(root, deployed=live) == [f"{record.as_posix()}:1: the deploy record is nested too deeply to be one"]


def test_the_deploy_carries_every_entry_forward_and_records_the_new_version_now(template, tmp_path):
    from notices.model.first_published import deploy_entries
    from notices.sources.deploy_record import read_record

    root, commits = repository(template, tmp_path, upto=3)
    commit(root, "Release v4", "2026-11-20")
    layout = Layout(root)
    site = load_site(layout.company_dir(SITE), layout.docs_dir(SITE), layout.snippets_dir, root)
    versions = load_versions(root / "companies" / SITE, ["en", "ro"])
    now = dt.datetime(2026, 11, 24, 22, 30, tzinfo=dt.UTC)  # already 25 November in Bucharest
    live = root.parent / "live"
    live.mkdir()
    first = deploy_entries(site, versions, read_record(live, SITE, root), now)  # the host has no record yet
    assert [(e.id, e.day.isoformat(), e.known_from) for e in first] == [
        ("v1", "2026-01-10", "commit"), ("v2", "2026-03-01", "commit"), ("v3", "2026-03-01", "commit"),
        ("v4", "2026-11-20", "commit")]
    live_record(root, {"v1": "2026-01-11", "v2": "2026-03-02", "v3": "2026-03-02"})
    entries = deploy_entries(site, versions, read_record(live, SITE, root), now)
    assert [(e.id, e.day.isoformat(), e.at, e.known_from) for e in entries] == [
        ("v1", "2026-01-11", dt.datetime(2026, 1, 11, 10, tzinfo=dt.UTC), "deploy"),
        ("v2", "2026-03-02", dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), "deploy"),
        ("v3", "2026-03-02", dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), "deploy"),
        ("v4", "2026-11-25", now, "deploy")]


def test_the_build_publishes_the_record_with_today_s_versions_and_a_preview_publishes_none(template, tmp_path):
    root, _ = repository(template, tmp_path)
    # v3 (editorial) is the one version the host has not published yet.
    live = live_record(root, {"v1": "2026-01-10", "v2": "2026-03-01", "v4": "2026-11-20"})
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    result = run_build(root, root / "site", SITE, deployed=live)
    after = dt.datetime.now(dt.UTC)
    assert result.returncode == 0, result.output
    published = json.loads((root / "site" / SITE / "deployed.json").read_text(encoding="utf-8"))
    earlier = json.loads((live / SITE / "deployed.json").read_text(encoding="utf-8"))["versions"]
    assert list(published["versions"]) == ["v1", "v2", "v4", "v3"]
    assert {k: v for k, v in published["versions"].items() if k != "v3"} == earlier  # carried forward unchanged
    v3 = published["versions"]["v3"]
    at = dt.datetime.fromisoformat(v3["first_published_at"])
    assert v3["known_from"] == "deploy" and before <= at <= after  # the real clock, not the commit's or the epoch's
    assert v3["first_published"] == at.astimezone(ZoneInfo("Europe/Bucharest")).date().isoformat()
    # A preview's day is never recorded, and a build without a record writes none.
    for options in ({"as_of": "2027-02-01", "deployed": live}, {}):
        result = run_build(root, root / "site", SITE, **options)
        assert result.returncode == 0, result.output
        assert not (root / "site" / SITE / "deployed.json").exists(), options


def test_check_fails_when_a_released_version_disappears_from_git_history(released):
    subprocess.run(["git", "init", "-q"], cwd=released, check=True)
    subprocess.run(["git", "add", "-A"], cwd=released, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "x"],
                   cwd=released, check=True)
    registry = released / "companies" / SITE / "versions.yml"
    entries = yaml.safe_load(registry.read_text(encoding="utf-8"))
    registry.write_text(yaml.safe_dump(entries[:-1], sort_keys=False, allow_unicode=True), encoding="utf-8")
    shutil.rmtree(released / "companies" / SITE / "versions" / "v4")
    result = check(released)
    assert result.returncode == 1  # consistent on its own, but not with the git history...
    assert re.search(r"^companies/example-privacy/versions.yml:\d+: version 'v4' released in [0-9a-f]{7} "
                     r"\(\d{4}-\d\d-\d\d\) was removed", result.stdout, re.MULTILINE), result.stdout
    result = check(released, "--against", "HEAD")
    assert result.returncode == 1  # ...nor with a ref named
    assert "version 'v4' released in HEAD was removed" in result.stdout
