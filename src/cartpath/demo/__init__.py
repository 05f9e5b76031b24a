"""Fictional demo data: people, cases and (as the capabilities land) their records.

Every name, hospital and figure here is invented. Steps run in order; each is idempotent.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from django.db import transaction

DEMO_PASSWORD = "cartpath-demo-2026"
DEMO_DOMAIN = "demo.cartpath.example"

# Modules with a ``load(world)`` function, run in this order after the people and cases.
STEPS = (
    "cartpath.demo.people",
)
OPTIONAL_STEPS = (
    "cartpath.demo.records",
    "cartpath.demo.prescreens",
    "cartpath.demo.centres",
    "cartpath.demo.trials",
    "cartpath.demo.journeys",
)


@dataclass
class Logins:
    password: str = DEMO_PASSWORD
    accounts: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class World:
    """What the steps build and share: people and cases by short key."""

    users: dict = field(default_factory=dict)
    cases: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    team: object = None
    logins: Logins = field(default_factory=Logins)


def load(reset: bool = False) -> Logins:
    world = World()
    with transaction.atomic():
        if reset:
            from cartpath.demo.people import remove

            remove()
        for name in STEPS:
            importlib.import_module(name).load(world)
    for name in OPTIONAL_STEPS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        with transaction.atomic():
            module.load(world)
    return world.logins
