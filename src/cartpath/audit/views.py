from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from cartpath.accounts.models import Role
from cartpath.audit.log import Action, record
from cartpath.audit.models import AuditEvent

EXPORT_FIELDS = ("at", "actor_email", "actor_role", "action", "object_type", "object_id",
                 "case_ref", "summary", "ip_address", "user_agent")


def _require_admin(request: HttpRequest) -> None:
    if request.user.role != Role.ADMIN:
        raise PermissionDenied


def _filtered(request: HttpRequest):  # noqa: ANN202
    events = AuditEvent.objects.all()
    for field in ("action", "actor_role"):
        if value := request.GET.get(field):
            events = events.filter(**{field: value})
    if case_ref := request.GET.get("case"):
        events = events.filter(case_ref=case_ref)
    if actor := request.GET.get("actor"):
        events = events.filter(actor_email__icontains=actor)
    return events


@login_required
def log(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    page = Paginator(_filtered(request), 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {
        "page": page, "actions": Action.choices, "filters": request.GET,
    })


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """Neutralise spreadsheet formulas: paths and user agents are attacker-controlled text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def export(request: HttpRequest) -> StreamingHttpResponse:
    _require_admin(request)
    record(request, Action.EXPORT, object_type="audit.AuditEvent", summary="audit log CSV export")
    writer = csv.writer(_Echo())
    events = _filtered(request).order_by("at", "id").values_list(*EXPORT_FIELDS)
    rows = (writer.writerow([_cell(value) for value in row]) for row in events.iterator())
    header = writer.writerow(EXPORT_FIELDS)
    response = StreamingHttpResponse(
        (line for part in ([header], rows) for line in part), content_type="text/csv"
    )
    response["Content-Disposition"] = 'attachment; filename="cartpath-audit.csv"'
    return response
