"""Shared fixtures: real builds of the real sites, and throw-away copies of the project."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).resolve().parent / "fixtures" / "source"
PROJECT_PARTS = ["companies", "docs", "hooks", "overrides", "notices", "scripts", "mkdocs.yml"]


@dataclass
class BuildResult:
    """What a run of scripts/build.py printed and returned."""

    returncode: int
    output: str
    site: Path


def run_build(root: Path, site: Path, *companies: str) -> BuildResult:
    """Run the project's build command as a user would, in a fresh process."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(root), "--site-dir", str(site), *companies],
        capture_output=True, text=True, cwd=str(site.parent),
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)


def copy_project(target: Path) -> Path:
    """A copy of the project's sources that a test may break."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Both real sites, built once into a temporary folder."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = run_build(ROOT, out)
    assert result.returncode == 0, result.output
    return out


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
def reader(browser, servers):
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
    allowed = {__import__("urllib.parse").parse.urlsplit(url).netloc for url in servers.values()}
    assert hosts <= allowed, f"requests left the site: {hosts - allowed}"
    assert context.cookies() == [], "the site set a cookie"
    assert tab.errors == [], f"requests that failed: {tab.errors}"
    context.close()
