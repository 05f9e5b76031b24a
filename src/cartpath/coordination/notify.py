"""E-mail notifications: a fixed sentence and a link, never medical detail.

Subjects and bodies name no patient, no disease, no product and no hospital: mail crosses
servers we do not control, and the link leads to a page behind sign-in and two factors.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage

log = logging.getLogger(__name__)

SUBJECTS = {
    "message": "You have a new message on cartpath",
    "referral": "You have a new referral on cartpath",
    "reply": "A referral was answered on cartpath",
    "reminder": "A referral is waiting for your answer on cartpath",
    "appointment": "You have an appointment update on cartpath",
    "translation": "A translation is ready on cartpath",
}


def site_link(path: str) -> str:
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{path}"


def body_for(kind: str, path: str) -> str:
    return (f"Hello,\n\n{SUBJECTS[kind]}.\n\nSign in to see it:\n{site_link(path)}\n\n"
            "This e-mail holds no details on purpose. If you did not expect it, you can "
            "ignore it.\n\n-- cartpath\n")


def addresses(users: Iterable) -> list[str]:
    seen: list[str] = []
    for user in users:
        email = getattr(user, "email", "") if not isinstance(user, str) else user
        if email and getattr(user, "is_active", True) and email not in seen:
            seen.append(email)
    return seen


def send(kind: str, users: Iterable, path: str, *,
         attachments: list[tuple[str, bytes, str]] | None = None) -> int:
    """One e-mail per recipient (no one sees who else was told); returns how many went out.
    A mail server failure is logged, never raised: the change itself is already saved."""
    sent = 0
    for address in addresses(users):
        message = EmailMessage(SUBJECTS[kind], body_for(kind, path), to=[address])
        for filename, content, mimetype in attachments or []:
            message.attach(filename, content, mimetype)
        try:
            sent += message.send(fail_silently=False)
        except Exception:  # noqa: BLE001
            log.exception("notification %s could not be sent", kind)
    return sent
