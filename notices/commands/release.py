"""`notices release`: release the current text of a company's notice as a new version."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ..model.dates import today_in
from ..model.versions import ChangeKind
from ..release.freeze import ArgumentRefused, release
from ..sources.layout import Layout
from ..sources.problems import SourceError
from . import load, refuse_unknown, report
from .build import as_of_option

HELP = "release the current text of a company's notice as a new version"
EPILOG = """\
examples:
  a material change, announced 30 days ahead:
    notices release impro-media --material --effective 2027-01-15 \\
        --summary ro="Am adăugat un nou destinatar: ..." --summary en="We added a new recipient: ..."
  a typo fixed in the original only, the translation still accurate:
    notices release impro-media --editorial --translation-current en \\
        --summary ro="Am corectat o greșeală de scriere." --summary en="We fixed a typo."

It freezes the text of every language under companies/<company>/versions/<id>/ and adds the
version to companies/<company>/versions.yml: commit both in your pull request.
Exit status: 0 when released, 1 when the sources have a problem (nothing is written), 2 for an
unknown company or an option to correct (nothing is written).
"""


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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The release's options."""
    parser.add_argument("company", help="company id, e.g. impro-media")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--material", dest="change", action="store_const", const=ChangeKind.MATERIAL,
                      help="purposes, recipients, transfers, controller identity or how rights are exercised changed")
    kind.add_argument("--editorial", dest="change", action="store_const", const=ChangeKind.EDITORIAL,
                      help="typos, style, clarity: nothing a reader's rights depend on")
    parser.add_argument("--summary", action="append", type=_summary, default=[], metavar="LANG=TEXT",
                        help="what changed, for readers; once per language")
    parser.add_argument("--effective", type=_date, help="date it takes effect (default: the publication date)")
    parser.add_argument("--published", type=_date, help="publication date (default: today in the company's time zone)")
    parser.add_argument("--id", dest="version_id", help="version id (default: v1, v2, ...)")
    parser.add_argument("--as-of", type=as_of_option, metavar="WHEN",
                        help="the release day, when it is not today (recreating a history): YYYY-MM-DD")
    parser.add_argument("--override-notice", metavar="WHY",
                        help="release a material change with less notice than the company's period, and why")
    parser.add_argument("--translation-behind", action="append", default=[], metavar="LANG",
                        help="the original changed and this translation is not updated yet: publish it marked "
                             "as behind, with the clauses it is behind on")
    parser.add_argument("--translation-current", action="append", default=[], metavar="LANG",
                        help="the original changed but this translation is still accurate (e.g. a typo fixed "
                             "in the original): record it as up to date")


def run(args: argparse.Namespace) -> int:
    """Release, and say what was written and what to commit."""
    layout = Layout(args.root)
    refused = refuse_unknown(layout, [args.company])
    if refused is not None:
        return refused
    try:
        site = load(layout, args.company)
        today = today_in(site.company.time_zone, args.as_of)
        published = args.published or today
        version = release(site, change=args.change, summaries=dict(args.summary), published=published,
                          effective=args.effective or published, version_id=args.version_id,
                          notice_override=args.override_notice,
                          translation_current=tuple(args.translation_current),
                          translation_behind=tuple(args.translation_behind), today=today)
    except ArgumentRefused as error:
        print(f"notices release: error: {error}", file=sys.stderr)
        return 2
    except SourceError as error:
        report(error)
        return 1
    print(f"released {args.company} {version.id} ({version.change}): published {version.published}, "
          f"effective {version.effective}")
    for lang, digest in version.sha256.items():
        print(f"  {lang}: sha256 {digest}")
    print(f"Commit companies/{args.company}/versions.yml and companies/{args.company}/versions/{version.id}/ "
          "in your pull request.")
    return 0
