"""The case record: the FHIR EpisodeOfCare of one patient's path to CAR-T."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cartpath.accounts.models import Team, opaque_id
from cartpath.cases.lifecycle import LABELS, NEXT_STEP, Status

STATUS_CHOICES = [(status.value, label) for status, label in LABELS.items()]


class Patient(models.Model):
    """The person the case is about (FHIR Patient). The account is optional: a navigator
    may open a case for someone who has not signed up."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="patient")
    full_name = models.CharField(_("full name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    language = models.CharField(_("preferred language"), max_length=10, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.full_name

    def age_on(self, day) -> int | None:  # noqa: ANN001
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class Case(models.Model):
    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="cases")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    navigator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="navigated_cases")
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=Status.INQUIRY,
                              db_index=True)
    # What the family told us at intake, before any record was read.
    diagnosis_summary = models.CharField(_("diagnosis (as reported)"), max_length=200, blank=True)
    disease = models.CharField(max_length=30, blank=True, db_index=True)
    intake = models.JSONField(default=dict, blank=True)
    review_consent_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.patient} ({self.get_status_display()})"

    @property
    def next_step(self) -> str:
        return NEXT_STEP[Status(self.status)]

    @property
    def short_ref(self) -> str:
        return self.public_id[:8]


class Task(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="tasks")
    due_date = models.DateField(_("due date"), null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["state", "due_date", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return (self.state == self.State.OPEN and self.due_date is not None
                and self.due_date < timezone.localdate())


class CaseEvent(models.Model):
    """One line of the case timeline, written by the services, never edited."""

    class Kind(models.TextChoices):
        OPENED = "opened"
        STATUS = "status"
        NOTE = "note"
        TASK = "task"
        DOCUMENT = "document"
        FACT = "fact"
        PRESCREEN = "prescreen"
        REFERRAL = "referral"
        MESSAGE = "message"
        JOURNEY = "journey"
        ALERT = "alert"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.CharField(max_length=500)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Visible to the family in the portal timeline (internal notes are not).
    family_visible = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-id"]
