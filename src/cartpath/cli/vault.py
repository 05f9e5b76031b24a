"""``cartpath keys ...`` and ``cartpath vault ...``: master-key rotation and job recovery.

Also makes every ``cartpath worker`` recover orphaned document jobs when it starts and keep a
watchdog running beside it (a killed worker leaves its task RUNNING forever otherwise).
"""

from __future__ import annotations

import argparse
import sys

from cartpath.cli.platform import setup_django


def cmd_keys_status(args: argparse.Namespace) -> int:
    setup_django()
    from cartpath.vault.keys import key_usage

    ring, usage = key_usage()
    for key_id in ring.keys:
        marker = "current" if key_id == ring.current_id else "old"
        print(f"{key_id:<24} {marker:<8} {usage.get(key_id, 0)} document(s)")
    unknown = {k: n for k, n in usage.items() if k not in ring.keys}
    for key_id, count in unknown.items():
        print(f"{key_id:<24} MISSING  {count} document(s) cannot be read")
    print(f"source: {ring.source or 'CARTPATH_MASTER_KEY'}")
    return 1 if unknown else 0


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    setup_django()
    from cartpath.vault.keys import rotate

    report = rotate(new_key=not args.no_new_key, retire=args.retire)
    print(f"current master key: {report.current_id}")
    print(f"re-wrapped {report.rewrapped} data key(s); {report.already_current} already current")
    if report.retired:
        print("retired: " + ", ".join(report.retired))
    for problem in report.failures:
        print("FAILED: " + problem)
    return 1 if report.failures else 0


def cmd_recover(args: argparse.Namespace) -> int:
    setup_django()
    from cartpath.vault.jobs import recover

    recovered = recover()
    print(f"re-enqueued {len(recovered)} document(s)" + (": " + ", ".join(recovered)
                                                         if recovered else ""))
    return 0


def cmd_process(args: argparse.Namespace) -> int:
    """Read queued documents in this process (no worker needed), e.g. after a restore."""
    setup_django()
    from cartpath.vault.models import Document
    from cartpath.vault.processing import process

    ids = list(Document.objects.filter(status__in=[Document.Status.QUEUED,
                                                   Document.Status.PROCESSING])
               .values_list("pk", flat=True))
    for pk in ids:
        print(pk, process(pk))
    return 0


def _with_recovery(handler):  # noqa: ANN001, ANN202
    def run(args: argparse.Namespace) -> int:
        setup_django()
        from cartpath.vault.jobs import recover, start_watchdog

        try:
            recover()
        except Exception as exc:  # e.g. not migrated yet: the worker itself will say so
            print(f"vault recovery skipped: {exc}", file=sys.stderr)
        start_watchdog()
        return handler(args)

    return run


def register(subparsers) -> None:  # noqa: ANN001
    keys = subparsers.add_parser("keys", help="master keys of the record vault")
    sub = keys.add_subparsers(dest="keys_command", metavar="ACTION")
    p = sub.add_parser("status", help="master keys and how many documents each wraps")
    p.set_defaults(handler=cmd_keys_status)
    p = sub.add_parser("rotate", help="re-wrap every document's data key under the current "
                       "master key (files are not re-encrypted)")
    p.add_argument("--no-new-key", action="store_true",
                   help="do not generate a key; re-wrap under the first configured key")
    p.add_argument("--retire", action="store_true",
                   help="afterwards drop old keys from the key file when nothing uses them")
    p.set_defaults(handler=cmd_keys_rotate)

    vault = subparsers.add_parser("vault", help="record vault maintenance")
    sub = vault.add_subparsers(dest="vault_command", metavar="ACTION")
    p = sub.add_parser("recover", help="re-enqueue documents whose worker died mid-job")
    p.set_defaults(handler=cmd_recover)
    p = sub.add_parser("process", help="read queued documents in this process")
    p.set_defaults(handler=cmd_process)

    # Every worker first recovers orphaned document jobs and then keeps watching for them.
    worker = subparsers.choices.get("worker")
    if worker is not None:
        worker.set_defaults(handler=_with_recovery(worker.get_default("handler")))
