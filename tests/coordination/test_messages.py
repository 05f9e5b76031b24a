"""Secure messaging per case, e-mail notices through a real SMTP server, read state."""

from __future__ import annotations

from django.urls import reverse

from cartpath.coordination import messaging
from cartpath.coordination.models import Message, ThreadRead
from tests.coordination.conftest import body_of

FORBIDDEN_IN_MAIL = ("Alice", "Example", "DLBCL", "lymphoma", "relapsed", "Riverside",
                     "pathology", "CAR-T")


def assert_no_medical_detail(message) -> None:  # noqa: ANN001
    text = (message["Subject"] or "") + "\n" + body_of(message)
    for word in FORBIDDEN_IN_MAIL:
        assert word.lower() not in text.lower(), word


def test_the_family_writes_and_the_navigator_gets_a_link_without_medical_detail(
        world, login, smtp):  # noqa: ANN001
    client = login(world.alice)
    url = reverse("coordination:family_thread", args=[world.alice_case.public_id])
    assert client.get(url).status_code == 200
    thread = messaging.family_thread(world.alice_case)
    client.post(reverse("coordination:post_message", args=[thread.public_id]),
                {"body": "My DLBCL scan is booked for Monday."})
    assert Message.objects.get().body.startswith("My DLBCL")
    mail = smtp.to("nina@example.org")
    assert len(mail) == 1
    assert mail[0]["Subject"] == "You have a new message on cartpath"
    assert_no_medical_detail(mail[0])
    assert reverse("coordination:case_messages", args=[world.alice_case.public_id]) in \
        body_of(mail[0])


def test_the_navigators_answer_reaches_the_patient_and_the_caregiver(world, login, smtp):  # noqa: ANN001
    thread = messaging.family_thread(world.alice_case)
    login(world.nina).post(reverse("coordination:post_message", args=[thread.public_id]),
                           {"body": "The lymphoma board meets on Friday."})
    recipients = sorted(m["To"] for m in smtp.messages)
    assert recipients == ["alice@example.org", "carol@example.org"]
    for message in smtp.messages:
        assert_no_medical_detail(message)
        assert reverse("coordination:family_thread", args=[world.alice_case.public_id]) in \
            body_of(message)


def test_read_state_is_kept_per_participant(world, login):  # noqa: ANN001
    thread = messaging.family_thread(world.alice_case)
    login(world.nina).post(reverse("coordination:post_message", args=[thread.public_id]),
                           {"body": "Hello"})
    assert messaging.unread_counts(world.alice, [thread])[thread.pk] == 1
    assert messaging.unread_counts(world.carol, [thread])[thread.pk] == 1
    assert messaging.unread_counts(world.nina, [thread])[thread.pk] == 0
    login(world.alice).get(reverse("coordination:family_thread",
                                   args=[world.alice_case.public_id]))
    assert messaging.unread_counts(world.alice, [thread])[thread.pk] == 0
    assert messaging.unread_counts(world.carol, [thread])[thread.pk] == 1
    assert ThreadRead.objects.filter(thread=thread).count() == 2


def test_the_family_inbox_lists_the_thread_with_unread_count(world, login):  # noqa: ANN001
    thread = messaging.family_thread(world.alice_case)
    login(world.nina).post(reverse("coordination:post_message", args=[thread.public_id]),
                           {"body": "Hello"})
    page = login(world.carol).get(reverse("coordination:family_messages"))
    assert b"1 new" in page.content


def test_a_partner_cannot_read_or_post_to_the_family_thread(world, login):  # noqa: ANN001
    thread = messaging.family_thread(world.alice_case)
    client = login(world.rita)
    assert client.post(reverse("coordination:post_message", args=[thread.public_id]),
                       {"body": "hi"}).status_code == 404
    assert client.get(reverse("coordination:family_thread",
                              args=[world.alice_case.public_id])).status_code == 403
    assert not thread.messages.exists()


def test_another_family_cannot_post_to_alices_thread(world, login):  # noqa: ANN001
    thread = messaging.family_thread(world.alice_case)
    assert login(world.bob).post(reverse("coordination:post_message", args=[thread.public_id]),
                                 {"body": "hi"}).status_code == 404


def test_the_navigator_cannot_attach_an_unconsented_document_for_a_partner(world, docs, login):  # noqa: ANN001
    thread = messaging.partner_thread(world.referral)
    client = login(world.nina)
    client.post(reverse("coordination:post_message", args=[thread.public_id]),
                {"body": "See attached", "documents": [docs.pet.public_id]})
    assert not thread.messages.exists()
    client.post(reverse("coordination:post_message", args=[thread.public_id]),
                {"body": "See attached", "documents": [docs.pathology.public_id]})
    assert thread.messages.get().document_ids == [docs.pathology.public_id]


def test_a_partner_sees_attachments_only_while_they_are_consented(world, docs, login):  # noqa: ANN001
    thread = messaging.partner_thread(world.referral)
    client = login(world.nina)
    client.post(reverse("coordination:post_message", args=[thread.public_id]),
                {"body": "Attached", "documents": [docs.pathology.public_id]})
    page = login(world.rita).get(reverse("coordination:partner_referral",
                                         args=[world.referral.public_id]))
    assert page.content.count(b"pathology.pdf") >= 2
    world.consent.shared_document_ids = []
    world.consent.save()
    page = login(world.rita).get(reverse("coordination:partner_referral",
                                         args=[world.referral.public_id]))
    assert b"pathology.pdf" not in page.content


def test_the_partner_and_the_navigator_talk_in_the_referrals_thread(world, login, smtp):  # noqa: ANN001
    thread = messaging.partner_thread(world.referral)
    login(world.rita).post(reverse("coordination:post_message", args=[thread.public_id]),
                           {"body": "Can you send the latest labs?"})
    assert [m["To"] for m in smtp.messages] == ["nina@example.org"]
    page = login(world.nina).get(reverse("coordination:case_messages",
                                         args=[world.alice_case.public_id]) +
                                 f"?thread={thread.public_id}")
    assert b"latest labs" in page.content
    assert login(world.leo).get(reverse("coordination:case_messages", args=[
        world.alice_case.public_id])).status_code in (403, 404)


def test_an_empty_or_oversized_message_is_refused(world, login):  # noqa: ANN001
    thread = messaging.family_thread(world.alice_case)
    client = login(world.alice)
    url = reverse("coordination:post_message", args=[thread.public_id])
    client.post(url, {"body": "   "})
    client.post(url, {"body": "x" * 5001})
    assert not thread.messages.exists()
