"""The family's page, caregivers, the assessment report and the remembered language."""

from __future__ import annotations

import re

import pytest
import textstat
from django.core import mail
from django.urls import reverse
from django.utils.html import strip_tags

from cartpath.accounts.models import CaregiverInvitation
from cartpath.audit.models import AuditEvent
from cartpath.portal.models import DocumentRequest

pytestmark = pytest.mark.django_db

ALICE_FACTS = {"age_years": 56, "disease": "LBCL", "histology": "DLBCL_NOS",
               "disease_status": "refractory", "n_prior_lines": 2,
               "prior_lines": [{"line": 1, "regimen": "R-CHOP", "drugs": ["R-CHOP"],
                                "progressed_on_therapy": True},
                               {"line": 2, "regimen": "R-ICE", "drugs": ["R-ICE"]}],
               "primary_refractory": True}


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade with textstat's Pyphen syllable counter: the "en-US" spelling keeps
    textstat off its CMU-dictionary path, which would try to download NLTK data."""
    textstat.set_lang("en-US")
    try:
        return textstat.flesch_kincaid_grade(text)
    finally:
        textstat.set_lang("en_US")


@pytest.fixture
def alice_case(world):
    case = world.alice_case
    case.intake = {"facts": ALICE_FACTS}
    case.save()
    DocumentRequest.objects.create(case=case, fact="hsct_candidate", title="transplant letter")
    return case


def test_a_patient_sees_status_next_step_requests_timeline_and_report_links(login, world, alice_case):
    html = login(world.alice).get(reverse("portal:home")).content.decode()
    assert "Alice Example" in html and "Inquiry" in html
    assert "Your navigator will review your request" in html
    assert "transplant doctor" in html
    assert "Case opened" in html
    assert reverse("portal:report", args=[alice_case.public_id]) in html
    assert "Bob Example" not in html


def test_a_caregiver_follows_the_patients_case(login, world, alice_case):
    html = login(world.carol).get(reverse("portal:home")).content.decode()
    assert "Alice Example" in html
    assert "People who can follow my case" not in html  # only the patient manages access


def test_staff_are_sent_to_their_own_start_page(login, world):
    response = login(world.nina).get(reverse("portal:home"))
    assert response.status_code == 302


def test_the_family_marks_a_requested_document_as_sent(login, world, alice_case):
    request = DocumentRequest.objects.get(case=alice_case)
    client = login(world.alice)
    client.post(reverse("portal:document_sent", args=[alice_case.public_id, request.public_id]))
    request.refresh_from_db()
    assert request.fulfilled_at is not None
    assert alice_case.events.filter(kind="document", family_visible=True).exists()


def test_nobody_can_touch_another_familys_requests(login, world, alice_case):
    request = DocumentRequest.objects.get(case=alice_case)
    response = login(world.bob).post(
        reverse("portal:document_sent", args=[alice_case.public_id, request.public_id]))
    assert response.status_code == 404


def test_a_patient_invites_a_caregiver_by_email_without_medical_detail(login, world, alice_case):
    client = login(world.alice)
    client.post(reverse("portal:invite"), {"email": "dan@example.org", "relationship": "brother"})
    invitation = CaregiverInvitation.objects.get(email="dan@example.org")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert invitation.token in body
    assert "lymphoma" not in body.lower() and "LBCL" not in body


def test_a_patient_revokes_a_caregiver_and_the_case_disappears_for_them(login, world, alice_case):
    invitation = CaregiverInvitation.objects.get(caregiver=world.carol)
    login(world.alice).post(reverse("portal:revoke", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    html = login(world.carol).get(reverse("portal:home")).content.decode()
    assert "Alice Example" not in html


def test_only_the_patient_can_revoke_their_caregivers(login, world, alice_case):
    invitation = CaregiverInvitation.objects.get(caregiver=world.carol)
    response = login(world.bob).post(reverse("portal:revoke", args=[invitation.pk]))
    assert response.status_code == 404


def test_the_family_report_is_plain_and_readable_at_about_grade_eight(login, world, alice_case):
    response = login(world.alice).get(reverse("portal:report", args=[alice_case.public_id]))
    assert response.context["report"].version == "plain"
    body = response.content.decode()
    text = strip_tags(body[body.index('<div class="report'):body.index("</main>")])
    text = re.sub(r"\s+", " ", text)
    assert "on-label candidate, to be confirmed by the treating team" in text
    assert "Yescarta" in text
    assert "AXI-LBCL" not in text  # no codes for families
    assert reading_grade(text) <= 9, reading_grade(text)


def test_navigators_get_the_detailed_report_as_a_case_tab(login, world, alice_case):
    response = login(world.nina).get(reverse("portal:report", args=[alice_case.public_id]))
    html = response.content.decode()
    assert response.context["report"].version == "detailed"
    assert "AXI-LBCL-3L" in html and "Criterion" in html
    assert 'aria-current="page">Report' in html
    plain = login(world.nina).get(reverse("portal:report", args=[alice_case.public_id]) + "?version=plain")
    assert plain.context["report"].version == "plain"


def test_the_report_lists_unknowns_with_documents_to_request(login, world):
    case = world.bob_case
    case.intake = {"facts": {"disease": "MM", "age_years": 70}}
    case.save()
    html = login(world.greg).get(reverse("portal:report", args=[case.public_id])).content.decode()
    assert "Documents to request" in html
    assert "n_prior_lines" in html


def test_report_pdf_downloads_are_audited_and_another_case_is_a_404(login, world, alice_case):
    client = login(world.alice)
    response = client.get(reverse("portal:report_pdf", args=[alice_case.public_id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(case_ref=alice_case.public_id, action="download").exists()
    assert client.get(reverse("portal:report_pdf", args=[world.bob_case.public_id])).status_code == 404
    assert client.get(reverse("portal:report", args=[world.bob_case.public_id])).status_code == 404


def test_report_views_are_audited(login, world, alice_case):
    login(world.alice).get(reverse("portal:report", args=[alice_case.public_id]))
    assert AuditEvent.objects.filter(case_ref=alice_case.public_id, action="view",
                                     summary__contains="report").exists()


def test_the_chosen_language_is_stored_and_switched_on_again_at_sign_in(client, world):
    client.post(reverse("account_login"), {"login": world.alice.email, "password": world.password})
    client.cookies["django_language"] = "es"
    client.get(reverse("portal:home"))
    world.alice.refresh_from_db()
    assert world.alice.preferred_language == "es"
    client.post(reverse("account_logout"))
    client.cookies["django_language"] = "en"
    client.post(reverse("account_login"), {"login": world.alice.email, "password": world.password})
    response = client.get(reverse("portal:home"))
    assert response.cookies["django_language"].value == "es"
    assert 'lang="es"' in response.content.decode()


def test_the_report_lists_the_trials_a_navigator_shortlisted(login, world, alice_case):
    from cartpath.trials.models import ShortlistEntry

    ShortlistEntry.objects.create(case=alice_case, nct_id="NCT00000001",
                                  title="A fictional CD19 CAR-T study", note="near home")
    html = login(world.alice).get(reverse("portal:report", args=[alice_case.public_id])).content.decode()
    assert "NCT00000001" in html and "A fictional CD19 CAR-T study" in html
    assert "No trials have been shortlisted yet" not in html


def test_a_navigator_asks_the_family_for_a_document_and_the_family_sees_it(login, world, alice_case):
    login(world.nina).post(reverse("portal:request_document", args=[alice_case.public_id]),
                           {"title": "Your latest PET scan report"})
    html = login(world.alice).get(reverse("portal:home")).content.decode()
    assert "Your latest PET scan report" in html
    assert "Document requested: Your latest PET scan report" in html


def test_families_and_other_teams_cannot_add_document_requests(login, world, alice_case):
    for user in (world.alice, world.greg):
        response = login(user).post(reverse("portal:request_document", args=[alice_case.public_id]),
                                    {"title": "x"})
        assert response.status_code == 404


def test_partner_organisations_get_the_referral_packet_not_the_report(login, world, alice_case):
    client = login(world.rita)  # Alice's case is referred to Rita's organisation
    assert client.get(reverse("portal:report", args=[alice_case.public_id])).status_code == 404
    assert client.get(reverse("portal:report_pdf", args=[alice_case.public_id])).status_code == 404


def test_a_signed_in_family_with_a_case_is_pointed_to_their_page(login, world, alice_case):
    html = login(world.alice).get(reverse("portal:start")).content.decode()
    assert "You already have a case with us" in html


def test_the_disease_family_set_on_the_case_fills_a_gap_in_the_facts(login, world):
    html = login(world.nina).get(reverse("portal:report", args=[world.alice_case.public_id])).content.decode()
    assert "case record (set by the navigator)" in html
    assert "disease_not_indicated" in html  # myeloma products are ruled out for LBCL
