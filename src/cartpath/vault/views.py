"""Web views of the record vault: upload, the documents and facts tabs, the viewer.

Every view gets its case through ``get_case`` (404 for what the user may not see, audited) and
then narrows with ``vault.access``. Downloads and page views are audited one by one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cartpath.audit.log import Action, record
from cartpath.cases.access import get_case
from cartpath.cases.views import case_context
from cartpath.clinical.errors import ValidationError
from cartpath.vault import conf, facts as fact_service, services
from cartpath.vault.access import can_review, can_upload, visible_documents
from cartpath.vault.content import VaultIntegrityError, read_original, read_page_image
from cartpath.vault.models import DOCUMENT_TYPE_LABELS, Document, Fact
from cartpath.vault.viewer import boxed_page_image, page_panels


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _document(request: HttpRequest, case, document_id: str) -> Document:  # noqa: ANN001
    return get_object_or_404(visible_documents(request.user, case), public_id=document_id)


@login_required
def upload(request: HttpRequest, case_id: str) -> HttpResponse:
    """GET: the upload page. POST: any number of files (field ``files``); one per request
    from the enhanced uploader, which wants JSON back."""
    case = get_case(request, case_id, action=Action.CREATE if request.method == "POST"
                    else Action.VIEW, summary="record upload")
    if not can_upload(request.user, case):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "vault/upload.html", {"case": case})
    files = request.FILES.getlist("files")[:conf.max_files_per_upload()]
    outcomes = [services.upload_file(request, case, f) for f in files]
    if _wants_json(request):
        status = 200 if outcomes else 400
        return JsonResponse({"results": [o.as_dict() for o in outcomes]}, status=status)
    if not outcomes:
        messages.error(request, "Choose at least one file.")
    for outcome in outcomes:
        level = {"accepted": messages.SUCCESS, "duplicate": messages.INFO}.get(
            outcome.status, messages.ERROR)
        messages.add_message(request, level, f"{outcome.name}: {outcome.message}")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = ""
    return redirect(target or "vault:upload", *([] if target else [case.public_id]))


@login_required
def case_documents(request: HttpRequest, case_id: str) -> HttpResponse:
    case = get_case(request, case_id, summary="documents list")
    documents = list(visible_documents(request.user, case).select_related("uploaded_by",
                                                                          "duplicate_of"))
    groups = []
    for key, label in DOCUMENT_TYPE_LABELS.items():
        items = [d for d in documents if d.document_type == key and d.status not in
                 (Document.Status.REFUSED, Document.Status.DUPLICATE)]
        if items:
            groups.append({"key": key, "label": label, "documents": items})
    context = case_context(request, case, "documents")
    context.update(groups=groups, can_upload=can_upload(request.user, case),
                   refused=[d for d in documents if d.status == Document.Status.REFUSED],
                   duplicates=[d for d in documents if d.status == Document.Status.DUPLICATE],
                   active=any(d.is_active for d in documents))
    return render(request, "vault/case_documents.html", context)


@login_required
def progress(request: HttpRequest, case_id: str) -> HttpResponse:
    """The htmx-polled status of the case's documents being read (polling stops when done)."""
    case = get_case(request, case_id, summary="documents progress")
    documents = visible_documents(request.user, case).exclude(
        status__in=[Document.Status.REFUSED, Document.Status.DUPLICATE])[:50]
    return render(request, "vault/_progress.html", {
        "case": case, "documents": documents, "active": any(d.is_active for d in documents)})


@login_required
def document(request: HttpRequest, case_id: str, document_id: str) -> HttpResponse:
    case = get_case(request, case_id, summary="document viewer")
    doc = _document(request, case, document_id)
    record(request, Action.VIEW, doc, case=case, summary=f"viewed {doc.name}")
    facts = list(doc.facts.select_related("reviewed_by"))
    selected = request.GET.get("fact", "")
    context = case_context(request, case, "documents")
    context.update(document=doc, facts=facts, selected=selected,
                   reviewer=can_review(request.user, case),
                   pages=page_panels(doc, facts, selected))
    return render(request, "vault/document.html", context)


