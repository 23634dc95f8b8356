"""What a command changes in its process for MkDocs' sake, put back when the command returns."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from collections.abc import Iterator

# The loggers MkDocs and its plugins write to; a command gives them a handler and a level while it runs.
LOGGERS = ("mkdocs",)


@contextlib.contextmanager
def restored() -> Iterator[None]:
    """Run a command; afterwards the environment, working folder, SIGTERM handler and MkDocs' logging are as before."""
    environ, cwd, on_term = dict(os.environ), os.getcwd(), signal.getsignal(signal.SIGTERM)
    loggers = [logging.getLogger(name) for name in LOGGERS]
    saved = [(log.handlers[:], log.filters[:], log.level, log.propagate, log.disabled) for log in loggers]
    try:
        yield
    finally:
        if dict(os.environ) != environ:
            os.environ.clear()
            os.environ.update(environ)
        os.chdir(cwd)
        signal.signal(signal.SIGTERM, on_term)
        for log, (handlers, filters, level, propagate, disabled) in zip(loggers, saved, strict=True):
            log.handlers[:], log.filters[:] = handlers, filters
            log.setLevel(level)
            log.propagate, log.disabled = propagate, disabled


def log_to_stderr(level: int) -> None:
    """Print what MkDocs and the plugin log as `LEVEL   -  message`, from `level` up (undone by `restored`)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    log.setLevel(level)
