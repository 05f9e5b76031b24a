"""Appointments as iCalendar invitations: stable UID, growing SEQUENCE, REQUEST and CANCEL."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from icalendar import Calendar

from cartpath.coordination import appointments, ics
from cartpath.coordination.models import Appointment

START = dt.datetime(2030, 5, 6, 7, 30, tzinfo=dt.timezone.utc)


def invites(smtp) -> list[Calendar]:  # noqa: ANN001
    found = []
    for message in smtp.messages:
        for part in message.walk():
            if part.get_content_type() == "text/calendar":
                found.append(Calendar.from_ical(part.get_payload(decode=True)))
    return found


def book(world) -> Appointment:  # noqa: ANN001
    return appointments.schedule(None, world.alice_case, title="Apheresis at Riverside",
                                 kind="apheresis", starts_at=START,
                                 ends_at=START + dt.timedelta(hours=4),
                                 timezone="Europe/Berlin", location="Unit 2",
                                 referral=world.referral)


def test_an_invitation_is_a_request_in_the_sites_time_zone(world, smtp):  # noqa: ANN001
    appointment = book(world)
    sent = invites(smtp)
    assert sorted(m["To"] for m in smtp.messages) == ["alice@example.org", "carol@example.org",
                                                      "nina@example.org", "rita@example.org"]
    cal = sent[0]
    assert cal["METHOD"] == "REQUEST"
    event = cal.walk("VEVENT")[0]
    assert str(event["UID"]) == appointment.uid
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].dt == START
    assert str(event["DTSTART"].dt.tzinfo) == "Europe/Berlin"
    assert cal.walk("VTIMEZONE")
    # The e-mailed invitation is neutral; the title stays behind sign-in.
    assert str(event["SUMMARY"]) == "Appointment (cartpath)"
    for message in smtp.messages:
        assert "Apheresis" not in message.as_string()


def test_an_update_keeps_the_uid_and_raises_the_sequence(world, smtp):  # noqa: ANN001
    appointment = book(world)
    appointments.reschedule(None, appointment, starts_at=START + dt.timedelta(days=1),
                            ends_at=START + dt.timedelta(days=1, hours=4))
    appointments.cancel(None, appointment)
    events = [(c["METHOD"], c.walk("VEVENT")[0]) for c in invites(smtp)]
    uids = {str(e["UID"]) for _, e in events}
    assert uids == {appointment.uid}
    by_sequence = {e["SEQUENCE"]: (method, str(e["STATUS"])) for method, e in events}
    assert by_sequence == {0: ("REQUEST", "CONFIRMED"), 1: ("REQUEST", "CONFIRMED"),
                           2: ("CANCEL", "CANCELLED")}


def test_the_calendar_file_is_downloadable_by_the_family_and_the_team(world, smtp, login):  # noqa: ANN001
    appointment = book(world)
    url = reverse("coordination:appointment_ics", args=[appointment.public_id])
    for user in (world.alice, world.nina, world.rita):
        response = login(user).get(url)
        assert response.status_code == 200
        event = Calendar.from_ical(response.content).walk("VEVENT")[0]
        assert str(event["SUMMARY"]) == "Apheresis at Riverside"
    assert login(world.leo).get(url).status_code == 404
    assert login(world.bob).get(url).status_code == 404


def test_the_navigator_books_and_cancels_through_the_referrals_tab(world, login, smtp):  # noqa: ANN001
    client = login(world.nina)
    client.post(reverse("coordination:add_appointment", args=[world.alice_case.public_id]), {
        "title": "Consultation", "kind": "consultation", "starts_at": "2030-01-10T10:00",
        "ends_at": "2030-01-10T11:00", "timezone": "Asia/Shanghai", "location": "Clinic B"})
    appointment = Appointment.objects.get()
    assert appointment.starts_at == dt.datetime(2030, 1, 10, 2, 0, tzinfo=dt.timezone.utc)
    client.post(reverse("coordination:change_appointment", args=[appointment.public_id]),
                {"action": "cancel"})
    appointment.refresh_from_db()
    assert appointment.status == "cancelled" and appointment.sequence == 1


def test_an_appointment_must_end_after_it_starts(world):  # noqa: ANN001
    import pytest

    with pytest.raises(appointments.AppointmentError):
        appointments.schedule(None, world.alice_case, title="x", kind="other",
                              starts_at=START, ends_at=START, timezone="UTC")


def test_the_ics_builder_writes_a_reminder_alarm():
    cal = ics.calendar(ics.Invitation(uid="u@x", sequence=3, summary="S", starts_at=START,
                                      ends_at=START + dt.timedelta(hours=1)))
    event = cal.walk("VEVENT")[0]
    assert event["SEQUENCE"] == 3 and event.walk("VALARM")
