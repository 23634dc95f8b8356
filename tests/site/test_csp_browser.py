"""Every page of both sites in a real browser, under its own policy and the host's headers at once."""

from __future__ import annotations

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# What a browser or the HTML checker sees of built sites: no project code runs in these tests' bodies, so
# coverage is not traced there (tracing slows the browser driver's Python by a third). Fixtures still count.
pytestmark = pytest.mark.untraced

COMPANIES = ("impro-media", "impro-celojumi")
# Records every violation, from before the page's first script on.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


class _HeadersHandler(SimpleHTTPRequestHandler):
    """Serves a site with the headers of its .htaccess, as Apache with mod_headers would."""

    def __init__(self, *args, headers, **kwargs):
        self.site_headers = headers
        super().__init__(*args, **kwargs)

    def end_headers(self):
        for name, value in self.site_headers:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


def htaccess_headers(site: Path) -> list[tuple[str, str]]:
    """The (name, value) pairs that the site's .htaccess sets."""
    text = (site / ".htaccess").read_text(encoding="utf-8")
    return re.findall(r'^\s*Header always set (\S+) "([^"]*)"$', text, re.MULTILINE)


@pytest.fixture(scope="module")
def served(site):
    """Each site at the root of its own port, sending its .htaccess headers."""
    running = {}
    for company in COMPANIES:
        handler = functools.partial(_HeadersHandler, directory=str(site / company),
                                    headers=htaccess_headers(site / company))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        running[company] = server
    yield {company: f"http://127.0.0.1:{server.server_address[1]}/" for company, server in running.items()}
    for server in running.values():
        server.shutdown()


@pytest.fixture(scope="module")
def tab(browser):
    """One page reused by every test here; it records console errors, CSP messages and violations."""
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(10000)
    page.problems = []
    page.on("console", lambda message: (message.type == "error" or "Content Security Policy" in message.text)
            and page.problems.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: page.problems.append(f"uncaught: {error}"))
    page.on("response", lambda response: response.status >= 400 and page.problems.append(f"{response.status} {response.url}"))
    yield page
    context.close()


def problems_after(tab) -> list[str]:
    """What went wrong on the current page since the last call."""
    found = tab.problems + [f"violation: {v}" for v in tab.evaluate("window.__violations")]
    tab.problems.clear()
    return found


def page_urls(site: Path, company: str) -> list[str]:
    """Site-relative URL of every HTML page of a built site."""
    urls = []
    for path in sorted((site / company).rglob("*.html")):
        relative = path.relative_to(site / company).as_posix()
        urls.append(relative[:-len("index.html")] if relative.endswith("index.html") else relative)
    return urls


@pytest.mark.parametrize("company", COMPANIES)
def test_every_page_runs_without_violation_or_error(tab, site, served, company):
    urls = page_urls(site, company)
    assert len(urls) >= 10 and "404.html" in urls
    failures = {}
    for url in urls:
        tab.goto(served[company] + url)
        found = problems_after(tab)
        metas = tab.evaluate("""[document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]').length,
                                 document.querySelector('meta[name=referrer]')?.content]""")
        if metas != [1, "no-referrer"]:
            found.append(f"policy and referrer <meta>: {metas}")
        if found:
            failures[url] = found
    assert failures == {}


def test_search_palette_and_comparison_work_under_the_policy(tab, served, example_url):
    base = served["impro-media"]
    tab.goto(base)
    tab.click("input.md-search__input")
    tab.keyboard.type("stergerea")
    tab.wait_for_selector(".md-search-result__item")
    tab.keyboard.press("Enter")
    tab.keyboard.press("Escape")
    tab.click("label[for=__palette_1]")
    assert tab.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert problems_after(tab) == []
    tab.goto(example_url + "ro/compare/")  # the real notices have one version each: nothing to compare yet
    tab.wait_for_selector("#notice-compare-result h2")
    tab.click("#notice-compare-form button[type=submit]")
    tab.wait_for_url("**/ro/compare/?from=*")
    tab.wait_for_selector("#notice-compare-result h2")
    assert problems_after(tab) == []


def test_an_injected_inline_script_is_blocked(tab, served):
    tab.goto(served["impro-celojumi"] + "en/")
    content = tab.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    directives = {part.split()[0]: part.split()[1:] for part in content.split(";")}
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert directives["default-src"] == ["'self'"] and directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"] and directives["form-action"] == ["'none'"]
    ran = tab.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__injected = true";
        document.head.appendChild(script);
        const button = document.createElement("button");
        button.setAttribute("onclick", "window.__clicked = true");
        document.body.appendChild(button);
        button.click();
        return [window.__injected === true, window.__clicked === true];
    }""")
    assert ran == [False, False]
    violations = tab.evaluate("window.__violations")
    assert any(v.startswith("script-src-elem") for v in violations)
    assert any(v.startswith("script-src-attr") for v in violations)
    tab.problems.clear()
    tab.click("a.md-nav__link[href='gdpr/']")
    tab.wait_for_url("**/en/gdpr/")
    assert tab.evaluate("document.referrer") == ""
    assert problems_after(tab) == []
