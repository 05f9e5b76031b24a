"""Run the pre-screen once on every demo case, so the pre-screen tab has something to show."""

from __future__ import annotations

from cartpath.screening.services import run_prescreen


def load(world) -> None:  # noqa: ANN001
    for case in world.cases.values():
        if not case.prescreens.exists():
            run_prescreen(None, case)
