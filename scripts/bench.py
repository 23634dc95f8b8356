"""Measure build time, scaling with versions and page weight; print a Markdown table for the README.

    python scripts/bench.py              # three interleaved repetitions (needs Debian's chromium)
    python scripts/bench.py --repeat 1   # faster, noisier

Figures, all on impro-media's real Romanian and English text, each build a fresh process:
- the project's build against a fair bare Material build (one build, no i18n, no hooks: the notice's
  text only on the notice pages, every generated page present with its title and no text) and against
  Material + mkdocs-static-i18n of the same pages without the hooks; the three are run interleaved;
- with 1, 20 and 100 versions (small edits each): build time, site size, search index, compare page;
- a cold visit of the page in force against the fair bare Material page: bytes (raw and gzipped)
  and requests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html as html_lib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _project import ROOT, Layout, load

from notices.publish.release import release
from notices.model.versions import NOTICE_PAGE, frozen_text

CHROMIUM = "/usr/bin/chromium"
COMPANY = "impro-media"
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795564800", NOTICES_AS_OF="2027-12-31", NO_MKDOCS_2_WARNING="1")


def project_build(root: Path) -> float:
    """Seconds of `scripts/build.py impro-media` in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(root), COMPANY],
                   check=True, capture_output=True, env=ENV)
    return time.perf_counter() - start


def mkdocs_build(config_dir: Path) -> float:
    """Seconds of `mkdocs build` in `config_dir`, in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=config_dir, check=True,
                   capture_output=True, env=ENV)
    return time.perf_counter() - start


def _title(page_html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", page_html, re.S) or re.search(r"<title>(.*?)</title>", page_html, re.S)
    text = re.sub(r"<[^>]+>", "", found.group(1)) if found else "Page"
    return html_lib.unescape(text).replace("#", "").strip()


def fair_material(root: Path, target: Path, languages: list[str] | None = None) -> Path:
    """The pages of the project's built site with plain Material: the notice's text on the notice pages only.

    Without `languages`: one plain Material build of every page. With them: Material and
    mkdocs-static-i18n as the project configures them, so that the difference is what the hooks add.
    """
    built = root / "site" / COMPANY
    docs = target / "docs"
    default = (languages or ["ro"])[0]
    for page in sorted(built.rglob("index.html")):
        parts = page.relative_to(built).parent.parts
        lang = parts[0] if parts and parts[0] in ("en", "ro", "lv") else default
        inner = parts[1:] if parts and parts[0] == lang else parts
        if inner == ():
            versions = sorted((root / "companies" / COMPANY / "versions").iterdir(), key=lambda p: int(p.name[1:]))
            body = frozen_text(root / "companies" / COMPANY, versions[-1].name, lang)
        else:
            body = f"# {_title(page.read_text(encoding='utf-8'))}\n"
        name = "index.md" if not inner else "/".join(inner) + ".md"
        destination = docs / lang / name if languages else docs / Path(*parts) / "index.md"
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(body, encoding="utf-8")
    config = ("site_name: Bare\nsite_url: https://example.com/\ntheme:\n  name: material\n  font: false\n"
              "markdown_extensions: [admonition, attr_list, md_in_html, toc, pymdownx.magiclink]\n"
              "plugins:\n  search: {}\n")
    if languages:
        config += "  i18n:\n    docs_structure: folder\n    fallback_to_default: false\n    languages:\n"
        for index, lang in enumerate(languages):
            config += f"      - locale: {lang}\n        name: {lang}\n        default: {str(index == 0).lower()}\n"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def cold_visit(folder: Path, path: str = "") -> dict:
    """Bytes (raw, gzipped) and requests of a cold visit to one page, served from `folder` on localhost."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    server, url = serve(folder)
    bodies = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            responses = []
            page.on("response", lambda response: responses.append(response))
            page.goto(url + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            for response in responses:
                try:
                    bodies.append(response.body())
                except Exception:
                    bodies.append(b"")
            browser.close()
    finally:
        server.shutdown()
    return {"raw": sum(map(len, bodies)), "gzip": sum(len(gzip.compress(b, 6)) for b in bodies),
            "requests": len(bodies)}


def folder_size(folder: Path) -> int:
    """Bytes of every file under `folder`."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def kib(size: float) -> str:
    """A size in KiB for the table."""
    return f"{size / 1024:.0f} KiB"


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print the README table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="interleaved repetitions of each build (default 3)")
    parser.add_argument("--no-browser", action="store_true", help="skip the cold page transfer")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        real = Layout(ROOT).copy_to(scratch / "real").root
        project_build(real)
        bare = fair_material(real, scratch / "bare")
        with_i18n = fair_material(real, scratch / "bare-i18n", ["ro", "en"])
        times: dict[str, list[float]] = {"project": [], "bare": [], "i18n": []}
        for _ in range(args.repeat):
            times["project"].append(project_build(real))
            times["bare"].append(mkdocs_build(bare))
            times["i18n"].append(mkdocs_build(with_i18n))
        ours, plain, plain_i18n = (statistics.median(times[k]) for k in ("project", "bare", "i18n"))
        rows += [("impro-media, 1 version: this project's build (hooks, Material, i18n)", f"{ours:.2f} s"),
                 ("same pages, Material + i18n, no hooks", f"{plain_i18n:.2f} s"),
                 ("same pages, fair bare Material (one build, no i18n, no hooks)", f"{plain:.2f} s"),
                 ("project / Material + i18n (goal ≤ 1.3)", f"{ours / plain_i18n:.2f}"),
                 ("project / fair bare Material", f"{ours / plain:.2f}")]

        if not args.no_browser and Path(CHROMIUM).exists():
            mine, theirs = cold_visit(real / "site" / COMPANY), cold_visit(bare / "site")
            for label, visit in (("page in force, cold", mine), ("fair bare Material page, cold", theirs)):
                rows.append((label, f"{kib(visit['raw'])} raw, {kib(visit['gzip'])} gzipped, "
                                    f"{visit['requests']} requests"))

        previous = 1
        scaled = Layout(ROOT).copy_to(scratch / "scaled").root
        for count in (1, 20, 100):
            release_versions_from(scaled, previous, count)
            previous = count
            took = statistics.median(project_build(scaled) for _ in range(args.repeat))
            site = scaled / "site" / COMPANY
            index = (site / "search" / "search_index.json").read_bytes()
            rows.append((f"{count} version(s): build, site, search index (raw / gzip), compare page",
                         f"{took:.2f} s, {kib(folder_size(site))}, {kib(len(index))} / "
                         f"{kib(len(gzip.compress(index, 6)))}, {kib((site / 'compare' / 'index.html').stat().st_size)}"))
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
