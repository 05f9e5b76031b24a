from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cartpath.audit.log import Action
from cartpath.cases import services as case_services
from cartpath.cases.access import get_case
from cartpath.cases.views import case_context, require_team_member
from cartpath.screening.presenters import present_run
from cartpath.screening.services import run_prescreen


@login_required
def case_prescreen(request: HttpRequest, case_id: str) -> HttpResponse:
    require_team_member(request)
    case = get_case(request, case_id, summary="pre-screen viewed")
    run = case.prescreens.first()
    context = case_context(request, case, "prescreen")
    context.update({"run": run, "view": present_run(run) if run else None})
    return render(request, "screening/case.html", context)


@login_required
@require_POST
def run(request: HttpRequest, case_id: str) -> HttpResponse:
    require_team_member(request)
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    run_prescreen(request, case)
    messages.success(request, "Pre-screen run on the case's confirmed facts.")
    return redirect("screening:case", case.public_id)


@login_required
@require_POST
def request_document(request: HttpRequest, case_id: str) -> HttpResponse:
    """Turn a missing fact's document into a task, so the request is not forgotten."""
    require_team_member(request)
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    document = request.POST.get("document", "").strip()[:150]
    if document:
        case_services.add_task(request, case, title=f"Request {document}", owner=request.user)
        messages.success(request, f"Task added: request {document}.")
    return redirect("screening:case", case.public_id)
