"""The treatment journey of a case: phases with planned and actual dates, the family's diary,
clinician assessments, blood counts, the stay planner and alerts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cartpath.accounts.models import long_token, opaque_id
from cartpath.clinical.journey import PHASE_LABELS, Phase, Status

PHASE_CHOICES = [(p.value, PHASE_LABELS[p]) for p in Phase]
STATUS_CHOICES = [(s.value, s.value.replace("_", " ")) for s in Status]


class Journey(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="journey")
    product_code = models.CharField(_("product"), max_length=30)
    indication_id = models.CharField(_("indication"), max_length=40, blank=True)
    time_zone = models.CharField(_("time zone of the treating centre"), max_length=64,
                                 default="UTC")
    centre_name = models.CharField(_("treating centre"), max_length=200, blank=True)
    centre_phone = models.CharField(_("centre phone (24 h)"), max_length=40, blank=True)
    planned_day0 = models.DateField(_("planned infusion day 0"), null=True, blank=True)
    cancelled = models.BooleanField(default=False)
    # Travel and stay planner, filled in by the navigator and the family.
    caregiver_name = models.CharField(_("caregiver during the stay"), max_length=200, blank=True)
    lodging = models.CharField(_("lodging near the centre"), max_length=300, blank=True)
    international = models.BooleanField(_("patient travels from another country"), default=False)
    checklist = models.JSONField(default=dict, blank=True)
    # Secret link for the calendar feed; empty when revoked.
    calendar_token = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.product_code} journey of {self.case}"


class PhaseRecord(models.Model):
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(max_length=20, choices=PHASE_CHOICES)
    order = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=Status.PLANNED)
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    attempt = models.PositiveSmallIntegerField(default=1)
    doses = models.JSONField(default=list, blank=True)  # ISO dates of infusion doses
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["journey", "phase"],
                                               name="one_record_per_phase")]

    @property
    def label(self) -> str:
        return PHASE_LABELS[Phase(self.phase)]


class CostItem(models.Model):
    class Payer(models.TextChoices):
        FAMILY = "family", _("Family")
        INSURER = "insurer", _("Insurer")
        CENTRE = "centre", _("Treatment centre")
        CHARITY = "charity", _("Charity or foundation")
        EMPLOYER = "employer", _("Employer")
        OTHER = "other", _("Other")

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="costs")
    description = models.CharField(_("item"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    payer = models.CharField(_("who pays"), max_length=10, choices=Payer.choices,
                             default=Payer.FAMILY)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class DiaryEntry(models.Model):
    """What the patient or caregiver reports at home after the infusion."""

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="diary")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)
    day_number = models.IntegerField(null=True, blank=True)
    temperature_c = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    systolic = models.PositiveSmallIntegerField(null=True, blank=True)
    diastolic = models.PositiveSmallIntegerField(null=True, blank=True)
    symptoms = models.JSONField(default=list, blank=True)
    writing_sample = models.CharField(max_length=300, blank=True)
    writing_differs = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    escalated = models.BooleanField(default=False)

    class Meta:
        ordering = ["-recorded_at", "-id"]


class Assessment(models.Model):
    """A clinician's CRS / ICANS assessment with the grades of the clinical core."""

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="assessments")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    assessed_at = models.DateTimeField(default=timezone.now, db_index=True)
    day_number = models.IntegerField(null=True, blank=True)
    crs_input = models.JSONField(default=dict)
    icans_input = models.JSONField(default=dict)
    crs_grade = models.PositiveSmallIntegerField(null=True, blank=True)
    crs_explanation = models.TextField(blank=True)
    icans_grade = models.PositiveSmallIntegerField(null=True, blank=True)
    icans_explanation = models.TextField(blank=True)

    class Meta:
        ordering = ["assessed_at", "id"]


class BloodCount(models.Model):
    """Labs before lymphodepletion (CAR-HEMATOTOX) and blood counts afterwards."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="blood_counts")
    taken_on = models.DateField()
    day_number = models.IntegerField(null=True, blank=True)
    before_lymphodepletion = models.BooleanField(default=False)
    # Each value as {"value", "unit"} in the units the laboratory used.
    values = models.JSONField(default=dict)
    hematotox = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["taken_on", "id"]


class Alert(models.Model):
    """Something the care team must see now; acknowledged by a clinician or navigator."""

    class Kind(models.TextChoices):
        FEVER = "fever", _("Fever")
        NEURO = "neuro", _("New neurological symptom")
        WRITING = "writing", _("Writing test differs")

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="journey_alerts")
    diary_entry = models.ForeignKey(DiaryEntry, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="alerts")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_notified_at = models.DateTimeField(default=timezone.now)
    escalation_level = models.PositiveSmallIntegerField(default=0)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["acknowledged_at", "-created_at"]

    @property
    def open(self) -> bool:
        return self.acknowledged_at is None


def new_calendar_token() -> str:
    return long_token()
