"""The ``cartpath`` command.

Each group of subcommands lives in its own module with a ``register(subparsers)`` function, so
that the batch contracts (pure, fast, no Django start-up) and the platform commands (which need
Django) stay apart.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Modules that contribute subcommands, in the order they appear in --help.
COMMAND_MODULES = (
    "cartpath.cli.platform",
    "cartpath.cli.clinical",
    "cartpath.cli.extract",
    "cartpath.cli.trials",
    "cartpath.cli.coordination",
    "cartpath.journey.cli",
    "cartpath.cli.vault",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cartpath",
        description="cartpath: navigation to CAR-T cell therapy (decision support only).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return int(args.handler(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
