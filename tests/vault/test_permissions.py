from __future__ import annotations

import pytest
from django.urls import reverse

from cartpath.audit.models import AuditEvent
from cartpath.vault.models import Document
from tests.vault import builders


@pytest.fixture
def document(world, upload_as):  # noqa: ANN001, ANN201
    upload_as(world.alice, world.alice_case, ("pathology.pdf", builders.text_pdf()))
    return Document.objects.get(case=world.alice_case)


def _download(client, case, document):  # noqa: ANN001, ANN202
    return client.get(reverse("vault:download", args=[case.public_id, document.public_id]))


def _api_list(client, case):  # noqa: ANN001, ANN202
    return client.get(f"/api/documents/cases/{case.public_id}")


def test_the_case_navigator_downloads_and_the_download_is_audited(world, login, document):
    response = _download(login(world.nina), world.alice_case, document)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="download", object_id=document.public_id,
                                     actor=world.nina).exists()


def test_the_patient_and_her_caregiver_see_their_own_records(world, login, document):
    assert _download(login(world.alice), world.alice_case, document).status_code == 200
    assert len(_api_list(login(world.carol), world.alice_case).json()) == 1


@pytest.mark.parametrize("who", ["greg", "bob", "leo", "adam"])
def test_others_cannot_list_or_download(world, login, document, who):
    client = login(getattr(world, who))
    assert _download(client, world.alice_case, document).status_code == 404
    assert _api_list(client, world.alice_case).status_code == 404
    page = client.get(reverse("vault:case_documents", args=[world.alice_case.public_id]))
    assert page.status_code == 404


def test_a_partner_without_consent_for_the_document_sees_nothing(world, login, document):
    client = login(world.rita)  # Riverside has the referral, but no document was shared
    assert _api_list(client, world.alice_case).json() == []
    assert _download(client, world.alice_case, document).status_code == 404


def test_a_partner_sees_a_document_the_patient_agreed_to_share(world, login, document):
    world.consent.shared_document_ids = [document.public_id]
    world.consent.save()
    client = login(world.rita)
    assert [d["id"] for d in _api_list(client, world.alice_case).json()] == [document.public_id]
    assert _download(client, world.alice_case, document).status_code == 200


def test_sharing_ends_when_consent_is_withdrawn(world, login, document):
    from django.utils import timezone

    world.consent.shared_document_ids = [document.public_id]
    world.consent.withdrawn_at = timezone.now()
    world.consent.save()
    assert _download(login(world.rita), world.alice_case, document).status_code == 404


def test_a_partner_cannot_upload(world, upload_as):
    response = upload_as(world.rita, world.alice_case, ("x.pdf", builders.text_pdf()))
    assert response.status_code == 403
    assert not Document.objects.exists()


def test_another_patient_cannot_upload_to_a_case_not_theirs(world, upload_as):
    response = upload_as(world.bob, world.alice_case, ("x.pdf", builders.text_pdf()))
    assert response.status_code == 404


def test_families_cannot_review_facts(world, login, document):
    fact = document.facts.first()
    client = login(world.alice)
    assert client.get(reverse("vault:case_facts", args=[world.alice_case.public_id])).status_code == 403
    response = client.post(reverse("vault:review_fact", args=[world.alice_case.public_id,
                                                             fact.public_id]), {"action": "confirm"})
    assert response.status_code == 404
    fact.refresh_from_db()
    assert fact.status == "proposed"


def test_a_navigator_of_another_team_cannot_review(world, login, document):
    fact = document.facts.first()
    response = login(world.greg).post(reverse("vault:review_fact", args=[
        world.alice_case.public_id, fact.public_id]), {"action": "confirm"})
    assert response.status_code == 404


def test_a_download_keeps_a_non_ascii_name_safely(world, login, upload_as):
    upload_as(world.alice, world.alice_case, ("relatório patologia 病理.txt", b"Pathology note.\n"))
    document = Document.objects.get(case=world.alice_case)
    response = _download(login(world.nina), world.alice_case, document)
    assert response.status_code == 200
    assert "filename*=utf-8''" in response["Content-Disposition"]
