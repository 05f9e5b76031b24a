"""Placeholder: subcommands land here."""

from __future__ import annotations


def register(subparsers) -> None:  # noqa: ANN001
    return None
