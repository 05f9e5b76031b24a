"""What a referral packet holds, as plain data. Django-free.

Built by ``cartpath.coordination.packet`` from the case and the recipient's consent, then
rendered as HTML, PDF and FHIR. A section the patient did not consent to share is ``None`` and
is named in ``withheld``, so every rendering can say "not shared" instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


PURPOSE_LABELS = {"referral": "Assessment for treatment",
                  "trial_screening": "Clinical-trial screening"}


@dataclass(frozen=True)
class PacketDocument:
    id: str
    title: str
    content_type: str
    language: str = ""


@dataclass(frozen=True)
class PacketPatient:
    reference: str
    full_name: str
    date_of_birth: dt.date | None
    sex: str
    country: str
    city: str
    language: str


@dataclass
class Packet:
    referral_id: str
    case_ref: str
    recipient_id: str
    recipient_name: str
    recipient_country: str
    purpose: str
    cross_border: bool
    consent_id: str
    consent_granted_at: dt.datetime
    created_at: dt.datetime
    note: str = ""
    patient: PacketPatient | None = None
    diagnosis_summary: str = ""
    disease: str = ""
    facts: dict[str, Any] | None = None
    prescreen: dict[str, Any] | None = None
    trials: list[dict[str, Any]] | None = None
    documents: list[PacketDocument] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)

    @property
    def purpose_label(self) -> str:
        return PURPOSE_LABELS.get(self.purpose, self.purpose)

    @property
    def has_summary(self) -> bool:
        return self.patient is not None
