from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from cartpath.audit.log import Action, record
from cartpath.cases import services
from cartpath.cases.access import get_case, is_partner_view, visible_cases
from cartpath.cases.lifecycle import TransitionError

router = Router(tags=["cases"])


class CaseOut(Schema):
    id: str
    status: str
    status_label: str
    diagnosis_summary: str
    disease: str
    patient_name: str
    navigator: str | None
    next_step: str
    opened_at: dt.datetime

    @staticmethod
    def from_case(case) -> "CaseOut":  # noqa: ANN001
        return CaseOut(
            id=case.public_id, status=case.status, status_label=case.get_status_display(),
            diagnosis_summary=case.diagnosis_summary, disease=case.disease,
            patient_name=case.patient.full_name,
            navigator=case.navigator.display_name if case.navigator else None,
            next_step=case.next_step, opened_at=case.opened_at)


class StatusIn(Schema):
    status: str
    note: str = ""


class TaskIn(Schema):
    title: str
    due_date: dt.date | None = None


class TaskOut(Schema):
    id: str
    title: str
    state: str
    due_date: dt.date | None


@router.get("/", response=list[CaseOut])
def list_cases(request: HttpRequest, status: str | None = None):  # noqa: ANN201
    if is_partner_view(request.user):
        return []  # partners get case data only through the consented referral packet
    cases = visible_cases(request.user).select_related("patient", "navigator")
    if status:
        cases = cases.filter(status=status)
    record(request, Action.VIEW, object_type="cases.Case", summary="API case list")
    return [CaseOut.from_case(case) for case in cases[:500]]


@router.get("/{case_id}", response=CaseOut)
def read_case(request: HttpRequest, case_id: str):  # noqa: ANN201
    if is_partner_view(request.user):
        raise Http404("No such case")
    return CaseOut.from_case(get_case(request, case_id))


@router.post("/{case_id}/status", response=CaseOut)
def change_status(request: HttpRequest, case_id: str, payload: StatusIn):  # noqa: ANN201
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    try:
        case = services.change_status(request, case, payload.status, actor=request.user,
                                      note=payload.note[:200])
    except TransitionError as exc:
        raise HttpError(409, str(exc)) from exc
    return CaseOut.from_case(case)


@router.post("/{case_id}/tasks", response={201: TaskOut})
def add_task(request: HttpRequest, case_id: str, payload: TaskIn):  # noqa: ANN201
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    title = payload.title.strip()
    if not title or len(title) > 200:
        raise HttpError(422, "title must be 1 to 200 characters")
    task = services.add_task(request, case, title=title, due_date=payload.due_date)
    return 201, TaskOut(id=task.public_id, title=task.title, state=task.state,
                        due_date=task.due_date)
