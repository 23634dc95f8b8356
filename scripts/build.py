"""`notices build` under its former name: `python scripts/build.py ...` runs `notices build ...`."""

import sys

from _project import ROOT, main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]], default_root=ROOT))
