"""`notices check` under its former name: `python scripts/check.py ...` runs `notices check ...`."""

import sys

from _project import ROOT, main

if __name__ == "__main__":
    sys.exit(main(["check", *sys.argv[1:]], default_root=ROOT))
