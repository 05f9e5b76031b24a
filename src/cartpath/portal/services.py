"""The portal's changes, each in one transaction with its timeline event and audit entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation

from cartpath.accounts.models import CaregiverInvitation, Role, Team, User, opaque_id
from cartpath.audit.log import Action, record
from cartpath.cases import services as case_services
from cartpath.cases.models import Case, CaseEvent, Patient
from cartpath.learn.products import disease_label, histology_label
from cartpath.portal.intake import facts_from_answers
from cartpath.portal.models import DocumentRequest
from cartpath.portal.prescreening import preliminary


def intake_team() -> Team:
    """The team new inquiries go to: CARTPATH_INTAKE_TEAM by name, else the first team, else a
    new "Intake" team (so a fresh installation takes inquiries from day one)."""
    name = getattr(settings, "CARTPATH_INTAKE_TEAM", "")
    if name:
        return Team.objects.get_or_create(name=name)[0]
    return Team.objects.order_by("id").first() or Team.objects.create(name="Intake")


def diagnosis_summary(answers: dict[str, Any]) -> str:
    """A short English line for the navigators' work queue."""
    diagnosis = answers.get("diagnosis", {})
    with translation.override("en"):
        parts = [disease_label(diagnosis.get("disease")) or "diagnosis not sure"]
        if diagnosis.get("subtype"):
            parts.append(histology_label(diagnosis["subtype"]))
        if diagnosis.get("status") and diagnosis["status"] != "unsure":
            parts.append(diagnosis["status"].replace("_", " "))
    return ", ".join(parts)[:200] + " (reported by family)"


@dataclass
class Submission:
    case: Case
    user: User
    result: dict[str, Any]


def _patient_user(user: User, answers: dict[str, Any]) -> User:
    """The account the case belongs to. A caregiver never signs in as the patient: the patient
    gets an inactive placeholder account (claimable later by a navigator) and the caregiver is
    linked to it by an accepted invitation, the same link a patient grants from the portal."""
    about = answers["about"]
    if about["filled_by"] != "caregiver":
        return user
    placeholder = User.objects.create_user(f"patient-{opaque_id().lower()}@patients.invalid", None,
                                           full_name=about["patient_name"], role=Role.PATIENT,
                                           is_active=False)
    CaregiverInvitation.objects.create(patient=placeholder, email=user.email, caregiver=user,
                                       relationship=about.get("relationship", ""),
                                       accepted_at=timezone.now())
    return placeholder


@transaction.atomic
def submit_inquiry(request: HttpRequest, answers: dict[str, Any], account: dict[str, Any],
                   password: str) -> Submission:
    """Account + patient + inquiry case + preliminary pre-screen + document requests."""
    about = answers["about"]
    caregiver = about["filled_by"] == "caregiver"
    user = User.objects.create_user(
        account["email"], password, full_name=account["contact_name"],
        role=Role.CAREGIVER if caregiver else Role.PATIENT,
        preferred_language=translation.get_language() or "")
    patient_user = _patient_user(user, answers)
    country = about.get("country", "").strip()
    patient = Patient.objects.create(
        user=patient_user, full_name=about["patient_name"],
        country=country.upper() if len(country) == 2 else "",
        language=translation.get_language() or "", email="" if caregiver else user.email,
        phone=account.get("phone", ""))
    facts = facts_from_answers(answers)
    result = preliminary(facts)
    case = case_services.open_case(
        request, patient=patient, team=intake_team(), diagnosis_summary=diagnosis_summary(answers),
        disease=facts.get("disease") or "", actor=user,
        intake={"facts": facts, "answers": answers, "filled_by": about["filled_by"],
                "contact": {"name": account["contact_name"], "email": user.email,
                            "phone": account.get("phone", "")},
                "preliminary": result, "source": "portal questionnaire"})
    case.review_consent_at = timezone.now()
    case.save(update_fields=["review_consent_at"])
    record(request, Action.CREATE, case, case=case, actor=user,
           summary="review consent given in the questionnaire"
           + (" by a caregiver with the patient's permission" if caregiver else ""))
    case_services.log_event(case, CaseEvent.Kind.PRESCREEN,
                            "Preliminary self-check from the questionnaire answers "
                            "(to be confirmed by the treating team)", user, family_visible=True)
    for document in result["documents"]:
        DocumentRequest.objects.create(case=case, fact=document["fact"],
                                       title=document["detail"][:200] or document["fact"],
                                       detail=document["detail"][:500])
    return Submission(case=case, user=user, result=result)