@login_required
def download(request: HttpRequest, case_id: str, document_id: str) -> HttpResponse:
    case = get_case(request, case_id, action=Action.DOWNLOAD, summary="document download")
    doc = _document(request, case, document_id)
    if not doc.has_content:
        raise Http404("No stored file")
    try:
        data = read_original(doc)
    except VaultIntegrityError as exc:
        record(request, Action.DENIED, doc, case=case, summary=f"integrity check failed: {exc}")
        return HttpResponse("This file failed its integrity check and cannot be served. "
                            "The team has been told.", status=500, content_type="text/plain")
    record(request, Action.DOWNLOAD, doc, case=case, summary=f"downloaded {doc.name}")
    response = HttpResponse(data, content_type=doc.mime or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, doc.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def page_image(request: HttpRequest, case_id: str, document_id: str, number: int) -> HttpResponse:
    case = get_case(request, case_id, summary="document page image")
    doc = _document(request, case, document_id)
    page = get_object_or_404(doc.pages.exclude(image_name=""), index=number - 1)
    try:
        png = read_page_image(page)
        fact = doc.facts.filter(public_id=request.GET.get("fact", ""), page=number).first()
        if fact is not None:
            png = boxed_page_image(doc, page, fact, png)
    except VaultIntegrityError as exc:
        raise Http404("Page image unavailable") from exc
    record(request, Action.VIEW, doc, case=case, summary=f"page {number} image of {doc.name}")
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def reprocess(request: HttpRequest, case_id: str, document_id: str) -> HttpResponse:
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    doc = _document(request, case, document_id)
    if not doc.has_content:
        messages.error(request, "Only stored documents can be read again.")
    else:
        services.reprocess(request, doc)
        messages.success(request, f"{doc.name} will be read again.")
    return redirect("vault:case_documents", case.public_id)


@login_required
def case_facts(request: HttpRequest, case_id: str) -> HttpResponse:
    case = get_case(request, case_id, summary="case facts")
    if not can_review(request.user, case):
        raise PermissionDenied
    fields = fact_service.case_fields(case)
    context = case_context(request, case, "facts")
    context.update(fields=fields, to_review=sum(f.to_review for f in fields),
                   conflicts=[f for f in fields if f.conflict],
                   field_choices=[(n, fact_service.FIELD_LABELS.get(n, n))
                                  for n in fact_service.CONTRACT_FIELDS],
                   prescreen_rows=fact_service.prescreen_rows(
                       fact_service.case_facts_for_prescreen(case)))
    return render(request, "vault/case_facts.html", context)


@login_required
@require_POST
def review_fact(request: HttpRequest, case_id: str, fact_id: str) -> HttpResponse:
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    fact = get_object_or_404(Fact, case=case, public_id=fact_id)
    action = request.POST.get("action", "")
    try:
        value = (fact_service.parse_value(request.POST.get("value", ""))
                 if action == "correct" else None)
        fact_service.review(request, fact, action, value, request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, f"Not saved: {exc.message}")
    return redirect(f"{_facts_url(case)}#field-{fact.field}")


@login_required
@require_POST
def add_fact(request: HttpRequest, case_id: str) -> HttpResponse:
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    name = request.POST.get("field", "")
    try:
        value = fact_service.parse_value(request.POST.get("value", ""))
        fact_service.enter(request, case, name, value, request.POST.get("note", ""))
        messages.success(request, "Fact recorded.")
    except ValidationError as exc:
        messages.error(request, f"Not saved: {exc.message}")
    return redirect(f"{_facts_url(case)}#field-{name}")


def _facts_url(case) -> str:  # noqa: ANN001
    from django.urls import reverse

    return reverse("vault:case_facts", args=[case.public_id])
