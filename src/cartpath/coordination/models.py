"""Consent to share and referrals to partner organisations.

Consent is recorded per recipient organisation, per purpose and for cross-border transfer;
a referral is only visible to its recipient while its consent stands.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cartpath.accounts.models import Organisation, opaque_id
from cartpath.cases.models import Case


class Consent(models.Model):
    class Purpose(models.TextChoices):
        REFERRAL = "referral", _("Assessment for treatment")
        TRIAL_SCREENING = "trial_screening", _("Clinical-trial screening")

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    recipient = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.REFERRAL)
    cross_border = models.BooleanField(
        default=False, help_text=_("The patient agreed to a transfer to another country."))
    share_summary = models.BooleanField(default=True)
    share_prescreen = models.BooleanField(default=True)
    share_trials = models.BooleanField(default=True)
    # Documents are chosen one by one; ids of vault documents.
    shared_document_ids = models.JSONField(default=list, blank=True)
    granted_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ReferralQuerySet(models.QuerySet):
    def live(self) -> "ReferralQuerySet":
        """Referrals a partner may still open: sent, not withdrawn, consent standing."""
        return self.exclude(status__in=[Referral.Status.DRAFT, Referral.Status.WITHDRAWN]).filter(
            Q(consent__withdrawn_at__isnull=True)
        )


class Referral(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        VIEWED = "viewed", _("Viewed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        MORE_INFO = "more_info", _("More information needed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="referrals")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="referrals")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    note = models.TextField(blank=True)
    reply_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    viewed_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
