"""``cartpath alerts escalate``: re-notify unacknowledged alerts (for cron or a timer)."""

from __future__ import annotations

import argparse


def cmd_escalate(args: argparse.Namespace) -> int:
    from cartpath.cli.platform import setup_django

    setup_django()
    from cartpath.journey.services import escalate_due

    if args.enqueue:
        from cartpath.journey.tasks import escalate_alerts

        escalate_alerts.enqueue()
        print("Escalation task enqueued.")
        return 0
    print(f"{escalate_due()} alert(s) re-escalated.")
    return 0


def register(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser("alerts", help="post-infusion alerts")
    sub = p.add_subparsers(dest="alerts_command", metavar="ACTION")
    e = sub.add_parser("escalate", help="re-notify alerts not acknowledged within "
                                        "CARTPATH_ALERT_ESCALATE_MINUTES (default 15)")
    e.add_argument("--enqueue", action="store_true", help="hand it to the task worker instead")
    e.set_defaults(handler=cmd_escalate)