def account_exists(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def preliminary_for(answers: dict[str, Any]) -> dict:
    return preliminary(facts_from_answers(answers))


def send_existing_account_notice(request: HttpRequest, email: str) -> None:
    """A link and no medical detail: the address already has an account, sign in there."""
    from django.core.mail import send_mail

    link = request.build_absolute_uri(reverse("account_login"))
    send_mail(
        _("Your cartpath account"),
        _("Someone asked for an assessment with this e-mail address, which already has a "
          "cartpath account. If it was you, sign in to continue: %(link)s\n"
          "If it was not you, you can ignore this message.") % {"link": link},
        None, [email])


def send_verification(request: HttpRequest, user: User) -> None:
    """allauth's own confirmation mail: the account works only once the address is confirmed."""
    from allauth.account.internal.flows.email_verification import (
        send_verification_email_to_address)
    from allauth.account.models import EmailAddress

    address, _created = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": False})
    send_verification_email_to_address(request, address, signup=True)


# ---- caregivers -------------------------------------------------------------------------

@transaction.atomic
def invite_caregiver(request: HttpRequest, patient: User, email: str,
                     relationship: str = "") -> CaregiverInvitation:
    invitation, created = CaregiverInvitation.objects.get_or_create(
        patient=patient, email=email.lower(), defaults={"relationship": relationship})
    if not created:  # inviting again after a revocation renews the consent
        invitation.revoked_at = None
        invitation.caregiver = None
        invitation.accepted_at = None
        invitation.consented_at = timezone.now()
        invitation.relationship = relationship or invitation.relationship
        invitation.save()
    record(request, Action.SHARE, invitation, summary="caregiver invited")
    return invitation


def send_invitation(request: HttpRequest, invitation: CaregiverInvitation) -> None:
    """A link and who sent it; no medical detail in an e-mail."""
    link = request.build_absolute_uri(reverse("accept_caregiver", args=[invitation.token]))
    subject = _("You are invited to follow a case on cartpath")
    body = _("%(name)s invited you to follow their case on cartpath as a caregiver.\n\n"
             "Sign in or create an account with this e-mail address, then open:\n%(link)s\n\n"
             "If you did not expect this message, you can ignore it.") % {
        "name": invitation.patient.display_name, "link": link}
    send_mail(subject, body, None, [invitation.email])


@transaction.atomic
def revoke_caregiver(request: HttpRequest, invitation: CaregiverInvitation) -> None:
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(request, Action.UPDATE, invitation, summary="caregiver access revoked")
        # A calendar link needs no login; one the caregiver may hold must stop working too.
        from cartpath.journey.models import Journey

        for journey in Journey.objects.filter(case__patient__user=invitation.patient):
            journey.calendar_token = ""
            journey.save(update_fields=["calendar_token"])


def mark_document_sent(request: HttpRequest, case: Case, document: DocumentRequest) -> None:
    with transaction.atomic():
        document.fulfilled_at = timezone.now()
        document.save(update_fields=["fulfilled_at"])
        case_services.log_event(case, CaseEvent.Kind.DOCUMENT,
                                "The family marked a requested document as sent", request.user,
                                family_visible=True)
        record(request, Action.UPDATE, document, case=case, summary="document request marked sent")


@transaction.atomic
def request_document(request: HttpRequest, case: Case, title: str) -> DocumentRequest:
    document = DocumentRequest.objects.create(case=case, title=title, created_by=request.user)
    case_services.log_event(case, CaseEvent.Kind.DOCUMENT, f"Document requested: {title}",
                            request.user, family_visible=True)
    record(request, Action.CREATE, document, case=case, summary="document requested from family")
    return document
