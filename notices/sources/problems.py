"""Problems found in the sources, each naming the file and line to fix."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How bad a problem is: an error stops the build and the release, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


ERROR = Severity.ERROR
WARNING = Severity.WARNING


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where it is, what is wrong, and how bad it is."""

    path: str
    line: int
    message: str
    severity: Severity = ERROR

    def __str__(self) -> str:
        prefix = "" if self.severity == ERROR else "warning: "
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class SourceError(Exception):
    """Raised when input cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path, root: Path | None) -> str:
    """Return `path` relative to `root` when it lies below it, for messages."""
    path = Path(path)
    if root is not None:
        # abspath first: a symbolic link is named where it is, not where it points.
        for here, top in ((os.path.abspath(path), os.path.abspath(root)), (path.resolve(), Path(root).resolve())):
            try:
                return Path(here).relative_to(top).as_posix()
            except ValueError:
                pass
    return path.as_posix()


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """" (did you mean 'x'?)" for the known name closest to a misspelt `word`; nothing if none is close."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
