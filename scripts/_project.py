"""What the scripts share: this project's folder on the import path, and the `notices` command."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from notices.cli import main  # noqa: E402,F401
from notices.commands import load, report  # noqa: E402,F401
from notices.sources.layout import Layout  # noqa: E402,F401
from notices.sources.problems import SourceError  # noqa: E402,F401
