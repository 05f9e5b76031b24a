"""Sending a case to several partners, consent per recipient, replies and reminders."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from cartpath.coordination import referrals
from cartpath.coordination.models import Consent, Referral, ReferralReminder, Thread
from tests.coordination.conftest import body_of


def referrals_url(world) -> str:  # noqa: ANN001
    return reverse("coordination:case_referrals", args=[world.alice_case.public_id])


def test_a_navigator_sends_one_case_to_two_partners_with_one_consent_each(
        world, centres, docs, login, smtp):  # noqa: ANN001
    Referral.objects.filter(pk=world.referral.pk).update(status=Referral.Status.WITHDRAWN)
    client = login(world.nina)
    response = client.post(referrals_url(world), {
        "organisations": [world.riverside.pk, world.lakeside.pk], "purpose": "referral",
        "share_summary": "on", "documents": [docs.pet.public_id], "consent_confirmed": "on",
        "note": "Please assess."})
    assert response.status_code == 302
    sent = Referral.objects.filter(case=world.alice_case, status=Referral.Status.SENT)
    assert {r.organisation for r in sent} == {world.riverside, world.lakeside}
    consents = {r.consent_id for r in sent}
    assert len(consents) == 2
    for referral in sent:
        assert referral.consent.recipient == referral.organisation
        assert referral.consent.shared_document_ids == [docs.pet.public_id]
        assert referral.consent.share_prescreen is False
        assert Thread.objects.filter(referral=referral, kind="partner").exists()
    assert sorted(m["To"] for m in smtp.messages) == ["leo@example.org", "rita@example.org"]


def test_a_centre_in_another_country_needs_consent_to_the_cross_border_transfer(
        world, centres, login):  # noqa: ANN001
    client = login(world.nina)
    form = {"organisations": [world.hillside.pk], "purpose": "referral", "share_summary": "on",
            "consent_confirmed": "on"}
    refused = client.post(referrals_url(world), form)
    assert refused.status_code == 400
    assert b"cross-border" in refused.content
    assert not Referral.objects.filter(organisation=world.hillside).exists()
    accepted = client.post(referrals_url(world), {**form, "cross_border": [world.hillside.pk]})
    assert accepted.status_code == 302
    consent = Consent.objects.get(recipient=world.hillside)
    assert consent.cross_border is True


def test_sending_without_the_patients_consent_confirmed_sends_nothing(world, centres, login):  # noqa: ANN001
    client = login(world.nina)
    response = client.post(referrals_url(world), {"organisations": [world.lakeside.pk],
                                                  "purpose": "referral"})
    assert response.status_code == 400
    assert not Referral.objects.filter(organisation=world.lakeside).exists()


def test_the_partner_opening_a_referral_marks_it_viewed_once(world, login):  # noqa: ANN001
    client = login(world.rita)
    url = reverse("coordination:partner_referral", args=[world.referral.public_id])
    assert client.get(url).status_code == 200
    world.referral.refresh_from_db()
    first = world.referral.viewed_at
    assert world.referral.status == Referral.Status.VIEWED and first is not None
    client.get(url)
    world.referral.refresh_from_db()
    assert world.referral.viewed_at == first


def test_a_partner_declines_only_with_a_reason_and_the_navigator_is_told(world, login, smtp):  # noqa: ANN001
    client = login(world.rita)
    url = reverse("coordination:partner_reply", args=[world.referral.public_id])
    client.post(url, {"decision": "declined", "reason": ""})
    world.referral.refresh_from_db()
    assert world.referral.status == Referral.Status.SENT
    client.post(url, {"decision": "declined", "reason": "No apheresis capacity this month"})
    world.referral.refresh_from_db()
    assert world.referral.status == Referral.Status.DECLINED
    assert world.referral.reply_reason == "No apheresis capacity this month"
    mail = smtp.to("nina@example.org")
    assert len(mail) == 1
    assert "apheresis" not in body_of(mail[0]).lower()


def test_a_partner_asks_for_more_information_and_then_accepts(world, login):  # noqa: ANN001
    client = login(world.rita)
    url = reverse("coordination:partner_reply", args=[world.referral.public_id])
    client.post(url, {"decision": "more_info", "reason": "Latest PET please"})
    world.referral.refresh_from_db()
    assert world.referral.status == Referral.Status.MORE_INFO
    client.post(url, {"decision": "accepted"})
    world.referral.refresh_from_db()
    assert world.referral.status == Referral.Status.ACCEPTED and world.referral.replied_at


def test_a_partner_proposes_an_apheresis_slot_that_the_navigator_books(world, centres, login,
                                                                        smtp):  # noqa: ANN001
    rita = login(world.rita)
    rita.post(reverse("coordination:partner_propose", args=[world.referral.public_id]),
              {"kind": "apheresis", "starts_at": "2030-03-04T09:00", "location": "Unit 2"})
    slot = world.referral.slots.get()
    # Typed in the centre's wall-clock time (America/Chicago, UTC-6 in March).
    assert slot.starts_at == dt.datetime(2030, 3, 4, 15, 0, tzinfo=dt.timezone.utc)
    nina = login(world.nina)
    nina.post(reverse("coordination:confirm_slot", args=[slot.public_id]))
    slot.refresh_from_db()
    assert slot.appointment is not None
    assert slot.appointment.timezone == "America/Chicago"
    assert any(m.get_content_type() == "multipart/mixed" for m in smtp.messages)


def test_reminders_fire_after_the_configured_days_once_per_day(world, settings, smtp):  # noqa: ANN001
    settings.CARTPATH_REFERRAL_REMINDER_DAYS = 2
    Referral.objects.filter(pk=world.referral.pk).update(
        sent_at=timezone.now() - dt.timedelta(days=1))
    assert referrals.send_reminders() == []
    Referral.objects.filter(pk=world.referral.pk).update(
        sent_at=timezone.now() - dt.timedelta(days=3))
    assert referrals.send_reminders() == [world.referral]
    assert referrals.send_reminders() == []
    tomorrow = timezone.now() + dt.timedelta(days=1)
    assert len(referrals.send_reminders(tomorrow)) == 1
    assert ReferralReminder.objects.count() == 2
    assert [m["To"] for m in smtp.messages] == ["rita@example.org", "rita@example.org"]
    body = body_of(smtp.messages[0])
    assert "Alice" not in body and "DLBCL" not in body
    assert reverse("coordination:partner_referral", args=[world.referral.public_id]) in body


def test_an_answered_referral_gets_no_reminder(world):  # noqa: ANN001
    Referral.objects.filter(pk=world.referral.pk).update(
        sent_at=timezone.now() - dt.timedelta(days=30), status=Referral.Status.ACCEPTED)
    assert referrals.send_reminders() == []


def test_the_remind_command_is_idempotent_per_day(world, capsys):  # noqa: ANN001
    from cartpath.cli import main

    Referral.objects.filter(pk=world.referral.pk).update(
        sent_at=timezone.now() - dt.timedelta(days=10))
    assert main(["referrals", "remind"]) == 0
    assert main(["referrals", "remind"]) == 0
    out = capsys.readouterr().out
    assert "1 reminder(s) sent" in out and "0 reminder(s) sent" in out


def test_the_reminder_task_runs_on_the_tasks_backend(world, settings):  # noqa: ANN001
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from cartpath.coordination.tasks import send_referral_reminders

    Referral.objects.filter(pk=world.referral.pk).update(
        sent_at=timezone.now() - dt.timedelta(days=10))
    result = send_referral_reminders.enqueue()
    assert result.return_value == 1


def test_a_partner_uploads_a_document_back_to_the_case_into_the_vault(world, docs, login):  # noqa: ANN001
    from tests.coordination.conftest import pdf_bytes

    client = login(world.rita)
    upload = io.BytesIO(pdf_bytes("Consult letter"))
    upload.name = "consult-letter.pdf"
    client.post(reverse("coordination:partner_upload", args=[world.referral.public_id]),
                {"file": upload})
    stored = world.referral.attachments.get()
    assert stored.vault_document_id
    assert world.alice_case.documents.filter(public_id=stored.vault_document_id).exists()
    nina = login(world.nina)
    response = nina.get(reverse("coordination:stored_file", args=[stored.public_id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
