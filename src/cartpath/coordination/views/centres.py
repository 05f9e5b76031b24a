"""The directory of centres: search for everyone who works cases; import/export for managers."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from cartpath.accounts.models import Role
from cartpath.audit.log import Action, record
from cartpath.coordination import directory
from cartpath.coordination.forms import CentreImportForm, CentreSearchForm
from cartpath.coordination.geo import city_coordinates
from cartpath.coordination.views.common import (DIRECTORY_ROLES, attachment,
                                                require_directory_manager)

SEARCH_ROLES = DIRECTORY_ROLES | {Role.CLINICIAN, Role.PARTNER}
MAX_IMPORT_BYTES = 2 * 1024 * 1024
PAGE_SIZE = 50


def origin_of(data: dict) -> tuple[tuple[float, float] | None, str]:
    """Where distances are measured from: typed coordinates, else a known city."""
    if data.get("latitude") is not None and data.get("longitude") is not None:
        return (data["latitude"], data["longitude"]), ""
    if data.get("city"):
        found = city_coordinates(data["city"], data.get("country") or "")
        if found is None:
            return None, "That city is not in the list of known places; enter coordinates."
        return found, ""
    return None, ""


@login_required
def centres(request: HttpRequest) -> HttpResponse:
    if request.user.role not in SEARCH_ROLES:
        raise PermissionDenied
    form = CentreSearchForm(request.GET or None)
    results, problem, origin = [], "", None
    if form.is_valid():
        data = form.cleaned_data
        origin, problem = origin_of(data)
        if data.get("radius_km") and origin is None and not problem:
            problem = "A distance needs a starting point: a city or coordinates."
        results = directory.search_centres(
            product=data.get("product") or "", language=(data.get("language") or "").lower(),
            origin=origin, radius_km=data.get("radius_km") if origin else None)
    elif not request.GET:
        results = directory.search_centres()
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "coordination/centres.html", {
        "form": form, "total": len(results), "query": query.urlencode(),
        "page": Paginator(results, PAGE_SIZE).get_page(request.GET.get("page")),
        "problem": problem, "origin": origin,
        "import_form": CentreImportForm(),
        "can_manage": request.user.role in DIRECTORY_ROLES})


@login_required
def export_centres(request: HttpRequest) -> HttpResponse:
    require_directory_manager(request)
    buffer = io.StringIO()
    count = directory.export_centres(buffer)
    record(request, Action.EXPORT, object_type="coordination.Centre",
           summary=f"directory export, {count} centres")
    return attachment(buffer.getvalue().encode("utf-8"), "centres.csv", "text/csv; charset=utf-8")


@login_required
@require_POST
def import_centres(request: HttpRequest) -> HttpResponse:
    require_directory_manager(request)
    form = CentreImportForm(request.POST, request.FILES)
    result = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", "The file is larger than 2 MB.")
        else:
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                form.add_error("file", "The file must be UTF-8 encoded CSV.")
            else:
                result = directory.import_centres(io.StringIO(text))
                record(request, Action.UPDATE, object_type="coordination.Centre",
                       summary=f"directory import: {result.created} new, {result.updated} "
                               f"updated, {len(result.errors)} errors")
                if not result.errors:
                    messages.success(request, f"Imported: {result.created} new, "
                                              f"{result.updated} updated.")
    return render(request, "coordination/centres_import.html",
                  {"import_form": form, "result": result},
                  status=200 if result is not None and not result.errors else
                  (400 if result is None else 200))
