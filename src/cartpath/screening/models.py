"""Every pre-screen run on a case is kept: the facts it used, the catalogue version and the
result, so a conclusion can be traced after the facts or the labels have changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cartpath.accounts.models import opaque_id
from cartpath.cases.models import Case


class PrescreenRun(models.Model):
    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="prescreens")
    run_at = models.DateTimeField(auto_now_add=True)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    catalogue_version = models.CharField(max_length=40)
    facts = models.JSONField()
    provenance = models.JSONField(default=dict, blank=True)
    result = models.JSONField()

    class Meta:
        ordering = ["-run_at", "-id"]
