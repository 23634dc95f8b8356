"""Build every company's site (or the ones named) into site/<company>/.

Each site is built into a temporary folder first and moves into place only when its
build succeeds, so a failed build never damages what was built before.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from notices.layout import Layout  # noqa: E402


def source_date_epoch(root: Path) -> str | None:
    """The last commit's time, so that two builds of one commit are identical."""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return out or None


def build_company(layout: Layout, company_id: str, site_root: Path) -> bool:
    """Build one company; return whether it succeeded."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    target = site_root / company_id
    site_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{company_id}-", dir=site_root))
    try:
        config = load_config(str(layout.config_file(company_id)), site_dir=str(staging), strict=True)
        build(config)
    except (Abort, ConfigurationError) as error:
        logging.getLogger("mkdocs").error(f"{company_id}: build failed ({error}); {target} left as it was")
        shutil.rmtree(staging, ignore_errors=True)
        return False
    previous = site_root / f".{company_id}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"built {company_id} -> {target}")
    return True


def main(argv: list[str] | None = None) -> int:
    """Build the named companies, or all of them; exit 1 if any build failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("companies", nargs="*", help="company ids (default: every company)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this project)")
    parser.add_argument("--site-dir", type=Path, help="where to build (default: <root>/site)")
    args = parser.parse_args(argv)

    layout = Layout(args.root.resolve())
    site_root = (args.site_dir or layout.root / "site").resolve()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    epoch = source_date_epoch(layout.root)
    if epoch:
        os.environ.setdefault("SOURCE_DATE_EPOCH", epoch)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    known = layout.company_ids()
    wanted = args.companies or known
    unknown = [c for c in wanted if c not in known]
    if unknown:
        print(f"unknown company: {', '.join(unknown)} (known: {', '.join(known)})", file=sys.stderr)
        return 2
    results = [build_company(layout, company_id, site_root) for company_id in wanted]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
