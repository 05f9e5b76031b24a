"""A referral packet as a FHIR R4 Bundle (validated with fhir.resources' R4B models).

Django-free. Resources: Patient, Organization (the recipient), Condition (ICD-10-CM and,
where the reference verifies one, SNOMED CT), Observation (ECOG, LOINC 89247-1),
MedicationStatement per prior line, Procedure for a prior transplant, DocumentReference per
consented document, and the Consent that allowed the share (purpose TREAT or HRESCH).
Codes come from /work/shared/reference/anchors.md §4.2: category-level ICD-10-CM codes only,
because remission/relapse subcodes need facts a packet may not have; displays of SNOMED codes
are left out on purpose (the reference asks to confirm them on a terminology server).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from cartpath.coordination.packet_data import Packet

ICD10 = "http://hl7.org/fhir/sid/icd-10-cm"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason"

# disease code of the clinical vocabulary -> (ICD-10-CM category, its title, SNOMED CT or None)
DIAGNOSES: dict[str, tuple[str, str, str | None]] = {
    "LBCL": ("C83.3", "Diffuse large B-cell lymphoma", "413537009"),
    "PMBCL": ("C85.2", "Mediastinal (thymic) large B-cell lymphoma", None),
    "FL": ("C82", "Follicular lymphoma", None),
    "MCL": ("C83.1", "Mantle cell lymphoma", "443487006"),
    "B_ALL": ("C91.0", "Acute lymphoblastic leukemia", None),
    "MM": ("C90.0", "Multiple myeloma", "109989006"),
    "CLL_SLL": ("C91.1", "Chronic lymphocytic leukemia of B-cell type", None),
}
PURPOSES = {"referral": ("TREAT", "treatment"), "trial_screening": ("HRESCH", "healthcare research")}


def _urn() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def _entry(resource: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return _urn(), resource


def condition(packet: Packet, patient_ref: str) -> dict[str, Any]:
    codings = []
    coded = DIAGNOSES.get(packet.disease)
    if coded:
        icd, title, snomed = coded
        codings.append({"system": ICD10, "code": icd, "display": title})
        if snomed:
            codings.append({"system": SNOMED, "code": snomed})
    code: dict[str, Any] = {"text": packet.diagnosis_summary or (coded[1] if coded else
                                                                 "Diagnosis as reported")}
    if codings:
        code["coding"] = codings
    return {"resourceType": "Condition", "subject": {"reference": patient_ref}, "code": code,
            "category": [{"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/condition-category",
                "code": "problem-list-item"}]}]}


def observations(packet: Packet, patient_ref: str) -> list[dict[str, Any]]:
    facts = packet.facts or {}
    out = []
    if isinstance(facts.get("ecog"), int):
        out.append({"resourceType": "Observation", "status": "final",
                    "code": {"coding": [{"system": LOINC, "code": "89247-1",
                                         "display": "ECOG Performance Status score"}]},
                    "subject": {"reference": patient_ref},
                    "valueInteger": facts["ecog"]})
    for lab in facts.get("labs") or []:
        if not isinstance(lab, dict) or not lab.get("loinc") or lab.get("value") is None:
            continue
        quantity: dict[str, Any] = {"value": lab["value"]}
        if lab.get("unit"):
            quantity["unit"] = str(lab["unit"])
        out.append({"resourceType": "Observation", "status": "final",
                    "code": {"coding": [{"system": LOINC, "code": str(lab["loinc"])}],
                             "text": str(lab.get("name") or lab["loinc"])},
                    "subject": {"reference": patient_ref}, "valueQuantity": quantity})
    return out


def medication_statements(packet: Packet, patient_ref: str) -> list[dict[str, Any]]:
    out = []
    for line in (packet.facts or {}).get("prior_lines") or []:
        if not isinstance(line, dict):
            continue
        text = line.get("regimen") or ", ".join(line.get("drugs") or []) or "Prior therapy"
        note = f"Line {line.get('line', '?')}"
        if line.get("best_response"):
            note += f"; best response {line['best_response']}"
        out.append({"resourceType": "MedicationStatement", "status": "completed",
                    "medicationCodeableConcept": {"text": str(text)},
                    "subject": {"reference": patient_ref}, "note": [{"text": note}]})
    return out


def procedures(packet: Packet, patient_ref: str) -> list[dict[str, Any]]:
    facts = packet.facts or {}
    out = []
    if facts.get("prior_allo_hct") is True:
        out.append({"resourceType": "Procedure", "status": "completed",
                    "code": {"text": "Allogeneic haematopoietic stem cell transplant"},
                    "subject": {"reference": patient_ref}})
    return out


def patient_resource(packet: Packet) -> dict[str, Any]:
    p = packet.patient
    resource: dict[str, Any] = {"resourceType": "Patient",
                                "identifier": [{"system": "urn:cartpath:case",
                                                "value": packet.case_ref}]}
    if p is None:
        return resource
    resource["name"] = [{"text": p.full_name}]
    if p.sex in ("female", "male", "other"):
        resource["gender"] = p.sex
    if p.date_of_birth:
        resource["birthDate"] = p.date_of_birth.isoformat()
    if p.city or p.country:
        resource["address"] = [{k: v for k, v in (("city", p.city), ("country", p.country))
                                if v}]
    if p.language:
        resource["communication"] = [{"language": {"coding": [
            {"system": "urn:ietf:bcp:47", "code": p.language}]}, "preferred": True}]
    return resource


def consent_resource(packet: Packet, patient_ref: str, org_ref: str,
                     doc_refs: list[str]) -> dict[str, Any]:
    code, display = PURPOSES.get(packet.purpose, PURPOSES["referral"])
    provision: dict[str, Any] = {
        "type": "permit",
        "actor": [{"role": {"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
            "code": "IRCP", "display": "information recipient"}]},
            "reference": {"reference": org_ref}}],
        "purpose": [{"system": ACT_REASON, "code": code, "display": display}],
    }
    if doc_refs:
        provision["data"] = [{"meaning": "instance", "reference": {"reference": ref}}
                             for ref in doc_refs]
    return {
        "resourceType": "Consent", "status": "active",
        "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope",
                              "code": "patient-privacy"}]},
        "category": [{"coding": [{"system": LOINC, "code": "59284-0",
                                  "display": "Patient Consent"}]}],
        "patient": {"reference": patient_ref},
        "dateTime": packet.consent_granted_at.isoformat(),
        "organization": [{"reference": org_ref}],
        "identifier": [{"system": "urn:cartpath:consent", "value": packet.consent_id}],
        "policyRule": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                                   "code": "OPTIN"}],
                       "text": ("opt-in, cross-border transfer agreed" if packet.cross_border
                                else "opt-in")},
        "provision": provision,
    }


def build_bundle(packet: Packet, document_url: str = "") -> dict[str, Any]:
    """The packet as a Bundle of type collection (a plain JSON-able dict)."""
    entries: list[tuple[str, dict[str, Any]]] = []
    patient_ref, patient = _entry(patient_resource(packet))
    entries.append((patient_ref, patient))
    org_ref, org = _entry({"resourceType": "Organization", "name": packet.recipient_name,
                           "identifier": [{"system": "urn:cartpath:organisation",
                                           "value": packet.recipient_id}]})
    entries.append((org_ref, org))
    if packet.has_summary:
        entries.append(_entry(condition(packet, patient_ref)))
        entries.extend(_entry(r) for r in observations(packet, patient_ref))
        entries.extend(_entry(r) for r in medication_statements(packet, patient_ref))
        entries.extend(_entry(r) for r in procedures(packet, patient_ref))
    doc_refs = []
    for doc in packet.documents:
        attachment: dict[str, Any] = {"contentType": doc.content_type, "title": doc.title}
        if doc.language:
            attachment["language"] = doc.language
        if document_url:
            attachment["url"] = document_url.replace("{id}", doc.id)
        ref, resource = _entry({"resourceType": "DocumentReference", "status": "current",
                                "identifier": [{"system": "urn:cartpath:document",
                                                "value": doc.id}],
                                "subject": {"reference": patient_ref},
                                "content": [{"attachment": attachment}]})
        doc_refs.append(ref)
        entries.append((ref, resource))
    entries.append(_entry(consent_resource(packet, patient_ref, org_ref, doc_refs)))
    return {
        "resourceType": "Bundle", "type": "collection",
        "identifier": {"system": "urn:cartpath:referral", "value": packet.referral_id},
        "timestamp": packet.created_at.astimezone(dt.timezone.utc).isoformat(),
        "entry": [{"fullUrl": ref, "resource": resource} for ref, resource in entries],
    }


def validate_bundle(bundle: dict[str, Any]):  # noqa: ANN201
    """Parse with the R4B models; raises pydantic's ValidationError when invalid."""
    from fhir.resources.R4B.bundle import Bundle

    return Bundle.model_validate(bundle)
