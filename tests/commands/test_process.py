"""A command leaves its process as it found it: environment, working folder, SIGTERM handler, MkDocs' logging."""

from __future__ import annotations

import logging
import os
import signal

from notices.commands.process import log_to_stderr, restored


def test_what_a_command_changes_is_put_back_even_when_it_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("KEPT", "as it was")
    log = logging.getLogger("mkdocs")
    before = (dict(os.environ), os.getcwd(), signal.getsignal(signal.SIGTERM), list(log.handlers), log.level,
              log.propagate)
    try:
        with restored():
            os.environ["SOURCE_DATE_EPOCH"] = "1"
            os.environ["KEPT"] = "changed"
            os.chdir(tmp_path)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            log_to_stderr(logging.DEBUG)
            log.propagate = False
            assert len(log.handlers) == len(before[3]) + 1 and log.level == logging.DEBUG
            raise RuntimeError("the command failed")
    except RuntimeError:
        pass
    assert (dict(os.environ), os.getcwd(), signal.getsignal(signal.SIGTERM), list(log.handlers), log.level,
            log.propagate) == before
