"""Measure build time and page weight; print a Markdown table for the README.

    python scripts/bench.py            # every measurement (needs Debian's chromium for page weight)
    python scripts/bench.py --quick    # fewer repetitions

Figures: full build of both real sites; builds of the fictional example company at several
numbers of versions and languages (how time grows); the project's build against a bare Material
build of the same pages, in the same run (what the hooks add); bytes a reader's browser receives
for the current notice, cold, against a bare Material page of the same text.
"""

from __future__ import annotations

import argparse
import datetime as dt
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

from notices.release import release
from notices.versions import NOTICE_PAGE

EXAMPLE = ROOT / "tests" / "fixtures" / "example"
CHROMIUM = "/usr/bin/chromium"


def copy_project(target: Path, with_example: bool = False) -> Path:
    """A scratch copy of the project (optionally with the fictional example company)."""
    Layout(ROOT).copy_to(target)
    if with_example:
        shutil.copytree(EXAMPLE, target, dirs_exist_ok=True)
    return target


def timed_build(root: Path, *companies: str, repeat: int = 3) -> float:
    """Median seconds of `scripts/build.py` for the companies, in a fresh process each time."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795564800", NOTICES_AS_OF="2026-11-25")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(root), *companies],
                       check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def add_languages(root: Path, count: int) -> None:
    """Give the example company `count` languages (en, ro, lv): the snippets exist in all three."""
    languages = ["en", "ro", "lv"][:count]
    data = root / "companies" / "example-privacy" / "company.yml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("languages: [en, ro]", f"languages: [{', '.join(languages)}]")
    if "lv" in languages:
        text = text.replace("  ro: societate cu răspundere limitată\n",
                            "  ro: societate cu răspundere limitată\n  lv: sabiedrība ar ierobežotu atbildību\n")
        text = text.replace("    ro: Autoritatea Exemplu pentru Protecția Datelor\n",
                            "    ro: Autoritatea Exemplu pentru Protecția Datelor\n    lv: Piemēra datu aizsardzības iestāde\n")
        shutil.copytree(root / "docs" / "example-privacy" / "en", root / "docs" / "example-privacy" / "lv")
        config = root / "companies" / "example-privacy" / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "      - locale: lv\n        name: Latviešu\n",
                          encoding="utf-8")
    if "ro" not in languages:
        text = text.replace("  ro: societate cu răspundere limitată\n", "")
        text = text.replace("    ro: Autoritatea Exemplu pentru Protecția Datelor\n", "")
        shutil.rmtree(root / "docs" / "example-privacy" / "ro")
        config = root / "companies" / "example-privacy" / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("      - locale: ro\n        name: Română\n", ""),
                          encoding="utf-8")
    data.write_text(text, encoding="utf-8")


def release_versions(root: Path, count: int) -> None:
    """Release `count` editorial versions of the example, one sentence changed each time."""
    layout = Layout(root)
    day = dt.date(2020, 1, 1)
    for number in range(1, count + 1):
        site = load(layout, "example-privacy")
        for lang in site.company.languages:
            page = root / "docs" / "example-privacy" / lang / NOTICE_PAGE
            text = page.read_text(encoding="utf-8")
            if number > 1:
                text = text.replace("## 5.", f"Change number {number}.\n\n## 5.", 1)
            if lang != site.company.default_language:
                # The translation follows the original in every version.
                text = re.sub(r"^translates: .*\n", "", text, flags=re.MULTILINE)
                text = text.replace("---\n", f"---\ntranslates: v{number}\n", 1)
            page.write_text(text, encoding="utf-8")
        site = load(layout, "example-privacy")
        release(site, change="editorial", summaries={lang: f"Change {number}" for lang in site.company.languages},
                effective=day, published=day)
        day += dt.timedelta(days=7)


def bare_material(root: Path, company: str, target: Path, languages: list[str] | None = None) -> Path:
    """The same pages as the project's build of `company`, built without this project's hooks.

    Without `languages`: plain Material, one build. With them: Material and mkdocs-static-i18n as
    the project configures them, so that the difference is what the project's hooks add.
    """
    built = root / "site" / company
    docs = target / "docs"
    for html in sorted(built.rglob("index.html")):
        relative = html.relative_to(built).parent
        parts = relative.parts
        lang = parts[0] if parts and languages and parts[0] in languages[1:] else (languages or [None])[0]
        inner = Path(*parts[1:]) if parts and languages and parts[0] in languages[1:] else relative
        name = "index.md" if inner == Path(".") else f"{inner.as_posix()}.md"
        destination = docs / lang / name if languages else docs / (
            "index.md" if relative == Path(".") else f"{relative.as_posix()}.md")
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(_page_markdown(root, company, relative), encoding="utf-8")
    config = ("site_name: Bare\nsite_url: https://example.com/\ntheme:\n  name: material\n  font: false\n"
              "markdown_extensions: [admonition, attr_list, md_in_html, toc, pymdownx.magiclink]\n"
              "plugins:\n  search: {}\n")
    if languages:
        config += "  i18n:\n    docs_structure: folder\n    fallback_to_default: false\n    languages:\n"
        for index, lang in enumerate(languages):
            config += f"      - locale: {lang}\n        name: {lang}\n        default: {str(index == 0).lower()}\n"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def _page_markdown(root: Path, company: str, relative: Path) -> str:
    company_dir = root / "companies" / company
    parts = relative.parts
    lang_first = parts and len(parts[0]) == 2
    lang = parts[0] if lang_first else None
    rest = parts[1:] if lang_first else parts
    archive = company_dir / "versions"
    versions = sorted(p.name for p in archive.iterdir()) if archive.is_dir() else []
    if rest and rest[0] == "versions" and len(rest) >= 2:
        version = rest[1]
    else:
        version = versions[-1] if versions else None
    files = sorted((archive / version).glob("*.md")) if version else []
    chosen = next((f for f in files if lang and f.stem == lang), files[0] if files else None)
    if chosen is None:
        return "# Page\n"
    return chosen.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def timed_mkdocs(config_dir: Path, repeat: int) -> float:
    """Median seconds of `mkdocs build` in `config_dir`."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=config_dir, check=True,
                       capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def transferred_bytes(folder: Path, path: str = "") -> tuple[int, dict[str, int]]:
    """Bytes a cold browser receives for one page (and what kind), served from `folder` on localhost."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    server, url = serve(folder)
    sizes: dict[str, int] = {}
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
                    size = len(response.body())
                except Exception:
                    continue
                kind = response.url.rsplit(".", 1)[-1].split("?")[0] if "." in response.url.rsplit("/", 1)[-1] else "html"
                kind = "search index" if "search_index" in response.url else kind
                sizes[kind] = sizes.get(kind, 0) + size
            browser.close()
    finally:
        server.shutdown()
    return sum(sizes.values()), sizes


def main(argv: list[str] | None = None) -> int:
    """Run the measurements and print the README table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repetition instead of three")
    parser.add_argument("--no-browser", action="store_true", help="skip the page-weight measurement")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else 3
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        real = copy_project(scratch / "real")
        full = timed_build(real, repeat=repeat)
        rows.append(("Both real sites (2 companies × 2 languages × 1 version)", f"{full:.2f} s"))

        grow = {}
        for languages, versions in [(2, 5), (2, 25), (2, 50), (1, 25), (3, 25)]:
            root = copy_project(scratch / f"example-{languages}-{versions}", with_example=True)
            add_languages(root, languages)
            release_versions(root, versions)
            grow[(languages, versions)] = timed_build(root, "example-privacy", repeat=repeat)
            rows.append((f"Example company: {languages} language(s) × {versions} versions",
                         f"{grow[(languages, versions)]:.2f} s"))
        rows.append(("Ratio 50 versions / 25 versions (2 languages)", f"{grow[(2, 50)] / grow[(2, 25)]:.2f}"))

        bare = bare_material(real, "impro-media", scratch / "bare")
        with_i18n = bare_material(real, "impro-media", scratch / "bare-i18n", ["ro", "en"])
        ours = timed_build(real, "impro-media", repeat=repeat)
        plain = timed_mkdocs(bare, repeat)
        plain_i18n = timed_mkdocs(with_i18n, repeat)
        rows.append(("impro-media: this project's build (hooks, Material, i18n)", f"{ours:.2f} s"))
        rows.append(("impro-media: same pages, Material and i18n, no hooks", f"{plain_i18n:.2f} s"))
        rows.append(("impro-media: same pages, bare Material (one build, no i18n)", f"{plain:.2f} s"))
        rows.append(("Time the hooks add (project / Material and i18n without hooks)", f"{ours / plain_i18n:.2f}"))
        rows.append(("Project / bare Material", f"{ours / plain:.2f}"))

        if not args.no_browser and Path(CHROMIUM).exists():
            timed_mkdocs(bare, 1)
            total, kinds = transferred_bytes(real / "site" / "impro-media")
            bare_total, bare_kinds = transferred_bytes(bare / "site")
            detail = ", ".join(f"{k} {v // 1024} KiB" for k, v in sorted(kinds.items()))
            bare_detail = ", ".join(f"{k} {v // 1024} KiB" for k, v in sorted(bare_kinds.items()))
            rows.append(("Bytes for the current notice (impro-media, cold)", f"{total // 1024} KiB ({detail})"))
            rows.append(("Bytes for a bare Material page of the same text", f"{bare_total // 1024} KiB ({bare_detail})"))
    print("| measurement | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
