"""The MkDocs adapter (notices/plugin/): one plugin found through its entry point, handing Material names and titles as text."""

from __future__ import annotations

import shutil
from importlib.metadata import entry_points
from pathlib import Path

import yaml
from conftest import BUILD_DAY, notices, run_build

from notices.plugin import NoticesPlugin
from notices.plugin.config import NoticesConfig

ROOT = Path(__file__).resolve().parents[2]


def test_the_plugin_is_registered_as_an_mkdocs_entry_point():
    (point,) = [p for p in entry_points(group="mkdocs.plugins") if p.name == "notices"]
    assert point.value == "notices.plugin:NoticesPlugin"
    assert point.load() is NoticesPlugin


def test_every_company_builds_with_the_plugin_after_i18n_and_no_hooks():
    from mkdocs.config import load_config

    shared = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in shared
    assert not (ROOT / "hooks").exists()
    for config_file in sorted((ROOT / "companies").glob("*/mkdocs.yml")):
        config = load_config(str(config_file))
        names = list(config.plugins)
        assert names.index("i18n") < names.index("notices"), names
        plugin = config.plugins["notices"]
        assert type(plugin) is NoticesPlugin  # MkDocs made it from the entry point
        assert isinstance(plugin.config, NoticesConfig)
        assert not config.hooks


def _process() -> tuple:
    """What a command could leave changed in this process."""
    import logging
    import os
    import signal

    log = logging.getLogger("mkdocs")
    return (dict(os.environ), os.getcwd(), signal.getsignal(signal.SIGTERM),
            list(log.handlers), list(log.filters), log.level, log.propagate)


def test_a_build_after_a_preview_in_the_same_process_publishes_no_draft(released, monkeypatch):
    import contextlib
    import io
    import threading
    import time
    import urllib.request

    from conftest import BUILD_DAY, edit, free_port

    from notices.cli import main
    from notices.plugin import content

    notice = released / "docs" / "example-privacy" / "en" / "index.md"
    edit(notice, "We keep your data for one year", "We keep your data for a draft period")
    servers = []
    monkeypatch.setattr(content, "on_serve", lambda server, config, serve=content.on_serve:
                        servers.append(server) or serve(server, config))
    port = free_port()
    seen: list[str] = []

    def read_the_preview_then_stop() -> None:
        deadline = time.time() + 60
        while not seen and time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    seen.append(response.read().decode("utf-8"))
            except OSError:
                time.sleep(0.3)
        for server in servers:
            server.shutdown()

    before = _process()
    reader = threading.Thread(target=read_the_preview_then_stop)
    reader.start()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
        served = main(["serve", "example-privacy", "--root", str(released), "--dev-addr", f"127.0.0.1:{port}"])
    reader.join()
    assert served == 0, err.getvalue()
    assert seen and "a draft period" in seen[0]  # the preview shows the editor's draft
    assert _process() == before

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
        built = main(["build", "example-privacy", "--root", str(released), "--as-of", BUILD_DAY])
    assert built == 0, err.getvalue()
    page = (released / "site" / "example-privacy" / "index.html").read_text(encoding="utf-8")
    assert "a draft period" not in page and "two years" in page  # the version in force, not the draft
    assert _process() == before


def test_the_options_are_typed_and_a_wrong_day_is_refused_with_the_format():
    config = NoticesConfig()
    config.load_dict({"as_of": "2027-01-10", "preview": True})
    assert config.validate() == ([], []) and config.as_of == "2027-01-10" and config.preview is True
    config = NoticesConfig()
    config.load_dict({"as_of": "soon"})
    errors, _ = config.validate()
    assert [key for key, _ in errors] == ["as_of"]
    assert "'soon' is not a date or time: write YYYY-MM-DD" in str(errors[0][1])
    config = NoticesConfig()
    config.load_dict({})
    assert config.validate() == ([], []) and config.as_of is None and config.preview is False


