"""`notices release` under its former name: `python scripts/release.py ...` runs `notices release ...`."""

import sys

from _project import ROOT, main

if __name__ == "__main__":
    sys.exit(main(["release", *sys.argv[1:]], default_root=ROOT))
