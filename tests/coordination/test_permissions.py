"""Partners see only referrals to their own organisation and only consented documents;
withdrawal closes access at once; guessed addresses answer 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cartpath.audit.models import AuditEvent
from cartpath.coordination import referrals
from cartpath.coordination.models import Consent, Referral


def partner_urls(referral_id: str) -> list[str]:
    return [reverse("coordination:partner_referral", args=[referral_id]),
            reverse("coordination:packet_pdf", args=[referral_id]),
            reverse("coordination:packet_fhir", args=[referral_id])]


def test_a_partner_cannot_open_another_partners_referral(world, login):  # noqa: ANN001
    client = login(world.leo)
    for url in partner_urls(world.referral.public_id):
        assert client.get(url).status_code == 404
    assert client.post(reverse("coordination:partner_reply", args=[world.referral.public_id]),
                       {"decision": "accepted"}).status_code == 404
    world.referral.refresh_from_db()
    assert world.referral.status == Referral.Status.SENT
    assert b"Alice" not in client.get(reverse("coordination:partner_inbox")).content
    assert AuditEvent.objects.filter(actor=world.leo, action="denied").exists()


def test_guessed_referral_and_document_addresses_answer_404(world, docs, login):  # noqa: ANN001
    client = login(world.rita)
    for url in partner_urls("guessed-id-123"):
        assert client.get(url).status_code == 404
    guessed = reverse("coordination:partner_document",
                      args=[world.referral.public_id, "not-a-document"])
    assert client.get(guessed).status_code == 404
    assert client.get(reverse("coordination:stored_file", args=["nope"])).status_code == 404


def test_the_inbox_lists_only_the_partners_own_live_referrals(world, login):  # noqa: ANN001
    rita = login(world.rita).get(reverse("coordination:partner_inbox"))
    assert b"Alice Example" in rita.content and b"Bob" not in rita.content


def test_an_unconsented_document_is_invisible_and_not_downloadable(world, docs, login):  # noqa: ANN001
    client = login(world.rita)
    page = client.get(reverse("coordination:partner_referral", args=[world.referral.public_id]))
    assert b"pathology.pdf" in page.content
    assert b"pet-ct.pdf" not in page.content
    shared = reverse("coordination:partner_document",
                     args=[world.referral.public_id, docs.pathology.public_id])
    hidden = reverse("coordination:partner_document",
                     args=[world.referral.public_id, docs.pet.public_id])
    assert client.get(shared).content.startswith(b"%PDF")
    assert client.get(hidden).status_code == 404
    api = client.get(f"/api/coordination/referrals/{world.referral.public_id}/packet")
    assert [d["title"] for d in api.json()["documents"]] == ["pathology.pdf"]


def test_another_partner_cannot_download_even_a_consented_document(world, docs, login):  # noqa: ANN001
    url = reverse("coordination:partner_document",
                  args=[world.referral.public_id, docs.pathology.public_id])
    assert login(world.leo).get(url).status_code == 404


def test_withdrawing_consent_stops_access_at_once(world, docs, login):  # noqa: ANN001
    client = login(world.rita)
    shared = reverse("coordination:partner_document",
                     args=[world.referral.public_id, docs.pathology.public_id])
    assert client.get(shared).status_code == 200
    referrals.withdraw_consent(None, world.consent, actor=world.alice)
    for url in partner_urls(world.referral.public_id) + [shared]:
        assert client.get(url).status_code == 404
    assert b"Alice" not in client.get(reverse("coordination:partner_inbox")).content
    assert client.get(reverse("cases:detail", args=[world.alice_case.public_id])).status_code \
        == 404
    assert client.get("/api/coordination/referrals").json() == []
    world.referral.refresh_from_db()
    assert world.referral.status == Referral.Status.WITHDRAWN


def test_the_patient_withdraws_consent_from_the_family_page(world, login):  # noqa: ANN001
    client = login(world.alice)
    url = reverse("coordination:withdraw_consent",
                  args=[world.alice_case.public_id, world.consent.public_id])
    assert client.post(url).status_code == 302
    assert Consent.objects.get(pk=world.consent.pk).withdrawn_at is not None
    assert not Referral.objects.live().filter(pk=world.referral.pk).exists()


def test_another_patient_cannot_withdraw_someone_elses_consent(world, login):  # noqa: ANN001
    url = reverse("coordination:withdraw_consent",
                  args=[world.alice_case.public_id, world.consent.public_id])
    assert login(world.bob).post(url).status_code == 404
    assert Consent.objects.get(pk=world.consent.pk).withdrawn_at is None


def test_a_partners_thread_closes_after_withdrawal(world, login):  # noqa: ANN001
    from cartpath.coordination.messaging import partner_thread

    thread = partner_thread(world.referral)
    url = reverse("coordination:post_message", args=[thread.public_id])
    assert login(world.rita).post(url, {"body": "Hello"}).status_code == 302
    referrals.withdraw_consent(None, world.consent, actor=world.nina)
    assert login(world.rita).post(url, {"body": "Still there?"}).status_code == 404
    assert thread.messages.count() == 1


def test_a_navigator_of_another_team_cannot_see_the_referrals_tab(world, login):  # noqa: ANN001
    client = login(world.greg)
    assert client.get(reverse("coordination:case_referrals",
                              args=[world.alice_case.public_id])).status_code == 404
    assert client.get(reverse("coordination:packet_pdf",
                              args=[world.referral.public_id])).status_code == 404


@pytest.mark.parametrize("key", ["alice", "carol", "rita"])
def test_families_and_partners_cannot_send_referrals(world, login, key):  # noqa: ANN001
    client = login(getattr(world, key))
    response = client.post(reverse("coordination:case_referrals",
                                   args=[world.alice_case.public_id]),
                           {"organisations": [world.lakeside.pk], "purpose": "referral",
                            "consent_confirmed": "on"})
    assert response.status_code in (403, 404)
    assert not Referral.objects.filter(organisation=world.lakeside).exists()
