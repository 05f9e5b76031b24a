"""Trials a navigator has short-listed for a case, with the match as it was when chosen."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cartpath.accounts.models import opaque_id
from cartpath.cases.models import Case


class ShortlistEntry(models.Model):
    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="trial_shortlist")
    nct_id = models.CharField(max_length=20)
    title = models.CharField(max_length=500)
    note = models.CharField(max_length=500, blank=True)
    explanation = models.TextField(blank=True)
    criteria = models.JSONField(default=list, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        constraints = [models.UniqueConstraint(fields=["case", "nct_id"],
                                               name="one_entry_per_trial_per_case")]

    @property
    def url(self) -> str:
        return f"https://clinicaltrials.gov/study/{self.nct_id}"
