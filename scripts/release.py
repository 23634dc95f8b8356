"""Release the current text of a company's notice as a new version.

Example (a material change, announced 30 days ahead):
    python scripts/release.py impro-media --material --effective 2027-01-15 \\
        --summary ro="Am adăugat un nou destinatar: ..." --summary en="We added a new recipient: ..."
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from _project import ROOT, Layout, SourceError, load, report

from notices.dates import today_in
from notices.release import release


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date written YYYY-MM-DD") from None


def _summary(value: str) -> tuple[str, str]:
    lang, sep, text = value.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"write the summary as LANG=TEXT, e.g. en=\"Fixed a typo\", not {value!r}")
    return lang.strip(), text


def main(argv: list[str] | None = None) -> int:
    """Parse the editor's answers, release, and say what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=__doc__.split("\n", 2)[2],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("company", help="company id, e.g. impro-media")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--material", dest="change", action="store_const", const="material",
                      help="purposes, recipients, transfers, controller identity or how rights are exercised changed")
    kind.add_argument("--editorial", dest="change", action="store_const", const="editorial",
                      help="typos, style, clarity: nothing a reader's rights depend on")
    parser.add_argument("--summary", action="append", type=_summary, default=[], metavar="LANG=TEXT",
                        help="what changed, for readers; once per language")
    parser.add_argument("--effective", type=_date, help="date it takes effect (default: the publication date)")
    parser.add_argument("--published", type=_date, help="publication date (default: today in the company's time zone)")
    parser.add_argument("--id", dest="version_id", help="version id (default: v1, v2, ...)")
    parser.add_argument("--override-notice", metavar="WHY",
                        help="release a material change with less notice than the company's period, and why")
    parser.add_argument("--translation-current", action="append", default=[], metavar="LANG",
                        help="the original changed but this translation is still accurate (e.g. a typo fixed "
                             "in the original): record it as up to date")
    parser.add_argument("--root", type=__import__("pathlib").Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    layout = Layout(args.root.resolve())
    if args.company not in layout.company_ids():
        print(f"unknown company '{args.company}' (known: {', '.join(layout.company_ids())})", file=sys.stderr)
        return 2
    try:
        site = load(layout, args.company)
        published = args.published or today_in(site.company.time_zone)
        version = release(site, change=args.change, summaries=dict(args.summary), published=published,
                          effective=args.effective or published, version_id=args.version_id,
                          notice_override=args.override_notice,
                          translation_current=tuple(args.translation_current))
    except SourceError as error:
        report(error)
        return 1
    print(f"released {args.company} {version.id} ({version.change}): published {version.published}, "
          f"effective {version.effective}")
    for lang, digest in version.sha256.items():
        print(f"  {lang}: sha256 {digest}")
    print("Commit companies/{0}/versions.yml and companies/{0}/versions/{1}/ in your pull request.".format(
        args.company, version.id))
    return 0


if __name__ == "__main__":
    sys.exit(main())
