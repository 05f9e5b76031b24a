"""Sending a case to partners, their replies, reminders and withdrawal of consent.

Each change runs in one transaction with its timeline event and audit entry; e-mails go out
after the change is saved and carry only a link (see ``notify``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from cartpath.accounts.models import Organisation
from cartpath.audit.log import Action, record
from cartpath.cases.access import get_case
from cartpath.cases.models import Case, CaseEvent
from cartpath.cases.services import log_event
from cartpath.coordination import documents, notify
from cartpath.coordination.models import (Consent, ProposedSlot, Referral, ReferralReminder,
                                          StoredFile, Thread)
from cartpath.coordination.people import family_members, is_partner, partner_staff, team_contacts

WAITING = (Referral.Status.SENT, Referral.Status.VIEWED)
ANSWERS = (Referral.Status.ACCEPTED, Referral.Status.DECLINED, Referral.Status.MORE_INFO)


class ReferralError(ValueError):
    """A referral that cannot be sent or answered as asked; the message says why."""


def reminder_days() -> int:
    return int(getattr(settings, "CARTPATH_REFERRAL_REMINDER_DAYS", 3))


def needs_cross_border(case: Case, organisation: Organisation) -> bool:
    """A transfer to another country needs its own explicit consent (GDPR Art. 49(1)(a)).
    An unknown country on either side counts as different: we cannot show it is not."""
    return (case.patient.country or "").upper() != (organisation.country or "").upper()


@dataclass
class ShareChoice:
    purpose: str = Consent.Purpose.REFERRAL
    share_summary: bool = True
    share_prescreen: bool = True
    share_trials: bool = True
    document_ids: tuple[str, ...] = ()


def send_referrals(request: HttpRequest | None, case: Case, organisations: list[Organisation],
                   choice: ShareChoice, *, cross_border_agreed: set[int], note: str = "",
                   actor=None) -> list[Referral]:  # noqa: ANN001
    """One consent and one referral per recipient, all or none."""
    actor = actor or getattr(request, "user", None)
    if not organisations:
        raise ReferralError("Choose at least one centre.")
    known = {d.id for d in documents.case_documents(case)}
    unknown = [d for d in choice.document_ids if d not in known]
    if unknown:
        raise ReferralError("Some chosen documents are not part of this case.")
    live = set(case.referrals.live().values_list("organisation_id", flat=True))
    for org in organisations:
        if org.id in live:
            raise ReferralError(f"{org.name} already has this case.")
        if needs_cross_border(case, org) and org.id not in cross_border_agreed:
            raise ReferralError(
                f"{org.name} is in another country ({org.country or 'unknown'}): record the "
                "patient's consent to the cross-border transfer first.")
    sent = []
    with transaction.atomic():
        for org in organisations:
            consent = Consent.objects.create(
                case=case, recipient=org, purpose=choice.purpose,
                cross_border=needs_cross_border(case, org),
                share_summary=choice.share_summary, share_prescreen=choice.share_prescreen,
                share_trials=choice.share_trials, shared_document_ids=list(choice.document_ids),
                recorded_by=actor)
            referral = Referral.objects.create(
                case=case, organisation=org, consent=consent, status=Referral.Status.SENT,
                note=note, created_by=actor, sent_at=timezone.now())
            Thread.objects.create(case=case, kind=Thread.Kind.PARTNER, referral=referral)
            log_event(case, CaseEvent.Kind.REFERRAL, f"Referral sent to {org.name}", actor,
                      family_visible=True)
            record(request, Action.SHARE, referral, case=case, actor=actor,
                   summary=f"referral to {org.name}; consent {consent.public_id}; "
                           f"{len(choice.document_ids)} document(s)")
            sent.append(referral)
    for referral in sent:
        notify.send("referral", partner_staff(referral.organisation),
                    reverse("coordination:partner_referral", args=[referral.public_id]))
    return sent


def withdraw_consent(request: HttpRequest | None, consent: Consent, actor=None) -> Consent:  # noqa: ANN001
    """Stops the recipient's access at once: ``Referral.objects.live()`` no longer lists it."""
    actor = actor or getattr(request, "user", None)
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.withdrawn_at is not None:
            return consent
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        consent.referrals.exclude(status=Referral.Status.WITHDRAWN).update(
            status=Referral.Status.WITHDRAWN)
        log_event(consent.case, CaseEvent.Kind.REFERRAL,
                  f"Consent to share with {consent.recipient.name} withdrawn", actor,
                  family_visible=True)
        record(request, Action.UPDATE, consent, case=consent.case, actor=actor,
               summary=f"consent withdrawn for {consent.recipient.name}")
    return consent


# --------------------------------------------------------------------------- partner side

def partner_referrals(user):  # noqa: ANN001, ANN201
    """The referrals a partner user may open: live ones to their own organisation."""
    if not is_partner(user):
        return Referral.objects.none()
    return Referral.objects.live().filter(organisation_id=user.organisation_id).select_related(
        "case__patient", "organisation", "consent")


def get_partner_referral(request: HttpRequest, referral_id: str, *,
                         action: str = Action.VIEW) -> Referral:
    """The referral if this partner may open it, else 404 (exactly as a missing one)."""
    referral = partner_referrals(request.user).filter(public_id=referral_id).first()
    if referral is None:
        record(request, Action.DENIED, object_type="coordination.Referral",
               object_id=referral_id[:64], summary="referral not visible to this user")
        raise Http404("No such referral")
    # The case itself goes through the one access gate as well (and is audited there).
    referral.case = get_case(request, referral.case.public_id, action=action,
                             summary=f"referral {referral.public_id}")
    return referral


