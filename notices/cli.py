"""The `notices` command: build, check, release, preview and summarise the privacy notices."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .commands import NoProject, build, check, find_root, release, serve, summary
from .commands.process import restored

COMMANDS = {"check": check, "serve": serve, "build": build, "release": release, "summary": summary}

EPILOG = """\
The everyday loop of an editor:
  notices serve impro-media        preview one company while you edit (reloads as you save)
  notices check                    check every company before you open a pull request
  notices release impro-media --editorial --summary ro="..." --summary en="..."
  notices summary                  what readers will see change, against the base branch
  notices build                    build every site into site/<company>/

The project folder is the one holding companies/ and mkdocs.yml, found from the current folder
upwards; --root <folder> names another. `notices <command> --help` explains each command.
"""


def parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per task, each with its own --help and example."""
    top = argparse.ArgumentParser(prog="notices", description=__doc__.splitlines()[0], epilog=EPILOG,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = top.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, module in COMMANDS.items():
        sub = commands.add_parser(name, help=module.HELP, description=module.HELP, epilog=module.EPILOG,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(sub)
        sub.add_argument("--root", type=Path, default=None, metavar="FOLDER",
                         help="the project folder (default: the one holding the current folder)")
        sub.set_defaults(run=module.run)
    return top


def main(argv: list[str] | None = None, default_root: Path | None = None) -> int:
    """Run one subcommand; its exit status is returned."""
    top = parser()
    args = top.parse_args(argv)
    if args.command is None:
        top.print_help()
        return 2
    try:
        args.root = Path(args.root).resolve() if args.root else (default_root or find_root(Path.cwd()))
    except NoProject as error:
        print(f"notices {args.command}: {error}", file=sys.stderr)
        return 2
    with restored():
        return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
