"""What the family is asked to provide: one row per document request on a case.

A navigator's internal Task is about the team's work; a DocumentRequest is addressed to the
family and shown in the portal in plain words. The questionnaire creates the first ones from
the pre-screen's unknowns; a request is closed when the family (or navigator) marks it done.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cartpath.accounts.models import opaque_id
from cartpath.cases.models import Case


class DocumentRequest(models.Model):
    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="document_requests")
    # The case-facts field this document would settle ("" for a free request).
    fact = models.CharField(max_length=60, blank=True)
    title = models.CharField(_("document"), max_length=200)
    detail = models.CharField(_("what it should show"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    fulfilled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["fulfilled_at", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "fact"], condition=~models.Q(fact=""),
                                               name="one_request_per_fact")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.fulfilled_at is None