def mark_viewed(request: HttpRequest, referral: Referral) -> Referral:
    if referral.viewed_at is not None:
        return referral
    with transaction.atomic():
        updated = Referral.objects.filter(pk=referral.pk, viewed_at__isnull=True).update(
            viewed_at=timezone.now())
        if updated:
            Referral.objects.filter(pk=referral.pk, status=Referral.Status.SENT).update(
                status=Referral.Status.VIEWED)
            log_event(referral.case, CaseEvent.Kind.REFERRAL,
                      f"{referral.organisation.name} opened the referral", request.user)
    referral.refresh_from_db()
    return referral


def reply(request: HttpRequest, referral: Referral, decision: str, reason: str = "") -> Referral:
    if decision not in ANSWERS:
        raise ReferralError("Answer accept, decline or more information needed.")
    reason = (reason or "").strip()
    if decision in (Referral.Status.DECLINED, Referral.Status.MORE_INFO) and not reason:
        raise ReferralError("Say why (a reason is required to decline or to ask for more).")
    with transaction.atomic():
        referral.status, referral.reply_reason = decision, reason[:2000]
        referral.replied_at = timezone.now()
        if referral.viewed_at is None:
            referral.viewed_at = referral.replied_at
        referral.save(update_fields=["status", "reply_reason", "replied_at", "viewed_at"])
        label = Referral.Status(decision).label
        log_event(referral.case, CaseEvent.Kind.REFERRAL,
                  f"{referral.organisation.name}: {label}", request.user, family_visible=True)
        record(request, Action.UPDATE, referral, case=referral.case, summary=f"reply: {decision}")
    notify.send("reply", team_contacts(referral.case),
                reverse("coordination:case_referrals", args=[referral.case.public_id]))
    return referral


def propose_slot(request: HttpRequest, referral: Referral, *, kind: str,
                 starts_at: dt.datetime, ends_at: dt.datetime | None = None,
                 location: str = "", note: str = "") -> ProposedSlot:
    if ends_at is not None and ends_at <= starts_at:
        raise ReferralError("The end must be after the start.")
    with transaction.atomic():
        slot = ProposedSlot.objects.create(referral=referral, kind=kind, starts_at=starts_at,
                                           ends_at=ends_at, location=location[:200],
                                           note=note[:500], proposed_by=request.user)
        log_event(referral.case, CaseEvent.Kind.REFERRAL,
                  f"{referral.organisation.name} proposed a {slot.get_kind_display().lower()}",
                  request.user)
        record(request, Action.CREATE, slot, case=referral.case, summary="date proposed")
    notify.send("reply", team_contacts(referral.case),
                reverse("coordination:case_referrals", args=[referral.case.public_id]))
    return slot


def upload_back(request: HttpRequest, referral: Referral, filename: str, content: bytes,
                content_type: str) -> StoredFile:
    """A partner's document for the case: to the vault when it takes files, else kept here
    encrypted. Either way the referral lists it, so both sides find it."""
    filename = filename.replace("/", "_").replace("\\", "_")[:200] or "document"
    try:
        vault_id = documents.store_in_vault(request, referral.case, filename, content,
                                            request.user)
    except documents.VaultRefused as exc:
        raise ReferralError(str(exc)) from exc
    with transaction.atomic():
        stored = StoredFile(case=referral.case, referral=referral,
                            purpose=StoredFile.Purpose.PARTNER_UPLOAD, filename=filename,
                            content_type=content_type[:100] or "application/octet-stream",
                            size=len(content), uploaded_by=request.user)
        if vault_id:
            stored.vault_document_id = vault_id
            stored.sha256 = hashlib.sha256(content).hexdigest()
        else:
            stored.storage_name, stored.sha256 = documents.encrypt_and_store(
                content, stored.public_id)
        stored.save()
        log_event(referral.case, CaseEvent.Kind.DOCUMENT,
                  f"{referral.organisation.name} sent a document", request.user)
        record(request, Action.CREATE, stored, case=referral.case,
               summary=f"partner upload ({stored.size} bytes)")
    notify.send("reply", team_contacts(referral.case),
                reverse("coordination:case_referrals", args=[referral.case.public_id]))
    return stored


# --------------------------------------------------------------------------- reminders

def due_for_reminder(now: dt.datetime | None = None):  # noqa: ANN201
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=reminder_days())
    return Referral.objects.live().filter(status__in=WAITING, sent_at__lte=cutoff).select_related(
        "organisation", "case")


def send_reminders(now: dt.datetime | None = None) -> list[Referral]:
    """Remind partners of referrals unanswered for the configured number of days: at most
    one reminder per referral and day, so running this twice the same day sends nothing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    reminded = []
    for referral in due_for_reminder(now):
        try:
            with transaction.atomic():
                _, created = ReferralReminder.objects.get_or_create(referral=referral, day=today)
        except IntegrityError:  # a concurrent run took it
            continue
        if not created:
            continue
        log_event(referral.case, CaseEvent.Kind.REFERRAL,
                  f"Reminder sent to {referral.organisation.name}")
        record(None, Action.UPDATE, referral, case=referral.case, summary="reminder sent")
        notify.send("reminder", partner_staff(referral.organisation),
                    reverse("coordination:partner_referral", args=[referral.public_id]))
        reminded.append(referral)
    return reminded


def family_referral_view(case: Case) -> list[Referral]:
    """What the family sees of its referrals (names and states, not the packets)."""
    return list(case.referrals.exclude(status=Referral.Status.DRAFT).select_related(
        "organisation", "consent"))


__all__ = ["ReferralError", "ShareChoice", "family_members", "get_partner_referral",
           "mark_viewed", "needs_cross_border", "partner_referrals", "propose_slot", "reply",
           "send_referrals", "send_reminders", "upload_back", "withdraw_consent"]
