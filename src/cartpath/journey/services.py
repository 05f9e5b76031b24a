"""Changes to a journey, each in one transaction with its timeline line and audit entry.

The rules (which step may follow which, the product's dates) live in the framework-free
``cartpath.clinical.journey``; this module loads a journey into a snapshot, asks the rules and
writes back what changed.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from cartpath.accounts.models import Role, User
from cartpath.audit.log import Action, record
from cartpath.cases.models import Case, CaseEvent
from cartpath.cases.services import log_event
from cartpath.clinical import journey as rules
from cartpath.clinical.catalogue import load_catalogue
from cartpath.clinical.journey import EVENT_LABELS, Event, JourneyError, Phase
from cartpath.journey import diary_rules
from cartpath.journey.models import (Alert, Assessment, BloodCount, CostItem, DiaryEntry,
                                     Journey, PhaseRecord, new_calendar_token)
from cartpath.journey.notify import notifiers

log = logging.getLogger(__name__)

__all__ = ["JourneyError", "create_journey", "apply_event", "add_diary_entry", "acknowledge",
           "escalate_due", "record_assessment", "add_blood_count", "schedule_of", "snapshot_of",
           "today_for", "rotate_calendar_token", "revoke_calendar_token", "add_cost", "cost_totals"]


# --------------------------------------------------------------------------- reading

def schedule_of(journey: Journey) -> rules.Schedule:
    product = load_catalogue().product(journey.product_code)
    infused = journey.phases.filter(phase=Phase.INFUSION).values_list("actual_start", flat=True)
    # The post-infusion rules in force on the infusion day (legacy before the 2025 change).
    on = next(iter(infused), None) or journey.planned_day0 or timezone.localdate()
    return rules.schedule_for(product, journey.indication_id or None, on)


def snapshot_of(journey: Journey) -> rules.Snapshot:
    phases = {}
    for rec in journey.phases.all():
        phases[Phase(rec.phase)] = rules.PhaseState(
            status=rules.Status(rec.status), planned_start=rec.planned_start,
            planned_end=rec.planned_end, actual_start=rec.actual_start, actual_end=rec.actual_end,
            attempt=rec.attempt, doses=tuple(dt.date.fromisoformat(d) for d in rec.doses))
    return rules.Snapshot(schedule=schedule_of(journey), phases=phases,
                          planned_day0=journey.planned_day0, cancelled=journey.cancelled)


def today_for(journey: Journey, now: dt.datetime | None = None) -> dt.date:
    """Today at the treating centre (not the server's or the viewer's date)."""
    return rules.local_date(now or timezone.now(), journey.time_zone)


def day_number(journey: Journey, on: dt.date) -> int | None:
    return None if journey.planned_day0 is None else rules.day_number(on, journey.planned_day0)


def infusion_day0(journey: Journey) -> dt.date | None:
    """Day 0 as given (first dose date minus its day number), else as planned."""
    rec = journey.phases.filter(phase=Phase.INFUSION).first()
    if rec and rec.doses:
        first_day = schedule_of(journey).infusion_days[0]
        return dt.date.fromisoformat(rec.doses[0]) - dt.timedelta(days=first_day)
    return journey.planned_day0


# --------------------------------------------------------------------------- journey changes

@transaction.atomic
def create_journey(request: HttpRequest | None, case: Case, *, product_code: str,
                   apheresis_date: dt.date, indication_id: str = "", time_zone: str = "UTC",
                   planned_day0: dt.date | None = None, centre_name: str = "",
                   centre_phone: str = "", actor: User | None = None) -> Journey:
    product = load_catalogue().product(product_code)  # KeyError for an unknown product
    rules.local_date(timezone.now(), time_zone)        # ZoneInfoNotFoundError for a bad zone
    schedule = rules.schedule_for(product, indication_id or None, planned_day0 or apheresis_date)
    snap = rules.new_snapshot(schedule, apheresis_date, planned_day0)
    journey = Journey.objects.create(
        case=case, product_code=product_code, indication_id=indication_id, time_zone=time_zone,
        planned_day0=snap.planned_day0, centre_name=centre_name, centre_phone=centre_phone)
    PhaseRecord.objects.bulk_create([
        PhaseRecord(journey=journey, phase=p.value, order=n, planned_start=snap.state(p).planned_start,
                    planned_end=snap.state(p).planned_end)
        for n, p in enumerate(Phase)])
    actor = actor or getattr(request, "user", None)
    log_event(case, CaseEvent.Kind.JOURNEY, f"Treatment journey planned: {product.brand}", actor,
              family_visible=True)
    record(request, Action.CREATE, journey, case=case, actor=actor,
           summary=f"journey {product_code}")
    return journey


@dataclass(frozen=True)
class Applied:
    message: str
    warnings: tuple[str, ...]


@transaction.atomic
def apply_event(request: HttpRequest | None, journey: Journey, event: str, on: dt.date, *,
                note: str = "", actor: User | None = None) -> Applied:
    """Record one journey step; raises ``JourneyError`` with the reason when refused."""
    journey = Journey.objects.select_for_update().get(pk=journey.pk)
    outcome = rules.apply(snapshot_of(journey), event, on)
    records = {r.phase: r for r in journey.phases.all()}
    for phase in outcome.changed:
        state = outcome.snapshot.state(phase)
        rec = records[phase.value]
        rec.status, rec.actual_start, rec.actual_end = state.status, state.actual_start, state.actual_end
        rec.attempt, rec.doses = state.attempt, [d.isoformat() for d in state.doses]
        if note and phase == outcome.changed[0]:
            rec.notes = (rec.notes + "\n" if rec.notes else "") + f"{on.isoformat()}: {note}"
        rec.save()
    if outcome.snapshot.cancelled and not journey.cancelled:
        journey.cancelled = True
        journey.save(update_fields=["cancelled", "updated_at"])
    _replan_after(journey, outcome, on)
    actor = actor or getattr(request, "user", None)
    text = f"{EVENT_LABELS[Event(event)]} ({on.isoformat()})"
    log_event(journey.case, CaseEvent.Kind.JOURNEY, text + (f": {note}" if note else ""), actor,
              family_visible=True)
    record(request, Action.UPDATE, journey, case=journey.case, actor=actor, summary=text)
    return Applied(outcome.message, outcome.warnings)


def _replan_after(journey: Journey, outcome: rules.Outcome, on: dt.date) -> None:
    """Keep planned dates honest: an infusion fixes day 0 and the post-infusion periods."""
    infusion = outcome.snapshot.state(Phase.INFUSION)
    if Phase.INFUSION not in outcome.changed or len(infusion.doses) != 1:
        return
    schedule = schedule_of(journey)
    day0 = infusion.doses[0] - dt.timedelta(days=schedule.infusion_days[0])
    journey.planned_day0 = day0
    journey.save(update_fields=["planned_day0", "updated_at"])
    last = rules.date_of_day(day0, schedule.infusion_days[-1])
    periods = rules.post_infusion_periods(schedule, last)
    journey.phases.filter(phase=Phase.INFUSION).update(planned_start=infusion.doses[0],
                                                       planned_end=last)
    journey.phases.filter(phase=Phase.MONITORING).update(
        planned_start=infusion.doses[0], planned_end=periods.monitoring_until)
    if periods.monitoring_until:
        journey.phases.filter(phase=Phase.FOLLOW_UP).update(
            planned_start=periods.monitoring_until + dt.timedelta(days=1))


@transaction.atomic
def replan(request: HttpRequest | None, journey: Journey, *, apheresis_date: dt.date,
           planned_day0: dt.date | None) -> Journey:
    """New planned dates (e.g. after a delay or re-manufacture); actual dates stay."""
    snap = rules.new_snapshot(schedule_of(journey), apheresis_date, planned_day0)
    for rec in journey.phases.all():
        state = snap.state(Phase(rec.phase))
        rec.planned_start, rec.planned_end = state.planned_start, state.planned_end
        rec.save(update_fields=["planned_start", "planned_end"])
    journey.planned_day0 = snap.planned_day0
    journey.save(update_fields=["planned_day0", "updated_at"])
    log_event(journey.case, CaseEvent.Kind.JOURNEY, "Journey dates re-planned",
              getattr(request, "user", None), family_visible=True)
    record(request, Action.UPDATE, journey, case=journey.case, summary="journey re-planned")
    return journey


# --------------------------------------------------------------------------- calendar link

@transaction.atomic
def rotate_calendar_token(request: HttpRequest | None, journey: Journey) -> str:
    journey.calendar_token = new_calendar_token()
    journey.save(update_fields=["calendar_token", "updated_at"])
    record(request, Action.SHARE, journey, case=journey.case, summary="calendar link (re)made")
    return journey.calendar_token


@transaction.atomic
def revoke_calendar_token(request: HttpRequest | None, journey: Journey) -> None:
    journey.calendar_token = ""
    journey.save(update_fields=["calendar_token", "updated_at"])
    record(request, Action.UPDATE, journey, case=journey.case, summary="calendar link revoked")


# --------------------------------------------------------------------------- stay planner

@transaction.atomic
def add_cost(request: HttpRequest, journey: Journey, *, description: str, amount: Decimal,
             currency: str, payer: str) -> CostItem:
    item = CostItem.objects.create(journey=journey, description=description, amount=amount,
                                   currency=currency.upper(), payer=payer,
                                   created_by=request.user)
    record(request, Action.CREATE, item, case=journey.case, summary="cost item added")
    return item


def cost_totals(journey: Journey) -> list[dict]:
    """Totals per currency and payer (amounts in different currencies are never added up)."""
    totals: dict[tuple[str, str], Decimal] = {}
    for item in journey.costs.all():
        key = (item.currency, item.get_payer_display())
        totals[key] = totals.get(key, Decimal(0)) + item.amount
    per_currency: dict[str, Decimal] = {}
    for (currency, _), amount in totals.items():
        per_currency[currency] = per_currency.get(currency, Decimal(0)) + amount
    rows = [{"currency": c, "payer": p, "amount": a} for (c, p), a in sorted(totals.items())]
    rows += [{"currency": c, "payer": "All", "amount": a} for c, a in sorted(per_currency.items())]
    return rows


# --------------------------------------------------------------------------- diary and alerts

def _diary_settings() -> dict:
    return {
        "sentence": getattr(settings, "CARTPATH_DIARY_SENTENCE", diary_rules.DEFAULT_SENTENCE),
        "alert_symptoms": tuple(getattr(settings, "CARTPATH_DIARY_ALERT_SYMPTOMS",
                                        diary_rules.DEFAULT_ALERT_SYMPTOMS)),
        "threshold": getattr(settings, "CARTPATH_DIARY_WRITING_SIMILARITY",
                             diary_rules.DEFAULT_WRITING_SIMILARITY),
    }


def diary_sentence() -> str:
    return _diary_settings()["sentence"]


def add_diary_entry(request: HttpRequest | None, journey: Journey, *, author: User | None,
                    temperature_c: Decimal | None = None, systolic: int | None = None,
                    diastolic: int | None = None, symptoms: list[str] | None = None,
                    writing_sample: str = "", notes: str = "") -> tuple[DiaryEntry, list[Alert]]:
    symptoms = [s for s in (symptoms or []) if s in diary_rules.SYMPTOMS]
    conf = _diary_settings()
    found = diary_rules.findings(temperature_c, symptoms, writing_sample, **conf)
    with transaction.atomic():
        now = timezone.now()
        entry = DiaryEntry.objects.create(
            journey=journey, author=author, recorded_at=now,
            day_number=day_number(journey, today_for(journey, now)),
            temperature_c=temperature_c, systolic=systolic, diastolic=diastolic,
            symptoms=symptoms, writing_sample=writing_sample[:300],
            writing_differs=diary_rules.writing_differs(writing_sample, conf["sentence"],
                                                        conf["threshold"]),
            notes=notes, escalated=bool(found))
        alerts = [Alert.objects.create(case=journey.case, diary_entry=entry, kind=f.kind,
                                       reason=f.reason, created_at=now, last_notified_at=now)
                  for f in found]
        log_event(journey.case, CaseEvent.Kind.NOTE, "Diary entry added", author)
        record(request, Action.CREATE, entry, case=journey.case, actor=author,
               summary="diary entry" + (" (alert)" if found else ""))
    # Notify after the commit so a failing mail server never loses the entry or the alert.
    for alert in alerts:
        _notify(alert, level=0)
    return entry, alerts


def recipients_for(alert: Alert, level: int) -> list[User]:
    """First call: the case navigator and the team's clinicians; re-escalation: the whole team."""
    team = User.objects.filter(team_id=alert.case.team_id, is_active=True,
                               role__in=[Role.NAVIGATOR, Role.CLINICIAN])
    if level == 0:
        team = team.filter(Q(role=Role.CLINICIAN) | Q(pk=alert.case.navigator_id))
    return list(team.order_by("pk"))


