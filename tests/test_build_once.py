"""A build reads each source once: each YAML file and front matter parsed once, each text rendered once per page."""

from __future__ import annotations

import shutil
from collections import Counter

import markdown
from conftest import BUILD_DAY, BUILD_DAY_EPOCH, run_build

from notices.model.archive import frozen_text
from notices.sources.cache import FOLDER_VARIABLE

COMPANY = "example-privacy"


def test_a_fresh_build_renders_each_published_text_once_per_page(released_template, tmp_path, monkeypatch):
    root = shutil.copytree(released_template, tmp_path / "project")
    monkeypatch.setenv(FOLDER_VARIABLE, str(tmp_path / "empty-cache"))  # nothing kept from earlier runs
    rendered: Counter[str] = Counter()
    convert = markdown.Markdown.convert

    def counted(self, source: str) -> str:
        rendered[source.strip()] += 1
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counted)
    result = run_build(root, tmp_path / "site", COMPANY, as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
    assert result.returncode == 0, result.output
    company_dir = root / "companies" / COMPANY
    for lang in ("en", "ro"):
        for version in ("v1", "v2", "v3", "v4"):
            text = frozen_text(company_dir, version, lang).strip()
            # Its own page; the version in force (v3 on the build day) is also the notice page.
            assert rendered[text] == (2 if version == "v3" else 1), (version, lang)


def test_a_build_parses_each_yaml_source_and_front_matter_once(released_template, tmp_path, monkeypatch):
    from notices.sources import yamlsource

    root = shutil.copytree(released_template, tmp_path / "project")
    yamlsource._parsed.cache_clear()  # nothing kept from earlier tests in this process
    parsed: Counter[str] = Counter()
    parse = yamlsource.parse_yaml

    def counted(text: str, shown_as: str, *args, **kwargs):
        parsed[shown_as] += 1
        return parse(text, shown_as, *args, **kwargs)

    monkeypatch.setattr(yamlsource, "parse_yaml", counted)
    monkeypatch.setattr("notices.sources.pages.parse_yaml", counted)
    monkeypatch.setattr("notices.model.archive.parse_yaml", counted)
    monkeypatch.setattr("notices.model.history.parse_yaml", counted)
    result = run_build(root, tmp_path / "site", COMPANY, as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
    assert result.returncode == 0, result.output
    assert {f"companies/{COMPANY}/company.yml", f"companies/{COMPANY}/versions.yml", "docs/snippets/en/labels.yml",
            f"docs/{COMPANY}/en/index.md"} <= set(parsed)
    assert {name: count for name, count in parsed.items() if count > 1} == {}
