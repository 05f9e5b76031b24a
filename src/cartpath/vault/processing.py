"""Reading one document, resumably: every page is committed as soon as it is read, so a job
that dies (worker killed, machine restarted) resumes at the first page without a row.

Stages: starting -> reading (text per page, OCR when needed) -> rendering (page images for the
viewer) -> classifying -> extracting -> ready. A heartbeat thread keeps ``heartbeat_at`` fresh
while the job lives; ``recover()`` re-enqueues documents whose heartbeat went stale.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from cartpath.cases.models import CaseEvent
from cartpath.cases.services import log_event
from cartpath.documents import Page, analyse_pages, read_page, render_page_png
from cartpath.vault import conf
from cartpath.vault.content import (data_key, read_original, read_page_text, seal_page_text,
                                    store_page_image)
from cartpath.vault.facts import store_extraction
from cartpath.vault.models import Document, DocumentPage

RENDERABLE = {"pdf", "png", "jpeg", "tiff"}


def _touch(document_id: int, **fields) -> None:  # noqa: ANN003
    Document.objects.filter(pk=document_id).update(heartbeat_at=timezone.now(), **fields)


@contextmanager
def heartbeat(document_id: int):  # noqa: ANN201
    """Refresh the heartbeat from a side thread, so one slow OCR page never looks dead."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(conf.heartbeat_seconds()):
                try:
                    _touch(document_id)
                except Exception:  # a busy database: the next beat will do
                    continue
        finally:
            connection.close()  # the thread's own connection

    if connection.in_atomic_block:
        # Inside a caller's transaction (demo loading, tests) a second connection would only
        # wait for its locks; nobody can see the heartbeat before commit anyway.
        yield
        return

    thread = threading.Thread(target=beat, name=f"heartbeat-{document_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def process(document_id: int) -> str:
    """Run (or resume) the reading of one document; returns its final status."""
    document = Document.objects.select_related("case").get(pk=document_id)
    if document.status in (Document.Status.REFUSED, Document.Status.DUPLICATE):
        return document.status
    if document.status == Document.Status.READY:
        return document.status  # idempotent: an extra enqueue does nothing
    _touch(document.pk, status=Document.Status.PROCESSING, stage="starting")
    with heartbeat(document.pk):
        data = read_original(document)
        key = data_key(document)
        limits = conf.limits()
        _read_pages(document, data, key, limits)
        if document.kind in RENDERABLE:
            _render_pages(document, data, key)
        _touch(document.pk, stage="classifying")
        pages = [Page(p.index, read_page_text(p, key), p.method, p.assertion or None)
                 for p in document.pages.order_by("index")]
        classification, extraction = analyse_pages(pages)
        _touch(document.pk, stage="extracting", document_type=classification.document_type,
               type_cues=list(classification.cues)[:12])
        with transaction.atomic():
            store_extraction(document, extraction)
            _touch(document.pk, status=Document.Status.READY, stage="done",
                   processed_at=timezone.now(), error="")
            log_event(document.case, CaseEvent.Kind.DOCUMENT,
                      f"Record read: {document.name} ({len(pages)} p., "
                      f"{classification.document_type.replace('_', ' ')})", None,
                      family_visible=True)
    return Document.Status.READY


def _read_pages(document: Document, data: bytes, key: bytes, limits) -> None:  # noqa: ANN001
    done = set(document.pages.values_list("index", flat=True))
    for index in range(document.page_count):
        if index in done:
            continue
        _touch(document.pk, stage="reading", pages_read=len(done))
        page = read_page(data, document.kind, index, limits)
        try:
            with transaction.atomic():
                DocumentPage.objects.create(
                    document=document, index=index, method=page.method,
                    assertion=page.assertion or "", chars=len(page.text),
                    text_blob=seal_page_text(document, index, page.text, key))
        except IntegrityError:
            pass  # another run stored this page meanwhile: keep the first, never a second row
        done.add(index)
    _touch(document.pk, pages_read=len(done))


def _render_pages(document: Document, data: bytes, key: bytes) -> None:
    pages = list(document.pages.filter(image_name="").order_by("index"))
    rendered = document.page_count - len(pages)
    for page in pages:
        _touch(document.pk, stage="rendering", pages_rendered=rendered)
        png = render_page_png(data, document.kind, page.index, conf.viewer_dpi(), conf.limits())
        name = store_page_image(document, page.index, png, key)
        DocumentPage.objects.filter(pk=page.pk).update(image_name=name)
        rendered += 1
    _touch(document.pk, pages_rendered=rendered)
