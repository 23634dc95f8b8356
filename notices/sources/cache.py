"""Results of slow, pure work on a text (rendering a released version, cutting it into clauses), kept by SHA-256.

A released version never changes, so what was worked out from its text once holds for every later build.
Each entry is found by the SHA-256 of what it was computed from together with the code and libraries
that computed it: a change of either is a different key, never a stale answer. Entries are JSON files
under `.cache/notices/` in the project, or in the folder `NOTICES_CACHE_DIR` names (one cache for many
copies of a project, as in CI); a missing, unreadable or oversized entry is computed again.
The cache never decides what readers get: every built page still passes the HTML allowlist in the build.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

FOLDER = Path(".cache") / "notices"
FOLDER_VARIABLE = "NOTICES_CACHE_DIR"
MAX_ENTRY_BYTES = 4_000_000
LIBRARIES = ("Markdown", "nh3", "pymdown-extensions", "diff-match-patch", "mkdocs")


@functools.cache
def code_fingerprint() -> str:
    """SHA-256 of this package's code and of the versions of the libraries that render and compare text."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent  # all of notices/, every stage
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=absent\0".encode())
    return digest.hexdigest()


class Cache:
    """Results kept on disk by the SHA-256 of their inputs; `Cache(None)` keeps nothing."""

    def __init__(self, root: Path | None):
        shared = os.environ.get(FOLDER_VARIABLE)
        if root is None:
            self.folder: Path | None = None
        else:
            self.folder = Path(shared) if shared else Path(root) / FOLDER

    def key(self, kind: str, *inputs: str) -> str:
        """The entry's name: what kind of result, from which inputs, by which code."""
        digest = hashlib.sha256(f"{kind}\0{code_fingerprint()}\0".encode())
        for text in inputs:
            digest.update(hashlib.sha256(text.encode("utf-8")).digest())
        return digest.hexdigest()

    def get_or_compute(self, kind: str, inputs: tuple[str, ...], compute: Callable[[], Any]) -> Any:
        """The kept result for these inputs, or `compute()`, kept for next time (a JSON value)."""
        if self.folder is None:
            return compute()
        path = self.folder / kind / self.key(kind, *inputs)
        try:
            if path.stat().st_size <= MAX_ENTRY_BYTES:
                return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        result = compute()
        self._write(path, result)
        return result

    def _write(self, path: Path, value: Any) -> None:
        # Written aside and renamed: a build killed halfway leaves no half entry.
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(value, stream, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, path)
        except OSError:
            pass  # a read-only project builds without a cache
