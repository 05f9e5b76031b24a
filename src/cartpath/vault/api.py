"""JSON API of the record vault, mounted at /api/documents/ (see /api/docs).

Every endpoint takes the case id first and resolves it through ``get_case``, so an invisible
case or document is a 404 exactly like a missing one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from ninja import File, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from cartpath.audit.log import Action, record
from cartpath.cases.access import get_case
from cartpath.vault import conf, services
from cartpath.vault.access import can_review, can_upload, visible_documents
from cartpath.vault.content import VaultIntegrityError, read_original
from cartpath.vault.facts import case_facts_for_prescreen
from cartpath.vault.models import Document, Fact

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: str
    name: str
    status: str
    progress: str
    document_type: str
    kind: str
    pages: int
    pages_read: int
    size: int
    sha256: str
    uploaded_at: dt.datetime
    refusal_code: str
    refusal_message: str
    duplicate_of: str | None

    @staticmethod
    def of(d: Document) -> "DocumentOut":
        return DocumentOut(
            id=d.public_id, name=d.name, status=d.status, progress=d.progress_text,
            document_type=d.document_type, kind=d.kind, pages=d.page_count,
            pages_read=d.pages_read, size=d.size, sha256=d.sha256, uploaded_at=d.uploaded_at,
            refusal_code=d.refusal_code, refusal_message=d.refusal_message,
            duplicate_of=d.duplicate_of.public_id if d.duplicate_of_id else None)


class UploadResult(Schema):
    name: str
    status: str
    message: str
    code: str
    document: str | None


class FactOut(Schema):
    id: str
    field: str
    value: Any
    effective_value: Any
    status: str
    source: str
    document: str | None
    page: int | None
    start: int | None
    end: int | None
    text: str
    reviewed_by: str | None
    reviewed_at: dt.datetime | None

    @staticmethod
    def of(f: Fact) -> "FactOut":
        return FactOut(
            id=f.public_id, field=f.field, value=f.value, effective_value=f.effective_value,
            status=f.status, source=f.source,
            document=f.document.public_id if f.document_id else None, page=f.page,
            start=f.start, end=f.end, text=f.text,
            reviewed_by=f.reviewed_by.email if f.reviewed_by_id else None,
            reviewed_at=f.reviewed_at)


@router.get("/cases/{case_id}", response=list[DocumentOut])
def list_documents(request: HttpRequest, case_id: str):  # noqa: ANN201
    case = get_case(request, case_id, summary="API documents list")
    return [DocumentOut.of(d) for d in
            visible_documents(request.user, case).select_related("duplicate_of")]


@router.post("/cases/{case_id}", response={200: list[UploadResult]})
def upload_documents(request: HttpRequest, case_id: str,  # noqa: ANN201
                     files: list[UploadedFile] = File(...)):  # noqa: B008
    case = get_case(request, case_id, action=Action.CREATE, summary="API upload")
    if not can_upload(request.user, case):
        raise HttpError(403, "Only the family and the case's team can add records.")
    if len(files) > conf.max_files_per_upload():
        raise HttpError(400, f"At most {conf.max_files_per_upload()} files per request.")
    return [UploadResult(**services.upload_file(request, case, f).as_dict())
            for f in files]


@router.get("/cases/{case_id}/facts")
def facts(request: HttpRequest, case_id: str) -> dict:
    case = get_case(request, case_id, summary="API case facts")
    if not can_review(request.user, case):
        raise HttpError(403, "Only the case's team reviews facts.")
    rows = Fact.objects.filter(case=case).select_related("document", "reviewed_by")
    return {"facts": [FactOut.of(f).dict() for f in rows],
            "prescreen": case_facts_for_prescreen(case)}


@router.get("/cases/{case_id}/{document_id}", response=DocumentOut)
def document_detail(request: HttpRequest, case_id: str, document_id: str):  # noqa: ANN201
    case = get_case(request, case_id, summary="API document")
    doc = get_object_or_404(visible_documents(request.user, case), public_id=document_id)
    record(request, Action.VIEW, doc, case=case, summary="API document status")
    return DocumentOut.of(doc)


@router.get("/cases/{case_id}/{document_id}/content")
def document_content(request: HttpRequest, case_id: str, document_id: str) -> HttpResponse:
    case = get_case(request, case_id, action=Action.DOWNLOAD, summary="API download")
    doc = get_object_or_404(visible_documents(request.user, case), public_id=document_id)
    if not doc.has_content:
        raise HttpError(404, "This upload was refused or is a duplicate; no file is stored.")
    try:
        data = read_original(doc)
    except VaultIntegrityError as exc:
        record(request, Action.DENIED, doc, case=case, summary=f"integrity check failed: {exc}")
        raise HttpError(409, "The stored file failed its integrity check.") from exc
    record(request, Action.DOWNLOAD, doc, case=case, summary=f"API downloaded {doc.name}")
    response = HttpResponse(data, content_type=doc.mime or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, doc.name)
    response["Cache-Control"] = "private, no-store"
    return response


@router.post("/cases/{case_id}/{document_id}/reprocess", response=DocumentOut)
def reprocess(request: HttpRequest, case_id: str, document_id: str):  # noqa: ANN201
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    doc = get_object_or_404(visible_documents(request.user, case), public_id=document_id)
    if not doc.has_content:
        raise HttpError(400, "Only stored documents can be read again.")
    services.reprocess(request, doc)
    doc.refresh_from_db()
    return DocumentOut.of(doc)
