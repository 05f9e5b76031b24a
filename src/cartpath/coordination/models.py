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


# --------------------------------------------------------------------------- directory

class Centre(models.Model):
    """What the directory knows about a partner organisation (FHIR Organization + Location +
    HealthcareService): where it is, which products it may give, its trial sites and desk."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="centre")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # The treatment site's time zone: appointments are written in it (patients travel).
    timezone = models.CharField(max_length=64, blank=True, default="UTC")
    products = models.JSONField(default=list, blank=True)
    trial_sites = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    accreditations = models.TextField(blank=True)
    international_contact = models.CharField(max_length=200, blank=True)
    international_email = models.EmailField(blank=True)
    international_phone = models.CharField(max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation)


# --------------------------------------------------------------------------- referral extras

class ReferralReminder(models.Model):
    """One reminder sent for an unanswered referral; unique per day so the command is
    idempotent however often it runs."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="reminders")
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["referral", "day"],
                                               name="one_reminder_per_referral_per_day")]


class ProposedSlot(models.Model):
    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("Consultation")
        APHERESIS = "apheresis", _("Apheresis slot")
        OTHER = "other", _("Other")

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="slots")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CONSULTATION)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=500, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    appointment = models.OneToOneField("Appointment", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="slot")

    class Meta:
        ordering = ["starts_at"]


class StoredFile(models.Model):
    """A file this app keeps itself (partner uploads, translations) when the vault cannot:
    the bytes are encrypted at rest; ``vault_document_id`` is set when the vault took it."""

    class Purpose(models.TextChoices):
        PARTNER_UPLOAD = "partner_upload", _("Sent by a partner")
        TRANSLATION = "translation", _("Translation")

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="coordination_files")
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="attachments")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100, default="application/octet-stream")
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    storage_name = models.CharField(max_length=300, blank=True)
    vault_document_id = models.CharField(max_length=64, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at"]


# --------------------------------------------------------------------------- messaging

class Thread(models.Model):
    """A conversation about one case: the family's with the team, or the team's with one
    partner about one referral (FHIR Communication, partOf the referral)."""

    class Kind(models.TextChoices):
        FAMILY = "family", _("Family and navigator")
        PARTNER = "partner", _("Navigator and partner")

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="threads")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    referral = models.OneToOneField(Referral, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="thread")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "created_at"]
        constraints = [models.UniqueConstraint(
            fields=["case"], condition=Q(kind="family"), name="one_family_thread_per_case")]


class Message(models.Model):
    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    body = models.TextField()
    # Vault documents by reference; never copies.
    document_ids = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]


class ThreadRead(models.Model):
    """How far one participant has read one thread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_until = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"],
                                               name="one_read_state_per_participant")]


# --------------------------------------------------------------------------- translation

class TranslationRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="translations")
    source_document_id = models.CharField(max_length=64)
    source_title = models.CharField(max_length=200, blank=True)
    source_language = models.CharField(max_length=10, blank=True)
    target_language = models.CharField(max_length=10)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    engine = models.CharField(max_length=60, blank=True,
                              help_text=_("Machine engine used, empty for a human translator."))
    result = models.OneToOneField(StoredFile, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="translation")
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


# --------------------------------------------------------------------------- appointments

def ical_uid() -> str:
    return f"{opaque_id()}@cartpath"


class Appointment(models.Model):
    """FHIR Appointment; exported as an iCalendar VEVENT whose UID never changes and whose
    SEQUENCE grows with each update, so calendars replace rather than duplicate it."""

    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("Consultation")
        APHERESIS = "apheresis", _("Apheresis")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    uid = models.CharField(max_length=80, unique=True, default=ical_uid, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appointments")
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="appointments")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CONSULTATION)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    timezone = models.CharField(max_length=64, default="UTC")
    location = models.CharField(max_length=200, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
