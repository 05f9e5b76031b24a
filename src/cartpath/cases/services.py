"""Changes to a case, each in one transaction with its timeline event and audit entry."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from cartpath.accounts.models import Team, User
from cartpath.audit.log import Action, record
from cartpath.cases.lifecycle import LABELS, Status, check_transition
from cartpath.cases.models import Case, CaseEvent, Patient, Task


def log_event(case: Case, kind: str, text: str, actor=None, *,  # noqa: ANN001
              family_visible: bool = False) -> CaseEvent:
    return CaseEvent.objects.create(case=case, kind=kind, text=text[:500], actor=actor,
                                    family_visible=family_visible)


@transaction.atomic
def open_case(request: HttpRequest | None, *, patient: Patient, team: Team,
              navigator: User | None = None, diagnosis_summary: str = "", disease: str = "",
              intake: dict | None = None, actor: User | None = None) -> Case:
    case = Case.objects.create(
        patient=patient, team=team, navigator=navigator, diagnosis_summary=diagnosis_summary,
        disease=disease, intake=intake or {},
    )
    log_event(case, CaseEvent.Kind.OPENED, "Case opened", actor, family_visible=True)
    record(request, Action.CREATE, case, case=case, actor=actor, summary="case opened")
    return case


@transaction.atomic
def change_status(request: HttpRequest | None, case: Case, target: str, *,
                  actor: User | None = None, note: str = "") -> Case:
    """Move the case along its lifecycle; raises ``TransitionError`` with the reason."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    previous = case.status
    destination = check_transition(previous, target)
    case.status = destination.value
    case.closed_at = timezone.now() if destination == Status.CLOSED else None
    case.save(update_fields=["status", "closed_at", "updated_at"])
    text = f"Status: {LABELS[Status(previous)]} → {LABELS[destination]}"
    if note:
        text += f" ({note})"
    log_event(case, CaseEvent.Kind.STATUS, text, actor, family_visible=True)
    record(request, Action.UPDATE, case, case=case, actor=actor, summary=text)
    return case


@transaction.atomic
def assign_navigator(request: HttpRequest, case: Case, navigator: User | None) -> Case:
    case.navigator = navigator
    case.save(update_fields=["navigator", "updated_at"])
    who = navigator.display_name if navigator else "nobody"
    log_event(case, CaseEvent.Kind.NOTE, f"Navigator assigned: {who}", request.user)
    record(request, Action.UPDATE, case, case=case, summary=f"navigator set to {who}")
    return case


@transaction.atomic
def add_task(request: HttpRequest | None, case: Case, *, title: str,
             owner: User | None = None, due_date: dt.date | None = None,
             actor: User | None = None) -> Task:
    actor = actor or (request.user if request is not None else None)
    task = Task.objects.create(case=case, title=title, owner=owner, due_date=due_date,
                               created_by=actor)
    log_event(case, CaseEvent.Kind.TASK, f"Task added: {title}", actor)
    record(request, Action.CREATE, task, case=case, actor=actor, summary=f"task: {title}")
    return task


@transaction.atomic
def set_task_state(request: HttpRequest, task: Task, state: str) -> Task:
    task.state = state
    task.completed_at = timezone.now() if state == Task.State.DONE else None
    task.save(update_fields=["state", "completed_at"])
    log_event(task.case, CaseEvent.Kind.TASK, f"Task {task.get_state_display().lower()}: "
              f"{task.title}", request.user)
    record(request, Action.UPDATE, task, case=task.case, summary=f"task {state}")
    return task


@transaction.atomic
def add_note(request: HttpRequest, case: Case, text: str) -> CaseEvent:
    event = log_event(case, CaseEvent.Kind.NOTE, text, request.user)
    record(request, Action.CREATE, event, case=case, summary="note added")
    return event
