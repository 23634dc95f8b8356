"""A company's MkDocs configuration (notices/sources/site_config.py): it cannot add code or read outside the sources."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import BUILD_DAY, BUILD_DAY_EPOCH, check, edit, run_build

SITE = "example-privacy"


CONFIG = f"companies/{SITE}/mkdocs.yml"


SECRET = "SECRET-7f3a-do-not-publish"


HOOK = "import pathlib\npathlib.Path(__file__).with_name('HOOK-RAN').write_text('x')\n"


@pytest.fixture
def project(built_example, tmp_path) -> Path:
    """A private copy of the built example project, with a secret file outside it."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.md").write_text(f"# Secret {{#secret}}\n\n{SECRET}\n", encoding="utf-8")
    return Path(shutil.copytree(built_example, tmp_path / "project", symlinks=True))


def build(root: Path):
    """Build the example into root/site."""
    return run_build(root, root / "site", SITE, as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)


def snapshot(site: Path) -> dict:
    """Every file under the site with its bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def refused(project: Path, message: str) -> str:
    """Build, expect `message` and a failure, and the published site unchanged; return the output."""
    before = snapshot(project / "site")
    result = build(project)
    assert result.returncode == 1
    assert message in result.output, result.output
    assert "Traceback" not in result.output
    assert snapshot(project / "site") == before
    assert not any(SECRET.encode() in content for content in before.values())
    return result.output


NOT_ALLOWED = "cannot be set in a company's configuration"


CONFIG_CASES = {  # added at the end of the configuration (line 16), message expected
    "hooks": ("hooks:\n  - evil.py\n", f"{CONFIG}:16: 'hooks' {NOT_ALLOWED}"),
    "extra_javascript": ("extra_javascript:\n  - https://evil.example/x.js\n",
                         f"{CONFIG}:16: 'extra_javascript' {NOT_ALLOWED}"),
    "theme custom_dir": ("theme:\n  custom_dir: ../../../outside\n", f"{CONFIG}:16: 'theme' {NOT_ALLOWED}"),
    "markdown_extensions": ("markdown_extensions:\n  - pymdownx.snippets\n",
                            f"{CONFIG}:16: 'markdown_extensions' {NOT_ALLOWED}"),
    "a plugin": ("  search:\n    lang: en\n", f"{CONFIG}:16: 'plugins.search' {NOT_ALLOWED}"),
    "an i18n option": ("    fallback_to_default: true\n",
                       f"{CONFIG}:16: 'plugins.i18n.fallback_to_default' {NOT_ALLOWED}"),
    "a misspelt setting": ("site_ur: https://example.com/\n",
                           f"{CONFIG}:16: 'site_ur' {NOT_ALLOWED} (did you mean 'site_url'?)"),
    "a tag reading the environment": ("extra:\n  x: !ENV HOME\n", f"{CONFIG}:17: YAML value not allowed here"),
}


@pytest.mark.parametrize("case", CONFIG_CASES)
def test_company_configuration_cannot_add_code(project, case):
    added, message = CONFIG_CASES[case]
    (project / "companies" / SITE / "evil.py").write_text(HOOK, encoding="utf-8")
    config = project / CONFIG
    config.write_text(config.read_text(encoding="utf-8") + added, encoding="utf-8")
    refused(project, message)
    assert not (project / "companies" / SITE / "HOOK-RAN").exists(), "the configuration's hook was run"


@pytest.mark.parametrize("site_url,message", [
    ("https://example.com/<script>alert(1)</script>", "has characters a site's address cannot have"),
    ("https://example.com/\"onmouseover='x'", "has characters a site's address cannot have"),
    ("http://example.com/", "must start with https://"),
    ("https://example.com/other/", "must be https:// and the domain only"),
    ("https://user@example.com/", "must be https:// and the domain only"),
    ("https://example.com/?q=1", "must be https:// and the domain only"),
    ("https://evil.example/", "is not on one of the domains in companies/example-privacy/company.yml"),
])
def test_site_url_is_the_company_domain_and_nothing_else(project, site_url, message):
    edit(project / CONFIG, "site_url: https://example.com/", f"site_url: {json.dumps(site_url)}")
    assert message in refused(project, f"{CONFIG}:4: site_url")


@pytest.mark.parametrize("key,value", [("INHERIT", "../../../outside/base.yml"), ("docs_dir", "../../docs/impro-media"),
                                       ("site_dir", "../../../outside/site")])
def test_folders_are_the_company_own(project, key, value):
    config = project / CONFIG
    text = config.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith(f"{key}:"))
    config.write_text("".join(f"{key}: {value}\n" if row.startswith(f"{key}:") else row
                              for row in text.splitlines(keepends=True)), encoding="utf-8")
    refused(project, f"{CONFIG}:{line}: '{key}' must be exactly")


def test_the_check_reports_a_configuration_hook_too(project):
    config = project / CONFIG
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - evil.py\n", encoding="utf-8")
    (project / "companies" / SITE / "evil.py").write_text(HOOK, encoding="utf-8")
    result = check(project, SITE)
    assert result.returncode == 1
    assert f"{CONFIG}:16: 'hooks' {NOT_ALLOWED}" in result.stdout
    assert not (project / "companies" / SITE / "HOOK-RAN").exists()
