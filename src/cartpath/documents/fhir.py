"""FHIR R4 JSON as readable text, one page per resource (attached PDFs add their own pages).

Parsed as plain JSON rather than through fhir.resources models: real exports often break strict
validation on fields we never read, and a rejected bundle would hide everything in it. Coded
values we rely on (LOINC for labs) are checked here.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from . import errors as E
from .errors import DocumentError
from .limits import DEFAULT_LIMITS, Limits
from .sniff import FHIR_RESOURCE_TYPES, decode_text

# LOINC codes of the labs the contract names (the display text is used when the code is absent).
LOINC_LABS = {
    "2160-0": "creatinine", "38483-4": "creatinine", "14682-9": "creatinine",
    "2532-0": "ldh", "14804-9": "ldh",
    "1988-5": "crp", "30522-7": "crp",
    "2276-4": "ferritin",
    "777-3": "platelets", "26515-7": "platelets",
    "751-8": "anc", "26499-4": "anc", "753-4": "anc",
    "731-0": "alc", "26474-7": "alc",
    "6690-2": "wbc", "26464-8": "wbc",
    "718-7": "hemoglobin",
    "10230-1": "lvef", "18043-0": "lvef", "8806-2": "lvef",
    "1975-2": "bilirubin", "42719-5": "bilirubin",
    "1742-6": "alt", "1743-4": "alt", "76625-3": "alt",
    "1920-8": "ast", "30239-8": "ast",
}
LAB_LABELS = {
    "creatinine": "Creatinine", "ldh": "LDH", "crp": "CRP", "ferritin": "Ferritin",
    "platelets": "Platelets", "anc": "ANC", "alc": "ALC", "wbc": "WBC",
    "hemoglobin": "Hemoglobin", "lvef": "LVEF", "bilirubin": "Bilirubin", "alt": "ALT",
    "ast": "AST",
}
ECOG_LOINC = "89247-1"

_NEGATED_STATUS = {"refuted", "entered-in-error", "not-taken", "not-done", "stopped-before-start"}
_HYPOTHETICAL_STATUS = {"intended", "preparation", "planned", "draft", "on-hold", "provisional"}


@dataclass(frozen=True)
class FhirSource:
    """One page of a FHIR document: rendered text, or page ``pdf_page`` of an attached PDF."""

    text: str
    assertion: str | None = None
    pdf: bytes | None = None
    pdf_page: int = 0


def fhir_sources(data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[FhirSource]:
    try:
        resource = json.loads(decode_text(data))
    except ValueError as exc:
        raise DocumentError(E.INVALID_FHIR, f"The JSON could not be parsed: {exc}") from exc
    if not isinstance(resource, dict) or resource.get("resourceType") not in FHIR_RESOURCE_TYPES:
        raise DocumentError(E.UNSUPPORTED_FHIR_RESOURCE, "Not a supported FHIR resource.")
    sources: list[FhirSource] = []
    if resource["resourceType"] == "Bundle":
        entries = resource.get("entry") or []
        if not isinstance(entries, list):
            raise DocumentError(E.INVALID_FHIR, "Bundle.entry must be a list.")
        for entry in entries:
            inner = entry.get("resource") if isinstance(entry, dict) else None
            if isinstance(inner, dict):
                sources.extend(_resource_sources(inner, limits))
    else:
        sources.extend(_resource_sources(resource, limits))
    if not sources:
        sources.append(FhirSource(text=""))
    return sources


def _resource_sources(resource: dict[str, Any], limits: Limits) -> list[FhirSource]:
    rtype = resource.get("resourceType")
    render = _RENDERERS.get(rtype)
    if render is None:
        return []
    text = render(resource)
    assertion = _assertion(resource)
    sources = [FhirSource(text=text, assertion=assertion)] if text.strip() else []
    for attachment in _attachments(resource):
        sources.extend(_attachment_sources(attachment, assertion, limits))
    return sources


def _assertion(resource: dict[str, Any]) -> str | None:
    statuses = {str(resource.get("status") or "").lower()}
    for key in ("verificationStatus", "clinicalStatus"):
        statuses |= {c.lower() for c in _codes(resource.get(key))}
    if statuses & _NEGATED_STATUS:
        return "negated"
    if statuses & _HYPOTHETICAL_STATUS:
        return "hypothetical"
    return None


# --- renderers -------------------------------------------------------------------------------


def _concept_text(concept: Any) -> str:
    if not isinstance(concept, dict):
        return ""
    if concept.get("text"):
        return str(concept["text"])
    for coding in concept.get("coding") or []:
        if isinstance(coding, dict) and coding.get("display"):
            return str(coding["display"])
    return ""


def _codes(concept: Any) -> list[str]:
    if not isinstance(concept, dict):
        return []
    return [str(c.get("code")) for c in concept.get("coding") or [] if isinstance(c, dict)
            and c.get("code")]


def _period(resource: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = resource.get(key)
        if isinstance(value, str):
            return f" on {value}"
        if isinstance(value, dict) and (value.get("start") or value.get("end")):
            start, end = value.get("start"), value.get("end")
            if start and end:
                return f" from {start} to {end}"
            return f" from {start}" if start else f" until {end}"
    return ""


def _condition(r: dict[str, Any]) -> str:
    status = ", ".join(_codes(r.get("clinicalStatus")) + _codes(r.get("verificationStatus")))
    line = f"Diagnosis: {_concept_text(r.get('code'))}."
    if status:
        line += f" Status: {status}."
    onset = _period(r, "onsetDateTime", "onsetPeriod", "recordedDate")
    if onset:
        line += f" Recorded{onset}."
    return line + "\n"


def _observation(r: dict[str, Any]) -> str:
    name = _concept_text(r.get("code"))
    lab = next((LOINC_LABS[c] for c in _codes(r.get("code")) if c in LOINC_LABS), None)
    label = LAB_LABELS[lab] if lab else name
    value = ""
    quantity = r.get("valueQuantity")
    if isinstance(quantity, dict) and isinstance(quantity.get("value"), (int, float)):
        unit = quantity.get("unit") or quantity.get("code") or ""
        value = f"{_number(quantity['value'])} {unit}".strip()
    elif r.get("valueInteger") is not None:
        value = str(r["valueInteger"])
    elif r.get("valueString"):
        value = str(r["valueString"])
    elif r.get("valueCodeableConcept"):
        value = _concept_text(r["valueCodeableConcept"])
    if ECOG_LOINC in _codes(r.get("code")):
        label = "ECOG performance status"
    when = _period(r, "effectiveDateTime", "effectivePeriod")
    text = f"{label}: {value}" if value else f"{label}"
    if lab and name and name.lower() != label.lower():
        text += f" ({name})"
    if when:
        text += f". Measured{when}"
    interp = _concept_text(r.get("interpretation", [{}])[0]) if r.get("interpretation") else ""
    if interp:
        text += f". Interpretation: {interp}"
    return text + ".\n"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _medication(r: dict[str, Any]) -> str:
    name = _concept_text(r.get("medicationCodeableConcept")) or _reference_display(
        r.get("medicationReference"))
    status = r.get("status") or ""
    line = f"Medication{' (' + status + ')' if status else ''}: {name}"
    line += _period(r, "effectivePeriod", "effectiveDateTime")
    return line + ".\n"


def _procedure(r: dict[str, Any]) -> str:
    status = r.get("status") or ""
    line = f"Procedure{' (' + status + ')' if status else ''}: {_concept_text(r.get('code'))}"
    line += _period(r, "performedPeriod", "performedDateTime")
    return line + ".\n"


def _diagnostic_report(r: dict[str, Any]) -> str:
    lines = [f"Report: {_concept_text(r.get('code'))}"]
    if r.get("conclusion"):
        lines.append(f"Conclusion: {r['conclusion']}")
    for concept in r.get("conclusionCode") or []:
        text = _concept_text(concept)
        if text:
            lines.append(f"Diagnosis: {text}.")
    return "\n".join(lines) + "\n"


def _document_reference(r: dict[str, Any]) -> str:
    title = _concept_text(r.get("type")) or r.get("description") or ""
    return f"Document: {title}\n" if title else ""


def _patient(r: dict[str, Any]) -> str:
    gender = r.get("gender")
    return f"Patient sex: {gender}.\n" if gender in ("female", "male", "other") else ""


def _reference_display(ref: Any) -> str:
    return str(ref.get("display") or "") if isinstance(ref, dict) else ""


_RENDERERS = {
    "Condition": _condition,
    "Observation": _observation,
    "MedicationStatement": _medication,
    "Procedure": _procedure,
    "DiagnosticReport": _diagnostic_report,
    "DocumentReference": _document_reference,
    "Patient": _patient,
}


# --- attachments -----------------------------------------------------------------------------


def _attachments(resource: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    if resource.get("resourceType") == "DocumentReference":
        for content in resource.get("content") or []:
            if isinstance(content, dict) and isinstance(content.get("attachment"), dict):
                found.append(content["attachment"])
    for attachment in resource.get("presentedForm") or []:
        if isinstance(attachment, dict):
            found.append(attachment)
    return found


def _attachment_sources(
    attachment: dict[str, Any], assertion: str | None, limits: Limits
) -> list[FhirSource]:
    encoded = attachment.get("data")
    if not encoded:
        return []  # URL-only attachments are never fetched
    try:
        raw = base64.b64decode(encoded, validate=False)
    except (binascii.Error, ValueError) as exc:
        raise DocumentError(E.INVALID_FHIR, f"An attachment is not valid base64: {exc}") from exc
    if len(raw) > limits.max_bytes:
        raise DocumentError(E.FILE_TOO_LARGE, "An attachment exceeds the size limit.")
    content_type = str(attachment.get("contentType") or "").split(";")[0].strip().lower()
    if content_type == "application/pdf" or raw[:5] == b"%PDF-":
        from .reading import PDF, page_count

        count = page_count(raw, PDF, limits)
        return [FhirSource(text="", assertion=assertion, pdf=raw, pdf_page=i) for i in range(count)]
    if content_type.startswith("text/") or not content_type:
        text = decode_text(raw).replace("\r\n", "\n")
        return [FhirSource(text=text, assertion=assertion)] if text.strip() else []
    return []
