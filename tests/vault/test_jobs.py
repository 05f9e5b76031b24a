from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cartpath.vault import services
from cartpath.vault.jobs import process_document_task, recover
from cartpath.vault.models import Document
from tests.vault import builders


def _queued(world, data: bytes = b"Consult note. ECOG performance status 1.\n") -> Document:  # noqa: ANN001
    """A stored document whose job has not run (no on-commit callbacks in a test transaction)."""
    outcome = services.upload(None, world.alice_case, "note.txt", data, actor=world.nina)
    return outcome.document


def test_a_job_run_twice_stores_each_page_once(world):
    document = _queued(world, builders.text_pdf(pages=3))
    process_document_task.call(document.pk)
    Document.objects.filter(pk=document.pk).update(status="processing")
    process_document_task.call(document.pk)
    document.refresh_from_db()
    assert document.status == "ready" and document.pages.count() == 3


def test_a_job_resumes_after_the_pages_already_stored(world):
    document = _queued(world, builders.text_pdf(pages=3))
    process_document_task.call(document.pk)
    first_page = document.pages.get(index=0)
    document.pages.exclude(index=0).delete()
    Document.objects.filter(pk=document.pk).update(status="processing")
    process_document_task.call(document.pk)
    assert document.pages.count() == 3
    assert document.pages.get(index=0).pk == first_page.pk  # not read again


def test_a_vanished_file_is_retried_then_marked_failed(world, settings):
    import pytest

    from cartpath.vault import storage

    document = _queued(world)
    storage.delete(document.blob_name)
    with pytest.raises(Exception):
        process_document_task.call(document.pk)
    document.refresh_from_db()
    assert document.status == "failed" and document.attempts == 3
    assert "after 3 attempts" in document.error


def test_a_tampered_file_fails_at_once_without_retries(world, settings):
    from pathlib import Path

    document = _queued(world)
    path = Path(settings.CARTPATH_VAULT_DIR) / document.blob_name
    path.write_bytes(path.read_bytes()[:-2] + b"xx")
    assert process_document_task.call(document.pk) == "failed"
    document.refresh_from_db()
    assert document.attempts == 0 and "integrity" in document.error


def test_recovery_restarts_a_document_whose_heartbeat_is_stale(world, committed):
    document = _queued(world)
    old = timezone.now() - dt.timedelta(hours=1)
    Document.objects.filter(pk=document.pk).update(status="processing", heartbeat_at=old)
    with committed():
        assert recover() == [document.public_id]
    document.refresh_from_db()
    assert document.status == "ready"


def test_recovery_leaves_a_live_job_alone(world):
    document = _queued(world)
    Document.objects.filter(pk=document.pk).update(status="processing",
                                                   heartbeat_at=timezone.now())
    assert recover() == []
