"""Background jobs (django_tasks): the daily referral reminders."""

from __future__ import annotations

from django_tasks import task


@task()
def send_referral_reminders() -> int:
    """Idempotent per day, so a scheduler may call it hourly without spamming partners."""
    from cartpath.coordination.referrals import send_reminders

    return len(send_reminders())
