"""The source folders a company's build reads, checked so that nothing outside them is read or published."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import Problem

# Folders the build reads for every company, besides the company's own docs/<id>/ and companies/<id>/.
SHARED_FOLDERS = ("docs/snippets", "overrides")
PAGE_SUFFIX = ".md"


def check_tree(root: Path, company_id: str) -> list[Problem]:
    """Every symbolic link under the folders the company's build reads, and every file that is not a notice page."""
    root = Path(root)
    problems: list[Problem] = []
    for top in ("docs", "companies", *SHARED_FOLDERS, f"docs/{company_id}", f"companies/{company_id}"):
        problems += _link_problem(root, root / top)
    for folder in (f"docs/{company_id}", f"companies/{company_id}", *SHARED_FOLDERS):
        if not (root / folder).is_symlink():
            problems += _walk(root, root / folder, pages=folder == f"docs/{company_id}")
    return sorted(set(problems))


def _walk(root: Path, top: Path, pages: bool) -> list[Problem]:
    problems: list[Problem] = []
    # followlinks=False: a linked folder is reported, never entered.
    for folder, dirs, files in os.walk(top, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs + files):
            problems += _link_problem(root, here / name)
        if not pages:
            continue
        for name in sorted(files):
            path = here / name
            if path.is_symlink() or name.startswith("."):
                continue  # links are reported above; MkDocs never publishes dot files
            problems += _page_problem(root, top, path)
    return problems


def _link_problem(root: Path, path: Path) -> list[Problem]:
    try:
        mode = path.lstat().st_mode
    except OSError:
        return []  # absent: whoever needs the file reports it
    if not stat.S_ISLNK(mode):
        return []
    what = "folder" if path.is_dir() else "file"
    return [Problem(_shown(root, path), 1, f"is a symbolic link to {os.readlink(path)}: the build reads "
                                                 f"nothing outside the sources; replace it with the {what} itself")]


def _page_problem(root: Path, top: Path, path: Path) -> list[Problem]:
    shown = _shown(root, path)
    mode = path.lstat().st_mode
    if not stat.S_ISREG(mode):
        return [Problem(shown, 1, "is not a regular file: remove it")]
    if path.parent == top:
        return [Problem(shown, 1, f"is not in a language folder: a notice page goes in "
                                  f"{_shown(root, top)}/<language>/; move or remove it")]
    if path.suffix != PAGE_SUFFIX:
        return [Problem(shown, 1, "only notice pages (.md) are published from this folder: remove this file "
                                  "(pictures, styles and scripts are not part of a notice)")]
    return []


def _shown(root: Path, path: Path) -> str:
    # Not display_path: resolving would follow the very link being reported.
    return path.relative_to(root).as_posix()
