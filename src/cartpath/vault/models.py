"""Documents of a case, their pages and the facts read from them.

The original file is stored once, encrypted, and never changed: there is no update path. What
processing derives (page text, page images) lives beside it, encrypted under the same document
data key, and can be thrown away and rebuilt at any time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cartpath.accounts.models import opaque_id
from cartpath.cases.models import Case

DOCUMENT_TYPE_LABELS = {
    "pathology": _("Pathology"),
    "flow_cytometry": _("Flow cytometry"),
    "imaging": _("Imaging"),
    "laboratory": _("Labs"),
    "discharge_summary": _("Discharge summary"),
    "consult_note": _("Consult note"),
    "treatment_summary": _("Treatment summary"),
    "other": _("Other"),
}


class Document(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be read")
        PROCESSING = "processing", _("Being read")
        READY = "ready", _("Read")
        FAILED = "failed", _("Could not be read")
        REFUSED = "refused", _("Refused")
        DUPLICATE = "duplicate", _("Duplicate")

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Client names are data, never paths: stored only after neutralisation.
    name = models.CharField(max_length=130)
    size = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    mime = models.CharField(max_length=120, blank=True)
    kind = models.CharField(max_length=10, blank=True)
    page_count = models.PositiveIntegerField(default=0)
    document_type = models.CharField(max_length=20, default="other")
    type_cues = models.JSONField(default=list, blank=True)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED,
                              db_index=True)
    refusal_code = models.CharField(max_length=40, blank=True)
    refusal_message = models.CharField(max_length=300, blank=True)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="duplicates")

    # Encryption: where the ciphertext is and the wrapped per-document data key.
    blob_name = models.CharField(max_length=200, blank=True)
    key_id = models.CharField(max_length=40, blank=True, db_index=True)
    wrapped_key = models.BinaryField(null=True, blank=True)

    # Processing: a durable job reports through these columns (progress, liveness, retries).
    stage = models.CharField(max_length=20, blank=True)
    pages_read = models.PositiveIntegerField(default=0)
    pages_rendered = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    job_id = models.CharField(max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            # One stored copy of a given file per case; duplicates are recorded without bytes.
            models.UniqueConstraint(fields=["case", "sha256"], name="vault_one_copy_per_case",
                                    condition=~models.Q(status__in=["refused", "duplicate"])),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def type_label(self) -> str:
        return str(DOCUMENT_TYPE_LABELS.get(self.document_type, self.document_type))

    @property
    def has_content(self) -> bool:
        return bool(self.blob_name)

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.PROCESSING)

    @property
    def progress_text(self) -> str:
        if self.status == self.Status.PROCESSING and self.stage == "reading":
            return f"Reading page {min(self.pages_read + 1, self.page_count)} of {self.page_count}"
        if self.status == self.Status.PROCESSING and self.stage == "rendering":
            return f"Preparing page images ({self.pages_rendered} of {self.page_count})"
        if self.status == self.Status.PROCESSING and self.stage:
            return {"starting": "Starting", "classifying": "Working out the document type",
                    "extracting": "Finding facts"}.get(self.stage, self.stage.title())
        if self.status == self.Status.FAILED:
            return self.error or str(self.get_status_display())
        if self.status == self.Status.REFUSED:
            return self.refusal_message
        return str(self.get_status_display())

    @property
    def progress_percent(self) -> int:
        if self.status == self.Status.READY:
            return 100
        if not self.page_count:
            return 0
        done = self.pages_read + self.pages_rendered
        return min(99, int(100 * done / (2 * self.page_count)))


class DocumentPage(models.Model):
    """What a job learned about one page; stored as soon as the page is done, so a restarted
    job skips it. Text is encrypted with the document's data key."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    index = models.PositiveIntegerField()  # 0-based
    method = models.CharField(max_length=20)
    assertion = models.CharField(max_length=20, blank=True)
    text_blob = models.BinaryField()
    chars = models.PositiveIntegerField(default=0)
    image_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "index"]
        constraints = [models.UniqueConstraint(fields=["document", "index"],
                                               name="vault_one_row_per_page")]


class Fact(models.Model):
    """One value for one field of the case, with where it came from and its review."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("To review")
        CONFIRMED = "confirmed", _("Confirmed")
        CORRECTED = "corrected", _("Corrected")
        REJECTED = "rejected", _("Rejected")

    class Source(models.TextChoices):
        DOCUMENT = "document", _("Read from a document")
        NAVIGATOR = "navigator", _("Entered by a navigator")

    public_id = models.CharField(max_length=32, unique=True, default=opaque_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="facts")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="facts")
    field = models.CharField(max_length=60, db_index=True)
    value = models.JSONField(null=True)
    corrected_value = models.JSONField(null=True, blank=True)
    # Primary evidence; ``evidence`` keeps every item (the contract's {field,page,start,end,text}).
    page = models.PositiveIntegerField(null=True, blank=True)  # 1-based, as in the contract
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    text = models.CharField(max_length=500, blank=True)
    evidence = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.DOCUMENT)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED,
                              db_index=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["field", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.field} = {self.effective_value!r}"

    @property
    def effective_value(self):  # noqa: ANN201
        return self.corrected_value if self.status == self.Status.CORRECTED else self.value

    @property
    def display_value(self) -> str:
        return display(self.effective_value)

    @property
    def display_original(self) -> str:
        return display(self.value)

    @property
    def accepted(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.CORRECTED)


def display(value) -> str:  # noqa: ANN001
    """A value as a person reads it: ``R-CHOP (drugs: rituximab, ...)`` rather than JSON."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(display(item) for item in value) or "none"
    if isinstance(value, dict):
        parts = [f"{key.replace('_', ' ')}: {display(item)}" for key, item in value.items()
                 if item not in (None, [], {})]
        return "; ".join(parts)
    return str(value)
