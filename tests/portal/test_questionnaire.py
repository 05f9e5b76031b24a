"""'Is CAR-T an option for me?': answers in, account + inquiry case + preliminary result out."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from cartpath.accounts.models import CaregiverInvitation, Role, Team, User
from cartpath.audit.models import AuditEvent
from cartpath.cases.access import visible_cases
from cartpath.cases.models import Case
from cartpath.portal.models import DocumentRequest

from .conftest import STEP1, STEP2, STEP4

pytestmark = pytest.mark.django_db


def test_the_questionnaire_opens_an_inquiry_with_facts_consent_and_a_verification_mail(client, fill):
    response = fill(client)
    assert response.url == reverse("portal:result")
    case = Case.objects.get()
    assert case.status == "inquiry" and case.team.name == "Intake"
    assert case.review_consent_at is not None
    facts = case.intake["facts"]
    assert facts["disease"] == "LBCL" and facts["n_prior_lines"] == 2 and facts["age_years"] == 61
    assert case.intake["answers"]["treatments"]["items"][0]["name"] == "R-CHOP"
    user = User.objects.get(email="pat@example.org")
    assert user.role == Role.PATIENT and case.patient.user == user
    assert list(visible_cases(user)) == [case]
    assert len(mail.outbox) == 1 and "pat@example.org" in mail.outbox[0].to
    assert AuditEvent.objects.filter(case_ref=case.public_id, summary__contains="consent").exists()
    assert case.events.filter(kind="prescreen", family_visible=True).exists()


def test_the_result_names_candidates_carefully_and_never_says_eligible(client, fill):
    fill(client)
    html = client.get(reverse("portal:result")).content.decode()
    assert "Preliminary result" in html
    assert "on-label candidate, to be confirmed by the treating team" in html
    assert "Yescarta" in html
    assert "eligible" not in html.lower().replace("not eligible", "")


def test_unknowns_become_document_requests_the_family_can_read(client, fill):
    fill(client, step1={"subtype": "", "status": "unsure"})
    case = Case.objects.get()
    facts = set(DocumentRequest.objects.filter(case=case).values_list("fact", flat=True))
    assert "histology" in facts
    html = client.get(reverse("portal:result")).content.decode()
    assert "pathology report" in html


def test_the_first_existing_team_takes_new_inquiries_unless_a_setting_names_one(client, fill, settings):
    Team.objects.create(name="Blue team")
    settings.CARTPATH_INTAKE_TEAM = "Front door"
    fill(client)
    assert Case.objects.get().team.name == "Front door"


def test_a_mistake_is_shown_gently_and_nothing_typed_is_lost(client):
    client.post(reverse("portal:step", args=[1]), STEP1)
    bad = {**STEP2, "t-1-months_to_return": "soon"}
    response = client.post(reverse("portal:step", args=[2]), bad)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please write a number of months" in html
    assert 'value="R-ICE"' in html and 'value="soon"' in html
    again = client.get(reverse("portal:step", args=[2])).content.decode()
    assert 'value="R-ICE"' in again  # coming back later still shows it


def test_going_back_keeps_the_answers_of_both_steps(client):
    client.post(reverse("portal:step", args=[1]), STEP1)
    client.post(reverse("portal:step", args=[2]), {**STEP2, "action": "back"})
    first = client.get(reverse("portal:step", args=[1])).content.decode()
    assert re.search(r'value="refractory"[^>]*checked', first)
    second = client.get(reverse("portal:step", args=[2])).content.decode()
    assert 'value="R-CHOP"' in second


def test_adding_a_treatment_row_keeps_the_rows_already_typed(client):
    client.post(reverse("portal:step", args=[1]), STEP1)
    data = {**STEP2, "t-TOTAL_FORMS": "1", "action": "add"}
    data.pop("t-1-name")
    client.post(reverse("portal:step", args=[2]), data)
    html = client.get(reverse("portal:step", args=[2])).content.decode()
    assert 'value="R-CHOP"' in html and 'name="t-1-name"' in html


def test_steps_cannot_be_skipped(client):
    response = client.get(reverse("portal:step", args=[3]))
    assert response.url == reverse("portal:step", args=[1])


def test_passwords_are_never_kept_in_the_session(client):
    client.post(reverse("portal:step", args=[1]), STEP1)
    client.post(reverse("portal:step", args=[2]), STEP2)
    client.post(reverse("portal:step", args=[3]), {"filled_by": "patient", "patient_name": "P",
                                                   "age": "40", "country": "FR"})
    client.post(reverse("portal:step", args=[4]), {**STEP4, "consent": ""})
    assert "a-long-unusual-passphrase-7" not in str(dict(client.session))


def test_an_existing_address_is_not_revealed_and_its_owner_is_told_by_email(client, world):
    from django.core import mail

    client.post(reverse("portal:step", args=[1]), STEP1)
    client.post(reverse("portal:step", args=[2]), STEP2)
    client.post(reverse("portal:step", args=[3]), {"filled_by": "patient", "patient_name": "P",
                                                   "age": "40", "country": "FR"})
    response = client.post(reverse("portal:step", args=[4]), {**STEP4, "email": world.alice.email})
    assert response.status_code == 302 and response["Location"] == reverse("portal:result")
    assert "already" not in client.get(reverse("portal:result")).content.decode()
    assert Case.objects.count() == 2  # only the world's cases: nothing was added to Alice's
    assert [m.to for m in mail.outbox] == [[world.alice.email]]
    assert "/accounts/login/" in mail.outbox[0].body and "lymphoma" not in mail.outbox[0].body


def test_a_caregiver_gets_their_own_login_linked_to_the_patient_by_invitation(client, fill):
    fill(client, step3={"filled_by": "caregiver", "relationship": "daughter"},
         step4={"email": "kim@example.org", "contact_name": "Kim", "patient_permission": "on"})
    case = Case.objects.get()
    kim = User.objects.get(email="kim@example.org")
    assert kim.role == Role.CAREGIVER
    assert case.patient.user != kim and not case.patient.user.is_active
    assert CaregiverInvitation.objects.get(caregiver=kim).relationship == "daughter"
    assert list(visible_cases(kim)) == [case]


def test_a_caregiver_must_confirm_the_patients_permission(client):
    client.post(reverse("portal:step", args=[1]), STEP1)
    client.post(reverse("portal:step", args=[2]), STEP2)
    client.post(reverse("portal:step", args=[3]), {"filled_by": "caregiver", "patient_name": "P",
                                                   "age": "40", "country": "FR"})
    response = client.post(reverse("portal:step", args=[4]), STEP4)
    assert response.status_code == 200
    assert "Please confirm that the patient agrees" in response.content.decode()


def test_an_unreachable_mail_server_does_not_lose_the_inquiry(client, fill, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    response = fill(client)
    assert response.url == reverse("portal:result")
    assert Case.objects.count() == 1
