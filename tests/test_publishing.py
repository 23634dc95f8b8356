"""What the companies publish and what reviewers see: GDPR coverage page, sitemap, robots, PR summary."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import ROOT, edit, page

SITES = {"impro-media": ("https://impromedia.ro/", "ro"), "impro-celojumi": ("https://impro.lv/", "lv")}


def coverage_rows(site, company, lang_root=""):
    soup = page(site, company, f"{lang_root}gdpr")
    return {row["id"]: row for row in soup.select("tr.notice-gdpr__row")}


@pytest.mark.parametrize("company", SITES)
@pytest.mark.parametrize("lang_root", ["", "en/"])
def test_coverage_page_reports_every_element_honestly(site, company, lang_root):
    rows = coverage_rows(site, company, lang_root)
    declared = yaml.safe_load((ROOT / "companies" / company / "gdpr.yml").read_text(encoding="utf-8"))["clauses"]
    covered = {key for keys in declared.values() for key in keys}
    # A reader's index: every element the notice gives, with its clauses; the gaps are not published.
    assert set(rows) == covered
    for key, row in rows.items():
        links = [a["href"] for a in row.select("a")]
        assert "notice-gdpr__row--stated" in row["class"] and links
        for href in links:
            clause = href.split("#", 1)[1]
            assert key in declared[clause]
            assert page(site, company, lang_root.rstrip("/")).find(id=clause) is not None
    assert "dpo-contact" not in rows


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
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "pr_summary.py"), "--root", str(root)],
                            capture_output=True, text=True)
    assert result.returncode == 0
    name = "Example Privacy Ltd (fictional example)"
    english = result.stdout.split(f"### {name} — en\n", 1)[1].split("### ", 1)[0]
    assert "(`retention`, changed)" in english
    assert "~~one~~**eighteen** ~~year~~**months**" in english
    assert f"### {name} — ro\n\nNo change since the released version v4." in result.stdout


def test_ci_workflow_checks_tests_builds_strictly_and_uploads():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(step.get("run", "")) + str(step.get("uses", "")) for step in workflow["jobs"]["check"]["steps"])
    for needed in ["notices check", "pytest", "mkdocs build --strict", "upload-artifact", "notices summary"]:
        assert needed in steps
