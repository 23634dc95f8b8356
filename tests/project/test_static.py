"""The linter and the type checker pass on the project, as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINTED = ["notices", "scripts", "tests"]
TYPED = ["notices"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run a tool from the project's environment at the project's root."""
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_ruff_finds_nothing():
    result = run("ruff", "check", "--no-fix", "--output-format", "concise", *LINTED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    # Its cache (.mypy_cache/, ignored by git) is the one a hand-run shares, so a second run takes a second.
    result = run("mypy", *TYPED)
    assert result.returncode == 0, result.stdout + result.stderr
