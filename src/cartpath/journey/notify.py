"""How alerts reach people. Each channel implements ``Notifier``; a text-message gateway is one
more class with the same method (see ``SMSNotifier``).

Messages carry a link and no medical detail: no name, no symptom, no reading. The details are
behind the sign-in, in the team's alert list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils.module_loading import import_string

from cartpath.accounts.models import User
from cartpath.journey.models import Alert

DEFAULT_NOTIFIERS = ("cartpath.journey.notify.WorkspaceNotifier",
                     "cartpath.journey.notify.EmailNotifier")


@runtime_checkable
class Notifier(Protocol):
    def notify(self, alert: Alert, recipients: Iterable[User], *, level: int) -> None:
        """Tell ``recipients`` that ``alert`` needs attention; ``level`` 0 is the first call,
        1 and up are re-escalations because nobody acknowledged it in time."""


def alert_link(alert: Alert) -> str:
    return settings.SITE_URL + reverse("journey:alert", args=[alert.public_id])


class EmailNotifier:
    """E-mail through Django's mail settings (SMTP in production and in the tests)."""

    def notify(self, alert: Alert, recipients: Iterable[User], *, level: int) -> None:
        subject = ("cartpath: an alert needs your attention" if level == 0
                   else f"cartpath: REMINDER {level} - an alert is still not acknowledged")
        body = ("A patient alert in cartpath needs a clinician or navigator to look at it now.\n\n"
                f"Open it (sign-in required): {alert_link(alert)}\n\n"
                "This message intentionally contains no medical details.\n")
        messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
                    for user in recipients if user.email]
        if messages:
            send_mass_mail(messages, fail_silently=False)


class WorkspaceNotifier:
    """The team's alert list is the workspace; this writes the (internal) case timeline line."""

    def notify(self, alert: Alert, recipients: Iterable[User], *, level: int) -> None:
        from cartpath.cases.models import CaseEvent
        from cartpath.cases.services import log_event

        text = (f"Alert raised: {alert.get_kind_display()}" if level == 0
                else f"Alert re-escalated (level {level}): not yet acknowledged")
        log_event(alert.case, CaseEvent.Kind.ALERT, text)


class SMSNotifier:
    """Interface for a text-message gateway (not wired to any provider here).

    A deployment subclasses it and implements ``send(phone, text)`` with its gateway's client;
    ``notify`` then texts the same link-only message to each recipient with a phone number
    (``phone_of`` decides where that number lives). Add the subclass's dotted path to the
    ``CARTPATH_NOTIFIERS`` setting.
    """

    def phone_of(self, user: User) -> str:
        return getattr(user, "phone", "") or ""

    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError("connect a text-message gateway by implementing send()")

    def notify(self, alert: Alert, recipients: Iterable[User], *, level: int) -> None:
        text = f"cartpath alert needs attention: {alert_link(alert)}"
        for user in recipients:
            phone = self.phone_of(user)
            if phone:
                self.send(phone, text)


def notifiers() -> list[Notifier]:
    paths = getattr(settings, "CARTPATH_NOTIFIERS", DEFAULT_NOTIFIERS)
    return [import_string(path)() for path in paths]
