from __future__ import annotations

from cartpath.documents import page_count, process_document, read_page
from tests.documents.builders import b64, fhir_bundle, text_pdf


def _loinc(code: str, display: str, value: float, unit: str) -> dict:
    return {"resourceType": "Observation", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": code,
                                 "display": display}]},
            "valueQuantity": {"value": value, "unit": unit}}


BUNDLE = fhir_bundle(
    {"resourceType": "Patient", "gender": "female"},
    {"resourceType": "Condition",
     "clinicalStatus": {"coding": [{"code": "active"}]},
     "verificationStatus": {"coding": [{"code": "confirmed"}]},
     "code": {"coding": [{"system": "http://snomed.info/sct", "code": "109969005",
                          "display": "Diffuse large B-cell lymphoma"}]}},
    {"resourceType": "Condition",
     "verificationStatus": {"coding": [{"code": "refuted"}]},
     "code": {"text": "Multiple myeloma"}},
    _loinc("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", 1.1, "mg/dL"),
    _loinc("777-3", "Platelets [#/volume] in Blood by Automated count", 145, "10*3/uL"),
    {"resourceType": "MedicationStatement", "status": "completed",
     "medicationCodeableConcept": {"text": "rituximab"},
     "effectivePeriod": {"start": "2020-01-05", "end": "2020-06-20"}},
    {"resourceType": "MedicationStatement", "status": "intended",
     "medicationCodeableConcept": {"text": "lenalidomide"}},
    {"resourceType": "Procedure", "status": "completed",
     "code": {"text": "Autologous hematopoietic stem cell transplant"},
     "performedDateTime": "2021-03-01"},
    {"resourceType": "Encounter", "status": "finished"},
)


def test_a_bundle_becomes_one_readable_page_per_resource():
    assert page_count(BUNDLE, "fhir") == 8
    assert "Diffuse large B-cell lymphoma" in read_page(BUNDLE, "fhir", 1).text


def test_structured_fhir_resources_become_facts_with_evidence():
    result = process_document(BUNDLE)
    facts = result.extraction.facts
    assert facts["sex"] == "female"
    assert (facts["disease"], facts["histology"]) == ("LBCL", "DLBCL_NOS")
    assert {(lab["name"], lab["value"]) for lab in facts["labs"]} == {("creatinine", 1.1),
                                                                      ("platelets", 145)}
    therapy = next(t for t in facts["therapies"] if t["regimen"] == "rituximab")
    assert therapy["start"] == "2020-01-05" and therapy["end"] == "2020-06-20"
    assert facts["transplant"]["autologous"] is True
    texts = {p.index + 1: p.text for p in result.pages}
    for item in result.extraction.evidence_dicts():
        assert texts[item["page"]][item["start"]:item["end"]] == item["text"]


def test_refuted_conditions_and_intended_medications_are_not_facts():
    facts = process_document(BUNDLE).extraction.facts
    assert all(d["disease"] != "MM" for d in facts["diagnoses"])
    assert all("lenalidomide" not in t["drugs"] for t in facts["therapies"])


def test_a_document_reference_with_attached_text_and_pdf_is_read():
    note = b"Flow cytometry: CD19 positive, CD20 negative B-cell population."
    pdf = text_pdf("Bone marrow biopsy: multiple myeloma with 40% plasma cells. " * 3)
    resource = {"resourceType": "DocumentReference", "status": "current",
                "type": {"text": "Pathology report"},
                "content": [{"attachment": {"contentType": "text/plain", "data": b64(note)}},
                            {"attachment": {"contentType": "application/pdf", "data": b64(pdf)}}]}
    import json
    data = json.dumps(resource).encode()
    result = process_document(data)
    assert result.info.page_count == 3
    assert result.pages[2].method == "text_layer"
    facts = result.extraction.facts
    assert {(m["marker"], m["result"]) for m in facts["antigen_markers"]} == {
        ("CD19", "positive"), ("CD20", "negative")}
    assert facts["disease"] == "MM"


def test_a_single_diagnostic_report_resource_is_accepted():
    import json
    report = {"resourceType": "DiagnosticReport", "status": "final",
              "code": {"text": "Surgical pathology"},
              "conclusion": "Follicular lymphoma, grade 1-2."}
    facts = process_document(json.dumps(report).encode()).extraction.facts
    assert facts["histology"] == "FL_grade_1_2"
