"""What the companies publish and what reviewers see: GDPR index page, sitemap, robots, PR summary."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import ROOT, edit, page, text

from notices.model.gdpr import ELEMENT_KEYS

SITES = {"impro-media": ("https://impromedia.ro/", "ro"), "impro-celojumi": ("https://impro.lv/", "lv")}


def index_rows(site, company, lang_root=""):
    soup = page(site, company, f"{lang_root}gdpr")
    return soup, soup.select(".notice-gdpr__row")


@pytest.mark.parametrize("company", SITES)
@pytest.mark.parametrize("lang_root", ["", "en/"])
def test_gdpr_index_lists_every_element_once_with_its_evidence(site, company, lang_root):
    soup, rows = index_rows(site, company, lang_root)
    frozen = json.loads((site / company / "versions" / "v1" / "gdpr.json").read_text(encoding="utf-8"))
    lang = lang_root.rstrip("/") or SITES[company][1]
    assert [row["id"] for row in rows] == list(ELEMENT_KEYS)
    notice = page(site, company, lang_root.rstrip("/"))
    body = text(notice.select_one("[data-notice-body]"))
    for row, element in zip(rows, frozen["elements"], strict=True):
        assert f"notice-gdpr__row--{element['status']}" in row["class"]
        assert element["name"][lang] in row.get_text()
        quotes = row.select("blockquote")
        assert len(quotes) == len(element["quotes"])
        if element["status"] in ("stated", "partly"):
            assert quotes, element["key"]
        for quote, source in zip(quotes, element["quotes"], strict=True):
            shown = " ".join(quote.get_text().split())
            assert quote["lang"] == lang and shown in body
            link = quote.find_parent("figure").select_one(".notice-gdpr__source a")["href"]
            assert link.endswith("#" + source["clause"]) and notice.find(id=source["clause"]) is not None
        missing = row.select_one(".notice-gdpr__missing")
        assert (missing is not None) == (element["status"] == "partly")
        if missing is not None:
            assert element["missing"][lang] in missing.get_text()
    # The introduction claims no more than the rows show: how many elements have each status.
    counts = text(soup.select_one(".notice-gdpr__counts"))
    for status in ("stated", "partly", "not_stated"):
        number = sum(1 for element in frozen["elements"] if element["status"] == status)
        assert f": {number}" in counts


# What the texts do not support is never shown as stated (the rows the issue of 2026-12 found wrong).
UNSUPPORTED = {"impro-celojumi": {"third-country-transfers": "partly", "retention": "partly",
                                  "legal-basis": "partly", "complaint-supervisory-authority": "not_stated",
                                  "right-portability": "not_stated", "right-object": "not_stated"},
               "impro-media": {"third-country-transfers": "partly", "retention": "partly", "legal-basis": "partly",
                               "dpo-contact": "not_stated", "statutory-or-contractual-requirement": "partly"}}


@pytest.mark.parametrize("company", SITES)
def test_gdpr_index_does_not_claim_what_the_text_does_not_say(site, company):
    _, rows = index_rows(site, company)
    statuses = {row["id"]: row["class"][-1].rsplit("--", 1)[1] for row in rows}
    for key, status in UNSUPPORTED[company].items():
        assert statuses[key] == status, key


@pytest.mark.parametrize("company", SITES)
def test_sitemap_robots_and_canonical_urls(site, company):
    base, original = SITES[company]
    robots = (site / company / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / company / "sitemap.xml").getroot()
    locations = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    for path in ["", "history/", "compare/", "gdpr/", "versions/v1/", "en/", "en/history/", "en/versions/v1/"]:
        assert base + path in locations
    for url in root.findall("s:url", ns):
        hreflangs = {link.get("hreflang") for link in url.findall("x:link", ns)}
        assert hreflangs == {original, "en"}
    for path in ["", "history/", "en/versions/v1/"]:
        assert page(site, company, path.rstrip("/")).select_one("link[rel=canonical]")["href"] == base + path


def test_pull_request_summary_shows_word_changes(released_template, tmp_path):
    # The fictional example, whose drafts are its latest release: real notices change as editors work.
    root = shutil.copytree(released_template, tmp_path / "project")
    edit(root / "docs" / "example-privacy" / "en" / "index.md", "for one year after", "for eighteen months after")
    edit(root / "docs" / "example-privacy" / "en" / "index.md", "title: Privacy notice", "title: Our privacy notice")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "pr_summary.py"), "--root", str(root)],
                            capture_output=True, text=True)
    assert result.returncode == 0
    name = "Example Privacy Ltd (fictional example)"
    english = result.stdout.split(f"### {name} — en\n", 1)[1].split("### ", 1)[0]
    assert "(`retention`, changed)" in english
    assert "The title changes from 'Privacy notice' to 'Our privacy notice'." in english
    assert "~~one~~**eighteen** ~~year~~**months**" in english
    assert f"### {name} — ro\n\nNo change since the released version v4." in result.stdout


def test_ci_workflow_checks_tests_builds_strictly_and_uploads():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(step.get("run", "")) + str(step.get("uses", "")) for step in workflow["jobs"]["check"]["steps"])
    for needed in ["notices check", "pytest", "mkdocs build --strict", "upload-artifact", "notices summary"]:
        assert needed in steps


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_workflows_pin_actions_read_full_history_and_keep_expressions_out_of_scripts(name):
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    assert "permissions" in workflow
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["fetch-depth"] == 0 and step["with"]["persist-credentials"] is False
            assert "${{" not in step.get("run", ""), step["run"]


def test_the_deploy_runs_the_full_check_against_main_and_only_from_main():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["deploy"]
    assert job["if"] == "github.ref == 'refs/heads/main'"
    script = " ".join(step.get("run", "") for step in job["steps"])
    assert "notices check --against origin/main" in script
    assert script.index("notices check") < script.index("notices build") < script.index("rsync -rlz")
    # Each host's deploy record is fetched outside site/ before the check, and both check and build count from it.
    fetch = script.index("--include=/deployed.json --exclude='*'")
    assert fetch < script.index("notices check --against origin/main --deployed live")
    assert script.index("notices build --deployed live") < script.index("rsync -rlz")


def test_every_version_publishes_its_frozen_gdpr_index_and_each_quote_is_in_its_text(example):
    built = example / "site" / "example-privacy"
    listed = json.loads((built / "versions.json").read_text(encoding="utf-8"))["versions"]
    assert [v["id"] for v in listed] == ["v1", "v2", "v3", "v4"]
    statuses = []
    for version in listed:
        published = built / "versions" / version["id"] / "gdpr.json"
        frozen = example / "companies" / "example-privacy" / "versions" / version["id"] / "gdpr.json"
        assert published.read_bytes() == frozen.read_bytes()  # as frozen at release
        assert version["gdpr"] == f"https://example.com/versions/{version['id']}/gdpr.json"
        assert version["gdpr_sha256"] == hashlib.sha256(published.read_bytes()).hexdigest()
        index = json.loads(published.read_text(encoding="utf-8"))
        assert [e["key"] for e in index["elements"]] == list(ELEMENT_KEYS) and index["version"] == version["id"]
        for lang, root in (("en", ""), ("ro", "ro/")):
            body = text(page(example / "site", "example-privacy", f"{root}versions/{version['id']}")
                        .select_one("[data-notice-body]"))
            for element in index["elements"]:
                for quote in element["quotes"]:
                    if lang in quote["text"]:
                        assert " ".join(quote["text"][lang].split()) in body, (version["id"], element["key"])
        statuses.append({e["key"]: e["status"] for e in index["elements"]}["third-country-transfers"])
    # Each version's index describes that version: v2 added the transfer to the United States.
    assert statuses == ["not_applicable", "partly", "partly", "partly"]
