"""Platform commands: serve, migrate, demo, createadmin, worker, and Django's manage."""

from __future__ import annotations

import argparse
import getpass
import os
import signal
import subprocess
import sys


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cartpath.web.settings")
    import django

    django.setup()


def manage(*argv: str, **options) -> None:  # noqa: ANN003
    setup_django()
    from django.core.management import call_command

    call_command(*argv, **options)


def cmd_migrate(args: argparse.Namespace) -> int:
    manage("migrate", "--noinput", verbosity=1 if args.verbose else 0)
    print("Database is up to date.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    manage("migrate", "--noinput", verbosity=0)
    from cartpath.demo import load

    logins = load(reset=args.reset)
    print("Demo data loaded. Every account's password: " + logins.password)
    print("Staff accounts use two-factor sign-in; get the current code with "
          "`cartpath demo-code EMAIL`.")
    for role, email, note in logins.accounts:
        print(f"  {role:<10} {email:<42} {note}")
    return 0


def cmd_demo_code(args: argparse.Namespace) -> int:
    setup_django()
    from cartpath.demo.totp import current_code

    code = current_code(args.email)
    if code is None:
        print(f"No two-factor device for {args.email}.", file=sys.stderr)
        return 1
    print(code)
    return 0


def cmd_createadmin(args: argparse.Namespace) -> int:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    password = os.environ.get("CARTPATH_ADMIN_PASSWORD") or getpass.getpass("Password: ")
    User = get_user_model()
    try:
        validate_password(password)
    except ValidationError as exc:
        print("Password refused: " + " ".join(exc.messages), file=sys.stderr)
        return 1
    if User.objects.filter(email__iexact=args.email).exists():
        print(f"{args.email} already exists.", file=sys.stderr)
        return 1
    User.objects.create_superuser(email=args.email, password=password)
    _verify_email(args.email)
    print(f"Administrator {args.email} created. Set up two-factor sign-in at first login.")
    return 0


def _verify_email(email: str) -> None:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email__iexact=email)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True})


def cmd_worker(args: argparse.Namespace) -> int:
    """The task worker of the configured backend: the database queue or RQ on Redis."""
    if os.environ.get("TASKS_BACKEND", "").endswith("RQBackend"):
        setup_django()
        from django.conf import settings

        queues = (settings.TASKS["default"]["QUEUES"] if args.queues == "*"
                  else args.queues.split(","))
        burst = ["--burst"] if args.burst else []
        manage("rqworker", *burst, "--job-class", "django_tasks_rq.Job", *queues)
        return 0
    burst = ["--batch"] if args.burst else []
    manage("db_worker", "--queue-name", args.queues, "--interval", str(args.interval), *burst)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    manage("migrate", "--noinput", verbosity=0)
    env = dict(os.environ)
    children: list[subprocess.Popen] = []
    if not args.no_worker:
        # One task worker beside the web server; more can be started with `cartpath worker`.
        children.append(subprocess.Popen(
            [sys.executable, "-m", "cartpath.cli", "worker"], env=env))
    server = [sys.executable, "-m", "gunicorn", "cartpath.web.wsgi:application",
              "--bind", f"{args.host}:{args.port}", "--workers", str(args.workers),
              "--timeout", "120", "--access-logfile", "-"]
    print(f"cartpath is serving on http://{args.host}:{args.port}/ (Ctrl-C to stop)")
    web = subprocess.Popen(server, env=env)
    children.append(web)
    try:
        return web.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()


def cmd_manage(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cartpath manage", *args.args])
    return 0


def register(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser("serve", help="migrate, then serve the web app and a task worker")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default=8000, type=int)
    p.add_argument("--workers", default=2, type=int, help="web worker processes")
    p.add_argument("--no-worker", action="store_true", help="do not start the task worker")
    p.set_defaults(handler=cmd_serve)

    p = subparsers.add_parser("migrate", help="create or update the database")
    p.add_argument("--verbose", action="store_true")
    p.set_defaults(handler=cmd_migrate)

    p = subparsers.add_parser("demo", help="load fictional demo data and print the logins")
    p.add_argument("--reset", action="store_true", help="remove earlier demo data first")
    p.set_defaults(handler=cmd_demo)

    p = subparsers.add_parser("demo-code", help="current two-factor code of a demo account")
    p.add_argument("email")
    p.set_defaults(handler=cmd_demo_code)

    p = subparsers.add_parser("createadmin", help="create an administrator account "
                              "(password from CARTPATH_ADMIN_PASSWORD or a prompt)")
    p.add_argument("--email", required=True)
    p.set_defaults(handler=cmd_createadmin)

    p = subparsers.add_parser("worker", help="run the database-backed task worker")
    p.add_argument("--queues", default="*")
    p.add_argument("--interval", default=1.0, type=float)
    p.add_argument("--burst", action="store_true", help="run what is queued, then exit")
    p.set_defaults(handler=cmd_worker)

    p = subparsers.add_parser("manage", help="run a Django management command")
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(handler=cmd_manage)
