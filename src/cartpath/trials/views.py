from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cartpath.audit.log import Action, record
from cartpath.cases.access import get_case, is_partner_view
from cartpath.cases.views import case_context, require_team_member
from cartpath.trials import services
from cartpath.trials.models import ShortlistEntry

ANTIGENS = ["CD19", "CD20", "CD22", "BCMA", "GPRC5D", "CD30", "CD7", "CD5"]
MODALITIES = ["CAR-T", "bispecific"]


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


@login_required
def search(request: HttpRequest) -> HttpResponse:
    require_team_member(request)
    form = services.SearchForm(
        q=request.GET.get("q", "")[:300], recruiting_only=request.GET.get("recruiting") == "1",
        antigen=request.GET.get("antigen", "") if request.GET.get("antigen") in ANTIGENS else "",
        modality=request.GET.get("modality", "") if request.GET.get("modality") in MODALITIES
        else "", age=_float(request.GET.get("age")),
        sex=request.GET.get("sex", "") if request.GET.get("sex") in ("female", "male") else "")
    hits = services.search_registry(form) if request.GET else []
    return render(request, "trials/search.html", {"form": form, "hits": hits,
                                                  "antigens": ANTIGENS, "modalities": MODALITIES,
                                                  "searched": bool(request.GET)})


@login_required
def case_trials(request: HttpRequest, case_id: str) -> HttpResponse:
    require_team_member(request)
    case = get_case(request, case_id, summary="trial matches viewed")
    recruiting_only = request.GET.get("recruiting") == "1"
    ranked = services.rank_case(case, recruiting_only=recruiting_only)
    context = case_context(request, case, "trials")
    context.update({"ranked": ranked, "recruiting_only": recruiting_only,
                    "shortlist": case.trial_shortlist.all(),
                    "listed": set(case.trial_shortlist.values_list("nct_id", flat=True))})
    return render(request, "trials/case.html", context)


@login_required
def trial_for_case(request: HttpRequest, case_id: str, nct_id: str) -> HttpResponse:
    require_team_member(request)
    case = get_case(request, case_id, summary=f"trial {nct_id[:20]} matched")
    trial, match = services.match_one(case, nct_id)
    if trial is None:
        raise Http404("No such trial in the local registry")
    context = case_context(request, case, "trials")
    context.update({"trial": trial, "match": match, "rows": services.criteria_rows(match)})
    return render(request, "trials/trial.html", context)


@login_required
@require_POST
def add_to_shortlist(request: HttpRequest, case_id: str) -> HttpResponse:
    require_team_member(request)
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    try:
        services.shortlist(request, case, request.POST.get("nct_id", "")[:20],
                           request.POST.get("note", ""))
        messages.success(request, "Trial added to the shortlist.")
    except LookupError as exc:
        messages.error(request, str(exc))
    return redirect("trials:case", case.public_id)


@login_required
@require_POST
def remove_from_shortlist(request: HttpRequest, case_id: str, entry_id: str) -> HttpResponse:
    require_team_member(request)
    case = get_case(request, case_id, action=Action.UPDATE, edit=True)
    services.unlist(request, get_object_or_404(ShortlistEntry, case=case, public_id=entry_id))
    return redirect("trials:case", case.public_id)


@login_required
def family_shortlist(request: HttpRequest, case_id: str) -> HttpResponse:
    """The trials the navigator chose, in plain words, for the patient and caregiver."""
    if is_partner_view(request.user):
        raise Http404("No such case")  # partners see trials only if consented, in the packet
    case = get_case(request, case_id, summary="family trial shortlist viewed")
    record(request, Action.VIEW, object_type="trials.ShortlistEntry", case=case,
           summary="shortlist (family view)")
    return render(request, "trials/family.html", {"case": case,
                                                  "entries": case.trial_shortlist.all()})
