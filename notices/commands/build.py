"""`notices build`: build every company's site (or the ones named) into site/<company>/.

Each site is built in a staging folder beside the site folder (never inside it) and replaces
site/<company>/ only when its build succeeded: a failed, crashed or killed build never alters what
was built before, and the next build clears whatever a killed one left behind.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType, ModuleType
from typing import NoReturn

from ..model.dates import AS_OF_FORMAT, parse_as_of
from ..sources.company import load_company
from ..sources.layout import Layout
from ..sources.problems import ERROR, Problem, SourceError, display_path
from ..sources.site_config import check_site_config
from ..sources.tree import check_tree
from . import refuse_unknown
from .process import log_to_stderr

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # not on Windows: builds there are not protected against running twice at once
    fcntl = None

PREVIOUS = ".previous"
PACKAGE = Path(__file__).resolve().parent.parent
HELP = "build every company's site (or the ones named) into site/<company>/"
EPILOG = """\
examples:
  notices build                          every company, into site/<company>/
  notices build impro-media              one company
  notices build --as-of 2027-01-15       the sites as they will be on that day (a preview)
  notices build --deployed live/         the deploy: each site counts notice periods from its host's
                                         live/<company>/deployed.json and publishes the record again
                                         with the versions first published now (by the real clock)

A failed build leaves the previously built site/<company>/ exactly as it was.
Exit status: 0 when every build succeeded, 1 when one failed, 2 for an unknown company.
"""


def source_date_epoch(root: Path) -> str | None:
    """The last commit's time, so that two builds of one commit are identical."""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return out or None


def staging_dir(site_root: Path) -> Path:
    """Where sites are built before they replace the published ones: beside the site folder, same file system."""
    return site_root.parent / f".{site_root.name}-staging"


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold `folder` (the one holding the site and its staging): a second build there waits for the first."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY)
    try:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def recover(site_root: Path, staging: Path) -> None:
    """Put back a site that a killed build had moved aside, and clear every half-built one."""
    for entry in sorted(staging.iterdir()) if staging.is_dir() else []:
        target = site_root / entry.name.removesuffix(PREVIOUS)
        if entry.name.endswith(PREVIOUS) and not target.exists():
            site_root.mkdir(parents=True, exist_ok=True)
            entry.rename(target)
            print(f"restored {target}: a build had been stopped while replacing it")
            continue
        _remove(entry)


def preflight(layout: Layout, company_id: str) -> list[Problem]:
    """What must hold before MkDocs reads anything: no links out of the sources, a configuration without code."""
    problems = check_tree(layout.root, company_id)
    if problems:
        return problems  # nothing more is read while a link could lead outside the sources
    try:
        company = load_company(layout.company_dir(company_id), layout.root)
    except SourceError as error:
        return error.problems
    # MkDocs imports a configuration's hooks while loading it: the configuration is checked first.
    return [p for p in check_site_config(company, layout.root) if p.severity == ERROR]


def replace(target: Path, built: Path, previous: Path) -> None:
    """Put `built` in place of `target`; if stopped half-way, `target` is put back (or `recover` does it)."""
    _remove(previous)
    if target.exists():
        target.rename(previous)
    try:
        built.rename(target)
    except BaseException:
        if previous.exists() and not target.exists():
            previous.rename(target)
        raise
    _remove(previous)


def unexpected(error: BaseException, layout: Layout, company_id: str) -> str:
    """An error no check foresaw, as path:line: message at the innermost source file involved."""
    where = f"{display_path(layout.config_file(company_id), layout.root)}:1"
    roots = (str(layout.root.resolve()), str(PACKAGE))
    tb = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code.co_filename
        if code.startswith(roots) and Path(code).resolve() != Path(__file__).resolve():
            where = f"{display_path(Path(code), layout.root)}:{tb.tb_lineno}"
        tb = tb.tb_next
    filename = getattr(error, "filename", None)
    if isinstance(filename, str) and Path(filename).resolve().is_relative_to(layout.root.resolve()):
        where = f"{display_path(Path(filename), layout.root)}:1"  # a source file that could not be read
    return f"{where}: the build of {company_id} stopped: {type(error).__name__}: {error}"


