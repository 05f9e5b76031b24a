from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cartpath.accounts.models import Role
from cartpath.audit.log import Action, record
from cartpath.cases import services
from cartpath.cases.access import TEAM_ROLES, can_edit, get_case, is_partner_view
from cartpath.cases.forms import (AssignForm, DISEASE_CHOICES, NewCaseForm, NoteForm,
                                  PatientForm, StatusForm, TaskForm)
from cartpath.cases.lifecycle import LABELS, TransitionError
from cartpath.cases.models import Task
from cartpath.cases.panels import case_panels
from cartpath.cases.queue import VIEWS, QueueFilters, overdue_tasks, work_queue


def require_team_member(request: HttpRequest) -> None:
    if request.user.role not in TEAM_ROLES or not request.user.team_id:
        raise PermissionDenied


def case_context(request: HttpRequest, case, active: str) -> dict:  # noqa: ANN001
    """What every tab of a case page needs: the case, its tabs and whether one may edit."""
    return {"case": case, "panels": case_panels(request.user, case, active),
            "editable": can_edit(request.user, case)}


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    require_team_member(request)
    filters = QueueFilters(
        view=request.GET.get("view", "mine") if request.GET.get("view") in VIEWS else "mine",
        q=request.GET.get("q", "")[:100],
        status=request.GET.get("status", "") if request.GET.get("status") in LABELS else "",
        disease=request.GET.get("disease", ""),
    )
    page = Paginator(work_queue(request.user, filters), 25).get_page(request.GET.get("page"))
    record(request, Action.VIEW, object_type="cases.WorkQueue", summary=f"queue: {filters.view}")
    context = {
        "page": page, "filters": filters, "views": VIEWS.items(),
        "statuses": [(s.value, label) for s, label in LABELS.items()],
        "diseases": DISEASE_CHOICES,
        "overdue": overdue_tasks(request.user)[:10] if filters.view == "overdue" else [],
    }
    template = "cases/_queue_rows.html" if request.htmx else "cases/queue.html"
    return render(request, template, context)


@login_required
def new_case(request: HttpRequest) -> HttpResponse:
    require_team_member(request)
    patient_form = PatientForm(request.POST or None, prefix="patient")
    case_form = NewCaseForm(request.POST or None, prefix="case")
    if request.method == "POST" and patient_form.is_valid() and case_form.is_valid():
        with transaction.atomic():
            patient = patient_form.save()
            case = services.open_case(
                request, patient=patient, team=request.user.team, navigator=request.user,
                actor=request.user, **case_form.cleaned_data)
        messages.success(request, "Case opened.")
        return redirect("cases:detail", case.public_id)
    return render(request, "cases/new.html", {"patient_form": patient_form,
                                              "case_form": case_form})


@login_required
def detail(request: HttpRequest, case_id: str) -> HttpResponse:
    case = get_case(request, case_id)
    if request.user.role not in TEAM_ROLES or not request.user.team_id:
        # Families and partners have their own views of a case.
        if request.user.is_family:
            return redirect("portal:home")
        return redirect("coordination:partner_inbox")
    context = case_context(request, case, "overview")
    context.update({
        "status_form": StatusForm(current=case.status),
        "task_form": TaskForm(team=case.team),
        "note_form": NoteForm(),
        "assign_form": AssignForm(team=case.team, initial={"navigator": case.navigator}),
        "tasks": case.tasks.select_related("owner"),
        "events": case.events.select_related("actor")[:50],
    })
    return render(request, "cases/detail.html", context)


@login_required
@require_POST
def change_status(request: HttpRequest, case_id: str) -> HttpResponse:
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    form = StatusForm(request.POST, current=case.status)
    if not form.is_valid():
        messages.error(request, "That status change is not allowed from here.")
        return redirect("cases:detail", case.public_id)
    try:
        services.change_status(request, case, form.cleaned_data["status"], actor=request.user,
                               note=form.cleaned_data["note"])
    except TransitionError as exc:
        messages.error(request, str(exc))
    return redirect("cases:detail", case.public_id)


@login_required
@require_POST
def assign(request: HttpRequest, case_id: str) -> HttpResponse:
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    form = AssignForm(request.POST, team=case.team)
    if form.is_valid():
        services.assign_navigator(request, case, form.cleaned_data["navigator"])
    else:
        messages.error(request, "Choose a navigator of this team.")
    return redirect("cases:detail", case.public_id)


@login_required
@require_POST
def add_task(request: HttpRequest, case_id: str) -> HttpResponse:
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    form = TaskForm(request.POST, team=case.team)
    if form.is_valid():
        services.add_task(request, case, **form.cleaned_data)
        messages.success(request, "Task added.")
    else:
        messages.error(request, "The task needs a title; the owner must be in this team.")
    return redirect("cases:detail", case.public_id)


@login_required
@require_POST
def task_state(request: HttpRequest, case_id: str, task_id: str) -> HttpResponse:
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    task = get_object_or_404(Task, case=case, public_id=task_id)
    state = request.POST.get("state")
    if state not in Task.State.values:
        messages.error(request, "Unknown task state.")
    else:
        services.set_task_state(request, task, state)
    return redirect("cases:detail", case.public_id)


@login_required
@require_POST
def add_note(request: HttpRequest, case_id: str) -> HttpResponse:
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(request, case, form.cleaned_data["text"])
    else:
        messages.error(request, "A note cannot be empty or longer than 500 characters.")
    return redirect("cases:detail", case.public_id)


@login_required
def timeline(request: HttpRequest, case_id: str) -> HttpResponse:
    # Partners read the consented referral packet, never the case's own timeline.
    if is_partner_view(request.user):
        raise Http404("No such case")
    case = get_case(request, case_id)
    events = case.events.select_related("actor")
    if not can_edit(request.user, case):
        events = events.filter(family_visible=True)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "cases/timeline.html", {**case_context(request, case, "overview"),
                                                   "page": page})
