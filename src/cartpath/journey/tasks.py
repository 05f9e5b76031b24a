"""Background jobs of the journey app."""

from __future__ import annotations

from django_tasks import task


@task()
def escalate_alerts() -> int:
    """Re-notify alerts nobody acknowledged in time (idempotent; run every minute or so)."""
    from cartpath.journey.services import escalate_due

    return escalate_due()
