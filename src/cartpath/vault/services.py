"""Adding documents to a case: validate, deduplicate, encrypt, store, queue for reading.

Each upload is its own transaction with its timeline event and audit entry, so a batch of
files never half-succeeds: every file ends accepted, duplicate or refused, and a file that failed
in transit can simply be sent again (a resend of a stored file is recognised as a duplicate).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from cartpath.audit.log import Action, record
from cartpath.cases.models import Case, CaseEvent
from cartpath.cases.services import log_event
from cartpath.documents import DocumentError, safe_filename, sha256_hex, validate
from cartpath.vault import conf, storage
from cartpath.vault.content import seal_original
from cartpath.vault.models import Document

ACCEPTED, DUPLICATE, REFUSED = "accepted", "duplicate", "refused"


@dataclass(frozen=True)
class UploadOutcome:
    name: str
    status: str  # accepted | duplicate | refused
    message: str
    document: Document | None = None
    code: str = ""

    def as_dict(self) -> dict:
        return {"name": self.name, "status": self.status, "message": self.message,
                "code": self.code,
                "document": self.document.public_id if self.document is not None else None}


def upload(request: HttpRequest | None, case: Case, name: str | None, data: bytes, *,
           actor=None) -> UploadOutcome:  # noqa: ANN001
    """Store one file for ``case``; never raises for a bad file (it is refused with a reason)."""
    actor = actor or (getattr(request, "user", None) if request is not None else None)
    clean_name = safe_filename(name)
    digest = sha256_hex(data) if data else ""
    if case.documents.exclude(status=Document.Status.REFUSED).count() >= conf.max_documents_per_case():
        return _refuse(request, case, clean_name, data, digest, actor, DocumentError(
            "too_many_documents", "This case already holds the maximum number of documents."))
    try:
        info = validate(data, conf.limits())
    except DocumentError as exc:
        return _refuse(request, case, clean_name, data, digest, actor, exc)

    existing = _stored_copy(case, info.sha256)
    if existing is not None:
        return _duplicate(request, case, clean_name, info.size, info.sha256, existing, actor)

    document = Document(case=case, uploaded_by=actor, name=clean_name, size=info.size,
                        sha256=info.sha256, mime=info.mime, kind=info.kind,
                        page_count=info.page_count, status=Document.Status.QUEUED)
    seal_original(document, data)  # the ciphertext is written before the row that points to it
    try:
        with transaction.atomic():
            document.save()
            log_event(case, CaseEvent.Kind.DOCUMENT, f"Record added: {clean_name}", actor,
                      family_visible=True)
            record(request, Action.CREATE, document, case=case, actor=actor,
                   summary=f"uploaded {clean_name} ({info.kind}, {info.page_count} p.)")
            transaction.on_commit(lambda: enqueue_processing(document))
    except IntegrityError:
        # Another request stored the same file a moment ago: keep theirs, drop our blob.
        storage.delete(document.blob_name)
        existing = _stored_copy(case, info.sha256)
        if existing is None:
            raise
        return _duplicate(request, case, clean_name, info.size, info.sha256, existing, actor)
    return UploadOutcome(clean_name, ACCEPTED,
                         f"Received ({info.page_count} page{'s' if info.page_count != 1 else ''}); "
                         "it is being read now.", document)


def upload_file(request: HttpRequest | None, case: Case, uploaded, *,  # noqa: ANN001
                actor=None) -> UploadOutcome:  # noqa: ANN001
    """An uploaded file object: its declared size is checked before a byte is read into memory."""
    limit = conf.max_upload_bytes()
    if uploaded.size is not None and uploaded.size > limit:
        actor = actor or (getattr(request, "user", None) if request is not None else None)
        return _refuse(request, case, safe_filename(uploaded.name), b"", "", actor, DocumentError(
            "file_too_large",
            f"The file is {uploaded.size:,} bytes; the limit is {limit:,} bytes."))
    return upload(request, case, uploaded.name, uploaded.read(), actor=actor)


def _stored_copy(case: Case, digest: str) -> Document | None:
    return (case.documents.exclude(status__in=[Document.Status.REFUSED, Document.Status.DUPLICATE])
            .filter(sha256=digest).first())


@transaction.atomic
def _refuse(request, case: Case, name: str, data: bytes, digest: str, actor,  # noqa: ANN001
            exc: DocumentError) -> UploadOutcome:
    """Keep a record of the refusal and its reason, never the refused bytes."""
    document = Document.objects.create(
        case=case, uploaded_by=actor, name=name, size=len(data), sha256=digest,
        status=Document.Status.REFUSED, refusal_code=exc.code[:40],
        refusal_message=exc.message[:300])
    record(request, Action.CREATE, document, case=case, actor=actor,
           summary=f"refused {name}: {exc.code}")
    return UploadOutcome(name, REFUSED, exc.message, document, exc.code)


@transaction.atomic
def _duplicate(request, case: Case, name: str, size: int, digest: str,  # noqa: ANN001
               original: Document, actor) -> UploadOutcome:  # noqa: ANN001
    document = Document.objects.create(
        case=case, uploaded_by=actor, name=name, size=size, sha256=digest,
        status=Document.Status.DUPLICATE, duplicate_of=original, kind=original.kind,
        page_count=original.page_count, document_type=original.document_type)
    record(request, Action.CREATE, document, case=case, actor=actor,
           summary=f"duplicate of {original.public_id}")
    when = timezone.localtime(original.uploaded_at).strftime("%d %b %Y")
    return UploadOutcome(name, DUPLICATE,
                         f"Already received as “{original.name}” on {when}; one copy is kept.",
                         original, "duplicate")


def enqueue_processing(document: Document) -> None:
    """Queue the reading job (runs at once under the immediate backend)."""
    from cartpath.vault.jobs import process_document_task

    result = process_document_task.enqueue(document.pk)
    Document.objects.filter(pk=document.pk, status=Document.Status.QUEUED).update(
        job_id=str(result.id))


@transaction.atomic
def reprocess(request: HttpRequest, document: Document) -> Document:
    """Read again from the original (e.g. after an OCR upgrade); reviewed facts are kept."""
    document.pages.all().delete()
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.QUEUED, stage="", pages_read=0, pages_rendered=0, attempts=0,
        error="", heartbeat_at=None)
    record(request, Action.UPDATE, document, case=document.case, summary="reprocess requested")
    log_event(document.case, CaseEvent.Kind.DOCUMENT, f"Record re-read: {document.name}",
              request.user)
    transaction.on_commit(lambda: enqueue_processing(document))
    return document
