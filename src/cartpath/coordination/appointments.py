"""Appointments of a case and their iCalendar invitations, sent by e-mail and downloadable.

The e-mailed invitation is neutral ("Appointment (cartpath)", place and time, a link): it
travels through mail servers; the downloaded file, behind sign-in, carries the full title.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse

from cartpath.audit.log import Action, record
from cartpath.cases.models import Case, CaseEvent
from cartpath.cases.services import log_event
from cartpath.coordination import ics, notify
from cartpath.coordination.models import Appointment, ProposedSlot, Referral
from cartpath.coordination.people import family_members, partner_staff, team_contacts

NEUTRAL_SUMMARY = "Appointment (cartpath)"


class AppointmentError(ValueError):
    pass


def participants(appointment: Appointment) -> list:
    people = list(family_members(appointment.case)) + list(team_contacts(appointment.case))
    referral = appointment.referral
    if referral is not None and Referral.objects.live().filter(pk=referral.pk).exists():
        people += list(partner_staff(referral.organisation))
    return people


def invitation(appointment: Appointment, *, neutral: bool, attendees: tuple[str, ...] = ()
               ) -> ics.Invitation:
    path = reverse("coordination:case_referrals", args=[appointment.case.public_id])
    return ics.Invitation(
        uid=appointment.uid, sequence=appointment.sequence,
        summary=NEUTRAL_SUMMARY if neutral else appointment.title,
        starts_at=appointment.starts_at, ends_at=appointment.ends_at,
        timezone=appointment.timezone, location=appointment.location,
        url=notify.site_link(path), organizer=_organizer_address(), attendees=attendees,
        cancelled=appointment.status == Appointment.Status.CANCELLED,
        stamp=appointment.updated_at)


def _organizer_address() -> str:
    from email.utils import parseaddr

    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@cartpath.local"


def ics_bytes(appointment: Appointment, *, neutral: bool = False) -> bytes:
    return ics.to_bytes(invitation(appointment, neutral=neutral))


def send_invitations(appointment: Appointment) -> int:
    people = participants(appointment)
    addresses = tuple(notify.addresses(people))
    content = ics.to_bytes(invitation(appointment, neutral=True, attendees=addresses))
    method = "CANCEL" if appointment.status == Appointment.Status.CANCELLED else "REQUEST"
    return notify.send("appointment", people,
                       reverse("coordination:case_referrals", args=[appointment.case.public_id]),
                       attachments=[("invite.ics", content,
                                     f"text/calendar; method={method}; charset=UTF-8")])


def _check(starts_at: dt.datetime, ends_at: dt.datetime, timezone: str) -> None:
    from cartpath.coordination.centre_csv import time_zones

    if ends_at <= starts_at:
        raise AppointmentError("The end must be after the start.")
    if timezone not in time_zones():
        raise AppointmentError(f"Unknown time zone {timezone!r}.")


def schedule(request: HttpRequest | None, case: Case, *, title: str, kind: str,
             starts_at: dt.datetime, ends_at: dt.datetime, timezone: str = "UTC",
             location: str = "", referral: Referral | None = None,
             slot: ProposedSlot | None = None) -> Appointment:
    _check(starts_at, ends_at, timezone)
    actor = getattr(request, "user", None)
    with transaction.atomic():
        appointment = Appointment.objects.create(
            case=case, referral=referral, kind=kind, title=title[:200], starts_at=starts_at,
            ends_at=ends_at, timezone=timezone, location=location[:200], created_by=actor)
        if slot is not None:
            slot.appointment = appointment
            slot.save(update_fields=["appointment"])
        log_event(case, CaseEvent.Kind.JOURNEY, f"Appointment booked: {appointment.title}",
                  actor, family_visible=True)
        record(request, Action.CREATE, appointment, case=case, summary="appointment booked")
    send_invitations(appointment)
    return appointment


def reschedule(request: HttpRequest | None, appointment: Appointment, *,
               starts_at: dt.datetime, ends_at: dt.datetime, location: str | None = None,
               timezone: str | None = None) -> Appointment:
    if appointment.status == Appointment.Status.CANCELLED:
        raise AppointmentError("A cancelled appointment cannot be moved; book a new one.")
    timezone = timezone or appointment.timezone
    _check(starts_at, ends_at, timezone)
    with transaction.atomic():
        appointment.starts_at, appointment.ends_at, appointment.timezone = (starts_at, ends_at,
                                                                            timezone)
        if location is not None:
            appointment.location = location[:200]
        appointment.sequence += 1
        appointment.save()
        log_event(appointment.case, CaseEvent.Kind.JOURNEY,
                  f"Appointment moved: {appointment.title}",
                  getattr(request, "user", None), family_visible=True)
        record(request, Action.UPDATE, appointment, case=appointment.case,
               summary=f"appointment moved (sequence {appointment.sequence})")
    send_invitations(appointment)
    return appointment


def cancel(request: HttpRequest | None, appointment: Appointment) -> Appointment:
    if appointment.status == Appointment.Status.CANCELLED:
        return appointment
    with transaction.atomic():
        appointment.status = Appointment.Status.CANCELLED
        appointment.sequence += 1
        appointment.save()
        log_event(appointment.case, CaseEvent.Kind.JOURNEY,
                  f"Appointment cancelled: {appointment.title}",
                  getattr(request, "user", None), family_visible=True)
        record(request, Action.UPDATE, appointment, case=appointment.case,
               summary="appointment cancelled")
    send_invitations(appointment)
    return appointment


def from_slot(request: HttpRequest, slot: ProposedSlot) -> Appointment:
    """Confirm a partner's proposed date as an appointment (one hour when no end given)."""
    if slot.appointment_id:
        raise AppointmentError("This proposal is already booked.")
    referral = slot.referral
    centre = getattr(referral.organisation, "centre", None)
    return schedule(
        request, referral.case, title=f"{slot.get_kind_display()} at {referral.organisation.name}",
        kind=slot.kind if slot.kind in Appointment.Kind.values else Appointment.Kind.OTHER,
        starts_at=slot.starts_at, ends_at=slot.ends_at or slot.starts_at + dt.timedelta(hours=1),
        timezone=(centre.timezone if centre and centre.timezone else "UTC"),
        location=slot.location or referral.organisation.name, referral=referral, slot=slot)
