"""The tabs of a case page. Each capability app serves its own tab under /cases/<id>/...;
the list is data so that the case template needs no logic."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from cartpath.accounts.models import Role

STAFF = {Role.NAVIGATOR, Role.CLINICIAN}

PANELS = (
    ("overview", _("Overview"), "cases:detail", STAFF),
    ("documents", _("Records"), "vault:case_documents", STAFF),
    ("facts", _("Facts"), "vault:case_facts", STAFF),
    ("prescreen", _("Pre-screen"), "screening:case", STAFF),
    ("trials", _("Trials"), "trials:case", STAFF),
    ("referrals", _("Referrals"), "coordination:case_referrals", STAFF),
    ("messages", _("Messages"), "coordination:case_messages", STAFF),
    ("journey", _("Journey"), "journey:case", STAFF),
    ("monitoring", _("Monitoring"), "journey:case_monitoring", STAFF),
    ("report", _("Report"), "portal:report", STAFF),
)


def case_panels(user, case, active: str) -> list[dict]:  # noqa: ANN001
    items = []
    for key, label, url_name, roles in PANELS:
        # Tabs are the team's workspace; partner clinicians have the referral packet instead.
        if user.role not in roles or user.team_id is None or user.team_id != case.team_id:
            continue
        try:
            url = reverse(url_name, args=[case.public_id])
        except NoReverseMatch:
            continue
        items.append({"key": key, "label": label, "url": url, "active": key == active})
    return items
