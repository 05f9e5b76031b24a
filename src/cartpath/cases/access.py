"""Who may see which case: the one place where object-level access is decided.

Every view, API endpoint and export asks here. A case the user may not see answers exactly as
a case that does not exist (404), so no response reveals whether someone else's case exists.
Every successful read of case data is written to the audit trail, and so is every refusal.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from cartpath.accounts.models import Role
from cartpath.audit.log import Action, record
from cartpath.cases.models import Case

TEAM_ROLES = {Role.NAVIGATOR, Role.CLINICIAN}


def visible_cases(user) -> QuerySet[Case]:  # noqa: ANN001
    if user is None or not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    role = user.role
    if role == Role.PATIENT:
        return Case.objects.filter(patient__user=user)
    if role == Role.CAREGIVER:
        return Case.objects.filter(
            patient__user__caregiver_invitations__caregiver=user,
            patient__user__caregiver_invitations__revoked_at__isnull=True,
        ).distinct()
    if role in TEAM_ROLES and user.team_id:
        return Case.objects.filter(team_id=user.team_id)
    if role in {Role.PARTNER, Role.CLINICIAN} and user.organisation_id:
        from cartpath.coordination.models import Referral

        referred = Referral.objects.live().filter(organisation_id=user.organisation_id)
        return Case.objects.filter(id__in=referred.values("case_id"))
    # Administrators run the platform; they do not read clinical records by default.
    return Case.objects.none()


def can_edit(user, case: Case) -> bool:  # noqa: ANN001
    """Navigators (and team clinicians) work the case; families and partners add through
    their own narrower actions (uploads, messages, replies)."""
    return user.role in TEAM_ROLES and user.team_id is not None and case.team_id == user.team_id


def is_partner_view(user) -> bool:  # noqa: ANN001
    return user.role in {Role.PARTNER, Role.CLINICIAN} and not user.team_id


def get_case(request: HttpRequest, public_id: str, *, action: str = Action.VIEW,
             edit: bool = False, summary: str = "") -> Case:
    """The case if this user may see it (and edit it when ``edit``), else 404; audited."""
    case = visible_cases(request.user).select_related("patient", "team", "navigator").filter(
        public_id=public_id).first()
    if case is None or (edit and not can_edit(request.user, case)):
        record(request, Action.DENIED, object_type="cases.Case", object_id=public_id[:64],
               summary=summary or "case not visible to this user")
        raise Http404("No such case")
    if not _repeated_poll(request, action, case):
        record(request, action, case, case=case, summary=summary)
    return case


def _repeated_poll(request: HttpRequest, action: str, case: Case) -> bool:
    """An htmx partial polling a page the same person just read adds no new information to
    the trail; it would bury the real reads under one row every two seconds."""
    if action != Action.VIEW or not getattr(request, "htmx", False):
        return False
    from datetime import timedelta

    from django.utils import timezone

    from cartpath.audit.models import AuditEvent

    return AuditEvent.objects.filter(
        actor=request.user, case_ref=case.public_id, action=Action.VIEW,
        at__gte=timezone.now() - timedelta(minutes=5)).exists()


@rules.predicate
def sees_case(user, case) -> bool:  # noqa: ANN001
    return case is not None and visible_cases(user).filter(pk=case.pk).exists()


@rules.predicate
def edits_case(user, case) -> bool:  # noqa: ANN001
    return case is not None and can_edit(user, case)


rules.add_perm("cases.view_case", sees_case)
rules.add_perm("cases.change_case", edits_case)