def build_company(layout: Layout, company_id: str, site_root: Path, staging: Path,
                  as_of: str | None = None, deployed: Path | None = None) -> list[str]:
    """Build one company into site_root/<company>; return what went wrong (nothing when it succeeded)."""
    try:
        problems = preflight(layout, company_id)
    except Exception as error:  # noqa: BLE001 - reported like any other problem of this company
        return [unexpected(error, layout, company_id)]
    if problems:
        return [str(p) for p in problems]
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    from ..plugin.config import with_options

    work = None
    try:
        work = Path(tempfile.mkdtemp(prefix=f"{company_id}-", dir=staging))
        config_file = layout.config_file(company_id)
        config = load_config(str(config_file), site_dir=str(work), strict=True,
                             **with_options(config_file, as_of=as_of,
                                            deployed=str(deployed) if deployed is not None else None))
        build(config)
        site_root.mkdir(parents=True, exist_ok=True)
        replace(site_root / company_id, work, staging / f"{company_id}{PREVIOUS}")
    except Abort:  # MkDocs stops this way after logging each problem
        return [f"{company_id}: the build stopped on the problems above: fix them and build again"]
    except MkDocsException as error:
        shown = display_path(layout.config_file(company_id), layout.root)
        return [f"{shown}:1: the build of {company_id} stopped: {error}"]
    except Exception as error:  # noqa: BLE001 - one company's surprise must not stop the others' builds
        return [unexpected(error, layout, company_id)]
    finally:
        if work is not None:
            _remove(work)
    print(f"built {company_id} -> {site_root / company_id}")
    return []


def as_of_option(value: str) -> str:
    """An --as-of value, refused by argparse with the format when it is not a day or moment."""
    try:
        parse_as_of(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return value


def _stop(signum: int, frame: FrameType | None) -> NoReturn:
    # A terminated build unwinds like an interrupted one: staging is removed, the old site stays.
    raise SystemExit(128 + signum)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The build's options."""
    parser.add_argument("companies", nargs="*", help="company ids (default: every company)")
    parser.add_argument("--site-dir", type=Path, help="where to build (default: <root>/site)")
    parser.add_argument("--as-of", type=as_of_option, metavar="WHEN",
                        help=f"preview the sites as they will be (or were) on another day: {AS_OF_FORMAT}; "
                             f"without it, what is in force is decided by today's date in each company's time zone")
    parser.add_argument("--deployed", type=Path, metavar="PATH", help=DEPLOYED_HELP + "; the site then publishes "
                        "the record, with the versions first published now (never with --as-of)")


DEPLOYED_HELP = ("the deploy's record of the day each version was first published, as its host has it: a "
                 "deployed.json, or a folder holding <company>/deployed.json (none there: the first deploy); "
                 "notice periods are counted from it")


def run(args: argparse.Namespace) -> int:
    """Build the named companies, or all of them; 1 if any build failed (the caller puts the process back)."""
    layout = Layout(args.root)
    site_root = (args.site_dir or layout.root / "site").resolve()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    epoch = source_date_epoch(layout.root)
    if epoch:  # timestamps only (sitemap); what is in force comes from the real date or --as-of
        os.environ.setdefault("SOURCE_DATE_EPOCH", epoch)
    if args.as_of:
        print(f"as of {args.as_of} (--as-of), not today: a preview, not for publishing"
              + ("; no deploy record is written" if args.deployed else ""))
    log_to_stderr(logging.WARNING)

    wanted = args.companies or layout.company_ids()
    refused = refuse_unknown(layout, wanted)
    if refused is not None:
        return refused
    signal.signal(signal.SIGTERM, _stop)
    staging = staging_dir(site_root)
    failed = []
    with locked(staging.parent):
        try:
            recover(site_root, staging)
            staging.mkdir(exist_ok=True)
        except OSError as error:
            print(f"{staging}:1: cannot clear what an interrupted build left ({error}): remove it by hand",
                  file=sys.stderr)
            return 1
        try:
            for company_id in wanted:
                messages = build_company(layout, company_id, site_root, staging, args.as_of, args.deployed)
                for message in messages:
                    print(message, file=sys.stderr)
                if messages:
                    failed.append(company_id)
        finally:
            with contextlib.suppress(OSError):
                staging.rmdir()
    if failed:
        print(f"build failed for {', '.join(failed)}: {'their' if len(failed) > 1 else 'its'} previously built "
              f"site left as it was in {site_root}", file=sys.stderr)
    return 1 if failed else 0
