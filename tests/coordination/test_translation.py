"""Translation requests as tracked tasks, and the engine interface."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from cartpath.coordination import translation
from cartpath.coordination.models import TranslationRequest


def test_without_an_offline_engine_the_default_says_so():
    engine = translation.NoEngine()
    assert isinstance(engine, translation.Translator)
    assert engine.available("zh", "en") is False
    with pytest.raises(translation.EngineUnavailable, match="No offline translation engine"):
        engine.translate("你好", "zh", "en")


def test_the_configured_engine_is_used_when_set(settings):  # noqa: ANN001
    settings.CARTPATH_TRANSLATOR = "cartpath.coordination.translation:NoEngine"
    assert translation.engine().name == "none"


def test_a_translation_is_requested_done_by_a_person_and_attached(world, docs, login, smtp):  # noqa: ANN001
    client = login(world.nina)
    url = reverse("coordination:case_translations", args=[world.alice_case.public_id])
    client.post(url, {"document": docs.pathology.public_id, "target_language": "de"})
    item = TranslationRequest.objects.get()
    assert item.status == "requested" and item.source_title == "pathology.pdf"
    action = reverse("coordination:translation_action", args=[item.public_id])
    client.post(action, {"action": "start"})
    upload = io.BytesIO(b"Pathologiebefund (Ubersetzung)")
    upload.name = "pathologie-de.txt"
    client.post(action, {"action": "complete", "file": upload})
    item.refresh_from_db()
    assert item.status == "done" and item.done_by == world.nina and item.completed_at
    download = client.get(reverse("coordination:stored_file", args=[item.result.public_id]))
    assert download.content == b"Pathologiebefund (Ubersetzung)"
    page = client.get(url)
    assert b"pathologie-de.txt" in page.content and b"No offline translation engine" in \
        page.content


def test_the_translated_file_is_encrypted_at_rest(world, docs, login, settings):  # noqa: ANN001
    from pathlib import Path

    client = login(world.nina)
    item = TranslationRequest.objects.create(case=world.alice_case,
                                             source_document_id=docs.pathology.public_id,
                                             target_language="en")
    upload = io.BytesIO(b"SECRET-CLINICAL-TEXT")
    upload.name = "t.txt"
    client.post(reverse("coordination:translation_action", args=[item.public_id]),
                {"action": "complete", "file": upload})
    item.refresh_from_db()
    raw = (Path(settings.VAR_DIR) / "coordination" / item.result.storage_name).read_bytes()
    assert b"SECRET-CLINICAL-TEXT" not in raw


def test_a_translation_of_a_document_of_another_case_is_refused(world, docs, login):  # noqa: ANN001
    client = login(world.greg)
    url = reverse("coordination:case_translations", args=[world.bob_case.public_id])
    client.post(url, {"document": docs.pathology.public_id, "target_language": "de"})
    assert not TranslationRequest.objects.exists()


class ShoutingEngine:
    """A stand-in offline engine (no real engine is installed here): upper-cases English."""

    name = "shouting"

    def available(self, source: str, target: str) -> bool:
        return (source, target) == ("en", "xx")

    def translate(self, text: str, source: str, target: str) -> str:  # noqa: ARG002
        return text.upper()


def test_a_plugged_in_engine_translates_the_text_the_vault_read(world, docs, login, settings):  # noqa: ANN001
    from cartpath.vault.processing import process

    settings.CARTPATH_TRANSLATOR = "tests.coordination.test_translation:ShoutingEngine"
    process(docs.pathology.pk)
    client = login(world.nina)
    client.post(reverse("coordination:case_translations", args=[world.alice_case.public_id]),
                {"document": docs.pathology.public_id, "source_language": "en",
                 "target_language": "xx"})
    item = TranslationRequest.objects.get()
    page = client.get(reverse("coordination:case_translations",
                              args=[world.alice_case.public_id]))
    assert b"Machine-translate offline (shouting)" in page.content
    client.post(reverse("coordination:translation_action", args=[item.public_id]),
                {"action": "machine"})
    item.refresh_from_db()
    assert item.status == "done" and item.engine == "shouting"
    text = client.get(reverse("coordination:stored_file", args=[item.result.public_id])).content
    assert b"PATHOLOGY REPORT BODY" in text and b"to be checked by a person" in text


def test_the_machine_button_is_absent_without_an_engine(world, docs, login):  # noqa: ANN001
    TranslationRequest.objects.create(case=world.alice_case, source_language="en",
                                      source_document_id=docs.pathology.public_id,
                                      target_language="de")
    page = login(world.nina).get(reverse("coordination:case_translations",
                                         args=[world.alice_case.public_id]))
    assert b"Machine-translate" not in page.content
