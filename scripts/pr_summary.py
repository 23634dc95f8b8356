"""`notices summary` under its former name: `python scripts/pr_summary.py ...` runs `notices summary ...`."""

import sys

from _project import ROOT, main

if __name__ == "__main__":
    sys.exit(main(["summary", *sys.argv[1:]], default_root=ROOT))