def _notify(alert: Alert, level: int) -> None:
    people = recipients_for(alert, level)
    for notifier in notifiers():
        try:
            notifier.notify(alert, people, level=level)
        except Exception:  # one broken channel must not silence the others
            log.exception("notifier %s failed for alert %s", type(notifier).__name__,
                          alert.public_id)


@transaction.atomic
def acknowledge(request: HttpRequest | None, alert: Alert, user: User) -> bool:
    """Mark an alert seen by a clinician or navigator; False if it already was."""
    changed = Alert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now(), acknowledged_by=user)
    if changed:
        alert.refresh_from_db()
        log_event(alert.case, CaseEvent.Kind.ALERT,
                  f"Alert acknowledged by {user.display_name}", user)
        record(request, Action.UPDATE, alert, case=alert.case, actor=user,
               summary="alert acknowledged")
    return bool(changed)


def escalation_window() -> dt.timedelta:
    return dt.timedelta(minutes=getattr(settings, "CARTPATH_ALERT_ESCALATE_MINUTES", 15))


def escalate_due(now: dt.datetime | None = None) -> int:
    """Re-notify every open alert not acknowledged within the window; returns how many.

    Idempotent: each alert is claimed with a conditional update on its last notification time,
    so two runs at once (cron and the task worker) never send the same reminder twice.
    """
    now = now or timezone.now()
    due = Alert.objects.filter(acknowledged_at__isnull=True,
                               last_notified_at__lte=now - escalation_window())
    sent = 0
    for alert in due.select_related("case"):
        claimed = Alert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True,
                                       last_notified_at=alert.last_notified_at).update(
            last_notified_at=now, escalation_level=alert.escalation_level + 1)
        if claimed:
            alert.escalation_level += 1
            alert.last_notified_at = now
            _notify(alert, level=alert.escalation_level)
            sent += 1
    return sent


