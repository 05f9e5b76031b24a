"""Coordination commands: the centre directory as CSV, and referral reminders."""

from __future__ import annotations

import argparse
import sys

from cartpath.cli.platform import setup_django


def cmd_centres_import(args: argparse.Namespace) -> int:
    setup_django()
    from cartpath.coordination.directory import import_centres

    with open(args.file, encoding="utf-8-sig", newline="") as handle:
        result = import_centres(handle, dry_run=args.dry_run)
    for error in result.errors:
        print(f"{args.file}: {error}", file=sys.stderr)
    verb = "would import" if args.dry_run else "imported"
    print(f"{verb}: {len(result.parsed.rows)} valid row(s); {result.created} new, "
          f"{result.updated} updated; {len(result.errors)} error(s)")
    return 1 if result.errors else 0


def cmd_centres_export(args: argparse.Namespace) -> int:
    setup_django()
    from cartpath.coordination.directory import export_centres

    if args.file == "-":
        count = export_centres(sys.stdout)
    else:
        with open(args.file, "w", encoding="utf-8", newline="") as handle:
            count = export_centres(handle)
    print(f"exported {count} centre(s)", file=sys.stderr)
    return 0


def cmd_referrals_remind(args: argparse.Namespace) -> int:  # noqa: ARG001
    setup_django()
    from cartpath.coordination.referrals import reminder_days, send_reminders

    reminded = send_reminders()
    print(f"{len(reminded)} reminder(s) sent (referrals unanswered for {reminder_days()} "
          "day(s); at most one per referral and day)")
    return 0


def register(subparsers) -> None:  # noqa: ANN001
    centres = subparsers.add_parser("centres", help="treatment-centre directory (CSV)")
    sub = centres.add_subparsers(dest="centres_command", metavar="ACTION")
    p = sub.add_parser("import", help="create or update centres from a CSV file")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="validate only")
    p.set_defaults(handler=cmd_centres_import)
    p = sub.add_parser("export", help="write every centre to a CSV file ('-' for stdout)")
    p.add_argument("file")
    p.set_defaults(handler=cmd_centres_export)

    referrals = subparsers.add_parser("referrals", help="referral housekeeping")
    sub = referrals.add_subparsers(dest="referrals_command", metavar="ACTION")
    p = sub.add_parser("remind", help="remind partners of unanswered referrals (idempotent "
                                      "per day)")
    p.set_defaults(handler=cmd_referrals_remind)
