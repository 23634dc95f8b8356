"""The project as a git ref has it: which companies had released versions there, and a file's text there."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .history import MAINLINE

MAX_FILES = 10_000


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except OSError:
        return None
    if done.returncode:
        return None
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None


def mainline(root: Path) -> str | None:
    """The branch whose history is the record (main), when this copy has it."""
    return MAINLINE if _git(root, "rev-parse", "--verify", "--quiet", f"{MAINLINE}^{{commit}}") else None


def file_at(root: Path, ref: str, relative: str) -> str | None:
    """The text of `relative` (from the project's folder) at `ref`, or None where it is not."""
    return _git(root, "show", f"{ref}:./{relative}")


def released_companies(root: Path, ref: str) -> list[str]:
    """The ids of the companies whose versions.yml exists at `ref`."""
    listed = _git(root, "ls-tree", "-r", "--name-only", ref, "--", "./companies") or ""
    prefix = _git(root, "rev-parse", "--show-prefix") or ""
    ids = []
    for name in listed.splitlines()[:MAX_FILES]:
        parts = name.removeprefix(prefix.strip()).split("/")
        if len(parts) == 3 and parts[0] == "companies" and parts[2] == "versions.yml":
            ids.append(parts[1])
    return sorted(ids)
