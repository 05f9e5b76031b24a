"""Translation of records: a tracked task, with an optional offline engine behind one interface.

No engine ships with cartpath. The ``Translator`` protocol lets a deployment plug one in
(``CARTPATH_TRANSLATOR = "module:factory"``); the default ``NoEngine`` says plainly that no
offline engine is installed, so requests go to a human translator. An Argos Translate adapter
is provided for deployments that install ``argostranslate`` *and* its language packages
themselves: it never downloads a model (argostranslate's packages are fetched from a model
index at install time, which cartpath does not do for you).
"""

from __future__ import annotations

import importlib
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from cartpath.audit.log import Action, record
from cartpath.cases.models import Case, CaseEvent
from cartpath.cases.services import log_event
from cartpath.coordination import documents, notify
from cartpath.coordination.models import StoredFile, TranslationRequest
from cartpath.coordination.people import team_contacts


class EngineUnavailable(RuntimeError):
    pass


@runtime_checkable
class Translator(Protocol):
    name: str

    def available(self, source: str, target: str) -> bool: ...

    def translate(self, text: str, source: str, target: str) -> str: ...


class NoEngine:
    name = "none"
    reason = ("No offline translation engine is installed; translations are done by a person "
              "and attached to the request.")

    def available(self, source: str, target: str) -> bool:  # noqa: ARG002
        return False

    def translate(self, text: str, source: str, target: str) -> str:  # noqa: ARG002
        raise EngineUnavailable(self.reason)


class ArgosEngine:
    """Uses language packages already installed on this machine; never downloads one."""

    name = "argostranslate"

    def __init__(self) -> None:
        from argostranslate import translate as argos  # noqa: F401 - fails when not installed

        self._argos = argos

    def _pair(self, source: str, target: str):  # noqa: ANN202
        languages = {lang.code: lang for lang in self._argos.get_installed_languages()}
        if source not in languages or target not in languages:
            return None
        return languages[source].get_translation(languages[target])

    def available(self, source: str, target: str) -> bool:
        return self._pair(source, target) is not None

    def translate(self, text: str, source: str, target: str) -> str:
        pair = self._pair(source, target)
        if pair is None:
            raise EngineUnavailable(f"No installed Argos package for {source}->{target}.")
        return pair.translate(text)


def engine() -> Translator:
    """The configured engine; Argos when installed with packages; else ``NoEngine``."""
    configured = getattr(settings, "CARTPATH_TRANSLATOR", "")
    if configured:
        module, _, factory = configured.partition(":")
        return getattr(importlib.import_module(module), factory)()
    try:
        return ArgosEngine()
    except ImportError:
        return NoEngine()


# --------------------------------------------------------------------------- the tracked task

class TranslationError(ValueError):
    pass


def request_translation(request: HttpRequest, case: Case, document_id: str,
                        target_language: str, note: str = "",
                        source_language: str = "") -> TranslationRequest:
    ref = documents.document(case, document_id)
    if ref is None:
        raise TranslationError("That document is not part of this case.")
    target_language = target_language.strip().lower()
    if not target_language or len(target_language) > 10:
        raise TranslationError("Give the target language as a code such as en, de or zh.")
    with transaction.atomic():
        item = TranslationRequest.objects.create(
            case=case, source_document_id=ref.id, source_title=ref.title[:200],
            target_language=target_language, requested_by=request.user, note=note[:500],
            source_language=(source_language or ref.language or "").strip().lower()[:10])
        log_event(case, CaseEvent.Kind.DOCUMENT,
                  f"Translation requested ({target_language}): {ref.title}", request.user)
        record(request, Action.CREATE, item, case=case, summary="translation requested")
    return item


def start(request: HttpRequest, item: TranslationRequest) -> TranslationRequest:
    if item.status in (TranslationRequest.Status.DONE, TranslationRequest.Status.CANCELLED):
        raise TranslationError("This translation is closed.")
    item.status, item.assigned_to = TranslationRequest.Status.IN_PROGRESS, request.user
    item.save(update_fields=["status", "assigned_to"])
    record(request, Action.UPDATE, item, case=item.case, summary="translation started")
    return item


def complete(request: HttpRequest, item: TranslationRequest, filename: str, content: bytes,
             content_type: str, *, engine_name: str = "") -> TranslationRequest:
    if item.status in (TranslationRequest.Status.DONE, TranslationRequest.Status.CANCELLED):
        raise TranslationError("This translation is closed.")
    if not content:
        raise TranslationError("The translated file is empty.")
    with transaction.atomic():
        stored = StoredFile(case=item.case, purpose=StoredFile.Purpose.TRANSLATION,
                            filename=filename.replace("/", "_")[:200] or "translation",
                            content_type=content_type[:100] or "application/octet-stream",
                            size=len(content), uploaded_by=request.user)
        stored.storage_name, stored.sha256 = documents.encrypt_and_store(content,
                                                                         stored.public_id)
        stored.save()
        item.result, item.status = stored, TranslationRequest.Status.DONE
        item.done_by, item.engine = request.user, engine_name
        item.completed_at = timezone.now()
        item.save()
        log_event(item.case, CaseEvent.Kind.DOCUMENT,
                  f"Translation done ({item.target_language}): {item.source_title}", request.user)
        record(request, Action.UPDATE, item, case=item.case, summary="translation attached")
    notify.send("translation", team_contacts(item.case),
                reverse("coordination:case_translations", args=[item.case.public_id]))
    return item


def machine_available(item: TranslationRequest, translator: Translator | None = None) -> bool:
    translator = translator or engine()
    return bool(item.source_language) and translator.available(item.source_language,
                                                               item.target_language)


def machine_translate(request: HttpRequest, item: TranslationRequest,
                      translator: Translator | None = None) -> TranslationRequest:
    """Run the offline engine on the text the vault read; the result is attached as a draft
    text file for a person to check (the engine's name is kept on the request)."""
    translator = translator or engine()
    if not item.source_language:
        raise TranslationError("Set the document's language first.")
    if not translator.available(item.source_language, item.target_language):
        raise TranslationError(getattr(translator, "reason", "") or
                               f"{translator.name} cannot translate {item.source_language} to "
                               f"{item.target_language} here.")
    text = documents.document_text(item.case, item.source_document_id)
    if not text:
        raise TranslationError("The record's text has not been read yet.")
    translated = translator.translate(text, item.source_language, item.target_language)
    header = (f"Machine translation ({translator.name}), {item.source_language} -> "
              f"{item.target_language}; to be checked by a person.\n\n")
    return complete(request, item, f"{item.source_title}.{item.target_language}.txt",
                    (header + translated).encode("utf-8"), "text/plain; charset=utf-8",
                    engine_name=translator.name)


def cancel(request: HttpRequest, item: TranslationRequest) -> TranslationRequest:
    if item.status != TranslationRequest.Status.DONE:
        item.status = TranslationRequest.Status.CANCELLED
        item.save(update_fields=["status"])
        record(request, Action.UPDATE, item, case=item.case, summary="translation cancelled")
    return item
