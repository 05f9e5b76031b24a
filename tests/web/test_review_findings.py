"""Regression tests for the findings of the security and privacy review (one per finding)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def partner_clinician(world):  # noqa: ANN001, ANN201
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    from cartpath.accounts.models import Role, User
    from cartpath.demo.totp import ensure_totp

    user = User.objects.create_user("pc@example.org", world.password, role=Role.CLINICIAN,
                                    organisation=world.riverside)
    ensure_totp(user, generate_totp_secret())
    return user


def test_partners_never_read_the_case_timeline(world, login):  # noqa: ANN001
    from cartpath.cases.models import CaseEvent
    from cartpath.cases.services import log_event

    log_event(world.alice_case, CaseEvent.Kind.NOTE, "INTERNAL-NOTE", world.nina)
    url = f"/cases/{world.alice_case.public_id}/timeline/"
    assert login(partner_clinician(world)).get(url).status_code == 404
    assert login(world.rita).get(url).status_code == 404
    family = login(world.alice).get(url)
    assert family.status_code == 200 and b"INTERNAL-NOTE" not in family.content


def test_the_case_api_gives_partners_nothing_beyond_the_packet(world, login):  # noqa: ANN001
    client = login(world.rita)
    assert client.get("/api/cases/").json() == []
    assert client.get(f"/api/cases/{world.alice_case.public_id}").status_code == 404


def test_partners_cannot_open_the_familys_trial_shortlist(world, login):  # noqa: ANN001
    url = f"/trials/case/{world.alice_case.public_id}/for-family/"
    assert login(world.rita).get(url).status_code == 404
    assert login(world.alice).get(url).status_code == 200


def test_revoking_a_caregiver_also_revokes_the_calendar_link(world, login):  # noqa: ANN001
    from cartpath.accounts.models import CaregiverInvitation
    from cartpath.journey import services
    from cartpath.journey.models import Journey
    from cartpath.portal.services import revoke_caregiver

    journey = Journey.objects.create(case=world.alice_case, product_code="axi-cel")
    token = services.rotate_calendar_token(None, journey)
    client = login(world.carol)
    assert client.get(f"/journey/calendar/{token}.ics").status_code == 200
    revoke_caregiver(None, CaregiverInvitation.objects.get(caregiver=world.carol))
    assert client.get(f"/journey/calendar/{token}.ics").status_code == 404


def test_only_the_family_marks_a_requested_document_as_sent(world, login):  # noqa: ANN001
    from cartpath.portal.models import DocumentRequest

    request = DocumentRequest.objects.create(case=world.alice_case, title="Pathology",
                                             created_by=world.nina)
    url = f"/portal/cases/{world.alice_case.public_id}/requests/{request.public_id}/sent/"
    assert login(world.rita).post(url).status_code == 404
    request.refresh_from_db()
    assert request.fulfilled_at is None


def test_an_unknown_time_zone_is_a_form_error_not_a_500(world, login):  # noqa: ANN001
    from cartpath.coordination.models import Appointment

    client = login(world.nina)
    fields = {"title": "Consultation", "kind": list(Appointment.Kind)[0],
              "starts_at": "2027-01-01T10:00", "ends_at": "2027-01-01T11:00", "location": ""}
    client.post(f"/coordination/cases/{world.alice_case.public_id}/appointments/",
                {**fields, "timezone": "UTC"})
    appointment = Appointment.objects.get()
    response = client.post(f"/coordination/appointments/{appointment.public_id}/",
                           {**fields, "timezone": "Not/AZone"})
    assert response.status_code < 500


def test_the_audit_export_neutralises_spreadsheet_formulas(world, login):  # noqa: ANN001
    login(world.alice).get("/cases/=1+2/", HTTP_USER_AGENT='=HYPERLINK("https://x.example")')
    response = login(world.adam).get("/audit/export.csv")
    body = b"".join(response.streaming_content).decode()
    assert ",=1+2," not in body and ",'=1+2," in body
    assert ',"=HYPERLINK' not in body
