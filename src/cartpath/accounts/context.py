from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from cartpath.accounts.models import Role

# (label, url name, roles that see it). The list is data so the template stays logic-free.
NAVIGATION = (
    (_("Work queue"), "cases:queue", {Role.NAVIGATOR, Role.CLINICIAN, Role.ADMIN}),
    (_("Journeys"), "journey:board", {Role.NAVIGATOR, Role.CLINICIAN, Role.ADMIN}),
    (_("Trials"), "trials:search", {Role.NAVIGATOR, Role.CLINICIAN}),
    (_("Centres"), "coordination:centres", {Role.NAVIGATOR, Role.ADMIN}),
    (_("Referrals"), "coordination:partner_inbox", {Role.PARTNER, Role.CLINICIAN}),
    (_("My case"), "portal:home", {Role.PATIENT, Role.CAREGIVER}),
    (_("Audit log"), "audit:log", {Role.ADMIN}),
)


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        for label, url_name, roles in NAVIGATION:
            if user.role not in roles:
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:  # a capability not installed in this deployment
                continue
            items.append({"label": label, "url": url,
                          "current": request.path.startswith(url)})
    return {"nav_items": items}
