from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from cartpath.accounts.models import Role

# Where each role starts after signing in.
HOME_BY_ROLE = {
    Role.NAVIGATOR: "cases:queue",
    Role.CLINICIAN: "cases:queue",
    Role.PARTNER: "coordination:partner_inbox",
    Role.PATIENT: "portal:home",
    Role.CAREGIVER: "portal:home",
    Role.ADMIN: "audit:log",
}


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        try:
            return redirect(reverse(HOME_BY_ROLE[request.user.role]))
        except (KeyError, NoReverseMatch):
            pass
    try:
        return redirect(reverse("learn:index"))
    except NoReverseMatch:
        return render(request, "home.html")


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found"}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Internal error; nothing was changed."}, status=500)
    return render(request, "500.html", status=500)
