"""The addresses the build gives its own pages and files (notices/sources/addresses.py), which no editor's page may take."""

from __future__ import annotations

import re


def test_every_id_of_the_sites_own_markup_is_reserved():
    from conftest import ROOT

    from notices.sources.addresses import site_id

    templates = [*(ROOT / "notices" / "publish" / "templates").glob("*"), *(ROOT / "overrides").rglob("*.html")]
    ids = {match for path in templates for match in re.findall(r'\bid="([^"{]+)"', path.read_text(encoding="utf-8"))}
    assert ids and all(site_id(value) for value in ids), sorted(v for v in ids if not site_id(v))
