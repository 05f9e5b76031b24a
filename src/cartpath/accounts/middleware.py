from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def has_totp(user) -> bool:  # noqa: ANN001
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireStaffMFAMiddleware:
    """Staff roles (navigator, partner, clinician, admin) must set up TOTP before anything else.

    Patients and caregivers may add it but are not forced to: the barrier to asking for help
    must stay low, while people who see other people's records need the second factor.
    """

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/learn/", "/favicon")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "is_staff_role", False)
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and not request.session.get("mfa_ok")
        ):
            if not has_totp(user):
                return redirect("mfa_activate_totp")
            request.session["mfa_ok"] = True
        return self.get_response(request)
