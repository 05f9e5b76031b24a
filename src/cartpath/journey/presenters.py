"""What the journey pages show, computed here so templates and views stay thin."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db.models import QuerySet

from cartpath.cases.models import Case
from cartpath.clinical import journey as rules
from cartpath.clinical.catalogue import load_catalogue
from cartpath.clinical.journey import Phase, Status
from cartpath.journey import services
from cartpath.journey.chart import Bar, Lane, Point, chart_svg, timeline_svg
from cartpath.journey.models import Journey

CHECKLIST = {
    "lodging": [
        ("lodging_booked", "Lodging booked within the distance the centre asks for, for the whole stay"),
        ("lodging_kitchen", "Kitchen or meals arranged (food hygiene matters after lymphodepletion)"),
        ("caregiver_confirmed", "Caregiver confirmed for the whole stay, day and night"),
    ],
    "transport": [
        ("transport_to_centre", "Transport to the centre arranged (you must not drive yourself)"),
        ("emergency_route", "Route to the centre's emergency entrance known, day and night"),
        ("return_trip", "Return trip planned after the centre clears you"),
    ],
    "documents": [
        ("id_insurance", "ID and insurance or funding documents"),
        ("medication_list", "List of current medicines and allergies"),
        ("records_copy", "Copies of recent records and scans"),
        ("wallet_card", "Patient wallet card from the centre (keep it with you)"),
    ],
    "international": [
        ("invitation_letter", "Invitation letter from the centre for the visa application"),
        ("visa", "Visa for patient and caregiver, valid for the whole stay"),
        ("records_translation", "Medical records translated (ask the centre which language)"),
        ("travel_insurance", "Travel or medical insurance that covers the stay"),
        ("payment_plan", "Payment guarantee or deposit agreed with the centre"),
    ],
}

BRING = {
    Phase.LEUKAPHERESIS: ["ID and insurance card", "Something to do for 3-4 hours",
                          "Warm clothes", "A light meal beforehand (ask the centre)"],
    Phase.BRIDGING: ["Your list of medicines", "Questions for the team"],
    Phase.LYMPHODEPLETION: ["List of medicines", "Caregiver's phone number",
                            "Clothes and things for the stay"],
    Phase.INFUSION: ["Caregiver", "Thermometer", "Diary (this app)", "Centre's 24-hour number"],
    Phase.MONITORING: ["Thermometer", "Blood-pressure monitor if you have one",
                       "Centre's 24-hour number", "This diary every day"],
}


@dataclass
class Row:
    phase: str
    label: str
    status: str
    planned_start: dt.date | None
    planned_end: dt.date | None
    actual_start: dt.date | None
    actual_end: dt.date | None
    attempt: int
    doses: list
    notes: str
    late: bool

    @property
    def status_label(self) -> str:
        return self.status.replace("_", " ")


def phase_rows(journey: Journey, today: dt.date) -> list[Row]:
    rows = []
    for rec in journey.phases.all():
        late = (rec.status in (Status.PLANNED, Status.IN_PROGRESS) and rec.planned_end is not None
                and rec.planned_end < today and rec.phase != Phase.FOLLOW_UP
                and not journey.cancelled)
        rows.append(Row(rec.phase, rec.label, rec.status, rec.planned_start, rec.planned_end,
                        rec.actual_start, rec.actual_end, rec.attempt, rec.doses, rec.notes, late))
    return rows


def stay_plan(journey: Journey) -> dict:
    schedule = services.schedule_of(journey)
    product = load_catalogue().product(journey.product_code)
    day0 = services.infusion_day0(journey)
    periods = None
    if day0 is not None:
        last = rules.date_of_day(day0, schedule.infusion_days[-1])
        periods = rules.post_infusion_periods(schedule, last)
    caregiver = product.raw.get("caregiver")
    return {
        "schedule": schedule, "periods": periods, "day0": day0,
        "caregiver_rule": caregiver,
        "caregiver_text": (caregiver.get("value") if isinstance(caregiver, dict) else None)
        or f"The reference does not state a caregiver requirement for {product.brand}: "
           "ask the centre.",
    }


def checklist(journey: Journey) -> list[dict]:
    groups = ["lodging", "transport", "documents"] + (["international"] if journey.international else [])
    done = journey.checklist or {}
    return [{"key": g, "title": g.title(), "items": [
        {"key": k, "label": label, "done": bool(done.get(k))} for k, label in CHECKLIST[g]]}
        for g in groups]


def family_view(journey: Journey, today: dt.date) -> dict:
    """What the family needs: where they are, what comes next and what to bring. Delay flags
    are for the team (a planned date that passed may just not be recorded yet)."""
    rows = [replace(r, late=False) for r in phase_rows(journey, today)]
    snap = services.snapshot_of(journey)
    current = snap.current
    if current is not None and snap.state(current).status != Status.IN_PROGRESS:
        current = None
    upcoming = [r for r in rows if r.status == Status.PLANNED and r.phase != Phase.BRIDGING]
    nxt = upcoming[0] if upcoming else None
    phase = current or (Phase(nxt.phase) if nxt else None)
    return {"rows": [r for r in rows if r.status != Status.SKIPPED], "current": current,
            "current_label": rules.PHASE_LABELS[current] if current else "",
            "next": nxt, "bring": BRING.get(phase, []) if phase else []}


def _max(*values):  # noqa: ANN002, ANN202
    present = [v for v in values if v is not None]
    return max(present) if present else None


def chart_for(journey: Journey) -> str:
    """One point per day: the highest temperature and grades reported that day."""
    points: dict[int, Point] = {}

    def merge(day: int, temperature=None, crs=None, icans=None) -> None:  # noqa: ANN001
        old = points.get(day, Point(day))
        points[day] = Point(day, _max(old.temperature, temperature), _max(old.crs, crs),
                            _max(old.icans, icans))

    for entry in journey.diary.all():
        if entry.day_number is not None and entry.temperature_c is not None:
            merge(entry.day_number, temperature=float(entry.temperature_c))
    for a in journey.assessments.all():
        if a.day_number is not None:
            merge(a.day_number, a.crs_input.get("temperature_c"), a.crs_grade, a.icans_grade)
    return chart_svg(points.values())


def _bars(journey: Journey, today: dt.date) -> list[Bar]:
    """Solid bars for what happened (up to today when still running), pale for what is
    planned, including the planned rest of a running phase."""
    bars = []
    for rec in journey.phases.all():
        if rec.phase == Phase.FOLLOW_UP or rec.status in (Status.SKIPPED, Status.CANCELLED):
            continue
        if rec.actual_start is None:
            bars.append(Bar(rec.phase, rec.label, rec.planned_start,
                            rec.planned_end or rec.planned_start, False))
            continue
        end = rec.actual_end or max(today, rec.actual_start)
        bars.append(Bar(rec.phase, rec.label, rec.actual_start, end, True))
        if rec.actual_end is None and rec.planned_end and rec.planned_end > end:
            bars.append(Bar(rec.phase, rec.label, end + dt.timedelta(days=1), rec.planned_end,
                            False))
    return bars


@dataclass
class BoardRow:
    case: Case
    journey: Journey
    current: str
    current_label: str
    day0: dt.date | None
    day: int | None
    late: list[str]
    open_alerts: int


def board(cases: QuerySet[Case], today: dt.date) -> dict:
    rows = []
    journeys = Journey.objects.filter(case__in=cases).select_related(
        "case", "case__patient", "case__navigator").prefetch_related("phases")
    for journey in journeys:
        local_today = services.today_for(journey)
        snap_current = services.snapshot_of(journey).current
        day0 = services.infusion_day0(journey)
        rows.append(BoardRow(
            case=journey.case, journey=journey,
            current=snap_current.value if snap_current else "stopped",
            current_label=rules.PHASE_LABELS[snap_current] if snap_current else "Stopped",
            day0=day0, day=rules.day_number(local_today, day0) if day0 else None,
            # The first overdue phase is what holds the journey up; later ones follow from it.
            late=[r.label for r in phase_rows(journey, local_today) if r.late][:1],
            open_alerts=journey.case.journey_alerts.filter(acknowledged_at__isnull=True).count()))
    week_end = today + dt.timedelta(days=7)
    lanes = [Lane(r.case.patient.full_name, tuple(_bars(r.journey, today)))
             for r in sorted(rows, key=lambda r: (r.day0 or dt.date.max))]
    return {
        "timeline": timeline_svg(lanes, today),
        "rows": sorted(rows, key=lambda r: (r.day0 or dt.date.max)),
        "manufacturing": [r for r in rows if r.current in (Phase.MANUFACTURING, Phase.QC_RELEASE)],
        "infusing": [r for r in rows if r.day0 and today <= r.day0 <= week_end
                     and r.current in (Phase.BRIDGING, Phase.LYMPHODEPLETION, Phase.INFUSION,
                                       Phase.QC_RELEASE, Phase.MANUFACTURING)],
        "delayed": [r for r in rows if r.late],
        "monitoring": [r for r in rows if r.current == Phase.MONITORING],
    }
