"""Who takes part in a case's coordination: the team, the family, a partner's staff."""

from __future__ import annotations

from django.db.models import QuerySet

from cartpath.accounts.models import CaregiverInvitation, Organisation, Role, User
from cartpath.cases.access import TEAM_ROLES, is_partner_view
from cartpath.cases.models import Case


def is_team_member(user, case: Case) -> bool:  # noqa: ANN001
    return user.role in TEAM_ROLES and user.team_id is not None and user.team_id == case.team_id


def team_contacts(case: Case) -> list[User]:
    if case.navigator_id and case.navigator.is_active:
        return [case.navigator]
    return list(User.objects.filter(team=case.team, role=Role.NAVIGATOR, is_active=True))


def family_members(case: Case) -> list[User]:
    people = []
    patient_user = case.patient.user
    if patient_user is not None and patient_user.is_active:
        people.append(patient_user)
        caregivers = CaregiverInvitation.objects.filter(
            patient=patient_user, caregiver__isnull=False, revoked_at__isnull=True,
            caregiver__is_active=True).select_related("caregiver")
        people.extend(invitation.caregiver for invitation in caregivers)
    return people


def partner_staff(organisation: Organisation) -> QuerySet[User]:
    return User.objects.filter(organisation=organisation, is_active=True, team__isnull=True,
                               role__in=[Role.PARTNER, Role.CLINICIAN])


def is_partner(user) -> bool:  # noqa: ANN001
    return bool(user.is_authenticated and is_partner_view(user) and user.organisation_id)
