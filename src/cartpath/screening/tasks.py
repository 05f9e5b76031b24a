"""Background pre-screen: run when a case's confirmed facts change, off the request."""

from __future__ import annotations

from django_tasks import task

from cartpath.cases.models import Case
from cartpath.screening.services import run_prescreen


@task()
def prescreen_case(case_public_id: str) -> str | None:
    """Idempotent: each run records a new PrescreenRun from the facts as they are now."""
    case = Case.objects.filter(public_id=case_public_id).first()
    if case is None:
        return None
    return run_prescreen(None, case).public_id