def test_a_command_gives_the_options_over_the_files_plugins(tmp_path):
    from notices.plugin.config import with_options

    (tmp_path / "base.yml").write_text("plugins:\n  - search\n  - i18n:\n      docs_structure: folder\n  - notices\n",
                                       encoding="utf-8")
    (tmp_path / "site.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    options = with_options(tmp_path / "site.yml", preview=True, as_of="2027-01-10")
    assert options == {"plugins": {"search": {}, "i18n": {"docs_structure": "folder"},
                                   "notices": {"preview": True, "as_of": "2027-01-10", "deployed": None}}}
    assert list(options["plugins"]) == ["search", "i18n", "notices"]


def test_the_preview_answers_only_under_its_own_host_name():
    from notices.plugin.preview_host import own_host

    assert own_host("127.0.0.1:8000", "127.0.0.1", 8000) and own_host("localhost:8000", "127.0.0.1", 8000)
    assert own_host("[::1]:8001", "::1", 8001)
    assert not own_host("attacker.example:8000", "127.0.0.1", 8000)
    assert not own_host("127.0.0.1:8001", "127.0.0.1", 8000)
    assert not own_host("", "127.0.0.1", 8000)
    assert own_host("192.168.1.5:8000", "0.0.0.0", 8000) and not own_host("rebound.example:8000", "0.0.0.0", 8000)


def test_a_build_starts_from_nothing_and_a_preview_keeps_only_its_own_companys_last_sources():
    from notices.plugin.content import BuildState

    previewed = BuildState(preview=True, loaded_for="a/mkdocs.yml", site=object(), problems=["old"])  # type: ignore[arg-type]
    again = previewed.next_build("a/mkdocs.yml", preview=True, as_of=None)
    assert again.site is previewed.site and again.problems == [] and again.loaded_for is None
    assert previewed.next_build("b/mkdocs.yml", preview=True, as_of=None).site is None  # another company
    built = previewed.next_build("a/mkdocs.yml", preview=False, as_of="2027-01-10")
    assert built.site is None and not built.preview and built.as_of == "2027-01-10"


SITE = "example-privacy"  # the fictional example: its line numbers belong to the fixture


def test_quotes_in_the_company_name_stay_text_in_every_attribute(released_template, tmp_path):
    """ASCII quotes are common in company names; the theme prints the site's name into attributes."""
    from bs4 import BeautifulSoup

    root = Path(shutil.copytree(released_template, tmp_path / "project"))
    data = root / "companies" / SITE / "company.yml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "legal_name: Example Privacy Ltd (fictional example)", "legal_name: IMPRO \"X' onmouseover=alert(1) y=\""), encoding="utf-8")
    index = root / "companies" / SITE / "gdpr.yml"  # its quotes follow the name, as an editor would make them
    index.write_text(index.read_text(encoding="utf-8").replace(
        '"Example Privacy Ltd (fictional example)"', "'IMPRO \"X'' onmouseover=alert(1) y=\"'"), encoding="utf-8")
    # The site shows the name the version in force was released with: the new name is released first.
    done = notices("release", SITE, "--root", str(root), "--editorial", "--published", BUILD_DAY, "--effective",
                   "2027-01-11", "--summary", "en=New name", "--summary", "ro=Nume nou", "--translation-current", "ro")
    assert done.returncode == 0, done.stdout + done.stderr
    result = run_build(root, tmp_path / "site", SITE, as_of="2027-01-11")
    assert result.returncode == 0, result.output
    soup = BeautifulSoup((tmp_path / "site" / SITE / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not soup.find_all(attrs={"onmouseover": True})
    assert soup.select_one("[data-md-component=logo]")["aria-label"] == "IMPRO \"X' onmouseover=alert(1) y=\""


def test_a_heading_that_spells_markup_stays_text_in_the_page_title(released_template, tmp_path):
    """A page's first heading becomes its title; characters written as entities stay characters there."""
    from bs4 import BeautifulSoup

    root = Path(shutil.copytree(released_template, tmp_path / "project"))
    heading = "Terms &lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt; &amp; more"
    for lang in ("en", "ro"):
        (root / "docs" / SITE / lang / "about.md").write_text(f"# {heading} {{#about}}\n\nText.\n", encoding="utf-8")
    result = run_build(root, tmp_path / "site", SITE, as_of=BUILD_DAY)
    assert result.returncode == 0, result.output
    soup = BeautifulSoup((tmp_path / "site" / SITE / "about" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert len(soup.find_all("title")) == 1
    assert soup.title.get_text().startswith("Terms </title><script>alert(5)</script> & more - ")
    assert not [script for script in soup.find_all("script") if "alert(5)" in script.get_text()]
