"""Measure build time, scaling with versions and page weight; print a Markdown table for the README.

    python scripts/bench.py              # three interleaved repetitions (needs Debian's chromium)
    python scripts/bench.py --repeat 1   # faster, noisier
    python scripts/bench.py --diff-only  # only the diff's worst cases

Figures, all on impro-media's real Romanian and English text, each build a fresh process, with 1, 20
and 100 released versions (a small edit in both languages each):
- the CPU time (user + system) of the project's build, interleaved with two plain builds of the same
  pages with the same content
  (the notice and each archived version as Markdown, the generated pages as their built HTML):
  Material + mkdocs-static-i18n as the project configures them without its plugin, and bare Material
  (one build, no i18n, no notices plugin). The project's first build (no cache) is given apart, and the
  wall-clock ratio beside the CPU one (on a shared machine the wall clock counts other work too);
- the site's size, the search index, the compare page;
- a cold visit of the page in force (1 and 100 versions) and of a bare Material page of the same
  text (one language, one page, no i18n, no notices plugin): bytes (raw and gzipped) and requests unthrottled,
  and Largest Contentful Paint under a throttled profile (4x CPU, 150 ms latency, 1.6 Mbps);
- the worst case of a comparison of two versions, at the longest page the bounds allow (`worst_diffs`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _project import ROOT, Layout, load

from notices.model.archive import frozen_text
from notices.model.versions import NOTICE_PAGE
from notices.release.freeze import release

CHROMIUM = "/usr/bin/chromium"
COMPANY = "impro-media"
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795564800", NO_MKDOCS_2_WARNING="1")
AS_OF = "2027-12-31"


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system) of `command` in a fresh process.

    The CPU time is the cost itself; the wall clock also counts whatever else the machine was doing.
    """
    before, start = os.times(), time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=ENV)
    wall, after = time.perf_counter() - start, os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def project_build(root: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `scripts/build.py impro-media`."""
    return timed([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(root), "--as-of", AS_OF, COMPANY])


def mkdocs_build(config_dir: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `mkdocs build` in `config_dir`."""
    return timed([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=config_dir)


def _article(page_html: str) -> str:
    """The content of a built page (Material's article), as raw HTML for a Markdown page."""
    from bs4 import BeautifulSoup

    article = BeautifulSoup(page_html, "html.parser").select_one("article.md-content__inner")
    return f"<div>\n{article.decode_contents() if article else ''}\n</div>\n"


def page_sources(root: Path) -> dict[tuple[str, tuple[str, ...]], str]:
    """(language, path inside the language) -> the Markdown that gives a plain theme the same page.

    The notice and each archived version are their Markdown texts; the generated pages (history,
    changes, comparison, GDPR index) are their built content as raw HTML.
    """
    built = root / "site" / COMPANY
    company_dir = root / "companies" / COMPANY
    versions = sorted((p.name for p in (company_dir / "versions").iterdir()), key=lambda name: int(name[1:]))
    sources = {}
    for page in sorted(built.rglob("index.html")):
        parts = page.relative_to(built).parent.parts
        lang = parts[0] if parts and parts[0] in ("en", "ro", "lv") else "ro"
        inner = parts[1:] if parts and parts[0] == lang else parts
        if inner == ():
            sources[lang, inner] = frozen_text(company_dir, versions[-1], lang)
        elif len(inner) == 2 and inner[0] == "versions":
            sources[lang, inner] = frozen_text(company_dir, inner[1], lang)
        else:
            sources[lang, inner] = _article(page.read_text(encoding="utf-8"))
    return sources


BARE_CONFIG = ("site_name: Bare\nsite_url: https://example.com/\ntheme:\n  name: material\n  font: false\n"
               "markdown_extensions: [admonition, attr_list, md_in_html, toc, pymdownx.magiclink]\n"
               "plugins:\n  search: {}\n")


def fair_material(root: Path, target: Path, languages: list[str] | None = None) -> Path:
    """Every page of the project's built site, with the same content, built by plain Material.

    Without `languages`: one plain Material build (no i18n, no notices plugin), each language a folder. With
    them: Material and mkdocs-static-i18n as the project configures them, so that the difference is
    what the notices plugin adds.
    """
    docs = target / "docs"
    for (lang, inner), body in page_sources(root).items():
        name = "index.md" if not inner else "/".join(inner) + ".md"
        destination = docs / lang / name if languages else docs / ("" if lang == "ro" else lang) / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(body, encoding="utf-8")
    config = BARE_CONFIG
    if languages:
        config += "  i18n:\n    docs_structure: folder\n    fallback_to_default: false\n    languages:\n"
        for index, lang in enumerate(languages):
            config += f"      - locale: {lang}\n        name: {lang}\n        default: {str(index == 0).lower()}\n"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def bare_notice(root: Path, target: Path) -> Path:
    """The page a reader is compared with: bare Material (one language, one page) of the notice in force."""
    (target / "docs").mkdir(parents=True, exist_ok=True)
    (target / "docs" / "index.md").write_text(page_sources(root)["ro", ()], encoding="utf-8")
    (target / "mkdocs.yml").write_text(BARE_CONFIG, encoding="utf-8")
    return target


# The throttled profile of the page-weight goal: 4x slower CPU, 150 ms latency, 1.6 Mbps.
THROTTLED = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
LCP = """() => new Promise(done => new PerformanceObserver(list => {
  const entries = list.getEntries(); done(entries[entries.length - 1].startTime);
}).observe({type: "largest-contentful-paint", buffered: true}))"""


def cold_visit(folder: Path, path: str = "", throttled: bool = False) -> dict:
    """Bytes (raw, gzipped), requests and Largest Contentful Paint of a cold visit to one page on localhost."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    server, url = serve(folder)
    bodies = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            if throttled:
                cdp = page.context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", THROTTLED)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            responses = []
            page.on("response", lambda response: responses.append(response))
            page.goto(url + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            lcp = page.evaluate(LCP)
            for response in responses:
                try:
                    bodies.append(response.body())
                except Exception:
                    bodies.append(b"")
            browser.close()
    finally:
        server.shutdown()
    return {"raw": sum(map(len, bodies)), "gzip": sum(len(gzip.compress(b, 6)) for b in bodies),
            "requests": len(bodies), "lcp": lcp}


def folder_size(folder: Path) -> int:
    """Bytes of every file under `folder`."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def kib(size: float) -> str:
    """A size in KiB for the table."""
    return f"{size / 1024:.0f} KiB"


def builds(root: Path, scratch: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of the project's build and of the two plain builds of the same pages, interleaved."""
    first = project_build(root)  # no cache yet: what a fresh clone pays
    bare = fair_material(root, scratch / "bare")
    with_i18n = fair_material(root, scratch / "bare-i18n", ["ro", "en"])
    times: dict[str, list[tuple[float, float]]] = {"project": [], "bare": [], "i18n": []}
    for _ in range(repeat):
        times["project"].append(project_build(root))
        times["bare"].append(mkdocs_build(bare))
        times["i18n"].append(mkdocs_build(with_i18n))
    medians = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
               for name, runs in times.items()}
    return {"first": first, **medians}


def visits(sites: dict[str, tuple[Path, str]], repeat: int) -> dict[str, dict]:
    """Cold visits of each page, interleaved: transfer unthrottled, LCP (median) under the throttled profile."""
    found = {name: cold_visit(folder, path) for name, (folder, path) in sites.items()}
    paints: dict[str, list[float]] = {name: [] for name in sites}
    for _ in range(repeat):
        for name, (folder, path) in sites.items():
            paints[name].append(cold_visit(folder, path, throttled=True)["lcp"])
    for name in sites:
        found[name]["lcp"] = statistics.median(paints[name])
    return found


def worst_diffs() -> list[tuple[str, str]]:
    """The costliest comparisons the diff's bounds allow, on pages as long as a filled page may be.

    Each case is two versions of one page of at most MAX_OUTPUT characters, from a small vocabulary:
    one clause rewritten whole (the case that never ended without bounds), and as many clauses as fit,
    each rewritten with no word in common and sized to cost just under one match's bound. Python's CPU
    time, and the browser's (compare.js in Chromium) when it is there.
    """
    import random

    from notices.model.textdiff import DIFF_CELLS, ClauseText, compare_clauses
    from notices.sources.template_language import MAX_OUTPUT

    rng = random.Random(1)

    def words(vocabulary: list[str], count: int) -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(count))

    old_words, new_words = ["date", "de", "la", "și"], ["data", "of", "the", "and"]
    long_clause = MAX_OUTPUT // 5  # words of about four characters and a space
    per_clause = int(DIFF_CELLS ** 0.5) // 2 - 1  # a word and a space each: tokens just under the bound
    many = MAX_OUTPUT // (per_clause * 5)
    cases = {
        f"one clause of {long_clause} words rewritten": (
            [ClauseText("a", "A", words(old_words, long_clause))],
            [ClauseText("a", "A", words(new_words, long_clause))]),
        f"one clause of {long_clause} words in short sentences, rewritten": (
            [ClauseText("a", "A", words(old_words, long_clause).replace(" la ", " la. "))],
            [ClauseText("a", "A", words(new_words, long_clause).replace(" of ", " of. "))]),
        f"{many} clauses of {per_clause} words, each rewritten": (
            [ClauseText(f"c{n}", "C", words(old_words, per_clause)) for n in range(many)],
            [ClauseText(f"c{n}", "C", words(new_words, per_clause)) for n in range(many)]),
    }
    rows = []
    for name, (old, new) in cases.items():
        start = time.process_time()
        compare_clauses(old, new)
        python = time.process_time() - start
        rows.append((f"worst diff: {name}", f"Python {python:.2f} s CPU{browser_diff(old, new)}"))
    return rows


def browser_diff(old: list, new: list) -> str:
    """The browser's time for the same comparison, with the site's own scripts, or nothing without Chromium."""
    if not Path(CHROMIUM).exists():
        return ""
    from playwright.sync_api import sync_playwright

    from notices.model.textdiff import tokens

    scripts = ROOT / "overrides" / "assets" / "javascripts"
    data = [[{"id": c.id, "label": c.label, "tokens": tokens(c.text)} for c in side] for side in (old, new)]
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        tab = browser.new_page()
        tab.add_script_tag(path=str(scripts / "vendor" / "diff-match-patch-1.0.5.js"))
        tab.add_script_tag(path=str(scripts / "compare.js"))
        took = tab.evaluate("""c => { const start = performance.now();
            window.noticeCompare.compareClauses(c[0], c[1]); return performance.now() - start; }""", data)
        browser.close()
    return f", browser {took / 1000:.2f} s"


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print the README table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="interleaved repetitions of each build (default 3)")
    parser.add_argument("--no-browser", action="store_true", help="skip the cold page transfer")
    parser.add_argument("--diff-only", action="store_true", help="only the diff's worst cases")
    args = parser.parse_args(argv)
    rows = worst_diffs()
    if args.diff_only:
        args.repeat = 0
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        scaled = Layout(ROOT).copy_to(scratch / "project").root
        previous, sites = 1, {}
        for count in (1, 20, 100) if args.repeat else ():
            release_versions_from(scaled, previous, count)
            previous = count
            took = builds(scaled, scratch / f"plain{count}", args.repeat)
            site = scaled / "site" / COMPANY
            index = (site / "search" / "search_index.json").read_bytes()
            rows += [
                (f"{count} version(s): CPU time of a build: project (first, no cache) / project / Material + i18n / "
                 f"bare Material", " / ".join(f"{took[k][1]:.2f} s" for k in ("first", "project", "i18n", "bare"))),
                (f"{count} version(s): project / Material + i18n of the same pages, CPU (goal ≤ 1.3); wall clock",
                 f"{took['project'][1] / took['i18n'][1]:.2f} (first build {took['first'][1] / took['i18n'][1]:.2f}); "
                 f"wall {took['project'][0] / took['i18n'][0]:.2f}"),
                (f"{count} version(s): site, search index (raw / gzip), compare page",
                 f"{kib(folder_size(site))}, {kib(len(index))} / {kib(len(gzip.compress(index, 6)))}, "
                 f"{kib((site / 'compare' / 'index.html').stat().st_size)}"),
            ]
            if count in (1, 100) and not args.no_browser and Path(CHROMIUM).exists():
                kept = scratch / f"site{count}"
                shutil.copytree(site, kept)
                sites[f"page in force, {count} version(s), cold"] = (kept, "")
        if sites:
            sites["bare Material page of the same text (one language, one page), cold"] = (
                bare_notice(scaled, scratch / "bare-notice") / "site", "")
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=scratch / "bare-notice",
                           check=True, capture_output=True, env=ENV)
            for label, visit in visits(sites, args.repeat).items():
                rows.append((label, f"{kib(visit['raw'])} raw, {kib(visit['gzip'])} gzipped, "
                                    f"{visit['requests']} requests, LCP {visit['lcp']:.0f} ms throttled"))
    if args.repeat:
        print(f"Interleaved repetitions: {args.repeat}; medians.\n")
    print("| measurement | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0


def release_versions_from(root: Path, have: int, want: int) -> None:
    """Release versions have+1 .. want of impro-media."""
    if want > have:
        release_versions_range(root, have + 1, want)


def release_versions_range(root: Path, first: int, last: int) -> None:
    """Release versions first .. last, each a small edit of both languages."""
    layout = Layout(root)
    day = dt.date(2026, 11, 25) + dt.timedelta(days=first)
    for number in range(first, last + 1):
        site = load(layout, COMPANY)
        for lang in site.company.languages:
            page = root / "docs" / COMPANY / lang / NOTICE_PAGE
            text = re.sub(r"\nRevision \d+\.\n", "\n", page.read_text(encoding="utf-8"))
            text = text.replace("\n## ", f"\nRevision {number}.\n\n## ", 1)
            if lang != site.company.default_language:
                text = re.sub(r"^translates: .*$", f"translates: v{number}", text, count=1, flags=re.MULTILINE)
            page.write_text(text, encoding="utf-8")
        site = load(layout, COMPANY)
        release(site, change="editorial", summaries={lang: f"Revision {number}" for lang in site.company.languages},
                effective=day, published=day)
        day += dt.timedelta(days=1)


if __name__ == "__main__":
    sys.exit(main())
