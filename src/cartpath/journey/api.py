"""Journey API: a case's journey, diary entries, alerts and their acknowledgement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from cartpath.audit.log import Action, record
from cartpath.cases.access import TEAM_ROLES, can_edit, get_case, visible_cases
from cartpath.journey import services
from cartpath.journey.diary_rules import SYMPTOMS
from cartpath.journey.models import Alert, Journey

router = Router(tags=["journey"])


class PhaseOut(Schema):
    phase: str
    label: str
    status: str
    planned_start: dt.date | None
    planned_end: dt.date | None
    actual_start: dt.date | None
    actual_end: dt.date | None
    attempt: int
    doses: list[str]


class JourneyOut(Schema):
    case_id: str
    product_code: str
    indication_id: str
    time_zone: str
    planned_day0: dt.date | None
    current_phase: str | None
    cancelled: bool
    phases: list[PhaseOut]


class DiaryIn(Schema):
    temperature_c: Decimal | None = Field(None, ge=30, le=45)
    systolic: int | None = Field(None, ge=40, le=260)
    diastolic: int | None = Field(None, ge=20, le=180)
    symptoms: list[str] = []
    writing_sample: str = Field("", max_length=300)
    notes: str = Field("", max_length=1000)


class AlertOut(Schema):
    id: str
    case_id: str
    kind: str
    reason: str
    created_at: dt.datetime
    escalation_level: int
    acknowledged_at: dt.datetime | None
    acknowledged_by: str | None

    @staticmethod
    def of(a: Alert) -> "AlertOut":
        return AlertOut(id=a.public_id, case_id=a.case.public_id, kind=a.kind, reason=a.reason,
                        created_at=a.created_at, escalation_level=a.escalation_level,
                        acknowledged_at=a.acknowledged_at,
                        acknowledged_by=a.acknowledged_by.display_name if a.acknowledged_by else None)


class DiaryOut(Schema):
    id: str
    day_number: int | None
    escalated: bool
    writing_differs: bool
    alerts: list[AlertOut]
    call_now: str | None


def _journey(request: HttpRequest, case_id: str, **kwargs) -> Journey:  # noqa: ANN003
    case = get_case(request, case_id, **kwargs)
    if not (request.user.is_family or can_edit(request.user, case)):
        raise HttpError(404, "No such case")
    journey = Journey.objects.filter(case=case).first()
    if journey is None:
        raise HttpError(404, "This case has no journey yet")
    return journey


@router.get("/cases/{case_id}", response=JourneyOut)
def read_journey(request: HttpRequest, case_id: str):  # noqa: ANN201
    journey = _journey(request, case_id)
    current = services.snapshot_of(journey).current
    return JourneyOut(
        case_id=journey.case.public_id, product_code=journey.product_code,
        indication_id=journey.indication_id, time_zone=journey.time_zone,
        planned_day0=journey.planned_day0, current_phase=current.value if current else None,
        cancelled=journey.cancelled,
        phases=[PhaseOut(phase=r.phase, label=r.label, status=r.status,
                         planned_start=r.planned_start, planned_end=r.planned_end,
                         actual_start=r.actual_start, actual_end=r.actual_end, attempt=r.attempt,
                         doses=r.doses) for r in journey.phases.all()])


@router.post("/cases/{case_id}/diary", response={201: DiaryOut})
def add_diary(request: HttpRequest, case_id: str, payload: DiaryIn):  # noqa: ANN201
    # Ninja reads a JSON array as "no fields"; an entry must be a JSON object.
    if not request.body.lstrip().startswith(b"{"):
        raise HttpError(422, "the body must be a JSON object")
    journey = _journey(request, case_id, action=Action.UPDATE)
    unknown = [s for s in payload.symptoms if s not in SYMPTOMS]
    if unknown:
        raise HttpError(422, f"unknown symptoms {unknown}; use {sorted(SYMPTOMS)}")
    entry, alerts = services.add_diary_entry(request, journey, author=request.user,
                                             **payload.dict())
    call = None
    if alerts:
        call = "Call the care team now" + (f": {journey.centre_phone}" if journey.centre_phone
                                           else " on the centre's 24-hour number")
    return Status(201, DiaryOut(id=entry.public_id, day_number=entry.day_number,
                         escalated=entry.escalated, writing_differs=entry.writing_differs,
                         alerts=[AlertOut.of(a) for a in alerts], call_now=call))


def _require_team(request: HttpRequest) -> None:
    if request.user.role not in TEAM_ROLES or not request.user.team_id:
        raise HttpError(403, "Alerts are for the care team")


@router.get("/alerts", response=list[AlertOut])
def list_alerts(request: HttpRequest, open_only: bool = True):  # noqa: ANN201
    _require_team(request)
    items = Alert.objects.filter(case__in=visible_cases(request.user)).select_related(
        "case", "acknowledged_by")
    if open_only:
        items = items.filter(acknowledged_at__isnull=True)
    record(request, Action.VIEW, object_type="journey.Alert", summary="API alert list")
    return [AlertOut.of(a) for a in items[:500]]


@router.post("/alerts/{alert_id}/ack", response=AlertOut)
def ack_alert(request: HttpRequest, alert_id: str):  # noqa: ANN201
    _require_team(request)
    alert = get_object_or_404(Alert.objects.select_related("case"), public_id=alert_id)
    get_case(request, alert.case.public_id, action=Action.UPDATE, edit=True)
    services.acknowledge(request, alert, request.user)
    alert.refresh_from_db()
    return AlertOut.of(alert)
