"""Shared fixtures: real builds of the real sites, and throw-away copies of the project."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from runner import (  # noqa: F401 - for the tests
    ROOT,
    BuildResult,
    Ran,
    check,
    free_port,
    notices,
    run_build,
    run_build_command,
    shared,
)

from notices.sources.cache import FOLDER_VARIABLE
from notices.sources.layout import Layout

SOURCES = Path(__file__).resolve().parent / "fixtures" / "source"


def pytest_configure(config):
    """Register the marker of tests whose bodies run no project code (browser, HTML checker)."""
    config.addinivalue_line("markers", "untraced: coverage pauses in the test's body, which runs a browser or the "
                                       "HTML checker, or project code the rest of the suite covers")


def pytest_collection_modifyitems(config, items):
    """Pause coverage in untraced tests, when coverage runs (pytest-cov cannot pause what it did not start)."""
    if config.pluginmanager.hasplugin("_cov") and not config.getoption("no_cov", default=True):
        for item in items:
            if item.get_closest_marker("untraced"):
                item.add_marker(pytest.mark.no_cover)


def copy_project(target: Path) -> Path:
    """A copy of the project's sources that a test may break."""
    return Layout(ROOT).copy_to(target).root


def _build_real_sites(folder: Path) -> None:
    result = run_build(ROOT, folder / "site", as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
    assert result.returncode == 0, result.output


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Both real sites as on 2026-11-25, built once for the whole run into a temporary folder; tests only read them."""
    return shared(tmp_path_factory, "built", _build_real_sites) / "site"


@pytest.fixture
def project(tmp_path) -> Path:
    """A private copy of the project to edit."""
    return copy_project(tmp_path / "project")


def page(site: Path, company: str, url: str = "") -> BeautifulSoup:
    """The parsed HTML of a built page, by its site-relative URL."""
    path = site / company / url / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(soup: BeautifulSoup):
    """The page's main text, as a reader sees it."""
    return soup.select_one("article.md-content__inner")


def text(element) -> str:
    """Visible text of an element, permalink signs removed, white space folded."""
    for link in element.select("a.headerlink"):
        link.decompose()
    return " ".join(element.get_text().split())


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


class _QuietHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    """Serve `folder` on a free localhost port in a background thread; return (server, base URL)."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def servers(site):
    """Each company's site served at the root of its own localhost port, as on its domain."""
    running = {company: serve(site / company) for company in ("impro-media", "impro-celojumi")}
    yield {company: url for company, (_, url) in running.items()}
    for server, _ in running.values():
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def reader(browser):
    """A fresh browser page that records every request it makes."""
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(10000)
    tab.requests = []
    tab.errors = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("response", lambda response: response.status >= 400 and tab.errors.append(response.url))
    yield tab
    hosts = {__import__("urllib.parse").parse.urlsplit(url).netloc for url in tab.requests
             if not url.startswith(("data:", "blob:"))}
    outside = {host for host in hosts if host and not host.startswith("127.0.0.1:")}
    assert not outside, f"requests left the site: {outside}"
    assert context.cookies() == [], "the site set a cookie"
    assert tab.errors == [], f"requests that failed: {tab.errors}"
    context.close()


EXAMPLE = Path(__file__).resolve().parent / "fixtures" / "example"
BUILD_DAY = "2026-11-25"  # the day the example's dates are measured against
BUILD_DAY_EPOCH = "1795564800"  # 2026-11-25 as SOURCE_DATE_EPOCH: timestamps only, never "today"


def release(root: Path, company: str, *args: str) -> Ran:
    """Run the editors' release command on the project at `root`, in this process.

    A release given `--published` is made on that day (`--as-of`), as when the history was written.
    """
    if "--published" in args and "--as-of" not in args:
        args = (*args, "--as-of", args[args.index("--published") + 1])
    return notices("release", company, "--root", str(root), *args)


def with_example(target: Path) -> Path:
    """A copy of the project with the fictional example company added."""
    copy_project(target)
    shutil.copytree(EXAMPLE, target, dirs_exist_ok=True)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must be there) by `new` in a file."""
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


EXAMPLE_HISTORY = [
    # (version, change, published, effective, edits as (language, old, new)); "gdpr" edits the GDPR index,
    # whose quotes follow the text they quote
    # (each release freezes it with the texts: versions/<id>/gdpr.json)
    ("v1", [], "2026-01-10", "2026-01-10", []),
    ("v2", ["--material"], "2026-03-01", "2026-04-15", [
        ("en", "Our hosting provider stores the data in the European Union.",
         "Our hosting provider stores the data in the European Union. Our payment processor in the United States "
         "receives your name, under standard contractual clauses."),
        ("ro", "Furnizorul nostru de găzduire stochează datele în Uniunea Europeană.",
         "Furnizorul nostru de găzduire stochează datele în Uniunea Europeană. Procesatorul nostru de plăți din "
         "Statele Unite primește numele dumneavoastră, în baza clauzelor contractuale standard."),
        ("gdpr", "  status: not_applicable\n  reason:\n    en: The notice says that the data are stored in the "
                 "European Union.\n    ro: Nota spune că datele sunt stocate în Uniunea Europeană.\n",
         "  status: partly\n  quotes:\n    - clause: recipients\n      en: \"Our payment processor in the United "
         "States receives your name, under standard contractual clauses.\"\n  missing:\n    en: How to obtain a "
         "copy of the clauses.\n    ro: Cum se poate obține o copie a clauzelor.\n"),
    ]),
    ("v3", ["--editorial"], "2026-05-02", "2026-05-02", [
        ("en", "You may ask for access, rectification or erasure of your data.",
         "You may ask for access to, rectification of or erasure of your data."),
        ("ro", "Puteți cere accesul la date, rectificarea sau ștergerea lor.",
         "Puteți solicita accesul la date, rectificarea sau ștergerea lor."),
        *[("gdpr", "You may ask for access, rectification or erasure of your data.",
           "You may ask for access to, rectification of or erasure of your data.")] * 3,
    ]),
    ("v4", ["--material"], "2026-11-20", "2027-01-10", [
        ("en", "We keep your data for two years after our last contact.",
         "We keep your data for one year after our last contact."),
        ("ro", "Păstrăm datele timp de doi ani de la ultimul contact.",
         "Păstrăm datele timp de un an de la ultimul contact."),
    ]),
]


def example_source(root: Path, lang: str) -> Path:
    """The example's notice in `lang`, or its GDPR index for "gdpr" (an edit of EXAMPLE_HISTORY)."""
    if lang == "gdpr":
        return root / "companies" / "example-privacy" / "gdpr.yml"
    return root / "docs" / "example-privacy" / lang / "index.md"


