from __future__ import annotations

from cartpath.documents import classify
from tests.documents.builders import mtsample


def test_it_classifies_report_types_and_explains_with_the_matched_cues():
    cases = {
        "SURGICAL PATHOLOGY REPORT\nFINAL DIAGNOSIS: Lymph node, excisional biopsy.\nGROSS "
        "DESCRIPTION: received in formalin.": "pathology",
        "FLOW CYTOMETRY IMMUNOPHENOTYPING\nGated lymphocytes show a kappa-restricted B-cell "
        "population.": "flow_cytometry",
        "EXAM: PET/CT skull base to mid-thigh\nTECHNIQUE: FDG 10 mCi\nFINDINGS: SUVmax 14.":
            "imaging",
        "LABORATORY REPORT\nTest Result Flag Units Reference range\nCreatinine 1.1 mg/dL "
        "0.6-1.2": "laboratory",
        "DISCHARGE SUMMARY\nHOSPITAL COURSE: uneventful.\nDISCHARGE MEDICATIONS: none.":
            "discharge_summary",
        "TREATMENT SUMMARY\nLine 1: R-CHOP x 6 cycles, best response CR.": "treatment_summary",
        "The weather is nice today.": "other",
    }
    for text, expected in cases.items():
        result = classify([text])
        assert result.document_type == expected, (text, result)
        assert expected == "other" or result.cues


def test_a_real_consultation_is_a_consult_note():
    assert classify([mtsample("1622")]).document_type == "consult_note"