# --------------------------------------------------------------------------- clinician data

def _grade(operation: str, payload: dict) -> tuple[int | None, str]:
    """Ask the clinical core for a grade; its explanation is kept with the assessment."""
    from cartpath import clinical

    function = getattr(clinical, operation, None)
    if function is None:
        return None, "Grading is not available in this installation."
    try:
        result = function({"id": "assessment", **payload})
    except Exception as exc:  # noqa: BLE001 - the core's validation error carries the message
        return None, f"Not graded: {getattr(exc, 'message', exc)}"
    if "error" in result:
        return None, f"Not graded: {result['error'].get('message', '')}"
    return result.get("grade"), str(result.get("explanation", ""))


@transaction.atomic
def record_assessment(request: HttpRequest | None, journey: Journey, *, crs_input: dict,
                      icans_input: dict, clinician: User,
                      assessed_at: dt.datetime | None = None) -> Assessment:
    assessed_at = assessed_at or timezone.now()
    crs_grade, crs_why = _grade("grade_crs", crs_input)
    icans_grade, icans_why = _grade("grade_icans", icans_input)
    assessment = Assessment.objects.create(
        journey=journey, clinician=clinician, assessed_at=assessed_at,
        day_number=day_number(journey, today_for(journey, assessed_at)),
        crs_input=crs_input, icans_input=icans_input, crs_grade=crs_grade,
        crs_explanation=crs_why, icans_grade=icans_grade, icans_explanation=icans_why)
    record(request, Action.CREATE, assessment, case=journey.case, actor=clinician,
           summary="CRS/ICANS assessment")
    return assessment


@transaction.atomic
def add_blood_count(request: HttpRequest | None, journey: Journey, *, taken_on: dt.date,
                    values: dict, before_lymphodepletion: bool, actor: User) -> BloodCount:
    """Store a blood count; before lymphodepletion, CAR-HEMATOTOX comes from the clinical core."""
    score = None
    if before_lymphodepletion:
        from cartpath import clinical

        function = getattr(clinical, "hematotox", None)
        if function is not None:
            try:
                score = function({"id": "hematotox", **values})
            except Exception as exc:  # noqa: BLE001
                score = {"error": {"message": str(getattr(exc, "message", exc))}}
    count = BloodCount.objects.create(
        journey=journey, taken_on=taken_on, day_number=day_number(journey, taken_on),
        before_lymphodepletion=before_lymphodepletion, values=values, hematotox=score,
        created_by=actor)
    record(request, Action.CREATE, count, case=journey.case, actor=actor, summary="blood count")
    return count