def release_example_history(root: Path) -> None:
    """Release the example's four versions: first, material, editorial, material in the future."""
    for version, kind, published, effective, edits in EXAMPLE_HISTORY:
        translation = root / "docs" / "example-privacy" / "ro" / "index.md"
        translation.write_text(re.sub(r"translates: \S+", f"translates: {version}",
                                      translation.read_text(encoding="utf-8")), encoding="utf-8")
        for lang, old, new in edits:
            edit(example_source(root, lang), old, new)
        result = release(root, "example-privacy", *kind, "--published", published, "--effective", effective,
                         "--summary", f"en=Summary of {version}", "--summary", f"ro=Rezumatul {version}")
        assert result.returncode == 0, result.stdout + result.stderr


def _example_released(folder: Path) -> None:
    root = with_example(folder / "project")
    release_example_history(root)
    result = check(root)  # tests that break a copy start from a clean one (whose cache is filled)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def released_template(tmp_path_factory) -> Path:
    """The example company's sources with its four versions released, made once; tests copy it."""
    return shared(tmp_path_factory, "released", _example_released) / "project"


@pytest.fixture
def released(released_template, tmp_path) -> Path:
    """A private copy of the example with its four versions released, for a test to break."""
    return Path(shutil.copytree(released_template, tmp_path / "project"))


@pytest.fixture(scope="session")
def example(tmp_path_factory, released_template) -> Path:
    """The example company with four released versions, built as on 2026-11-25; tests only read it."""
    def build(folder: Path) -> None:
        root = Path(shutil.copytree(released_template, folder / "project"))
        result = run_build(root, root / "site", "example-privacy", as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
        assert result.returncode == 0, result.output

    return shared(tmp_path_factory, "example", build) / "project"


def _example_built(folder: Path) -> None:
    root = with_example(folder / "project")
    result = run_build(root, root / "site", "example-privacy", as_of=BUILD_DAY, epoch=BUILD_DAY_EPOCH)
    assert result.returncode == 0, result.output


@pytest.fixture(scope="session")
def built_example(tmp_path_factory) -> Path:
    """The example company before any release, built as on 2026-11-25, made once; tests copy it."""
    return shared(tmp_path_factory, "example-built", _example_built) / "project"


@pytest.fixture(scope="session")
def example_url(example):
    """The example's built site, served at the root of its own localhost port."""
    server, url = serve(example / "site" / "example-privacy")
    yield url
    server.shutdown()


@pytest.fixture(scope="session", autouse=True)
def one_cache_for_every_copy(tmp_path_factory) -> Path:
    """Every copy of the project a test makes shares one cache: its entries are keyed by content and code."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    os.environ[FOLDER_VARIABLE] = str(base / "notices-cache")
    return base / "notices-cache"
