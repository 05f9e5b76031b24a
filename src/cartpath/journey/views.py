"""Journey pages: the navigators' board, the case tabs, the family's page and diary, alerts and
the calendar feed. Every case-scoped view goes through ``cases.access.get_case``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cartpath.audit.log import Action, record
from cartpath.cases.access import TEAM_ROLES, can_edit, get_case, visible_cases
from cartpath.cases.views import case_context
from cartpath.clinical.journey import JourneyError, allowed_events
from cartpath.journey import presenters, services
from cartpath.journey.calendar import journey_calendar
from cartpath.journey.diary_rules import SYMPTOMS
from cartpath.journey.forms import (AssessmentForm, BloodCountForm, CostForm, DiaryForm,
                                    EventForm, JourneyForm, ReplanForm, StayForm)
from cartpath.journey.models import Alert, Journey


def _team_only(request: HttpRequest) -> None:
    if request.user.role not in TEAM_ROLES or not request.user.team_id:
        raise PermissionDenied


def _family_or_team(request: HttpRequest, case) -> None:  # noqa: ANN001
    """The cost sheet and calendar link belong to the family and the case team, not partners."""
    if not (request.user.is_family or can_edit(request.user, case)):
        raise Http404("No such case")


def _journey(case) -> Journey | None:  # noqa: ANN001
    return Journey.objects.filter(case=case).first()


def _staff_case(request: HttpRequest, case_id: str, **kwargs):  # noqa: ANN003, ANN202
    """Team members of the case only (edit=True is the team rule); others get 404."""
    return get_case(request, case_id, edit=True, **kwargs)


@login_required
def board(request: HttpRequest) -> HttpResponse:
    _team_only(request)
    today = timezone.localdate()
    context = presenters.board(visible_cases(request.user), today)
    record(request, Action.VIEW, object_type="journey.Board", summary="journey board")
    return render(request, "journey/board.html", {**context, "today": today})


@login_required
def case(request: HttpRequest, case_id: str) -> HttpResponse:
    case = _staff_case(request, case_id)
    journey = _journey(case)
    context = case_context(request, case, "journey")
    if journey is None:
        context["form"] = JourneyForm(initial={"product_code": "", "time_zone": "UTC"})
        return render(request, "journey/case.html", context)
    today = services.today_for(journey)
    snap = services.snapshot_of(journey)
    allowed = allowed_events(snap, today)
    context.update({
        "journey": journey, "today": today, "rows": presenters.phase_rows(journey, today),
        "allowed": allowed, "current": snap.current,
        "event_form": EventForm(allowed=allowed, initial={"on": today}),
        "replan_form": ReplanForm(initial={"planned_day0": journey.planned_day0}),
        "stay": presenters.stay_plan(journey), "checklist": presenters.checklist(journey),
        "stay_form": StayForm(initial={"caregiver_name": journey.caregiver_name,
                                       "lodging": journey.lodging,
                                       "centre_phone": journey.centre_phone,
                                       "international": journey.international}),
        "cost_form": CostForm(), "costs": journey.costs.all(),
        "totals": services.cost_totals(journey),
        "calendar_url": (request.build_absolute_uri(f"/journey/calendar/{journey.calendar_token}.ics")
                         if journey.calendar_token else ""),
    })
    return render(request, "journey/case.html", context)


@login_required
@require_POST
def create(request: HttpRequest, case_id: str) -> HttpResponse:
    case = _staff_case(request, case_id, action=Action.UPDATE)
    form = JourneyForm(request.POST)
    if _journey(case) is not None:
        messages.error(request, "This case already has a journey.")
    elif form.is_valid():
        services.create_journey(request, case, **form.cleaned_data)
        messages.success(request, "Journey planned from the product's label data.")
    else:
        context = case_context(request, case, "journey") | {"form": form}
        return render(request, "journey/case.html", context, status=400)
    return redirect("journey:case", case.public_id)


@login_required
@require_POST
def transition(request: HttpRequest, case_id: str) -> HttpResponse:
    case = _staff_case(request, case_id, action=Action.UPDATE)
    journey = get_object_or_404(Journey, case=case)
    form = EventForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a step and a valid date.")
        return redirect("journey:case", case.public_id)
    try:
        done = services.apply_event(request, journey, form.cleaned_data["event"],
                                    form.cleaned_data["on"], note=form.cleaned_data["note"])
    except JourneyError as exc:
        messages.error(request, f"Not recorded: {str(exc).rstrip('.')}.")
    else:
        messages.success(request, done.message)
        for warning in done.warnings:
            messages.warning(request, warning)
    return redirect("journey:case", case.public_id)


@login_required
@require_POST
def replan(request: HttpRequest, case_id: str) -> HttpResponse:
    case = _staff_case(request, case_id, action=Action.UPDATE)
    journey = get_object_or_404(Journey, case=case)
    form = ReplanForm(request.POST)
    if form.is_valid():
        services.replan(request, journey, **form.cleaned_data)
        messages.success(request, "Dates re-planned.")
    else:
        messages.error(request, "Give a valid cell collection date.")
    return redirect("journey:case", case.public_id)


@login_required
@require_POST
def stay(request: HttpRequest, case_id: str) -> HttpResponse:
    case = _staff_case(request, case_id, action=Action.UPDATE)
    journey = get_object_or_404(Journey, case=case)
    form = StayForm(request.POST)
    if form.is_valid():
        for field, value in form.cleaned_data.items():
            setattr(journey, field, value)
        journey.checklist = {key: True for key in request.POST.getlist("done")
                             if any(key == k for g in presenters.CHECKLIST.values() for k, _ in g)}
        journey.save()
        record(request, Action.UPDATE, journey, case=case, summary="stay plan updated")
        messages.success(request, "Stay plan saved.")
    return redirect("journey:case", case.public_id)


@login_required
@require_POST
def add_cost(request: HttpRequest, case_id: str) -> HttpResponse:
    """Navigators and the family fill in the cost sheet."""
    case = get_case(request, case_id, action=Action.UPDATE)
    _family_or_team(request, case)
    journey = get_object_or_404(Journey, case=case)
    form = CostForm(request.POST)
    if form.is_valid():
        services.add_cost(request, journey, **form.cleaned_data)
        messages.success(request, "Cost added.")
    else:
        messages.error(request, "Cost not added: " + "; ".join(
            f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    target = "journey:family" if request.user.is_family else "journey:case"
    return redirect(target, case.public_id)


@login_required
@require_POST
def calendar_link(request: HttpRequest, case_id: str) -> HttpResponse:
    # Read first; the share itself is recorded by the service once the role check passes.
    case = get_case(request, case_id)
    _family_or_team(request, case)
    journey = get_object_or_404(Journey, case=case)
    if request.POST.get("action") == "revoke":
        services.revoke_calendar_token(request, journey)
        messages.success(request, "Calendar link revoked; the old link no longer works.")
    else:
        services.rotate_calendar_token(request, journey)
        messages.success(request, "New calendar link made; any older link no longer works.")
    target = "journey:family" if request.user.is_family else "journey:case"
    return redirect(target, case.public_id)


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: the long random token is the credential; a revoked token is a 404."""
    if len(token) < 32:
        raise Http404
    journey = Journey.objects.filter(calendar_token=token).select_related("case").first()
    if journey is None:
        raise Http404
    record(request, Action.EXPORT, journey, case=journey.case, summary="calendar feed read")
    response = HttpResponse(journey_calendar(journey), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def monitoring(request: HttpRequest, case_id: str) -> HttpResponse:
    case = _staff_case(request, case_id)
    journey = _journey(case)
    context = case_context(request, case, "monitoring") | {"journey": journey}
    if journey is not None:
        age = case.patient.age_on(timezone.localdate())
        context.update({
            "diary": journey.diary.all()[:30], "assessments": journey.assessments.all(),
            "counts": journey.blood_counts.all(), "chart": presenters.chart_for(journey),
            "alerts": case.journey_alerts.all()[:20], "symptom_labels": SYMPTOMS,
            "assessment_form": AssessmentForm(initial={"age_years": age, "oxygen_device": "room_air",
                                                       "vasopressors_excluding_vasopressin": 0}),
            "count_form": BloodCountForm(initial={"taken_on": services.today_for(journey)}),
        })
    return render(request, "journey/monitoring.html", context)


@login_required
@require_POST
def assessment(request: HttpRequest, case_id: str) -> HttpResponse:
    case = _staff_case(request, case_id, action=Action.UPDATE)
    journey = get_object_or_404(Journey, case=case)
    form = AssessmentForm(request.POST)
    if form.is_valid():
        crs, icans = form.inputs()
        a = services.record_assessment(request, journey, crs_input=crs, icans_input=icans,
                                       clinician=request.user)
        messages.success(request, f"Assessment saved: CRS grade {a.crs_grade if a.crs_grade is not None else '—'}, "
                                  f"ICANS grade {a.icans_grade if a.icans_grade is not None else '—'} "
                                  "(to be confirmed by the treating team).")
    else:
        messages.error(request, "Assessment not saved: " + "; ".join(
            f"{form.fields[k].label if k in form.fields else k}: {' '.join(v)}"
            for k, v in form.errors.items()))
    return redirect("journey:case_monitoring", case.public_id)


@login_required
@require_POST
def blood_count(request: HttpRequest, case_id: str) -> HttpResponse:
    case = _staff_case(request, case_id, action=Action.UPDATE)
    journey = get_object_or_404(Journey, case=case)
    form = BloodCountForm(request.POST)
    if form.is_valid() and form.values():
        services.add_blood_count(request, journey, taken_on=form.cleaned_data["taken_on"],
                                 values=form.values(), actor=request.user,
                                 before_lymphodepletion=form.cleaned_data["before_lymphodepletion"])
        messages.success(request, "Blood count saved.")
    else:
        messages.error(request, "Blood count not saved: give a date and at least one value.")
    return redirect("journey:case_monitoring", case.public_id)


@login_required
def family(request: HttpRequest, case_id: str) -> HttpResponse:
    case = get_case(request, case_id)
    _family_or_team(request, case)
    journey = _journey(case)
    context = {"case": case, "journey": journey}
    if journey is not None:
        today = services.today_for(journey)
        context.update(presenters.family_view(journey, today))
        context.update({"today": today, "stay": presenters.stay_plan(journey),
                        "checklist": presenters.checklist(journey), "cost_form": CostForm(),
                        "costs": journey.costs.all(), "totals": services.cost_totals(journey),
                        "calendar_url": (request.build_absolute_uri(
                            f"/journey/calendar/{journey.calendar_token}.ics")
                            if journey.calendar_token else "")})
    return render(request, "journey/family.html", context)


@login_required
def diary(request: HttpRequest, case_id: str) -> HttpResponse:
    case = get_case(request, case_id, action=Action.UPDATE if request.method == "POST" else Action.VIEW)
    _family_or_team(request, case)
    journey = get_object_or_404(Journey, case=case)
    form = DiaryForm(request.POST or None)
    alerts = []
    if request.method == "POST" and form.is_valid():
        _entry, alerts = services.add_diary_entry(request, journey, author=request.user,
                                                  **form.cleaned_data)
        if not alerts:
            messages.success(request, "Thank you: today's entry is saved.")
            return redirect("journey:diary", case.public_id)
        form = DiaryForm()
    context = {"case": case, "journey": journey, "form": form, "alerts": alerts,
               "sentence": services.diary_sentence(), "entries": journey.diary.all()[:14],
               "symptom_labels": SYMPTOMS}
    return render(request, "journey/diary.html", context, status=200)


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    _team_only(request)
    items = Alert.objects.filter(case__in=visible_cases(request.user)).select_related(
        "case", "case__patient", "acknowledged_by")
    show = request.GET.get("show", "open")
    if show != "all":
        items = items.filter(acknowledged_at__isnull=True)
    record(request, Action.VIEW, object_type="journey.Alert", summary="alert list")
    return render(request, "journey/alerts.html", {"alerts": items[:200], "show": show})


@login_required
def alert(request: HttpRequest, alert_id: str) -> HttpResponse:
    _team_only(request)
    item = get_object_or_404(Alert.objects.select_related("case"), public_id=alert_id)
    case = get_case(request, item.case.public_id, edit=True, summary="alert opened")
    return render(request, "journey/alert.html", {"alert": item, "case": case})


@login_required
@require_POST
def acknowledge(request: HttpRequest, alert_id: str) -> HttpResponse:
    _team_only(request)
    item = get_object_or_404(Alert.objects.select_related("case"), public_id=alert_id)
    get_case(request, item.case.public_id, action=Action.UPDATE, edit=True)
    with transaction.atomic():
        if services.acknowledge(request, item, request.user):
            messages.success(request, "Alert acknowledged.")
        else:
            messages.info(request, "This alert was already acknowledged.")
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/journey/")
                    else "journey:alerts")
