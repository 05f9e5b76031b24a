"""The background job that reads documents (django_tasks, queue "documents"), its retries and
the recovery of jobs whose worker died.

django_tasks_db marks a task RUNNING when a worker takes it; a worker killed mid-task leaves it
RUNNING forever. Documents therefore carry their own heartbeat: ``recover()`` finds documents
whose heartbeat is stale, closes the orphaned task and enqueues a fresh one, which resumes after
the last stored page. It runs when a worker starts, from a watchdog thread in every worker, and
as ``cartpath vault recover``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks import task

from cartpath.documents import DocumentError
from cartpath.vault import conf
from cartpath.vault.content import VaultIntegrityError
from cartpath.vault.models import Document

log = logging.getLogger(__name__)


@task(queue_name="documents")
def process_document_task(document_id: int) -> str:
    from cartpath.vault.processing import process

    try:
        return process(document_id)
    except DocumentError as exc:
        # The file itself cannot be read: retrying would fail the same way.
        _fail(document_id, f"{exc.message} ({exc.code})")
        return Document.Status.FAILED
    except VaultIntegrityError as exc:
        # Tampered or unreadable ciphertext: no retry will fix it, and it must be looked at.
        _fail(document_id, f"The stored file failed its integrity check: {exc}")
        return Document.Status.FAILED
    except Document.DoesNotExist:
        return "gone"
    except Exception as exc:
        _retry_or_fail(document_id, exc)
        raise


def _fail(document_id: int, message: str) -> None:
    Document.objects.filter(pk=document_id).update(
        status=Document.Status.FAILED, error=message[:300], heartbeat_at=timezone.now())


def _retry_or_fail(document_id: int, exc: Exception) -> None:
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return
    attempts = document.attempts + 1
    if attempts >= conf.max_attempts():
        Document.objects.filter(pk=document_id).update(attempts=attempts)
        _fail(document_id, f"Reading failed after {attempts} attempts: {exc}"[:300])
        return
    log.warning("document %s failed (attempt %s), retrying: %s", document_id, attempts, exc)
    Document.objects.filter(pk=document_id).update(
        attempts=attempts, status=Document.Status.QUEUED, error=f"retrying: {exc}"[:300],
        heartbeat_at=timezone.now())
    _enqueue(document_id)


def _enqueue(document_id: int) -> None:
    result = process_document_task.enqueue(document_id)
    Document.objects.filter(pk=document_id).update(job_id=str(result.id))


# --- recovery ---------------------------------------------------------------------------------


def _task_state(job_id: str) -> str | None:
    """The database task's status, or None when the backend keeps no such row."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover
        return None
    if not job_id:
        return None
    row = DBTaskResult.objects.filter(id=job_id).values_list("status", flat=True).first()
    return row


def _close_orphan(job_id: str) -> None:
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=job_id, status="RUNNING").update(
        status="FAILED", finished_at=timezone.now(),
        exception_class_path="cartpath.vault.jobs.WorkerLost",
        traceback="The worker stopped without finishing; the vault re-enqueued the document.")


def recover(now: dt.datetime | None = None) -> list[str]:
    """Re-enqueue documents whose job is dead; returns their public ids."""
    now = now or timezone.now()
    stale_before = now - dt.timedelta(seconds=conf.stale_seconds())
    recovered = []
    candidates = Document.objects.filter(
        status__in=[Document.Status.PROCESSING, Document.Status.QUEUED]).filter(
        heartbeat_at__lt=stale_before) | Document.objects.filter(
        status=Document.Status.QUEUED, heartbeat_at__isnull=True, uploaded_at__lt=stale_before)
    for document in candidates:
        state = _task_state(document.job_id)
        if document.status == Document.Status.QUEUED and state == "READY":
            continue  # simply waiting its turn behind other work
        with transaction.atomic():
            # Compare-and-set on the heartbeat: of two watchdogs, only one re-enqueues.
            claimed = Document.objects.filter(
                pk=document.pk, status=document.status, heartbeat_at=document.heartbeat_at,
            ).update(status=Document.Status.QUEUED, heartbeat_at=now,
                     error="resumed after the worker stopped")
            if not claimed:
                continue
            if state == "RUNNING":
                _close_orphan(document.job_id)
            transaction.on_commit(lambda pk=document.pk: _enqueue(pk))
        recovered.append(document.public_id)
        log.warning("re-enqueued document %s (job %s was %s)", document.public_id,
                    document.job_id, state)
    return recovered


def start_watchdog() -> threading.Thread:
    """A daemon thread in each worker process that runs ``recover()`` now and then."""

    def loop() -> None:
        while True:
            try:
                close_old_connections()
                recover()
            except Exception:  # a locked database must not kill the watchdog
                log.exception("vault recovery failed; will try again")
            finally:
                connection.close()
            threading.Event().wait(max(1.0, conf.stale_seconds() / 2))

    thread = threading.Thread(target=loop, name="vault-watchdog", daemon=True)
    thread.start()
    return thread
