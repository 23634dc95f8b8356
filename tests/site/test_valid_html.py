"""Every built page is valid HTML for the W3C Nu HTML Checker, apart from Material's own known errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

# What a browser or the HTML checker sees of built sites: no project code runs in these tests' bodies, so
# coverage is not traced there (tracing slows the browser driver's Python by a third). Fixtures still count.
pytestmark = pytest.mark.untraced

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material's search field and palette toggles carry `autocomplete` on inputs that do not take it
# (its templates, not ours: partials/search.html and partials/palette.html).
MATERIAL_KNOWN = "Attribute “autocomplete” is only allowed when the input type is"


def nu_errors(folders: list[Path]) -> list[str]:
    """The checker's errors on every HTML file under `folders`, as 'file:line: message'."""
    # One short run: Java's quick compiler alone halves the checker's time; its schema needs a deep stack.
    run = subprocess.run(["java", "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
                          *map(str, folders)], capture_output=True, text=True, timeout=120)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url', '?')}:{m.get('lastLine', '?')}: {m['message']}"
            for m in messages if m.get("type") == "error" and not m["message"].startswith(MATERIAL_KNOWN)]


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML Checker needs Java (default-jre-headless)")
def test_every_page_of_every_site_is_valid_html(site, example, tmp_path):
    assert VNU.is_file(), "run `npm ci`: the checker comes from npm (vnu-jar)"
    # A page with two known mistakes, checked in the same run (one start of Java): the checker must see them.
    invalid = tmp_path / "invalid"
    invalid.mkdir()
    (invalid / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
        '<link rel="icon" href="data:image/svg+xml,<svg a b>"></head>'
        '<body><label for="nothing">x</label><input id="y" type="checkbox" hidden></body></html>', encoding="utf-8")
    errors = nu_errors([site, example / "site", invalid])
    planted = [e for e in errors if str(invalid) in e]
    assert any("“for” attribute" in e for e in planted) and any("Bad value" in e and "href" in e for e in planted), errors
    assert [e for e in errors if e not in planted] == []
