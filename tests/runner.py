"""Running the `notices` command from tests: in this process (fast, measured), or as a process of its own."""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuildResult:
    """What a run of the build printed and returned."""

    returncode: int
    output: str
    site: Path


@dataclass
class Ran:
    """What a run of the `notices` command returned and printed, as subprocess.run reports it."""

    returncode: int
    stdout: str
    stderr: str


def notices(*argv: str, env: dict[str, str | None] | None = None) -> Ran:
    """Run the `notices` command in this process, as the scripts do, and capture what it prints.

    The command puts back what it changes in the process (tests/commands/test_process.py); this puts back `env`.
    """
    from notices.cli import main

    saved_env = dict(os.environ)
    _apply(os.environ, env or {})
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(argv), default_root=ROOT)
            except SystemExit as stop:  # argparse refuses an option this way
                code = stop.code if isinstance(stop.code, int) else 1
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
    return Ran(code, out.getvalue(), err.getvalue())


def _apply(environ, changes: dict[str, str | None]) -> None:
    """Set each variable of `changes` in `environ`, or remove it where its value is None."""
    for name, value in changes.items():
        if value is None:
            environ.pop(name, None)
        else:
            environ[name] = value


def _build_options(root: Path, site: Path, companies, as_of, epoch, deployed=None) -> tuple[list[str], dict]:
    env = {"NO_MKDOCS_2_WARNING": "1",
           # without `epoch`, the build takes the project's last commit time
           "SOURCE_DATE_EPOCH": epoch or None}
    options = (["--as-of", as_of] if as_of else []) + (["--deployed", str(deployed)] if deployed else [])
    site.parent.mkdir(parents=True, exist_ok=True)
    return ["build", "--root", str(root), "--site-dir", str(site), *options, *companies], env


def run_build(root: Path, site: Path, *companies: str, as_of: str | None = None,
              epoch: str | None = None, deployed: Path | None = None) -> BuildResult:
    """Run the project's build command in this process, as `notices build` runs it.

    `as_of` (YYYY-MM-DD[THH:MM]) is the day the build takes as today; without it, the real clock.
    `epoch` sets SOURCE_DATE_EPOCH, which fixes timestamps only. `deployed`: the deploy's live record.
    """
    argv, env = _build_options(root, site, companies, as_of, epoch, deployed)
    result = notices(*argv, env=env)
    return BuildResult(result.returncode, result.stdout + result.stderr, site)


def run_build_command(root: Path, site: Path, *companies: str, as_of: str | None = None,
                      epoch: str | None = None, timeout: float | None = None) -> BuildResult:
    """Run scripts/build.py as a user would, in a fresh process.

    For what only a process shows: exit status, what reaches stderr, a kill, a second hash seed.
    """
    argv, changes = _build_options(root, site, companies, as_of, epoch)
    env = dict(os.environ)
    _apply(env, changes)
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), *argv[1:]],
                          capture_output=True, text=True, cwd=str(site.parent), env=env, timeout=timeout)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)


def check(root: Path, *args: str) -> Ran:
    """Run `notices check` on the project at `root`, in this process."""
    return notices("check", "--root", str(root), *args)


def shared(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once for the whole run by whichever test worker asks first; the others wait and reuse it.

    Only for what tests read and never change: a test that edits copies it first.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the folder every worker's temporary folder is in
    folder, done = base / name, base / f"{name}.done"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            make(folder)
            done.touch()
    return folder


def free_port() -> int:
    """A TCP port of this machine that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
