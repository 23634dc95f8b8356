"""`notices serve`: a live preview of one company's site while its sources are edited."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from ..model.dates import AS_OF_FORMAT
from ..sources.layout import Layout
from . import refuse_unknown
from .build import as_of_option
from .process import log_to_stderr

HELP = "preview one company's site while you edit; the page reloads as you save"
EPILOG = """\
examples:
  notices serve impro-media                         open http://127.0.0.1:8000/
  notices serve impro-celojumi --dev-addr 127.0.0.1:8001
  notices serve impro-media --as-of 2027-01-15      the site as it will be on that day

The preview shows the draft (the text being edited), not the released version. It follows the
notice, company.yml, versions.yml, gdpr.yml and the shared snippets and labels.yml: save any of
them and the open page reloads within seconds. A problem is shown in the terminal and at the top
of the page, and the preview keeps running; stop it with Ctrl+C.
Exit status: 0 when stopped, 1 when the site cannot be built at all, 2 for an unknown company.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The preview's options."""
    parser.add_argument("company", help="company id, e.g. impro-media")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                        help="where to serve the preview (default: 127.0.0.1:8000)")
    parser.add_argument("--open", action="store_true", help="open the preview in the browser")
    parser.add_argument("--as-of", type=as_of_option, metavar="WHEN",
                        help=f"decide what is in force on another day: {AS_OF_FORMAT}; without it, today's date "
                             f"in the company's time zone")


def run(args: argparse.Namespace) -> int:
    """Run MkDocs' development server on the company's configuration until stopped."""
    layout = Layout(args.root)
    refused = refuse_unknown(layout, [args.company])
    if refused is not None:
        return refused
    # Only here: the rest of the command works without MkDocs loaded.
    from mkdocs.commands.serve import serve

    from ..plugin.config import with_options

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    log_to_stderr(logging.INFO)
    config_file = layout.config_file(args.company)
    try:
        serve(str(config_file), dev_addr=args.dev_addr, open_in_browser=args.open,
              **with_options(config_file, preview=True, as_of=args.as_of))
    except Exception as error:  # noqa: BLE001 - MkDocs has logged what stopped it; no traceback for editors
        print(f"the preview of {args.company} stopped: {error}", file=sys.stderr)
        return 1
    return 0
